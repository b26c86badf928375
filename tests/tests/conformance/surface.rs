//! The declared surface against `spec/operations.json` (the catalog's 85 operations) and
//! `spec/extra-operations.json` (the 21 HeyGen documents beyond it), operation by operation.
//!
//! Both sides are reduced to [`Operation`] records and compared by [`differences`], which lists
//! every mismatch (naming the operation and the field) instead of stopping at the first one.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use heygen_api::catalog::{self, DeclaredEndpoint};
use serde::Deserialize;

/// What a declaration must agree on with the catalog, for one operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    /// The catalog's operation name, or the declared Rust method name.
    pub name: String,
    /// The catalog group (`video`, `webhook`, ...).
    pub group: String,
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path in `{param}` style.
    pub path: String,
    /// Path parameter names, in path order.
    pub path_params: Vec<String>,
    /// Query parameter names.
    pub query_params: Vec<String>,
    /// `none`, `json` or `multipart`.
    pub body: String,
    /// Whether an `Idempotency-Key` is sent (declared) or documented (catalog).
    pub idempotent: bool,
    /// Whether the operation is cursor-paginated.
    pub paginated: bool,
}

impl Operation {
    fn route(&self) -> String {
        format!("{} {}", self.method, self.path)
    }

    /// The path with placeholder names erased, so that a renamed placeholder still pairs the
    /// declaration with its operation (and is then reported as a path difference).
    fn path_shape(&self) -> String {
        self.path
            .split('/')
            .map(|segment| {
                if segment.starts_with('{') {
                    "{}"
                } else {
                    segment
                }
            })
            .collect::<Vec<_>>()
            .join("/")
    }
}

#[derive(Deserialize)]
struct SpecOperation {
    operation: String,
    group: String,
    method: String,
    path: String,
    path_params: Vec<String>,
    query_params: Vec<SpecQueryParam>,
    body_encoding: String,
    paginated: bool,
    /// `true`, `false` or `"unknown"`; only `true` makes an operation idempotent.
    idempotency_key: serde_json::Value,
}

#[derive(Deserialize)]
struct SpecQueryParam {
    name: String,
}

/// The operations of `spec/operations.json`, then those of `spec/extra-operations.json`.
pub fn spec_operations() -> Vec<Operation> {
    let mut operations = catalog_operations();
    operations.extend(extra_operations());
    operations
}

/// The operations of `spec/operations.json`, the catalog, with the operation-level changes of
/// HeyGen's September 2026 document the generator applies (`codegen/config/september.toml`, read
/// from its JSON copy `tests/fixtures/september-overlay.json`): an `Idempotency-Key` on two batch
/// creates.
pub fn catalog_operations() -> Vec<Operation> {
    let mut operations = read_operations(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/operations.json"
    ));
    for change in overlay_changes() {
        if change.idempotency_key != Some(true) {
            continue;
        }
        for name in &change.operations {
            let operation = operations
                .iter_mut()
                .find(|op| &op.name == name)
                .unwrap_or_else(|| {
                    panic!("september.toml (fact {}): no operation {name}", change.fact)
                });
            operation.idempotent = true;
        }
    }
    operations
}

/// One change of `tests/fixtures/september-overlay.json`; only what the surface can see is read.
#[derive(Deserialize)]
struct OverlayChange {
    fact: String,
    operations: Vec<String>,
    #[serde(default)]
    idempotency_key: Option<bool>,
}

fn overlay_changes() -> Vec<OverlayChange> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/september-overlay.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {path}: {e}"))
}

/// The operations of `spec/extra-operations.json`, in the catalog's layout.
pub fn extra_operations() -> Vec<Operation> {
    read_operations(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/extra-operations.json"
    ))
}

fn read_operations(path: &str) -> Vec<Operation> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    let operations: Vec<SpecOperation> =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {path}: {e}"));
    operations
        .into_iter()
        .map(|op| Operation {
            name: op.operation,
            group: op.group,
            method: op.method,
            path: op.path,
            path_params: op.path_params,
            query_params: op.query_params.into_iter().map(|q| q.name).collect(),
            body: if op.body_encoding.is_empty() {
                "none".to_owned()
            } else {
                op.body_encoding
            },
            idempotent: op.idempotency_key == serde_json::Value::Bool(true),
            paginated: op.paginated,
        })
        .collect()
}

/// One declared endpoint as an [`Operation`].
pub fn declared_operation(endpoint: &DeclaredEndpoint) -> Operation {
    let info = endpoint.info;
    Operation {
        name: info.name.to_owned(),
        group: endpoint.group.to_owned(),
        method: info.method.as_str().to_owned(),
        path: info.openapi_path(),
        path_params: info.path_params().map(str::to_owned).collect(),
        query_params: info.query_params().map(str::to_owned).collect(),
        body: catalog::body_kind_name(info.body).to_owned(),
        idempotent: info.idempotent,
        paginated: info.paginated,
    }
}

/// Every endpoint the crate declares, as [`Operation`]s.
pub fn declared_operations() -> Vec<Operation> {
    catalog::declared_endpoints()
        .iter()
        .map(declared_operation)
        .collect()
}

/// One way a declaration departs from the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// A catalog operation no endpoint declares.
    NotDeclared { operation: String, route: String },
    /// A declared endpoint that is no catalog operation.
    NotInSpec { declared: String, route: String },
    /// Several endpoints declare one operation.
    DeclaredMoreThanOnce {
        route: String,
        declared: Vec<String>,
    },
    /// A field differs between an operation and its declaration.
    Field {
        operation: String,
        declared: String,
        route: String,
        field: &'static str,
        spec: String,
        actual: String,
    },
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Difference::NotDeclared { operation, route } => {
                write!(f, "operation `{operation}` ({route}) is not declared")
            }
            Difference::NotInSpec { declared, route } => write!(
                f,
                "`{declared}` ({route}) is declared but is not an operation of spec/operations.json \
                 or spec/extra-operations.json"
            ),
            Difference::DeclaredMoreThanOnce { route, declared } => write!(
                f,
                "{route} is declared {} times: {}",
                declared.len(),
                declared.join(", ")
            ),
            Difference::Field {
                operation,
                declared,
                route,
                field,
                spec,
                actual,
            } => write!(
                f,
                "operation `{operation}` ({route}), declared as `{declared}`: {field} is {actual} \
                 but the spec says {spec}"
            ),
        }
    }
}

/// Every difference between the catalog's operations and the declared ones.
pub fn differences(spec: &[Operation], declared: &[Operation]) -> Vec<Difference> {
    let mut found = Vec::new();

    let mut by_route: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (index, op) in declared.iter().enumerate() {
        by_route
            .entry((op.method.clone(), op.path_shape()))
            .or_default()
            .push(index);
    }
    for indices in by_route.values().filter(|indices| indices.len() > 1) {
        found.push(Difference::DeclaredMoreThanOnce {
            route: declared[indices[0]].route(),
            declared: indices.iter().map(|&i| declared[i].name.clone()).collect(),
        });
    }

    let mut paired = vec![false; declared.len()];
    let mut unpaired_spec = Vec::new();
    for op in spec {
        let key = (op.method.clone(), op.path_shape());
        match by_route.get(&key) {
            Some(indices) => {
                for &index in indices {
                    paired[index] = true;
                }
                compare(op, &declared[indices[0]], &mut found);
            }
            None => unpaired_spec.push(op),
        }
    }
    // A declaration on the right path with the wrong method is reported as a method difference
    // rather than as one missing and one unknown operation.
    for op in unpaired_spec {
        let same_path = (0..declared.len())
            .find(|&i| !paired[i] && declared[i].path_shape() == op.path_shape());
        match same_path {
            Some(index) => {
                paired[index] = true;
                compare(op, &declared[index], &mut found);
            }
            None => found.push(Difference::NotDeclared {
                operation: op.name.clone(),
                route: op.route(),
            }),
        }
    }
    for (op, _) in declared.iter().zip(&paired).filter(|(_, paired)| !**paired) {
        found.push(Difference::NotInSpec {
            declared: op.name.clone(),
            route: op.route(),
        });
    }
    found
}

fn compare(spec: &Operation, declared: &Operation, found: &mut Vec<Difference>) {
    let mut field = |name: &'static str, expected: String, actual: String| {
        if expected != actual {
            found.push(Difference::Field {
                operation: spec.name.clone(),
                declared: declared.name.clone(),
                route: spec.route(),
                field: name,
                spec: expected,
                actual,
            });
        }
    };
    field("group", quoted(&spec.group), quoted(&declared.group));
    field("method", spec.method.clone(), declared.method.clone());
    field("path", quoted(&spec.path), quoted(&declared.path));
    field(
        "path_params",
        format!("{:?}", spec.path_params),
        format!("{:?}", declared.path_params),
    );
    // The order of query parameters carries no meaning on the wire.
    field(
        "query_params",
        format!("{:?}", sorted(&spec.query_params)),
        format!("{:?}", sorted(&declared.query_params)),
    );
    field("body", quoted(&spec.body), quoted(&declared.body));
    field(
        "idempotent",
        spec.idempotent.to_string(),
        declared.idempotent.to_string(),
    );
    field(
        "paginated",
        spec.paginated.to_string(),
        declared.paginated.to_string(),
    );
}

fn quoted(text: &str) -> String {
    format!("`{text}`")
}

fn sorted(names: &[String]) -> BTreeSet<&str> {
    names.iter().map(String::as_str).collect()
}

/// `Err` with every difference, one per line, under a count.
fn check(spec: &[Operation], declared: &[Operation]) -> Result<(), String> {
    let found = differences(spec, declared);
    if found.is_empty() {
        return Ok(());
    }
    let lines: Vec<String> = found.iter().map(|d| format!("  - {d}")).collect();
    Err(format!(
        "the declared API differs from spec/operations.json and spec/extra-operations.json in {} \
         place(s):\n{}",
        found.len(),
        lines.join("\n")
    ))
}

#[test]
fn every_operation_is_declared_once_as_the_spec_says() {
    assert_eq!(catalog_operations().len(), 85, "spec/operations.json");
    assert_eq!(extra_operations().len(), 21, "spec/extra-operations.json");
    let spec = spec_operations();
    let declared = declared_operations();
    if let Err(message) = check(&spec, &declared) {
        panic!("{message}");
    }
    assert_eq!(declared.len(), 106);
}

#[test]
fn the_september_overlay_keys_the_two_batch_creates_the_catalog_left_unknown() {
    // The catalog says `"unknown"` for both; September documents an optional Idempotency-Key.
    let keyed: BTreeSet<String> = catalog_operations()
        .into_iter()
        .filter(|op| op.idempotent)
        .map(|op| op.name)
        .collect();
    assert!(keyed.contains("video_batches_create"));
    assert!(keyed.contains("asset_complete_batches_create"));
    let unpatched = read_operations(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/operations.json"
    ));
    let before = unpatched.iter().filter(|op| op.idempotent).count();
    assert_eq!(keyed.len(), before + 2);
}

#[test]
fn the_extra_operations_are_new_routes_not_catalog_ones() {
    // An extra that repeated a catalog route would pair with one declaration twice and hide a
    // missing one.
    let catalog: BTreeSet<(String, String)> = catalog_operations()
        .iter()
        .map(|op| (op.method.clone(), op.path_shape()))
        .collect();
    for op in extra_operations() {
        assert!(
            !catalog.contains(&(op.method.clone(), op.path_shape())),
            "{} is in both files",
            op.route()
        );
    }
}

#[test]
fn every_declared_method_name_is_unique_across_groups() {
    // `Client` implements every group's trait, so a name used twice would make calls ambiguous.
    let mut seen = BTreeMap::new();
    for op in declared_operations() {
        if let Some(group) = seen.insert(op.name.clone(), op.group.clone()) {
            panic!(
                "`{}` is declared in both `{group}` and `{}`",
                op.name, op.group
            );
        }
    }
}

#[test]
fn the_endpoints_listing_prints_every_declared_endpoint() {
    let listing = serde_json::to_value(catalog::declared_endpoints()).unwrap();
    let entries = listing.as_array().unwrap();
    assert_eq!(entries.len(), 106);
    let create_video = entries
        .iter()
        .find(|entry| entry["name"] == "create_video")
        .unwrap();
    assert_eq!(create_video["group"], "video");
    assert_eq!(create_video["method"], "POST");
    assert_eq!(create_video["path"], "/v3/videos");
    assert_eq!(create_video["template"], "/v3/videos");
    assert_eq!(create_video["body"], "json");
    assert_eq!(create_video["idempotent"], true);
    assert_eq!(create_video["paginated"], false);
    assert_eq!(create_video["path_params"], serde_json::json!([]));
    assert_eq!(create_video["query_params"], serde_json::json!([]));
}

mod diffing {
    use super::*;

    fn find<'a>(ops: &'a mut [Operation], name: &str) -> &'a mut Operation {
        ops.iter_mut().find(|op| op.name == name).unwrap()
    }

    fn message(spec: &[Operation], declared: &[Operation]) -> String {
        check(spec, declared).expect_err("the differences must fail the check")
    }

    #[test]
    fn identical_surfaces_have_no_difference() {
        let spec = spec_operations();
        assert_eq!(differences(&spec, &spec), []);
    }

    #[test]
    fn each_changed_field_is_named_with_its_operation() {
        let spec = spec_operations();
        let mut declared = spec.clone();
        find(&mut declared, "video_create").idempotent = false;
        find(&mut declared, "voice_list").query_params[0] = "kind".to_owned();
        find(&mut declared, "lipsync_update").method = "PUT".to_owned();
        let renamed = find(&mut declared, "asset_get");
        renamed.path = "/v3/assets/{id}".to_owned();
        renamed.path_params = vec!["id".to_owned()];
        find(&mut declared, "video_list").paginated = false;
        find(&mut declared, "asset_create").body = "json".to_owned();
        find(&mut declared, "brand_kits_list").group = "brand-kit".to_owned();

        let message = message(&spec, &declared);
        assert!(message.contains("in 8 place(s)"), "{message}");
        for expected in [
            "operation `video_create` (POST /v3/videos), declared as `video_create`: idempotent is \
             false but the spec says true",
            "operation `voice_list` (GET /v3/voices), declared as `voice_list`: query_params is \
             {\"engine\", \"gender\", \"kind\", \"language\", \"limit\", \"token\"} but the spec \
             says {\"engine\", \"gender\", \"language\", \"limit\", \"token\", \"type\"}",
            "operation `lipsync_update` (PATCH /v3/lipsyncs/{lipsync_id}), declared as \
             `lipsync_update`: method is PUT but the spec says PATCH",
            "operation `asset_get` (GET /v3/assets/{asset_id}), declared as `asset_get`: path is \
             `/v3/assets/{id}` but the spec says `/v3/assets/{asset_id}`",
            "operation `asset_get` (GET /v3/assets/{asset_id}), declared as `asset_get`: \
             path_params is [\"id\"] but the spec says [\"asset_id\"]",
            "operation `video_list` (GET /v3/videos), declared as `video_list`: paginated is false \
             but the spec says true",
            "operation `asset_create` (POST /v3/assets), declared as `asset_create`: body is \
             `json` but the spec says `multipart`",
            "operation `brand_kits_list` (GET /v3/brand-kits), declared as `brand_kits_list`: \
             group is `brand-kit` but the spec says `brand`",
        ] {
            assert!(
                message.contains(expected),
                "missing {expected:?} in:\n{message}"
            );
        }
    }

    #[test]
    fn missing_extra_and_repeated_declarations_are_named() {
        let spec = spec_operations();
        let mut declared = spec.clone();
        declared.retain(|op| op.name != "user_me_get");
        let mut copy = find(&mut declared, "video_get").clone();
        copy.name = "get_video_again".to_owned();
        declared.push(copy);
        let mut extra = find(&mut declared, "voice_get").clone();
        extra.name = "voice_preview".to_owned();
        extra.path = "/v3/voices/{voice_id}/preview".to_owned();
        declared.push(extra);

        let found = differences(&spec, &declared);
        assert_eq!(
            found,
            [
                Difference::DeclaredMoreThanOnce {
                    route: "GET /v3/videos/{video_id}".to_owned(),
                    declared: vec!["video_get".to_owned(), "get_video_again".to_owned()],
                },
                Difference::NotDeclared {
                    operation: "user_me_get".to_owned(),
                    route: "GET /v3/users/me".to_owned(),
                },
                Difference::NotInSpec {
                    declared: "voice_preview".to_owned(),
                    route: "GET /v3/voices/{voice_id}/preview".to_owned(),
                },
            ]
        );
        let message = message(&spec, &declared);
        assert!(
            message.contains(
                "GET /v3/videos/{video_id} is declared 2 times: video_get, get_video_again"
            ),
            "{message}"
        );
        assert!(
            message.contains("operation `user_me_get` (GET /v3/users/me) is not declared"),
            "{message}"
        );
        assert!(
            message.contains(
                "`voice_preview` (GET /v3/voices/{voice_id}/preview) is declared but is not an \
                 operation of spec/operations.json"
            ),
            "{message}"
        );
    }

    #[test]
    fn a_missing_or_changed_extra_operation_is_caught() {
        let spec = spec_operations();
        let mut declared = declared_operations();
        declared.retain(|op| op.name != "stream_avatar_realtime_words");
        find(&mut declared, "create_hyperframes_render").idempotent = false;
        find(&mut declared, "update_brand_kit").body = "none".to_owned();
        let found = differences(&spec, &declared);
        assert_eq!(
            found,
            [
                Difference::Field {
                    operation: "hyperframes_renders_create".to_owned(),
                    declared: "create_hyperframes_render".to_owned(),
                    route: "POST /v3/hyperframes/renders".to_owned(),
                    field: "idempotent",
                    spec: "true".to_owned(),
                    actual: "false".to_owned(),
                },
                Difference::Field {
                    operation: "brand_kits_update".to_owned(),
                    declared: "update_brand_kit".to_owned(),
                    route: "PATCH /v3/brand-kits/{brand_kit_id}".to_owned(),
                    field: "body",
                    spec: "`json`".to_owned(),
                    actual: "`none`".to_owned(),
                },
                Difference::NotDeclared {
                    operation: "avatar_realtime_words_stream".to_owned(),
                    route: "GET /v3/avatar-realtime/{stream_id}/words".to_owned(),
                },
            ]
        );
    }

    #[test]
    fn a_real_declaration_with_a_flipped_flag_is_caught() {
        let spec = spec_operations();
        let mut declared = declared_operations();
        let rotate = find(&mut declared, "rotate_webhook_secret");
        rotate.idempotent = false;
        let found = differences(&spec, &declared);
        assert!(
            found.contains(&Difference::Field {
                operation: "webhook_endpoints_rotate_secret".to_owned(),
                declared: "rotate_webhook_secret".to_owned(),
                route: "POST /v3/webhooks/endpoints/{endpoint_id}/rotate-secret".to_owned(),
                field: "idempotent",
                spec: "true".to_owned(),
                actual: "false".to_owned(),
            }),
            "{found:#?}"
        );
    }
}
