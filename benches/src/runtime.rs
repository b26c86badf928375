//! Run time over loopback: the generated call against the hand-written `reqwest` call and the
//! bare `hyper` floor, sequentially and with many calls in flight. The hand-written call also
//! runs on a second client (its twin), and the two read what the bench gives for identical sides.

use std::time::Instant;

use futures_util::{StreamExt, TryStreamExt};

use crate::sides::{Callers, Operation, Side};
use crate::stats;

/// How much to measure.
#[derive(Debug, Clone, Copy)]
pub struct RuntimeConfig {
    /// Rounds of the sequential measurement.
    pub sequential_rounds: usize,
    /// Calls of each operation per side and round, one after the other.
    pub sequential_calls: usize,
    /// Rounds of the concurrent measurement.
    pub concurrent_rounds: usize,
    /// Calls per side and round (the two operations alternating).
    pub concurrent_calls: usize,
    /// Calls in flight at once.
    pub in_flight: usize,
}

impl Default for RuntimeConfig {
    fn default() -> Self {
        // Many short rounds: the other processes of a shared machine come and go in bursts,
        // and the median of many paired rounds leaves them out. A multiple of 120, so that
        // every order of the five sides comes up equally often.
        RuntimeConfig {
            sequential_rounds: 120,
            sequential_calls: 50,
            concurrent_rounds: 120,
            concurrent_calls: 1_024,
            in_flight: 64,
        }
    }
}

/// Nanoseconds per call, by side (in [`Side::ALL`] order), then by round.
#[derive(Debug, Clone)]
pub struct Samples {
    /// Both operations together.
    pub per_call: Vec<Vec<f64>>,
    /// Each operation on its own (sequential only; empty for concurrent), in [`Operation::ALL`]
    /// order, then by side, then by round.
    pub per_operation: Vec<Vec<Vec<f64>>>,
}

impl Samples {
    /// The median time per call of `side`, in microseconds.
    pub fn median_micros(&self, side: Side) -> f64 {
        stats::median(&self.per_call[index(side)]) / 1_000.0
    }

    /// The round-by-round median of `numerator`'s time over `denominator`'s.
    pub fn ratio(&self, numerator: Side, denominator: Side) -> f64 {
        stats::paired_ratio(
            &self.per_call[index(numerator)],
            &self.per_call[index(denominator)],
        )
    }

    /// [`Samples::ratio`] for one operation.
    pub fn operation_ratio(&self, operation: Operation, numerator: Side, denominator: Side) -> f64 {
        let by_side = &self.per_operation[operation_index(operation)];
        stats::paired_ratio(&by_side[index(numerator)], &by_side[index(denominator)])
    }
}

fn index(side: Side) -> usize {
    Side::ALL
        .iter()
        .position(|s| *s == side)
        .expect("a known side")
}

fn operation_index(operation: Operation) -> usize {
    Operation::ALL
        .iter()
        .position(|op| *op == operation)
        .expect("a known operation")
}

/// Both measurements.
#[derive(Debug, Clone)]
pub struct RuntimeSamples {
    /// One call at a time.
    pub sequential: Samples,
    /// `in_flight` calls at a time.
    pub concurrent: Samples,
}

/// A single-threaded runtime: the client side gets one core, the server the other.
pub fn client_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

/// Measures every side against the server at `base_url`.
pub fn measure(base_url: &str, config: RuntimeConfig) -> Result<RuntimeSamples, String> {
    let runtime = client_runtime();
    let callers = Callers::new(base_url);
    // Warm-up: connections opened (as many as the concurrent run keeps), code and caches hot.
    for side in Side::ALL {
        runtime.block_on(sequential_batch(&callers, side, config.sequential_calls))?;
        runtime.block_on(concurrent_batch(
            &callers,
            side,
            config.in_flight * 4,
            config.in_flight,
        ))?;
    }

    let mut per_operation = vec![vec![Vec::new(); Side::ALL.len()]; Operation::ALL.len()];
    let mut failure = None;
    let per_call = stats::interleave(config.sequential_rounds, &Side::ALL, |side| {
        match runtime.block_on(sequential_batch(&callers, side, config.sequential_calls)) {
            Ok(by_operation) => {
                for (op, nanos) in by_operation.iter().enumerate() {
                    per_operation[op][index(side)].push(*nanos);
                }
                by_operation.iter().sum::<f64>() / by_operation.len() as f64
            }
            Err(error) => {
                failure.get_or_insert(error);
                f64::NAN
            }
        }
    });
    let sequential = Samples {
        per_call,
        per_operation,
    };

    let per_call = stats::interleave(config.concurrent_rounds, &Side::ALL, |side| {
        runtime
            .block_on(concurrent_batch(
                &callers,
                side,
                config.concurrent_calls,
                config.in_flight,
            ))
            .unwrap_or_else(|error| {
                failure.get_or_insert(error);
                f64::NAN
            })
    });
    let concurrent = Samples {
        per_call,
        per_operation: Vec::new(),
    };
    match failure {
        Some(error) => Err(error),
        None => Ok(RuntimeSamples {
            sequential,
            concurrent,
        }),
    }
}

/// `calls` of each operation, alternating, one at a time; nanoseconds per call of each operation.
///
/// One call of each operation goes first, untimed: the side's connection has been idle while the
/// other sides ran, and whichever side follows another would otherwise pay for waking it.
async fn sequential_batch(callers: &Callers, side: Side, calls: usize) -> Result<Vec<f64>, String> {
    for operation in Operation::ALL {
        callers.call(side, operation).await?;
    }
    let mut nanos = vec![0u128; Operation::ALL.len()];
    for _ in 0..calls {
        for (op, operation) in Operation::ALL.into_iter().enumerate() {
            let start = Instant::now();
            callers.call(side, operation).await?;
            nanos[op] += start.elapsed().as_nanos();
        }
    }
    Ok(nanos
        .into_iter()
        .map(|total| total as f64 / calls as f64)
        .collect())
}

/// `calls` calls, the operations alternating, `in_flight` at a time; nanoseconds per call.
async fn concurrent_batch(
    callers: &Callers,
    side: Side,
    calls: usize,
    in_flight: usize,
) -> Result<f64, String> {
    let start = Instant::now();
    futures_util::stream::iter(0..calls)
        .map(|call| callers.call(side, Operation::ALL[call % Operation::ALL.len()]))
        .buffer_unordered(in_flight)
        .try_for_each(|()| std::future::ready(Ok(())))
        .await?;
    Ok(start.elapsed().as_nanos() as f64 / calls as f64)
}

/// `calls` calls of `operation`, one at a time (the workload counted under callgrind).
pub async fn repeat(
    callers: &Callers,
    side: Side,
    operation: Operation,
    calls: usize,
) -> Result<(), String> {
    for _ in 0..calls {
        callers.call(side, operation).await?;
    }
    Ok(())
}
