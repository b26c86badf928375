//! Compile time: a synthetic crate of 200 endpoints, declared with `#[endpoint]` or written by
//! hand against the same runtime, built with its dependencies already built.
//!
//! Both variants have the same dependencies, models, traits and method signatures; they differ
//! only in how the bodies come about. The hand-written variant is what a careful author writes
//! without the macro: one `const EndpointInfo` per endpoint and a body of runtime calls, the
//! `<name>_stream` companions and the `ENDPOINTS` list included, so both variants offer the same
//! API. Only the synthetic crate's own `rustc` run is timed (through a `RUSTC_WRAPPER`), so cargo's
//! start-up and dependency checks are left out.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Which variant of the synthetic crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// Endpoints declared with `#[api]` and `#[endpoint]`.
    Declared,
    /// The same endpoints written by hand against `heygen_api::__private`.
    HandWritten,
}

impl Variant {
    /// Both variants.
    pub const ALL: [Variant; 2] = [Variant::Declared, Variant::HandWritten];

    /// The synthetic crate's name.
    pub fn crate_name(self) -> &'static str {
        match self {
            Variant::Declared => "synth_declared",
            Variant::HandWritten => "synth_hand_written",
        }
    }
}

/// Endpoints per trait; the crate has `endpoints / GROUP_SIZE` traits.
pub const GROUP_SIZE: usize = 20;

/// The environment variable that turns the benchmark binary into a `RUSTC_WRAPPER` that appends
/// the time of each synthetic crate's `rustc` run to the file it names.
pub const TIMINGS_ENV: &str = "HEYGEN_BENCH_RUSTC_TIMINGS";

/// Set beside [`TIMINGS_ENV`]: the wrapper runs a synthetic crate's `rustc` under callgrind and
/// writes the profile to the file this names.
pub const CALLGRIND_ENV: &str = "HEYGEN_BENCH_RUSTC_CALLGRIND";

/// What the argument of one endpoint is.
#[derive(Debug, Clone, Copy)]
enum Arg {
    /// A `<item_id>` placeholder argument.
    Path,
    /// `#[query(flatten)] query: &ListQuery`.
    QueryFlatten,
    /// `#[query] limit: Option<u32>` and `#[query] token: Option<&str>`.
    LimitAndToken,
    /// `#[query] r#type: Option<&str>`.
    TypeQuery,
    /// `#[body] body: &ItemRequest`.
    Body,
    /// `#[idempotency_key] key: Option<IdempotencyKey>`.
    Key,
}

/// One endpoint of the synthetic crate.
struct Shape {
    verb: &'static str,
    method: &'static str,
    /// The template after `/v3/g<group>/s<series>`.
    tail: &'static str,
    args: &'static [Arg],
    idempotent: bool,
    paginated: bool,
    /// The declared success type; `{I}` is the group's item type.
    output: &'static str,
}

/// Ten shapes in the proportions of HeyGen's API (half reads, a third of them paginated, POSTs
/// with and without bodies and keys, a few DELETE, PATCH and PUT), repeated for every ten
/// endpoints of a group.
#[rustfmt::skip]
const SHAPES: [Shape; 10] = [
    Shape { verb: "list_items", method: "GET", tail: "/items", args: &[Arg::QueryFlatten], idempotent: false, paginated: true, output: "Page<{I}>" },
    Shape { verb: "get_item", method: "GET", tail: "/items/<item_id>", args: &[Arg::Path], idempotent: false, paginated: false, output: "{I}" },
    Shape { verb: "create_item", method: "POST", tail: "/items", args: &[Arg::Body, Arg::Key], idempotent: true, paginated: false, output: "{I}" },
    Shape { verb: "update_item", method: "PATCH", tail: "/items/<item_id>", args: &[Arg::Path, Arg::Body], idempotent: false, paginated: false, output: "{I}" },
    Shape { verb: "delete_item", method: "DELETE", tail: "/items/<item_id>", args: &[Arg::Path], idempotent: false, paginated: false, output: "Deleted" },
    Shape { verb: "list_children", method: "GET", tail: "/items/<item_id>/children", args: &[Arg::Path, Arg::LimitAndToken], idempotent: false, paginated: true, output: "Page<{I}>" },
    Shape { verb: "start_item", method: "POST", tail: "/items/<item_id>/start", args: &[Arg::Path], idempotent: true, paginated: false, output: "{I}" },
    Shape { verb: "item_stats", method: "GET", tail: "/items/<item_id>/stats", args: &[Arg::Path, Arg::TypeQuery], idempotent: false, paginated: false, output: "Stats" },
    Shape { verb: "replace_settings", method: "PUT", tail: "/items/<item_id>/settings", args: &[Arg::Path, Arg::Body], idempotent: false, paginated: false, output: "{I}" },
    Shape { verb: "list_tags", method: "GET", tail: "/tags", args: &[], idempotent: false, paginated: false, output: "Vec<String>" },
];

/// The synthetic crate's `Cargo.toml`.
pub fn manifest(variant: Variant, heygen_api: &Path) -> String {
    format!(
        r#"[package]
name = "{name}"
version = "0.0.0"
edition = "2024"
publish = false

# A workspace of its own, outside the heygen workspace.
[workspace]

[lib]
path = "src/lib.rs"

[dependencies]
heygen-api = {{ path = "{api}" }}
serde = {{ version = "1", features = ["derive"] }}
"#,
        name = variant.crate_name().replace('_', "-"),
        api = heygen_api.display()
    )
}

/// The synthetic crate's `src/lib.rs`, with `endpoints` endpoints.
pub fn source(variant: Variant, endpoints: usize) -> String {
    let mut out = String::new();
    out.push_str(
        "//! A synthetic API to time the compilation of endpoint declarations.\n\
         #![allow(missing_docs, dead_code)]\n\n\
         use heygen_api::{IdempotencyKey, Page, QueryParams, Result};\n\
         use serde::{Deserialize, Serialize};\n\n\
         #[derive(Debug, Clone, Default, PartialEq, Deserialize)]\n\
         pub struct Deleted {}\n\n\
         #[derive(Debug, Clone, PartialEq, Deserialize)]\n\
         pub struct Stats { pub views: u64, pub shares: u64, pub kind: Option<String> }\n\n",
    );
    if variant == Variant::HandWritten {
        out.push_str(
            "use heygen_api::AsClient;\nuse heygen_api::__private as rt;\n\
             use heygen_api::__private::Stream;\nuse std::future::Future;\n\n",
        );
    } else {
        out.push_str("use heygen_api::{api, endpoint};\n\n");
    }
    for group in 0..endpoints.div_ceil(GROUP_SIZE) {
        let count = GROUP_SIZE.min(endpoints - group * GROUP_SIZE);
        models(&mut out, group);
        match variant {
            Variant::Declared => declared_group(&mut out, group, count),
            Variant::HandWritten => hand_written_group(&mut out, group, count),
        }
    }
    out
}

fn models(out: &mut String, group: usize) {
    let _ = write!(
        out,
        r#"#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Item{group} {{
    pub id: String,
    pub name: String,
    pub status: String,
    pub created_at: i64,
    #[serde(default)]
    pub tags: Vec<String>,
}}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemRequest{group} {{
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub tags: Vec<String>,
}}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ListQuery{group} {{
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}}

impl QueryParams for ListQuery{group} {{
    const NAMES: &'static [&'static str] = &["limit", "token", "status"];
}}

"#
    );
}

/// The endpoint `index` of `group`: its method name, shape and template.
fn endpoint(group: usize, index: usize) -> (String, &'static Shape, String) {
    let shape = &SHAPES[index % SHAPES.len()];
    let series = index / SHAPES.len();
    let name = format!("{}_g{group}_s{series}", shape.verb);
    let template = format!("/v3/g{group}/s{series}{}", shape.tail);
    (name, shape, template)
}

fn output(shape: &Shape, group: usize) -> String {
    shape.output.replace("{I}", &format!("Item{group}"))
}

/// The declared arguments after `&self`, with their role attributes when `attributes`.
fn parameters(shape: &Shape, group: usize, attributes: bool, stream: bool) -> String {
    let attr = |text: &str| {
        if attributes {
            format!("{text} ")
        } else {
            String::new()
        }
    };
    let mut params = Vec::new();
    for arg in shape.args {
        match arg {
            Arg::Path => params.push("item_id: &str".to_owned()),
            Arg::QueryFlatten => params.push(format!(
                "{}query: &ListQuery{group}",
                attr("#[query(flatten)]")
            )),
            Arg::LimitAndToken => {
                params.push(format!("{}limit: Option<u32>", attr("#[query]")));
                if !stream {
                    params.push(format!("{}token: Option<&str>", attr("#[query]")));
                }
            }
            Arg::TypeQuery => params.push(format!("{}r#type: Option<&str>", attr("#[query]"))),
            Arg::Body => params.push(format!("{}body: &ItemRequest{group}", attr("#[body]"))),
            Arg::Key => params.push(format!(
                "{}key: Option<IdempotencyKey>",
                attr("#[idempotency_key]")
            )),
        }
    }
    params.join(", ")
}

fn declared_group(out: &mut String, group: usize, count: usize) {
    let _ = writeln!(out, "#[api]\npub trait Group{group} {{");
    for index in 0..count {
        let (name, shape, template) = endpoint(group, index);
        let mut flags = String::new();
        if shape.idempotent {
            flags.push_str(", idempotent");
        }
        if shape.paginated {
            flags.push_str(", paginated");
        }
        let params = parameters(shape, group, true, false);
        let separator = if params.is_empty() { "" } else { ", " };
        let _ = writeln!(
            out,
            "    /// Endpoint {index} of group {group}.\n    \
             #[endpoint({method} \"{template}\"{flags})]\n    \
             async fn {name}(&self{separator}{params}) -> Result<{output}>;\n",
            method = shape.method,
            output = output(shape, group),
        );
    }
    // `#[api]` implements the trait for every `AsClient`: no `impl` line to write.
    let _ = writeln!(out, "}}\n");
}

fn method_variant(method: &str) -> &'static str {
    match method {
        "GET" => "Get",
        "POST" => "Post",
        "PUT" => "Put",
        "PATCH" => "Patch",
        _ => "Delete",
    }
}

fn info_const(group: usize, index: usize) -> String {
    format!("INFO_G{group}_{index}")
}

fn hand_written_group(out: &mut String, group: usize, count: usize) {
    for index in 0..count {
        let (name, shape, template) = endpoint(group, index);
        let segments: Vec<String> = template
            .trim_start_matches('/')
            .split('/')
            .map(|segment| match segment.strip_prefix('<') {
                Some(param) => format!("rt::Segment::Param(\"{}\")", param.trim_end_matches('>')),
                None => format!("rt::Segment::Literal(\"{segment}\")"),
            })
            .collect();
        let query: Vec<String> = shape
            .args
            .iter()
            .flat_map(|arg| match arg {
                Arg::QueryFlatten => vec![format!(
                    "rt::QuerySource::Struct(<ListQuery{group} as QueryParams>::NAMES)"
                )],
                Arg::LimitAndToken => vec![
                    "rt::QuerySource::Param(\"limit\")".to_owned(),
                    "rt::QuerySource::Param(\"token\")".to_owned(),
                ],
                Arg::TypeQuery => vec!["rt::QuerySource::Param(\"type\")".to_owned()],
                _ => vec![],
            })
            .collect();
        let has_body = shape.args.iter().any(|arg| matches!(arg, Arg::Body));
        let _ = writeln!(
            out,
            "const {info}: rt::EndpointInfo = rt::EndpointInfo {{\n    \
             name: \"{name}\",\n    method: rt::HttpMethod::{method},\n    \
             template: \"{template}\",\n    segments: &[{segments}],\n    \
             idempotent: {idempotent},\n    paginated: {paginated},\n    query: &[{query}],\n    \
             body: rt::BodyKind::{body},\n    timeout_class: rt::TimeoutClass::{class},\n    \
             timeout: None,\n    headers: &[],\n}};\n",
            info = info_const(group, index),
            method = method_variant(shape.method),
            segments = segments.join(", "),
            idempotent = shape.idempotent,
            paginated = shape.paginated,
            query = query.join(", "),
            body = if has_body { "Json" } else { "None" },
            class = if shape.method == "GET" {
                "Read"
            } else {
                "Write"
            },
        );
    }
    // What `#[api]` writes: the methods declared in the trait (streams with their bodies, for
    // clients), and implemented for every `AsClient`.
    let _ = writeln!(out, "pub trait Group{group}: Send + Sync {{");
    let mut bodies = String::new();
    for index in 0..count {
        let (name, shape, _) = endpoint(group, index);
        let output = output(shape, group);
        let params = parameters(shape, group, false, false);
        let separator = if params.is_empty() { "" } else { ", " };
        let send = if shape.paginated {
            "send_paginated"
        } else {
            "send"
        };
        let signature = format!(
            "fn {name}(&self{separator}{params}) -> impl Future<Output = Result<{output}>> + Send"
        );
        let _ = writeln!(
            out,
            "    /// Endpoint {index} of group {group}.\n    {signature};\n"
        );
        let _ = writeln!(
            bodies,
            "    {signature} {{\n        \
             let mut request = rt::RequestBuilder::new(&{info});\n\
             {calls}        rt::{send}::<{output}>(self.client(), request)\n    }}\n",
            info = info_const(group, index),
            calls = request_calls(shape, false),
        );
        if shape.paginated {
            let params = parameters(shape, group, false, true);
            let separator = if params.is_empty() { "" } else { ", " };
            let item = format!("Item{group}");
            let _ = writeln!(
                out,
                "    /// Every item of [`{name}`](Self::{name}), page after page.\n    \
                 fn {name}_stream(&self{separator}{params}) -> impl Stream<Item = Result<{item}>> + Send\n    \
                 where\n        Self: AsClient,\n    {{\n        \
                 rt::paginate(move |token: Option<String>| {{\n            \
                 let mut request = rt::RequestBuilder::new(&{info});\n\
                 {calls}            request.query(\"token\", &token);\n            \
                 rt::send_paginated::<{output}>(self.client(), request)\n        }})\n    }}\n",
                info = info_const(group, index),
                calls = request_calls(shape, true),
            );
        }
    }
    let infos: Vec<String> = (0..count).map(|index| info_const(group, index)).collect();
    let _ = writeln!(
        out,
        "    /// Every endpoint of this trait.\n    \
         const ENDPOINTS: &'static [rt::EndpointInfo] = &[{}];\n}}\n\n\
         impl<C> Group{group} for C\nwhere\n    C: AsClient + Send + Sync,\n{{\n{bodies}}}\n",
        infos.join(", ")
    );
}

/// The statements feeding `request` every argument (for a stream: all but the page token).
fn request_calls(shape: &Shape, stream: bool) -> String {
    let indent = if stream { "            " } else { "        " };
    let mut calls = String::new();
    for arg in shape.args {
        let call = match arg {
            Arg::Path => "request.path_param(\"item_id\", &item_id);".to_owned(),
            Arg::QueryFlatten => "request.query_flatten(&query);".to_owned(),
            Arg::LimitAndToken if stream => "request.query(\"limit\", &limit);".to_owned(),
            Arg::LimitAndToken => {
                "request.query(\"limit\", &limit);\n".to_owned()
                    + indent
                    + "request.query(\"token\", &token);"
            }
            Arg::TypeQuery => "request.query(\"type\", &r#type);".to_owned(),
            Arg::Body => "request.json(&body);".to_owned(),
            Arg::Key => continue,
        };
        let _ = writeln!(calls, "{indent}{call}");
    }
    if shape.idempotent {
        let key = if shape.args.iter().any(|arg| matches!(arg, Arg::Key)) {
            "key"
        } else {
            "None"
        };
        let _ = writeln!(calls, "{indent}request.idempotency_key({key});");
    }
    calls
}

/// Where the synthetic crates live and how they are built.
#[derive(Debug, Clone)]
pub struct CompileBench {
    /// Holds one directory per variant and their shared target directory.
    pub root: PathBuf,
    /// The `heygen-api` crate the synthetic crates depend on.
    pub heygen_api: PathBuf,
    /// The workspace's `Cargo.lock`, copied so the synthetic crates build the same versions.
    pub lockfile: PathBuf,
    /// This benchmark binary, used as the `RUSTC_WRAPPER` that times `rustc`.
    pub wrapper: PathBuf,
    /// Endpoints per crate.
    pub endpoints: usize,
}

/// One timed `rustc` run of a synthetic crate.
#[derive(Debug, Clone, Copy)]
pub struct RustcTime {
    /// Wall-clock seconds.
    pub wall: f64,
    /// CPU seconds (user and system, all of `rustc`'s threads).
    pub cpu: f64,
}

/// What is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuildKind {
    /// `cargo build` (dev profile): what a build or test run pays.
    Build,
    /// `cargo check`: what an editor pays on every change.
    Check,
}

impl CompileBench {
    fn crate_dir(&self, variant: Variant) -> PathBuf {
        self.root.join(variant.crate_name())
    }

    fn timings_file(&self) -> PathBuf {
        self.root.join("rustc-timings.txt")
    }

    /// Writes both crates and builds their dependencies (not timed).
    pub fn prepare(&self) -> Result<(), String> {
        for variant in Variant::ALL {
            let dir = self.crate_dir(variant);
            std::fs::create_dir_all(dir.join("src")).map_err(io_error(&dir))?;
            write_if_changed(
                &dir.join("Cargo.toml"),
                &manifest(variant, &self.heygen_api),
            )?;
            write_if_changed(&dir.join("src/lib.rs"), &source(variant, self.endpoints))?;
            let lock = dir.join("Cargo.lock");
            if !lock.exists() {
                std::fs::copy(&self.lockfile, &lock).map_err(io_error(&lock))?;
            }
            for kind in [BuildKind::Build, BuildKind::Check] {
                self.cargo(variant, kind, None)?;
            }
        }
        Ok(())
    }

    /// Rebuilds the crate of `variant` alone (its dependencies are fresh) and returns how long
    /// its `rustc` run took.
    pub fn time(&self, variant: Variant, kind: BuildKind) -> Result<RustcTime, String> {
        self.touch(variant)?;
        let timings = self.timings_file();
        let _ = std::fs::remove_file(&timings);
        self.cargo(variant, kind, None)?;
        let recorded = std::fs::read_to_string(&timings).map_err(io_error(&timings))?;
        parse_timing(&recorded, variant.crate_name()).ok_or_else(|| {
            format!(
                "`{}` was not rebuilt (no timing in {})",
                variant.crate_name(),
                timings.display()
            )
        })
    }

    /// Checks the crate of `variant` alone under callgrind and returns the instructions its
    /// `rustc` run executed.
    pub fn instructions(&self, variant: Variant) -> Result<u64, String> {
        self.touch(variant)?;
        let profile = self
            .root
            .join(format!("{}.callgrind", variant.crate_name()));
        let _ = std::fs::remove_file(&profile);
        self.cargo(variant, BuildKind::Check, Some(&profile))?;
        let text = std::fs::read_to_string(&profile).map_err(io_error(&profile))?;
        crate::instructions::counts(&text)
            .map(|counts| counts.instructions as u64)
            .ok_or_else(|| format!("no instruction total in {}", profile.display()))
    }

    /// Gives the crate's source a new modification time, so that cargo rebuilds it, and only it.
    fn touch(&self, variant: Variant) -> Result<(), String> {
        let source = self.crate_dir(variant).join("src/lib.rs");
        std::fs::File::options()
            .append(true)
            .open(&source)
            .and_then(|file| file.set_modified(std::time::SystemTime::now()))
            .map_err(io_error(&source))
    }

    fn cargo(
        &self,
        variant: Variant,
        kind: BuildKind,
        callgrind: Option<&Path>,
    ) -> Result<(), String> {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let dir = self.crate_dir(variant);
        let started = Instant::now();
        let output = Command::new(cargo)
            .arg(match kind {
                BuildKind::Build => "build",
                BuildKind::Check => "check",
            })
            .args(["--offline", "--quiet", "--lib"])
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", self.root.join("target"))
            // A full rebuild each time, as after a change to a real crate's declarations.
            .env("CARGO_INCREMENTAL", "0")
            .env("RUSTC_WRAPPER", &self.wrapper)
            .env(TIMINGS_ENV, self.timings_file())
            .env(CALLGRIND_ENV, callgrind.unwrap_or(Path::new("")))
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .output()
            .map_err(|error| format!("cannot run cargo: {error}"))?;
        if !output.status.success() {
            return Err(format!(
                "building {} failed after {:.1} s:\n{}",
                dir.display(),
                started.elapsed().as_secs_f64(),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        Ok(())
    }
}

fn write_if_changed(path: &Path, contents: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).is_ok_and(|existing| existing == contents) {
        return Ok(());
    }
    std::fs::write(path, contents).map_err(io_error(path))
}

fn io_error(path: &Path) -> impl Fn(std::io::Error) -> String + '_ {
    move |error| format!("{}: {error}", path.display())
}

/// The timing of `crate_name` in the wrapper's log (`<crate> <wall s> <cpu s>` lines).
fn parse_timing(log: &str, crate_name: &str) -> Option<RustcTime> {
    log.lines().rev().find_map(|line| {
        let mut fields = line.split_whitespace();
        if fields.next()? != crate_name {
            return None;
        }
        Some(RustcTime {
            wall: fields.next()?.parse().ok()?,
            cpu: fields.next()?.parse().ok()?,
        })
    })
}

/// Acts as `RUSTC_WRAPPER`: runs `rustc args...`, and for a synthetic crate appends its wall and
/// CPU time to the file named by [`TIMINGS_ENV`]. Returns the exit code to exit with.
pub fn wrap_rustc(args: &[std::ffi::OsString], timings: &Path) -> Result<i32, String> {
    let (rustc, rest) = args
        .split_first()
        .ok_or("RUSTC_WRAPPER called without a compiler")?;
    let crate_name = rest
        .iter()
        .position(|arg| arg == "--crate-name")
        .and_then(|at| rest.get(at + 1))
        .and_then(|name| name.to_str())
        .unwrap_or("");
    let timed = Variant::ALL
        .iter()
        .any(|variant| variant.crate_name() == crate_name);
    let callgrind = std::env::var_os(CALLGRIND_ENV).filter(|path| !path.is_empty());
    let mut command = match (&callgrind, timed) {
        (Some(profile), true) => {
            let mut valgrind = Command::new("valgrind");
            valgrind
                .args(["--tool=callgrind", "--quiet"])
                .arg(format!(
                    "--callgrind-out-file={}",
                    Path::new(profile).display()
                ))
                .arg(rustc);
            valgrind
        }
        _ => Command::new(rustc),
    };
    let cpu_before = children_cpu_seconds();
    let started = Instant::now();
    let status = command
        .args(rest)
        .status()
        .map_err(|error| format!("cannot run {}: {error}", rustc.to_string_lossy()))?;
    let wall = started.elapsed().as_secs_f64();
    if timed && status.success() {
        let cpu = children_cpu_seconds()
            .zip(cpu_before)
            .map(|(after, before)| after - before);
        let line = format!("{crate_name} {wall:.4} {:.4}\n", cpu.unwrap_or(f64::NAN));
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(timings)
            .and_then(|mut file| std::io::Write::write_all(&mut file, line.as_bytes()))
            .map_err(io_error(timings))?;
    }
    Ok(status.code().unwrap_or(1))
}

/// User and system CPU seconds of this process's waited-for children (`/proc/self/stat`
/// `cutime` and `cstime`, in the kernel's fixed 100 Hz user clock).
fn children_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name, which may itself hold spaces.
    let after_name = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // `cutime` and `cstime` are fields 16 and 17 of the line, 14 and 15 after the name.
    let cutime: f64 = fields.get(13)?.parse().ok()?;
    let cstime: f64 = fields.get(14)?.parse().ok()?;
    Some((cutime + cstime) / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_variants_declare_the_same_endpoints() {
        let declared = source(Variant::Declared, 200);
        let hand_written = source(Variant::HandWritten, 200);
        assert_eq!(declared.matches("#[endpoint(").count(), 200);
        assert_eq!(declared.matches("#[api]").count(), 10);
        assert_eq!(hand_written.matches("rt::EndpointInfo {").count(), 200);
        // Every paginated endpoint has its stream written out by hand.
        assert_eq!(declared.matches(", paginated)]").count(), 40);
        assert_eq!(hand_written.matches("_stream(&self").count(), 40);
        // `#[api]` implements each trait for every `AsClient`; the hand-written code does the
        // same, as the macro's expansion does.
        assert!(!declared.contains(" for Client"));
        for group in 0..10 {
            assert!(hand_written.contains(&format!("impl<C> Group{group} for C\nwhere\n")));
        }
        assert!(declared.contains(
            "    #[endpoint(POST \"/v3/g3/s1/items\", idempotent)]\n    \
             async fn create_item_g3_s1(&self, #[body] body: &ItemRequest3, \
             #[idempotency_key] key: Option<IdempotencyKey>) -> Result<Item3>;"
        ));
    }

    #[test]
    fn a_partial_last_group_is_cut_short() {
        let declared = source(Variant::Declared, 25);
        assert_eq!(declared.matches("#[endpoint(").count(), 25);
        assert_eq!(declared.matches("#[api]").count(), 2);
    }

    #[test]
    fn timings_are_read_back_for_the_right_crate() {
        let log = "synth_declared 2.5000 4.2000\nsynth_hand_written 2.0000 3.5000\n";
        let time = parse_timing(log, "synth_hand_written").unwrap();
        assert_eq!((time.wall, time.cpu), (2.0, 3.5));
        assert!(parse_timing(log, "other").is_none());
    }

    #[test]
    fn child_cpu_time_is_readable() {
        assert!(children_cpu_seconds().is_some_and(|seconds| seconds >= 0.0));
    }
}
