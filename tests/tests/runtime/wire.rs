//! Exactly what goes on the wire for each kind of declaration, and what comes back.

use heygen_api::{Client, IdempotencyKey, idempotency_key};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::api::{NewThing, SearchQuery, Thing, Things};
use crate::support::{API_KEY, builder, client};

fn thing(id: &str) -> serde_json::Value {
    json!({"data": {"id": id, "name": "demo"}})
}

fn answer(body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers
        .get(name)
        .map(|value| value.to_str().unwrap())
}

#[tokio::test]
async fn get_sends_method_path_and_default_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v3/things/t-1"))
        .respond_with(answer(thing("t-1")))
        .mount(&server)
        .await;

    let got = client(&server).get_thing("t-1").await.unwrap();

    assert_eq!(
        got,
        Thing {
            id: "t-1".into(),
            name: "demo".into()
        }
    );
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), "/v3/things/t-1");
    assert_eq!(request.url.query(), None);
    assert_eq!(header(&request, "x-api-key"), Some(API_KEY));
    assert_eq!(header(&request, "authorization"), None);
    assert_eq!(
        header(&request, "user-agent"),
        Some(concat!("heygen-rs/", env!("CARGO_PKG_VERSION")))
    );
    assert_eq!(header(&request, "accept"), Some("application/json"));
    assert_eq!(header(&request, "idempotency-key"), None);
    assert_eq!(header(&request, "content-type"), None);
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn bearer_token_replaces_the_api_key_and_user_agent_is_configurable() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(answer(thing("t-1")))
        .mount(&server)
        .await;
    let client = Client::builder()
        .bearer_token("oauth-token-9")
        .base_url(server.uri())
        .user_agent("my-app/2.0")
        .build()
        .unwrap();

    client.get_thing("t-1").await.unwrap();

    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "authorization"),
        Some("Bearer oauth-token-9")
    );
    assert_eq!(header(&request, "x-api-key"), None);
    assert_eq!(header(&request, "user-agent"), Some("my-app/2.0"));
}

#[tokio::test]
async fn base_url_path_prefix_is_kept() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(answer(thing("t-1")))
        .mount(&server)
        .await;
    let client = builder(&format!("{}/proxy/", server.uri()))
        .build()
        .unwrap();

    client.get_thing("t-1").await.unwrap();

    assert_eq!(
        only_request(&server).await.url.path(),
        "/proxy/v3/things/t-1"
    );
}

#[tokio::test]
async fn query_arguments_are_named_after_the_argument_and_none_is_omitted() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v3/things"))
        .respond_with(answer(json!({"data": [], "has_more": false})))
        .mount(&server)
        .await;
    let client = client(&server);

    client.list_things(Some(20), Some("cur sor")).await.unwrap();
    client.list_things(None, None).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.query(), Some("limit=20&token=cur+sor"));
    assert_eq!(requests[1].url.query(), None);
}

#[tokio::test]
async fn flattened_query_struct_sends_each_field_and_repeats_sequences() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v3/search"))
        .respond_with(answer(json!({"data": [{"id": "a", "name": "x"}]})))
        .mount(&server)
        .await;
    let query = SearchQuery {
        name: Some("a&b".into()),
        tags: vec!["red".into(), "blue".into()],
        limit: Some(5),
    };

    let found = client(&server).search_things(&query).await.unwrap();

    assert_eq!(found.len(), 1);
    let request = only_request(&server).await;
    assert_eq!(
        request.url.query(),
        Some("name=a%26b&tags=red&tags=blue&limit=5")
    );
}

#[tokio::test]
async fn json_body_is_sent_with_its_content_type_and_no_key_on_plain_post() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/things"))
        .respond_with(ResponseTemplate::new(201).set_body_json(thing("new")))
        .mount(&server)
        .await;
    let body = NewThing {
        name: "café \"quoted\"".into(),
    };

    let created = client(&server).create_thing(&body).await.unwrap();

    assert_eq!(created.id, "new");
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(header(&request, "content-type"), Some("application/json"));
    assert_eq!(header(&request, "idempotency-key"), None);
    assert_eq!(
        String::from_utf8(request.body).unwrap(),
        r#"{"name":"café \"quoted\""}"#
    );
}

#[tokio::test]
async fn idempotent_endpoints_send_the_callers_key_or_a_fresh_uuid() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(202).set_body_json(thing("copy")))
        .mount(&server)
        .await;
    let client = client(&server);
    let body = NewThing { name: "c".into() };

    client
        .copy_thing("t-1", &body, Some(idempotency_key!("copy-t-1:v1")))
        .await
        .unwrap();
    client.copy_thing("t-1", &body, None).await.unwrap();
    client.copy_thing("t-1", &body, None).await.unwrap();
    client.reset_thing("t-1").await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/v3/things/t-1/copies");
    assert_eq!(header(&requests[0], "idempotency-key"), Some("copy-t-1:v1"));
    let generated: Vec<&str> = requests[1..]
        .iter()
        .map(|request| header(request, "idempotency-key").unwrap())
        .collect();
    for key in &generated {
        let uuid = uuid::Uuid::parse_str(key).unwrap();
        assert_eq!(uuid.get_version_num(), 4, "{key}");
        // The hyphenated, lowercase form.
        assert_eq!(*key, uuid.hyphenated().to_string(), "{key}");
    }
    assert_ne!(generated[0], generated[1]);
    // A keyed POST without a body still says its length.
    assert_eq!(requests[3].url.path(), "/v3/things/t-1/reset");
    assert_eq!(header(&requests[3], "content-length"), Some("0"));
    assert!(requests[3].body.is_empty());
}

#[test]
fn keys_made_as_a_literal_or_at_run_time_are_equal_as_their_text() {
    use std::collections::HashSet;

    const LITERAL: IdempotencyKey = idempotency_key!("order-42:v1");
    let made = IdempotencyKey::new("order-42:v1").unwrap();
    let copied = made.clone();
    assert_eq!(LITERAL, made);
    assert_eq!(made, copied);
    assert_eq!(LITERAL.cmp(&made), std::cmp::Ordering::Equal);
    let set: HashSet<IdempotencyKey> = [LITERAL, made, copied].into_iter().collect();
    assert_eq!(set.len(), 1, "one key, whichever way it was made");
    let later = IdempotencyKey::new("order-43").unwrap();
    assert!(idempotency_key!("order-42:v1") < later);
    assert_ne!(later, idempotency_key!("order-42:v1"));
}

#[tokio::test]
async fn put_patch_and_delete_use_their_methods() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(answer(thing("t-1")))
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .respond_with(answer(thing("t-1")))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(answer(json!({"data": {"id": "t-1", "deleted": true}})))
        .mount(&server)
        .await;
    let client = client(&server);
    let body = NewThing { name: "n".into() };

    client.replace_thing("t-1", &body).await.unwrap();
    client.rename_thing("t-1", &body).await.unwrap();
    let deleted = client.delete_thing("t-1").await.unwrap();

    assert!(deleted.deleted);
    let requests = server.received_requests().await.unwrap();
    let seen: Vec<(&str, &str, &[u8])> = requests
        .iter()
        .map(|r| (r.method.as_str(), r.url.path(), r.body.as_slice()))
        .collect();
    assert_eq!(
        seen,
        [
            ("PUT", "/v3/things/t-1", &br#"{"name":"n"}"#[..]),
            ("PATCH", "/v3/things/t-1", &br#"{"name":"n"}"#[..]),
            ("DELETE", "/v3/things/t-1", &b""[..]),
        ]
    );
}

#[tokio::test]
async fn non_string_path_params_are_written_as_text() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(answer(thing("9")))
        .mount(&server)
        .await;

    client(&server).get_group_thing("g 1", 9).await.unwrap();

    assert_eq!(
        only_request(&server).await.url.path(),
        "/v3/groups/g%201/things/9"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_runs_in_a_spawned_task() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/things/t-1/copies"))
        .respond_with(answer(thing("copy")))
        .mount(&server)
        .await;
    let client = client(&server);
    let key = IdempotencyKey::new("spawned-1").unwrap();

    let task = tokio::spawn(async move {
        let body = NewThing { name: "s".into() };
        client.copy_thing("t-1", &body, Some(key)).await
    });

    assert_eq!(task.await.unwrap().unwrap().id, "copy");
    assert_eq!(
        header(&only_request(&server).await, "idempotency-key"),
        Some("spawned-1")
    );
}

#[tokio::test]
async fn with_timeout_overrides_the_endpoint_timeout() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(answer(thing("s")).set_delay(std::time::Duration::from_secs(30)))
        .mount(&server)
        .await;
    let client = builder(&server.uri())
        .retry_policy(heygen_api::RetryPolicy::none())
        .build()
        .unwrap();

    let error = client
        .with_timeout(std::time::Duration::from_millis(100))
        .slow()
        .await
        .unwrap_err();

    assert_eq!(error.stage(), heygen_api::Stage::NoResponse);
    assert!(matches!(
        &error,
        heygen_api::Error::Transport(transport)
            if transport.kind() == heygen_api::TransportErrorKind::Timeout
    ));
}

#[test]
fn declared_endpoints_are_listed_as_data() {
    let names: Vec<&str> = <Client as Things>::ENDPOINTS
        .iter()
        .map(|info| info.name)
        .collect();
    assert_eq!(
        names,
        [
            "get_thing",
            "list_things",
            "search_things",
            "create_thing",
            "copy_thing",
            "reset_thing",
            "replace_thing",
            "rename_thing",
            "delete_thing",
            "get_group_thing",
            "upload",
            "slow"
        ]
    );
    let slow = <Client as Things>::ENDPOINTS.last().unwrap();
    assert_eq!(slow.timeout, Some(std::time::Duration::from_secs(1)));
    let client = Client::new("k").unwrap();
    assert_eq!(client.timeout_for(slow), std::time::Duration::from_secs(1));
}

#[tokio::test]
async fn a_redirect_is_not_followed_so_the_key_stays_home() {
    let elsewhere = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(answer(thing("stolen")))
        .mount(&elsewhere)
        .await;
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(307).insert_header(
            "location",
            format!("{}/collect?sig=s3cr3t", elsewhere.uri()).as_str(),
        ))
        .mount(&server)
        .await;

    let error = client(&server).get_thing("t-1").await.unwrap_err();

    assert_eq!(error.status().map(|s| s.as_u16()), Some(307));
    assert!(elsewhere.received_requests().await.unwrap().is_empty());
    // The error says the redirect was refused, and where it pointed.
    let shown = error.to_string();
    assert!(shown.contains("not followed"), "{shown}");
    assert!(
        shown.contains(&format!("{}/collect", elsewhere.uri())),
        "{shown}"
    );
}

#[tokio::test]
async fn a_callers_reqwest_client_builder_is_used() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(answer(thing("t-1")))
        .mount(&server)
        .await;
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-tenant", "acme".parse().unwrap());
    let http = reqwest::Client::builder().default_headers(headers);
    let client = builder(&server.uri()).http_client(http).build().unwrap();

    client.get_thing("t-1").await.unwrap();

    let request = only_request(&server).await;
    assert_eq!(header(&request, "x-tenant"), Some("acme"));
    assert_eq!(header(&request, "x-api-key"), Some(API_KEY));
}

#[test]
fn clients_futures_and_streams_can_cross_threads() {
    fn send_sync_clone<T: Send + Sync + Clone + 'static>() {}
    fn send<T: Send>(_: &T) {}
    send_sync_clone::<Client>();
    let client = Client::new("k").unwrap();
    send(&client.get_thing("t"));
    send(&client.list_things_stream(None));
}
