//! The client's middleware stack, renewable credentials and redirects, from the outside: user
//! middleware on real loopback calls, a token that expires, and servers that redirect to
//! another origin (a second server on another port) to catch a credential sent there.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use heygen_api::reqwest_middleware::{self, Middleware, Next};
use heygen_api::{
    Attempt, Client, Credential, CredentialError, CredentialProvider, EndpointInfo, Error,
    HttpMethod, RenewingToken, TransportErrorKind, async_trait,
};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::api::{NewThing, Things};
use crate::support::{API_KEY, builder};

type MiddlewareResult = reqwest_middleware::Result<reqwest::Response>;

fn thing(id: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"data": {"id": id, "name": "n"}}))
}

fn unauthorized() -> ResponseTemplate {
    ResponseTemplate::new(401).set_body_json(
        json!({"error": {"code": "authentication_failed", "message": "the token expired"}}),
    )
}

/// Counts calls per operation and tags every request with `x-team`.
#[derive(Default)]
struct CountPerOperation {
    counts: Arc<Mutex<BTreeMap<&'static str, u32>>>,
}

#[async_trait]
impl Middleware for CountPerOperation {
    async fn handle(
        &self,
        mut request: reqwest::Request,
        extensions: &mut http::Extensions,
        next: Next<'_>,
    ) -> MiddlewareResult {
        let name = extensions
            .get::<EndpointInfo>()
            .map_or("?", |info| info.name);
        *self.counts.lock().unwrap().entry(name).or_default() += 1;
        request
            .headers_mut()
            .insert("x-team", http::HeaderValue::from_static("video"));
        next.run(request, extensions).await
    }
}

#[tokio::test]
async fn a_middleware_counts_calls_per_operation_and_adds_a_header() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(thing("t-1"))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(thing("t-2"))
        .mount(&server)
        .await;
    let counter = CountPerOperation::default();
    let counts = counter.counts.clone();
    let client = builder(&server.uri()).middleware(counter).build().unwrap();

    client.get_thing("t-1").await.unwrap();
    client.get_thing("t-1").await.unwrap();
    let body = NewThing { name: "n".into() };
    client.create_thing(&body).await.unwrap();

    assert_eq!(
        *counts.lock().unwrap(),
        BTreeMap::from([("create_thing", 1), ("get_thing", 2)])
    );
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 3);
    for request in &received {
        assert_eq!(request.headers.get("x-team").unwrap(), "video");
        // The credential is still added, after the middleware.
        assert_eq!(request.headers.get("x-api-key").unwrap(), API_KEY);
    }
}

/// What a middleware saw of one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    operation: &'static str,
    method: HttpMethod,
    template: &'static str,
    idempotent: bool,
    attempt: u32,
    /// Whether the request the middleware handled carried a credential header.
    had_credential: bool,
}

#[derive(Default, Clone)]
struct Recorder {
    seen: Arc<Mutex<Vec<Seen>>>,
}

#[async_trait]
impl Middleware for Recorder {
    async fn handle(
        &self,
        request: reqwest::Request,
        extensions: &mut http::Extensions,
        next: Next<'_>,
    ) -> MiddlewareResult {
        let info = extensions.get::<EndpointInfo>().expect("the endpoint");
        let attempt = extensions.get::<Attempt>().expect("the attempt number");
        let headers = request.headers();
        self.seen.lock().unwrap().push(Seen {
            operation: info.name,
            method: info.method,
            template: info.template,
            idempotent: info.idempotent,
            attempt: attempt.number(),
            had_credential: headers.contains_key("x-api-key")
                || headers.contains_key("authorization"),
        });
        next.run(request, extensions).await
    }
}

#[tokio::test]
async fn middleware_sees_the_endpoint_and_the_attempt_number_of_every_retry() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(thing("t-1"))
        .mount(&server)
        .await;
    let recorder = Recorder::default();
    let client = builder(&server.uri())
        .middleware(recorder.clone())
        .build()
        .unwrap();

    client.reset_thing("t-1").await.unwrap();

    let seen = recorder.seen.lock().unwrap().clone();
    let expected = |attempt| Seen {
        operation: "reset_thing",
        method: HttpMethod::Post,
        template: "/v3/things/<thing_id>/reset",
        idempotent: true,
        attempt,
        had_credential: false,
    };
    assert_eq!(seen, vec![expected(1), expected(2), expected(3)]);
    // Every attempt reached the server with the credential and the same key.
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 3);
    let keys: Vec<_> = received
        .iter()
        .map(|request| request.headers.get("idempotency-key").unwrap().clone())
        .collect();
    assert!(keys.iter().all(|key| *key == keys[0]), "{keys:?}");
    assert!(
        received
            .iter()
            .all(|request| request.headers.get("x-api-key").unwrap() == API_KEY)
    );
}

/// Fails every request, as a middleware that refuses (a circuit breaker) would.
struct Refuse;

#[async_trait]
impl Middleware for Refuse {
    async fn handle(
        &self,
        _request: reqwest::Request,
        _extensions: &mut http::Extensions,
        _next: Next<'_>,
    ) -> MiddlewareResult {
        Err(reqwest_middleware::Error::middleware(
            std::io::Error::other("circuit open"),
        ))
    }
}

#[tokio::test]
async fn a_middleware_failure_is_its_own_error_and_is_not_retried() {
    let server = MockServer::start().await;
    let recorder = Recorder::default();
    let client = builder(&server.uri())
        .middleware(recorder.clone())
        .middleware(Refuse)
        .build()
        .unwrap();

    let error = client.get_thing("t-1").await.unwrap_err();

    let Error::Transport(transport) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(transport.kind(), TransportErrorKind::Middleware);
    assert_eq!(transport.attempts(), 1);
    assert!(
        error
            .to_string()
            .contains("was failed by a middleware: circuit open"),
        "{error}"
    );
    assert_eq!(recorder.seen.lock().unwrap().len(), 1);
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// A token source whose first token has expired: the server takes only `fresh-token`.
async fn token_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer fresh-token"))
        .respond_with(thing("t-1"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(unauthorized())
        .mount(&server)
        .await;
    server
}

/// A [`RenewingToken`] that gives `tokens` in turn, counting its fetches.
fn renewing(tokens: &'static [&'static str]) -> (impl CredentialProvider, Arc<AtomicU32>) {
    let fetches = Arc::new(AtomicU32::new(0));
    let counter = fetches.clone();
    let provider = RenewingToken::new(move || {
        let n = counter.fetch_add(1, Ordering::SeqCst) as usize;
        let token = tokens[n.min(tokens.len() - 1)];
        async move { Ok::<_, std::io::Error>(token.to_owned()) }
    });
    (provider, fetches)
}

#[tokio::test]
async fn an_expired_token_is_renewed_once_and_the_call_retried_once() {
    let server = token_server().await;
    let (provider, fetches) = renewing(&["expired-token", "fresh-token"]);
    let client = Client::builder()
        .credentials(provider)
        .base_url(server.uri())
        .retry_policy(heygen_api::RetryPolicy::instant())
        .build()
        .unwrap();

    let thing = client.get_thing("t-1").await.unwrap();

    assert_eq!(thing.id, "t-1");
    assert_eq!(fetches.load(Ordering::SeqCst), 2);
    let sent: Vec<_> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| request.headers.get("authorization").unwrap().clone())
        .collect();
    assert_eq!(sent, ["Bearer expired-token", "Bearer fresh-token"]);

    // The renewed token is kept: the next call sends it without a fetch.
    client.get_thing("t-1").await.unwrap();
    assert_eq!(fetches.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_second_401_is_not_renewed_again() {
    let server = token_server().await;
    let (provider, fetches) = renewing(&["expired-token", "also-expired", "never-asked"]);
    let client = Client::builder()
        .credentials(provider)
        .base_url(server.uri())
        .retry_policy(heygen_api::RetryPolicy::instant())
        .build()
        .unwrap();

    let error = client.get_thing("t-1").await.unwrap_err();

    assert_eq!(error.status(), Some(http::StatusCode::UNAUTHORIZED));
    assert_eq!(error.attempts(), 2);
    assert_eq!(fetches.load(Ordering::SeqCst), 2);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
    let shown = format!("{error} {error:?}");
    for token in ["expired-token", "also-expired"] {
        assert!(!shown.contains(token), "{shown}");
    }
}

#[tokio::test]
async fn a_fixed_credential_is_not_retried_after_a_401() {
    let server = token_server().await;
    let client = Client::builder()
        .bearer_token("expired-token")
        .base_url(server.uri())
        .retry_policy(heygen_api::RetryPolicy::instant())
        .build()
        .unwrap();

    let error = client.get_thing("t-1").await.unwrap_err();

    assert_eq!(error.status(), Some(http::StatusCode::UNAUTHORIZED));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

/// A provider whose token server is down.
struct Down;

#[async_trait]
impl CredentialProvider for Down {
    async fn credential(&self) -> Result<Credential, CredentialError> {
        Err(CredentialError::provider("the token server answered 503"))
    }
}

#[tokio::test]
async fn a_provider_that_fails_ends_the_call_before_anything_is_sent() {
    let server = MockServer::start().await;
    let client = Client::builder()
        .credentials(Down)
        .base_url(server.uri())
        .build()
        .unwrap();

    let error = client.get_thing("t-1").await.unwrap_err();

    assert!(matches!(error, Error::Credential(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "request not sent: `get_thing` could not get a credential: the token server answered 503"
    );
    assert!(!error.may_have_been_applied());
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_provider_is_asked_before_every_attempt() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(thing("t-1"))
        .mount(&server)
        .await;
    struct Rotating(AtomicU32);
    #[async_trait]
    impl CredentialProvider for Rotating {
        async fn credential(&self) -> Result<Credential, CredentialError> {
            let n = self.0.fetch_add(1, Ordering::SeqCst);
            Ok(Credential::api_key(format!("key-{n}")))
        }
    }
    let client = Client::builder()
        .credentials(Rotating(AtomicU32::new(1)))
        .base_url(server.uri())
        .retry_policy(heygen_api::RetryPolicy::instant())
        .build()
        .unwrap();

    client.get_thing("t-1").await.unwrap();

    let keys: Vec<_> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| request.headers.get("x-api-key").unwrap().clone())
        .collect();
    assert_eq!(keys, ["key-1", "key-2"]);
}

/// A server on another port (another origin) that records whatever reaches it.
async fn elsewhere() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(thing("stolen"))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(thing("stolen"))
        .mount(&server)
        .await;
    server
}

/// A server that answers every request with `status` and a `Location` on `target`.
async fn redirecting(status: u16, target: &MockServer) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(path("/v3/things/t-1"))
        .respond_with(
            ResponseTemplate::new(status)
                .insert_header("location", format!("{}/landing?sig=s3cr3t", target.uri())),
        )
        .mount(&server)
        .await;
    server
}

/// Asserts that `error` is the refused redirect to `target`, named without its query.
fn assert_refused_redirect(error: &Error, status: u16, target: &MockServer) {
    assert_eq!(
        error.status().map(|s| s.as_u16()),
        Some(status),
        "{error:?}"
    );
    let shown = error.to_string();
    assert!(shown.contains("redirects are not followed"), "{shown}");
    // One clause after the status, not a second colon.
    assert!(
        shown.contains(", and redirects are not followed: this answer redirects to `"),
        "{shown}"
    );
    assert!(
        shown.contains(&format!("`{}/landing`", target.uri())),
        "{shown}"
    );
    assert!(!shown.contains("s3cr3t"), "{shown}");
}

#[tokio::test]
async fn a_redirect_is_refused_with_the_crates_own_client() {
    for status in [301, 302, 303, 307, 308] {
        let other = elsewhere().await;
        let server = redirecting(status, &other).await;
        let client = builder(&server.uri()).build().unwrap();

        let error = client.get_thing("t-1").await.unwrap_err();
        assert_refused_redirect(&error, status, &other);
        let body = NewThing { name: "n".into() };
        let error = client.replace_thing("t-1", &body).await.unwrap_err();
        assert_refused_redirect(&error, status, &other);

        assert!(other.received_requests().await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn a_redirect_is_refused_with_a_users_plain_reqwest_builder() {
    // A builder left at reqwest's defaults would follow up to 10 redirects.
    for credential in [Credential::api_key(API_KEY), Credential::bearer("tok-9f")] {
        let other = elsewhere().await;
        let server = redirecting(302, &other).await;
        let provider = Fixed(credential);
        let client = Client::builder()
            .credentials(provider)
            .base_url(server.uri())
            .http_client(reqwest::Client::builder())
            .build()
            .unwrap();

        let error = client.get_thing("t-1").await.unwrap_err();

        assert_refused_redirect(&error, 302, &other);
        assert!(other.received_requests().await.unwrap().is_empty());
    }
}

/// A fixed credential given through the provider interface.
struct Fixed(Credential);

#[async_trait]
impl CredentialProvider for Fixed {
    async fn credential(&self) -> Result<Credential, CredentialError> {
        Ok(self.0.clone())
    }
}

/// A user middleware that follows redirects itself, copying the request's headers: the one way
/// left for a credential to reach another origin, if the stack added it before middleware ran.
struct FollowRedirects;

#[async_trait]
impl Middleware for FollowRedirects {
    async fn handle(
        &self,
        request: reqwest::Request,
        extensions: &mut http::Extensions,
        next: Next<'_>,
    ) -> MiddlewareResult {
        let again = request.try_clone();
        let response = next.clone().run(request, extensions).await?;
        match (response.status().is_redirection(), again) {
            (true, Some(mut again)) => {
                let location = response.headers()["location"].to_str().unwrap();
                let target = again.url().join(location).unwrap();
                *again.url_mut() = target;
                next.run(again, extensions).await
            }
            _ => Ok(response),
        }
    }
}

#[tokio::test]
async fn a_middleware_that_follows_a_redirect_to_another_origin_gets_no_credential() {
    for credential in [Credential::api_key(API_KEY), Credential::bearer("tok-9f")] {
        let other = elsewhere().await;
        let server = redirecting(307, &other).await;
        let client = Client::builder()
            .credentials(Fixed(credential))
            .base_url(server.uri())
            .middleware(FollowRedirects)
            .build()
            .unwrap();

        // The middleware's choice to follow stands: the answer is the other server's.
        let thing = client.get_thing("t-1").await.unwrap();
        assert_eq!(thing.id, "stolen");

        let reached = other.received_requests().await.unwrap();
        assert_eq!(reached.len(), 1);
        assert!(reached[0].headers.get("x-api-key").is_none(), "{reached:?}");
        assert!(
            reached[0].headers.get("authorization").is_none(),
            "{reached:?}"
        );
        // The first server, the API's origin, did get the credential.
        let first = server.received_requests().await.unwrap();
        assert!(
            first[0].headers.contains_key("x-api-key")
                || first[0].headers.contains_key("authorization")
        );
    }
}

/// A middleware that sends every request to another address (a misconfigured proxy rewrite).
struct Rewrite(String);

#[async_trait]
impl Middleware for Rewrite {
    async fn handle(
        &self,
        mut request: reqwest::Request,
        extensions: &mut http::Extensions,
        next: Next<'_>,
    ) -> MiddlewareResult {
        let target = reqwest::Url::parse(&self.0)
            .unwrap()
            .join(request.url().path())
            .unwrap();
        *request.url_mut() = target;
        next.run(request, extensions).await
    }
}

#[tokio::test]
async fn a_middleware_that_rewrites_the_url_to_another_origin_gets_no_credential() {
    let other = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(thing("t-1"))
        .mount(&other)
        .await;
    let client = builder("http://127.0.0.1:9")
        .middleware(Rewrite(other.uri()))
        .build()
        .unwrap();

    client.get_thing("t-1").await.unwrap();

    let reached = other.received_requests().await.unwrap();
    assert_eq!(reached.len(), 1);
    assert!(reached[0].headers.get("x-api-key").is_none());
}
