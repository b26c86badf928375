//! The declared operations through `heygen_api::Client` against the embedded server.

use futures::TryStreamExt;
use heygen_api::webhooks::{
    CreateWebhookEndpointRequest, ListWebhookEndpointsQuery, ListWebhookEventsQuery,
    UpdateWebhookEndpointRequest, VerifyError, WebhookEventType, WebhookVerifier, WebhooksApi,
    header_map_lookup,
};
use heygen_api::{Client, ClientBuilder, ErrorCode, RetryPolicy, idempotency_key};
use heygen_fake::LocalServer;

fn builder(server: &LocalServer) -> ClientBuilder {
    Client::builder()
        .base_url(server.base_url())
        .retry_policy(RetryPolicy::none())
}

fn client(server: &LocalServer) -> Client {
    builder(server).api_key(server.api_key()).build().unwrap()
}

fn hook(n: usize) -> CreateWebhookEndpointRequest {
    CreateWebhookEndpointRequest::new(format!("https://example.com/hooks/{n}"))
}

#[tokio::test]
async fn rotation_replays_with_the_same_key_and_invalidates_the_old_secret() {
    let server = LocalServer::start().await.unwrap();
    let client = client(&server);
    let endpoint = client
        .create_webhook_endpoint(&hook(1), None)
        .await
        .unwrap();
    let old_secret = endpoint.secret.unwrap();

    let first = client
        .rotate_webhook_secret(&endpoint.endpoint_id, Some(idempotency_key!("rotate-1")))
        .await
        .unwrap();
    let replay = client
        .rotate_webhook_secret(&endpoint.endpoint_id, Some(idempotency_key!("rotate-1")))
        .await
        .unwrap();
    assert_eq!(replay.endpoint_id, endpoint.endpoint_id);
    assert_eq!(replay.secret.expose_secret(), first.secret.expose_secret());
    assert_ne!(first.secret.expose_secret(), old_secret.expose_secret());

    let (body, headers) = server
        .deliver_test_event(&endpoint.endpoint_id, WebhookEventType::AvatarVideoSuccess)
        .unwrap();
    assert!(matches!(
        WebhookVerifier::new(old_secret.clone()).verify(&body, header_map_lookup(&headers)),
        Err(VerifyError::SignatureMismatch)
    ));
    let delivery = WebhookVerifier::new(first.secret)
        .verify(&body, header_map_lookup(&headers))
        .unwrap();
    assert_eq!(
        delivery.event.event_type,
        WebhookEventType::AvatarVideoSuccess
    );
}

#[tokio::test]
async fn the_stream_walks_every_page_of_endpoints() {
    let server = LocalServer::start().await.unwrap();
    let client = client(&server);
    let mut created = Vec::new();
    for n in 0..5 {
        let endpoint = client
            .create_webhook_endpoint(&hook(n), None)
            .await
            .unwrap();
        created.push(endpoint.endpoint_id);
    }
    let first_page = client
        .list_webhook_endpoints(&ListWebhookEndpointsQuery::new().limit(2))
        .await
        .unwrap();
    assert_eq!(first_page.data.len(), 2);
    assert!(first_page.has_more);

    let listed: Vec<String> = client
        .list_webhook_endpoints_stream(&ListWebhookEndpointsQuery::new().limit(2))
        .map_ok(|endpoint| endpoint.endpoint_id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(listed, created);
}

#[tokio::test]
async fn update_and_delete_round_trip_and_a_second_delete_is_not_found() {
    let server = LocalServer::start().await.unwrap();
    let client = client(&server);
    let endpoint = client
        .create_webhook_endpoint(&hook(1), None)
        .await
        .unwrap();
    let id = endpoint.endpoint_id;

    let updated = client
        .update_webhook_endpoint(
            &id,
            &UpdateWebhookEndpointRequest::new().events([WebhookEventType::LiveAvatarFail]),
        )
        .await
        .unwrap();
    assert_eq!(updated.events, Some(vec![WebhookEventType::LiveAvatarFail]));
    assert!(updated.secret.is_none());

    client.delete_webhook_endpoint(&id).await.unwrap();
    let error = client.delete_webhook_endpoint(&id).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(error.code(), Some(&ErrorCode::WebhookNotFound));
    assert!(error.request_id().unwrap().starts_with("req_"));
}

#[tokio::test]
async fn a_wrong_key_fails_authentication_and_a_bearer_token_works() {
    let server = LocalServer::start().await.unwrap();
    let wrong = builder(&server).api_key("hg_wrong").build().unwrap();
    let error = wrong.list_webhook_event_types().await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(error.code(), Some(&ErrorCode::AuthenticationFailed));

    let bearer = builder(&server)
        .bearer_token(server.api_key())
        .build()
        .unwrap();
    let types = bearer.list_webhook_event_types().await.unwrap();
    let listed: Vec<WebhookEventType> = types.into_iter().map(|t| t.event_type).collect();
    assert_eq!(listed, WebhookEventType::KNOWN);
}

#[tokio::test]
async fn a_call_repeating_a_key_in_flight_gets_request_in_progress() {
    let server = LocalServer::start().await.unwrap();
    let client = client(&server);
    let endpoint = client
        .create_webhook_endpoint(&hook(1), None)
        .await
        .unwrap();

    let held = server.hold_requests();
    let original = {
        let client = client.clone();
        let id = endpoint.endpoint_id.clone();
        tokio::spawn(async move {
            client
                .rotate_webhook_secret(&id, Some(idempotency_key!("in-flight")))
                .await
        })
    };
    held.wait_until_held(1).await;
    let error = client
        .rotate_webhook_secret(&endpoint.endpoint_id, Some(idempotency_key!("in-flight")))
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(409));
    assert_eq!(error.code(), Some(&ErrorCode::RequestInProgress));
    held.release();

    let original = original.await.unwrap().unwrap();
    let replay = client
        .rotate_webhook_secret(&endpoint.endpoint_id, Some(idempotency_key!("in-flight")))
        .await
        .unwrap();
    assert_eq!(
        replay.secret.expose_secret(),
        original.secret.expose_secret()
    );
}

#[tokio::test]
async fn delivered_events_are_listed_with_filters() {
    let server = LocalServer::start().await.unwrap();
    let client = client(&server);
    let endpoint = client
        .create_webhook_endpoint(&hook(1).entity_id("project_5"), None)
        .await
        .unwrap();
    let id = &endpoint.endpoint_id;
    server
        .deliver_test_event(id, WebhookEventType::AiClippingSuccess)
        .unwrap();
    let (_, headers) = server
        .deliver_test_event(id, WebhookEventType::AiClippingFail)
        .unwrap();

    let failures = client
        .list_webhook_events(
            &ListWebhookEventsQuery::new()
                .event_type(WebhookEventType::AiClippingFail)
                .entity_id("project_5"),
        )
        .await
        .unwrap();
    assert_eq!(failures.data.len(), 1);
    let event = &failures.data[0];
    assert_eq!(event.event_id, headers["heygen-event-id"].to_str().unwrap());
    assert_eq!(event.event_type, WebhookEventType::AiClippingFail);
    assert_eq!(event.event_data["endpoint_id"], id.as_str());

    let other_entity = client
        .list_webhook_events(&ListWebhookEventsQuery::new().entity_id("project_6"))
        .await
        .unwrap();
    assert!(other_entity.data.is_empty());
}
