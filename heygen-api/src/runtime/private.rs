//! The runtime surface that `#[endpoint]` expands against. Not public API.
//!
//! Generated code names nothing else of this crate: every path it writes starts with
//! `::heygen_api::__private::`. Keeping the per-method expansion to a handful of calls into
//! these non-generic (or thinly generic) functions is what keeps the macro cheap to compile.
//!
//! THE CONTRACT (the macro crate relies on exactly these names and signatures):
//!
//! ```text
//! // a method  #[endpoint(POST "/v3/x/<id>", idempotent)]
//! //           async fn f(&self, id: &str, #[query] limit: Option<u32>, #[query(flatten)] q: &Q,
//! //                      #[body] body: &B, #[idempotency_key] key: Option<IdempotencyKey>) -> Result<T>;
//! // expands to
//! fn f(&self, id: &str, limit: Option<u32>, q: &Q, body: &B, key: Option<IdempotencyKey>)
//!     -> impl ::core::future::Future<Output = ::heygen_api::__private::Result<T>> + ::core::marker::Send
//! where
//!     Self: ::heygen_api::__private::AsClient,
//! {
//!     const __INFO: ::heygen_api::__private::EndpointInfo = ::heygen_api::__private::EndpointInfo { .. };
//!     let mut __req = ::heygen_api::__private::RequestBuilder::new(&__INFO);
//!     __req.path_param("id", &id);
//!     __req.query("limit", &limit);
//!     __req.query_flatten(&q);
//!     __req.json(&body);
//!     __req.idempotency_key(key);          // only for `idempotent`; without a key arg: __req.idempotency_key(None)
//!     ::heygen_api::__private::send::<T>(::heygen_api::__private::AsClient::client(self), __req)
//! }
//! // a `#[multipart] form: Multipart` argument (taken by value, never `&`):
//!     __req.multipart(form);
//! // inside an `#[api]` trait, the `EndpointInfo` is a constant beside the trait instead, named
//! // by the method, its stream and `ENDPOINTS`:
//!     let mut __req = ::heygen_api::__private::RequestBuilder::new(&__HEYGEN_ENDPOINT_Trait_f);
//! // `idempotency_key(..)` accepts `IdempotencyKey` and `Option<IdempotencyKey>` alike.
//! // `path_param`, `query`, `query_flatten` and `json` take a reference to the argument
//! // (`&id` where `id: &str` is fine: `&T` implements `PathParam`/`Serialize`/`QueryParams`).
//!
//! // for `paginated`, `send_paginated::<T>` instead of `send::<T>` (T: Paginated, whole body decoded), plus
//! fn f_stream(&self, <same args, minus a scalar `token` query arg>)
//!     -> impl ::heygen_api::__private::Stream<Item = Result<<T as Paginated>::Item>> + Send
//! where Self: AsClient
//! {
//!     ::heygen_api::__private::paginate(move |__token: Option<String>| {
//!         let mut __req = ...same as above...;
//!         __req.query("token", &__token);   // after the other query calls: replaces any earlier `token`
//!         ::heygen_api::__private::send_paginated::<T>(AsClient::client(self), __req)
//!     })
//! }
//! ```

use http::{HeaderMap, HeaderName, HeaderValue};

use crate::runtime::call;
use crate::runtime::error::InvalidInput;
use crate::runtime::forms::{Answer, EventStreamOptions, Response, ResponseMeta};
use crate::runtime::headers::checked_header;
use crate::runtime::limits::{self, LimitViolation};
use crate::runtime::request::{JSON, Request, RequestBody, Target};
use crate::runtime::response;
use crate::runtime::response::RawResponse;
use futures_util::FutureExt;

pub use crate::runtime::client::{AsClient, Client};
pub use crate::runtime::endpoint::{
    BodyKind, EndpointInfo, HttpMethod, QueryParams, QuerySource, Segment, TimeoutClass,
};
pub use crate::runtime::error::{Error, Result};
pub use crate::runtime::forms::ResponseForm;
pub use crate::runtime::headers::HeaderArg;
pub use crate::runtime::idempotency::IdempotencyKey;
pub use crate::runtime::multipart::Multipart;
pub use crate::runtime::pagination::{Page, Paginated, paginate};
pub use crate::runtime::path::PathParam;
pub use ::core::future::Future;
pub use ::core::marker::Send;
pub use ::core::option::Option;
pub use ::futures_util::Stream;
pub use ::serde;
pub use ::std::string::String;

/// Collects the parts of one call as the generated code hands them over.
///
/// The generic entry points convert their argument at once (to text or JSON bytes) and hand it to
/// a non-generic method, so each endpoint adds little code. The first invalid input is kept and
/// reported by [`send`] as [`Error::InvalidInput`] before anything is sent.
pub struct RequestBuilder {
    info: &'static EndpointInfo,
    /// `#[header]` arguments, in argument order (a later one replaces an earlier one).
    headers: Vec<(HeaderName, HeaderValue)>,
    /// What `end_event` and `reconnect` declared, for an `EventStream` answer.
    events: EventStreamOptions,
    /// Encoded path parameters, by placeholder name.
    path_params: Vec<(&'static str, String)>,
    /// Query pairs in the order they were given (not yet URL-encoded).
    query: Vec<(String, String)>,
    body: RequestBody,
    idempotency_key: Option<IdempotencyKey>,
    invalid: Option<InvalidInput>,
    /// The first limit the JSON body or a query struct breaks; refused by `finish` if the client
    /// checks limits.
    over_limit: Option<LimitViolation>,
}

impl RequestBuilder {
    /// Starts a request to `info`'s endpoint.
    pub fn new(info: &'static EndpointInfo) -> Self {
        RequestBuilder {
            info,
            headers: Vec::new(),
            events: EventStreamOptions::default(),
            path_params: Vec::new(),
            query: Vec::new(),
            body: RequestBody::Empty,
            idempotency_key: None,
            invalid: None,
            over_limit: None,
        }
    }

    /// Fills the `<name>` placeholder with `value`, encoded as one path segment.
    pub fn path_param<P: PathParam + ?Sized>(&mut self, name: &'static str, value: &P) {
        self.push_path_param(name, &value.as_path_segment());
    }

    fn push_path_param(&mut self, name: &'static str, raw: &str) {
        match crate::runtime::path::encode_segment(name, raw) {
            Ok(encoded) => self.path_params.push((name, encoded)),
            Err(invalid) => self.reject(invalid),
        }
    }

    /// Sets the query parameter `name`, replacing earlier values of that name. `None` sends
    /// nothing; a sequence repeats the key once per element.
    pub fn query<T: serde::Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        self.push_query(name, serde_json::to_value(value));
    }

    fn push_query(
        &mut self,
        name: &'static str,
        value: core::result::Result<serde_json::Value, serde_json::Error>,
    ) {
        let values = value
            .map_err(|error| error.to_string())
            .and_then(|value| query_values(value).map_err(str::to_owned));
        match values {
            Ok(values) => self.set_query(name, values),
            Err(problem) => self.reject(InvalidInput::Query {
                name: name.to_owned(),
                problem,
            }),
        }
    }

    /// Sets the query parameters of every field of `value` (a struct serializing to a map). The
    /// crate's query types report the ranges HeyGen documents, as JSON bodies do.
    pub fn query_flatten<T: QueryParams + ?Sized>(&mut self, value: &T) {
        let (value, over) = limits::collect(|| serde_json::to_value(value));
        self.keep_over_limit(over);
        self.push_query_struct(core::any::type_name::<T>(), T::NAMES, value);
    }

    fn keep_over_limit(&mut self, over: Vec<LimitViolation>) {
        if self.over_limit.is_none() {
            self.over_limit = over.into_iter().next();
        }
    }

    fn push_query_struct(
        &mut self,
        type_name: &'static str,
        names: &'static [&'static str],
        value: core::result::Result<serde_json::Value, serde_json::Error>,
    ) {
        let mut fields = match value {
            Ok(serde_json::Value::Object(fields)) => fields,
            Ok(serde_json::Value::Null) => return,
            Ok(_) => {
                return self.reject(InvalidInput::Query {
                    name: type_name.to_owned(),
                    problem: "must serialize as a struct or map".to_owned(),
                });
            }
            Err(error) => {
                return self.reject(InvalidInput::Query {
                    name: type_name.to_owned(),
                    problem: error.to_string(),
                });
            }
        };
        // In the declared order (`NAMES`), as the catalog lists them; the JSON map itself is
        // sorted by name. Fields `NAMES` does not list follow, by name.
        let declared = names.iter().filter_map(|name| {
            fields
                .remove(*name)
                .map(|value| ((*name).to_owned(), value))
        });
        let ordered: Vec<(String, serde_json::Value)> = declared.collect();
        for (name, value) in ordered.into_iter().chain(fields) {
            match query_values(value) {
                Ok(values) => self.set_query(&name, values),
                Err(problem) => {
                    return self.reject(InvalidInput::Query {
                        name,
                        problem: problem.to_owned(),
                    });
                }
            }
        }
    }

    fn set_query(&mut self, name: &str, values: Vec<String>) {
        self.query.retain(|(existing, _)| existing != name);
        self.query
            .extend(values.into_iter().map(|value| (name.to_owned(), value)));
    }

    /// Sends `body` as JSON. The crate's request types report the limits HeyGen documents as
    /// they are serialized ([`limits`](crate::limits)); the first one broken is kept for
    /// `finish`, which refuses it when the client checks limits.
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, body: &T) {
        let (bytes, over) = limits::collect(|| serde_json::to_vec(body));
        self.keep_over_limit(over);
        self.set_json(bytes);
    }

    fn set_json(&mut self, bytes: core::result::Result<Vec<u8>, serde_json::Error>) {
        match bytes {
            Ok(bytes) => self.body = RequestBody::Json(bytes.into()),
            Err(error) => self.reject(InvalidInput::Body(error)),
        }
    }

    /// Sends `body` as `application/x-www-form-urlencoded` (`#[form]`).
    pub fn form<T: serde::Serialize + ?Sized>(&mut self, body: &T) {
        self.set_form(serde_urlencoded::to_string(body).map_err(|error| error.to_string()));
    }

    fn set_form(&mut self, encoded: core::result::Result<String, String>) {
        match encoded {
            Ok(encoded) => self.body = RequestBody::Form(encoded.into()),
            Err(problem) => self.reject(InvalidInput::Form(problem)),
        }
    }

    /// Sends the `#[header(name)]` argument `value`; a `None` value sends nothing. The value is
    /// checked before anything is sent (no CR, LF or other control character).
    pub fn header<V: HeaderArg + ?Sized>(&mut self, name: &'static str, value: &V) {
        if let Some(value) = value.header_value() {
            self.push_header(name, &value);
        }
    }

    fn push_header(&mut self, name: &'static str, value: &str) {
        match checked_header(name, value) {
            Ok((name, value)) => {
                self.headers.retain(|(existing, _)| *existing != name);
                self.headers.push((name, value));
            }
            Err(invalid) => self.reject(invalid),
        }
    }

    /// The declared `end_event` and `reconnect` of an `EventStream` endpoint.
    pub fn event_stream(&mut self, end_event: Option<&'static str>, reconnect: bool) {
        self.events = EventStreamOptions {
            end_event,
            reconnect,
        };
    }

    /// Sends `form` as `multipart/form-data`.
    pub fn multipart(&mut self, form: Multipart) {
        self.body = RequestBody::Multipart(form);
    }

    /// Sets the caller's `Idempotency-Key`; for an `idempotent` endpoint without one, a fresh
    /// key is generated when the request is sent.
    pub fn idempotency_key<K: IdempotencyKeyArg>(&mut self, key: K) {
        self.idempotency_key = key.into_key();
    }

    fn reject(&mut self, invalid: InvalidInput) {
        // The first problem is the one to report; later ones are often its consequences.
        self.invalid.get_or_insert(invalid);
    }

    /// Checks every placeholder got a value and assembles the request, with the client's
    /// default and per-call headers and the `Accept` of the answer's form.
    fn finish(
        mut self,
        client: &Client,
        accept: HeaderValue,
        streamed: bool,
    ) -> core::result::Result<Request, InvalidInput> {
        if let Some(invalid) = self.invalid {
            return Err(invalid);
        }
        if client.checks_limits()
            && let Some(over) = self.over_limit.take()
        {
            return Err(InvalidInput::Limit(over));
        }
        let headers = self.merged_headers(client)?;
        // Sized for the whole path at once; only a query string may grow it.
        let encoded: usize = self.path_params.iter().map(|(_, value)| value.len()).sum();
        let mut path_and_query = String::with_capacity(self.info.template.len() + encoded);
        for segment in self.info.segments {
            path_and_query.push('/');
            match segment {
                Segment::Literal(text) => path_and_query.push_str(text),
                Segment::Param(name) => {
                    let (_, encoded) = self
                        .path_params
                        .iter()
                        .find(|(given, _)| given == name)
                        .ok_or(InvalidInput::MissingPathParam { name })?;
                    path_and_query.push_str(encoded);
                }
            }
        }
        if path_and_query.is_empty() {
            path_and_query.push('/');
        }
        if !self.query.is_empty() {
            path_and_query.push('?');
            path_and_query.push_str(
                &url::form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(&self.query)
                    .finish(),
            );
        }
        let idempotency_key = match self.idempotency_key {
            Some(_) if self.info.idempotent && client.has_call_key() => {
                return Err(InvalidInput::TwoIdempotencyKeys {
                    operation: self.info.name,
                });
            }
            Some(key) => Some(key),
            None if self.info.idempotent => Some(
                client
                    .take_call_key(self.info)?
                    .unwrap_or_else(IdempotencyKey::generate),
            ),
            None => None,
        };
        Ok(Request {
            info: self.info,
            target: Target::Api { path_and_query },
            body: self.body,
            idempotency_key,
            headers,
            accept,
            streamed,
        })
    }

    /// The client's default headers, the endpoint's static ones, the per-call ones and the
    /// `#[header]` arguments, a later one replacing an earlier one of the same name.
    fn merged_headers(&self, client: &Client) -> core::result::Result<HeaderMap, InvalidInput> {
        let (defaults, per_call) = client.extra_headers()?;
        let mut headers = HeaderMap::new();
        if defaults.is_empty()
            && self.info.headers.is_empty()
            && per_call.is_empty()
            && self.headers.is_empty()
        {
            return Ok(headers);
        }
        for (name, value) in defaults {
            headers.insert(name.clone(), value.clone());
        }
        for (name, value) in self.info.headers {
            let (name, value) = checked_header(name, value)?;
            headers.insert(name, value);
        }
        for (name, value) in per_call.iter().chain(&self.headers) {
            headers.insert(name.clone(), value.clone());
        }
        Ok(headers)
    }

    /// The declared event-stream options.
    fn events(&self) -> EventStreamOptions {
        self.events
    }
}

/// The values one query parameter sends: none for `null`, one per element for a sequence.
fn query_values(value: serde_json::Value) -> core::result::Result<Vec<String>, &'static str> {
    use serde_json::Value;
    fn scalar(value: Value) -> core::result::Result<Option<String>, &'static str> {
        match value {
            Value::Null => Ok(None),
            Value::String(text) => Ok(Some(text)),
            Value::Bool(flag) => Ok(Some(flag.to_string())),
            Value::Number(number) => Ok(Some(number.to_string())),
            Value::Array(_) | Value::Object(_) => {
                Err("must be a scalar or a sequence of scalars, not a nested structure")
            }
        }
    }
    match value {
        Value::Array(items) => items
            .into_iter()
            .filter_map(|item| scalar(item).transpose())
            .collect(),
        other => Ok(scalar(other)?.into_iter().collect()),
    }
}

/// What an `#[idempotency_key]` argument can be: a key, or an optional one.
pub trait IdempotencyKeyArg {
    /// The key, if any.
    fn into_key(self) -> Option<IdempotencyKey>;
}

impl IdempotencyKeyArg for IdempotencyKey {
    fn into_key(self) -> Option<IdempotencyKey> {
        Some(self)
    }
}

impl IdempotencyKeyArg for Option<IdempotencyKey> {
    fn into_key(self) -> Option<IdempotencyKey> {
        self
    }
}

/// Sends a finished request (or reports why it could not be finished) and gives the answer
/// unread. Not an `async fn`, which would keep its argument twice (as captured and as a local):
/// the block borrows the request where it captured it, and is done with it once it is sent. The
/// callers decode the answer in a combinator rather than an `async` block, which would hold
/// this future again.
#[allow(
    clippy::manual_async_fn,
    reason = "an `async fn` keeps its argument twice in its state"
)]
fn sent(
    client: &Client,
    request: core::result::Result<Request, InvalidInput>,
) -> impl Future<Output = Result<RawResponse>> + Send + '_ {
    async move {
        match request {
            Ok(ref request) => call::execute(client, request).await,
            Err(invalid) => Err(invalid.into()),
        }
    }
}

/// Sends the request and decodes `{"data": T}` into `T`.
pub fn send<T: serde::de::DeserializeOwned>(
    client: &Client,
    request: RequestBuilder,
) -> impl Future<Output = Result<T>> + Send {
    let request = request.finish(client, JSON, false);
    sent(client, request).map(|raw| response::decode_data(raw?))
}

/// Sends the request and decodes the whole body as the page type `T`.
pub fn send_paginated<T: Paginated>(
    client: &Client,
    request: RequestBuilder,
) -> impl Future<Output = Result<T>> + Send {
    let request = request.finish(client, JSON, false);
    sent(client, request).map(|raw| response::decode_whole(raw?))
}

/// Sends the request and reads the answer as the form `F` (`()`, `Json<T>`, `Bytes`, `String`,
/// `ByteStream`, `EventStream<T>`).
pub fn send_form<F: ResponseForm>(
    client: &Client,
    request: RequestBuilder,
) -> impl Future<Output = Result<F>> + Send {
    let events = request.events();
    let request = request.finish(client, HeaderValue::from_static(F::ACCEPT), F::STREAMED);
    let client = client.clone();
    async move {
        // Moved into a local (and so kept twice across the `.await`): the answer's form takes
        // the request afterwards, to read a stream again or reconnect one.
        let request = request?;
        let raw = call::execute(&client, &request).await?;
        F::from_answer(Answer::new(raw, client, request, events))
    }
}

/// Sends the request and decodes `{"data": T}`, with the answer's status and headers.
pub fn send_with_meta<T: serde::de::DeserializeOwned + Send + 'static>(
    client: &Client,
    request: RequestBuilder,
) -> impl Future<Output = Result<Response<T>>> + Send {
    let request = request.finish(client, JSON, false);
    sent(client, request).map(|raw| {
        let raw = raw?;
        let meta = ResponseMeta::of(&raw);
        Ok(Response::new(meta, response::decode_data(raw)?))
    })
}

/// Sends the request and reads the answer as the form `F`, with its status and headers.
pub fn send_form_with_meta<F: ResponseForm>(
    client: &Client,
    request: RequestBuilder,
) -> impl Future<Output = Result<Response<F>>> + Send {
    let events = request.events();
    let request = request.finish(client, HeaderValue::from_static(F::ACCEPT), F::STREAMED);
    let client = client.clone();
    async move {
        // Kept twice across the `.await`, as in `send_form`: the form takes the request after.
        let request = request?;
        let raw = call::execute(&client, &request).await?;
        let meta = ResponseMeta::of(&raw);
        let value = F::from_answer(Answer::new(raw, client, request, events))?;
        Ok(Response::new(meta, value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn test_client() -> Client {
        Client::new("k").unwrap()
    }
    use crate::endpoint::BodyKind;

    const INFO: EndpointInfo = EndpointInfo {
        name: "get_thing",
        method: HttpMethod::Get,
        template: "/v3/things/<thing_id>",
        segments: &[
            Segment::Literal("v3"),
            Segment::Literal("things"),
            Segment::Param("thing_id"),
        ],
        idempotent: false,
        paginated: false,
        query: &[],
        body: BodyKind::None,
        timeout_class: TimeoutClass::Read,
        timeout: None,
        headers: &[],
    };

    #[derive(serde::Serialize)]
    struct Filters {
        limit: Option<u32>,
        token: Option<String>,
        tags: Vec<&'static str>,
    }

    impl QueryParams for Filters {
        const NAMES: &'static [&'static str] = &["limit", "token", "tags"];
    }

    #[test]
    fn assembles_path_and_query() {
        let mut builder = RequestBuilder::new(&INFO);
        builder.path_param("thing_id", &"a/b c");
        builder.query("limit", &Some(5u32));
        builder.query("missing", &None::<u32>);
        builder.query("type", &["x", "y z"]);
        let request = builder.finish(&test_client(), JSON, false).unwrap();
        assert_eq!(
            request.path_and_query(),
            "/v3/things/a%2Fb%20c?limit=5&type=x&type=y+z"
        );
        assert!(request.idempotency_key.is_none());
    }

    #[test]
    fn a_later_value_replaces_an_earlier_one() {
        let mut builder = RequestBuilder::new(&INFO);
        builder.path_param("thing_id", &7u64);
        let filters = Filters {
            limit: Some(10),
            token: Some("old".into()),
            tags: vec!["a", "b"],
        };
        builder.query_flatten(&&filters);
        builder.query("token", &Some("next"));
        let request = builder.finish(&test_client(), JSON, false).unwrap();
        assert_eq!(
            request.path_and_query(),
            "/v3/things/7?limit=10&tags=a&tags=b&token=next"
        );
    }

    #[test]
    fn invalid_inputs_are_reported_not_panicked() {
        let mut builder = RequestBuilder::new(&INFO);
        builder.path_param("thing_id", "");
        assert_eq!(
            builder
                .finish(&test_client(), JSON, false)
                .err()
                .unwrap()
                .to_string(),
            "path parameter `thing_id` is empty"
        );
        let builder = RequestBuilder::new(&INFO);
        assert_eq!(
            builder
                .finish(&test_client(), JSON, false)
                .err()
                .unwrap()
                .to_string(),
            "path parameter `thing_id` was not given a value"
        );
        let mut builder = RequestBuilder::new(&INFO);
        builder.path_param("thing_id", "x");
        builder.query("nested", &serde_json::json!({"a": 1}));
        assert_eq!(
            builder
                .finish(&test_client(), JSON, false)
                .err()
                .unwrap()
                .to_string(),
            "query parameter `nested` must be a scalar or a sequence of scalars, not a nested structure"
        );
        let mut builder = RequestBuilder::new(&INFO);
        builder.path_param("thing_id", "x");
        let mut bad_keys = std::collections::HashMap::new();
        bad_keys.insert((1, 2), 3);
        builder.json(&bad_keys);
        assert!(matches!(
            builder.finish(&test_client(), JSON, false),
            Err(InvalidInput::Body(_))
        ));
    }

    #[test]
    fn idempotent_endpoints_always_carry_a_key() {
        const POST: EndpointInfo = EndpointInfo {
            method: HttpMethod::Post,
            idempotent: true,
            segments: &[Segment::Literal("v3")],
            ..INFO
        };
        let mut builder = RequestBuilder::new(&POST);
        builder.idempotency_key(None);
        assert!(
            builder
                .finish(&test_client(), JSON, false)
                .unwrap()
                .idempotency_key
                .is_some()
        );
        let mut builder = RequestBuilder::new(&POST);
        builder.idempotency_key(IdempotencyKey::new("mine").unwrap());
        assert_eq!(
            builder
                .finish(&test_client(), JSON, false)
                .unwrap()
                .idempotency_key
                .unwrap()
                .as_str(),
            "mine"
        );
    }
}
