//! What one attempt ended with when it is not a success, and the error it becomes.

use crate::runtime::error::{ApiError, Error, StorageError, TransportError, TransportErrorKind};
use crate::runtime::request::Request;
use crate::runtime::retry::AttemptOutcome;

/// What one attempt ended with, when it is not a success.
pub(crate) enum Failure {
    Api(Box<ApiError>),
    Storage(Box<StorageError>),
    Transport(Box<TransportError>),
    /// A failure no retry can fix.
    Final(Error),
}

impl Failure {
    /// The call's error, noting whether an attempt before this one may have been applied.
    pub(crate) fn into_error(self, earlier_may_have_applied: bool) -> Error {
        match self {
            Failure::Api(mut api) => {
                api.earlier_attempt_may_have_applied = earlier_may_have_applied;
                Error::Api(api)
            }
            Failure::Storage(mut storage) => {
                storage.earlier_attempt_may_have_applied = earlier_may_have_applied;
                Error::Storage(storage)
            }
            Failure::Transport(mut transport) => {
                transport.earlier_attempt_may_have_applied = earlier_may_have_applied;
                Error::Transport(transport)
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

/// What kind of network failure `error` is.
fn transport_error_kind(error: &reqwest::Error) -> TransportErrorKind {
    if error.is_connect() {
        TransportErrorKind::Connect
    } else if error.is_timeout() {
        TransportErrorKind::Timeout
    } else {
        TransportErrorKind::Interrupted
    }
}

/// The error of an attempt that failed on the network. The URL is dropped from the source: a
/// storage URL's signature grants write access.
pub(crate) fn transport_error(
    request: &Request,
    error: reqwest::Error,
    attempts: u32,
) -> TransportError {
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
        received: None,
    }
}

/// The error of an attempt whose answer did not start within the timeout (a streamed form's
/// wait for the headers).
pub(crate) fn timed_out(request: &Request, attempts: u32) -> TransportError {
    tracing::debug!("attempt timed out waiting for the answer");
    TransportError {
        operation: request.info.name,
        kind: TransportErrorKind::Timeout,
        status: None,
        request_id: None,
        attempts,
        idempotency_key: request.idempotency_key.clone(),
        source: None,
        earlier_attempt_may_have_applied: false,
        received: None,
    }
}
