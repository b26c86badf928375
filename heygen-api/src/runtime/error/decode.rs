//! HeyGen's answer whose body does not decode.

use std::fmt;

use http::StatusCode;

use super::write_context;
use crate::runtime::idempotency::IdempotencyKey;

/// HeyGen answered, but the body does not decode as the endpoint's declared type.
#[derive(Debug)]
#[non_exhaustive]
pub struct DecodeError {
    pub(crate) operation: &'static str,
    pub(crate) status: StatusCode,
    pub(crate) problem: DecodeProblem,
    pub(crate) body_prefix: String,
    pub(crate) request_id: Option<String>,
    pub(crate) attempts: u32,
    pub(crate) idempotency_key: Option<IdempotencyKey>,
}

impl DecodeError {
    /// The endpoint's method name.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The HTTP status (a success status).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// What went wrong.
    pub fn problem(&self) -> &DecodeProblem {
        &self.problem
    }

    /// The first 512 bytes of the body as lossy UTF-8, with webhook secrets masked.
    pub fn body_prefix(&self) -> &str {
        &self.body_prefix
    }

    /// The `X-Request-Id` response header.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// How many attempts were made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The `Idempotency-Key` the request carried.
    pub fn idempotency_key(&self) -> Option<&IdempotencyKey> {
        self.idempotency_key.as_ref()
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
    /// The body is a JSON array, not the object `{"data": ...}` the endpoint answers with.
    #[error("the body is a JSON array, not the object {{\"data\": ...}}")]
    NotAnEnvelope,
    /// A text answer (`String`) is not UTF-8.
    #[error("the body is not UTF-8 text: {0}")]
    NotText(#[source] std::str::Utf8Error),
    /// A `text/event-stream` body is malformed.
    #[error("the event stream is malformed: {0}")]
    EventStream(String),
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
