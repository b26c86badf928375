//! A request that failed on the network, ran out of time, or was stopped by a middleware.

use std::fmt;
use std::time::Duration;

use http::StatusCode;

use super::{EARLIER_ATTEMPT_NOTE, Error, write_context};
use crate::runtime::idempotency::IdempotencyKey;

/// The source of a transport error: `reqwest`'s error, or a middleware's.
pub(crate) type Source = Box<dyn std::error::Error + Send + Sync>;

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
    pub(crate) source: Option<Source>,
    pub(crate) earlier_attempt_may_have_applied: bool,
    /// For a body that broke off or stalled: how many bytes of it had arrived.
    pub(crate) received: Option<u64>,
    /// What the attempt was doing when its time ran out.
    pub(crate) phase: Option<Phase>,
    /// The timeout or deadline that ran out.
    pub(crate) limit: Option<Duration>,
    /// For a deadline that ran out between attempts: how the last attempt failed.
    pub(crate) last: Option<Box<Error>>,
    /// For a deadline that ran out between attempts: whether it had not passed yet, but the
    /// pause before the next attempt would have ended after it.
    pub(crate) pause_too_long: bool,
    /// Whether the request only reads (a `GET`): reaching the server changed nothing.
    pub(crate) read_only: bool,
    /// For a stream of events that ended early: the terminal event it ended without.
    pub(crate) end_event: Option<&'static str>,
}

/// What kind of network failure a [`TransportError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (refused, DNS, TLS, or the connect timeout); nothing was
    /// sent.
    Connect,
    /// One attempt's timeout elapsed before its answer was complete; [`TransportError::phase`]
    /// says what it was waiting for.
    Timeout,
    /// The connection broke after the request was sent.
    Interrupted,
    /// The answer's body ended cleanly but before it was complete: a stream of server-sent
    /// events without its terminal event ([`TransportError::end_event`] names it).
    EndedEarly,
    /// The call's deadline (across all its attempts and the pauses between them) passed:
    /// during an attempt ([`TransportError::phase`] says where) or before the next one could
    /// start ([`TransportError::last_attempt`] says how the last one failed). Never retried.
    DeadlineExceeded,
    /// A middleware of the client's stack failed the request (its error is the
    /// [`source`](std::error::Error::source)). Never retried: whether it was sent is unknown.
    Middleware,
}

/// What an attempt was doing when its time ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Phase {
    /// Opening the connection (nothing was sent).
    Connecting,
    /// The request was handed over; no status line had arrived.
    WaitingForAnswer,
    /// Connecting or waiting for the answer: the attempt's time was shorter than the
    /// connect timeout, so the two cannot be told apart.
    ConnectingOrWaiting,
    /// The status and headers had arrived; the body had not finished.
    ReadingBody,
}

impl Phase {
    fn describe(self) -> &'static str {
        match self {
            Phase::Connecting => "connecting",
            Phase::WaitingForAnswer => "waiting for the answer",
            Phase::ConnectingOrWaiting => "connecting or waiting for the answer",
            Phase::ReadingBody => "reading the body",
        }
    }
}

impl TransportError {
    /// An error of `kind` for `operation`, with nothing else known yet.
    pub(crate) fn new(
        operation: &'static str,
        kind: TransportErrorKind,
        attempts: u32,
        idempotency_key: Option<IdempotencyKey>,
    ) -> TransportError {
        TransportError {
            operation,
            kind,
            status: None,
            request_id: None,
            attempts,
            idempotency_key,
            source: None,
            earlier_attempt_may_have_applied: false,
            received: None,
            phase: None,
            limit: None,
            last: None,
            pause_too_long: false,
            read_only: false,
            end_event: None,
        }
    }

    /// A network failure of `kind`, built without a network: for tests of code that handles
    /// errors. One attempt; add the rest with the `with_` methods.
    ///
    /// ```
    /// use heygen_api::{Error, TransportError, TransportErrorKind};
    ///
    /// let error: Error = TransportError::simulated("create_video", TransportErrorKind::Timeout).into();
    /// assert!(error.may_have_been_applied());
    /// ```
    pub fn simulated(operation: &'static str, kind: TransportErrorKind) -> TransportError {
        TransportError::new(operation, kind, 1, None)
    }

    /// The same error after `attempts` attempts.
    pub fn with_attempts(mut self, attempts: u32) -> TransportError {
        self.attempts = attempts;
        self
    }

    /// The same error for a request that carried `key`.
    pub fn with_idempotency_key(mut self, key: IdempotencyKey) -> TransportError {
        self.idempotency_key = Some(key);
        self
    }

    /// The same error for an attempt that ran out of `limit` while it was `phase`.
    pub fn with_phase(mut self, phase: Phase, limit: Duration) -> TransportError {
        self.phase = Some(phase);
        self.limit = Some(limit);
        self
    }

    /// The endpoint's method name (`put_direct_upload` for the storage upload).
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// What happened.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// For a timeout or a deadline that passed during an attempt: what the attempt was doing.
    pub fn phase(&self) -> Option<Phase> {
        self.phase
    }

    /// For a timeout or a deadline: the length of time that ran out.
    pub fn limit(&self) -> Option<Duration> {
        self.limit
    }

    /// For a deadline that passed between attempts: how the last attempt failed.
    pub fn last_attempt(&self) -> Option<&Error> {
        self.last.as_deref()
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

    /// For a stream of server-sent events that ended early
    /// ([`TransportErrorKind::EndedEarly`]): the terminal event it ended without.
    pub fn end_event(&self) -> Option<&'static str> {
        self.end_event
    }

    /// Whether the request only reads (a `GET`), so that reaching the server changed nothing.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// For a body that broke off or stalled (a download, server-sent events, or a JSON answer
    /// read past its time): how many bytes of it had arrived.
    pub fn bytes_received(&self) -> Option<u64> {
        self.received
    }

    /// Whether an earlier attempt of the call may have been applied (it got no answer, a 5xx or
    /// `409 request_in_progress`) before this one failed.
    pub fn earlier_attempt_may_have_applied(&self) -> bool {
        self.earlier_attempt_may_have_applied
            || self
                .last
                .as_deref()
                .is_some_and(Error::may_have_been_applied)
    }

    /// Whether this attempt may have changed something: it may have reached the server, and
    /// the request does more than read.
    pub(crate) fn this_attempt_may_have_changed(&self) -> bool {
        !self.read_only && self.this_attempt_may_have_applied()
    }

    /// Whether this attempt itself may have reached the server.
    pub(crate) fn this_attempt_may_have_applied(&self) -> bool {
        match self.kind {
            TransportErrorKind::Connect => false,
            TransportErrorKind::DeadlineExceeded => {
                !matches!(self.phase, None | Some(Phase::Connecting))
            }
            _ => true,
        }
    }
}

/// `2 s`, `250 ms`: a length of time as people read it.
pub(crate) struct Human(pub Duration);

impl fmt::Display for Human {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let duration = self.0;
        if duration.subsec_nanos() == 0 {
            write!(f, "{} s", duration.as_secs())
        } else if duration >= Duration::from_secs(10) {
            write!(f, "{:.1} s", duration.as_secs_f64())
        } else {
            write!(f, "{} ms", duration.as_millis())
        }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix = if self.this_attempt_may_have_applied() && self.status.is_some() {
            if self.read_only {
                "answer incomplete"
            } else {
                INCOMPLETE
            }
        } else if self.this_attempt_may_have_applied() {
            if self.read_only {
                "request sent but no response received"
            } else {
                NO_RESPONSE
            }
        } else if self.kind == TransportErrorKind::DeadlineExceeded {
            "call abandoned"
        } else {
            "request not sent"
        };
        write!(f, "{prefix}: `{}` ", self.operation)?;
        match (self.kind, self.limit) {
            (TransportErrorKind::Connect, _) => f.write_str("could not connect")?,
            (TransportErrorKind::Timeout, Some(limit)) => {
                write!(f, "timed out after {}", Human(limit))?
            }
            (TransportErrorKind::Timeout, None) => f.write_str("timed out")?,
            (TransportErrorKind::Interrupted, _) => f.write_str("lost its connection")?,
            (TransportErrorKind::EndedEarly, _) => match self.end_event {
                Some(event) => write!(f, "ended before its `{event}` event")?,
                None => f.write_str("ended before it was complete")?,
            },
            (TransportErrorKind::DeadlineExceeded, Some(limit)) => {
                write!(f, "ran out of its call deadline of {}", Human(limit))?
            }
            (TransportErrorKind::DeadlineExceeded, None) => {
                f.write_str("ran out of its call deadline")?
            }
            (TransportErrorKind::Middleware, _) => f.write_str("was failed by a middleware")?,
        }
        match (self.kind, self.phase) {
            (TransportErrorKind::Connect, Some(Phase::Connecting)) => match self.limit {
                Some(limit) => write!(f, ": no connection within {}", Human(limit))?,
                None => f.write_str(": connecting timed out")?,
            },
            (_, Some(phase)) => write!(f, " {}", phase.describe())?,
            (TransportErrorKind::DeadlineExceeded, None) if self.pause_too_long => write!(
                f,
                ": the pause before attempt {} would end after it",
                self.attempts + 1
            )?,
            (TransportErrorKind::DeadlineExceeded, None) => {
                write!(f, " before attempt {} could start", self.attempts + 1)?
            }
            _ => {}
        }
        if let Some(source) = &self.source {
            write!(f, ": {source}")?;
            let mut cause = source.source();
            while let Some(inner) = cause {
                write!(f, ": {inner}")?;
                cause = inner.source();
            }
        }
        if let Some(received) = self.received {
            let plural = if received == 1 { "" } else { "s" };
            write!(f, " ({received} byte{plural} of the body received)")?;
        }
        if let Some(key) = &self.idempotency_key {
            write!(f, " (Idempotency-Key {key})")?;
        }
        match self.kind {
            // Always said: how many tries the deadline allowed is what the reader asks next.
            TransportErrorKind::DeadlineExceeded => {
                if let Some(id) = &self.request_id {
                    write!(f, " [request id {id}]")?;
                }
                let plural = if self.attempts == 1 { "" } else { "s" };
                write!(f, " ({} attempt{plural} made)", self.attempts)?;
            }
            _ => write_context(f, self.request_id.as_deref(), self.attempts)?,
        }
        if let Some(last) = &self.last {
            write!(f, "; the last attempt: {last}")?;
        }
        if !self.this_attempt_may_have_applied() && self.earlier_attempt_may_have_applied() {
            f.write_str(EARLIER_ATTEMPT_NOTE)?;
        }
        Ok(())
    }
}

/// The start of the message of a request that got no complete answer.
const NO_RESPONSE: &str = "request sent but no response received (it may have been applied)";
/// The start of the message of a request whose answer started (status and headers) but did not
/// finish.
const INCOMPLETE: &str = "answer incomplete (the request may have been applied)";

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match (&self.source, &self.last) {
            (Some(source), _) => Some(source.as_ref() as &(dyn std::error::Error + 'static)),
            (None, Some(last)) => Some(last.as_ref() as &(dyn std::error::Error + 'static)),
            (None, None) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_of_time_read_as_people_write_them() {
        assert_eq!(Human(Duration::from_secs(2)).to_string(), "2 s");
        assert_eq!(Human(Duration::from_millis(250)).to_string(), "250 ms");
        assert_eq!(Human(Duration::from_millis(12_500)).to_string(), "12.5 s");
    }

    #[test]
    fn a_timeout_says_what_timed_out() {
        let mut error = TransportError::new("get_video", TransportErrorKind::Timeout, 1, None);
        error.phase = Some(Phase::ReadingBody);
        error.limit = Some(Duration::from_secs(2));
        error.status = Some(StatusCode::OK);
        error.received = Some(3);
        assert_eq!(
            error.to_string(),
            "answer incomplete (the request may have been applied): `get_video` timed out after \
             2 s reading the body (3 bytes of the body received)"
        );
        let mut connect = TransportError::new("get_video", TransportErrorKind::Connect, 2, None);
        connect.phase = Some(Phase::Connecting);
        connect.limit = Some(Duration::from_secs(10));
        assert_eq!(
            connect.to_string(),
            "request not sent: `get_video` could not connect: no connection within 10 s after 2 attempts"
        );
    }

    #[test]
    fn a_deadline_names_the_attempts_and_the_last_failure() {
        let last = TransportError::new("get_video", TransportErrorKind::Connect, 2, None);
        let mut error =
            TransportError::new("get_video", TransportErrorKind::DeadlineExceeded, 2, None);
        error.limit = Some(Duration::from_secs(6));
        error.last = Some(Box::new(Error::Transport(Box::new(last))));
        assert_eq!(
            error.to_string(),
            "call abandoned: `get_video` ran out of its call deadline of 6 s before attempt 3 \
             could start (2 attempts made); the last attempt: request not sent: `get_video` \
             could not connect after 2 attempts"
        );
        assert!(!error.this_attempt_may_have_applied());
        error.pause_too_long = true;
        error.last = None;
        assert_eq!(
            error.to_string(),
            "call abandoned: `get_video` ran out of its call deadline of 6 s: the pause before \
             attempt 3 would end after it (2 attempts made)"
        );
    }
}
