//! The checks every generated models test runs: decoding the fixtures of one operation into its
//! declared types and encoding them back.
//!
//! Written by hand, not generated; the tests that call it are in `main.rs` (generated).

use std::path::Path;

use heygen_api::Paginated;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

const CASES: [&str; 2] = ["maximal", "minimal"];

fn fixture(operation: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/examples")
        .join(format!("{operation}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The value with every `null` object member removed, as an unset optional field is not serialized.
fn without_nulls(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

/// Decodes `example` as `T`, checks that encoding gives it back, and that a field the API might add
/// later does not break decoding.
fn round_trip<T: DeserializeOwned + Serialize>(what: &str, example: &Value) -> T {
    let decoded: T = serde_json::from_value(example.clone())
        .unwrap_or_else(|e| panic!("{what}: does not decode: {e}\n{example:#}"));
    let encoded =
        serde_json::to_value(&decoded).unwrap_or_else(|e| panic!("{what}: does not encode: {e}"));
    assert_eq!(
        encoded,
        without_nulls(example),
        "{what}: decoding then encoding changed the example"
    );
    if let Value::Object(map) = example {
        let mut extended = map.clone();
        extended.insert("field_added_later".into(), Value::from("ignored"));
        serde_json::from_value::<T>(Value::Object(extended))
            .unwrap_or_else(|e| panic!("{what}: an unknown field breaks decoding: {e}"));
    }
    decoded
}

/// A server-sent-events operation: each example is the `data` of one event, decoded as `T`.
pub fn event<T: DeserializeOwned + Serialize>(operation: &str) {
    let fixture = fixture(operation);
    for case in CASES {
        round_trip::<T>(
            &format!("{operation} {case} event"),
            &fixture["response"][case],
        );
    }
}

/// A non-paginated operation: the body is `{"data": T}`. As in the client, a body without `data`
/// decodes only into an `Option` (as `None`).
pub fn data<T: DeserializeOwned + Serialize>(operation: &str) {
    let fixture = fixture(operation);
    for case in CASES {
        round_trip::<T>(
            &format!("{operation} {case} response"),
            &fixture["response"][case]["data"],
        );
    }
}

/// A list operation: the whole body decodes as `Page<T>`.
pub fn page<T: DeserializeOwned + Serialize + Send + 'static>(operation: &str) {
    let fixture = fixture(operation);
    for case in CASES {
        let body = &fixture["response"][case];
        let what = format!("{operation} {case} page");
        let page: heygen_api::Page<T> = serde_json::from_value(body.clone())
            .unwrap_or_else(|e| panic!("{what}: does not decode: {e}\n{body:#}"));
        assert_eq!(
            page.has_more(),
            body["has_more"].as_bool().unwrap(),
            "{what}: has_more"
        );
        assert_eq!(
            page.next_token(),
            body["next_token"].as_str(),
            "{what}: next_token"
        );
        let items = body["data"].as_array().unwrap();
        assert_eq!(page.into_items().len(), items.len(), "{what}: items");
        for (i, item) in items.iter().enumerate() {
            round_trip::<T>(&format!("{what} item {i}"), item);
        }
    }
}

/// A batch read: the cursor sits inside `data`, next to the items.
pub fn batch_page(operation: &str) {
    let fixture = fixture(operation);
    for case in CASES {
        let body = &fixture["response"][case];
        let what = format!("{operation} {case} batch page");
        let page: heygen_api::common::BatchPage = round_trip(&what, body);
        assert_eq!(
            page.has_more(),
            body["data"]["has_more"].as_bool().unwrap(),
            "{what}: has_more"
        );
        assert_eq!(
            page.next_token(),
            body["data"]["next_token"].as_str(),
            "{what}: next_token"
        );
        let items = page.into_items();
        assert_eq!(
            items.len(),
            body["data"]["items"].as_array().unwrap().len(),
            "{what}: items"
        );
    }
}

/// A JSON request body: every example (one per variant of a union body) survives decoding and
/// encoding, so the encoded body carries exactly the keys of the example, the required ones included.
pub fn request<T: DeserializeOwned + Serialize>(operation: &str) {
    let fixture = fixture(operation);
    for case in CASES {
        let examples = fixture["request"][case].as_array().unwrap();
        assert!(
            !examples.is_empty(),
            "{operation}: no {case} request example"
        );
        for (i, example) in examples.iter().enumerate() {
            round_trip::<T>(&format!("{operation} {case} request {i}"), example);
        }
    }
}
