//! Typed mocks: "this operation answers this", keyed by the declared endpoint.
//!
//! A [`MockServer`] serves on loopback, so the code under test runs the real client stack
//! (retries, decoding, errors). Answers are set per [`EndpointInfo`], the declaration as data the
//! `#[endpoint]` macro emits, so the crate's operations and a user's own are mocked the same
//! way. Each operation answers from its queue of answers in order, the last one repeating; every
//! request is captured for assertions; a request for an operation nothing was set up for gets a
//! `501 not_mocked` error that names the operation, and is listed by
//! [`MockServer::unexpected`].

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::response::Response;
use heygen_api::EndpointInfo;
use http::{HeaderMap, Method, StatusCode, Uri};
use serde::Serialize;
use tokio::sync::oneshot;

use crate::LocalServerError;
use crate::operations::{answers, declared_endpoints};

/// A loopback server answering declared endpoints with values set up in the test.
///
/// ```
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// use heygen_api::user::UserApi;
/// use heygen_api::Client;
/// use heygen_fake::MockServer;
///
/// let server = MockServer::start().await?;
/// let get_me = server.endpoint("get_current_user").expect("a declared operation");
/// server
///     .on(get_me)
///     .fail(503, "internal_error", "try again")
///     .answer(&serde_json::json!({"username": "ada", "email": "ada@example.com"}));
///
/// let client = server.client();
/// let me = client.get_current_user().await?; // the 503 is retried, then the answer decodes
/// assert_eq!(me.username, "ada");
/// assert_eq!(server.calls(get_me).len(), 2);
/// # Ok(()) }
/// ```
pub struct MockServer {
    address: SocketAddr,
    state: Arc<Mutex<MockState>>,
    shutdown: Option<oneshot::Sender<()>>,
}

/// The API key the mock server's [`client`](MockServer::client) sends (any key is accepted).
pub const MOCK_API_KEY: &str = "mock-api-key";

#[derive(Default)]
struct MockState {
    /// The endpoints answers were set up for, in the order they were first set up.
    endpoints: Vec<&'static EndpointInfo>,
    /// The answers of each endpoint, by its position in `endpoints`.
    answers: HashMap<usize, Answers>,
    calls: HashMap<usize, Vec<Call>>,
    unexpected: Vec<Call>,
}

#[derive(Default)]
struct Answers {
    queue: Vec<Canned>,
    /// How many requests have been answered.
    served: usize,
}

impl Answers {
    /// The next answer: the queue in order, then its last one again.
    fn next(&mut self) -> Option<Canned> {
        let answer = self
            .queue
            .get(self.served)
            .or_else(|| self.queue.last())
            .cloned();
        self.served += 1;
        answer
    }
}

/// One answer, ready to send.
#[derive(Clone)]
struct Canned {
    status: StatusCode,
    headers: Vec<(String, String)>,
    body: Bytes,
    delay: Option<Duration>,
}

/// A request the mock server received.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Call {
    /// The HTTP method.
    pub method: Method,
    /// The path, percent-encoded as sent.
    pub path: String,
    /// The query string, if any.
    pub query: Option<String>,
    /// The headers as sent.
    pub headers: HeaderMap,
    /// The body as sent.
    pub body: Bytes,
}

impl Call {
    /// The value of header `name`, if it was sent as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The `Idempotency-Key` the request carried.
    pub fn idempotency_key(&self) -> Option<&str> {
        self.header("idempotency-key")
    }

    /// The body decoded as JSON into `T`.
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_slice(&self.body)
    }

    /// The value of query parameter `name`, decoded, if it was sent.
    pub fn query_param(&self, name: &str) -> Option<String> {
        let query = self.query.as_deref()?;
        url::form_urlencoded::parse(query.as_bytes())
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
    }
}

/// The answers of one endpoint, set up in order: [`MockServer::on`].
pub struct Expectation<'s> {
    server: &'s MockServer,
    endpoint: usize,
}

impl Expectation<'_> {
    fn push(self, canned: Canned) -> Self {
        let mut state = self.server.lock();
        state
            .answers
            .entry(self.endpoint)
            .or_default()
            .queue
            .push(canned);
        drop(state);
        self
    }

    /// Answers `200` with `{"data": value}`, as HeyGen wraps a success.
    pub fn answer<T: Serialize + ?Sized>(self, value: &T) -> Self {
        let body = serde_json::to_vec(&serde_json::json!({ "data": value }))
            .expect("a value that serializes to JSON");
        self.push(Canned {
            status: StatusCode::OK,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.into(),
            delay: None,
        })
    }

    /// Answers one page of a paginated endpoint: `{"data": items, "has_more", "next_token"}`,
    /// `has_more` when a `next_token` is given.
    pub fn page<T: Serialize>(self, items: &[T], next_token: Option<&str>) -> Self {
        let body = serde_json::to_vec(&serde_json::json!({
            "data": items,
            "has_more": next_token.is_some(),
            "next_token": next_token,
        }))
        .expect("items that serialize to JSON");
        self.push(Canned {
            status: StatusCode::OK,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.into(),
            delay: None,
        })
    }

    /// Answers with HeyGen's error shape: `status` and `{"error": {"code", "message"}}`.
    pub fn fail(self, status: u16, code: &str, message: &str) -> Self {
        let body = serde_json::to_vec(&serde_json::json!({
            "error": {"code": code, "message": message}
        }))
        .expect("text serializes");
        self.push(Canned {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.into(),
            delay: None,
        })
    }

    /// Answers `429 rate_limit_exceeded` with `Retry-After: seconds`.
    pub fn rate_limited(self, seconds: u64) -> Self {
        let expectation = self.fail(429, "rate_limit_exceeded", "too many requests");
        expectation.with_last(|canned| {
            canned
                .headers
                .push(("retry-after".into(), seconds.to_string()));
        })
    }

    /// Answers `status` with `body` as it is (a non-JSON 502 page, a truncated body).
    pub fn raw(self, status: u16, content_type: &str, body: impl Into<Bytes>) -> Self {
        self.push(Canned {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            headers: vec![("content-type".into(), content_type.into())],
            body: body.into(),
            delay: None,
        })
    }

    /// Delays the answer added last by `delay` (to test timeouts and deadlines).
    pub fn delayed(self, delay: Duration) -> Self {
        self.with_last(|canned| canned.delay = Some(delay))
    }

    /// Adds header `name: value` to the answer added last (an `X-Request-Id`, say).
    pub fn with_header(self, name: &str, value: &str) -> Self {
        self.with_last(|canned| canned.headers.push((name.into(), value.into())))
    }

    fn with_last(self, change: impl FnOnce(&mut Canned)) -> Self {
        let mut state = self.server.lock();
        if let Some(last) = state
            .answers
            .get_mut(&self.endpoint)
            .and_then(|answers| answers.queue.last_mut())
        {
            change(last);
        }
        drop(state);
        self
    }
}

impl MockServer {
    /// Starts a mock server on a free loopback port, with nothing set up.
    ///
    /// Must be called within a Tokio runtime, which runs the server.
    pub async fn start() -> Result<MockServer, LocalServerError> {
        let state = Arc::new(Mutex::new(MockState::default()));
        let app = axum::Router::new()
            .fallback(serve)
            .with_state(Arc::clone(&state));
        let (address, shutdown) = crate::serve_on_loopback(app).await?;
        Ok(MockServer {
            address,
            state,
            shutdown: Some(shutdown),
        })
    }

    /// The base URL to give the client (`http://127.0.0.1:<port>`).
    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// A client aimed at this server, with [`MOCK_API_KEY`] and retries that do not wait.
    pub fn client(&self) -> heygen_api::Client {
        heygen_api::Client::builder()
            .api_key(MOCK_API_KEY)
            .base_url(self.base_url())
            .retry_policy(heygen_api::RetryPolicy::instant())
            .build()
            .expect("a valid client configuration")
    }

    /// The declared endpoint of the crate named `operation` (`get_video`), for [`on`](Self::on)
    /// and [`calls`](Self::calls). A user's own endpoints come from their trait's `ENDPOINTS`.
    pub fn endpoint(&self, operation: &str) -> Option<&'static EndpointInfo> {
        declared_endpoints().find(|endpoint| endpoint.name == operation)
    }

    /// The answers of `endpoint`, added in order: the first request gets the first, and so on,
    /// the last repeating.
    pub fn on(&self, endpoint: &'static EndpointInfo) -> Expectation<'_> {
        let mut state = self.lock();
        let index = match state
            .endpoints
            .iter()
            .position(|known| std::ptr::eq(*known, endpoint) || **known == *endpoint)
        {
            Some(index) => index,
            None => {
                state.endpoints.push(endpoint);
                state.endpoints.len() - 1
            }
        };
        drop(state);
        Expectation {
            server: self,
            endpoint: index,
        }
    }

    /// The requests `endpoint` received, in order (empty if none, or if it was never set up).
    pub fn calls(&self, endpoint: &EndpointInfo) -> Vec<Call> {
        let state = self.lock();
        state
            .endpoints
            .iter()
            .position(|known| **known == *endpoint)
            .and_then(|index| state.calls.get(&index).cloned())
            .unwrap_or_default()
    }

    /// The requests that matched no endpoint set up (answered `501 not_mocked`).
    pub fn unexpected(&self) -> Vec<Call> {
        self.lock().unexpected.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, MockState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer")
            .field("address", &self.address)
            .finish_non_exhaustive()
    }
}

async fn serve(
    State(state): State<Arc<Mutex<MockState>>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let call = Call {
        method: method.clone(),
        path: uri.path().to_owned(),
        query: uri.query().map(str::to_owned),
        headers,
        body,
    };
    let answer = {
        let mut state = state.lock().unwrap_or_else(PoisonError::into_inner);
        let found = state
            .endpoints
            .iter()
            .position(|endpoint| answers(endpoint, &method, uri.path()));
        match found {
            Some(index) => {
                state.calls.entry(index).or_default().push(call);
                state.answers.get_mut(&index).and_then(Answers::next)
            }
            None => {
                state.unexpected.push(call);
                None
            }
        }
    };
    let Some(answer) = answer else {
        // Named as the code calls it, when the crate declares it.
        let declared = declared_endpoints().find(|endpoint| answers(endpoint, &method, uri.path()));
        let message = match declared {
            Some(endpoint) => format!(
                "no answer is set up for `{}` ({method} {}): call MockServer::on for it",
                endpoint.name,
                uri.path()
            ),
            None => format!(
                "no answer is set up for {method} {}: call MockServer::on for its endpoint",
                uri.path()
            ),
        };
        tracing::warn!("{message}");
        let body = serde_json::json!({"error": {"code": "not_mocked", "message": message}});
        return Response::builder()
            .status(StatusCode::NOT_IMPLEMENTED)
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap_or_default();
    };
    if let Some(delay) = answer.delay {
        tokio::time::sleep(delay).await;
    }
    let mut response = Response::builder().status(answer.status);
    for (name, value) in &answer.headers {
        response = response.header(name, value);
    }
    response.body(Body::from(answer.body)).unwrap_or_default()
}
