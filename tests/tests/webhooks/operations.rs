//! The seven declared webhook operations on the wire: method, path, query, headers and body sent,
//! and the answer decoded.

use futures::TryStreamExt;
use heygen_api::webhooks::{
    CreateWebhookEndpointRequest, DeletedWebhookEndpoint, ListWebhookEndpointsQuery,
    ListWebhookEventsQuery, UpdateWebhookEndpointRequest, WebhookEndpointStatus, WebhookEventType,
    WebhooksApi,
};
use heygen_api::{Client, ErrorCode, IdempotencyKey, RetryPolicy, idempotency_key};
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const API_KEY: &str = "hg_wire_test_key";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

/// A server answering every request with `status` and `body`.
async fn answering(status: u16, body: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(
            ResponseTemplate::new(status)
                .insert_header("x-request-id", "req_wire_1")
                .set_body_json(body),
        )
        .mount(&server)
        .await;
    server
}

/// The one request the server received.
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

/// Asserts what every request carries, and that no `Idempotency-Key` is sent unless expected.
fn assert_common(request: &Request, method: &str, path: &str, idempotent: bool) {
    assert_eq!(request.method.as_str(), method);
    assert_eq!(request.url.path(), path);
    assert_eq!(header(request, "x-api-key"), Some(API_KEY));
    assert_eq!(header(request, "authorization"), None);
    assert_eq!(
        header(request, "idempotency-key").is_some(),
        idempotent,
        "Idempotency-Key presence"
    );
}

/// The decoded query parameters, sorted by name (their order carries no meaning).
fn query_pairs(request: &Request) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    pairs.sort();
    pairs
}

fn endpoint_json(id: &str, secret: Option<&str>) -> Value {
    let mut endpoint = json!({
        "endpoint_id": id,
        "url": "https://example.com/hook",
        "status": "enabled",
        "created_at": "2026-07-01T10:00:00Z",
        "events": ["avatar_video.success", "avatar_video.fail"],
    });
    if let Some(secret) = secret {
        endpoint["secret"] = json!(secret);
    }
    endpoint
}

#[tokio::test]
async fn list_webhook_endpoints_sends_limit_and_token_and_decodes_the_page() {
    let server = answering(
        200,
        json!({
            "data": [endpoint_json("ep_1", None), {
                "endpoint_id": "ep_2",
                "url": "https://example.com/all",
                "status": "disabled",
                "created_at": "2026-07-02T10:00:00Z",
                "events": null,
                "secret": null,
            }],
            "has_more": true,
            "next_token": "tok_3",
        }),
    )
    .await;
    let page = client(&server)
        .list_webhook_endpoints(&ListWebhookEndpointsQuery::new().limit(2).token("tok_1"))
        .await
        .unwrap();

    let request = only_request(&server).await;
    assert_common(&request, "GET", "/v3/webhooks/endpoints", false);
    assert_eq!(
        query_pairs(&request),
        [
            ("limit".to_owned(), "2".to_owned()),
            ("token".to_owned(), "tok_1".to_owned())
        ]
    );
    assert!(request.body.is_empty());

    assert!(page.has_more);
    assert_eq!(page.next_token.as_deref(), Some("tok_3"));
    let [first, second] = &page.data[..] else {
        panic!("expected two endpoints, got {:?}", page.data)
    };
    assert_eq!(first.endpoint_id, "ep_1");
    assert_eq!(first.url, "https://example.com/hook");
    assert_eq!(first.status, WebhookEndpointStatus::Enabled);
    assert_eq!(first.created_at, "2026-07-01T10:00:00Z");
    assert_eq!(
        first.events,
        Some(vec![
            WebhookEventType::AvatarVideoSuccess,
            WebhookEventType::AvatarVideoFail
        ])
    );
    assert!(first.secret.is_none());
    assert_eq!(second.status, WebhookEndpointStatus::Disabled);
    assert_eq!(second.events, None);
    assert!(second.secret.is_none());
}

#[tokio::test]
async fn list_webhook_endpoints_sends_no_query_by_default() {
    let server = answering(
        200,
        json!({ "data": [], "has_more": false, "next_token": null }),
    )
    .await;
    let page = client(&server)
        .list_webhook_endpoints(&ListWebhookEndpointsQuery::default())
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), None);
    assert!(page.data.is_empty());
    assert!(!page.has_more);
}

#[tokio::test]
async fn create_webhook_endpoint_sends_the_body_and_the_callers_key() {
    let server = answering(
        200,
        json!({ "data": endpoint_json("ep_new", Some("whsec_created")) }),
    )
    .await;
    let request = CreateWebhookEndpointRequest::new("https://example.com/hook")
        .events([
            WebhookEventType::AvatarVideoSuccess,
            WebhookEventType::AvatarVideoFail,
        ])
        .entity_id("project_1");
    let created = client(&server)
        .create_webhook_endpoint(&request, Some(idempotency_key!("create-hook-1")))
        .await
        .unwrap();

    let sent = only_request(&server).await;
    assert_common(&sent, "POST", "/v3/webhooks/endpoints", true);
    assert_eq!(header(&sent, "idempotency-key"), Some("create-hook-1"));
    assert_eq!(sent.url.query(), None);
    assert_eq!(header(&sent, "content-type"), Some("application/json"));
    assert_eq!(
        sent.body_json::<Value>().unwrap(),
        json!({
            "url": "https://example.com/hook",
            "events": ["avatar_video.success", "avatar_video.fail"],
            "entity_id": "project_1",
        })
    );

    assert_eq!(created.endpoint_id, "ep_new");
    assert_eq!(created.secret.unwrap().expose_secret(), "whsec_created");
}

#[tokio::test]
async fn create_webhook_endpoint_omits_unset_fields_and_generates_a_key() {
    let server = answering(
        200,
        json!({ "data": endpoint_json("ep_new", Some("whsec_x")) }),
    )
    .await;
    client(&server)
        .create_webhook_endpoint(
            &CreateWebhookEndpointRequest::new("https://example.com/hook"),
            None,
        )
        .await
        .unwrap();

    let sent = only_request(&server).await;
    assert_eq!(
        sent.body_json::<Value>().unwrap(),
        json!({ "url": "https://example.com/hook" })
    );
    let key = header(&sent, "idempotency-key").unwrap();
    let uuid = uuid::Uuid::parse_str(key).unwrap();
    assert_eq!(uuid.get_version_num(), 4);
}

#[tokio::test]
async fn update_webhook_endpoint_patches_only_what_is_set() {
    let server = answering(200, json!({ "data": endpoint_json("ep_1", None) })).await;
    let update = UpdateWebhookEndpointRequest::new().events([WebhookEventType::BatchFinished]);
    let updated = client(&server)
        .update_webhook_endpoint("ep_1", &update)
        .await
        .unwrap();

    let sent = only_request(&server).await;
    assert_common(&sent, "PATCH", "/v3/webhooks/endpoints/ep_1", false);
    assert_eq!(
        sent.body_json::<Value>().unwrap(),
        json!({ "events": ["batch.finished"] })
    );
    assert_eq!(updated.endpoint_id, "ep_1");
}

#[tokio::test]
async fn update_webhook_endpoint_can_move_the_url() {
    let server = answering(200, json!({ "data": endpoint_json("ep_1", None) })).await;
    let update = UpdateWebhookEndpointRequest::new().url("https://example.com/new");
    client(&server)
        .update_webhook_endpoint("ep_1", &update)
        .await
        .unwrap();
    let sent = only_request(&server).await;
    assert_eq!(
        sent.body_json::<Value>().unwrap(),
        json!({ "url": "https://example.com/new" })
    );
}

#[tokio::test]
async fn delete_webhook_endpoint_sends_no_body() {
    let server = answering(200, json!({ "data": {} })).await;
    let deleted = client(&server)
        .delete_webhook_endpoint("ep_1")
        .await
        .unwrap();

    let sent = only_request(&server).await;
    assert_common(&sent, "DELETE", "/v3/webhooks/endpoints/ep_1", false);
    assert_eq!(sent.url.query(), None);
    assert!(sent.body.is_empty());
    assert_eq!(deleted, DeletedWebhookEndpoint::default());
}

#[tokio::test]
async fn rotate_webhook_secret_posts_without_a_body_and_with_the_key() {
    let server = answering(
        200,
        json!({ "data": { "endpoint_id": "ep_1", "secret": "whsec_new_abc123def456" } }),
    )
    .await;
    let key = IdempotencyKey::new("rotate-ep_1-2026-07").unwrap();
    let rotated = client(&server)
        .rotate_webhook_secret("ep_1", Some(key))
        .await
        .unwrap();

    let sent = only_request(&server).await;
    assert_common(
        &sent,
        "POST",
        "/v3/webhooks/endpoints/ep_1/rotate-secret",
        true,
    );
    assert_eq!(
        header(&sent, "idempotency-key"),
        Some("rotate-ep_1-2026-07")
    );
    assert!(sent.body.is_empty());
    assert_eq!(rotated.endpoint_id, "ep_1");
    assert_eq!(rotated.secret.expose_secret(), "whsec_new_abc123def456");
}

#[tokio::test]
async fn list_webhook_event_types_decodes_every_item_keeping_unknown_types() {
    let server = answering(
        200,
        json!({
            "data": [
                { "event_type": "avatar_video.success", "description": "An avatar video finished." },
                { "event_type": "hologram.success", "description": "Something new." },
            ],
            "has_more": false,
            "next_token": null,
        }),
    )
    .await;
    let types = client(&server).list_webhook_event_types().await.unwrap();

    let sent = only_request(&server).await;
    assert_common(&sent, "GET", "/v3/webhooks/event-types", false);
    assert_eq!(sent.url.query(), None);
    assert_eq!(types.len(), 2);
    assert_eq!(types[0].event_type, WebhookEventType::AvatarVideoSuccess);
    assert_eq!(types[0].description, "An avatar video finished.");
    assert_eq!(
        types[1].event_type,
        WebhookEventType::Unknown("hologram.success".into())
    );
}

#[tokio::test]
async fn list_webhook_events_sends_every_filter_and_decodes_the_events() {
    let server = answering(
        200,
        json!({
            "data": [{
                "event_id": "evt_1",
                "event_type": "video_agent.success",
                "event_data": { "video_id": "v_1", "duration": 12.5 },
                "created_at": "2026-07-03T08:00:00Z",
            }],
            "has_more": false,
            "next_token": null,
        }),
    )
    .await;
    let query = ListWebhookEventsQuery::new()
        .event_type(WebhookEventType::VideoAgentSuccess)
        .entity_id("project 1/a")
        .limit(5)
        .token("tok_9");
    let page = client(&server).list_webhook_events(&query).await.unwrap();

    let sent = only_request(&server).await;
    assert_common(&sent, "GET", "/v3/webhooks/events", false);
    assert_eq!(
        query_pairs(&sent),
        [
            ("entity_id".to_owned(), "project 1/a".to_owned()),
            ("event_type".to_owned(), "video_agent.success".to_owned()),
            ("limit".to_owned(), "5".to_owned()),
            ("token".to_owned(), "tok_9".to_owned()),
        ]
    );
    let event = &page.data[0];
    assert_eq!(event.event_id, "evt_1");
    assert_eq!(event.event_type, WebhookEventType::VideoAgentSuccess);
    assert_eq!(event.event_data["video_id"], "v_1");
    assert_eq!(event.event_data["duration"], 12.5);
    assert_eq!(event.created_at, "2026-07-03T08:00:00Z");
}

#[tokio::test]
async fn list_webhook_events_stream_follows_next_token_and_keeps_the_filters() {
    let server = MockServer::start().await;
    let event = |id: &str| {
        json!({
            "event_id": id,
            "event_type": "batch.finished",
            "event_data": {},
            "created_at": "2026-07-03T08:00:00Z",
        })
    };
    Mock::given(method("GET"))
        .and(path("/v3/webhooks/events"))
        .and(query_param_is_missing("token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [event("evt_1"), event("evt_2")],
            "has_more": true,
            "next_token": "page_2",
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v3/webhooks/events"))
        .and(query_param("token", "page_2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [event("evt_3")],
            "has_more": false,
            "next_token": null,
        })))
        .expect(1)
        .mount(&server)
        .await;

    let query = ListWebhookEventsQuery::new()
        .event_type(WebhookEventType::BatchFinished)
        .limit(2);
    let ids: Vec<String> = client(&server)
        .list_webhook_events_stream(&query)
        .map_ok(|event| event.event_id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, ["evt_1", "evt_2", "evt_3"]);

    let requests = server.received_requests().await.unwrap();
    let sent: Vec<Vec<(String, String)>> = requests.iter().map(query_pairs).collect();
    let pair = |name: &str, value: &str| (name.to_owned(), value.to_owned());
    assert_eq!(
        sent,
        [
            vec![pair("event_type", "batch.finished"), pair("limit", "2")],
            vec![
                pair("event_type", "batch.finished"),
                pair("limit", "2"),
                pair("token", "page_2")
            ],
        ]
    );
}

#[tokio::test]
async fn an_unknown_endpoint_is_a_typed_webhook_not_found_error() {
    let server = answering(
        404,
        json!({ "error": {
            "code": "webhook_not_found",
            "message": "Webhook endpoint not found.",
            "param": null,
            "doc_url": null,
        }}),
    )
    .await;
    let error = client(&server)
        .rotate_webhook_secret("ep_gone", Some(idempotency_key!("rotate-gone")))
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(error.code(), Some(&ErrorCode::WebhookNotFound));
    assert_eq!(error.request_id(), Some("req_wire_1"));
    assert_eq!(
        error.idempotency_key().map(IdempotencyKey::as_str),
        Some("rotate-gone")
    );
}

#[test]
fn the_declared_operations_match_the_webhook_group_of_the_spec() {
    let spec_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/operations.json");
    let spec: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(spec_path).unwrap()).unwrap();
    let mut expected: Vec<(String, String, Vec<String>, bool, bool, String)> = spec
        .iter()
        .filter(|operation| operation["group"] == "webhook")
        .map(|operation| {
            let query = operation["query_params"]
                .as_array()
                .unwrap()
                .iter()
                .map(|param| param["name"].as_str().unwrap().to_owned())
                .collect();
            (
                operation["method"].as_str().unwrap().to_owned(),
                operation["path"].as_str().unwrap().to_owned(),
                query,
                operation["idempotency_key"] == true,
                operation["paginated"] == true,
                operation["body_encoding"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let mut declared: Vec<_> = <Client as WebhooksApi>::ENDPOINTS
        .iter()
        .map(|info| {
            let body = match info.body {
                heygen_api::endpoint::BodyKind::None => "",
                heygen_api::endpoint::BodyKind::Json => "json",
                heygen_api::endpoint::BodyKind::Multipart => "multipart",
                heygen_api::endpoint::BodyKind::Form => "form",
            };
            (
                info.method.as_str().to_owned(),
                info.openapi_path(),
                info.query_params().map(str::to_owned).collect::<Vec<_>>(),
                info.idempotent,
                info.paginated,
                body.to_owned(),
            )
        })
        .collect();
    expected.sort();
    declared.sort();
    assert_eq!(declared.len(), 7);
    assert_eq!(declared, expected);

    let names: Vec<&str> = <Client as WebhooksApi>::ENDPOINTS
        .iter()
        .map(|info| info.name)
        .collect();
    assert_eq!(
        names,
        [
            "list_webhook_endpoints",
            "create_webhook_endpoint",
            "update_webhook_endpoint",
            "delete_webhook_endpoint",
            "rotate_webhook_secret",
            "list_webhook_event_types",
            "list_webhook_events",
        ]
    );
}
