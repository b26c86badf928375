//! A request that failed on the network.

use std::fmt;

use http::StatusCode;

use super::{EARLIER_ATTEMPT_NOTE, write_context};
use crate::runtime::idempotency::IdempotencyKey;

/// A request that failed on the network: not sent, or sent without a complete answer.
#[derive(Debug)]
#[non_exhaustive]
pub struct TransportError {
    pub(crate) operation: &'static str,
    pub(crate) kind: TransportErrorKind,
    pub(crate) status: Option<StatusCode>,
    pub(crate) request_id: Option<String>,
    pub(crate) attempts: u32,
    pub(crate) idempotency_key: Option<IdempotencyKey>,
    pub(crate) source: Option<reqwest::Error>,
    pub(crate) earlier_attempt_may_have_applied: bool,
    /// For a streamed body that broke off: how many bytes of it had arrived.
    pub(crate) received: Option<u64>,
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

impl TransportError {
    /// The endpoint's method name (`put_direct_upload` for the storage upload).
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// What happened.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// The status, when the headers arrived but the body did not.
    pub fn status(&self) -> Option<StatusCode> {
        self.status
    }

    /// The `X-Request-Id`, when the headers arrived.
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

    /// For a streamed answer (a download, server-sent events) whose body broke off or stalled:
    /// how many bytes of the body had arrived.
    pub fn bytes_received(&self) -> Option<u64> {
        self.received
    }

    /// Whether an earlier attempt of the call may have been applied (it got no answer, a 5xx or
    /// `409 request_in_progress`) before this one failed to connect.
    pub fn earlier_attempt_may_have_applied(&self) -> bool {
        self.earlier_attempt_may_have_applied
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (prefix, what) = match self.kind {
            TransportErrorKind::Connect => ("request not sent", "could not connect"),
            TransportErrorKind::Timeout => (NO_RESPONSE, "timed out"),
            TransportErrorKind::Interrupted => (NO_RESPONSE, "lost its connection"),
        };
        write!(f, "{prefix}: `{}` {what}", self.operation)?;
        if let Some(source) = &self.source {
            write!(f, ": {source}")?;
            let mut cause = std::error::Error::source(source);
            while let Some(inner) = cause {
                write!(f, ": {inner}")?;
                cause = inner.source();
            }
        }
        if let Some(received) = self.received {
            write!(f, " after {received} bytes of the body")?;
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

/// The start of the message of a request that got no complete answer.
const NO_RESPONSE: &str = "request sent but no response received (it may have been applied)";

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_ref()
            .map(|source| source as &(dyn std::error::Error + 'static))
    }
}
