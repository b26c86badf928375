//! The embedded server, spoken to over plain HTTP: state, HeyGen's conventions and Idempotency-Key.

use heygen_api::webhooks::{VerifyError, WebhookEventType, WebhookVerifier, header_map_lookup};
use heygen_fake::{LocalServer, LocalServerError};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// A raw HTTP view of a running server.
struct Wire {
    http: reqwest::Client,
    base_url: String,
    api_key: String,
}

/// One answer: status, request id and JSON body.
#[derive(Debug)]
struct Answer {
    status: StatusCode,
    request_id: Option<String>,
    body: Value,
}

impl Wire {
    fn new(server: &LocalServer) -> Self {
        Wire {
            http: reqwest::Client::new(),
            base_url: server.base_url(),
            api_key: server.api_key().to_owned(),
        }
    }

    fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.base_url))
            .header("x-api-key", &self.api_key)
    }

    async fn send(request: reqwest::RequestBuilder) -> Answer {
        let response = request.send().await.unwrap();
        let status = response.status();
        let request_id = response
            .headers()
            .get("x-request-id")
            .map(|value| value.to_str().unwrap().to_owned());
        let body = response.json().await.unwrap();
        Answer {
            status,
            request_id,
            body,
        }
    }

    async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Answer {
        let mut request = self.request(method, path);
        if let Some(body) = body {
            request = request.json(&body);
        }
        Wire::send(request).await
    }

    async fn create(&self, url: &str) -> Value {
        let answer = self
            .call(
                Method::POST,
                "/v3/webhooks/endpoints",
                Some(json!({ "url": url })),
            )
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.body);
        answer.body["data"].clone()
    }

    async fn rotate(&self, endpoint_id: &str, key: &str) -> Answer {
        let path = format!("/v3/webhooks/endpoints/{endpoint_id}/rotate-secret");
        Wire::send(
            self.request(Method::POST, &path)
                .header("Idempotency-Key", key),
        )
        .await
    }
}

fn assert_error(answer: &Answer, status: StatusCode, code: &str, param: Option<&str>) {
    assert_eq!(answer.status, status, "{:?}", answer.body);
    assert_eq!(answer.body["error"]["code"], code, "{:?}", answer.body);
    assert_eq!(
        answer.body["error"]["param"],
        json!(param),
        "{:?}",
        answer.body
    );
    assert!(answer.body["error"]["message"].is_string());
    assert!(answer.body["error"]["doc_url"].is_null());
}

#[tokio::test]
async fn requests_need_the_api_key_in_either_header() {
    let server = LocalServer::builder()
        .api_key("hg_test_key")
        .start()
        .await
        .unwrap();
    let wire = Wire::new(&server);
    assert_eq!(server.api_key(), "hg_test_key");
    let url = format!("{}/v3/webhooks/event-types", server.base_url());

    let missing = Wire::send(wire.http.get(&url)).await;
    assert_error(
        &missing,
        StatusCode::UNAUTHORIZED,
        "authentication_failed",
        None,
    );
    assert!(missing.request_id.is_some());

    let wrong = Wire::send(wire.http.get(&url).header("x-api-key", "hg_test_kex")).await;
    assert_error(
        &wrong,
        StatusCode::UNAUTHORIZED,
        "authentication_failed",
        None,
    );

    let by_key = Wire::send(wire.http.get(&url).header("x-api-key", "hg_test_key")).await;
    assert_eq!(by_key.status, StatusCode::OK);
    let by_bearer = Wire::send(wire.http.get(&url).bearer_auth("hg_test_key")).await;
    assert_eq!(by_bearer.status, StatusCode::OK);
}

#[tokio::test]
async fn every_answer_has_its_own_request_id() {
    let server = LocalServer::start().await.unwrap();
    let wire = Wire::new(&server);
    let first = wire.call(Method::GET, "/v3/webhooks/endpoints", None).await;
    let second = wire.call(Method::GET, "/v3/nothing-here", None).await;
    let (first, second) = (first.request_id.unwrap(), second.request_id.unwrap());
    assert!(first.starts_with("req_"), "{first}");
    assert_ne!(first, second);
}

#[tokio::test]
async fn unknown_routes_and_methods_answer_in_heygen_shape() {
    let server = LocalServer::start().await.unwrap();
    let wire = Wire::new(&server);
    let missing = wire.call(Method::GET, "/v3/nothing-here", None).await;
    assert_error(&missing, StatusCode::NOT_FOUND, "not_found", None);
    let wrong_method = wire
        .call(Method::PUT, "/v3/webhooks/event-types", None)
        .await;
    assert_error(
        &wrong_method,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        None,
    );
}

#[tokio::test]
async fn create_returns_the_endpoint_with_a_secret_that_list_never_shows() {
    let server = LocalServer::start().await.unwrap();
    let wire = Wire::new(&server);
    let answer = wire
        .call(
            Method::POST,
            "/v3/webhooks/endpoints",
            Some(json!({
                "url": "https://example.com/hook",
                "events": ["avatar_video.success", "batch.finished"],
                "entity_id": "project_1",
            })),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    let created = &answer.body["data"];
    let endpoint_id = created["endpoint_id"].as_str().unwrap();
    assert!(endpoint_id.starts_with("ep_"));
    assert_eq!(created["url"], "https://example.com/hook");
    assert_eq!(created["status"], "enabled");
    assert_eq!(
        created["events"],
        json!(["avatar_video.success", "batch.finished"])
    );
    let secret = created["secret"].as_str().unwrap();
    assert_eq!(secret.len(), "whsec_".len() + 64);
    assert!(secret.starts_with("whsec_"));
    assert!(
        secret["whsec_".len()..]
            .bytes()
            .all(|b| b.is_ascii_hexdigit())
    );
    let created_at = created["created_at"].as_str().unwrap();
    assert_eq!(
        created_at.len(),
        "2026-07-01T00:00:00Z".len(),
        "{created_at}"
    );
    assert!(created_at.ends_with('Z'));

    let listed = wire.call(Method::GET, "/v3/webhooks/endpoints", None).await;
    assert_eq!(listed.body["data"].as_array().unwrap().len(), 1);
    let shown = &listed.body["data"][0];
    assert_eq!(shown["endpoint_id"], endpoint_id);
    assert!(shown.get("secret").is_none(), "{shown}");
    assert_eq!(listed.body["has_more"], false);
    assert!(listed.body["next_token"].is_null());
}

#[tokio::test]
async fn bad_bodies_name_the_parameter() {
    let server = LocalServer::start().await.unwrap();
    let wire = Wire::new(&server);
    let create = |body: Value| wire.call(Method::POST, "/v3/webhooks/endpoints", Some(body));

    assert_error(
        &create(json!({})).await,
        StatusCode::BAD_REQUEST,
        "invalid_parameter",
        Some("url"),
    );
    assert_error(
        &create(json!({ "url": "http://example.com/plain" })).await,
        StatusCode::BAD_REQUEST,
        "invalid_parameter",
        Some("url"),
    );
    assert_error(
        &create(json!({ "url": "https://example.com", "events": ["video.exploded"] })).await,
        StatusCode::BAD_REQUEST,
        "invalid_parameter",
        Some("events"),
    );
    assert_error(
        &create(json!({ "url": "https://example.com", "entity_id": 7 })).await,
        StatusCode::BAD_REQUEST,
        "invalid_parameter",
        Some("entity_id"),
    );
    let not_json = Wire::send(
        wire.request(Method::POST, "/v3/webhooks/endpoints")
            .body("url=https://example.com"),
    )
    .await;
    assert_error(
        &not_json,
        StatusCode::BAD_REQUEST,
        "invalid_parameter",
        None,
    );

    // Nothing was created by the rejected requests.
    let listed = wire.call(Method::GET, "/v3/webhooks/endpoints", None).await;
    assert_eq!(listed.body["data"], json!([]));
}

#[tokio::test]
async fn endpoints_are_listed_page_by_page_in_creation_order() {
    let server = LocalServer::start().await.unwrap();
    let wire = Wire::new(&server);
    let mut ids = Vec::new();
    for n in 0..5 {
        let created = wire.create(&format!("https://example.com/{n}")).await;
        ids.push(created["endpoint_id"].as_str().unwrap().to_owned());
    }

    let mut seen = Vec::new();
    let mut path = "/v3/webhooks/endpoints?limit=2".to_owned();
    let mut pages = 0;
    loop {
        let page = wire.call(Method::GET, &path, None).await;
        assert_eq!(page.status, StatusCode::OK);
        pages += 1;
        let items = page.body["data"].as_array().unwrap();
        assert_eq!(items.len(), if pages < 3 { 2 } else { 1 });
        seen.extend(
            items
                .iter()
                .map(|item| item["endpoint_id"].as_str().unwrap().to_owned()),
        );
        if page.body["has_more"] == false {
            assert!(page.body["next_token"].is_null());
            break;
        }
        let token = page.body["next_token"].as_str().unwrap();
        path = format!("/v3/webhooks/endpoints?limit=2&token={token}");
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, ids);

    let default_page = wire.call(Method::GET, "/v3/webhooks/endpoints", None).await;
    assert_eq!(default_page.body["data"].as_array().unwrap().len(), 5);
}

#[tokio::test]
async fn bad_limits_and_tokens_are_rejected() {
    let server = LocalServer::start().await.unwrap();
    let wire = Wire::new(&server);
    for query in ["limit=0", "limit=101", "limit=ten"] {
        let answer = wire
            .call(
                Method::GET,
                &format!("/v3/webhooks/endpoints?{query}"),
                None,
            )
            .await;
        assert_error(
            &answer,
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            Some("limit"),
        );
    }
    let answer = wire
        .call(Method::GET, "/v3/webhooks/events?token=made-up", None)
        .await;
    assert_error(
        &answer,
        StatusCode::BAD_REQUEST,
        "invalid_parameter",
        Some("token"),
    );
    let answer = wire
        .call(
            Method::GET,
            "/v3/webhooks/events?event_type=video.exploded",
            None,
        )
        .await;
    assert_error(
        &answer,
        StatusCode::BAD_REQUEST,
        "invalid_parameter",
        Some("event_type"),
    );
    let answer = wire
        .call(Method::GET, "/v3/webhooks/endpoints?limit=100", None)
        .await;
    assert_eq!(answer.status, StatusCode::OK);
}

#[tokio::test]
async fn update_changes_only_what_is_sent() {
    let server = LocalServer::start().await.unwrap();
    let wire = Wire::new(&server);
    let created = wire.create("https://example.com/old").await;
    let path = format!(
        "/v3/webhooks/endpoints/{}",
        created["endpoint_id"].as_str().unwrap()
    );

    let events_only = wire
        .call(
            Method::PATCH,
            &path,
            Some(json!({ "events": ["video_agent.fail"] })),
        )
        .await;
    assert_eq!(events_only.status, StatusCode::OK);
    assert_eq!(events_only.body["data"]["url"], "https://example.com/old");
    assert_eq!(
        events_only.body["data"]["events"],
        json!(["video_agent.fail"])
    );
    assert!(events_only.body["data"].get("secret").is_none());

    let url_only = wire
        .call(
            Method::PATCH,
            &path,
            Some(json!({ "url": "https://example.com/new" })),
        )
        .await;
    assert_eq!(url_only.body["data"]["url"], "https://example.com/new");
    assert_eq!(url_only.body["data"]["events"], json!(["video_agent.fail"]));

    let bad = wire
        .call(Method::PATCH, &path, Some(json!({ "url": "not a url" })))
        .await;
    assert_error(
        &bad,
        StatusCode::BAD_REQUEST,
        "invalid_parameter",
        Some("url"),
    );
}

#[tokio::test]
async fn unknown_endpoints_are_webhook_not_found() {
    let server = LocalServer::start().await.unwrap();
    let wire = Wire::new(&server);
    let path = "/v3/webhooks/endpoints/ep_missing";
    let update = wire
        .call(
            Method::PATCH,
            path,
            Some(json!({ "url": "https://example.com" })),
        )
        .await;
    assert_error(&update, StatusCode::NOT_FOUND, "webhook_not_found", None);
    let delete = wire.call(Method::DELETE, path, None).await;
    assert_error(&delete, StatusCode::NOT_FOUND, "webhook_not_found", None);
    let rotate = wire.rotate("ep_missing", "rotate-1").await;
    assert_error(&rotate, StatusCode::NOT_FOUND, "webhook_not_found", None);
}

#[tokio::test]
async fn delete_removes_the_endpoint() {
    let server = LocalServer::start().await.unwrap();
    let wire = Wire::new(&server);
    let kept = wire.create("https://example.com/kept").await;
    let gone = wire.create("https://example.com/gone").await;
    let path = format!(
        "/v3/webhooks/endpoints/{}",
        gone["endpoint_id"].as_str().unwrap()
    );

    let deleted = wire.call(Method::DELETE, &path, None).await;
    assert_eq!(deleted.status, StatusCode::OK);
    assert_eq!(deleted.body, json!({ "data": {} }));
    let again = wire.call(Method::DELETE, &path, None).await;
    assert_error(&again, StatusCode::NOT_FOUND, "webhook_not_found", None);

    let listed = wire.call(Method::GET, "/v3/webhooks/endpoints", None).await;
    let ids: Vec<&Value> = listed.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| &item["endpoint_id"])
        .collect();
    assert_eq!(ids, [&kept["endpoint_id"]]);
}

#[tokio::test]
async fn a_repeated_idempotency_key_replays_the_identical_answer() {
    let server = LocalServer::start().await.unwrap();
    let wire = Wire::new(&server);
    let endpoint = wire.create("https://example.com/hook").await;
    let other = wire.create("https://example.com/other").await;
    let id = endpoint["endpoint_id"].as_str().unwrap();

    let first = wire.rotate(id, "rotate-1").await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.body["data"]["endpoint_id"], id);
    let replay = wire.rotate(id, "rotate-1").await;
    assert_eq!(replay.status, StatusCode::OK);
    assert_eq!(replay.body, first.body);
    assert_ne!(replay.request_id, first.request_id);

    // A new key rotates again.
    let second = wire.rotate(id, "rotate-2").await;
    assert_ne!(second.body["data"]["secret"], first.body["data"]["secret"]);
    // The same key on another path parameter is independent.
    let elsewhere = wire
        .rotate(other["endpoint_id"].as_str().unwrap(), "rotate-1")
        .await;
    assert_eq!(elsewhere.body["data"]["endpoint_id"], other["endpoint_id"]);

    // Replays also cover create, scoped to its own path.
    let create = || {
        Wire::send(
            wire.request(Method::POST, "/v3/webhooks/endpoints")
                .header("Idempotency-Key", "rotate-1")
                .json(&json!({ "url": "https://example.com/once" })),
        )
    };
    let (made, made_again) = (create().await, create().await);
    assert_eq!(made.body, made_again.body);
    assert_ne!(made.body["data"]["endpoint_id"], other["endpoint_id"]);
    let listed = wire.call(Method::GET, "/v3/webhooks/endpoints", None).await;
    assert_eq!(listed.body["data"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn a_failed_request_does_not_keep_its_key() {
    let server = LocalServer::start().await.unwrap();
    let wire = Wire::new(&server);
    let attempt = |body: Value| {
        Wire::send(
            wire.request(Method::POST, "/v3/webhooks/endpoints")
                .header("Idempotency-Key", "create-after-fix")
                .json(&body),
        )
    };
    let rejected = attempt(json!({ "url": "ftp://example.com" })).await;
    assert_error(
        &rejected,
        StatusCode::BAD_REQUEST,
        "invalid_parameter",
        Some("url"),
    );
    let fixed = attempt(json!({ "url": "https://example.com" })).await;
    assert_eq!(fixed.status, StatusCode::OK);
    assert_eq!(fixed.body["data"]["url"], "https://example.com");
}

#[tokio::test]
async fn an_invalid_idempotency_key_is_rejected() {
    let server = LocalServer::start().await.unwrap();
    let wire = Wire::new(&server);
    let endpoint = wire.create("https://example.com/hook").await;
    let id = endpoint["endpoint_id"].as_str().unwrap();
    for key in ["has space", "slash/inside", &"k".repeat(256)] {
        let answer = wire.rotate(id, key).await;
        assert_error(
            &answer,
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            Some("Idempotency-Key"),
        );
    }
}

#[tokio::test]
async fn a_repeat_while_the_original_is_in_flight_gets_409() {
    let server = LocalServer::start().await.unwrap();
    let wire = Wire::new(&server);
    let endpoint = wire.create("https://example.com/hook").await;
    let id = endpoint["endpoint_id"].as_str().unwrap().to_owned();

    let held = server.hold_requests();
    let original = {
        let request = wire
            .request(
                Method::POST,
                &format!("/v3/webhooks/endpoints/{id}/rotate-secret"),
            )
            .header("Idempotency-Key", "in-flight-1");
        tokio::spawn(Wire::send(request))
    };
    held.wait_until_held(1).await;
    assert_eq!(held.held(), 1);

    let repeat = wire.rotate(&id, "in-flight-1").await;
    assert_error(&repeat, StatusCode::CONFLICT, "request_in_progress", None);

    held.release();
    let original = original.await.unwrap();
    assert_eq!(original.status, StatusCode::OK);
    let after = wire.rotate(&id, "in-flight-1").await;
    assert_eq!(after.status, StatusCode::OK);
    assert_eq!(after.body, original.body);
}

#[tokio::test]
async fn event_types_lists_the_thirty_four_known_types() {
    let server = LocalServer::start().await.unwrap();
    let wire = Wire::new(&server);
    let answer = wire
        .call(Method::GET, "/v3/webhooks/event-types", None)
        .await;
    let items = answer.body["data"].as_array().unwrap();
    // The catalog's 30 and the four of HeyGen's September 2026 document.
    assert_eq!(items.len(), 34);
    assert_eq!(WebhookEventType::KNOWN.len(), 34);
    assert_eq!(items[0]["event_type"], "avatar_video.success");
    assert_eq!(items[0]["description"], "avatar video: success");
    assert_eq!(items[29]["event_type"], "batch.finished");
    assert_eq!(items[33]["event_type"], "podcast.fail");
    assert_eq!(answer.body["has_more"], false);
}

#[tokio::test]
async fn test_deliveries_verify_with_the_current_secret_only() {
    let server = LocalServer::start().await.unwrap();
    let wire = Wire::new(&server);
    let endpoint = wire.create("https://example.com/hook").await;
    let id = endpoint["endpoint_id"].as_str().unwrap();
    let old_secret = endpoint["secret"].as_str().unwrap();

    let (body, headers) = server
        .deliver_test_event(id, WebhookEventType::VideoAgentSuccess)
        .unwrap();
    assert_eq!(headers["content-type"], "application/json");
    let delivery = WebhookVerifier::new(old_secret)
        .verify(&body, header_map_lookup(&headers))
        .unwrap();
    assert_eq!(
        delivery.event.event_type,
        WebhookEventType::VideoAgentSuccess
    );
    assert_eq!(delivery.event.event_data["endpoint_id"], id);
    assert_eq!(
        delivery.event.event_id,
        headers["heygen-event-id"].to_str().unwrap()
    );

    let rotated = wire.rotate(id, "rotate-for-delivery").await;
    let new_secret = rotated.body["data"]["secret"].as_str().unwrap();
    let (body, headers) = server
        .deliver_test_event(id, WebhookEventType::VideoAgentSuccess)
        .unwrap();
    assert!(matches!(
        WebhookVerifier::new(old_secret).verify(&body, header_map_lookup(&headers)),
        Err(VerifyError::SignatureMismatch)
    ));
    let delivery = WebhookVerifier::new(old_secret)
        .with_secret(new_secret)
        .verify(&body, header_map_lookup(&headers))
        .unwrap();
    assert_eq!(delivery.secret_index, 1);
}

#[tokio::test]
async fn test_deliveries_follow_subscriptions_and_fill_the_event_history() {
    let server = LocalServer::start().await.unwrap();
    let wire = Wire::new(&server);
    let all = wire.create("https://example.com/all").await;
    let scoped = wire
        .call(
            Method::POST,
            "/v3/webhooks/endpoints",
            Some(json!({
                "url": "https://example.com/scoped",
                "events": ["batch.finished"],
                "entity_id": "project_9",
            })),
        )
        .await
        .body["data"]
        .clone();
    let all_id = all["endpoint_id"].as_str().unwrap();
    let scoped_id = scoped["endpoint_id"].as_str().unwrap();

    match server.deliver_test_event(scoped_id, WebhookEventType::AvatarVideoFail) {
        Err(LocalServerError::NotSubscribed {
            endpoint_id,
            event_type,
        }) => {
            assert_eq!(endpoint_id, scoped_id);
            assert_eq!(event_type, WebhookEventType::AvatarVideoFail);
        }
        other => panic!("expected not subscribed, got {other:?}"),
    }
    assert!(matches!(
        server.deliver_test_event("ep_missing", WebhookEventType::BatchFinished),
        Err(LocalServerError::UnknownEndpoint(id)) if id == "ep_missing"
    ));

    let (_, first) = server
        .deliver_test_event(all_id, WebhookEventType::AvatarVideoFail)
        .unwrap();
    let (_, second) = server
        .deliver_test_event(scoped_id, WebhookEventType::BatchFinished)
        .unwrap();
    let (_, third) = server
        .deliver_test_event(all_id, WebhookEventType::BatchFinished)
        .unwrap();
    let id_of = |headers: &http::HeaderMap| json!(headers["heygen-event-id"].to_str().unwrap());

    let events = wire.call(Method::GET, "/v3/webhooks/events", None).await;
    let listed: Vec<&Value> = events.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|event| &event["event_id"])
        .collect();
    assert_eq!(listed, [&id_of(&first), &id_of(&second), &id_of(&third)]);
    let first_event = &events.body["data"][0];
    assert_eq!(first_event["event_type"], "avatar_video.fail");
    assert_eq!(
        first_event["event_data"],
        json!({ "endpoint_id": all_id, "test": true })
    );
    assert!(first_event["created_at"].as_str().unwrap().ends_with('Z'));

    let by_type = wire
        .call(
            Method::GET,
            "/v3/webhooks/events?event_type=batch.finished",
            None,
        )
        .await;
    let by_type: Vec<&Value> = by_type.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|event| &event["event_id"])
        .collect();
    assert_eq!(by_type, [&id_of(&second), &id_of(&third)]);

    let by_entity = wire
        .call(
            Method::GET,
            "/v3/webhooks/events?entity_id=project_9&limit=1",
            None,
        )
        .await;
    assert_eq!(by_entity.body["data"].as_array().unwrap().len(), 1);
    assert_eq!(by_entity.body["data"][0]["event_id"], id_of(&second));
    assert_eq!(by_entity.body["has_more"], false);
}

#[tokio::test]
async fn the_server_hides_its_key_from_debug_and_stops_when_dropped() {
    let server = LocalServer::builder()
        .api_key("hg_secret_key_123")
        .start()
        .await
        .unwrap();
    let debug = format!("{server:?}");
    assert!(!debug.contains("hg_secret_key_123"), "{debug}");
    let url = format!("{}/v3/webhooks/event-types", server.base_url());
    drop(server);
    // Once stopped, the port refuses connections (poll until the server task has exited).
    let http = reqwest::Client::new();
    let mut refused = false;
    for _ in 0..200 {
        if http.get(&url).send().await.is_err() {
            refused = true;
            break;
        }
        tokio::task::yield_now().await;
    }
    assert!(refused, "the server still answers after being dropped");
}
