//! `cargo bench --workspace`: every figure of what `#[endpoint]` costs, ending with a summary.
//!
//! Run a subset with `cargo bench -p heygen-benches --bench overhead -- <section>...`, sections
//! being `runtime`, `instructions`, `paging`, `streams` and `compile_time`.
//!
//! The binary also serves as its own helper process, by first argument: `serve` (the loopback
//! server, in a process of its own) and `calls` (one side's workload, counted under callgrind).

use std::path::Path;

use heygen_benches::alloc::CountingAllocator;
use heygen_benches::compile_time::{self, BuildKind, CompileBench, Variant};
use heygen_benches::runtime::{self, RuntimeConfig};
use heygen_benches::server::{self, ChildServer};
use heygen_benches::sides::{Callers, Operation, Side};
use heygen_benches::{instructions, paging, stats, streams};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

const SECTIONS: [&str; 6] = [
    "runtime",
    "instructions",
    "paging",
    "streams",
    "compile_time",
    "simulator",
];

/// Endpoints in each synthetic crate of the compile-time benchmark.
const COMPILE_ENDPOINTS: usize = 200;
/// Timed builds of each synthetic crate (and as many checks).
const COMPILE_RUNS: usize = 16;

fn main() {
    if let Some(timings) = std::env::var_os(compile_time::TIMINGS_ENV) {
        // Started by cargo as the `RUSTC_WRAPPER` of a synthetic crate's build.
        let args: Vec<_> = std::env::args_os().skip(1).collect();
        match compile_time::wrap_rustc(&args, Path::new(&timings)) {
            Ok(code) => std::process::exit(code),
            Err(error) => {
                eprintln!("error: {error}");
                std::process::exit(1);
            }
        }
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => server::serve_child().map_err(|error| error.to_string()),
        Some("calls") => calls(&args[1..]),
        _ => run(&args),
    };
    if let Err(error) = result {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}

/// One summary figure.
struct Figure {
    name: &'static str,
    value: f64,
}

fn run(args: &[String]) -> Result<(), String> {
    // The libtest convention, so that `cargo bench -- --list` lists rather than runs.
    if args.iter().any(|arg| arg == "--list") {
        for section in SECTIONS {
            println!("{section}: benchmark");
        }
        return Ok(());
    }
    // `cargo bench` passes `--bench`; other words select sections.
    let selected: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|arg| !arg.starts_with("--"))
        .collect();
    for section in &selected {
        if !SECTIONS.contains(section) {
            return Err(format!(
                "unknown section `{section}`; expected one of {}",
                SECTIONS.join(", ")
            ));
        }
    }
    let wanted = |section: &str| selected.is_empty() || selected.contains(&section);
    let program = std::env::current_exe().map_err(|error| error.to_string())?;
    let mut figures = Vec::new();
    if wanted("runtime") {
        figures.extend(runtime_section(&program)?);
    }
    if wanted("instructions") {
        figures.extend(instructions_section(&program)?);
    }
    if wanted("paging") {
        figures.extend(paging_section(&program)?);
    }
    if wanted("streams") {
        figures.extend(streams_section(&program)?);
    }
    if wanted("simulator") {
        figures.extend(simulator_section()?);
    }
    if wanted("compile_time") {
        figures.extend(compile_time_section(&program)?);
    }
    // The headline figures first, in this order, then the supporting ones.
    figures.sort_by_key(|figure| {
        HEADLINE
            .iter()
            .position(|name| *name == figure.name)
            .unwrap_or(HEADLINE.len())
    });
    println!();
    println!("summary:");
    for figure in &figures {
        println!("{}: {:.3}", figure.name, figure.value);
    }
    Ok(())
}

/// The figures the summary opens with.
const HEADLINE: [&str; 10] = [
    "runtime_overhead_ratio_sequential",
    "runtime_overhead_ratio_concurrent",
    "runtime_null_ratio_sequential",
    "runtime_null_ratio_concurrent",
    "middleware_overhead_ratio",
    "floor_ratio_sequential",
    "sse_overhead_ratio",
    "download_peak_memory_mib",
    "compile_time_ratio",
    "paging_peak_memory_ratio",
];

fn runtime_section(program: &Path) -> Result<Vec<Figure>, String> {
    let server = ChildServer::spawn(program).map_err(|error| error.to_string())?;
    let config = RuntimeConfig::default();
    println!(
        "runtime: {} rounds x {} calls of each operation (sequential), {} rounds x {} calls with {} in flight (concurrent)",
        config.sequential_rounds,
        config.sequential_calls,
        config.concurrent_rounds,
        config.concurrent_calls,
        config.in_flight
    );
    let samples = runtime::measure(server.base_url(), config)?;
    for (label, samples) in [
        ("sequential", &samples.sequential),
        ("concurrent", &samples.concurrent),
    ] {
        for side in Side::ALL {
            println!(
                "  {label:<10} {:<17} {:>8.2} us/call (median)",
                side.name(),
                samples.median_micros(side)
            );
        }
    }
    for operation in Operation::ALL {
        println!(
            "  sequential {:<24} generated / hand-written {:.3}, hand-written / raw-hyper {:.3}",
            operation.name(),
            samples
                .sequential
                .operation_ratio(operation, Side::Generated, Side::HandWritten),
            samples
                .sequential
                .operation_ratio(operation, Side::HandWritten, Side::RawHyper),
        );
    }
    Ok(vec![
        Figure {
            name: "runtime_overhead_ratio_sequential",
            value: samples.sequential.ratio(Side::Generated, Side::HandWritten),
        },
        Figure {
            name: "runtime_overhead_ratio_concurrent",
            value: samples.concurrent.ratio(Side::Generated, Side::HandWritten),
        },
        Figure {
            name: "middleware_overhead_ratio",
            value: samples
                .sequential
                .ratio(Side::WithMiddleware, Side::Generated),
        },
        Figure {
            name: "runtime_null_ratio_sequential",
            value: samples
                .sequential
                .ratio(Side::HandWrittenTwin, Side::HandWritten),
        },
        Figure {
            name: "runtime_null_ratio_concurrent",
            value: samples
                .concurrent
                .ratio(Side::HandWrittenTwin, Side::HandWritten),
        },
        Figure {
            name: "floor_ratio_sequential",
            value: samples.sequential.ratio(Side::HandWritten, Side::RawHyper),
        },
        Figure {
            name: "floor_ratio_concurrent",
            value: samples.concurrent.ratio(Side::HandWritten, Side::RawHyper),
        },
    ])
}

/// Where `side` is in [`Side::DISTINCT`] (and in the instruction counts by side).
fn at(side: Side) -> usize {
    Side::DISTINCT
        .iter()
        .position(|each| *each == side)
        .expect("a side in Side::DISTINCT")
}

fn instructions_section(program: &Path) -> Result<Vec<Figure>, String> {
    if !instructions::valgrind_available() {
        println!("instructions: valgrind not found, skipped");
        return Ok(Vec::new());
    }
    let server = ChildServer::spawn(program).map_err(|error| error.to_string())?;
    println!(
        "instructions and cache lines touched per call (callgrind, client process only, caches far smaller than a call):"
    );
    let mut figures = Vec::new();
    for operation in Operation::ALL {
        let mut counts = Vec::new();
        for side in Side::DISTINCT {
            let per_call = instructions::per_iteration(program, 20, 220, |n| {
                vec![
                    "calls".into(),
                    side.name().into(),
                    operation.name().into(),
                    n.to_string(),
                    server.base_url().into(),
                ]
            })?;
            println!(
                "  {:<24} {:<12} {:>10.0} instructions {:>8.0} lines",
                operation.name(),
                side.name(),
                per_call.instructions,
                per_call.lines
            );
            counts.push(per_call);
        }
        let ratio = |of: fn(&instructions::Counts) -> f64, numerator: Side, denominator: Side| {
            of(&counts[at(numerator)]) / of(&counts[at(denominator)])
        };
        println!(
            "  {:<24} generated / hand-written {:.3} ({:.3} in lines), hand-written / raw-hyper {:.3}",
            operation.name(),
            ratio(|c| c.instructions, Side::Generated, Side::HandWritten),
            ratio(|c| c.lines, Side::Generated, Side::HandWritten),
            ratio(|c| c.instructions, Side::HandWritten, Side::RawHyper),
        );
        figures.push((operation, counts));
    }
    let total = |side: Side, of: fn(&instructions::Counts) -> f64| {
        figures
            .iter()
            .map(|(_, counts)| of(&counts[at(side)]))
            .sum::<f64>()
    };
    let instructions: fn(&instructions::Counts) -> f64 = |counts| counts.instructions;
    let lines: fn(&instructions::Counts) -> f64 = |counts| counts.lines;
    // Each figure: its name, what it counts, and the two sides it divides.
    let ratios = [
        (
            "runtime_instructions_ratio",
            instructions,
            Side::Generated,
            Side::HandWritten,
        ),
        (
            "middleware_instructions_ratio",
            instructions,
            Side::WithMiddleware,
            Side::Generated,
        ),
        (
            "floor_instructions_ratio",
            instructions,
            Side::HandWritten,
            Side::RawHyper,
        ),
        (
            "runtime_cold_lines_ratio",
            lines,
            Side::Generated,
            Side::HandWritten,
        ),
        (
            "middleware_cold_lines_ratio",
            lines,
            Side::WithMiddleware,
            Side::Generated,
        ),
    ];
    Ok(ratios
        .into_iter()
        .map(|(name, of, numerator, denominator)| Figure {
            name,
            value: total(numerator, of) / total(denominator, of),
        })
        .collect())
}

fn paging_section(program: &Path) -> Result<Vec<Figure>, String> {
    let server = ChildServer::spawn(program).map_err(|error| error.to_string())?;
    let peaks = paging::measure(server.base_url())?;
    println!(
        "paging: one page of {} peaks at {} bytes live; walking {} items over {} pages peaks at {} bytes",
        heygen_benches::fixtures::PAGE_SIZE,
        peaks.one_page,
        peaks.items,
        heygen_benches::fixtures::PAGE_COUNT,
        peaks.whole_walk
    );
    Ok(vec![Figure {
        name: "paging_peak_memory_ratio",
        value: peaks.ratio(),
    }])
}

fn simulator_section() -> Result<Vec<Figure>, String> {
    let calls = 6_000;
    let resources = 100_000;
    println!(
        "simulator: {calls} calls of a mixed workload, 16 in flight; {resources} resources created"
    );
    let per_second = heygen_benches::simulator::requests_per_second(calls)?;
    println!("  {per_second:.0} requests per second (client and server on one core)");
    let mib = heygen_benches::simulator::memory_mib_per_100k(resources)?;
    println!("  {mib:.1} MiB held per 100 000 resources");
    Ok(vec![
        Figure {
            name: "simulator_requests_per_second",
            value: per_second,
        },
        Figure {
            name: "simulator_memory_mib_per_100k_resources",
            value: mib,
        },
    ])
}

fn streams_section(program: &Path) -> Result<Vec<Figure>, String> {
    let server = ChildServer::spawn(program).map_err(|error| error.to_string())?;
    let rounds = 12;
    println!(
        "streams: {rounds} interleaved rounds of {} server-sent events, declared vs hand-written",
        heygen_benches::fixtures::EVENT_COUNT
    );
    let [declared, hand_written] = streams::measure_events(server.base_url(), rounds)?;
    println!(
        "  declared {:.0} ns/event, hand-written {:.0} ns/event (medians)",
        stats::median(&declared),
        stats::median(&hand_written)
    );
    let peak = streams::download_peak_bytes(server.base_url())?;
    let mib = peak as f64 / (1024.0 * 1024.0);
    println!(
        "  a {} MiB download through `ByteStream` peaks at {mib:.2} MiB live",
        heygen_benches::fixtures::DOWNLOAD_BYTES >> 20
    );
    Ok(vec![
        Figure {
            name: "sse_overhead_ratio",
            value: stats::paired_ratio(&declared, &hand_written),
        },
        Figure {
            name: "download_peak_memory_mib",
            value: mib,
        },
    ])
}

fn compile_time_section(program: &Path) -> Result<Vec<Figure>, String> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .ok_or("the benches crate has no parent directory")?;
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-compile");
    std::fs::create_dir_all(&root).map_err(|error| format!("{}: {error}", root.display()))?;
    // A stable path, so that rebuilding this binary does not look like a new compiler to cargo.
    let wrapper = root.join("rustc-timer");
    std::fs::copy(program, &wrapper).map_err(|error| format!("{}: {error}", wrapper.display()))?;
    let bench = CompileBench {
        root,
        heygen_api: workspace.join("heygen-api"),
        lockfile: workspace.join("Cargo.lock"),
        wrapper,
        endpoints: COMPILE_ENDPOINTS,
    };
    println!(
        "compile time: {COMPILE_ENDPOINTS} endpoints declared with #[endpoint] or written by hand, \
         {COMPILE_RUNS} interleaved runs of each (dependencies prebuilt, only that crate's rustc timed)"
    );
    bench.prepare()?;
    let mut figures = Vec::new();
    for kind in [BuildKind::Build, BuildKind::Check] {
        let mut failure = None;
        let times = stats::interleave(COMPILE_RUNS, &Variant::ALL, |variant| {
            bench.time(variant, kind).unwrap_or_else(|error| {
                failure.get_or_insert(error);
                compile_time::RustcTime {
                    wall: f64::NAN,
                    cpu: f64::NAN,
                }
            })
        });
        if let Some(error) = failure {
            return Err(error);
        }
        let pick = |read: fn(&compile_time::RustcTime) -> f64| -> Vec<Vec<f64>> {
            times
                .iter()
                .map(|runs| runs.iter().map(read).collect())
                .collect()
        };
        let (wall, cpu) = (pick(|time| time.wall), pick(|time| time.cpu));
        let label = match kind {
            BuildKind::Build => "cargo build",
            BuildKind::Check => "cargo check",
        };
        for (index, variant) in Variant::ALL.iter().enumerate() {
            println!(
                "  {label} {:<18} {:>6.2} s CPU, {:>6.2} s wall (medians)",
                variant.crate_name(),
                stats::median(&cpu[index]),
                stats::median(&wall[index])
            );
        }
        let cpu_ratio = stats::paired_ratio(&cpu[0], &cpu[1]);
        let wall_ratio = stats::paired_ratio(&wall[0], &wall[1]);
        println!(
            "  {label} declared / hand-written: {cpu_ratio:.3} CPU time, {wall_ratio:.3} wall time"
        );
        // CPU time is the headline: on a shared machine, wall time also counts the waits for a
        // core that other processes cause.
        figures.push(Figure {
            name: match kind {
                BuildKind::Build => "compile_time_ratio",
                BuildKind::Check => "check_time_ratio",
            },
            value: cpu_ratio,
        });
    }
    if instructions::valgrind_available() {
        let declared = bench.instructions(Variant::Declared)?;
        let hand_written = bench.instructions(Variant::HandWritten)?;
        let ratio = declared as f64 / hand_written as f64;
        println!(
            "  cargo check instructions (callgrind): declared {declared}, hand-written \
             {hand_written}, ratio {ratio:.3}"
        );
        figures.push(Figure {
            name: "check_instructions_ratio",
            value: ratio,
        });
    }
    Ok(figures)
}

/// `calls <side> <operation> <n> <base url>`: `n` sequential calls, for callgrind.
fn calls(args: &[String]) -> Result<(), String> {
    let [side, operation, n, base_url] = args else {
        return Err("usage: calls <side> <operation> <n> <base url>".into());
    };
    let side = Side::from_name(side).ok_or_else(|| format!("unknown side `{side}`"))?;
    let operation = Operation::from_name(operation)
        .ok_or_else(|| format!("unknown operation `{operation}`"))?;
    let n: usize = n.parse().map_err(|_| format!("`{n}` is not a count"))?;
    let callers = Callers::new(base_url);
    runtime::client_runtime().block_on(runtime::repeat(&callers, side, operation, n))
}
