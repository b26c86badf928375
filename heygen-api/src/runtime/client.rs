//! The client every declared endpoint is called through, and its builder.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use http::{HeaderName, HeaderValue};
use reqwest_middleware::Middleware;
use secrecy::{ExposeSecret, SecretString};

use crate::runtime::credential::{Credential, CredentialProvider, Credentials, REDACTED};
use crate::runtime::endpoint::{EndpointInfo, TimeoutClass};
use crate::runtime::error::{ConfigError, Error, InvalidInput, Result};
use crate::runtime::headers::checked_header;
use crate::runtime::idempotency::IdempotencyKey;
use crate::runtime::middleware::{ApiOrigin, CredentialLayer};
use crate::runtime::retry::RetryPolicy;

/// The API's address when none is configured.
pub const DEFAULT_BASE_URL: &str = "https://api.heygen.com";

/// The environment variable [`Client::from_env`] reads the API key from.
pub const API_KEY_ENV: &str = "HEYGEN_API_KEY";

/// The user agent sent when none is configured: `heygen-rs/<version>`.
pub const DEFAULT_USER_AGENT: &str = concat!("heygen-rs/", env!("CARGO_PKG_VERSION"));

/// The default limit on the size of a response body (8 MiB).
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 8 * 1024 * 1024;

/// A HeyGen API client: credential, base URL, timeouts and retry policy over a `reqwest::Client`.
///
/// Cheap to clone (an `Arc` inside) and shareable across tasks. Every trait declared with
/// `#[api]` (`VideosApi`, ...) is implemented for it.
///
/// ```no_run
/// # async fn run() -> heygen_api::Result<()> {
/// use std::time::Duration;
/// use heygen_api::{Client, RetryPolicy};
///
/// let client = Client::from_env()?; // HEYGEN_API_KEY
/// let patient = Client::builder()
///     .api_key("...")
///     .retry_policy(RetryPolicy::default().max_retries(4))
///     .build()?;
/// let quick = patient.with_timeout(Duration::from_secs(5)); // the same client, 5 s per call
/// # let _ = (client, quick);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<ClientInner>,
    /// A timeout for every call made through this handle, set by [`Client::with_timeout`].
    timeout_override: Option<Duration>,
    /// A deadline for every call made through this handle, set by [`Client::with_deadline`].
    deadline_override: Option<Duration>,
    /// Headers and a one-call `Idempotency-Key` for calls made through this handle.
    call: Option<Arc<CallOptions>>,
}

/// A header name and value, checked.
type Header = (HeaderName, HeaderValue);

/// What [`Client::with_header`] and [`Client::with_idempotency_key`] add to the calls of a handle.
#[derive(Default)]
struct CallOptions {
    headers: Vec<(HeaderName, HeaderValue)>,
    /// The first header that could not be used (its name and the problem), reported by every
    /// call before anything is sent.
    invalid: Option<(String, String)>,
    /// The key for the next `idempotent` call, taken by it; shared by every handle derived from
    /// the one it was given to (`with_header`, `with_timeout`, clones), so that one call uses it.
    key: Arc<Mutex<KeySlot>>,
}

/// A key given for one call: waiting for it, or already used.
#[derive(Default)]
enum KeySlot {
    #[default]
    None,
    Waiting(IdempotencyKey),
    Used,
}

impl CallOptions {
    /// These options for a derived handle: its own headers, the same key slot.
    fn extended(&self) -> CallOptions {
        CallOptions {
            headers: self.headers.clone(),
            invalid: self.invalid.clone(),
            key: self.key.clone(),
        }
    }
}

struct ClientInner {
    /// Builds each attempt's request (the multipart and body encodings are `reqwest`'s).
    http: reqwest::Client,
    /// What each attempt is sent through: the user's middleware, then the credential layer,
    /// then `http`.
    stack: reqwest_middleware::ClientWithMiddleware,
    /// How many middleware the user added (for `Debug`).
    middleware: usize,
    /// Validated, without a trailing slash.
    base_url: String,
    /// `base_url` parsed, once: each request's URL is a copy with its own path and query.
    base: url::Url,
    /// The origin of `base_url`: the only one the credential is ever sent to.
    origin: Arc<ApiOrigin>,
    credentials: Credentials,
    user_agent: HeaderValue,
    timeouts: Timeouts,
    /// The time a call may take across all its attempts, when set.
    deadline: Option<Duration>,
    retry: RetryPolicy,
    max_response_bytes: usize,
    /// Sent with every request, before per-endpoint and per-call headers.
    default_headers: Vec<(HeaderName, HeaderValue)>,
    /// Whether a body that breaks a limit HeyGen documents is refused before it is sent.
    check_limits: bool,
}

fn header_value(value: &str) -> std::result::Result<HeaderValue, http::header::InvalidHeaderValue> {
    HeaderValue::from_str(value)
}

/// The default timeout of each class of request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Timeouts {
    connect: Duration,
    read: Duration,
    write: Duration,
    upload: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(10),
            read: Duration::from_secs(30),
            write: Duration::from_secs(120),
            upload: Duration::from_secs(600),
        }
    }
}

impl Client {
    /// A client with default settings that authenticates with `api_key`.
    pub fn new(api_key: impl Into<String>) -> Result<Self> {
        Client::builder().api_key(api_key).build()
    }

    /// A builder for a client with non-default settings.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client with default settings whose API key is read from `HEYGEN_API_KEY`.
    pub fn from_env() -> Result<Self> {
        Client::builder().api_key_from_env().build()
    }

    /// The same client (sharing connections and settings) whose calls use `timeout` per
    /// attempt, overriding both the class defaults and per-endpoint `timeout_secs`.
    pub fn with_timeout(&self, timeout: Duration) -> Client {
        Client {
            timeout_override: Some(timeout),
            ..self.clone()
        }
    }

    /// The same client whose calls each end within `deadline`, across all their attempts and
    /// the pauses between them (overriding [`ClientBuilder::deadline`]).
    ///
    /// Each attempt gets the shorter of its own timeout and what is left; a retry whose pause
    /// (the policy's backoff, or the server's `Retry-After`) would end after the deadline is
    /// not made. Running out is a [`TransportErrorKind::DeadlineExceeded`]
    /// error that says how many attempts were made and how the last one failed. For a
    /// streamed answer (`ByteStream`, `EventStream`) the deadline covers the wait for it to
    /// start, not the stream.
    ///
    /// [`TransportErrorKind::DeadlineExceeded`]: crate::TransportErrorKind::DeadlineExceeded
    ///
    /// ```no_run
    /// # async fn run(client: heygen_api::Client) -> heygen_api::Result<()> {
    /// use std::time::Duration;
    /// use heygen_api::prelude::*;
    ///
    /// let me = client.with_deadline(Duration::from_secs(5)).get_current_user().await?;
    /// # let _ = me;
    /// # Ok(()) }
    /// ```
    pub fn with_deadline(&self, deadline: Duration) -> Client {
        Client {
            deadline_override: Some(deadline),
            ..self.clone()
        }
    }

    /// The same client whose calls also send the header `name: value` (after the client's
    /// default headers and an endpoint's static ones, which it replaces; before `#[header]`
    /// arguments, which replace it).
    ///
    /// A name the client sets itself (`x-api-key`, `Authorization`, `Idempotency-Key`,
    /// `Content-Type`, `Content-Length`, `Host`) or a value with CR, LF or another control
    /// character makes every call through the handle fail with [`InvalidInput::Header`] before
    /// anything is sent; the value is never repeated in the error.
    ///
    /// ```no_run
    /// # async fn run(client: heygen_api::Client) -> heygen_api::Result<()> {
    /// use heygen_api::prelude::*;
    ///
    /// let traced = client.with_header("X-Trace-Id", "trace-7f3a");
    /// let me = traced.get_current_user().await?;
    /// # let _ = me;
    /// # Ok(()) }
    /// ```
    pub fn with_header(&self, name: impl AsRef<str>, value: impl AsRef<str>) -> Client {
        let mut options = self.call_options();
        match checked_header(name.as_ref(), value.as_ref()) {
            Ok((name, value)) => {
                options.headers.retain(|(existing, _)| *existing != name);
                options.headers.push((name, value));
            }
            Err(InvalidInput::Header { name, problem }) => {
                options.invalid.get_or_insert((name, problem));
            }
            Err(other) => {
                options
                    .invalid
                    .get_or_insert((name.as_ref().to_owned(), other.to_string()));
            }
        }
        self.with_call_options(options)
    }

    /// The same client whose next `idempotent` call sends `key` as its `Idempotency-Key` (on
    /// every retry of that call), for an endpoint declared without a key argument.
    ///
    /// The key is for one call: a second `idempotent` call through the handle (or a clone of it)
    /// fails with [`InvalidInput::IdempotencyKeyUsed`] before anything is sent, rather than
    /// reusing the key and getting the first call's answer replayed. Calls of endpoints that
    /// are not `idempotent` ignore it. A call that also gets a key argument fails with
    /// [`InvalidInput::TwoIdempotencyKeys`].
    ///
    /// ```no_run
    /// # async fn run(client: heygen_api::Client) -> heygen_api::Result<()> {
    /// use heygen_api::prelude::*;
    ///
    /// let key = IdempotencyKey::new("rotate-ep_1-2026-12-01")?;
    /// let rotated = client
    ///     .with_idempotency_key(key)
    ///     .rotate_webhook_secret("ep_1", None)
    ///     .await?;
    /// # let _ = rotated;
    /// # Ok(()) }
    /// ```
    pub fn with_idempotency_key(&self, key: IdempotencyKey) -> Client {
        let mut options = self.call_options();
        // A slot of its own: the key is for the next call through this handle only.
        options.key = Arc::new(Mutex::new(KeySlot::Waiting(key)));
        self.with_call_options(options)
    }

    fn call_options(&self) -> CallOptions {
        self.call
            .as_deref()
            .map(CallOptions::extended)
            .unwrap_or_default()
    }

    fn with_call_options(&self, options: CallOptions) -> Client {
        Client {
            call: Some(Arc::new(options)),
            ..self.clone()
        }
    }

    /// The headers every request of this handle carries: the default ones, then the per-call
    /// ones (which replace a default of the same name). Fails with the first unusable one.
    pub(crate) fn extra_headers(
        &self,
    ) -> std::result::Result<(&[Header], &[Header]), InvalidInput> {
        let call: &[Header] = match self.call.as_deref() {
            Some(CallOptions {
                invalid: Some((name, problem)),
                ..
            }) => {
                return Err(InvalidInput::Header {
                    name: name.clone(),
                    problem: problem.clone(),
                });
            }
            Some(options) => &options.headers,
            None => &[],
        };
        Ok((&self.inner.default_headers, call))
    }

    /// The key given with [`Client::with_idempotency_key`] for the call of `endpoint`, taken by
    /// it: `Ok(None)` when there is none, or the endpoint is not `idempotent`.
    pub(crate) fn take_call_key(
        &self,
        endpoint: &EndpointInfo,
    ) -> std::result::Result<Option<IdempotencyKey>, InvalidInput> {
        let Some(options) = self.call.as_deref() else {
            return Ok(None);
        };
        if !endpoint.idempotent {
            return Ok(None);
        }
        let mut slot = options.key.lock().unwrap_or_else(PoisonError::into_inner);
        match std::mem::replace(&mut *slot, KeySlot::Used) {
            KeySlot::Waiting(key) => Ok(Some(key)),
            KeySlot::Used => Err(InvalidInput::IdempotencyKeyUsed),
            KeySlot::None => {
                *slot = KeySlot::None;
                Ok(None)
            }
        }
    }

    /// Whether a key given with [`Client::with_idempotency_key`] waits for a call.
    pub(crate) fn has_call_key(&self) -> bool {
        self.call.as_deref().is_some_and(|options| {
            matches!(
                &*options.key.lock().unwrap_or_else(PoisonError::into_inner),
                KeySlot::Waiting(_)
            )
        })
    }

    /// The base URL requests are sent to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Whether a request body that breaks a limit HeyGen documents (a length, a range, a number of
    /// items, a value HeyGen removed) is refused with [`InvalidInput::Limit`] before it is sent
    /// (the default), or sent for HeyGen to judge. See [`ClientBuilder::check_limits`].
    ///
    /// [`InvalidInput::Limit`]: crate::error::InvalidInput::Limit
    pub fn checks_limits(&self) -> bool {
        self.inner.check_limits
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// The timeout one attempt of `endpoint` gets.
    pub fn timeout_for(&self, endpoint: &EndpointInfo) -> Duration {
        let timeouts = &self.inner.timeouts;
        self.timeout_override
            .or(endpoint.timeout)
            .unwrap_or(match endpoint.timeout_class {
                TimeoutClass::Read => timeouts.read,
                TimeoutClass::Write => timeouts.write,
                TimeoutClass::Upload => timeouts.upload,
            })
    }

    /// The deadline of a call made through this handle, if it has one.
    pub fn deadline(&self) -> Option<Duration> {
        self.deadline_override.or(self.inner.deadline)
    }

    /// How long opening a connection may take.
    pub(crate) fn connect_timeout(&self) -> Duration {
        self.inner.timeouts.connect
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    pub(crate) fn stack(&self) -> &reqwest_middleware::ClientWithMiddleware {
        &self.inner.stack
    }

    /// The URL of an API request: the base URL with `path_and_query` (an encoded path from `/`,
    /// then an optional `?query`) after its path prefix. Only the path and query are parsed;
    /// the scheme and host (the costly part, with IDNA) were parsed once, when the client was
    /// built.
    pub(crate) fn url_for(&self, path_and_query: &str) -> url::Url {
        let (path, query) = match path_and_query.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (path_and_query, None),
        };
        let mut url = self.inner.base.clone();
        // The prefix is the base URL's path without its trailing slash (none at the root).
        match self.inner.base.path().trim_end_matches('/') {
            "" => url.set_path(path),
            prefix => url.set_path(&format!("{prefix}{path}")),
        }
        url.set_query(query);
        url
    }

    pub(crate) fn origin(&self) -> &Arc<ApiOrigin> {
        &self.inner.origin
    }

    /// Whether the user added middleware (without any, attempts skip the stack).
    pub(crate) fn has_middleware(&self) -> bool {
        self.inner.middleware > 0
    }

    pub(crate) fn credentials(&self) -> &Credentials {
        &self.inner.credentials
    }

    pub(crate) fn user_agent(&self) -> &HeaderValue {
        &self.inner.user_agent
    }

    pub(crate) fn max_response_bytes(&self) -> usize {
        self.inner.max_response_bytes
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        let mut debug = f.debug_struct("Client");
        debug.field("base_url", &inner.base_url);
        let (name, shown) = inner.credentials.debug_field();
        debug.field(name, &shown);
        debug
            .field("user_agent", &inner.user_agent)
            .field("timeouts", &inner.timeouts)
            .field("timeout_override", &self.timeout_override)
            .field("deadline", &self.deadline())
            .field("middleware", &inner.middleware)
            .field("retry", &inner.retry)
            .field("max_response_bytes", &inner.max_response_bytes)
            .finish_non_exhaustive()
    }
}

/// Gives generated endpoint methods the [`Client`] to call through.
///
/// Implemented for `Client`; implement it for a type of your own that holds a client to declare
/// endpoints on that type instead.
pub trait AsClient: Send + Sync {
    /// The client calls go through.
    fn client(&self) -> &Client;
}

impl AsClient for Client {
    fn client(&self) -> &Client {
        self
    }
}

/// Configures a [`Client`]. Every setter is infallible; [`ClientBuilder::build`] reports what is
/// invalid.
#[derive(Default)]
pub struct ClientBuilder {
    api_key: Option<SecretString>,
    bearer_token: Option<SecretString>,
    provider: Option<Arc<dyn CredentialProvider>>,
    /// Set when the key was asked from the environment, so that a missing one is named.
    env_problem: Option<String>,
    base_url: Option<String>,
    user_agent: Option<String>,
    timeouts: Timeouts,
    retry: Option<RetryPolicy>,
    http: Option<reqwest::ClientBuilder>,
    middleware: Vec<Arc<dyn Middleware>>,
    deadline: Option<Duration>,
    max_response_bytes: Option<usize>,
    default_headers: Vec<(String, String)>,
    /// `None`: the default, on.
    check_limits: Option<bool>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `"[redacted]"` when set, `None` when not: the secret itself never shows.
        let redact = |secret: &Option<SecretString>| -> &dyn fmt::Debug {
            match secret {
                Some(_) => &REDACTED,
                None => &None::<()>,
            }
        };
        f.debug_struct("ClientBuilder")
            .field("api_key", redact(&self.api_key))
            .field("bearer_token", redact(&self.bearer_token))
            .field("credentials", &self.provider.as_ref().map(|_| "provider"))
            .field("base_url", &self.base_url)
            .field("user_agent", &self.user_agent)
            .field("timeouts", &self.timeouts)
            .field("retry", &self.retry)
            .field("http_client", &self.http.is_some())
            .field("middleware", &self.middleware.len())
            .field("deadline", &self.deadline)
            .field("max_response_bytes", &self.max_response_bytes)
            .field(
                "default_headers",
                &self
                    .default_headers
                    .iter()
                    .map(|(name, _)| name)
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl ClientBuilder {
    /// Authenticates with an API key (`x-api-key` header).
    pub fn api_key(mut self, api_key: impl Into<String>) -> Self {
        self.api_key = Some(SecretString::from(api_key.into()));
        self
    }

    /// Authenticates with the API key in `HEYGEN_API_KEY`; [`build`](ClientBuilder::build)
    /// fails if it is missing or empty.
    pub fn api_key_from_env(mut self) -> Self {
        match api_key_from(std::env::var(API_KEY_ENV)) {
            Ok(key) => {
                self.api_key = Some(key);
                self.env_problem = None;
            }
            Err(problem) => self.env_problem = Some(problem),
        }
        self
    }

    /// Authenticates with an OAuth bearer token (`Authorization: Bearer`).
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.bearer_token = Some(SecretString::from(token.into()));
        self
    }

    /// Authenticates with the credentials `provider` gives: asked before every attempt, and
    /// asked once per call to renew one HeyGen refused with `401` (the call then retries once).
    /// See [`CredentialProvider`] and [`RenewingToken`](crate::RenewingToken).
    pub fn credentials(mut self, provider: impl CredentialProvider) -> Self {
        self.provider = Some(Arc::new(provider));
        self
    }

    /// Sends requests to `url` instead of `https://api.heygen.com` (an `http` or `https` URL,
    /// optionally with a path prefix, without query or fragment).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The `User-Agent` header (default `heygen-rs/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// The timeout of each `GET` attempt (default 30 s).
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.read = timeout;
        self
    }

    /// The timeout of each attempt of other methods (default 120 s).
    pub fn write_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.write = timeout;
        self
    }

    /// The timeout of each multipart upload attempt (default 10 minutes).
    pub fn upload_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.upload = timeout;
        self
    }

    /// Whether a request body that breaks a limit HeyGen documents is refused before it is sent
    /// (default `true`).
    ///
    /// The crate's request types know the limits of HeyGen's September 2026 document (lengths,
    /// ranges, numbers of items, and the values HeyGen removed from an enum); a body that breaks
    /// one fails with [`InvalidInput::Limit`], naming the field and the limit, and nothing is
    /// sent, so a billable create HeyGen would refuse costs nothing. HeyGen stays the judge: when
    /// it loosens a limit before the crate is updated, `check_limits(false)` sends such bodies
    /// as they are. Bodies of your own types are never checked.
    ///
    /// ```
    /// let client = heygen_api::Client::builder()
    ///     .api_key("key")
    ///     .check_limits(false)
    ///     .build()?;
    /// assert!(!client.checks_limits());
    /// # Ok::<(), heygen_api::Error>(())
    /// ```
    ///
    /// [`InvalidInput::Limit`]: crate::error::InvalidInput::Limit
    pub fn check_limits(mut self, check: bool) -> Self {
        self.check_limits = Some(check);
        self
    }

    /// How failed attempts are retried (default [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Builds the HTTP client from `builder` (its proxy, TLS, pool and compression settings)
    /// instead of `reqwest::Client::builder()`.
    ///
    /// It takes a builder, not a built `reqwest::Client`, because the client sets two things
    /// on it that no request can override: redirects are never followed (a followed redirect
    /// would carry the credential to whatever address the `Location` names), and the connect
    /// timeout is [`ClientBuilder::connect_timeout`]. Leave its overall `timeout` unset: it
    /// would cut streamed answers (`ByteStream`, `EventStream`), which the client times per
    /// stall instead.
    ///
    /// ```
    /// let client = heygen_api::Client::builder()
    ///     .api_key("...")
    ///     .http_client(heygen_api::reqwest::Client::builder().pool_max_idle_per_host(4))
    ///     .build()?;
    /// # Ok::<(), heygen_api::Error>(())
    /// ```
    pub fn http_client(mut self, builder: impl HttpClientBuilder) -> Self {
        self.http = Some(builder.into_builder());
        self
    }

    /// Adds a [`reqwest_middleware`] middleware to the stack every attempt goes through, after
    /// (inside) those added before: tracing spans, metrics, caching, request signing.
    ///
    /// Each request a middleware sees carries the endpoint's [`EndpointInfo`] and the
    /// [`Attempt`](crate::Attempt) number in its extensions. The credential is added after all
    /// middleware, and only to requests for the base URL's origin: a middleware never sees it
    /// and cannot send it elsewhere.
    ///
    /// The client's own retry loop decides retries (with the `Idempotency-Key`, `Retry-After`
    /// and "may have been applied" rules); each of its attempts runs the whole stack once. A
    /// retrying middleware inside it would repeat requests the client considers unsafe to
    /// repeat (a `POST` without a key) and multiply the attempts: leave retries to the client,
    /// or set [`RetryPolicy::none`] here if the middleware must retry.
    ///
    /// ```
    /// use heygen_api::reqwest_middleware::{Middleware, Next, Result};
    ///
    /// struct Tag;
    ///
    /// #[heygen_api::async_trait]
    /// impl Middleware for Tag {
    ///     async fn handle(
    ///         &self,
    ///         mut request: heygen_api::reqwest::Request,
    ///         extensions: &mut heygen_api::http::Extensions,
    ///         next: Next<'_>,
    ///     ) -> Result<heygen_api::reqwest::Response> {
    ///         let team = heygen_api::http::HeaderValue::from_static("video");
    ///         request.headers_mut().insert("x-team", team);
    ///         next.run(request, extensions).await
    ///     }
    /// }
    ///
    /// let client = heygen_api::Client::builder().api_key("...").middleware(Tag).build()?;
    /// # Ok::<(), heygen_api::Error>(())
    /// ```
    pub fn middleware(self, middleware: impl Middleware) -> Self {
        self.middleware_arc(Arc::new(middleware))
    }

    /// [`ClientBuilder::middleware`] for a middleware already shared.
    pub fn middleware_arc(mut self, middleware: Arc<dyn Middleware>) -> Self {
        self.middleware.push(middleware);
        self
    }

    /// The time each call may take across all its attempts and the pauses between them
    /// (default: none, each attempt has its own timeout). See [`Client::with_deadline`].
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// How long opening a connection may take (default 10 s). Running out is a
    /// [`TransportErrorKind::Connect`](crate::TransportErrorKind::Connect) error (nothing was
    /// sent, so every method may retry it).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.connect = timeout;
        self
    }

    /// A header sent with every request (after the client's own, before an endpoint's static
    /// headers, per-call headers and `#[header]` arguments, which replace it). Calling it again
    /// with the same name replaces the value.
    ///
    /// [`build`](ClientBuilder::build) refuses a name the client sets itself (`x-api-key`,
    /// `Authorization`, `Idempotency-Key`, `Content-Type`, `Content-Length`, `Host`) and a value
    /// with CR, LF or another control character, without repeating the value.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let name = name.into();
        self.default_headers
            .retain(|(existing, _)| !existing.eq_ignore_ascii_case(&name));
        self.default_headers.push((name, value.into()));
        self
    }

    /// The largest response body accepted (default 8 MiB); a larger one is an error, not an
    /// unbounded allocation. Streamed answers (`ByteStream`, `EventStream`) are not held whole
    /// and have no such limit.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = Some(limit);
        self
    }

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<Client> {
        let credentials = match (self.api_key, self.bearer_token, self.provider) {
            (Some(key), None, None) => {
                Credentials::fixed(checked(Credential::api_key(key.expose_secret()))?)
            }
            (None, Some(token), None) => {
                Credentials::fixed(checked(Credential::bearer(token.expose_secret()))?)
            }
            (None, None, Some(provider)) => Credentials::Provider(provider),
            (None, None, None) => {
                return Err(match self.env_problem {
                    Some(problem) => config(&format!(
                        "{problem}; set it to your HeyGen API key, or pass one to ClientBuilder::api_key"
                    )),
                    None => config(
                        "no credential; call ClientBuilder::api_key, bearer_token or credentials",
                    ),
                });
            }
            _ => {
                return Err(config(
                    "more than one credential is set (API key, bearer token, provider); \
                     HeyGen accepts one credential, choose one",
                ));
            }
        };
        let base_url = check_base_url(self.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL))?;
        let user_agent = self.user_agent.as_deref().unwrap_or(DEFAULT_USER_AGENT);
        let user_agent =
            header_value(user_agent).map_err(|_| ConfigError::header_value("user agent"))?;
        let mut default_headers = Vec::with_capacity(self.default_headers.len());
        for (name, value) in &self.default_headers {
            let header = checked_header(name, value)
                .map_err(|invalid| ConfigError::new(format!("default header: {invalid}")))?;
            default_headers.push(header);
        }
        let base = url::Url::parse(&base_url)
            .map_err(|error| config(&format!("base URL `{base_url}` is not a URL: {error}")))?;
        let origin = Arc::new(ApiOrigin::of(&base));
        let http = self
            .http
            .unwrap_or_default()
            // Redirects are never followed: `reqwest` strips `Authorization` on a cross-origin
            // redirect but not `x-api-key`, and the API never redirects.
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(self.timeouts.connect)
            .build()
            .map_err(|error| config(&format!("cannot set up the HTTP client: {error}")))?;
        let middleware = self.middleware.len();
        let stack = self
            .middleware
            .into_iter()
            .fold(
                reqwest_middleware::ClientBuilder::new(http.clone()),
                reqwest_middleware::ClientBuilder::with_arc,
            )
            // Innermost, so that no middleware sees the credential.
            .with(CredentialLayer)
            .build();
        Ok(Client {
            inner: Arc::new(ClientInner {
                http,
                stack,
                middleware,
                base_url,
                base,
                origin,
                credentials,
                user_agent,
                timeouts: self.timeouts,
                deadline: self.deadline,
                retry: self.retry.unwrap_or_default(),
                max_response_bytes: self
                    .max_response_bytes
                    .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
                default_headers,
                check_limits: self.check_limits.unwrap_or(true),
            }),
            timeout_override: None,
            deadline_override: None,
            call: None,
        })
    }
}

/// The API key in the environment variable's value, or what is wrong with it.
fn api_key_from(
    value: std::result::Result<String, std::env::VarError>,
) -> std::result::Result<SecretString, String> {
    match value {
        Ok(key) if !key.trim().is_empty() => Ok(SecretString::from(key)),
        Ok(_) => Err(format!("{API_KEY_ENV} is empty")),
        Err(std::env::VarError::NotPresent) => Err(format!("{API_KEY_ENV} is not set")),
        Err(std::env::VarError::NotUnicode(_)) => Err(format!("{API_KEY_ENV} is not valid UTF-8")),
    }
}

fn config(message: &str) -> Error {
    Error::Config(ConfigError::new(message))
}

/// Rejects an empty credential or one that cannot be a header value, without repeating it.
fn checked(credential: Credential) -> Result<Credential> {
    match credential.problem() {
        Some(problem) => Err(config(&problem)),
        None => Ok(credential),
    }
}

/// What [`ClientBuilder::http_client`] takes: a `reqwest::ClientBuilder`.
///
/// Sealed. A built `reqwest::Client` is not one: its redirect policy is fixed when it is built,
/// and one that follows redirects would send the credential to whatever address a `Location`
/// names.
#[diagnostic::on_unimplemented(
    message = "`http_client` takes a `reqwest::ClientBuilder`, not `{Self}`",
    label = "pass the builder, e.g. `reqwest::Client::builder()`, with your settings",
    note = "a built `reqwest::Client` may follow redirects, which would carry the credential to another address; the client builds it with redirects off"
)]
pub trait HttpClientBuilder: sealed::Sealed {
    #[doc(hidden)]
    fn into_builder(self) -> reqwest::ClientBuilder;
}

impl HttpClientBuilder for reqwest::ClientBuilder {
    fn into_builder(self) -> reqwest::ClientBuilder {
        self
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for reqwest::ClientBuilder {}
}

/// Checks `url` is `http(s)://host[:port][/prefix]` and returns it without a trailing slash.
fn check_base_url(url: &str) -> Result<String> {
    let parsed = url::Url::parse(url)
        .map_err(|error| config(&format!("base URL `{url}` is not a URL: {error}")))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(config(&format!(
            "base URL `{url}` must start with http:// or https://"
        )));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(config(&format!("base URL `{url}` has no host")));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(config(&format!(
            "base URL `{url}` must not have a query or fragment"
        )));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(config(
            "base URL must not hold credentials; use ClientBuilder::api_key or bearer_token",
        ));
    }
    Ok(parsed.as_str().trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_urls_are_the_base_url_with_the_path_and_query_after_its_prefix() {
        let url_for = |base: &str, path_and_query: &str| {
            let client = Client::builder()
                .api_key("k")
                .base_url(base)
                .build()
                .unwrap();
            client.url_for(path_and_query).to_string()
        };
        assert_eq!(
            url_for("https://api.heygen.com", "/v3/videos/a%2Fb?limit=5&t=x+y"),
            "https://api.heygen.com/v3/videos/a%2Fb?limit=5&t=x+y"
        );
        assert_eq!(
            url_for("http://127.0.0.1:8080/proxy/", "/v3/videos"),
            "http://127.0.0.1:8080/proxy/v3/videos"
        );
        assert_eq!(
            url_for("https://api.heygen.com/", "/"),
            "https://api.heygen.com/"
        );
        // The same URL as parsing the whole text, which each request once did.
        for path_and_query in ["/v3/x%20y/%C3%A9", "/v3/a?q=%3F&r=caf%C3%A9", "/v3/a?"] {
            assert_eq!(
                url_for("http://127.0.0.1:9/p", path_and_query),
                url::Url::parse(&format!("http://127.0.0.1:9/p{path_and_query}"))
                    .unwrap()
                    .to_string()
            );
        }
    }

    #[test]
    fn base_urls_are_validated_and_normalised() {
        assert_eq!(
            check_base_url("https://api.heygen.com").unwrap(),
            "https://api.heygen.com"
        );
        assert_eq!(
            check_base_url("http://127.0.0.1:8080/proxy/").unwrap(),
            "http://127.0.0.1:8080/proxy"
        );
        for (bad, says) in [
            ("ftp://example.com", "must start with http:// or https://"),
            ("not a url", "is not a URL"),
            (
                "https://example.com/?a=1",
                "must not have a query or fragment",
            ),
            ("https://user:pw@example.com", "must not hold credentials"),
        ] {
            let message = check_base_url(bad).unwrap_err().to_string();
            assert!(message.contains(says), "{bad}: {message}");
        }
    }

    #[test]
    fn credentials_with_line_breaks_are_rejected_without_echoing_them() {
        let error = Client::new("abc\r\nX-Evil: 1").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid client configuration: the API key is not a valid HTTP header value (it must be visible ASCII, without CR or LF)"
        );
        let error = Client::builder()
            .bearer_token("s3cr3t\n")
            .build()
            .unwrap_err();
        assert!(!error.to_string().contains("s3cr3t"));
    }

    #[test]
    fn the_environment_key_must_be_present_and_not_empty() {
        use std::env::VarError;
        assert_eq!(
            api_key_from(Ok("k-1".into())).unwrap().expose_secret(),
            "k-1"
        );
        assert_eq!(
            api_key_from(Ok(" ".into())).err().unwrap(),
            "HEYGEN_API_KEY is empty"
        );
        assert_eq!(
            api_key_from(Err(VarError::NotPresent)).err().unwrap(),
            "HEYGEN_API_KEY is not set"
        );
        let missing = ClientBuilder {
            env_problem: Some("HEYGEN_API_KEY is not set".into()),
            ..ClientBuilder::default()
        };
        assert_eq!(
            missing.build().unwrap_err().to_string(),
            "invalid client configuration: HEYGEN_API_KEY is not set; \
             set it to your HeyGen API key, or pass one to ClientBuilder::api_key"
        );
    }

    #[test]
    fn a_user_agent_with_a_line_break_is_rejected() {
        let error = Client::builder()
            .api_key("k")
            .user_agent("app\r\nx: y")
            .build()
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid client configuration: the user agent is not a valid HTTP header value (it must be visible ASCII, without CR or LF)"
        );
    }

    #[test]
    fn exactly_one_credential() {
        let both = Client::builder().api_key("k").bearer_token("t").build();
        assert!(format!("{:?}", both.as_ref().err()).contains("more than one credential"));
        assert!(both.unwrap_err().to_string().contains("choose one"));
        let none = Client::builder().build();
        assert!(none.unwrap_err().to_string().contains("no credential"));
        assert!(
            Client::new("  ")
                .unwrap_err()
                .to_string()
                .contains("API key is empty")
        );
    }

    #[test]
    fn timeouts_resolve_call_then_endpoint_then_class() {
        const GET: EndpointInfo = EndpointInfo {
            name: "get",
            method: crate::HttpMethod::Get,
            template: "/x",
            segments: &[],
            idempotent: false,
            paginated: false,
            query: &[],
            body: crate::endpoint::BodyKind::None,
            timeout_class: TimeoutClass::Read,
            timeout: None,
            headers: &[],
        };
        const SLOW: EndpointInfo = EndpointInfo {
            timeout: Some(Duration::from_secs(5)),
            timeout_class: TimeoutClass::Upload,
            ..GET
        };
        let client = Client::builder()
            .api_key("k")
            .read_timeout(Duration::from_secs(3))
            .build()
            .unwrap();
        assert_eq!(client.timeout_for(&GET), Duration::from_secs(3));
        assert_eq!(client.timeout_for(&SLOW), Duration::from_secs(5));
        let quick = client.with_timeout(Duration::from_millis(10));
        assert_eq!(quick.timeout_for(&SLOW), Duration::from_millis(10));
        assert_eq!(client.timeout_for(&GET), Duration::from_secs(3));
        let upload = EndpointInfo {
            timeout: None,
            ..SLOW
        };
        assert_eq!(client.timeout_for(&upload), Duration::from_secs(600));
    }

    #[test]
    fn debug_redacts_the_credential() {
        let client = Client::new("sk-very-secret").unwrap();
        let shown = format!("{client:?}");
        assert!(shown.contains(r#"api_key: "[redacted]""#), "{shown}");
        assert!(!shown.contains("sk-very-secret"));
        let builder = Client::builder().bearer_token("tok-very-secret");
        let shown = format!("{builder:?}");
        assert!(shown.contains(r#"bearer_token: "[redacted]""#), "{shown}");
        assert!(shown.contains("api_key: None"), "{shown}");
        assert!(!shown.contains("tok-very-secret"));
    }
}
