//! A client aimed at a mock server, and ways to read back exactly what it sent.

use std::sync::atomic::{AtomicUsize, Ordering};

use heygen_api::{Client, RetryPolicy};
use serde_json::Value;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// The API key every test client sends.
pub const API_KEY: &str = "test-key-3b9d21";

/// A client with the test key, aimed at `server`, that retries without waiting.
pub fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .retry_policy(RetryPolicy::instant())
        .build()
        .unwrap()
}

/// `{"data": data}` with status 200.
pub fn data(data: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(serde_json::json!({ "data": data }))
}

/// Answers every request to `server` with `answer`, so that the test asserts on what was sent
/// rather than on which mock matched.
pub async fn answer_all(server: &MockServer, answer: ResponseTemplate) {
    Mock::given(any()).respond_with(answer).mount(server).await;
}

/// The one request `server` received.
pub async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

/// The value of header `name`, if the request carried it.
pub fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers
        .get(name)
        .map(|value| value.to_str().unwrap())
}

/// Asserts the method, path, query and body of an API request, and the headers every API request
/// carries (the key, `Accept`, and `Content-Type` exactly when there is a JSON body).
pub fn assert_api_request(
    request: &Request,
    method: &str,
    path: &str,
    query: Option<&str>,
    body: Option<Value>,
) {
    assert_eq!(request.method.as_str(), method);
    assert_eq!(request.url.path(), path);
    assert_eq!(request.url.query(), query);
    assert_eq!(header(request, "x-api-key"), Some(API_KEY));
    assert_eq!(header(request, "authorization"), None);
    assert_eq!(header(request, "accept"), Some("application/json"));
    match body {
        Some(expected) => {
            assert_eq!(header(request, "content-type"), Some("application/json"));
            let sent: Value = serde_json::from_slice(&request.body).unwrap();
            assert_eq!(sent, expected);
        }
        None => {
            assert_eq!(header(request, "content-type"), None);
            assert!(request.body.is_empty(), "unexpected body");
        }
    }
}

/// Asserts `key` is a fresh UUID v4, as an `idempotent` call without a caller key sends.
pub fn assert_generated_key(key: Option<&str>) {
    let key = key.expect("an Idempotency-Key header");
    let uuid = uuid::Uuid::parse_str(key).unwrap();
    assert_eq!(uuid.get_version_num(), 4, "{key}");
}

/// Answers the requests it receives with `answers` in turn, then repeats the last one.
pub struct Sequence {
    answers: Vec<ResponseTemplate>,
    next: AtomicUsize,
}

impl Sequence {
    pub fn new(answers: Vec<ResponseTemplate>) -> Self {
        assert!(!answers.is_empty());
        Sequence {
            answers,
            next: AtomicUsize::new(0),
        }
    }
}

impl Respond for Sequence {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let index = self.next.fetch_add(1, Ordering::SeqCst);
        self.answers[index.min(self.answers.len() - 1)].clone()
    }
}
