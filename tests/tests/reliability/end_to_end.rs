//! A thousand concurrent idempotent creates against the embedded server while it injects faults
//! before and after applying requests: every logical call makes exactly one webhook endpoint, none
//! is lost, and every failure says whether its request may have been applied.

use std::collections::HashMap;
use std::time::Duration;

use futures::TryStreamExt;
use heygen_api::webhooks::{CreateWebhookEndpointRequest, ListWebhookEndpointsQuery, WebhooksApi};
use heygen_api::{Client, Error, IdempotencyKey, RetryPolicy, Stage};
use heygen_fake::{Fault, FaultPlan, LocalServer};
use http::StatusCode;

/// How many logical create calls run at once.
const CALLS: usize = 1000;
/// The per-attempt timeout; the injected delays outlast it.
const TIMEOUT: Duration = Duration::from_millis(1000);
const DELAY: Duration = Duration::from_millis(1500);

/// A share of requests for each fault; together they spoil about a third of all requests.
fn plan() -> FaultPlan {
    FaultPlan::new(0x5eed_2026)
        .with(Fault::RefuseBefore(StatusCode::SERVICE_UNAVAILABLE), 0.06)
        .with(Fault::RefuseBefore(StatusCode::TOO_MANY_REQUESTS), 0.06)
        .with(Fault::DelayBefore(DELAY), 0.02)
        .with(Fault::FailAfter(StatusCode::BAD_GATEWAY), 0.07)
        .with(Fault::FailAfter(StatusCode::INTERNAL_SERVER_ERROR), 0.03)
        .with(Fault::BreakAfter, 0.08)
        .with(Fault::DelayAfter(DELAY), 0.02)
}

fn url(call: usize) -> String {
    format!("https://example.com/hooks/{call}")
}

fn client(server: &LocalServer, policy: RetryPolicy) -> Client {
    Client::builder()
        .api_key(server.api_key())
        .base_url(server.base_url())
        .write_timeout(TIMEOUT)
        .read_timeout(TIMEOUT)
        .retry_policy(policy)
        .build()
        .unwrap()
}

/// Every endpoint on the server, by URL.
async fn endpoints_by_url(client: &Client) -> HashMap<String, Vec<String>> {
    let query = ListWebhookEndpointsQuery::new().limit(100);
    let all: Vec<_> = client
        .list_webhook_endpoints_stream(&query)
        .try_collect()
        .await
        .unwrap();
    let mut by_url: HashMap<String, Vec<String>> = HashMap::new();
    for endpoint in all {
        by_url
            .entry(endpoint.url)
            .or_default()
            .push(endpoint.endpoint_id);
    }
    by_url
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_keyed_creates_under_faults_make_one_endpoint_each() {
    let server = LocalServer::start().await.unwrap();
    server.inject_faults(plan()).unwrap();
    // Two retries only, so that some calls run out of attempts and their failures are checked.
    let hurried = client(
        &server,
        RetryPolicy::default()
            .max_retries(2)
            .initial_backoff(Duration::from_millis(20))
            .max_backoff(Duration::from_millis(200))
            .max_retry_after(Duration::from_millis(50)),
    );

    let calls: Vec<_> = (0..CALLS)
        .map(|call| {
            let client = hurried.clone();
            tokio::spawn(async move {
                let request = CreateWebhookEndpointRequest::new(url(call));
                client.create_webhook_endpoint(&request, None).await
            })
        })
        .collect();
    let mut results = Vec::with_capacity(CALLS);
    for call in calls {
        results.push(call.await.unwrap());
    }
    server.clear_faults();
    let received_under_faults = server.requests_received();

    // Every fault was injected, so each kind of failure was met.
    let injected = server.injected_faults();
    for (fault, count) in &injected {
        assert!(*count > 0, "{fault:?} was never injected: {injected:?}");
    }

    let patient = client(
        &server,
        RetryPolicy::default()
            .max_retries(10)
            .initial_backoff(Duration::from_millis(50))
            .max_backoff(Duration::from_millis(500)),
    );
    let by_url = endpoints_by_url(&patient).await;
    let mut failures: Vec<(usize, Error)> = Vec::new();
    for (call, result) in results.into_iter().enumerate() {
        let made = by_url.get(&url(call)).map_or(&[][..], Vec::as_slice);
        match result {
            Ok(endpoint) => {
                // Exactly one endpoint for the call, and it is the one the call returned.
                assert_eq!(
                    made,
                    std::slice::from_ref(&endpoint.endpoint_id),
                    "call {call}"
                );
                assert_eq!(endpoint.url, url(call));
                assert!(endpoint.secret.is_some(), "call {call}");
            }
            Err(error) => {
                assert!(made.len() <= 1, "call {call} made {made:?}");
                if !error.may_have_been_applied() {
                    assert!(made.is_empty(), "call {call} says not applied: {error}");
                }
                assert!(
                    matches!(
                        error.stage(),
                        Stage::NoResponse | Stage::ErrorResponse | Stage::UndecodableResponse
                    ),
                    "{error:?}"
                );
                assert!(error.idempotency_key().is_some(), "{error}");
                failures.push((call, error));
            }
        }
    }
    let failed = failures.len();

    // Calling again with the failure's key finishes the job without a second endpoint.
    for (call, error) in failures {
        let key: IdempotencyKey = error.idempotency_key().unwrap().clone();
        let request = CreateWebhookEndpointRequest::new(url(call));
        let endpoint = patient
            .create_webhook_endpoint(&request, Some(key))
            .await
            .unwrap();
        assert_eq!(endpoint.url, url(call));
    }
    let by_url = endpoints_by_url(&patient).await;
    assert_eq!(by_url.len(), CALLS, "every call made an endpoint");
    let duplicates: Vec<_> = by_url.iter().filter(|(_, ids)| ids.len() != 1).collect();
    assert!(duplicates.is_empty(), "duplicates: {duplicates:?}");

    println!(
        "{CALLS} calls, {received_under_faults} requests under faults, {failed} calls failed \
         and were completed with their key, 0 duplicates, 0 lost; injected: {injected:?}"
    );
}
