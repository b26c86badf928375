//! Every word the macros recognise, in one place, so messages and parsers cannot drift apart.

/// The attribute that declares an endpoint on a trait method.
pub const ENDPOINT: &str = "endpoint";

/// The `#[endpoint(...)]` option that makes every request carry an `Idempotency-Key`.
pub const IDEMPOTENT: &str = "idempotent";
/// The `#[endpoint(...)]` option for cursor-paginated list operations.
pub const PAGINATED: &str = "paginated";
/// The `#[endpoint(...)]` option `timeout_secs = N`.
pub const TIMEOUT_SECS: &str = "timeout_secs";
/// The repeatable `#[endpoint(...)]` option `header("X-Name" = "value")`: a static header.
pub const HEADER_OPTION: &str = "header";
/// The option `crate = "path"` (also `#[api(crate = "path")]`): where the runtime is reached.
pub const CRATE: &str = "crate";
/// The option `end_event = "name"` of an event stream: the event that ends it.
pub const END_EVENT: &str = "end_event";
/// The flag `reconnect` of an event stream: reconnect with `Last-Event-ID` when it drops.
pub const RECONNECT: &str = "reconnect";
/// Every option `#[endpoint(...)]` accepts after the template.
pub const OPTIONS: &[&str] = &[
    IDEMPOTENT,
    PAGINATED,
    TIMEOUT_SECS,
    HEADER_OPTION,
    CRATE,
    END_EVENT,
    RECONNECT,
];
/// The options spelled out, for "expected" messages.
pub const OPTIONS_LIST: &str = "`idempotent`, `paginated`, `timeout_secs = N`, `header(..)`, \
     `crate = \"..\"`, `end_event = \"..\"` or `reconnect`";

/// `#[query]`: one query parameter named after the argument.
pub const QUERY: &str = "query";
/// `#[query(flatten)]`: a struct of query parameters.
pub const FLATTEN: &str = "flatten";
/// `#[body]`: the JSON request body.
pub const BODY: &str = "body";
/// `#[multipart]`: a `multipart/form-data` request body.
pub const MULTIPART: &str = "multipart";
/// `#[form]`: a form-urlencoded request body.
pub const FORM: &str = "form";
/// `#[header("X-Name")]`: a request header.
pub const HEADER: &str = "header";
/// `#[idempotency_key]`: the caller's `Idempotency-Key`.
pub const IDEMPOTENCY_KEY: &str = "idempotency_key";
/// Every argument attribute, as the user writes its name.
pub const ARG_ATTRS: &[&str] = &[QUERY, BODY, FORM, MULTIPART, HEADER, IDEMPOTENCY_KEY];
/// The argument attributes spelled out, for "expected one of" messages.
pub const ARG_ATTRS_LIST: &str = "#[query], #[query(flatten)], #[body], #[form], #[multipart], \
     #[header(\"..\")] or #[idempotency_key]";
/// Lint attributes that may stay on an argument: the compiler accepts them there.
pub const LINT_ATTRS: &[&str] = &["allow", "warn", "deny", "forbid", "expect"];

/// The type the caller's key argument must have (alone or inside `Option`).
pub const KEY_TYPE: &str = "IdempotencyKey";
/// The return type every endpoint declares: `heygen_api::Result<T>`.
pub const RESULT_TYPE: &str = "Result";
/// `Option`, for `Option<IdempotencyKey>`.
pub const OPTION_TYPE: &str = "Option";

/// `Response<T>`: the answer `T` with its status and headers.
pub const RESPONSE_TYPE: &str = "Response";
/// `Json<T>`: the whole body decoded as `T`, without the `{"data"}` envelope.
pub const JSON_TYPE: &str = "Json";
/// `EventStream<T>`: a server-sent event stream of `T`.
pub const EVENT_STREAM_TYPE: &str = "EventStream";
/// `Bytes`: the whole body as bytes.
pub const BYTES_TYPE: &str = "Bytes";
/// `String`: the whole body as text.
pub const STRING_TYPE: &str = "String";
/// `ByteStream`: the body as a stream of chunks.
pub const BYTE_STREAM_TYPE: &str = "ByteStream";

/// Appended to a paginated method's name for its item stream.
pub const STREAM_SUFFIX: &str = "_stream";
/// The query parameter carrying the page cursor.
pub const PAGE_TOKEN: &str = "token";
/// The associated constant `#[api]` adds to a trait.
pub const ENDPOINTS: &str = "ENDPOINTS";
/// What `#[api]` leaves as the argument of a method's `#[endpoint]` attribute once it has
/// expanded the method itself: the attribute then returns the method as it is.
pub const EXPANDED_BY_API: &str = "__expanded_by_api";
/// The start of the names of the constants `#[api]` puts beside a trait, one per endpoint.
pub const INFO_CONST_PREFIX: &str = "__HEYGEN_ENDPOINT";

/// The HTTP methods, as written in `#[endpoint(METHOD ...)]`, for "expected one of" messages.
pub const METHOD_LIST: &str = "GET, POST, PUT, PATCH, DELETE";

/// An HTTP method an endpoint can be declared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HttpMethod {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl HttpMethod {
    /// Every method, in the order of [`METHOD_LIST`].
    pub const ALL: [HttpMethod; 5] = [
        HttpMethod::Get,
        HttpMethod::Post,
        HttpMethod::Put,
        HttpMethod::Patch,
        HttpMethod::Delete,
    ];

    /// The keyword as written in the attribute and on the wire (`GET`).
    pub fn keyword(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
        }
    }

    /// The name of the matching `heygen_api::HttpMethod` variant (`Get`).
    pub fn variant(self) -> &'static str {
        match self {
            HttpMethod::Get => "Get",
            HttpMethod::Post => "Post",
            HttpMethod::Put => "Put",
            HttpMethod::Patch => "Patch",
            HttpMethod::Delete => "Delete",
        }
    }

    /// The method written exactly as `word`, if any.
    pub fn from_keyword(word: &str) -> Option<HttpMethod> {
        HttpMethod::ALL.into_iter().find(|m| m.keyword() == word)
    }

    /// Whether a request of this method may carry a body (HeyGen's GET and DELETE never do).
    pub fn takes_body(self) -> bool {
        !matches!(self, HttpMethod::Get | HttpMethod::Delete)
    }

    /// Whether an `Idempotency-Key` means something for this method: GET and DELETE are already
    /// safe to repeat, so the key would change nothing.
    pub fn takes_idempotency_key(self) -> bool {
        !matches!(self, HttpMethod::Get | HttpMethod::Delete)
    }
}
