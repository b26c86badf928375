//! The OpenAPI document Prism serves: `spec/openapi.json` (the catalog's 85 operations) with the
//! 21 operations of `spec/extra-operations.json` assembled into it.
//!
//! Each extra operation becomes a path item in `openapi.json`'s own layout: its path and query
//! parameters, the shared `Idempotency-Key` parameter when it takes one, its request body, its
//! success status with its schema and content type, one response per documented error status
//! (the shared `StandardAPIError` envelope, the shared `IdempotencyInProgress` for a 409 of a keyed
//! operation, a `Retry-After` header on 429), and the document's two security schemes. The
//! schemas are the facts' own, limits and `additionalProperties: false` included, so Prism holds
//! requests to the September limits.
//!
//! One marker of the facts is read as they describe it: a recursive schema is inlined one level
//! deep there, its deeper level a permissive object marked `x-recursive-ref: "Name"` ("same shape
//! as the enclosing Name"). Here the enclosing schema becomes `components/schemas/Name` and the
//! marked object a `$ref` to it, so Prism holds every level to the one shape.
//!
//! Both vendored files are read, never edited: the assembled document is written under the
//! test's target directory.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::{Map, Value, json};

fn workspace_file(relative: &str) -> Value {
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).join(relative);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()))
}

/// The assembled document's path, written once per test binary.
pub fn path() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("heygen-openapi-with-extras.json");
        let text = serde_json::to_string_pretty(&assembled()).expect("a JSON document");
        // Written under a unique name and renamed, so that a test binary running beside this one
        // never reads a half-written file.
        let partial = path.with_extension(format!("{}.partial", std::process::id()));
        std::fs::write(&partial, text)
            .unwrap_or_else(|e| panic!("writing {}: {e}", partial.display()));
        std::fs::rename(&partial, &path)
            .unwrap_or_else(|e| panic!("renaming to {}: {e}", path.display()));
        path
    })
}

/// `spec/openapi.json` with the extra operations added to its `paths`.
pub fn assembled() -> Value {
    let mut document = workspace_file("spec/openapi.json");
    let Value::Array(extras) = workspace_file("spec/extra-operations.json") else {
        panic!("spec/extra-operations.json is not an array");
    };
    let paths = document["paths"]
        .as_object_mut()
        .expect("openapi.json has paths");
    for extra in &extras {
        let path = extra["path"].as_str().expect("an operation's path");
        let method = extra["method"]
            .as_str()
            .expect("an operation's method")
            .to_ascii_lowercase();
        let item = paths
            .entry(path)
            .or_insert_with(|| Value::Object(Map::new()));
        let item = item.as_object_mut().expect("a path item is an object");
        assert!(
            !item.contains_key(&method),
            "{} {path} is in both openapi.json and extra-operations.json",
            method.to_ascii_uppercase()
        );
        item.insert(method, operation(extra));
    }
    resolve_recursive_refs(&mut document);
    document
}

/// Replaces each object marked `x-recursive-ref: "Name"` by a `$ref` to `components/schemas/Name`,
/// which becomes the nearest enclosing schema of the same required properties (the schema the
/// marker stands for), with its own marked object replaced the same way.
fn resolve_recursive_refs(document: &mut Value) {
    let mut marked = Vec::new();
    find_marked(document, String::new(), &mut marked);
    for (pointer, name) in marked {
        let reference = json!({"$ref": format!("#/components/schemas/{name}")});
        let required = document.pointer(&pointer).unwrap()["required"].clone();
        // The enclosing schemas, nearest first: every object on the way up that has properties.
        let mut enclosing = pointer.as_str();
        let target = loop {
            enclosing = match enclosing.rfind('/') {
                Some(cut) => &enclosing[..cut],
                None => panic!("`x-recursive-ref: {name}` at {pointer}: no enclosing schema"),
            };
            let candidate = document.pointer(enclosing).unwrap();
            if candidate.get("properties").is_some() && candidate["required"] == required {
                break enclosing.to_owned();
            }
        };
        let mut schema = document.pointer(&target).unwrap().clone();
        *schema.pointer_mut(&pointer[target.len()..]).unwrap() = reference.clone();
        let schemas = document["components"]["schemas"]
            .as_object_mut()
            .expect("openapi.json has component schemas");
        match schemas.get(&name) {
            Some(existing) => assert_eq!(existing, &schema, "two schemas named {name}"),
            None => {
                schemas.insert(name, schema);
            }
        }
        *document.pointer_mut(&pointer).unwrap() = reference;
    }
}

fn find_marked(value: &Value, pointer: String, found: &mut Vec<(String, String)>) {
    match value {
        Value::Object(object) => {
            if let Some(name) = object.get("x-recursive-ref").and_then(Value::as_str) {
                found.push((pointer.clone(), name.to_owned()));
            }
            for (key, child) in object {
                let key = key.replace('~', "~0").replace('/', "~1");
                find_marked(child, format!("{pointer}/{key}"), found);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                find_marked(child, format!("{pointer}/{index}"), found);
            }
        }
        _ => {}
    }
}

/// One extra operation as an OpenAPI operation object.
fn operation(extra: &Value) -> Value {
    let name = extra["operation"].as_str().expect("an operation name");
    let mut parameters: Vec<Value> = extra["path_params"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|param| {
            json!({
                "name": param,
                "in": "path",
                "required": true,
                "schema": {"type": "string"}
            })
        })
        .collect();
    parameters.extend(
        extra["query_params"]
            .as_array()
            .into_iter()
            .flatten()
            .map(query_parameter),
    );
    let idempotent = extra["idempotency_key"] == Value::Bool(true);
    if idempotent {
        parameters.push(json!({"$ref": "#/components/parameters/IdempotencyKey"}));
    }
    let mut operation = json!({
        "operationId": name,
        "tags": [extra["tag"]],
        "summary": extra["summary"],
        "description": extra["description"],
        "parameters": parameters,
        "responses": responses(extra, idempotent),
        "security": [{"ApiKeyAuth": []}, {"BearerAuth": []}]
    });
    match extra["body_encoding"].as_str() {
        Some("json") => {
            operation["requestBody"] = json!({
                "required": true,
                "content": {"application/json": {"schema": extra["request_schema"]}}
            });
        }
        Some("") | None => {}
        Some(other) => panic!("`{name}`: body encoding {other:?} is not assembled"),
    }
    operation
}

fn query_parameter(param: &Value) -> Value {
    let mut schema = Map::new();
    let kind = match param["type"].as_str() {
        Some("int") => "integer",
        Some("float") | Some("number") => "number",
        Some("bool") => "boolean",
        _ => "string",
    };
    schema.insert("type".into(), kind.into());
    for (fact, keyword) in [
        ("min", "minimum"),
        ("max", "maximum"),
        ("enum", "enum"),
        ("default", "default"),
    ] {
        if !param[fact].is_null() {
            schema.insert(keyword.into(), param[fact].clone());
        }
    }
    json!({
        "name": param["name"],
        "in": "query",
        "required": param["required"] == Value::Bool(true),
        "schema": schema
    })
}

fn responses(extra: &Value, idempotent: bool) -> Value {
    let status = extra["success_status"]
        .as_u64()
        .expect("an operation's success status");
    let content_type = extra["response_content_type"]
        .as_str()
        .unwrap_or("application/json");
    let schema = if content_type == "text/event-stream" {
        // The frames' schema is in the facts' `sse` object; the body itself is event text.
        json!({"type": "string"})
    } else {
        extra["response_schema"].clone()
    };
    let mut responses = Map::new();
    responses.insert(
        status.to_string(),
        json!({
            "description": "Successful response",
            "content": {content_type: {"schema": schema}}
        }),
    );
    // One response per documented status (several codes can share one); an error whose status
    // the facts do not state is left out.
    let mut errors: BTreeMap<u64, Vec<&str>> = BTreeMap::new();
    for error in extra["errors"].as_array().into_iter().flatten() {
        if let Some(status) = error["status"].as_u64() {
            let codes = errors.entry(status).or_default();
            if let Some(code) = error["code"].as_str() {
                codes.push(code);
            }
        }
    }
    for (status, codes) in errors {
        let response = if status == 409 && idempotent && codes == ["request_in_progress"] {
            json!({"$ref": "#/components/responses/IdempotencyInProgress"})
        } else {
            let mut response = json!({
                "description": if codes.is_empty() {
                    "Error".to_owned()
                } else {
                    codes.join(", ")
                },
                "content": {"application/json": {"schema": {
                    "type": "object",
                    "properties": {"error": {"$ref": "#/components/schemas/StandardAPIError"}}
                }}}
            });
            if status == 429 {
                response["headers"] = json!({"Retry-After": {
                    "description": "Seconds to wait before retrying",
                    "schema": {"type": "integer"}
                }});
            }
            response
        };
        responses.insert(status.to_string(), response);
    }
    Value::Object(responses)
}

#[test]
fn the_assembled_document_has_every_operation_of_both_files_once() {
    let document = assembled();
    let mut ids: Vec<&str> = document["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .map(|operation| operation["operationId"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 106);
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 106, "an operationId is repeated");
    let create = &document["paths"]["/v3/hyperframes/renders"]["post"];
    assert_eq!(
        create["parameters"][0]["$ref"],
        "#/components/parameters/IdempotencyKey"
    );
    assert!(create["responses"]["202"].is_object(), "{create}");
    assert_eq!(
        create["responses"]["409"]["$ref"],
        "#/components/responses/IdempotencyInProgress"
    );
    let list = &document["paths"]["/v3/hyperframes/renders"]["get"];
    assert_eq!(list["parameters"][0]["schema"]["maximum"], 100);
}

#[test]
fn a_recursive_marker_becomes_a_reference_to_the_schema_it_names() {
    let document = assembled();
    let container = &document["components"]["schemas"]["ContainerElement"];
    let nested = &container["properties"]["children"]["items"]["anyOf"];
    assert_eq!(nested[4]["$ref"], "#/components/schemas/ContainerElement");
    assert_eq!(container["required"], json!(["id", "type"]));
    let scenes = &document["paths"]["/v3/videos/{video_id}/scenes"]["get"]["responses"]["200"];
    let top = &scenes["content"]["application/json"]["schema"]["properties"]["data"]["properties"]
        ["scenes"]["items"]["properties"]["elements"]["items"]["anyOf"][4];
    assert_eq!(
        top["properties"]["children"]["items"]["anyOf"][4]["$ref"],
        "#/components/schemas/ContainerElement"
    );
    assert!(
        !serde_json::to_string(&document)
            .unwrap()
            .contains("x-recursive-ref")
    );
}
