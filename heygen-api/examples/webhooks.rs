//! Webhooks, walked through: endpoints, secret rotation with an Idempotency-Key, verification.
//!
//! ```text
//! cargo run -p heygen-api --example webhooks
//! ```
//!
//! Without `HEYGEN_API_KEY` it runs offline against the embedded [`LocalServer`]: it registers a
//! webhook endpoint, rotates its secret twice with one Idempotency-Key (the second call replays
//! the first), then verifies a delivery signed with the new secret and rejects one checked against
//! the old. With `HEYGEN_API_KEY` set it reads your account instead (webhook endpoints and event
//! types), changing nothing.

use heygen_api::client::API_KEY_ENV;
use heygen_api::webhooks::{
    CreateWebhookEndpointRequest, ListWebhookEndpointsQuery, WebhookEventType, WebhookVerifier,
    WebhooksApi, header_map_lookup,
};
use heygen_api::{Client, idempotency_key};
use heygen_fake::LocalServer;

#[path = "common/report.rs"]
mod report;
use report::report;

type Outcome = Result<(), Box<dyn std::error::Error>>;

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::process::ExitCode {
    let outcome = match std::env::var(API_KEY_ENV) {
        Ok(key) if !key.trim().is_empty() => read_account().await,
        _ => offline_tour().await,
    };
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            report(&*error);
            std::process::ExitCode::FAILURE
        }
    }
}

/// The whole flow against the embedded server.
async fn offline_tour() -> Outcome {
    println!("{API_KEY_ENV} is not set: running against the embedded local server.");
    let server = LocalServer::start().await?;
    let client = Client::builder()
        .api_key(server.api_key())
        .base_url(server.base_url())
        .build()?;
    println!("1. Local server listening at {}", server.base_url());

    let request =
        CreateWebhookEndpointRequest::new("https://example.com/heygen-webhooks").events([
            WebhookEventType::AvatarVideoSuccess,
            WebhookEventType::AvatarVideoFail,
        ]);
    let endpoint = client.create_webhook_endpoint(&request, None).await?;
    let first_secret = endpoint
        .secret
        .ok_or("create answered without the signing secret")?;
    println!(
        "2. Created endpoint {} for {} (secret {})",
        endpoint.endpoint_id,
        endpoint.url,
        first_secret.fingerprint()
    );

    // One fixed key for the rotation: if the answer were lost, sending the same call again would
    // replay it instead of rotating a second time (and losing the secret it returned).
    let rotated = client
        .rotate_webhook_secret(
            &endpoint.endpoint_id,
            Some(idempotency_key!("quickstart-rotate-1")),
        )
        .await?;
    let replayed = client
        .rotate_webhook_secret(
            &endpoint.endpoint_id,
            Some(idempotency_key!("quickstart-rotate-1")),
        )
        .await?;
    let same = rotated.secret.expose_secret() == replayed.secret.expose_secret();
    println!(
        "3. Rotated the secret with Idempotency-Key quickstart-rotate-1: {}",
        rotated.secret.fingerprint()
    );
    println!(
        "4. Sent the same rotation again: {} ({})",
        replayed.secret.fingerprint(),
        if same {
            "replayed, same secret"
        } else {
            "a different secret!"
        }
    );
    if !same {
        return Err("the repeated rotation was not replayed".into());
    }

    let (body, headers) =
        server.deliver_test_event(&endpoint.endpoint_id, WebhookEventType::AvatarVideoSuccess)?;
    let delivery =
        WebhookVerifier::new(rotated.secret).verify(&body, header_map_lookup(&headers))?;
    println!(
        "5. Verified a delivery signed with the new secret: {} (event id {})",
        delivery.event.event_type, delivery.event.event_id
    );

    match WebhookVerifier::new(first_secret).verify(&body, header_map_lookup(&headers)) {
        Ok(_) => return Err("a delivery verified against the rotated-out secret".into()),
        Err(rejected) => println!("6. Checked against the old secret it is rejected: {rejected}"),
    }

    client
        .delete_webhook_endpoint(&endpoint.endpoint_id)
        .await?;
    println!("7. Deleted endpoint {}. Done.", endpoint.endpoint_id);
    Ok(())
}

/// Read-only calls against the real API.
async fn read_account() -> Outcome {
    println!("{API_KEY_ENV} is set: reading your HeyGen account (nothing is changed).");
    let client = Client::from_env()?;

    let endpoints = client
        .list_webhook_endpoints(&ListWebhookEndpointsQuery::new().limit(100))
        .await?;
    println!("Webhook endpoints: {}", endpoints.data.len());
    for endpoint in &endpoints.data {
        let events = match &endpoint.events {
            None => "all events".to_owned(),
            Some(events) => events
                .iter()
                .map(WebhookEventType::as_str)
                .collect::<Vec<_>>()
                .join(", "),
        };
        println!(
            "  {} {} [{}] {}",
            endpoint.endpoint_id, endpoint.url, endpoint.status, events
        );
    }
    if endpoints.has_more {
        println!("  (more endpoints not shown)");
    }

    let event_types = client.list_webhook_event_types().await?;
    println!("Webhook event types: {}", event_types.len());
    for event_type in &event_types {
        println!("  {:<45} {}", event_type.event_type, event_type.description);
    }
    Ok(())
}
