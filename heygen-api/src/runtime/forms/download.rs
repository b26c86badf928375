//! A streamed body: a download read chunk by chunk, in flat memory.

use std::fmt;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use http::StatusCode;

use super::{Answer, ResponseForm, stall_timeout};
use crate::runtime::error::{Error, Phase, Result, Source, TransportError, TransportErrorKind};
use crate::runtime::idempotency::IdempotencyKey;
use crate::runtime::response::RawResponse;

/// The body of an answer as a stream of chunks: `Result<ByteStream>`, for downloads of any size.
///
/// Memory stays flat (one chunk at a time, no size cap applies). The endpoint's timeout applies
/// to a stall, each wait for the next chunk, not to the whole download. A failure mid-stream is
/// an [`Error::Transport`] whose [`TransportError::bytes_received`] says how far it got; the
/// stream ends after it.
///
/// ```no_run
/// # use heygen_api::{Result, endpoint, response::ByteStream};
/// use futures_util::StreamExt;
/// use tokio::io::AsyncWriteExt;
///
/// pub trait Files {
///     #[endpoint(GET "/files/<file_id>/content")]
///     async fn download(&self, file_id: &str) -> Result<ByteStream>;
/// }
/// impl Files for heygen_api::Client {}
///
/// # async fn run(client: heygen_api::Client) -> std::result::Result<(), Box<dyn std::error::Error>> {
/// let mut body = client.download("f_1").await?;
/// let mut file = tokio::fs::File::create("video.mp4").await?;
/// while let Some(chunk) = body.next().await {
///     file.write_all(&chunk?).await?;
/// }
/// # Ok(()) }
/// ```
pub struct ByteStream {
    inner: Pin<Box<dyn Stream<Item = Result<Bytes>> + Send>>,
    content_length: Option<u64>,
    /// Bytes of the body delivered so far.
    received: Arc<AtomicU64>,
}

impl ByteStream {
    /// The `Content-Length` the server announced, if it did.
    pub fn content_length(&self) -> Option<u64> {
        self.content_length
    }

    /// How many bytes of the body the stream has delivered so far.
    pub fn bytes_received(&self) -> u64 {
        self.received.load(Ordering::Relaxed)
    }

    /// A counter of the bytes delivered, that outlives the stream (an event stream's parser
    /// owns the stream; its errors still say how far the body got).
    pub(crate) fn received_counter(&self) -> Arc<AtomicU64> {
        self.received.clone()
    }

    pub(crate) fn new(mut raw: RawResponse, stall: Duration) -> Self {
        let Some(response) = raw.stream.take().map(|boxed| *boxed) else {
            // A streamed form's answer always carries its unread body; an empty stream if not.
            return ByteStream {
                inner: Box::pin(futures_util::stream::empty()),
                content_length: Some(0),
                received: Arc::default(),
            };
        };
        let content_length = response.content_length();
        let context = StreamContext::of(&raw, stall);
        let received = Arc::new(AtomicU64::new(0));
        let state = State {
            response: Some(response),
            received: received.clone(),
            context,
        };
        let inner = futures_util::stream::unfold(state, |mut state| async move {
            let response = state.response.as_mut()?;
            let next = tokio::time::timeout(state.context.stall, response.chunk()).await;
            let failure = match next {
                Ok(Ok(Some(chunk))) => {
                    state
                        .received
                        .fetch_add(chunk.len() as u64, Ordering::Relaxed);
                    return Some((Ok(chunk), state));
                }
                Ok(Ok(None)) => return None,
                Ok(Err(error)) if error.is_timeout() => (TransportErrorKind::Timeout, Some(error)),
                Ok(Err(error)) => (TransportErrorKind::Interrupted, Some(error)),
                Err(_stalled) => (TransportErrorKind::Timeout, None),
            };
            state.response = None;
            let received = state.received.load(Ordering::Relaxed);
            let error = state.context.error(failure.0, failure.1, received);
            Some((Err(error), state))
        });
        ByteStream {
            // Fused: polled again after its end (or its error), it stays ended.
            inner: Box::pin(inner.fuse()),
            content_length,
            received,
        }
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream")
            .field("content_length", &self.content_length)
            .finish_non_exhaustive()
    }
}

impl ResponseForm for ByteStream {
    const ACCEPT: &'static str = "*/*";
    const STREAMED: bool = true;

    fn from_answer(answer: Answer) -> Result<Self> {
        let stall = stall_timeout(&answer.client, &answer.request);
        Ok(ByteStream::new(answer.raw, stall))
    }
}

/// What a streamed body's errors report.
pub(crate) struct StreamContext {
    operation: &'static str,
    status: StatusCode,
    request_id: Option<String>,
    attempts: u32,
    idempotency_key: Option<IdempotencyKey>,
    /// Whether the request only reads (a `GET`).
    read_only: bool,
    stall: Duration,
}

impl StreamContext {
    pub(crate) fn of(raw: &RawResponse, stall: Duration) -> Self {
        StreamContext {
            operation: raw.operation,
            status: raw.status,
            request_id: raw.request_id.clone(),
            attempts: raw.attempts,
            idempotency_key: raw.idempotency_key.clone(),
            read_only: raw.read_only,
            stall,
        }
    }

    pub(crate) fn status(&self) -> StatusCode {
        self.status
    }

    pub(crate) fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    pub(crate) fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Counts `more` attempts made before this connection (an event stream's reconnections).
    pub(crate) fn add_attempts(&mut self, more: u32) {
        self.attempts += more;
    }

    pub(crate) fn error(
        &self,
        kind: TransportErrorKind,
        source: Option<reqwest::Error>,
        received: u64,
    ) -> Error {
        tracing::debug!(kind = ?kind, received, "streamed body failed");
        let mut error = TransportError::new(
            self.operation,
            kind,
            self.attempts,
            self.idempotency_key.clone(),
        );
        error.status = Some(self.status);
        error.request_id = self.request_id.clone();
        error.source = source.map(|source| Box::new(source.without_url()) as Source);
        error.received = Some(received);
        error.read_only = self.read_only;
        if kind == TransportErrorKind::Timeout {
            // A stall: no byte for the stall timeout.
            error.phase = Some(Phase::ReadingBody);
            error.limit = Some(self.stall);
        }
        Error::Transport(Box::new(error))
    }
}

struct State {
    response: Option<reqwest::Response>,
    received: Arc<AtomicU64>,
    context: StreamContext,
}
