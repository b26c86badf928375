//! The simulated clock of a [`LocalServer`](crate::LocalServer): how time passes for its jobs, and
//! where a job stands at a given time.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How time passes for the simulated jobs of a [`LocalServer`](crate::LocalServer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Clock {
    /// Jobs end as soon as they are created (the default): a wait returns at its first read.
    #[default]
    Instant,
    /// Time moves only when the test calls [`LocalServer::advance`](crate::LocalServer::advance).
    Stepped,
    /// Time is the wall clock.
    RealTime,
}

/// How long a simulated job is starting (`pending`, `queued`, ...), then running
/// (`processing`, ...), on the server's clock.
const STARTING: Duration = Duration::from_secs(5);
const RUNNING: Duration = Duration::from_secs(30);

/// Where a job created at some time stands now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Phase {
    /// Accepted, not started.
    Starting,
    /// Being worked on.
    Running,
    /// Finished (completed or failed).
    Ended,
}

/// The server's time: what [`Clock`] says, with the stepped time the test moved on.
#[derive(Debug)]
pub(super) struct SimClock {
    clock: Clock,
    stepped: Mutex<Duration>,
    started: Instant,
}

impl SimClock {
    pub(super) fn new(clock: Clock) -> SimClock {
        SimClock {
            clock,
            stepped: Mutex::default(),
            started: Instant::now(),
        }
    }

    /// Which clock this is.
    pub(super) fn kind(&self) -> Clock {
        self.clock
    }

    /// The server's time.
    pub(super) fn now(&self) -> Duration {
        match self.clock {
            Clock::Instant => Duration::ZERO,
            Clock::Stepped => *self.stepped.lock().unwrap_or_else(PoisonError::into_inner),
            Clock::RealTime => self.started.elapsed(),
        }
    }

    /// Moves stepped time on by `by`.
    pub(super) fn advance(&self, by: Duration) {
        *self.stepped.lock().unwrap_or_else(PoisonError::into_inner) += by;
    }

    /// Where a job created at `created` stands at `now`.
    pub(super) fn phase(&self, created: Duration, now: Duration) -> Phase {
        if self.clock == Clock::Instant {
            return Phase::Ended;
        }
        let age = now.saturating_sub(created);
        if age < STARTING {
            Phase::Starting
        } else if age < STARTING + RUNNING {
            Phase::Running
        } else {
            Phase::Ended
        }
    }
}
