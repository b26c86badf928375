//! The call loop: send one built request, retry it as the policy allows, read the answer.
//!
//! Nothing here is generic, so it is compiled once for every endpoint. Each attempt builds the
//! `reqwest` request again from the stored parts (JSON bytes, or a multipart form rebuilt from its
//! sources), so a retry never sends a consumed or half-read body.

use std::time::{Duration, SystemTime};

use bytes::{Bytes, BytesMut};
use http::StatusCode;
use http::header::{ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, HeaderName, HeaderValue, USER_AGENT};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use tracing::Instrument;
use tracing::field::Empty;

use crate::client::Client;
use crate::endpoint::{EndpointInfo, HttpMethod};
use crate::error::{
    ApiError, DecodeError, DecodeProblem, Error, ErrorCode, InvalidInput, Result, TransportError,
    TransportErrorKind, body_prefix,
};
use crate::idempotency::IdempotencyKey;
use crate::multipart::Multipart;
use crate::retry::{
    AttemptKind, AttemptOutcome, may_have_applied, parse_retry_after, should_retry,
};

/// The header HeyGen puts its request id in.
const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
/// The idempotency header.
const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");
// Header names and fixed values are constants rather than text: text is parsed and copied on
// every attempt, which is measurable against a hand-written call (see the benches crate).
/// `application/json`, for `Accept` and `Content-Type`.
const JSON: HeaderValue = HeaderValue::from_static("application/json");
/// The `Content-Length` of a bodiless POST, PUT or PATCH.
const ZERO_LENGTH: HeaderValue = HeaderValue::from_static("0");

/// A request ready to send: everything the macro-generated code gave, validated.
pub(crate) struct Request {
    pub info: &'static EndpointInfo,
    /// The encoded path (from the template) and query string, to append to the base URL.
    pub path_and_query: String,
    pub body: RequestBody,
    pub idempotency_key: Option<IdempotencyKey>,
}

/// A request body as stored between attempts.
pub(crate) enum RequestBody {
    Empty,
    Json(Bytes),
    Multipart(Multipart),
}

impl RequestBody {
    fn is_replayable(&self) -> bool {
        match self {
            RequestBody::Empty | RequestBody::Json(_) => true,
            RequestBody::Multipart(form) => form.is_replayable(),
        }
    }
}

/// A success answer, body read but not decoded.
pub(crate) struct RawResponse {
    operation: &'static str,
    status: StatusCode,
    request_id: Option<String>,
    body: Bytes,
    attempts: u32,
    idempotency_key: Option<IdempotencyKey>,
}

/// Sends `request` through `client`, retrying as its policy allows, in a `heygen.request` span.
pub(crate) async fn execute(client: &Client, request: Request) -> Result<RawResponse> {
    let info = request.info;
    let span = tracing::debug_span!(
        "heygen.request",
        operation = info.name,
        method = info.method.as_str(),
        path = info.template,
        attempt = Empty,
        status = Empty,
    );
    call(client, &request).instrument(span).await
}

/// What one attempt ended with, when it is not a success.
enum Failure {
    Api(Box<ApiError>),
    Transport(Box<TransportError>),
    /// A failure no retry can fix.
    Final(Error),
}

/// The base URL joined with the request's path and query.
fn request_url(client: &Client, request: &Request) -> Result<reqwest::Url> {
    let url_text = format!("{}{}", client.base_url(), request.path_and_query);
    reqwest::Url::parse(&url_text).map_err(|error| {
        InvalidInput::Config(format!("the request URL is not valid: {error}")).into()
    })
}

async fn call(client: &Client, request: &Request) -> Result<RawResponse> {
    let info = request.info;
    let url = request_url(client, request)?;
    let timeout = client.timeout_for(info);
    let policy = client.retry_policy();
    let kind = AttemptKind {
        method: info.method,
        has_idempotency_key: request.idempotency_key.is_some(),
        body_replayable: request.body.is_replayable(),
    };
    let mut attempts = 0u32;
    // Whether an attempt so far may have been applied: the error must say so even when the last
    // attempt was refused (a 429 after a timeout).
    let mut earlier_may_have_applied = false;
    // The failure the current attempt repeats, reported if the attempt cannot even be built.
    let mut previous: Option<Failure> = None;
    loop {
        attempts += 1;
        let span = tracing::Span::current();
        span.record("attempt", attempts);
        tracing::debug!(
            attempt = attempts,
            timeout_ms = timeout.as_millis() as u64,
            "sending"
        );

        let sent = match attempt(client, request, &url, timeout).await {
            Ok(sent) => sent,
            // A retry whose body cannot be built again (its file is gone): report the attempt
            // that was sent, which may have changed something, rather than "nothing was sent".
            Err(unbuildable) => {
                return Err(match previous {
                    Some(failure) => {
                        tracing::warn!(error = %unbuildable, "the retry could not be built");
                        failure.into_error(earlier_may_have_applied)
                    }
                    None => unbuildable,
                });
            }
        };
        let failure = match sent {
            Ok(response) => {
                let status = response.status();
                span.record("status", status.as_u16());
                match read_answer(client, request, response, attempts).await {
                    Ok(raw) => return Ok(raw),
                    Err(failure) => failure,
                }
            }
            Err(error) => Failure::Transport(Box::new(transport_error(request, error, attempts))),
        };

        let (outcome, retry_after) = match &failure {
            Failure::Final(_) => return Err(failure.into_error(earlier_may_have_applied)),
            Failure::Api(api) => (
                AttemptOutcome::Status(
                    api.status.as_u16(),
                    api.code.as_ref().map(ErrorCode::as_str),
                ),
                api.retry_after,
            ),
            Failure::Transport(transport) => (attempt_outcome(transport.kind), None),
        };
        if attempts > policy.retries() || !should_retry(kind, outcome) {
            tracing::debug!(attempts, "giving up");
            return Err(failure.into_error(earlier_may_have_applied));
        }
        earlier_may_have_applied |= may_have_applied(outcome);
        let delay = policy.delay(attempts - 1, retry_after, fastrand::f64());
        tracing::debug!(
            attempt = attempts,
            delay_ms = delay.as_millis() as u64,
            outcome = ?outcome,
            "retrying"
        );
        previous = Some(failure);
        policy.sleep(delay).await;
    }
}

impl Failure {
    /// The call's error, noting whether an attempt before this one may have been applied.
    fn into_error(self, earlier_may_have_applied: bool) -> Error {
        match self {
            Failure::Api(mut api) => {
                api.earlier_attempt_may_have_applied = earlier_may_have_applied;
                Error::Api(api)
            }
            Failure::Transport(mut transport) => {
                transport.earlier_attempt_may_have_applied = earlier_may_have_applied;
                transport_failure(transport)
            }
            Failure::Final(error) => error,
        }
    }
}

/// How far a request that failed on the network got, as far as retrying is concerned.
pub(crate) fn attempt_outcome(kind: TransportErrorKind) -> AttemptOutcome<'static> {
    match kind {
        TransportErrorKind::Connect => AttemptOutcome::ConnectFailed,
        TransportErrorKind::Timeout => AttemptOutcome::TimedOut,
        TransportErrorKind::Interrupted => AttemptOutcome::Interrupted,
    }
}

/// The error of a request that failed on the network: not sent, or sent without an answer.
pub(crate) fn transport_failure(transport: Box<TransportError>) -> Error {
    match transport.kind {
        TransportErrorKind::Connect => Error::Connect(transport),
        _ => Error::NoResponse(transport),
    }
}

/// What kind of network failure `error` is.
pub(crate) fn transport_error_kind(error: &reqwest::Error) -> TransportErrorKind {
    if error.is_connect() {
        TransportErrorKind::Connect
    } else if error.is_timeout() {
        TransportErrorKind::Timeout
    } else {
        TransportErrorKind::Interrupted
    }
}

/// Builds and sends one attempt. The outer error is a request that cannot be built (a multipart
/// part that cannot be read); the inner one is a network failure.
async fn attempt(
    client: &Client,
    request: &Request,
    url: &reqwest::Url,
    timeout: Duration,
) -> Result<std::result::Result<reqwest::Response, reqwest::Error>> {
    Ok(build_attempt(client, request, url, timeout)
        .await?
        .send()
        .await)
}

/// One attempt's request: method, URL, timeout, headers and body.
async fn build_attempt(
    client: &Client,
    request: &Request,
    url: &reqwest::Url,
    timeout: Duration,
) -> Result<reqwest::RequestBuilder> {
    let (credential_name, credential_value) = client.credential_header();
    let mut builder = client
        .http()
        .request(method(request.info.method), url.clone())
        .timeout(timeout)
        .header(USER_AGENT, client.user_agent().clone())
        .header(ACCEPT, JSON)
        .header(credential_name, credential_value);
    if let Some(key) = &request.idempotency_key {
        builder = builder.header(IDEMPOTENCY_KEY, key.as_str());
    }
    builder = match &request.body {
        RequestBody::Json(bytes) => builder.header(CONTENT_TYPE, JSON).body(bytes.clone()),
        // Boxed: reading the parts is a large future that every other request would carry.
        RequestBody::Multipart(form) => builder.multipart(Box::pin(form.to_form()).await?),
        // Some front ends answer `411 Length Required` to a bodiless POST without the header.
        RequestBody::Empty
            if !matches!(request.info.method, HttpMethod::Get | HttpMethod::Delete) =>
        {
            builder.header(CONTENT_LENGTH, ZERO_LENGTH)
        }
        RequestBody::Empty => builder,
    };
    Ok(builder)
}

/// A call's work without its I/O, for benchmarks: the request its first attempt sends, and
/// `answer` read and decoded as that attempt's successful response.
pub(crate) async fn without_io<T: DeserializeOwned>(
    client: &Client,
    request: Request,
    answer: reqwest::Response,
) -> Result<(reqwest::Request, T)> {
    let url = request_url(client, &request)?;
    let timeout = client.timeout_for(request.info);
    let built = build_attempt(client, &request, &url, timeout)
        .await?
        .build()
        .map_err(|error| InvalidInput::Config(format!("the request cannot be built: {error}")))?;
    let raw = read_answer(client, &request, answer, 1)
        .await
        .map_err(|failure| failure.into_error(false))?;
    Ok((built, decode_data(raw)?))
}

fn method(method: HttpMethod) -> reqwest::Method {
    match method {
        HttpMethod::Get => reqwest::Method::GET,
        HttpMethod::Post => reqwest::Method::POST,
        HttpMethod::Put => reqwest::Method::PUT,
        HttpMethod::Patch => reqwest::Method::PATCH,
        HttpMethod::Delete => reqwest::Method::DELETE,
    }
}

/// Reads the answer of one attempt: a success as raw bytes, anything else as a failure.
async fn read_answer(
    client: &Client,
    request: &Request,
    response: reqwest::Response,
    attempts: u32,
) -> std::result::Result<RawResponse, Failure> {
    let status = response.status();
    let headers = response.headers();
    let request_id = headers
        .get(REQUEST_ID)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    // Only an error answer's `Retry-After` matters (to retrying); a success skips the lookup.
    let retry_after = match status.is_success() {
        true => None,
        false => headers
            .get(http::header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| parse_retry_after(value, SystemTime::now()))
            .map(|asked| client.retry_policy().clamp_retry_after(asked)),
    };
    tracing::debug!(
        status = status.as_u16(),
        request_id = request_id.as_deref(),
        "response"
    );

    let limit = client.max_response_bytes();
    let (body, too_large) = match read_capped(response, limit).await {
        Ok(body) => (body, false),
        Err(ReadFailure::TooLarge(prefix)) => (prefix, true),
        Err(ReadFailure::Transport(error)) => {
            let mut transport = transport_error(request, error, attempts);
            transport.status = Some(status);
            transport.request_id = request_id;
            return Err(Failure::Transport(Box::new(transport)));
        }
    };
    tracing::trace!(bytes = body.len(), "body read");

    let raw = RawResponse {
        operation: request.info.name,
        status,
        request_id,
        body,
        attempts,
        idempotency_key: request.idempotency_key.clone(),
    };
    if status.is_success() {
        if too_large {
            // The request was applied; only its answer is too big to read.
            return Err(Failure::Final(
                raw.decode_error(DecodeProblem::TooLarge { limit }),
            ));
        }
        return Ok(raw);
    }
    Err(Failure::Api(Box::new(raw.api_error(retry_after))))
}

enum ReadFailure {
    /// The body exceeds the limit; holds what was read up to it.
    TooLarge(Bytes),
    Transport(reqwest::Error),
}

/// Reads the body, refusing to hold more than `limit` bytes.
async fn read_capped(
    mut response: reqwest::Response,
    limit: usize,
) -> std::result::Result<Bytes, ReadFailure> {
    let first = match next_chunk(&mut response).await? {
        Some(first) if first.len() > limit => {
            return Err(ReadFailure::TooLarge(first.slice(..limit)));
        }
        Some(first) => first,
        None => return Ok(Bytes::new()),
    };
    // Most answers arrive in one chunk, which is kept as it is rather than copied.
    let Some(mut chunk) = next_chunk(&mut response).await? else {
        return Ok(first);
    };
    let declared = response.content_length().unwrap_or(0);
    let mut body = BytesMut::with_capacity(declared.min(limit as u64).min(64 * 1024) as usize);
    body.extend_from_slice(&first);
    loop {
        if body.len() + chunk.len() > limit {
            body.extend_from_slice(&chunk[..limit - body.len()]);
            return Err(ReadFailure::TooLarge(body.freeze()));
        }
        body.extend_from_slice(&chunk);
        match next_chunk(&mut response).await? {
            Some(next) => chunk = next,
            None => return Ok(body.freeze()),
        }
    }
}

async fn next_chunk(
    response: &mut reqwest::Response,
) -> std::result::Result<Option<Bytes>, ReadFailure> {
    response.chunk().await.map_err(ReadFailure::Transport)
}

fn transport_error(request: &Request, error: reqwest::Error, attempts: u32) -> TransportError {
    let kind = transport_error_kind(&error);
    tracing::debug!(kind = ?kind, "attempt failed");
    TransportError {
        operation: request.info.name,
        kind,
        status: None,
        request_id: None,
        attempts,
        idempotency_key: request.idempotency_key.clone(),
        source: Some(error.without_url()),
        earlier_attempt_may_have_applied: false,
    }
}

/// HeyGen's error body: `{"error": {"code", "message", "param"?, "doc_url"?}}`.
#[derive(Deserialize)]
struct ErrorEnvelope {
    error: ErrorBody,
}

#[derive(Deserialize)]
struct ErrorBody {
    code: Option<String>,
    message: Option<String>,
    param: Option<String>,
    doc_url: Option<String>,
}

impl RawResponse {
    /// The API error this answer describes; a body that is not HeyGen's error shape is kept as
    /// a prefix instead.
    fn api_error(&self, retry_after: Option<std::time::Duration>) -> ApiError {
        let parsed = serde_json::from_slice::<ErrorEnvelope>(&self.body).ok();
        let reason = self.status.canonical_reason().unwrap_or("unknown status");
        let (code, message, param, doc_url, prefix) = match parsed {
            Some(ErrorEnvelope { error }) => (
                error.code.as_deref().map(ErrorCode::from),
                error.message.unwrap_or_else(|| reason.to_owned()),
                error.param,
                error.doc_url,
                None,
            ),
            None if self.body.iter().all(u8::is_ascii_whitespace) => {
                (None, format!("{reason} (empty body)"), None, None, None)
            }
            None => (
                None,
                format!("{reason} (the body is not HeyGen's JSON error shape)"),
                None,
                None,
                Some(body_prefix(&self.body)),
            ),
        };
        ApiError {
            operation: self.operation,
            status: self.status,
            code,
            message,
            param,
            doc_url,
            request_id: self.request_id.clone(),
            retry_after,
            attempts: self.attempts,
            idempotency_key: self.idempotency_key.clone(),
            body_prefix: prefix,
            earlier_attempt_may_have_applied: false,
        }
    }

    fn decode_error(self, problem: DecodeProblem) -> Error {
        Error::Decode(Box::new(DecodeError {
            operation: self.operation,
            status: self.status,
            problem,
            body_prefix: body_prefix(&self.body),
            request_id: self.request_id,
            attempts: self.attempts,
            idempotency_key: self.idempotency_key,
        }))
    }

    fn is_blank(&self) -> bool {
        self.body.iter().all(u8::is_ascii_whitespace)
    }
}

/// The success envelope `{"data": T}`.
#[derive(Deserialize)]
struct DataEnvelope<T> {
    data: T,
}

/// Decodes `{"data": T}` into `T`. An empty body decodes only as a type that accepts `null`
/// (`()`, `Option<_>`).
pub(crate) fn decode_data<T: DeserializeOwned>(raw: RawResponse) -> Result<T> {
    let decoded = if raw.is_blank() {
        T::deserialize(serde_json::Value::Null).map_err(|_| DecodeProblem::Empty)
    } else {
        serde_json::from_slice::<DataEnvelope<T>>(&raw.body)
            .map(|envelope| envelope.data)
            .map_err(DecodeProblem::Json)
    };
    decoded.map_err(|problem| raw.decode_error(problem))
}

/// Decodes the whole body as `T` (paginated endpoints).
pub(crate) fn decode_whole<T: DeserializeOwned>(raw: RawResponse) -> Result<T> {
    let decoded = if raw.is_blank() {
        Err(DecodeProblem::Empty)
    } else {
        serde_json::from_slice::<T>(&raw.body).map_err(DecodeProblem::Json)
    };
    decoded.map_err(|problem| raw.decode_error(problem))
}
