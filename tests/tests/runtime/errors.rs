//! Every kind of failed answer decodes into the right `Error`, with what the caller needs next.

use std::time::Duration;

use heygen_api::{DecodeProblem, Error, ErrorCode, RetryPolicy, Stage, TransportErrorKind};
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::api::{NewThing, Things};
use crate::support::{RawServer, builder};

/// A client that makes one attempt, so each answer is seen as it is.
async fn failing_call(response: ResponseTemplate) -> Error {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(response)
        .mount(&server)
        .await;
    let client = builder(&server.uri())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    client.get_thing("t-1").await.unwrap_err()
}

fn error_body(code: &str, message: &str) -> serde_json::Value {
    json!({"error": {"code": code, "message": message}})
}

fn api(error: &Error) -> &heygen_api::ApiError {
    match error {
        Error::Api(api) => api,
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn bad_request_names_the_parameter() {
    let error = failing_call(
        ResponseTemplate::new(400)
            .insert_header("x-request-id", "req-400")
            .set_body_json(json!({"error": {
                "code": "invalid_parameter",
                "message": "limit must be at most 100",
                "param": "limit",
                "doc_url": "https://docs.heygen.com/errors#invalid_parameter"
            }})),
    )
    .await;

    assert_eq!(error.stage(), Stage::ErrorResponse);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(error.code(), Some(&ErrorCode::InvalidParameter));
    assert_eq!(error.request_id(), Some("req-400"));
    assert!(!error.may_have_been_applied());
    assert!(!error.is_retryable());
    let api = api(&error);
    assert_eq!(api.message(), "limit must be at most 100");
    assert_eq!(api.param(), Some("limit"));
    assert_eq!(
        api.doc_url(),
        Some("https://docs.heygen.com/errors#invalid_parameter")
    );
    assert_eq!(api.attempts(), 1);
    assert_eq!(
        error.to_string(),
        "`get_thing` failed with HTTP 400 invalid_parameter: limit must be at most 100 \
         (parameter `limit`) [request id req-400]"
    );
}

#[tokio::test]
async fn unauthorized_is_not_retryable() {
    let error = failing_call(
        ResponseTemplate::new(401)
            .set_body_json(error_body("authentication_failed", "Invalid API key")),
    )
    .await;

    assert_eq!(error.code(), Some(&ErrorCode::AuthenticationFailed));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    assert!(!error.is_retryable());
    assert!(!error.may_have_been_applied());
}

#[tokio::test]
async fn not_found_keeps_specific_and_unknown_codes() {
    let error = failing_call(
        ResponseTemplate::new(404)
            .set_body_json(error_body("webhook_not_found", "No such endpoint")),
    )
    .await;
    assert_eq!(error.code(), Some(&ErrorCode::WebhookNotFound));
    assert_eq!(api(&error).message(), "No such endpoint");

    let error = failing_call(
        ResponseTemplate::new(404).set_body_json(error_body("gizmo_not_found", "No such gizmo")),
    )
    .await;
    assert_eq!(
        error.code(),
        Some(&ErrorCode::Unknown("gizmo_not_found".into()))
    );
}

#[tokio::test]
async fn request_in_progress_may_have_been_applied() {
    let error = failing_call(
        ResponseTemplate::new(409)
            .set_body_json(error_body("request_in_progress", "Original still running")),
    )
    .await;

    assert_eq!(error.code(), Some(&ErrorCode::RequestInProgress));
    assert!(error.may_have_been_applied());
    assert!(error.is_retryable());
}

#[tokio::test]
async fn rate_limit_carries_retry_after() {
    let error = failing_call(
        ResponseTemplate::new(429)
            .insert_header("retry-after", "12")
            .set_body_json(error_body("rate_limit_exceeded", "Slow down")),
    )
    .await;

    assert_eq!(error.code(), Some(&ErrorCode::RateLimitExceeded));
    assert_eq!(error.retry_after(), Some(Duration::from_secs(12)));
    assert!(error.is_retryable());
    assert!(!error.may_have_been_applied());
}

#[tokio::test]
async fn server_error_may_have_been_applied() {
    let error = failing_call(
        ResponseTemplate::new(500).set_body_json(error_body("internal_error", "Oops")),
    )
    .await;

    assert_eq!(error.code(), Some(&ErrorCode::InternalError));
    assert!(error.may_have_been_applied());
    assert!(error.is_retryable());
}

#[tokio::test]
async fn non_json_error_page_keeps_the_start_of_the_body() {
    let page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let error = failing_call(
        ResponseTemplate::new(502)
            .insert_header("content-type", "text/html")
            .set_body_string(page),
    )
    .await;

    assert_eq!(error.stage(), Stage::ErrorResponse);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(502));
    assert_eq!(error.code(), None);
    let api = api(&error);
    assert_eq!(api.body_prefix(), Some(page));
    assert_eq!(
        api.message(),
        "Bad Gateway (the body is not HeyGen's JSON error shape)"
    );
}

#[tokio::test]
async fn empty_error_body_says_so() {
    let error = failing_call(ResponseTemplate::new(503)).await;

    let api = api(&error);
    assert_eq!(api.code(), None);
    assert_eq!(api.message(), "Service Unavailable (empty body)");
    assert_eq!(api.body_prefix(), None);
}

#[tokio::test]
async fn truncated_json_error_body_is_kept_as_text() {
    let error = failing_call(
        ResponseTemplate::new(500).set_body_string(r#"{"error": {"code": "internal_er"#),
    )
    .await;

    let api = api(&error);
    assert_eq!(api.code(), None);
    assert_eq!(
        api.body_prefix(),
        Some(r#"{"error": {"code": "internal_er"#)
    );
}

#[tokio::test]
async fn truncated_success_body_is_a_decode_error() {
    let error = failing_call(
        ResponseTemplate::new(200)
            .insert_header("x-request-id", "req-trunc")
            .set_body_string(r#"{"data": {"id": "t-1", "na"#),
    )
    .await;

    assert_eq!(error.stage(), Stage::UndecodableResponse);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
    assert_eq!(error.request_id(), Some("req-trunc"));
    assert!(error.may_have_been_applied());
    let Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert!(matches!(decode.problem(), DecodeProblem::Json(_)));
    assert_eq!(decode.body_prefix(), r#"{"data": {"id": "t-1", "na"#);
    assert!(
        error
            .to_string()
            .starts_with("the HTTP 200 response of `get_thing` does not decode: EOF while parsing"),
        "{error}"
    );
}

#[tokio::test]
async fn empty_success_body_is_a_decode_error() {
    let error = failing_call(ResponseTemplate::new(200)).await;

    let Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert!(matches!(decode.problem(), DecodeProblem::Empty));
    assert_eq!(decode.body_prefix(), "");
}

#[tokio::test]
async fn success_body_of_the_wrong_shape_is_a_decode_error() {
    let error =
        failing_call(ResponseTemplate::new(200).set_body_json(json!({"data": {"id": 5}}))).await;

    let Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert_eq!(
        decode.problem().to_string(),
        "invalid type: integer `5`, expected a string at line 1 column 15"
    );
}

#[tokio::test]
async fn response_larger_than_the_limit_is_refused() {
    let server = MockServer::start().await;
    let big = format!(
        r#"{{"data": {{"id": "t", "name": "{}"}}}}"#,
        "x".repeat(10_000)
    );
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(big))
        .mount(&server)
        .await;
    let client = builder(&server.uri())
        .max_response_bytes(1024)
        .build()
        .unwrap();

    let error = client.get_thing("t").await.unwrap_err();

    let Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert!(matches!(
        decode.problem(),
        DecodeProblem::TooLarge { limit: 1024 }
    ));
    assert_eq!(decode.body_prefix().len(), 512);
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn connection_refused_is_not_sent() {
    let client = builder(&crate::support::closed_port_url().await)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();

    let error = client
        .create_thing(&NewThing { name: "n".into() })
        .await
        .unwrap_err();

    assert_eq!(error.stage(), Stage::NotSent);
    assert!(matches!(&error, Error::Transport(t) if t.kind() == TransportErrorKind::Connect));
    assert!(!error.may_have_been_applied());
    assert!(error.is_retryable());
    assert_eq!(error.status(), None);
}

#[tokio::test]
async fn a_body_cut_short_is_no_response() {
    let server = RawServer::start(
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nx-request-id: req-cut\r\n\
          content-length: 100\r\n\r\n{\"data\": {\"id\"",
    )
    .await;
    let client = builder(&server.url)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();

    let error = client.get_thing("t").await.unwrap_err();

    assert_eq!(error.stage(), Stage::NoResponse);
    assert!(matches!(&error, Error::Transport(t) if t.kind() == TransportErrorKind::Interrupted));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
    assert_eq!(error.request_id(), Some("req-cut"));
    // A GET only reads: reaching the server changed nothing, and the message does not say it may
    // have.
    assert!(!error.may_have_been_applied());
    let message = error.to_string();
    assert!(
        message.starts_with("answer incomplete: `get_thing`"),
        "{message}"
    );
    assert!(!message.contains("may have been applied"), "{message}");
}

#[tokio::test]
async fn invalid_input_is_reported_before_sending() {
    let server = MockServer::start().await;
    let client = builder(&server.uri()).build().unwrap();

    let error = client.get_thing("").await.unwrap_err();

    assert_eq!(error.stage(), Stage::NotBuilt);
    assert_eq!(error.attempts(), 0);
    assert_eq!(
        error.to_string(),
        "request not built: path parameter `thing_id` is empty"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// September 2026's `StandardAPIError` adds `errors[]` for batch and multi-node failures.
#[tokio::test]
async fn the_per_item_errors_of_a_batch_are_kept_and_shown() {
    let error = failing_call(ResponseTemplate::new(400).set_body_json(json!({"error": {
        "code": "invalid_parameter",
        "message": "2 of 5 videos are invalid",
        "errors": [
            {"code": "invalid_parameter", "message": "avatar not found", "path": "videos[1].avatar_id"},
            {"code": "invalid_parameter", "message": "script too long", "node_id": "n-4"}
        ]
    }})))
    .await;

    let details = api(&error).details();
    assert_eq!(details.len(), 2);
    assert_eq!(details[0].path.as_deref(), Some("videos[1].avatar_id"));
    assert_eq!(details[1].node_id.as_deref(), Some("n-4"));
    let shown = error.to_string();
    assert!(
        shown.contains(
            "; errors: videos[1].avatar_id: invalid_parameter: avatar not found, node n-4: invalid_parameter: script too long"
        ),
        "{shown}"
    );

    // An `errors` of another shape is ignored; the error itself still reads.
    let odd = failing_call(ResponseTemplate::new(400).set_body_json(json!({"error": {
        "code": "invalid_parameter", "message": "bad", "errors": "not a list"
    }})))
    .await;
    assert_eq!(api(&odd).message(), "bad");
    assert!(api(&odd).details().is_empty());
}
