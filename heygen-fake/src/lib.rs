//! A fake of HeyGen's API for tests and offline examples: an embedded server on loopback.
//!
//! [`LocalServer::start`] binds `127.0.0.1` on a free port and serves, with real state:
//!
//! - every operation `heygen-api` declares: what a create
//!   makes gets an id and is read, listed page by page, updated and deleted (an id never created
//!   is a `404`); a collection HeyGen fills itself (voices, templates) answers every id; jobs move
//!   through their statuses on the server's [`Clock`] ([`LocalServer::advance`]), fail on demand
//!   ([`LocalServer::fail_next_job`], [`LocalServer::fail_next_video`]) and deliver their end's
//!   webhook event, signed, by real HTTP, retried when refused; direct uploads go to the server's
//!   own storage; an Avatar Realtime session speaks its text on the word stream; every answer
//!   is valid against HeyGen's spec;
//! - the webhook group (`/v3/webhooks/...`): endpoints can be created, listed page by page
//!   (`limit`, `next_token`), updated, deleted and have their secret rotated (`whsec_...`, the old
//!   one invalid at once); event types and the history of test deliveries can be listed;
//! - HeyGen's conventions: the API key in `x-api-key` or as a bearer token (else `401
//!   authentication_failed`), bodies `{"data": ...}` and errors
//!   `{"error": {"code", "message", "param", "doc_url"}}` (`400 invalid_parameter` naming the
//!   `param`, `404 webhook_not_found`), an `X-Request-Id` on every answer, and `Idempotency-Key`
//!   on POST: a repeat within 24 hours replays the stored answer, a repeat while the original is
//!   still running gets `409 request_in_progress` (the scope is method, path and key; only
//!   successful answers are stored).
//!
//! [`LocalServer::deliver_test_event`] makes a delivery signed with an endpoint's current secret,
//! so that webhook handling code can be tested end to end without HeyGen, and
//! [`LocalServer::hold_requests`] holds requests in flight so that concurrent behaviour can be
//! tested deterministically, and [`LocalServer::inject_faults`] makes requests fail (refused,
//! delayed, or broken after being applied) so that a client's retries can be tested end to end.
//!
//! The server stops when the [`LocalServer`] is dropped.
//!
//! ```
//! use heygen_api::Client;
//! use heygen_fake::LocalServer;
//! use heygen_api::webhooks::{
//!     CreateWebhookEndpointRequest, WebhookEventType, WebhookVerifier, WebhooksApi, header_map_lookup,
//! };
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let server = LocalServer::start().await?;
//! let client = Client::builder()
//!     .api_key(server.api_key())
//!     .base_url(server.base_url())
//!     .build()?;
//!
//! // The code under test registers an endpoint and keeps its secret...
//! let request = CreateWebhookEndpointRequest::new("https://example.com/hooks");
//! let endpoint = client.create_webhook_endpoint(&request, None).await?;
//! let verifier = WebhookVerifier::new(endpoint.secret.expect("returned on create"));
//!
//! // ...and handles deliveries: give it one signed the way HeyGen signs them.
//! let (body, headers) =
//!     server.deliver_test_event(&endpoint.endpoint_id, WebhookEventType::AvatarVideoSuccess)?;
//! let delivery = verifier.verify(&body, header_map_lookup(&headers))?;
//! assert_eq!(delivery.event.event_type, WebhookEventType::AvatarVideoSuccess);
//! # Ok(())
//! # }
//! ```

mod access;
mod assets;
mod clock;
mod courier;
mod envelope;
mod faults;
mod hold;
mod idempotency;
mod mock;
mod operations;
mod page;
mod simulated;
mod timestamp;
mod videos;
mod webhooks;

pub use clock::Clock;
pub use faults::{Fault, FaultPlan};
pub use hold::HeldRequests;
pub use mock::{Call, Expectation, MOCK_API_KEY, MockServer};

use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::Router;
use axum::middleware::from_fn_with_state;
use http::HeaderMap;
use secrecy::{ExposeSecret, SecretString};
use tokio::sync::oneshot;

use assets::AssetStore;
use clock::SimClock;
use courier::Courier;
use faults::FaultInjector;
use heygen_api::webhooks::WebhookEventType;
use hold::Gate;
use idempotency::IdempotencyStore;
use simulated::Simulation;
use videos::VideoStore;
use webhooks::WebhookStore;

/// A HeyGen-like API server on `127.0.0.1`, running until dropped.
pub struct LocalServer {
    address: SocketAddr,
    api_key: Arc<SecretString>,
    webhooks: Arc<WebhookStore>,
    clock: Arc<SimClock>,
    courier: Arc<Courier>,
    videos: Arc<VideoStore>,
    simulation: Arc<Simulation>,
    gate: Arc<Gate>,
    faults: Arc<FaultInjector>,
    shutdown: Option<oneshot::Sender<()>>,
}

impl LocalServer {
    /// Starts a server with a random API key (see [`api_key`](Self::api_key)) on a free port.
    ///
    /// Must be called within a Tokio runtime, which runs the server.
    pub async fn start() -> Result<LocalServer, LocalServerError> {
        LocalServer::builder().start().await
    }

    /// Configures a server before starting it.
    pub fn builder() -> LocalServerBuilder {
        LocalServerBuilder {
            api_key: None,
            clock: Clock::default(),
        }
    }

    /// The base URL to give the client (`http://127.0.0.1:<port>`, without a trailing slash).
    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The address the server listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The API key the server accepts, in `x-api-key` or as a bearer token.
    pub fn api_key(&self) -> &str {
        self.api_key.expose_secret()
    }

    /// A delivery of a test event of `event_type` to the endpoint `endpoint_id`, as HeyGen would
    /// POST it: the body bytes and the headers (`Heygen-Signature` made with the endpoint's
    /// current secret, `Heygen-Timestamp` now, a fresh `Heygen-Event-Id`, `Content-Type`).
    ///
    /// The event is added to the history listed by `GET /v3/webhooks/events`, under the
    /// endpoint's `entity_id` if it has one. Its `event_data` is
    /// `{"endpoint_id": "<endpoint_id>", "test": true}`. Nothing is sent over the network.
    ///
    /// Fails if the endpoint does not exist or is not subscribed to `event_type`.
    pub fn deliver_test_event(
        &self,
        endpoint_id: &str,
        event_type: WebhookEventType,
    ) -> Result<(Vec<u8>, HeaderMap), LocalServerError> {
        self.webhooks.test_delivery(endpoint_id, event_type)
    }

    /// Holds every request, once authenticated and past the Idempotency-Key check, until the
    /// returned guard is released or dropped.
    ///
    /// This puts a request deterministically "in flight", for instance to show that a second
    /// request with the same Idempotency-Key gets `409 request_in_progress`. Requests still held
    /// when the server is dropped finish once the guard is dropped too.
    pub fn hold_requests(&self) -> HeldRequests {
        HeldRequests::new(Arc::clone(&self.gate))
    }

    /// Moves a [`Clock::Stepped`] server's time on by `by`: jobs (videos, translations,
    /// renders, ...) advance through their statuses (5 s starting, such as `pending`, then 30 s
    /// running, such as `processing`), and each one that ends has its webhook event delivered to
    /// the endpoints registered for it.
    pub fn advance(&self, by: std::time::Duration) {
        self.clock.advance(by);
        self.videos.sweep();
        self.simulation.sweep();
    }

    /// The next video created fails (status `failed` with HeyGen's `code` and `message`, and an
    /// `avatar_video.fail` delivery) instead of completing.
    pub fn fail_next_video(&self, code: &str, message: &str) {
        self.videos.fail_next(code, message);
    }

    /// The next job that `operation` (a declared method's name, such as
    /// `create_video_translation` or `create_hyperframes_render`) creates fails: its status ends
    /// as the failed one, its answer carries `code` and `message` where it reports failures, and
    /// its `.fail` event is delivered. For videos, use [`fail_next_video`](Self::fail_next_video).
    ///
    /// Refused with [`LocalServerError::NotAJob`] when no simulated operation of that name
    /// creates a job that can fail.
    pub fn fail_next_job(
        &self,
        operation: &str,
        code: &str,
        message: &str,
    ) -> Result<(), LocalServerError> {
        if self.simulation.fail_next(operation, code, message) {
            Ok(())
        } else {
            Err(LocalServerError::NotAJob(operation.to_owned()))
        }
    }

    /// How many webhook deliveries the receivers acknowledged with a 2xx.
    pub fn webhook_deliveries_acknowledged(&self) -> u64 {
        self.courier.acknowledged()
    }

    /// How many resources the simulated operations hold (created and not deleted), beside the
    /// videos, assets and webhook endpoints.
    pub fn simulated_resources(&self) -> usize {
        self.simulation.resources()
    }

    /// Injects the faults of `plan` into the requests that follow, replacing any earlier plan.
    ///
    /// Authenticated requests get at most one fault each: refused or delayed before being handled,
    /// or failed, broken or delayed after being applied (see [`Fault`]). A plan naming, in
    /// [`FaultPlan::only_for`], an operation the crate does not declare (a misspelling would
    /// inject nothing) is refused with [`LocalServerError::UnknownOperations`], and the previous
    /// plan stays in force.
    pub fn inject_faults(&self, plan: FaultPlan) -> Result<(), LocalServerError> {
        let unknown = plan.unknown_operations();
        if !unknown.is_empty() {
            return Err(LocalServerError::UnknownOperations(unknown));
        }
        self.faults.inject(plan);
        Ok(())
    }

    /// Stops injecting faults; [`injected_faults`](Self::injected_faults) still reports the last
    /// plan's counts.
    pub fn clear_faults(&self) {
        self.faults.clear();
    }

    /// Each fault of the last plan given to [`inject_faults`](Self::inject_faults), with how
    /// many times it was injected.
    pub fn injected_faults(&self) -> Vec<(Fault, u64)> {
        self.faults.injected()
    }

    /// How many requests arrived, answered or not (for instance to check that a cancelled call
    /// sends nothing more).
    pub fn requests_received(&self) -> u64 {
        self.faults.received()
    }
}

impl fmt::Debug for LocalServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LocalServer")
            .field("address", &self.address)
            .field("api_key", &"[redacted]")
            .finish_non_exhaustive()
    }
}

impl Drop for LocalServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            // The server task may already be gone with its runtime; nothing left to stop then.
            let _ = shutdown.send(());
        }
    }
}

/// Settings of a [`LocalServer`] before it starts.
pub struct LocalServerBuilder {
    api_key: Option<SecretString>,
    clock: Clock,
}

impl LocalServerBuilder {
    /// The API key the server accepts (a random one by default).
    pub fn api_key(mut self, api_key: impl Into<String>) -> Self {
        self.api_key = Some(SecretString::from(api_key.into()));
        self
    }

    /// How time passes for simulated jobs (default [`Clock::Instant`]).
    pub fn clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// Binds `127.0.0.1` on a free port and starts serving on the current Tokio runtime.
    pub async fn start(self) -> Result<LocalServer, LocalServerError> {
        let api_key = Arc::new(self.api_key.unwrap_or_else(|| {
            SecretString::from(format!("hg_local_{}", uuid::Uuid::new_v4().simple()))
        }));
        let webhooks = Arc::new(WebhookStore::default());
        let clock = Arc::new(SimClock::new(self.clock));
        let courier = Arc::new(Courier::new(Arc::clone(&webhooks)));
        let videos = Arc::new(VideoStore::new(Arc::clone(&clock), Arc::clone(&courier)));
        let served_elsewhere = videos::ROUTES.into_iter().chain(assets::ROUTES).collect();
        let simulation = Arc::new(Simulation::new(
            Arc::clone(&clock),
            Arc::clone(&courier),
            Arc::clone(&videos),
            served_elsewhere,
        ));
        let gate = Arc::new(Gate::new());
        let faults = Arc::new(FaultInjector::default());
        let app = app(
            Arc::clone(&api_key),
            Arc::clone(&webhooks),
            Arc::clone(&videos),
            Arc::clone(&simulation),
            Arc::clone(&gate),
            Arc::clone(&faults),
        );
        if self.clock == Clock::RealTime {
            // Jobs end on the wall clock whether or not anyone asks about them.
            let weak = Arc::downgrade(&videos);
            let weak_simulation = Arc::downgrade(&simulation);
            tokio::spawn(async move {
                while let (Some(videos), Some(simulation)) =
                    (weak.upgrade(), weak_simulation.upgrade())
                {
                    videos.sweep();
                    simulation.sweep();
                    drop((videos, simulation));
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
            });
        }

        let (address, shutdown) = serve_on_loopback(app).await?;
        Ok(LocalServer {
            address,
            api_key,
            webhooks,
            clock,
            courier,
            videos,
            simulation,
            gate,
            faults,
            shutdown: Some(shutdown),
        })
    }
}

impl fmt::Debug for LocalServerBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LocalServerBuilder")
            .field("api_key", &self.api_key.as_ref().map(|_| "[redacted]"))
            .field("clock", &self.clock)
            .finish()
    }
}

/// Serves `app` on a free port of `127.0.0.1` on the current Tokio runtime, until the returned
/// sender is used or dropped.
pub(crate) async fn serve_on_loopback(
    app: Router,
) -> Result<(SocketAddr, oneshot::Sender<()>), LocalServerError> {
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .await
        .map_err(LocalServerError::Bind)?;
    let address = listener.local_addr().map_err(LocalServerError::Bind)?;
    let (shutdown, stop) = oneshot::channel::<()>();
    tokio::spawn(async move {
        let stopped = async {
            let _ = stop.await;
        };
        if let Err(error) = axum::serve(listener, app)
            .with_graceful_shutdown(stopped)
            .await
        {
            tracing::warn!(%error, "a local server stopped with an error");
        }
    });
    Ok((address, shutdown))
}

/// The whole application: one router per API group, under the layers every request goes through.
fn app(
    api_key: Arc<SecretString>,
    webhooks: Arc<WebhookStore>,
    videos: Arc<VideoStore>,
    simulation: Arc<Simulation>,
    gate: Arc<Gate>,
    faults: Arc<FaultInjector>,
) -> Router {
    // Add further API groups here, one `merge` each.
    let assets = Arc::new(AssetStore::default());
    let groups = Router::new()
        .merge(webhooks::router(webhooks))
        .merge(videos::router(videos))
        .merge(assets::router(Arc::clone(&assets)))
        .merge(simulated::router(simulation));

    // Layers run outermost (added last) first: request id, the request count, authentication,
    // the faults that act after handling (outside the Idempotency-Key check, so the answer they
    // spoil is stored), Idempotency-Key, the hold gate, then the faults that act before handling
    // (on claimed requests) right before the handler.
    groups
        .fallback(envelope::route_not_found)
        .method_not_allowed_fallback(envelope::wrong_method)
        .layer(axum::middleware::from_fn(faults::before_handling))
        .layer(from_fn_with_state(gate, hold::hold))
        .layer(from_fn_with_state(
            Arc::new(IdempotencyStore::default()),
            idempotency::idempotency,
        ))
        .layer(from_fn_with_state(
            Arc::clone(&faults),
            faults::around_idempotency,
        ))
        .layer(from_fn_with_state(api_key, access::authenticate))
        .layer(from_fn_with_state(faults, faults::count_received))
        .layer(axum::middleware::from_fn(access::request_id))
        // Storage, outside the API's layers: presigned URLs take no API key.
        .merge(assets::storage_router(assets))
}

/// What can go wrong with a [`LocalServer`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LocalServerError {
    /// The server could not listen on loopback.
    #[error("local server could not bind 127.0.0.1: {0}")]
    Bind(#[source] std::io::Error),
    /// No endpoint has this id (never created, or deleted).
    #[error("no webhook endpoint {0:?} on the local server")]
    UnknownEndpoint(String),
    /// The endpoint does not subscribe to this event type, so HeyGen would not deliver it there.
    #[error("webhook endpoint {endpoint_id:?} is not subscribed to {event_type}")]
    NotSubscribed {
        /// The endpoint.
        endpoint_id: String,
        /// The event type it does not receive.
        event_type: WebhookEventType,
    },
    /// A fault plan names operations the crate does not declare.
    #[error("no declared operation is named {}", .0.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", "))]
    UnknownOperations(Vec<String>),
    /// No simulated operation of this name creates a job that can fail.
    #[error(
        "`{0}` is not a simulated operation that creates a job with a failed status (for videos, use fail_next_video)"
    )]
    NotAJob(String),
    /// A delivery could not be built (a bug in the local server).
    #[error("local server could not build the delivery: {0}")]
    Internal(String),
}
