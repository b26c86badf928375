//! The recorder and the comparison behind `query_wire` (hand-written; the cases are generated).
//!
//! [`run`] calls every case once, in turn, through a real `Client` against a loopback wiremock
//! server, reads the query parameter names of the one request each call sent (from the request
//! URL's query string, as the server received it), and compares them with the query parameters
//! `spec/openapi.json` gives the operation's method and path ([`differences`]); for the extra
//! operations, which `spec/openapi.json` does not have, the ones `spec/extra-operations.json`
//! gives them ([`spec_query_params`]). It also holds the
//! cases against the declared surface: every declared endpoint with a `#[query(flatten)]` struct
//! must have exactly one case, on the same method and path.
//!
//! No spec parameter of these operations is set outside their struct: the generator puts every
//! query parameter of an operation that takes a struct into the struct (a required one becomes an
//! argument of its `new`) and refuses to render a case for any other argument kind, so the names
//! sent are expected to be exactly the spec's, with no exception to account for.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::future::Future;
use std::pin::Pin;

use heygen_api::endpoint::QuerySource;
use heygen_api::{Client, RetryPolicy, catalog};
use serde_json::Value;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A future of one call: the error it ended with, if any.
pub type CallFuture = Pin<Box<dyn Future<Output = Option<heygen_api::Error>> + Send>>;

/// One declared operation that takes a `#[query(flatten)]` struct, and how to call it with every
/// field of the struct set.
pub struct QueryCase {
    /// The catalog's operation name.
    pub operation: &'static str,
    /// The declared method's name.
    pub declared: &'static str,
    /// `GET`, `POST`, ...
    pub method: &'static str,
    /// The path in `{param}` style, as the spec writes it.
    pub path: &'static str,
    /// Calls it; each path parameter `{name}` is filled with `example-{name}`.
    pub run: fn(Client) -> CallFuture,
}

impl QueryCase {
    fn route(&self) -> String {
        format!("{} {}", self.method, self.path)
    }

    /// The path the request must go to: the template with `{name}` filled as `example-{name}`.
    fn expected_path(&self) -> String {
        self.path
            .split('/')
            .map(
                |segment| match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    Some(name) => format!("example-{name}"),
                    None => segment.to_owned(),
                },
            )
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// A spec parameter that a declaration gets wrong on the wire, expected until it is fixed.
///
/// The list is strict both ways: a difference no entry covers fails the test, and so does an
/// entry that covers no difference (the fix has landed and the entry must go).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownQueryIssue {
    /// The catalog's operation name.
    pub operation: &'static str,
    /// The query parameter name at fault, as the spec or the request writes it.
    pub parameter: &'static str,
    /// Why, and where the fix belongs.
    pub cause: &'static str,
}

/// Every known issue. None today: every struct sends exactly its operation's spec parameters.
pub const KNOWN_QUERY_ISSUES: &[KnownQueryIssue] = &[];

/// One way what a case sent departs from the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The catalog's operation name.
    pub operation: String,
    /// The query parameter concerned, if the difference is about one.
    pub parameter: Option<String>,
    /// The whole message, naming the operation, its route and its declaration.
    pub text: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

fn difference(case: &QueryCase, parameter: Option<&str>, what: String) -> Difference {
    Difference {
        operation: case.operation.to_owned(),
        parameter: parameter.map(str::to_owned),
        text: format!(
            "operation `{}` ({}), declared as `{}`: {what}",
            case.operation,
            case.route(),
            case.declared
        ),
    }
}

/// Every difference between the query parameter names `sent` (in order, repeats kept) and the
/// names the spec gives the operation.
pub fn differences(case: &QueryCase, spec: &BTreeSet<String>, sent: &[String]) -> Vec<Difference> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for name in sent {
        *counts.entry(name.as_str()).or_default() += 1;
    }
    let mut found = Vec::new();
    for (&name, &count) in &counts {
        if !spec.contains(name) {
            found.push(difference(
                case,
                Some(name),
                format!("sends `{name}`, which the spec does not list"),
            ));
        } else if count > 1 {
            found.push(difference(
                case,
                Some(name),
                format!("sends `{name}` {count} times for one scalar value"),
            ));
        }
    }
    for name in spec {
        if !counts.contains_key(name.as_str()) {
            found.push(difference(
                case,
                Some(name),
                format!(
                    "does not send `{name}`, which the spec lists (every field of the query \
                     struct was set)"
                ),
            ));
        }
    }
    found
}

/// The query parameters of each operation of `spec/openapi.json`, by (method, path): the
/// operation's own and its path item's, `$ref`s to `#/components/parameters` resolved.
pub fn openapi_query_params() -> BTreeMap<(String, String), BTreeSet<String>> {
    let document = read_json("openapi.json");
    let resolve = |parameter: &Value| -> Value {
        match parameter.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let name = reference
                    .strip_prefix("#/components/parameters/")
                    .unwrap_or_else(|| panic!("an unexpected parameter $ref {reference}"));
                document["components"]["parameters"][name].clone()
            }
            None => parameter.clone(),
        }
    };
    let mut out = BTreeMap::new();
    let paths = document["paths"].as_object().expect("`paths` is an object");
    for (path, item) in paths {
        let item = item.as_object().expect("a path item is an object");
        let shared = item.get("parameters").and_then(Value::as_array);
        for (method, operation) in item {
            if !matches!(
                method.as_str(),
                "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace"
            ) {
                continue;
            }
            let own = operation.get("parameters").and_then(Value::as_array);
            let names = shared
                .into_iter()
                .chain(own)
                .flatten()
                .map(resolve)
                .filter(|parameter| parameter["in"] == "query")
                .map(|parameter| {
                    parameter["name"]
                        .as_str()
                        .expect("a parameter has a name")
                        .to_owned()
                })
                .collect();
            out.insert((method.to_uppercase(), path.clone()), names);
        }
    }
    out
}

/// The query parameters of [`openapi_query_params`], and those of each operation of
/// `spec/extra-operations.json` (which `spec/openapi.json` does not describe) by its method and
/// path.
pub fn spec_query_params() -> BTreeMap<(String, String), BTreeSet<String>> {
    let mut out = openapi_query_params();
    for (method, path, names) in catalog_operations().into_values() {
        out.entry((method, path)).or_insert(names);
    }
    out
}

/// The operations of `spec/operations.json` and `spec/extra-operations.json` by name: method,
/// path and query parameter names.
fn catalog_operations() -> BTreeMap<String, (String, String, BTreeSet<String>)> {
    let catalog = read_json("operations.json");
    let extras = read_json("extra-operations.json");
    catalog
        .as_array()
        .expect("the catalog is a list")
        .iter()
        .chain(extras.as_array().expect("the extras are a list"))
        .map(|op| {
            let text = |key: &str| op[key].as_str().expect("a string").to_owned();
            let names = op["query_params"]
                .as_array()
                .expect("query_params is a list")
                .iter()
                .map(|q| q["name"].as_str().expect("a name").to_owned())
                .collect();
            (text("operation"), (text("method"), text("path"), names))
        })
        .collect()
}

fn read_json(file: &str) -> Value {
    let path = format!("{}/../spec/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {path}: {e}"))
}

/// What one call put on the wire.
struct Sent {
    method: String,
    path: String,
    query: String,
    names: Vec<String>,
}

/// A loopback server that records every request and answers an empty page.
async fn recorder() -> MockServer {
    let server = MockServer::start().await;
    let empty_page = serde_json::json!({"data": [], "has_more": false, "next_token": null});
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(empty_page))
        .mount(&server)
        .await;
    server
}

fn client_for(server: &MockServer) -> Client {
    Client::builder()
        .api_key("query-wire-test-key")
        .base_url(server.uri())
        // One attempt per call, so each call is exactly one recorded request.
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("a valid client configuration")
}

/// Calls `case` and returns the one request it sent, or why there is none.
async fn send(server: &MockServer, case: &QueryCase) -> Result<Sent, String> {
    let before = server.received_requests().await.expect("recording").len();
    let error = (case.run)(client_for(server)).await;
    let requests = server.received_requests().await.expect("recording");
    let new = &requests[before..];
    let [request] = new else {
        let error = error.map_or_else(|| "none".to_owned(), |e| e.to_string());
        return Err(format!(
            "sent {} requests instead of one (the call's error: {error})",
            new.len()
        ));
    };
    // The answer is an empty page whatever the operation, so an error decoding it is expected
    // and beside the point: only the request matters here.
    Ok(Sent {
        method: request.method.as_str().to_owned(),
        path: request.url.path().to_owned(),
        query: request.url.query().unwrap_or("").to_owned(),
        names: request
            .url
            .query_pairs()
            .map(|(name, _)| name.into_owned())
            .collect(),
    })
}

/// Every difference, over all `cases`, between what they send and the spec; known issues
/// included.
pub async fn differences_on_the_wire(cases: &[QueryCase]) -> Vec<Difference> {
    let openapi = spec_query_params();
    let operations = catalog_operations();
    let server = recorder().await;
    let mut found = Vec::new();
    for case in cases {
        let key = (case.method.to_owned(), case.path.to_owned());
        let Some(spec) = openapi.get(&key) else {
            found.push(difference(
                case,
                None,
                "spec/openapi.json has no operation on this method and path".to_owned(),
            ));
            continue;
        };
        match operations.get(case.operation) {
            None => found.push(difference(
                case,
                None,
                "neither spec/operations.json nor spec/extra-operations.json has an operation of \
                 this name"
                    .to_owned(),
            )),
            Some((method, path, names)) => {
                if (method.as_str(), path.as_str()) != (case.method, case.path) {
                    found.push(difference(
                        case,
                        None,
                        format!("spec/operations.json puts the operation on {method} {path}"),
                    ));
                } else if names != spec {
                    found.push(difference(
                        case,
                        None,
                        format!(
                            "spec/operations.json lists the query parameters {names:?} but \
                             spec/openapi.json lists {spec:?}"
                        ),
                    ));
                }
            }
        }
        let sent = match send(&server, case).await {
            Ok(sent) => sent,
            Err(problem) => {
                found.push(difference(case, None, problem));
                continue;
            }
        };
        if (sent.method.as_str(), sent.path.as_str())
            != (case.method, case.expected_path().as_str())
        {
            found.push(difference(
                case,
                None,
                format!(
                    "the request went to {} {}, not {} {}",
                    sent.method,
                    sent.path,
                    case.method,
                    case.expected_path()
                ),
            ));
        }
        let here = differences(case, spec, &sent.names);
        if !here.is_empty() {
            eprintln!("`{}` sent the query `{}`", case.operation, sent.query);
        }
        found.extend(here);
    }
    found
}

/// Whether `issue` is `difference`.
fn covers(issue: &KnownQueryIssue, difference: &Difference) -> bool {
    issue.operation == difference.operation
        && difference.parameter.as_deref() == Some(issue.parameter)
}

/// The failures of a run: differences no known issue covers, and known issues that cover none.
pub fn unexpected(found: &[Difference], known: &[KnownQueryIssue]) -> Vec<String> {
    let mut out: Vec<String> = found
        .iter()
        .filter(|d| !known.iter().any(|issue| covers(issue, d)))
        .map(|d| d.text.clone())
        .collect();
    for issue in known {
        if !found.iter().any(|d| covers(issue, d)) {
            out.push(format!(
                "known issue {issue:?} no longer shows: the fix has landed, remove the entry"
            ));
        }
    }
    out
}

/// Every declared endpoint with a `#[query(flatten)]` struct, by method name: (method, path).
fn declared_with_query_struct() -> BTreeMap<&'static str, (String, String)> {
    catalog::declared_endpoints()
        .iter()
        .filter(|endpoint| {
            endpoint
                .info
                .query
                .iter()
                .any(|source| matches!(source, QuerySource::Struct(_)))
        })
        .map(|endpoint| {
            let info = endpoint.info;
            (
                info.name,
                (info.method.as_str().to_owned(), info.openapi_path()),
            )
        })
        .collect()
}

/// Differences between the cases and the declared endpoints taking a query struct.
fn coverage(cases: &[QueryCase]) -> Vec<String> {
    let declared = declared_with_query_struct();
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for case in cases {
        if !seen.insert(case.declared) {
            out.push(format!("`{}` has more than one case", case.declared));
        }
        match declared.get(case.declared) {
            None => out.push(format!(
                "`{}` has a case but is no declared endpoint with a `#[query(flatten)]` struct",
                case.declared
            )),
            Some((method, path))
                if (method.as_str(), path.as_str()) != (case.method, case.path) =>
            {
                out.push(format!(
                    "`{}` is declared on {method} {path} but its case calls {}",
                    case.declared,
                    case.route()
                ));
            }
            Some(_) => {}
        }
    }
    for (name, (method, path)) in &declared {
        if !seen.contains(name) {
            out.push(format!(
                "`{name}` ({method} {path}) takes a `#[query(flatten)]` struct but has no case: \
                 regenerate, or add one to query_wire/handwritten.rs for a hand-written group"
            ));
        }
    }
    out
}

/// The whole check: every declared query struct has a case, and every case sends exactly the
/// spec's names (known issues aside).
pub async fn run(cases: &[QueryCase]) {
    let mut failures = coverage(cases);
    let found = differences_on_the_wire(cases).await;
    failures.extend(unexpected(&found, KNOWN_QUERY_ISSUES));
    assert!(
        failures.is_empty(),
        "the query parameters sent differ from spec/openapi.json in {} place(s):\n  - {}",
        failures.len(),
        failures.join("\n  - ")
    );
    eprintln!(
        "{} operations with a `#[query(flatten)]` struct send exactly their spec parameters",
        cases.len()
    );
}

/// The check must be able to fail: a struct whose serialized name differs from the spec, fed to
/// the comparison by hand and then sent through a real client.
mod negative {
    use heygen_api::{Page, QueryParams, Result, api, endpoint};
    use serde::Serialize;

    use super::*;

    fn unused_run(_: Client) -> CallFuture {
        unreachable!("the comparison alone is tested")
    }

    const LIST_VIDEOS: QueryCase = QueryCase {
        operation: "video_list",
        declared: "list_videos",
        method: "GET",
        path: "/v3/videos",
        run: unused_run,
    };

    fn spec_of(case: &QueryCase) -> BTreeSet<String> {
        openapi_query_params()[&(case.method.to_owned(), case.path.to_owned())].clone()
    }

    #[test]
    fn the_spec_parameters_sent_exactly_have_no_difference() {
        let spec = spec_of(&LIST_VIDEOS);
        assert_eq!(
            spec,
            BTreeSet::from(["folder_id", "limit", "title", "token"].map(str::to_owned))
        );
        let sent: Vec<String> = spec.iter().cloned().collect();
        assert_eq!(differences(&LIST_VIDEOS, &spec, &sent), []);
    }

    #[test]
    fn a_renamed_parameter_is_reported_with_its_operation() {
        let spec = spec_of(&LIST_VIDEOS);
        let sent: Vec<String> = ["limit", "token", "folderId", "title"]
            .map(str::to_owned)
            .to_vec();
        let texts: Vec<String> = differences(&LIST_VIDEOS, &spec, &sent)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            texts,
            [
                "operation `video_list` (GET /v3/videos), declared as `list_videos`: sends \
                 `folderId`, which the spec does not list",
                "operation `video_list` (GET /v3/videos), declared as `list_videos`: does not \
                 send `folder_id`, which the spec lists (every field of the query struct was set)",
            ]
        );
        let failures = unexpected(&differences(&LIST_VIDEOS, &spec, &sent), &[]);
        assert_eq!(failures.len(), 2, "{failures:#?}");
    }

    #[test]
    fn a_missing_or_repeated_parameter_is_reported() {
        let spec = spec_of(&LIST_VIDEOS);
        let sent: Vec<String> = ["limit", "token", "token"].map(str::to_owned).to_vec();
        let found = differences(&LIST_VIDEOS, &spec, &sent);
        let named: Vec<Option<&str>> = found.iter().map(|d| d.parameter.as_deref()).collect();
        assert_eq!(named, [Some("token"), Some("folder_id"), Some("title")]);
        assert!(
            found[0]
                .text
                .ends_with("sends `token` 2 times for one scalar value")
        );
    }

    #[test]
    fn a_known_issue_covers_its_difference_and_a_stale_one_fails() {
        let spec = spec_of(&LIST_VIDEOS);
        let sent: Vec<String> = ["limit", "token", "folderId", "title"]
            .map(str::to_owned)
            .to_vec();
        let found = differences(&LIST_VIDEOS, &spec, &sent);
        let issue = |parameter| KnownQueryIssue {
            operation: "video_list",
            parameter,
            cause: "test",
        };
        assert_eq!(
            unexpected(&found, &[issue("folderId"), issue("folder_id")]),
            Vec::<String>::new()
        );
        let stale = unexpected(&[], &[issue("folder_id")]);
        assert_eq!(stale.len(), 1);
        assert!(stale[0].contains("no longer shows"), "{stale:?}");
    }

    /// `GET /v3/videos`'s query with `folder_id` misnamed on the wire. `NAMES` is right, so the
    /// surface test (which compares `NAMES` with the catalog) cannot see the mistake.
    #[derive(Debug, Default, Serialize)]
    pub struct MisnamedVideosQuery {
        #[serde(skip_serializing_if = "Option::is_none")]
        limit: Option<u32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        token: Option<String>,
        #[serde(rename = "folderId", skip_serializing_if = "Option::is_none")]
        folder_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        title: Option<String>,
    }

    impl QueryParams for MisnamedVideosQuery {
        const NAMES: &'static [&'static str] = &["limit", "token", "folder_id", "title"];
    }

    /// `list_videos` declared again with the misnamed query.
    #[api]
    pub trait Misnamed {
        /// Lists videos.
        #[endpoint(GET "/v3/videos", paginated)]
        async fn list_videos_misnamed(
            &self,
            #[query(flatten)] query: &MisnamedVideosQuery,
        ) -> Result<Page<serde_json::Value>>;
    }

    #[tokio::test]
    async fn a_struct_serializing_a_name_the_spec_does_not_have_fails_on_the_wire() {
        let case = QueryCase {
            operation: "video_list",
            declared: "list_videos_misnamed",
            method: "GET",
            path: "/v3/videos",
            run: |client: Client| -> CallFuture {
                Box::pin(async move {
                    let query = MisnamedVideosQuery {
                        limit: Some(3),
                        token: Some("example-token".to_owned()),
                        folder_id: Some("example-folder_id".to_owned()),
                        title: Some("example-title".to_owned()),
                    };
                    client.list_videos_misnamed(&query).await.err()
                })
            },
        };
        let found = differences_on_the_wire(std::slice::from_ref(&case)).await;
        let failures = unexpected(&found, &[]);
        assert_eq!(
            failures,
            [
                "operation `video_list` (GET /v3/videos), declared as `list_videos_misnamed`: \
                 sends `folderId`, which the spec does not list",
                "operation `video_list` (GET /v3/videos), declared as `list_videos_misnamed`: \
                 does not send `folder_id`, which the spec lists (every field of the query struct \
                 was set)",
            ]
        );
        // And the coverage check rejects a case for an endpoint the crate does not declare.
        assert_eq!(
            coverage(std::slice::from_ref(&case))
                .iter()
                .filter(|f| f.contains("`list_videos_misnamed` has a case but is no declared"))
                .count(),
            1
        );
    }
}
