//! Instruction counts under valgrind's callgrind, which repeat exactly where times do not.
//!
//! A workload is run twice, `small` and `large` times, each in a fresh process under callgrind;
//! the difference of the two totals divided by the difference of the counts is the cost of one
//! iteration, with start-up, warm-up and connection set-up cancelled out.

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

/// Instructions executed by `program args` (every thread), as callgrind counts them.
pub fn count(program: &Path, args: &[String]) -> Result<u64, String> {
    let out = std::env::temp_dir().join(format!(
        "heygen-bench-callgrind-{}-{}.out",
        std::process::id(),
        args.join("-").replace(['/', ':'], "_")
    ));
    let output = Command::new("valgrind")
        .arg("--tool=callgrind")
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
    total(&profile).ok_or_else(|| format!("no instruction total in {}", out.display()))
}

/// The `summary:` (or `totals:`) figure of a callgrind profile.
pub fn total(profile: &str) -> Option<u64> {
    profile.lines().find_map(|line| {
        let figure = line
            .strip_prefix("summary:")
            .or_else(|| line.strip_prefix("totals:"))?;
        figure.split_whitespace().next()?.parse().ok()
    })
}

/// Instructions per iteration of a workload: `args(n)` runs it `n` times.
pub fn per_iteration(
    program: &Path,
    small: usize,
    large: usize,
    args: impl Fn(usize) -> Vec<String>,
) -> Result<f64, String> {
    let small_total = count(program, &args(small))?;
    let large_total = count(program, &args(large))?;
    Ok((large_total as f64 - small_total as f64) / (large - small) as f64)
}

#[cfg(test)]
mod tests {
    use super::total;

    #[test]
    fn reads_the_summary_line() {
        let profile =
            "version: 1\ncreator: callgrind-3.19.0\nevents: Ir\nsummary: 123456\n\nfn=main\n";
        assert_eq!(total(profile), Some(123_456));
        assert_eq!(total("totals: 42\n"), Some(42));
        assert_eq!(total("events: Ir\n"), None);
    }
}
