//! What one attempt ended with when it is not a success, the error it becomes, and the time it
//! may take.

use std::time::Duration;

use tokio::time::Instant;

use crate::runtime::error::{
    ApiError, Error, Phase, Source, StorageError, TransportError, TransportErrorKind,
};
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

/// The time one attempt may take: its own timeout, or what is left of the call's deadline when
/// that is shorter.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AttemptClock {
    /// When the attempt's time runs out.
    pub(crate) ends: Instant,
    /// The length of time that runs out then (the timeout, or the whole deadline).
    pub(crate) limit: Duration,
    /// Whether it is the call's deadline (rather than the attempt's timeout) that runs out.
    pub(crate) deadline: bool,
    /// Whether the time left is no longer than the connect timeout, so that running out before
    /// the answer may be a connection that never opened.
    pub(crate) within_connect: bool,
}

impl AttemptClock {
    /// The clock of an attempt starting now with `timeout`, under the call's `deadline` (when
    /// it ends and how long it is).
    pub(crate) fn start(
        timeout: Duration,
        deadline: Option<(Instant, Duration)>,
        connect_timeout: Duration,
    ) -> AttemptClock {
        let now = Instant::now();
        let own = now + timeout;
        let (ends, limit, by_deadline) = match deadline {
            Some((ends, length)) if ends < own => (ends, length, true),
            _ => (own, timeout, false),
        };
        AttemptClock {
            ends,
            limit,
            deadline: by_deadline,
            within_connect: ends.saturating_duration_since(now) <= connect_timeout,
        }
    }

    /// The milliseconds left before the attempt's time runs out (for the logs).
    pub(crate) fn millis_left(&self) -> u64 {
        self.ends
            .saturating_duration_since(Instant::now())
            .as_millis() as u64
    }

    /// The error of an attempt whose time ran out while it was `phase`.
    #[cold]
    pub(crate) fn ran_out(&self, request: &Request, attempts: u32, phase: Phase) -> TransportError {
        let phase = match phase {
            Phase::WaitingForAnswer if self.within_connect => Phase::ConnectingOrWaiting,
            phase => phase,
        };
        let kind = match self.deadline {
            true => TransportErrorKind::DeadlineExceeded,
            false => TransportErrorKind::Timeout,
        };
        tracing::debug!(kind = ?kind, phase = ?phase, "attempt ran out of time");
        let mut error = TransportError::new(
            request.info.name,
            kind,
            attempts,
            request.idempotency_key.clone(),
        );
        error.phase = Some(phase);
        error.limit = Some(self.limit);
        error.read_only = request.info.reads_only();
        error
    }
}

/// How far a request that failed on the network got, as far as retrying is concerned.
pub(crate) fn attempt_outcome(kind: TransportErrorKind) -> AttemptOutcome<'static> {
    match kind {
        TransportErrorKind::Connect => AttemptOutcome::ConnectFailed,
        TransportErrorKind::Timeout | TransportErrorKind::DeadlineExceeded => {
            AttemptOutcome::TimedOut
        }
        TransportErrorKind::Interrupted
        | TransportErrorKind::EndedEarly
        | TransportErrorKind::Middleware => AttemptOutcome::Interrupted,
    }
}

/// The error of an attempt that failed on the network. The URL is dropped from the source: a
/// storage URL's signature grants write access.
#[cold]
pub(crate) fn transport_error(
    request: &Request,
    error: reqwest::Error,
    attempts: u32,
    connect_timeout: Duration,
) -> TransportError {
    let (kind, phase) = if error.is_connect() {
        let timed_out = error.is_timeout().then_some(Phase::Connecting);
        (TransportErrorKind::Connect, timed_out)
    } else if error.is_timeout() {
        (TransportErrorKind::Timeout, None)
    } else {
        (TransportErrorKind::Interrupted, None)
    };
    tracing::debug!(kind = ?kind, "attempt failed");
    let mut transport = TransportError::new(
        request.info.name,
        kind,
        attempts,
        request.idempotency_key.clone(),
    );
    if phase.is_some() {
        transport.phase = phase;
        transport.limit = Some(connect_timeout);
    }
    transport.read_only = request.info.reads_only();
    transport.source = Some(Box::new(error.without_url()));
    transport
}

/// The error of an attempt a middleware failed.
#[cold]
pub(crate) fn middleware_error(request: &Request, error: Source, attempts: u32) -> TransportError {
    tracing::debug!("a middleware failed the attempt");
    let mut transport = TransportError::new(
        request.info.name,
        TransportErrorKind::Middleware,
        attempts,
        request.idempotency_key.clone(),
    );
    transport.read_only = request.info.reads_only();
    transport.source = Some(error);
    transport
}
