//! The one error type of every call, and how far the request got.
//!
//! [`Error`] has one variant per category of failure, and tells the [`Stage`] a failed call
//! reached, which decides what to do next:
//!
//! | variant | stage | was anything applied? | what to do |
//! |---|---|---|---|
//! | [`Error::Config`] | not built | no, nothing was sent | fix the client's configuration |
//! | [`Error::InvalidInput`] | not built | no, nothing was sent | fix the input |
//! | [`Error::Transport`] | not sent, or sent without an answer | no / maybe | retry later; with the same [`IdempotencyKey`] if it may have been applied |
//! | [`Error::Api`] | answered with an error | see [`ApiError`] | depends on [`ApiError::code`] |
//! | [`Error::Storage`] | the storage service refused a direct upload | no | see [`StorageError`] |
//! | [`Error::Decode`] | answered, body undecodable | yes, for a success status | check the resource; report it |
//! | [`Error::Job`] | a job waited for failed or is unfinished | yes, the job ran | see [`JobError`] |

mod api;
mod config;
mod credential;
mod decode;
mod invalid;
mod job;
mod storage;
mod transport;

use std::fmt;
use std::time::Duration;

use http::StatusCode;

use crate::runtime::idempotency::{IdempotencyKey, InvalidIdempotencyKey};

pub use api::{ApiError, ErrorCode, ErrorDetail};
pub use config::ConfigError;
pub use credential::CredentialError;
pub use decode::{DecodeError, DecodeProblem};
pub use invalid::InvalidInput;
pub use job::{JobError, JobFailed, JobKind, JobTimedOut};
pub use storage::{StorageError, StorageProblem};
pub(crate) use transport::{Human, Source};
pub use transport::{Phase, TransportError, TransportErrorKind};

/// `Result<T, heygen_api::Error>`, the return type of every declared endpoint.
pub type Result<T, E = Error> = core::result::Result<T, E>;

/// How many bytes of an unexpected response body an error keeps.
pub(crate) const BODY_PREFIX_BYTES: usize = 512;

/// Why a call failed, and how far its request got.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The client is misconfigured (no credential, a bad base URL, a user agent that cannot be a
    /// header). Nothing was sent. Fix the [`ClientBuilder`](crate::ClientBuilder) settings.
    #[error("invalid client configuration: {0}")]
    Config(ConfigError),

    /// An input of the call is invalid (a path parameter, a query value, the body, the
    /// Idempotency-Key, a file). Nothing was sent: fix what [`InvalidInput`] names and call again.
    #[error("request not built: {0}")]
    InvalidInput(InvalidInput),

    /// The network failed: the request was not sent (connection refused, DNS, TLS), or it was
    /// sent without a complete answer (timeout, connection reset).
    ///
    /// [`TransportError::kind`] says which. An answer that never came **may have been applied**:
    /// for an `idempotent` endpoint call again with the same key ([`Error::idempotency_key`]),
    /// and HeyGen replays the original result instead of acting twice. The retry policy has
    /// already repeated the attempts it allows.
    #[error(transparent)]
    Transport(Box<TransportError>),

    /// The client's [`CredentialProvider`](crate::CredentialProvider) could not give a
    /// credential (or a renewed one after a `401`); nothing more was sent.
    #[error(transparent)]
    Credential(Box<CredentialError>),

    /// HeyGen answered with an error status.
    ///
    /// See [`ApiError::code`]: fix the request for `invalid_parameter`, the credential for
    /// `authentication_failed`, wait [`ApiError::retry_after`] for `rate_limit_exceeded`.
    #[error(transparent)]
    Api(Box<ApiError>),

    /// A direct upload to storage failed: the storage service (which is not HeyGen) refused the
    /// `PUT`, or the upload instructions HeyGen returned cannot be followed.
    #[error(transparent)]
    Storage(Box<StorageError>),

    /// HeyGen answered, but the body is not what the endpoint declares.
    ///
    /// For a success status the request **was applied**; only its result could not be read.
    /// [`DecodeError::body_prefix`] keeps the start of the body for a bug report.
    #[error(transparent)]
    Decode(Box<DecodeError>),

    /// Every request succeeded, but the job a [`jobs`](crate::jobs) helper waited for failed or
    /// did not finish within the wait's timeout; [`JobError`] says which.
    #[error(transparent)]
    Job(Box<JobError>),
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
    /// The server (HeyGen, or the storage service of a direct upload) answered with an error
    /// status.
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
            Error::Config(_) | Error::InvalidInput(_) => Stage::NotBuilt,
            Error::Transport(transport) => match transport.this_attempt_may_have_applied() {
                false => Stage::NotSent,
                true => Stage::NoResponse,
            },
            Error::Credential(_) => Stage::NotSent,
            Error::Api(_) => Stage::ErrorResponse,
            Error::Storage(storage) => match storage.problem() {
                StorageProblem::Refused { .. } => Stage::ErrorResponse,
                StorageProblem::UnusableInstructions { .. } => Stage::NotBuilt,
            },
            Error::Decode(_) => Stage::UndecodableResponse,
            Error::Job(_) => Stage::Job,
        }
    }

    /// The HTTP status the server answered with, if it answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Config(_) | Error::InvalidInput(_) | Error::Credential(_) | Error::Job(_) => {
                None
            }
            Error::Transport(transport) => transport.status(),
            Error::Api(api) => Some(api.status()),
            Error::Storage(storage) => storage.status(),
            Error::Decode(decode) => Some(decode.status()),
        }
    }

    /// The API error code, if HeyGen sent one.
    pub fn code(&self) -> Option<&ErrorCode> {
        match self {
            Error::Api(api) => api.code(),
            _ => None,
        }
    }

    /// The `X-Request-Id` of the response, to quote to HeyGen support.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(api) => api.request_id(),
            Error::Decode(decode) => decode.request_id(),
            Error::Transport(transport) => transport.request_id(),
            Error::Config(_)
            | Error::InvalidInput(_)
            | Error::Credential(_)
            | Error::Storage(_)
            | Error::Job(_) => None,
        }
    }

    /// The `Idempotency-Key` the request carried; call again with it to avoid acting twice.
    pub fn idempotency_key(&self) -> Option<&IdempotencyKey> {
        match self {
            Error::Config(_)
            | Error::InvalidInput(_)
            | Error::Credential(_)
            | Error::Storage(_)
            | Error::Job(_) => None,
            Error::Transport(transport) => transport.idempotency_key(),
            Error::Api(api) => api.idempotency_key(),
            Error::Decode(decode) => decode.idempotency_key(),
        }
    }

    /// How many attempts were made (0 when the request was not built); for a job error, how many
    /// times the job's status was read.
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Config(_) | Error::InvalidInput(_) => 0,
            Error::Credential(credential) => credential.attempts(),
            Error::Job(job) => job.polls(),
            Error::Transport(transport) => transport.attempts(),
            Error::Api(api) => api.attempts(),
            Error::Storage(storage) => storage.attempts(),
            Error::Decode(decode) => decode.attempts(),
        }
    }

    /// Whether the request may have changed something on the server's side.
    ///
    /// `false` when it was not sent or was refused (4xx other than `409 request_in_progress`);
    /// `true` when no answer came, on a 5xx, while the original is still running, when a
    /// success answer could not be decoded, or when a job was waited for. `true` too when an
    /// earlier attempt of the call was in one of those cases, whatever the last one got.
    pub fn may_have_been_applied(&self) -> bool {
        match self {
            Error::Config(_) | Error::InvalidInput(_) => false,
            Error::Transport(transport) => {
                transport.this_attempt_may_have_changed()
                    || transport.earlier_attempt_may_have_applied()
            }
            Error::Credential(credential) => credential.earlier_attempt_may_have_applied(),
            Error::Decode(_) | Error::Job(_) => true,
            Error::Api(api) => {
                (api.status().is_server_error() && api.status() != StatusCode::NOT_IMPLEMENTED)
                    // A redirect (which is not followed) may answer an action that happened.
                    || api.status().is_redirection()
                    || api.code() == Some(&ErrorCode::RequestInProgress)
                    || api.earlier_attempt_may_have_applied()
            }
            Error::Storage(storage) => storage.may_have_been_applied(),
        }
    }

    /// Whether the same call may succeed later without changing it (rate limit, 5xx, network).
    ///
    /// For a request that [may have been applied](Error::may_have_been_applied), repeat it only
    /// with the same [`IdempotencyKey`]. A job that timed out may still finish: waiting for it
    /// again is the retry.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Config(_) | Error::InvalidInput(_) | Error::Decode(_) => false,
            Error::Transport(transport) => transport.kind() != TransportErrorKind::Middleware,
            Error::Credential(_) => true,
            Error::Job(job) => matches!(**job, JobError::TimedOut(_)),
            Error::Api(api) => {
                api.status() == StatusCode::TOO_MANY_REQUESTS
                    || (api.status().is_server_error()
                        && api.status() != StatusCode::NOT_IMPLEMENTED)
                    || api.code() == Some(&ErrorCode::RequestInProgress)
            }
            Error::Storage(storage) => storage
                .status()
                .is_some_and(|status| status.is_server_error() || status.as_u16() == 429),
        }
    }

    /// How long HeyGen asked to wait before calling again (`Retry-After`), clamped by the
    /// client's retry policy.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::Api(api) => api.retry_after(),
            _ => None,
        }
    }
}

impl From<InvalidInput> for Error {
    fn from(invalid: InvalidInput) -> Self {
        Error::InvalidInput(invalid)
    }
}

impl From<ConfigError> for Error {
    fn from(config: ConfigError) -> Self {
        Error::Config(config)
    }
}

impl From<InvalidIdempotencyKey> for Error {
    fn from(error: InvalidIdempotencyKey) -> Self {
        Error::InvalidInput(InvalidInput::IdempotencyKey(error))
    }
}

impl From<ApiError> for Error {
    fn from(api: ApiError) -> Self {
        Error::Api(Box::new(api))
    }
}

impl From<TransportError> for Error {
    fn from(transport: TransportError) -> Self {
        Error::Transport(Box::new(transport))
    }
}

impl From<CredentialError> for Error {
    fn from(credential: CredentialError) -> Self {
        Error::Credential(Box::new(credential))
    }
}

impl From<JobError> for Error {
    fn from(job: JobError) -> Self {
        Error::Job(Box::new(job))
    }
}

/// The note on an error whose last attempt was refused after an earlier one may have been applied.
const EARLIER_ATTEMPT_NOTE: &str = "; an earlier attempt may have been applied";

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
/// Replaces every occurrence of `secret` in `text` with `[redacted]`: a server that echoes the
/// client's own credential back (in a message, a parameter, a body) must not put it in an error.
pub(crate) fn redact(text: &mut String, secret: &str) {
    // A secret of a few characters would mask ordinary words; no real credential is that short.
    if secret.len() >= 8 && text.contains(secret) {
        *text = text.replace(secret, "[redacted]");
    }
}

impl Error {
    /// This error with every occurrence of `secret` in what the server said redacted.
    pub(crate) fn without_secret(mut self, secret: &str) -> Error {
        match &mut self {
            Error::Api(api) => api.redact(secret),
            Error::Decode(decode) => redact(&mut decode.body_prefix, secret),
            _ => {}
        }
        self
    }
}

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
        assert_eq!(ErrorCode::KNOWN.len(), 26);
    }
}
