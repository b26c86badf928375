//! The pause curve and the sleeper shared by every wait the crate makes: between retries of an
//! attempt (API calls and storage uploads alike) and between the status reads of a job wait.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

/// A boxed future of a sleep.
pub type SleepFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

type SleepFn = dyn Fn(Duration) -> SleepFuture + Send + Sync;

/// How the client waits: Tokio's timer by default, or a function given by a test.
#[derive(Clone)]
pub(crate) struct Sleeper(Arc<SleepFn>);

impl Sleeper {
    /// Tokio's timer.
    pub(crate) fn tokio() -> Self {
        Sleeper(Arc::new(|delay| Box::pin(tokio::time::sleep(delay))))
    }

    /// Returns at once (for tests).
    pub(crate) fn instant() -> Self {
        Sleeper(Arc::new(|_| Box::pin(std::future::ready(()))))
    }

    /// Waits with `sleep`.
    pub(crate) fn new<F>(sleep: F) -> Self
    where
        F: Fn(Duration) -> SleepFuture + Send + Sync + 'static,
    {
        Sleeper(Arc::new(sleep))
    }

    /// Waits `delay`.
    pub(crate) fn sleep(&self, delay: Duration) -> SleepFuture {
        (self.0)(delay)
    }
}

impl fmt::Debug for Sleeper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Sleeper")
    }
}

/// An exponential curve of pauses: from `initial`, doubling, capped at `max`, each spread by
/// `jitter` so that many clients do not act in lockstep.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Backoff {
    pub(crate) initial: Duration,
    pub(crate) max: Duration,
    /// A fraction in `0..=1`.
    pub(crate) jitter: f64,
}

impl Backoff {
    /// A jitter fraction made safe: clamped to `0..=1`, and 0 when not a number.
    pub(crate) fn clamp_jitter(fraction: f64) -> f64 {
        if fraction.is_finite() {
            fraction.clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    /// The pause number `step` (0 for the first). `unit` is a random number in `0..1` that picks
    /// the jitter (0.5 means none).
    pub(crate) fn delay(&self, step: u32, unit: f64) -> Duration {
        let doubled = self
            .initial
            .saturating_mul(2u32.saturating_pow(step.min(31)));
        let base = doubled.min(self.max);
        let factor = 1.0 + self.jitter * (2.0 * unit.clamp(0.0, 1.0) - 1.0);
        base.mul_f64(factor).min(self.max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_curve_doubles_jitters_and_caps() {
        let backoff = Backoff {
            initial: Duration::from_secs(2),
            max: Duration::from_secs(30),
            jitter: 0.25,
        };
        assert_eq!(backoff.delay(0, 0.5), Duration::from_secs(2));
        assert_eq!(backoff.delay(3, 0.5), Duration::from_secs(16));
        assert_eq!(backoff.delay(4, 0.5), Duration::from_secs(30));
        assert_eq!(backoff.delay(0, 0.0), Duration::from_millis(1500));
        assert_eq!(backoff.delay(99, 1.0), Duration::from_secs(30));
        assert_eq!(Backoff::clamp_jitter(f64::NAN), 0.0);
        assert_eq!(Backoff::clamp_jitter(3.0), 1.0);
    }
}
