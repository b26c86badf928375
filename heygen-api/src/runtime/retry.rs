//! When a failed attempt is sent again, and after how long.
//!
//! The rules follow HeyGen's official CLI, with one improvement: a POST or PATCH that carries an
//! `Idempotency-Key` is as safe to repeat as a PUT, so it is retried after a 5xx or a broken
//! connection too.
//!
//! - `429` is always retried: the request was refused before it did anything.
//! - `5xx`, `409 request_in_progress`, a broken connection and a timeout are retried only when a
//!   repeat is safe: GET, PUT and DELETE, or a POST/PATCH carrying an `Idempotency-Key`. A plain
//!   POST that may have reached the server is never sent twice.
//! - A connection that could not be made sent nothing, so it is retried for every method.
//! - A body that can be read only once (a streamed upload part) is never sent twice.

use std::fmt;
use std::time::{Duration, SystemTime};

use crate::runtime::backoff::{Backoff, Sleeper};
use crate::runtime::endpoint::HttpMethod;

pub use crate::runtime::backoff::SleepFuture;

/// How a client retries failed attempts: how many times, and how long it waits in between.
///
/// Defaults: 2 retries, backoff from 1 s doubling, +/-25 % jitter, capped at 30 s; a `Retry-After`
/// header replaces the backoff and is clamped to 30 s.
///
/// ```
/// use std::time::Duration;
/// use heygen_api::RetryPolicy;
///
/// let patient = RetryPolicy::default()
///     .max_retries(5)
///     .initial_backoff(Duration::from_millis(500));
/// let never = RetryPolicy::none();
/// # let _ = (patient, never);
/// ```
#[derive(Clone)]
pub struct RetryPolicy {
    max_retries: u32,
    backoff: Backoff,
    max_retry_after: Duration,
    sleeper: Sleeper,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            backoff: Backoff {
                initial: Duration::from_secs(1),
                max: Duration::from_secs(30),
                jitter: 0.25,
            },
            max_retry_after: Duration::from_secs(30),
            sleeper: Sleeper::tokio(),
        }
    }
}

impl fmt::Debug for RetryPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetryPolicy")
            .field("max_retries", &self.max_retries)
            .field("initial_backoff", &self.backoff.initial)
            .field("max_backoff", &self.backoff.max)
            .field("jitter", &self.backoff.jitter)
            .field("max_retry_after", &self.max_retry_after)
            .finish_non_exhaustive()
    }
}

impl RetryPolicy {
    /// Never retry: every call makes exactly one attempt.
    pub fn none() -> Self {
        RetryPolicy::default().max_retries(0)
    }

    /// The default policy, but without waiting (for tests): neither between attempts nor between
    /// the status reads of a [job wait](crate::jobs), which still counts the pauses it skipped.
    pub fn instant() -> Self {
        RetryPolicy {
            sleeper: Sleeper::instant(),
            ..RetryPolicy::default()
        }
    }

    /// How many times a failed attempt may be repeated (default 2, so 3 attempts at most).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// The wait before the first retry; each further retry doubles it (default 1 s).
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.backoff.initial = backoff;
        self
    }

    /// The longest backoff between two attempts (default 30 s).
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.backoff.max = backoff;
        self
    }

    /// The random spread of each backoff, as a fraction (default 0.25, i.e. +/-25 %; clamped to
    /// 0..=1). Spreading retries keeps many clients from hitting the API in lockstep.
    pub fn jitter(mut self, fraction: f64) -> Self {
        self.backoff.jitter = Backoff::clamp_jitter(fraction);
        self
    }

    /// The longest `Retry-After` honoured (default 30 s); a longer one is shortened to this.
    pub fn max_retry_after(mut self, max: Duration) -> Self {
        self.max_retry_after = max;
        self
    }

    /// Replaces how the client waits, e.g. to record the delays in a test: between attempts, and
    /// between the status reads of a [job wait](crate::jobs).
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    /// use heygen_api::RetryPolicy;
    ///
    /// let delays = Arc::new(Mutex::new(Vec::new()));
    /// let recorded = delays.clone();
    /// let policy = RetryPolicy::default().sleeper(move |delay| {
    ///     recorded.lock().unwrap().push(delay);
    ///     Box::pin(async {})
    /// });
    /// # let _ = policy;
    /// ```
    pub fn sleeper<F>(mut self, sleep: F) -> Self
    where
        F: Fn(Duration) -> SleepFuture + Send + Sync + 'static,
    {
        self.sleeper = Sleeper::new(sleep);
        self
    }

    /// The maximum number of retries.
    pub fn retries(&self) -> u32 {
        self.max_retries
    }

    /// Waits `delay` with the configured sleeper.
    pub(crate) fn sleep(&self, delay: Duration) -> SleepFuture {
        self.sleeper.sleep(delay)
    }

    /// The wait before retry number `retry` (0 for the first retry).
    ///
    /// `unit` is a random number in `0..1` that picks the jitter; `retry_after` is the server's
    /// request, which replaces the backoff (clamped to [`RetryPolicy::max_retry_after`]).
    pub(crate) fn delay(&self, retry: u32, retry_after: Option<Duration>, unit: f64) -> Duration {
        if let Some(asked) = retry_after {
            return asked.min(self.max_retry_after);
        }
        self.backoff.delay(retry, unit)
    }

    /// `Retry-After` clamped to this policy's maximum.
    pub(crate) fn clamp_retry_after(&self, asked: Duration) -> Duration {
        asked.min(self.max_retry_after)
    }
}

/// What came back from one attempt, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AttemptOutcome<'a> {
    /// An answer with a non-success status and, when the body had one, its error code.
    Status(u16, Option<&'a str>),
    /// The connection could not be made: nothing was sent.
    ConnectFailed,
    /// Our own timeout elapsed: the request may be running.
    TimedOut,
    /// The connection broke after sending: the request may have been applied.
    Interrupted,
}

/// What the request was, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AttemptKind {
    pub method: HttpMethod,
    /// The request carries an `Idempotency-Key`.
    pub has_idempotency_key: bool,
    /// The body can be built again (false for a streamed upload part).
    pub body_replayable: bool,
}

/// Whether an attempt that ended with `outcome` may be sent again. Pure: the whole retry rule.
pub(crate) fn should_retry(request: AttemptKind, outcome: AttemptOutcome<'_>) -> bool {
    if !request.body_replayable {
        return false;
    }
    let repeat_is_safe = request.method.is_idempotent() || request.has_idempotency_key;
    match outcome {
        AttemptOutcome::ConnectFailed => true,
        AttemptOutcome::Status(429, _) => true,
        // `501 Not Implemented`: the server does not do this at all; a repeat gets the same.
        AttemptOutcome::Status(501, _) => false,
        AttemptOutcome::Status(500..=599, _) => repeat_is_safe,
        AttemptOutcome::Status(409, Some("request_in_progress")) => repeat_is_safe,
        AttemptOutcome::Status(..) => false,
        AttemptOutcome::TimedOut | AttemptOutcome::Interrupted => repeat_is_safe,
    }
}

/// Whether an attempt that ended with `outcome` may have been applied: it was sent and not
/// refused outright (a 5xx, `409 request_in_progress`, no answer).
pub(crate) fn may_have_applied(outcome: AttemptOutcome<'_>) -> bool {
    match outcome {
        AttemptOutcome::ConnectFailed => false,
        AttemptOutcome::Status(501, _) => false,
        AttemptOutcome::Status(500..=599, _) => true,
        AttemptOutcome::Status(409, Some("request_in_progress")) => true,
        AttemptOutcome::Status(..) => false,
        AttemptOutcome::TimedOut | AttemptOutcome::Interrupted => true,
    }
}

/// Parses a `Retry-After` value: delta-seconds or an HTTP date (a past date means "now").
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    // More seconds than a u64 holds is still a request to wait, the longest one: the policy
    // clamps it, rather than ignoring it for the (shorter) backoff.
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Duration::MAX);
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::AttemptOutcome::*;
    use super::*;
    use HttpMethod::*;

    fn kind(method: HttpMethod, has_idempotency_key: bool) -> AttemptKind {
        AttemptKind {
            method,
            has_idempotency_key,
            body_replayable: true,
        }
    }

    #[test]
    fn classification_table() {
        // (method, carries a key, outcome, retried?)
        let table: &[(HttpMethod, bool, AttemptOutcome<'_>, bool)] = &[
            (Get, false, Status(429, Some("rate_limit_exceeded")), true),
            (Post, false, Status(429, None), true),
            (Patch, false, Status(429, None), true),
            (Get, false, Status(500, None), true),
            (Get, false, Status(502, None), true),
            (Get, false, Status(501, Some("not_mocked")), false),
            (Post, true, Status(501, None), false),
            (Put, false, Status(503, None), true),
            (Delete, false, Status(504, None), true),
            (Post, false, Status(500, Some("internal_error")), false),
            (Patch, false, Status(502, None), false),
            (Post, true, Status(500, None), true),
            (Patch, true, Status(503, None), true),
            (Post, true, Status(409, Some("request_in_progress")), true),
            (Post, false, Status(409, Some("request_in_progress")), false),
            (Get, false, Status(409, Some("request_in_progress")), true),
            (Post, true, Status(409, Some("conflict")), false),
            (Post, true, Status(400, Some("invalid_parameter")), false),
            (
                Get,
                false,
                Status(401, Some("authentication_failed")),
                false,
            ),
            (Get, false, Status(404, Some("not_found")), false),
            (Post, true, Status(413, None), false),
            (Post, false, ConnectFailed, true),
            (Patch, false, ConnectFailed, true),
            (Get, false, ConnectFailed, true),
            (Post, false, TimedOut, false),
            (Patch, false, TimedOut, false),
            (Get, false, TimedOut, true),
            (Post, true, TimedOut, true),
            (Post, false, Interrupted, false),
            (Delete, false, Interrupted, true),
            (Post, true, Interrupted, true),
        ];
        for &(method, key, outcome, expected) in table {
            assert_eq!(
                should_retry(kind(method, key), outcome),
                expected,
                "{method} key={key} {outcome:?}"
            );
        }
    }

    #[test]
    fn what_may_have_been_applied() {
        for (outcome, applied) in [
            (ConnectFailed, false),
            (Status(429, Some("rate_limit_exceeded")), false),
            (Status(400, Some("invalid_parameter")), false),
            (Status(409, Some("conflict")), false),
            (Status(409, Some("request_in_progress")), true),
            (Status(500, None), true),
            (Status(503, Some("internal_error")), true),
            (TimedOut, true),
            (Interrupted, true),
        ] {
            assert_eq!(may_have_applied(outcome), applied, "{outcome:?}");
        }
    }

    #[test]
    fn a_body_read_once_is_never_resent() {
        for outcome in [
            ConnectFailed,
            Status(429, None),
            Status(500, None),
            Interrupted,
        ] {
            let request = AttemptKind {
                method: Put,
                has_idempotency_key: true,
                body_replayable: false,
            };
            assert!(!should_retry(request, outcome), "{outcome:?}");
        }
    }

    #[test]
    fn backoff_doubles_jitters_and_caps() {
        let policy = RetryPolicy::default();
        let mid = 0.5; // no jitter
        assert_eq!(policy.delay(0, None, mid), Duration::from_secs(1));
        assert_eq!(policy.delay(1, None, mid), Duration::from_secs(2));
        assert_eq!(policy.delay(4, None, mid), Duration::from_secs(16));
        assert_eq!(policy.delay(5, None, mid), Duration::from_secs(30));
        assert_eq!(policy.delay(40, None, mid), Duration::from_secs(30));
        assert_eq!(policy.delay(0, None, 0.0), Duration::from_millis(750));
        assert_eq!(policy.delay(0, None, 1.0), Duration::from_millis(1250));
        assert_eq!(policy.delay(5, None, 1.0), Duration::from_secs(30));
        assert_eq!(
            policy.jitter(0.0).delay(2, None, 0.0),
            Duration::from_secs(4)
        );
    }

    #[test]
    fn retry_after_replaces_backoff_and_is_clamped() {
        let policy = RetryPolicy::default();
        assert_eq!(
            policy.delay(0, Some(Duration::from_secs(7)), 0.9),
            Duration::from_secs(7)
        );
        assert_eq!(
            policy.delay(0, Some(Duration::from_secs(3600)), 0.9),
            Duration::from_secs(30)
        );
        assert_eq!(
            policy.max_retry_after(Duration::from_secs(5)).delay(
                0,
                Some(Duration::from_secs(7)),
                0.9
            ),
            Duration::from_secs(5)
        );
    }

    #[test]
    fn retry_after_parses_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(parse_retry_after("12", now), Some(Duration::from_secs(12)));
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(20));
        assert_eq!(
            parse_retry_after(&later, now),
            Some(Duration::from_secs(20))
        );
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(20));
        assert_eq!(parse_retry_after(&earlier, now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-3", now), None);
    }

    /// Regression: a delta-seconds beyond `u64` was ignored, so the client retried after its
    /// short backoff instead of the clamped maximum the server's answer calls for.
    #[test]
    fn retry_after_beyond_u64_means_the_longest_wait() {
        let now = SystemTime::UNIX_EPOCH;
        let huge = "99999999999999999999999";
        assert_eq!(parse_retry_after(huge, now), Some(Duration::MAX));
        let policy = RetryPolicy::default();
        let asked = parse_retry_after(huge, now);
        assert_eq!(policy.delay(0, asked, 0.5), Duration::from_secs(30));
        assert_eq!(
            policy.clamp_retry_after(asked.unwrap()),
            Duration::from_secs(30)
        );
    }
}
