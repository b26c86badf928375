//! Every declared operation called against Stoplight Prism serving `spec/openapi.json` with the
//! 21 extra operations of `spec/extra-operations.json` assembled into it ([`crate::document`]):
//! 105 of the 106, all but the word stream, whose server-sent events Prism cannot serve (it is
//! held against a loopback server in `tests/tests/api/word_stream.rs`).
//!
//! Pass one (`--errors`, static answers): Prism rejects any request that breaks the spec, so each
//! call must succeed and its answer decode. Pass two (`--dynamic`, several seeds): Prism generates
//! schema-valid variations (nulls, missing optional fields, extra properties), and every one must
//! decode.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use heygen_api::{Client, Error, RetryPolicy, catalog};
use hyper::StatusCode;

use crate::calls::{self, Call, DecodeFailure, Outcome};
use crate::known_issues::{KNOWN_ISSUES, Observed, Pass, known};
use crate::prism::{Exchange, Prism, Recorder, USER_AGENT_PREFIX};

/// How many calls are in flight at once against one Prism.
const CONCURRENT_CALLS: usize = 8;

/// The seeds of the dynamic pass: each is one deterministic set of generated answers.
const DYNAMIC_SEEDS: [u32; 5] = [1, 2, 3, 4, 5];

/// The longest request or response body quoted in a failure.
const QUOTED_BODY_CHARS: usize = 1_500;

/// One call's result, with what Prism saw of it.
pub struct Report {
    /// The declared method's name.
    pub name: &'static str,
    /// What became of the call.
    pub outcome: Outcome,
    /// What the proxy saw of it.
    pub exchanges: Vec<Exchange>,
}

/// The API key of the conformance calls (Prism takes any; the simulator is started with it).
pub const API_KEY: &str = "conformance-test-key";

/// A client that reaches Prism through `recorder`, tagged with the operation's name.
pub fn client_for(recorder: &Recorder, name: &str) -> Client {
    let timeout = Duration::from_secs(60);
    Client::builder()
        .api_key(API_KEY)
        .base_url(recorder.base_url())
        .user_agent(format!("{USER_AGENT_PREFIX}{name}"))
        // One attempt per call: a rejected request must show as rejected, not as retried.
        .retry_policy(RetryPolicy::none())
        .read_timeout(timeout)
        .write_timeout(timeout)
        .upload_timeout(timeout)
        .build()
        .expect("a valid client configuration")
}

/// Calls every operation once through `recorder`, a few at a time.
pub async fn call_all(recorder: &Arc<Recorder>, calls: &[Call]) -> Vec<Report> {
    futures::stream::iter(calls)
        .map(|call| {
            let client = client_for(recorder, call.name);
            async move {
                let outcome = (call.run)(client).await;
                Report {
                    name: call.name,
                    outcome,
                    exchanges: recorder.exchanges(call.name),
                }
            }
        })
        .buffer_unordered(CONCURRENT_CALLS)
        .collect()
        .await
}

/// The routes of the assembled document that Prism can serve: every one whose answer is not a
/// stream of server-sent events.
fn served_routes() -> BTreeSet<(String, String)> {
    let document = crate::document::assembled();
    let mut routes = BTreeSet::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("a path item") {
            let streamed = operation["responses"]
                .as_object()
                .expect("responses")
                .values()
                .any(|response| response["content"].get("text/event-stream").is_some());
            if !streamed {
                routes.insert((method.to_ascii_uppercase(), path.clone()));
            }
        }
    }
    routes
}

/// The declared endpoints Prism serves.
fn served_endpoints() -> Vec<catalog::DeclaredEndpoint> {
    let routes = served_routes();
    catalog::declared_endpoints()
        .into_iter()
        .filter(|endpoint| {
            routes.contains(&(
                endpoint.info.method.as_str().to_owned(),
                endpoint.info.openapi_path(),
            ))
        })
        .collect()
}

/// How many operations each pass calls.
const SERVED: usize = 105;

fn paginated_by_name() -> BTreeMap<&'static str, bool> {
    catalog::declared_endpoints()
        .iter()
        .map(|endpoint| (endpoint.info.name, endpoint.info.paginated))
        .collect()
}

/// A failed call: what was seen, and a description with Prism's side of it (the request sent,
/// the `sl-violations` header, the field at fault and the body of an answer that does not
/// decode).
struct Failure {
    operation: &'static str,
    observed: Observed,
    text: String,
}

fn failure(report: &Report, paginated: bool) -> Option<Failure> {
    let error = report.outcome.error.as_ref()?;
    // Each call is made once (no retries), so it has at most one exchange.
    let exchange = report.exchanges.last();
    let mut observed = Observed::Other;
    let mut text = format!("`{}`: ", report.name);
    match (error, exchange) {
        (Error::Decode(_), Some(exchange)) => {
            match (report.outcome.locate)(&exchange.response_body, paginated) {
                Some(DecodeFailure { path, message }) => {
                    text.push_str(&format!(
                        "the answer does not decode at `{path}`: {message}"
                    ));
                    observed = Observed::DecodeAt(path);
                }
                None => text.push_str(&error.to_string()),
            }
        }
        _ => {
            text.push_str(&error.to_string());
            if exchange.is_some_and(is_prism_response_violation) {
                observed = Observed::PrismResponseViolation;
            }
        }
    }
    match exchange {
        None => text.push_str("\n      (no exchange with Prism was recorded)"),
        Some(exchange) => {
            text.push_str(&format!(
                "\n      {} -> HTTP {}",
                exchange.request_line,
                exchange.status.as_u16()
            ));
            if let Some(violations) = &exchange.violations {
                text.push_str(&format!("\n      sl-violations: {violations}"));
            }
            if matches!(error, Error::Decode(_)) {
                text.push_str(&format!(
                    "\n      response body: {}",
                    quote(&exchange.response_body)
                ));
            } else if !exchange.request_body.is_empty() {
                text.push_str(&format!(
                    "\n      request body: {}",
                    quote(&exchange.request_body)
                ));
            }
        }
    }
    Some(Failure {
        operation: report.name,
        observed,
        text,
    })
}

/// Whether Prism answered 500 because its own answer breaks the spec: every violation is
/// located in the response, none in the request.
fn is_prism_response_violation(exchange: &Exchange) -> bool {
    #[derive(serde::Deserialize)]
    struct Violation {
        location: Vec<String>,
    }
    let Some(header) = &exchange.violations else {
        return false;
    };
    let Ok(violations) = serde_json::from_str::<Vec<Violation>>(header) else {
        return false;
    };
    exchange.status == StatusCode::INTERNAL_SERVER_ERROR
        && !violations.is_empty()
        && violations
            .iter()
            .all(|v| v.location.first().map(String::as_str) == Some("response"))
}

fn quote(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    match text.char_indices().nth(QUOTED_BODY_CHARS) {
        Some((cut, _)) => format!("{}... ({} bytes)", &text[..cut], body.len()),
        None => text.into_owned(),
    }
}

fn failures(reports: &[Report]) -> Vec<Failure> {
    let paginated = paginated_by_name();
    reports
        .iter()
        .filter_map(|report| failure(report, paginated[report.name]))
        .collect()
}

/// Fails listing every failure that is not a [known issue](crate::known_issues) of `pass`, and
/// every known issue of `pass` that was not seen (its fix has landed: the entry must go).
fn assert_only_known_failures(pass: Pass, label: &str, calls: usize, failures: &[Failure]) {
    let mut seen = BTreeSet::new();
    let mut unexpected = Vec::new();
    for failure in failures {
        match known(pass, failure.operation, &failure.observed) {
            Some(issue) => {
                let index = KNOWN_ISSUES
                    .iter()
                    .position(|known| known == issue)
                    .unwrap();
                seen.insert(index);
            }
            None => unexpected.push(failure.text.as_str()),
        }
    }
    for &index in &seen {
        let issue = &KNOWN_ISSUES[index];
        eprintln!(
            "{label}: known issue of `{}`: {}",
            issue.operation, issue.cause
        );
    }
    assert!(
        unexpected.is_empty(),
        "{} of {calls} calls failed against Prism ({label}):\n  - {}",
        unexpected.len(),
        unexpected.join("\n  - ")
    );
    let fixed: Vec<String> = KNOWN_ISSUES
        .iter()
        .enumerate()
        .filter(|(index, issue)| issue.passes.contains(&pass) && !seen.contains(index))
        .map(|(_, issue)| format!("`{}` ({:?})", issue.operation, issue.symptom))
        .collect();
    assert!(
        fixed.is_empty(),
        "these known issues no longer fail ({label}): remove them from known_issues.rs:\n  - {}",
        fixed.join("\n  - ")
    );
}

#[test]
fn the_calls_cover_every_declared_operation_prism_serves_once() {
    let called: Vec<&str> = calls::all().iter().map(|call| call.name).collect();
    let unique: BTreeSet<&str> = called.iter().copied().collect();
    assert_eq!(unique.len(), called.len(), "an operation is called twice");
    let declared: BTreeSet<&str> = served_endpoints()
        .iter()
        .map(|endpoint| endpoint.info.name)
        .collect();
    assert_eq!(unique, declared);
    assert_eq!(called.len(), SERVED);
    // The one declared operation left out is the word stream.
    let all = catalog::declared_endpoints();
    let left_out: Vec<&str> = all
        .iter()
        .map(|endpoint| endpoint.info.name)
        .filter(|name| !unique.contains(name))
        .collect();
    assert_eq!(left_out, ["stream_avatar_realtime_words"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prism_accepts_every_request_and_every_answer_decodes() {
    let prism = Prism::start("errors", &[]).await;
    let recorder = Recorder::start(prism.addr()).await;
    let calls = calls::all();
    let reports = call_all(&recorder, &calls).await;

    assert_eq!(reports.len(), SERVED, "operations called");
    assert_only_known_failures(Pass::Static, "--errors", reports.len(), &failures(&reports));

    // On the wire: one request per operation (nothing retried, nothing unsent), and an
    // `Idempotency-Key` exactly on the operations declared `idempotent`.
    let counts = recorder.counts();
    assert_eq!(
        counts.len(),
        SERVED,
        "operations that reached Prism: {counts:?}"
    );
    assert!(
        counts.values().all(|&n| n == 1),
        "requests per operation: {counts:?}"
    );
    for endpoint in served_endpoints() {
        let exchange = &recorder.exchanges(endpoint.info.name)[0];
        assert_eq!(
            exchange.idempotency_key.is_some(),
            endpoint.info.idempotent,
            "`{}` sent Idempotency-Key {:?}",
            endpoint.info.name,
            exchange.idempotency_key
        );
    }
    let uploaded = &recorder.exchanges("upload_asset")[0];
    let body = String::from_utf8_lossy(&uploaded.request_body);
    assert!(
        body.contains("name=\"file\"") && body.contains("Hello from the conformance test"),
        "{body}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_prism_generates_decodes() {
    let servers = futures::future::join_all(DYNAMIC_SEEDS.map(|seed| async move {
        let seed_arg = seed.to_string();
        let prism = Prism::start(
            &format!("dynamic-seed-{seed}"),
            &["--dynamic", "--seed", &seed_arg],
        )
        .await;
        (seed, prism)
    }))
    .await;
    let calls = calls::all();
    let passes = servers.iter().map(|(seed, prism)| {
        let calls = &calls;
        async move {
            let recorder = Recorder::start(prism.addr()).await;
            let reports = call_all(&recorder, calls).await;
            assert_eq!(reports.len(), SERVED, "operations called with seed {seed}");
            failures(&reports)
                .into_iter()
                .map(|mut failure| {
                    failure.text = format!("seed {seed}: {}", failure.text);
                    failure
                })
                .collect::<Vec<_>>()
        }
    });
    let failures: Vec<Failure> = futures::future::join_all(passes)
        .await
        .into_iter()
        .flatten()
        .collect();
    let label = format!("--dynamic, seeds {DYNAMIC_SEEDS:?}");
    assert_only_known_failures(
        Pass::Dynamic,
        &label,
        SERVED * DYNAMIC_SEEDS.len(),
        &failures,
    );
}
