//! The one error type of every call, and how far the request got.
//!
//! [`Error`] tells the [`Stage`] a failed call reached, which decides what to do next:
//!
//! | stage | variant | was anything applied? | what to do |
//! |---|---|---|---|
//! | not built | [`Error::Invalid`] | no, nothing was sent | fix the input |
//! | not sent | [`Error::Connect`] | no | retry later (network, DNS, TLS) |
//! | sent, no answer | [`Error::NoResponse`] | maybe | retry with the same [`IdempotencyKey`], or check first |
//! | answered with an error | [`Error::Api`] | see [`ApiError`] | depends on [`ApiError::code`] |
//! | answered, body undecodable | [`Error::Decode`] | yes, for a success status | check the resource; report it |
//! | job waited for failed | [`Error::JobFailed`] | yes, the job ran | fix what [`JobFailed`] names |
//! | job still unfinished | [`Error::JobTimedOut`] | yes, the job runs on | wait for it again |

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use http::StatusCode;

use crate::idempotency::{IdempotencyKey, InvalidIdempotencyKey};
use crate::jobs::{JobFailed, JobTimedOut};

/// `Result<T, heygen_api::Error>`, the return type of every declared endpoint.
pub type Result<T, E = Error> = core::result::Result<T, E>;

/// How many bytes of an unexpected response body an error keeps.
pub(crate) const BODY_PREFIX_BYTES: usize = 512;

/// Why a call failed, and how far its request got.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request was not built: an input or the client configuration is invalid.
    ///
    /// Nothing was sent. Fix the input named in the [`InvalidInput`] and call again.
    #[error("request not built: {0}")]
    Invalid(#[from] InvalidInput),

    /// The request was not sent: the connection could not be made (DNS, refused, TLS).
    ///
    /// Nothing reached HeyGen, so calling again is safe; the retry policy already did so for the
    /// attempts it allows.
    #[error("request not sent: {0}")]
    Connect(Box<TransportError>),

    /// The request was sent but no complete answer came back (timeout, connection reset).
    ///
    /// The request **may have been applied**. For an `idempotent` endpoint, call again with the
    /// same key ([`Error::idempotency_key`]): HeyGen replays the original result instead of
    /// acting twice. Otherwise, check whether the resource exists before calling again.
    #[error("request sent but no response received (it may have been applied): {0}")]
    NoResponse(Box<TransportError>),

    /// HeyGen answered with an error status.
    ///
    /// See [`ApiError::code`]: fix the request for `invalid_parameter`, the credential for
    /// `authentication_failed`, wait [`ApiError::retry_after`] for `rate_limit_exceeded`.
    #[error(transparent)]
    Api(Box<ApiError>),

    /// HeyGen answered, but the body is not what the endpoint declares.
    ///
    /// For a success status the request **was applied**; only its result could not be read.
    /// [`DecodeError::body_prefix`] keeps the start of the body for a bug report.
    #[error(transparent)]
    Decode(Box<DecodeError>),

    /// Every request succeeded, but the job a [`jobs`](crate::jobs) helper waited for ended as
    /// `failed`.
    ///
    /// [`JobFailed`] carries HeyGen's failure code and message. Calling again with the same input
    /// usually fails the same way: fix what the message names.
    #[error(transparent)]
    JobFailed(Box<JobFailed>),

    /// Every request succeeded, but the job a [`jobs`](crate::jobs) helper waited for did not
    /// finish within the wait's timeout.
    ///
    /// The job keeps running on HeyGen's side: wait for [`JobTimedOut::id`] again, with a longer
    /// timeout, rather than creating it a second time.
    #[error(transparent)]
    JobTimedOut(Box<JobTimedOut>),
}

/// How far a failed request got; see [`Error::stage`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Stage {
    /// The request was not built; nothing was sent.
    NotBuilt,
    /// The request was not sent (connection failure).
    NotSent,
    /// The request was sent, but no complete response came back.
    NoResponse,
    /// HeyGen answered with an error status.
    ErrorResponse,
    /// HeyGen answered with a body that does not decode.
    UndecodableResponse,
    /// Every request succeeded; the job they waited for failed or did not finish in time.
    Job,
}

impl Error {
    /// How far the request got.
    pub fn stage(&self) -> Stage {
        match self {
            Error::Invalid(_) => Stage::NotBuilt,
            Error::Connect(_) => Stage::NotSent,
            Error::NoResponse(_) => Stage::NoResponse,
            Error::Api(_) => Stage::ErrorResponse,
            Error::Decode(_) => Stage::UndecodableResponse,
            Error::JobFailed(_) | Error::JobTimedOut(_) => Stage::Job,
        }
    }

    /// The HTTP status HeyGen answered with, if it answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Invalid(_) | Error::Connect(_) | Error::JobFailed(_) | Error::JobTimedOut(_) => {
                None
            }
            Error::NoResponse(transport) => transport.status,
            Error::Api(api) => Some(api.status),
            Error::Decode(decode) => Some(decode.status),
        }
    }

    /// The API error code, if HeyGen sent one.
    pub fn code(&self) -> Option<&ErrorCode> {
        match self {
            Error::Api(api) => api.code.as_ref(),
            _ => None,
        }
    }

    /// The `X-Request-Id` of the response, to quote to HeyGen support.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(api) => api.request_id.as_deref(),
            Error::Decode(decode) => decode.request_id.as_deref(),
            Error::NoResponse(transport) => transport.request_id.as_deref(),
            Error::Invalid(_) | Error::Connect(_) | Error::JobFailed(_) | Error::JobTimedOut(_) => {
                None
            }
        }
    }

    /// The `Idempotency-Key` the request carried; call again with it to avoid acting twice.
    pub fn idempotency_key(&self) -> Option<&IdempotencyKey> {
        match self {
            Error::Invalid(_) | Error::JobFailed(_) | Error::JobTimedOut(_) => None,
            Error::Connect(transport) | Error::NoResponse(transport) => {
                transport.idempotency_key.as_ref()
            }
            Error::Api(api) => api.idempotency_key.as_ref(),
            Error::Decode(decode) => decode.idempotency_key.as_ref(),
        }
    }

    /// How many attempts were made (0 when the request was not built); for a job error, how many
    /// times the job's status was read.
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Invalid(_) => 0,
            Error::JobFailed(failed) => failed.polls,
            Error::JobTimedOut(timed_out) => timed_out.polls,
            Error::Connect(transport) | Error::NoResponse(transport) => transport.attempts,
            Error::Api(api) => api.attempts,
            Error::Decode(decode) => decode.attempts,
        }
    }

    /// Whether the request may have changed something on HeyGen's side.
    ///
    /// `false` when it was not sent or was refused (4xx other than `409 request_in_progress`);
    /// `true` when no answer came, on a 5xx, while the original is still running, when a
    /// success answer could not be decoded, or when a job was waited for. `true` too when an
    /// earlier attempt of the call was in one of those cases, whatever the last one got.
    pub fn may_have_been_applied(&self) -> bool {
        match self {
            Error::Invalid(_) => false,
            Error::Connect(transport) => transport.earlier_attempt_may_have_applied,
            Error::NoResponse(_)
            | Error::Decode(_)
            | Error::JobFailed(_)
            | Error::JobTimedOut(_) => true,
            Error::Api(api) => {
                api.status.is_server_error()
                    || api.code == Some(ErrorCode::RequestInProgress)
                    || api.earlier_attempt_may_have_applied
            }
        }
    }

    /// Whether the same call may succeed later without changing it (rate limit, 5xx, network).
    ///
    /// For a request that [may have been applied](Error::may_have_been_applied), repeat it only
    /// with the same [`IdempotencyKey`]. A job that timed out may still finish: waiting for it
    /// again is the retry.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Invalid(_) | Error::Decode(_) | Error::JobFailed(_) => false,
            Error::Connect(_) | Error::NoResponse(_) | Error::JobTimedOut(_) => true,
            Error::Api(api) => {
                api.status == StatusCode::TOO_MANY_REQUESTS
                    || api.status.is_server_error()
                    || api.code == Some(ErrorCode::RequestInProgress)
            }
        }
    }

    /// How long HeyGen asked to wait before calling again (`Retry-After`), clamped by the
    /// client's retry policy.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::Api(api) => api.retry_after,
            _ => None,
        }
    }
}

impl From<InvalidIdempotencyKey> for Error {
    fn from(error: InvalidIdempotencyKey) -> Self {
        Error::Invalid(InvalidInput::IdempotencyKey(error))
    }
}

/// An input that stopped the request from being built. Nothing was sent.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidInput {
    /// A path parameter is empty; it would change the route.
    #[error("path parameter `{name}` is empty")]
    EmptyPathParam {
        /// The parameter's name in the template.
        name: &'static str,
    },
    /// A path parameter is `.` or `..`, which URLs treat as "this/parent directory".
    #[error("path parameter `{name}` is `{value}`, which a URL cannot carry as a path segment")]
    DotPathParam {
        /// The parameter's name in the template.
        name: &'static str,
        /// `.` or `..`.
        value: String,
    },
    /// A placeholder of the template got no value (a declaration the macro did not check).
    #[error("path parameter `{name}` was not given a value")]
    MissingPathParam {
        /// The parameter's name in the template.
        name: &'static str,
    },
    /// A query parameter's value cannot be written as text.
    #[error("query parameter `{name}` {problem}")]
    Query {
        /// The parameter's name (the struct's name for `#[query(flatten)]`).
        name: String,
        /// What is wrong with it.
        problem: String,
    },
    /// The JSON body could not be serialized.
    #[error("the request body cannot be serialized as JSON: {0}")]
    Body(#[source] serde_json::Error),
    /// The caller's `Idempotency-Key` is invalid.
    #[error(transparent)]
    IdempotencyKey(#[from] InvalidIdempotencyKey),
    /// A header value would be invalid; the value itself is not repeated here.
    #[error(
        "the {header} is not a valid HTTP header value (it must be visible ASCII, without CR or LF)"
    )]
    HeaderValue {
        /// What the value is (`API key`, `bearer token`, `user agent`).
        header: &'static str,
    },
    /// The client configuration is invalid.
    #[error("invalid client configuration: {0}")]
    Config(String),
    /// A file to upload could not be read.
    #[error("cannot read `{}`: {source}", path.display())]
    File {
        /// The file's path.
        path: PathBuf,
        /// Why it could not be read.
        #[source]
        source: std::io::Error,
    },
    /// A multipart form could not be built.
    #[error("invalid multipart form: {0}")]
    Multipart(String),
    /// A file is larger than the upload accepts; nothing of it was sent.
    ///
    /// `POST /v3/assets` takes at most 32 MiB: upload a larger file with
    /// [`Uploads::upload_direct`](crate::upload::Uploads::upload_direct).
    #[error(
        "the file to upload is {size} bytes, more than the {limit} bytes {accepted_by} accepts"
    )]
    FileTooLarge {
        /// The file's size, in bytes.
        size: u64,
        /// The largest size accepted, in bytes.
        limit: u64,
        /// What sets the limit (`POST /v3/assets`, the presigned upload).
        accepted_by: &'static str,
    },
    /// The presigned upload instructions HeyGen returned cannot be followed (a URL or header
    /// that cannot be sent); the file was not sent.
    #[error("the direct upload instructions cannot be followed: {0}")]
    UploadInstructions(String),
}

crate::string_enum! {
    /// The `code` of an API error body. Codes this crate does not know are kept as
    /// [`ErrorCode::Unknown`].
    pub enum ErrorCode {
        /// 400: a parameter is invalid; see [`ApiError::param`].
        InvalidParameter = "invalid_parameter",
        /// 401: the API key or token is missing or wrong.
        AuthenticationFailed = "authentication_failed",
        /// 401: the credential is not allowed to call this.
        Unauthorized = "unauthorized",
        /// 402: the account lacks credit.
        InsufficientCredit = "insufficient_credit",
        /// 403: forbidden.
        Forbidden = "forbidden",
        /// 403: the resource belongs to someone else.
        ResourceAccessDenied = "resource_access_denied",
        /// 404: not found.
        NotFound = "not_found",
        /// 404: no such webhook endpoint.
        WebhookNotFound = "webhook_not_found",
        /// 404: no such voice.
        VoiceNotFound = "voice_not_found",
        /// 404: no such video.
        VideoNotFound = "video_not_found",
        /// 404: no such asset.
        AssetNotFound = "asset_not_found",
        /// 409: a request with the same `Idempotency-Key` is still running; retry later.
        RequestInProgress = "request_in_progress",
        /// 413: the body is too large.
        PayloadTooLarge = "payload_too_large",
        /// 429: too many requests; wait [`ApiError::retry_after`].
        RateLimitExceeded = "rate_limit_exceeded",
        /// 5xx: HeyGen failed.
        InternalError = "internal_error",
    }
}

/// HeyGen answered with an error status.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiError {
    /// The endpoint's method name.
    pub operation: &'static str,
    /// The HTTP status.
    pub status: StatusCode,
    /// The error code, when the body was HeyGen's JSON error shape.
    pub code: Option<ErrorCode>,
    /// The message HeyGen sent, or a description of the status when the body had none.
    pub message: String,
    /// The parameter at fault (`invalid_parameter`).
    pub param: Option<String>,
    /// A link to the documentation of the error.
    pub doc_url: Option<String>,
    /// The `X-Request-Id` response header.
    pub request_id: Option<String>,
    /// The `Retry-After` response header, clamped by the retry policy.
    pub retry_after: Option<Duration>,
    /// How many attempts were made.
    pub attempts: u32,
    /// The `Idempotency-Key` the request carried.
    pub idempotency_key: Option<IdempotencyKey>,
    /// The start of the body (lossy UTF-8) when it was not HeyGen's JSON error shape.
    pub body_prefix: Option<String>,
    /// An earlier attempt of the call may have been applied (it got no answer, a 5xx or `409
    /// request_in_progress`) before this answer refused it: the call may have changed something
    /// even when this answer alone says it did not.
    pub earlier_attempt_may_have_applied: bool,
}

impl ApiError {
    /// The error code, when the body was HeyGen's JSON error shape.
    pub fn code(&self) -> Option<&ErrorCode> {
        self.code.as_ref()
    }

    /// The `Retry-After` response header, clamped by the retry policy.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// The parameter at fault (`invalid_parameter`).
    pub fn param(&self) -> Option<&str> {
        self.param.as_deref()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` failed with HTTP {}",
            self.operation,
            self.status.as_u16()
        )?;
        match &self.code {
            Some(code) => write!(f, " {code}: {}", self.message)?,
            None => write!(f, ": {}", self.message)?,
        }
        if let Some(param) = &self.param {
            write!(f, " (parameter `{param}`)")?;
        }
        if let Some(prefix) = &self.body_prefix {
            write!(f, "; body starts with {prefix:?}")?;
        }
        write_context(f, self.request_id.as_deref(), self.attempts)?;
        // Only where this answer alone would suggest nothing happened.
        let refused =
            !self.status.is_server_error() && self.code != Some(ErrorCode::RequestInProgress);
        if refused && self.earlier_attempt_may_have_applied {
            f.write_str(EARLIER_ATTEMPT_NOTE)?;
        }
        Ok(())
    }
}

/// The note on an error whose last attempt was refused after an earlier one may have been applied.
const EARLIER_ATTEMPT_NOTE: &str = "; an earlier attempt may have been applied";

impl std::error::Error for ApiError {}

/// HeyGen answered, but the body does not decode as the endpoint's declared type.
#[derive(Debug)]
#[non_exhaustive]
pub struct DecodeError {
    /// The endpoint's method name.
    pub operation: &'static str,
    /// The HTTP status (a success status).
    pub status: StatusCode,
    /// What went wrong.
    pub problem: DecodeProblem,
    /// The first 512 bytes of the body as lossy UTF-8, with webhook secrets masked.
    pub body_prefix: String,
    /// The `X-Request-Id` response header.
    pub request_id: Option<String>,
    /// How many attempts were made.
    pub attempts: u32,
    /// The `Idempotency-Key` the request carried.
    pub idempotency_key: Option<IdempotencyKey>,
}

impl DecodeError {
    /// The first 512 bytes of the body as lossy UTF-8, with webhook secrets masked.
    pub fn body_prefix(&self) -> &str {
        &self.body_prefix
    }
}

/// Why a response body could not be decoded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeProblem {
    /// The body is empty.
    #[error("the body is empty")]
    Empty,
    /// The body is larger than the client accepts (`ClientBuilder::max_response_bytes`).
    #[error("the body is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The body is not JSON of the expected shape.
    #[error("{0}")]
    Json(#[source] serde_json::Error),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the HTTP {} response of `{}` does not decode: {}",
            self.status.as_u16(),
            self.operation,
            self.problem
        )?;
        if !self.body_prefix.is_empty() {
            write!(f, "; body starts with {:?}", self.body_prefix)?;
        }
        write_context(f, self.request_id.as_deref(), self.attempts)
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.problem)
    }
}

/// A request that failed on the network: not sent, or sent without a complete answer.
#[derive(Debug)]
#[non_exhaustive]
pub struct TransportError {
    /// The endpoint's method name.
    pub operation: &'static str,
    /// What happened.
    pub kind: TransportErrorKind,
    /// The status, when the headers arrived but the body did not.
    pub status: Option<StatusCode>,
    /// The `X-Request-Id`, when the headers arrived.
    pub request_id: Option<String>,
    /// How many attempts were made.
    pub attempts: u32,
    /// The `Idempotency-Key` the request carried.
    pub idempotency_key: Option<IdempotencyKey>,
    /// The underlying error.
    pub source: Option<reqwest::Error>,
    /// An earlier attempt of the call may have been applied (it got no answer, a 5xx or `409
    /// request_in_progress`) before this one failed to connect.
    pub earlier_attempt_may_have_applied: bool,
}

/// What kind of network failure a [`TransportError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (refused, DNS, TLS); nothing was sent.
    Connect,
    /// The client's timeout elapsed before the answer was complete.
    Timeout,
    /// The connection broke after the request was sent.
    Interrupted,
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Interrupted => "the connection broke",
        };
        write!(f, "`{}` {what}", self.operation)?;
        if let Some(source) = &self.source {
            write!(f, ": {source}")?;
            let mut cause = std::error::Error::source(source);
            while let Some(inner) = cause {
                write!(f, ": {inner}")?;
                cause = inner.source();
            }
        }
        if let Some(key) = &self.idempotency_key {
            write!(f, " (Idempotency-Key {key})")?;
        }
        write_context(f, self.request_id.as_deref(), self.attempts)?;
        if self.kind == TransportErrorKind::Connect && self.earlier_attempt_may_have_applied {
            f.write_str(EARLIER_ATTEMPT_NOTE)?;
        }
        Ok(())
    }
}

impl std::error::Error for TransportError {}

/// The tail shared by the messages of answered requests.
fn write_context(
    f: &mut fmt::Formatter<'_>,
    request_id: Option<&str>,
    attempts: u32,
) -> fmt::Result {
    if let Some(id) = request_id {
        write!(f, " [request id {id}]")?;
    }
    if attempts > 1 {
        write!(f, " after {attempts} attempts")?;
    }
    Ok(())
}

/// The first [`BODY_PREFIX_BYTES`] of `body` as lossy UTF-8, with webhook secrets masked.
///
/// Webhook create and rotate-secret answers carry a `whsec_...` secret; a body that fails to decode
/// must not leak it through an error message or a log.
pub(crate) fn body_prefix(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(BODY_PREFIX_BYTES)]);
    const MARKER: &str = "whsec_";
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    while let Some(at) = rest.find(MARKER) {
        out.push_str(&rest[..at + MARKER.len()]);
        out.push_str("[redacted]");
        rest = rest[at + MARKER.len()..]
            .trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_prefix_is_capped_lossy_and_masks_secrets() {
        assert_eq!(
            body_prefix(b"<html>bad gateway</html>"),
            "<html>bad gateway</html>"
        );
        assert_eq!(body_prefix(&[b'x'; 2000]).len(), BODY_PREFIX_BYTES);
        assert_eq!(body_prefix(b"a\xffb"), "a\u{fffd}b");
        assert_eq!(
            body_prefix(br#"{"secret":"whsec_abc123","x":1,"y":"whsec_Z"}"#),
            r#"{"secret":"whsec_[redacted]","x":1,"y":"whsec_[redacted]"}"#
        );
    }

    #[test]
    fn error_codes_keep_unknown_values() {
        assert_eq!(
            ErrorCode::from("webhook_not_found"),
            ErrorCode::WebhookNotFound
        );
        assert_eq!(
            ErrorCode::from("brand_new_code"),
            ErrorCode::Unknown("brand_new_code".into())
        );
        assert_eq!(ErrorCode::KNOWN.len(), 15);
    }
}
