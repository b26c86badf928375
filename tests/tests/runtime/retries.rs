//! Retries: counted on the server, with the same key every time, and only where safe.

use std::time::{Duration, SystemTime};

use heygen_api::{Error, IdempotencyKey, RetryPolicy, Stage};
use serde_json::json;
use wiremock::matchers::{any, method};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::api::{NewThing, Things};
use crate::support::{Delays, RawServer, builder, closed_port_url};

fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"data": {"id": "t-1", "name": "n"}}))
}

fn status(code: u16, error: &str) -> ResponseTemplate {
    ResponseTemplate::new(code).set_body_json(json!({"error": {"code": error, "message": "m"}}))
}

/// Mounts `failures` answered `first`, then success.
async fn server_failing(times: u64, first: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(first)
        .up_to_n_times(times)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ok())
        .with_priority(2)
        .mount(&server)
        .await;
    server
}

/// The `Idempotency-Key` of every request; a request without one fails the test, so that two
/// missing keys can never pass for "the same key".
fn keys(requests: &[Request]) -> Vec<String> {
    requests
        .iter()
        .enumerate()
        .map(|(index, request)| {
            let key = request
                .headers
                .get("idempotency-key")
                .unwrap_or_else(|| panic!("request {index} carries no Idempotency-Key"))
                .to_str()
                .unwrap()
                .to_owned();
            assert!(IdempotencyKey::new(key.as_str()).is_ok(), "{key:?}");
            key
        })
        .collect()
}

fn body() -> NewThing {
    NewThing { name: "n".into() }
}

#[tokio::test]
async fn get_is_retried_after_5xx_with_doubling_backoff() {
    let server = server_failing(2, status(503, "internal_error")).await;
    let delays = Delays::default();
    let client = builder(&server.uri())
        .retry_policy(delays.policy())
        .build()
        .unwrap();

    let thing = client.get_thing("t-1").await.unwrap();

    assert_eq!(thing.id, "t-1");
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
    assert_eq!(
        delays.recorded(),
        [Duration::from_secs(1), Duration::from_secs(2)]
    );
}

#[tokio::test]
async fn retry_budget_is_respected() {
    let server = server_failing(100, status(500, "internal_error")).await;
    let delays = Delays::default();
    let client = builder(&server.uri())
        .retry_policy(delays.policy().max_retries(3))
        .build()
        .unwrap();

    let error = client.get_thing("t-1").await.unwrap_err();

    assert_eq!(server.received_requests().await.unwrap().len(), 4);
    assert_eq!(error.attempts(), 4);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(500));
    assert_eq!(delays.recorded().len(), 3);
    assert!(error.to_string().ends_with(" after 4 attempts"), "{error}");
}

#[tokio::test]
async fn no_retries_means_one_attempt() {
    let server = server_failing(100, status(503, "internal_error")).await;
    let client = builder(&server.uri())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();

    let error = client.get_thing("t-1").await.unwrap_err();

    assert_eq!(error.attempts(), 1);
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn plain_post_is_sent_exactly_once_after_500() {
    let server = server_failing(1, status(500, "internal_error")).await;
    let client = builder(&server.uri()).build().unwrap();

    let error = client.create_thing(&body()).await.unwrap_err();

    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    assert_eq!(error.attempts(), 1);
    assert_eq!(error.idempotency_key(), None);
    assert!(error.may_have_been_applied());
}

#[tokio::test]
async fn keyed_post_is_retried_with_the_same_generated_key() {
    let server = server_failing(2, status(502, "internal_error")).await;
    let client = builder(&server.uri()).build().unwrap();

    client.copy_thing("t-1", &body(), None).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 3);
    let keys = keys(&requests);
    assert!(uuid::Uuid::parse_str(&keys[0]).is_ok(), "{keys:?}");
    assert_eq!(keys, [keys[0].clone(), keys[0].clone(), keys[0].clone()]);
    // The body is rebuilt for each attempt, never sent half-read or empty.
    for request in &requests {
        assert_eq!(request.body, br#"{"name":"n"}"#);
    }
}

#[tokio::test]
async fn request_in_progress_is_retried_for_a_keyed_post_and_reports_the_callers_key() {
    let server = server_failing(100, status(409, "request_in_progress")).await;
    let client = builder(&server.uri()).build().unwrap();
    let key = IdempotencyKey::new("copy-42").unwrap();

    let error = client
        .copy_thing("t-1", &body(), Some(key.clone()))
        .await
        .unwrap_err();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 3);
    assert_eq!(keys(&requests), ["copy-42", "copy-42", "copy-42"]);
    assert_eq!(error.idempotency_key(), Some(&key));
    assert_eq!(error.attempts(), 3);
}

#[tokio::test]
async fn rate_limit_is_retried_even_for_a_plain_post_after_retry_after() {
    let server = server_failing(
        1,
        status(429, "rate_limit_exceeded").insert_header("retry-after", "7"),
    )
    .await;
    let delays = Delays::default();
    let client = builder(&server.uri())
        .retry_policy(delays.policy())
        .build()
        .unwrap();

    client.create_thing(&body()).await.unwrap();

    assert_eq!(server.received_requests().await.unwrap().len(), 2);
    assert_eq!(delays.recorded(), [Duration::from_secs(7)]);
}

#[tokio::test]
async fn retry_after_dates_are_honoured_and_clamped() {
    let far = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(3600));
    let past = httpdate::fmt_http_date(SystemTime::now() - Duration::from_secs(3600));
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(status(429, "rate_limit_exceeded").insert_header("retry-after", far.as_str()))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            status(429, "rate_limit_exceeded").insert_header("retry-after", past.as_str()),
        )
        .up_to_n_times(1)
        .with_priority(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(status(429, "rate_limit_exceeded").insert_header("retry-after", "600"))
        .with_priority(3)
        .mount(&server)
        .await;
    let delays = Delays::default();
    let client = builder(&server.uri())
        .retry_policy(delays.policy().max_retry_after(Duration::from_secs(20)))
        .build()
        .unwrap();

    let error = client.get_thing("t-1").await.unwrap_err();

    assert_eq!(delays.recorded(), [Duration::from_secs(20), Duration::ZERO]);
    // The error reports the last answer's Retry-After, clamped the same way.
    assert_eq!(error.retry_after(), Some(Duration::from_secs(20)));
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    let server = server_failing(100, status(400, "invalid_parameter")).await;
    let client = builder(&server.uri()).build().unwrap();

    let error = client.copy_thing("t-1", &body(), None).await.unwrap_err();

    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    assert_eq!(error.stage(), Stage::ErrorResponse);
}

#[tokio::test]
async fn connect_failures_are_retried_for_any_method() {
    let delays = Delays::default();
    let client = builder(&closed_port_url().await)
        .retry_policy(delays.policy())
        .build()
        .unwrap();

    let error = client.create_thing(&body()).await.unwrap_err();

    assert!(
        matches!(&error, Error::Transport(t) if t.kind() == heygen_api::TransportErrorKind::Connect),
        "{error:?}"
    );
    assert_eq!(error.attempts(), 3);
    assert_eq!(delays.recorded().len(), 2);
}

/// Answers each request by closing the connection after reading it.
const HANG_UP: &[u8] = b"";

#[tokio::test]
async fn a_broken_connection_is_retried_for_get_only() {
    let server = RawServer::start(HANG_UP).await;
    let client = builder(&server.url).build().unwrap();

    let error = client.create_thing(&body()).await.unwrap_err();
    assert_eq!(error.stage(), Stage::NoResponse);
    assert_eq!(server.connections(), 1);

    let error = client.get_thing("t-1").await.unwrap_err();
    assert_eq!(error.stage(), Stage::NoResponse);
    assert_eq!(error.attempts(), 3);
    assert_eq!(server.connections(), 4);
}

#[tokio::test]
async fn a_timed_out_plain_post_is_never_resent() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ok().set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;
    let client = builder(&server.uri())
        .write_timeout(Duration::from_millis(100))
        .build()
        .unwrap();

    let error = client.create_thing(&body()).await.unwrap_err();

    assert_eq!(error.stage(), Stage::NoResponse);
    assert!(error.may_have_been_applied());
    assert_eq!(error.attempts(), 1);
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_timed_out_keyed_post_is_retried_with_its_key() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ok().set_delay(Duration::from_secs(30)))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ok())
        .with_priority(2)
        .mount(&server)
        .await;
    let client = builder(&server.uri())
        .write_timeout(Duration::from_millis(200))
        .build()
        .unwrap();

    client.copy_thing("t-1", &body(), None).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    let keys = keys(&requests);
    assert_eq!(keys[0], keys[1]);
}
