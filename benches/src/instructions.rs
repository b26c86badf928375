//! Instruction counts under valgrind's callgrind, which repeat exactly where times do not.
//!
//! A workload is run twice, `small` and `large` times, each in a fresh process under callgrind;
//! the difference of the two totals divided by the difference of the counts is the cost of one
//! iteration, with start-up, warm-up and connection set-up cancelled out.
//!
//! The same runs simulate caches far smaller than one call's working set ([`TINY_CACHES`]), so
//! that nearly every line a call touches misses: the misses per call count the cache lines a
//! call touches, which is what a call that starts cold (after the core slept, as a loopback call
//! does between request and answer) pays for, and which instruction counts miss.

use std::path::Path;
use std::process::{Command, Stdio};

/// Whether `valgrind` can be run.
pub fn valgrind_available() -> bool {
    Command::new("valgrind")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// The caches simulated: 4 KiB of instructions, 4 KiB of data and 16 KiB shared, in 64-byte
/// lines, fully associative (so that the count does not hinge on where code and data land).
pub const TINY_CACHES: [&str; 4] = [
    "--cache-sim=yes",
    "--I1=4096,64,64",
    "--D1=4096,64,64",
    "--LL=16384,256,64",
];

/// What one run under callgrind counted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Counts {
    /// Instructions executed.
    pub instructions: f64,
    /// Cache lines fetched from memory: misses of the last simulated level, instruction reads,
    /// data reads and data writes together.
    pub lines: f64,
}

/// What `program args` (every thread) executes and touches, as callgrind counts it with
/// [`TINY_CACHES`].
pub fn count(program: &Path, args: &[String]) -> Result<Counts, String> {
    let out = std::env::temp_dir().join(format!(
        "heygen-bench-callgrind-{}-{}.out",
        std::process::id(),
        args.join("-").replace(['/', ':'], "_")
    ));
    let output = Command::new("valgrind")
        .arg("--tool=callgrind")
        .args(TINY_CACHES)
        .arg(format!("--callgrind-out-file={}", out.display()))
        .arg(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|error| format!("cannot run valgrind: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "`{} {}` failed under callgrind: {}",
            program.display(),
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
                .lines()
                .rev()
                .take(5)
                .collect::<Vec<_>>()
                .join(" | ")
        ));
    }
    let profile = std::fs::read_to_string(&out)
        .map_err(|error| format!("cannot read {}: {error}", out.display()))?;
    let _ = std::fs::remove_file(&out);
    counts(&profile).ok_or_else(|| format!("no totals in {}", out.display()))
}

/// The totals of a callgrind profile: its `summary:` (or `totals:`) figures, named by its
/// `events:` line.
pub fn counts(profile: &str) -> Option<Counts> {
    let events: Vec<&str> = profile
        .lines()
        .find_map(|line| line.strip_prefix("events:"))?
        .split_whitespace()
        .collect();
    let totals: Vec<f64> = profile
        .lines()
        .find_map(|line| {
            line.strip_prefix("summary:")
                .or_else(|| line.strip_prefix("totals:"))
        })?
        .split_whitespace()
        .map(|figure| figure.parse().ok())
        .collect::<Option<_>>()?;
    let event = |name: &str| {
        events
            .iter()
            .position(|event| *event == name)
            .and_then(|at| totals.get(at).copied())
    };
    Some(Counts {
        instructions: event("Ir")?,
        lines: event("ILmr").unwrap_or(0.0)
            + event("DLmr").unwrap_or(0.0)
            + event("DLmw").unwrap_or(0.0),
    })
}

/// Counts per iteration of a workload: `args(n)` runs it `n` times.
pub fn per_iteration(
    program: &Path,
    small: usize,
    large: usize,
    args: impl Fn(usize) -> Vec<String>,
) -> Result<Counts, String> {
    let small_total = count(program, &args(small))?;
    let large_total = count(program, &args(large))?;
    let iterations = (large - small) as f64;
    Ok(Counts {
        instructions: (large_total.instructions - small_total.instructions) / iterations,
        lines: (large_total.lines - small_total.lines) / iterations,
    })
}

#[cfg(test)]
mod tests {
    use super::{Counts, counts};

    #[test]
    fn reads_the_summary_line_by_its_events() {
        let profile =
            "version: 1\ncreator: callgrind-3.19.0\nevents: Ir\nsummary: 123456\n\nfn=main\n";
        assert_eq!(
            counts(profile),
            Some(Counts {
                instructions: 123_456.0,
                lines: 0.0
            })
        );
        let simulated = "events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw\n\
                         totals: 1000 9 9 9 9 9 5 7 11\n";
        assert_eq!(
            counts(simulated),
            Some(Counts {
                instructions: 1000.0,
                lines: 23.0
            })
        );
        assert_eq!(counts("events: Ir\n"), None);
        assert_eq!(counts("summary: 42\n"), None);
    }
}
