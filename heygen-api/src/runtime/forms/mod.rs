//! How an answer is read, chosen by the declared return type.
//!
//! | declared | the answer is read as | `Accept` |
//! |---|---|---|
//! | `Result<T>` | `{"data": T}`, a JSON object only | `application/json` |
//! | `Result<Json<T>>` | a plain JSON `T`, no envelope | `application/json` |
//! | `Result<()>` | nothing: any success status, the body discarded | `application/json` |
//! | `Result<Bytes>` | the raw body, within the client's size cap | `*/*` |
//! | `Result<String>` | the body as UTF-8 text, within the size cap | `text/plain, */*;q=0.5` |
//! | `Result<ByteStream>` | the body as a stream of chunks, flat memory | `*/*` |
//! | `Result<EventStream<T>>` | server-sent events, each `data` decoded to `T` | `text/event-stream` |
//! | `Result<Response<X>>` | any of the above, with the status, headers, request id, attempts and key | as `X` |
//!
//! ```no_run
//! use heygen_api::response::{ByteStream, EventStream, Json, Response};
//! use heygen_api::{Bytes, Result, endpoint};
//!
//! #[derive(serde::Deserialize)]
//! pub struct Run { pub id: String, pub status: String }
//!
//! #[derive(serde::Deserialize)]
//! pub struct Word { pub text: String }
//!
//! pub trait MyService {
//!     /// A plain JSON array, no `{"data": ...}` around it.
//!     #[endpoint(GET "/runs")]
//!     async fn runs(&self) -> Result<Json<Vec<Run>>>;
//!
//!     /// A file, streamed: memory stays flat however large it is.
//!     #[endpoint(GET "/files/<file_id>")]
//!     async fn download(&self, file_id: &str) -> Result<ByteStream>;
//!
//!     /// The status and headers beside the bytes.
//!     #[endpoint(GET "/thumbnails/<file_id>")]
//!     async fn thumbnail(&self, file_id: &str) -> Result<Response<Bytes>>;
//!
//!     /// Server-sent events until the `end` event, resuming with `Last-Event-ID` if cut.
//!     #[endpoint(GET "/runs/<run_id>/words", end_event = "end", reconnect)]
//!     async fn words(&self, run_id: &str) -> Result<EventStream<Word>>;
//! }
//! ```

mod download;
mod events;

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;

use crate::runtime::client::Client;
use crate::runtime::error::{DecodeProblem, Result};
use crate::runtime::idempotency::IdempotencyKey;
use crate::runtime::request::Request;
use crate::runtime::response::RawResponse;

pub use download::ByteStream;
pub use events::{Event, EventStream};

/// A form an answer can be read as: `()`, [`Json<T>`], [`Bytes`], `String`, [`ByteStream`] and
/// [`EventStream<T>`]. Implemented by this crate only; the `#[endpoint]` macro picks it from the
/// declared return type.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a form an answer can be read as",
    note = "return `Result<T>` for `{{\"data\": T}}`, or one of `()`, `Json<T>`, `Bytes`, `String`, \
            `ByteStream`, `EventStream<T>`, optionally inside `Response<..>`"
)]
pub trait ResponseForm: Sized + Send + 'static {
    /// The `Accept` header the request sends.
    #[doc(hidden)]
    const ACCEPT: &'static str;
    /// Whether the body is handed over unread, as a stream.
    #[doc(hidden)]
    const STREAMED: bool = false;
    /// Reads a success answer.
    #[doc(hidden)]
    fn from_answer(answer: Answer) -> Result<Self>;
}

/// A success answer on its way to a [`ResponseForm`], with what a stream needs to resume.
#[doc(hidden)]
pub struct Answer {
    raw: RawResponse,
    client: Client,
    request: Request,
    events: EventStreamOptions,
}

impl Answer {
    pub(crate) fn new(
        raw: RawResponse,
        client: Client,
        request: Request,
        events: EventStreamOptions,
    ) -> Self {
        Answer {
            raw,
            client,
            request,
            events,
        }
    }
}

/// What an `EventStream` declaration said: its terminal event, and whether to resume.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[doc(hidden)]
pub struct EventStreamOptions {
    pub(crate) end_event: Option<&'static str>,
    pub(crate) reconnect: bool,
}

/// A plain JSON answer, without the `{"data": ...}` envelope: `Result<Json<Vec<Run>>>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    /// The decoded value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Json<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + Send + 'static> ResponseForm for Json<T> {
    const ACCEPT: &'static str = "application/json";

    fn from_answer(answer: Answer) -> Result<Self> {
        let raw = answer.raw;
        let decoded = if raw.is_blank() {
            Err(DecodeProblem::Empty)
        } else {
            serde_json::from_slice::<T>(&raw.body).map_err(DecodeProblem::Json)
        };
        match decoded {
            Ok(value) => Ok(Json(value)),
            Err(problem) => Err(raw.decode_error(problem)),
        }
    }
}

/// Nothing is read: any success status is the answer.
impl ResponseForm for () {
    const ACCEPT: &'static str = "application/json";

    fn from_answer(_: Answer) -> Result<Self> {
        Ok(())
    }
}

/// The raw body, within the client's `max_response_bytes`.
impl ResponseForm for Bytes {
    const ACCEPT: &'static str = "*/*";

    fn from_answer(answer: Answer) -> Result<Self> {
        Ok(answer.raw.body.clone())
    }
}

/// The body as UTF-8 text, within the client's `max_response_bytes`.
impl ResponseForm for String {
    const ACCEPT: &'static str = "text/plain, */*;q=0.5";

    fn from_answer(answer: Answer) -> Result<Self> {
        let raw = answer.raw;
        match std::str::from_utf8(&raw.body) {
            Ok(text) => Ok(text.to_owned()),
            Err(error) => Err(raw.decode_error(DecodeProblem::NotText(error))),
        }
    }
}

/// What came with a success answer besides its value: [`Response::meta`].
#[derive(Clone)]
pub struct ResponseMeta {
    operation: &'static str,
    status: StatusCode,
    headers: HeaderMap,
    request_id: Option<String>,
    attempts: u32,
    idempotency_key: Option<IdempotencyKey>,
}

impl ResponseMeta {
    pub(crate) fn of(raw: &RawResponse) -> Self {
        ResponseMeta {
            operation: raw.operation,
            status: raw.status,
            headers: raw.headers.clone(),
            request_id: raw.request_id.clone(),
            attempts: raw.attempts,
            idempotency_key: raw.idempotency_key.clone(),
        }
    }

    /// The endpoint's method name.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The success status (`200`, `201`, `204`, ...).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers (rate-limit headers, `ETag`, ...).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The `X-Request-Id` response header (kept lossily when not ASCII).
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// How many attempts the call took (1 when the first succeeded).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The `Idempotency-Key` the request carried.
    pub fn idempotency_key(&self) -> Option<&IdempotencyKey> {
        self.idempotency_key.as_ref()
    }
}

impl fmt::Debug for ResponseMeta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header names only: a value may carry something not meant for logs.
        f.debug_struct("ResponseMeta")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .field("request_id", &self.request_id)
            .field("attempts", &self.attempts)
            .field("idempotency_key", &self.idempotency_key)
            .finish()
    }
}

/// A value with the answer it came in: `Result<Response<Video>>`, `Result<Response<Bytes>>`.
///
/// ```no_run
/// # use heygen_api::{Result, endpoint, response::Response};
/// # #[derive(serde::Deserialize)] pub struct Quota { pub remaining: u64 }
/// pub trait Billing {
///     #[endpoint(GET "/v2/user/remaining_quota")]
///     async fn quota(&self) -> Result<Response<Quota>>;
/// }
/// impl Billing for heygen_api::Client {}
///
/// # async fn run(client: heygen_api::Client) -> Result<()> {
/// let answer = client.quota().await?;
/// let limit = answer.meta().headers().get("x-ratelimit-remaining");
/// println!("{:?} {:?} {}", answer.meta().request_id(), limit, answer.value().remaining);
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct Response<T> {
    meta: ResponseMeta,
    value: T,
}

impl<T> Response<T> {
    pub(crate) fn new(meta: ResponseMeta, value: T) -> Self {
        Response { meta, value }
    }

    /// The status, headers, request id, attempts and key.
    pub fn meta(&self) -> &ResponseMeta {
        &self.meta
    }

    /// The value.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The value, dropping the rest.
    pub fn into_value(self) -> T {
        self.value
    }

    /// The answer's parts and the value.
    pub fn into_parts(self) -> (ResponseMeta, T) {
        (self.meta, self.value)
    }
}

/// The stall timeout of a streamed answer: the endpoint's timeout for one attempt.
fn stall_timeout(client: &Client, request: &Request) -> Duration {
    client.timeout_for(request.info)
}
