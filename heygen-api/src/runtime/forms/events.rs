//! Server-sent events as a typed stream, parsed by `eventsource-stream`.

use std::any::TypeId;
use std::fmt;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use eventsource_stream::{EventStreamError, Eventsource};
use futures_util::{Stream, StreamExt};
use http::{HeaderName, HeaderValue, StatusCode};
use serde::de::DeserializeOwned;

use super::download::{ByteStream, StreamContext};
use super::{Answer, EventStreamOptions, ResponseForm, stall_timeout};
use crate::runtime::call;
use crate::runtime::client::Client;
use crate::runtime::error::{
    DecodeError, DecodeProblem, Error, Result, TransportErrorKind, body_prefix,
};
use crate::runtime::request::Request;
use crate::runtime::response::RawResponse;

/// A reconnection's error: the stream before it was answered and acted on, whatever the
/// reconnection got.
fn applied(error: Error) -> Error {
    match error {
        Error::Api(mut api) => {
            api.earlier_attempt_may_have_applied = true;
            Error::Api(api)
        }
        Error::Transport(mut transport) => {
            transport.earlier_attempt_may_have_applied = true;
            Error::Transport(transport)
        }
        other => other,
    }
}

/// The header that tells the server where a resumed stream left off.
const LAST_EVENT_ID: HeaderName = HeaderName::from_static("last-event-id");

/// One server-sent event, its `data` decoded to `T`.
#[derive(Debug, Clone, PartialEq)]
pub struct Event<T> {
    id: Option<String>,
    event: String,
    data: T,
    retry: Option<Duration>,
}

impl<T> Event<T> {
    /// The stream's last event id at this event (`id:`; server-sent events carry an id forward to
    /// the events after it), if one was set.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The event's `event:` name (`message` when the server gave none).
    pub fn event(&self) -> &str {
        &self.event
    }

    /// The decoded `data:`.
    pub fn data(&self) -> &T {
        &self.data
    }

    /// The decoded `data:`, dropping the rest.
    pub fn into_data(self) -> T {
        self.data
    }

    /// The `retry:` the server asked for before a reconnection, if it did.
    pub fn retry(&self) -> Option<Duration> {
        self.retry
    }
}

/// An answer of server-sent events (`text/event-stream`): `Result<EventStream<T>>`.
///
/// Each event's `data` is decoded as JSON into `T`; `EventStream<String>` takes it as the text it
/// is. Comments and keep-alives are skipped. The
/// stream ends at the end of the body, or at the terminal event the declaration names
/// (`end_event = "end"`, not yielded). With `reconnect` declared, a stream cut before its end
/// is resumed by sending the request again with `Last-Event-ID` (only where repeating the
/// request is safe: a GET, or a keyed POST; and only while every event so far had an id to
/// resume after, so nothing is replayed), through the client's retry
/// policy (at most its retries in a row without a new event; `retry:` from the server replaces
/// the backoff). With `reconnect`, a body that simply ends is resumed too: a server ends such a
/// stream for good with the declared `end_event`, or by answering a reconnection with `204 No
/// Content`. Each wait for the next bytes is bounded by the endpoint's timeout, which the
/// server's keep-alives reset. An answer that is not `text/event-stream` is a
/// [`DecodeProblem::EventStream`] error naming its content type; an event larger than the
/// client's `max_response_bytes` is a [`DecodeProblem::TooLarge`] error.
pub struct EventStream<T> {
    inner: Pin<Box<dyn Stream<Item = Result<Event<T>>> + Send>>,
    /// The `data` of the terminal event, once the stream ended with it.
    end: Arc<Mutex<Option<String>>>,
}

impl<T> EventStream<T> {
    /// The `data` of the declared terminal event (`end_event`), once the stream has ended with
    /// it: why it ended, for a server that says (Avatar Realtime's word stream sends
    /// `{"reason": "final_marker"}`, `"idle_timeout"`, `"error"` or `"completed"`). `None` before
    /// the end, and for a stream that ended otherwise.
    ///
    /// ```no_run
    /// # async fn run(client: heygen_api::Client) -> heygen_api::Result<()> {
    /// use futures_util::TryStreamExt as _;
    /// use heygen_api::avatar_realtime::AvatarRealtimeApi as _;
    ///
    /// let mut words = client.stream_avatar_realtime_words("stream_1").await?;
    /// while let Some(batch) = words.try_next().await? {
    ///     println!("{:?}", batch.data().words);
    /// }
    /// println!("ended: {:?}", words.end_data());
    /// # Ok(()) }
    /// ```
    pub fn end_data(&self) -> Option<String> {
        self.end
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }
}

impl<T> Stream for EventStream<T> {
    type Item = Result<Event<T>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl<T> fmt::Debug for EventStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream").finish_non_exhaustive()
    }
}

impl<T: DeserializeOwned + Send + 'static> ResponseForm for EventStream<T> {
    const ACCEPT: &'static str = "text/event-stream";
    const STREAMED: bool = true;

    fn from_answer(answer: Answer) -> Result<Self> {
        // `204 No Content`: the server has no events, and says not to reconnect.
        if answer.raw.status == StatusCode::NO_CONTENT {
            return Ok(EventStream {
                inner: Box::pin(futures_util::stream::empty()),
                end: Arc::default(),
            });
        }
        check_content_type(&answer.raw)?;
        let stall = stall_timeout(&answer.client, &answer.request);
        let context = StreamContext::of(&answer.raw, stall);
        let limit = answer.client.max_response_bytes();
        let too_large = event_too_large(&answer.raw, limit);
        let body = ByteStream::new(answer.raw, stall);
        let received = body.received_counter();
        let parser = parse(body, limit, too_large);
        // A resume point the caller gave (`#[header("Last-Event-ID")]`) is kept until an event
        // replaces it.
        let last_id = answer
            .request
            .headers
            .get(LAST_EVENT_ID)
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned());
        // Repeating the request must be safe: a GET (or PUT, DELETE), or a keyed POST/PATCH.
        let resumable =
            answer.request.info.method.is_idempotent() || answer.request.idempotency_key.is_some();
        let mut options = answer.events;
        options.reconnect &= resumable;
        let end = Arc::<Mutex<Option<String>>>::default();
        let state = State::<T> {
            client: answer.client,
            request: answer.request,
            options,
            stall,
            context,
            parser: Some(parser),
            received,
            last_id,
            yielded_without_id: false,
            retry: None,
            reconnects: 0,
            done: false,
            end: Arc::clone(&end),
            item: PhantomData,
        };
        Ok(EventStream {
            inner: Box::pin(futures_util::stream::unfold(state, State::next).fuse()),
            end,
        })
    }
}

/// Refuses an answer that is not `text/event-stream` (an error page, a JSON body): read as
/// events it would end at once with nothing, or look like a broken connection.
fn check_content_type(raw: &RawResponse) -> Result<()> {
    let content_type = raw
        .headers
        .get(http::header::CONTENT_TYPE)
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned());
    let is_events = content_type.as_deref().is_some_and(|value| {
        value
            .split(';')
            .next()
            .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("text/event-stream"))
    });
    if is_events {
        return Ok(());
    }
    Err(
        raw.decode_error_keeping(DecodeProblem::EventStream(match content_type {
            Some(found) => format!("the answer is `{found}`, not `text/event-stream`"),
            None => "the answer has no Content-Type, not `text/event-stream`".to_owned(),
        })),
    )
}

type Parser = Pin<
    Box<
        dyn Stream<Item = std::result::Result<eventsource_stream::Event, EventStreamError<Error>>>
            + Send,
    >,
>;

/// The events of `body`, one event held at most `limit` bytes: a server that never ends an
/// event (an endless line, `data:` lines without the blank line) fails the stream with
/// [`DecodeProblem::TooLarge`] instead of growing memory without bound.
fn parse(body: ByteStream, limit: usize, too_large: Error) -> Parser {
    let mut pending = 0usize;
    let mut too_large = Some(too_large);
    let capped = body.map(move |chunk| {
        let chunk = chunk?;
        // Bytes since the last blank line (the end of an event); a blank line split across two
        // chunks is missed, which only makes the count a little high.
        let tail = [&b"\n\n"[..], b"\r\n\r\n", b"\r\r"]
            .iter()
            .filter_map(|end| {
                chunk
                    .windows(end.len())
                    .rposition(|window| window == *end)
                    .map(|at| chunk.len() - at - end.len())
            })
            .min();
        pending = match tail {
            Some(tail) => tail,
            None => pending + chunk.len(),
        };
        if pending > limit
            && let Some(error) = too_large.take()
        {
            return Err(error);
        }
        Ok(chunk)
    });
    Box::pin(capped.eventsource())
}

/// The error of an event larger than the client's `max_response_bytes`.
fn event_too_large(raw: &RawResponse, limit: usize) -> Error {
    raw.decode_error_keeping(DecodeProblem::TooLarge { limit })
}

struct State<T> {
    client: Client,
    request: Request,
    options: EventStreamOptions,
    stall: Duration,
    context: StreamContext,
    /// `None` between a cut and the reconnection.
    parser: Option<Parser>,
    /// Bytes the current connection's body delivered.
    received: Arc<AtomicU64>,
    last_id: Option<String>,
    /// An event was yielded with no id to resume after: a reconnection would replay it.
    yielded_without_id: bool,
    retry: Option<Duration>,
    /// Reconnections in a row without a new event.
    reconnects: u32,
    done: bool,
    /// Where the terminal event's `data` goes.
    end: Arc<Mutex<Option<String>>>,
    item: PhantomData<fn() -> T>,
}

/// What ended a connection before the stream's end.
enum Cut {
    /// The body ended (EOF) before the terminal event.
    Ended,
    /// The connection failed or stalled.
    Failed(Error),
}

impl<T: DeserializeOwned + Send + 'static> State<T> {
    async fn next(mut self) -> Option<(Result<Event<T>>, Self)> {
        loop {
            if self.done {
                return None;
            }
            let Some(parser) = self.parser.as_mut() else {
                match self.reconnect().await {
                    Ok(true) => continue,
                    Ok(false) => return None,
                    Err(error) => {
                        self.done = true;
                        return Some((Err(applied(error)), self));
                    }
                }
            };
            let cut = match parser.next().await {
                Some(Ok(event)) => {
                    // Progress is a new id: a server that replays from the start on every
                    // reconnection must not keep the stream alive for ever.
                    if !event.id.is_empty() && self.last_id.as_deref() != Some(event.id.as_str()) {
                        self.last_id = Some(event.id.clone());
                        self.reconnects = 0;
                    }
                    if event.id.is_empty() && self.last_id.is_none() {
                        self.yielded_without_id = true;
                    }
                    if event.retry.is_some() {
                        self.retry = event.retry;
                    }
                    if self.options.end_event == Some(event.event.as_str()) {
                        self.done = true;
                        *self
                            .end
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(event.data);
                        return None;
                    }
                    let decoded = self.decode(event);
                    return Some((decoded, self));
                }
                // An event over the size limit: resuming would only meet it again.
                Some(Err(EventStreamError::Transport(error @ Error::Decode(_)))) => {
                    self.done = true;
                    return Some((Err(error), self));
                }
                Some(Err(EventStreamError::Transport(error))) => Cut::Failed(error),
                Some(Err(EventStreamError::Utf8(error))) => {
                    self.done = true;
                    return Some((Err(self.malformed(error.to_string())), self));
                }
                Some(Err(EventStreamError::Parser(error))) => {
                    self.done = true;
                    return Some((Err(self.malformed(error.to_string())), self));
                }
                None => Cut::Ended,
            };
            self.parser = None;
            match cut {
                // A stream without a terminal event ends with its body, unless it resumes.
                Cut::Ended if self.options.end_event.is_none() && !self.options.reconnect => {
                    return None;
                }
                _ if self.options.reconnect
                    && !self.yielded_without_id
                    && self.reconnects < self.policy_retries() =>
                {
                    continue;
                }
                Cut::Ended => {
                    self.done = true;
                    let received = self.received.load(Ordering::Relaxed);
                    let mut error =
                        self.context
                            .error(TransportErrorKind::EndedEarly, None, received);
                    if let Error::Transport(transport) = &mut error {
                        transport.end_event = self.options.end_event;
                    }
                    return Some((Err(error), self));
                }
                Cut::Failed(error) => {
                    self.done = true;
                    return Some((Err(error), self));
                }
            }
        }
    }

    fn policy_retries(&self) -> u32 {
        self.client.retry_policy().retries()
    }

    /// Sends the request again, resuming after the last event seen; `Ok(false)` when the server
    /// says the stream is over (`204 No Content`).
    async fn reconnect(&mut self) -> Result<bool> {
        self.reconnects += 1;
        let policy = self.client.retry_policy();
        let delay = policy.delay(self.reconnects - 1, self.retry, fastrand::f64());
        tracing::debug!(
            reconnect = self.reconnects,
            delay_ms = delay.as_millis() as u64,
            "resuming event stream"
        );
        policy.sleep(delay).await;
        match self
            .last_id
            .as_deref()
            .and_then(|id| HeaderValue::from_str(id).ok())
        {
            Some(id) => {
                self.request.headers.insert(LAST_EVENT_ID, id);
            }
            None => {
                self.request.headers.remove(LAST_EVENT_ID);
            }
        }
        let raw = call::execute(&self.client, &self.request).await?;
        if raw.status == StatusCode::NO_CONTENT {
            self.done = true;
            return Ok(false);
        }
        check_content_type(&raw)?;
        // The attempts of every connection so far, this one's included.
        let earlier = self.context.attempts();
        self.context = StreamContext::of(&raw, self.stall);
        self.context.add_attempts(earlier);
        let limit = self.client.max_response_bytes();
        let too_large = event_too_large(&raw, limit);
        let body = ByteStream::new(raw, self.stall);
        self.received = body.received_counter();
        self.parser = Some(parse(body, limit, too_large));
        Ok(true)
    }

    fn decode(&self, event: eventsource_stream::Event) -> Result<Event<T>> {
        // `EventStream<String>` takes `data` as the text it is; every other type decodes JSON.
        let decoded = if TypeId::of::<T>() == TypeId::of::<String>() {
            T::deserialize(serde_json::Value::String(event.data.clone()))
        } else {
            serde_json::from_str::<T>(&event.data)
        };
        let data = match decoded {
            Ok(data) => data,
            Err(error) => return Err(self.decode_error(DecodeProblem::Json(error), &event.data)),
        };
        Ok(Event {
            id: (!event.id.is_empty()).then_some(event.id),
            event: event.event,
            data,
            retry: event.retry,
        })
    }

    fn malformed(&self, problem: String) -> Error {
        self.decode_error(DecodeProblem::EventStream(problem), "")
    }

    fn decode_error(&self, problem: DecodeProblem, data: &str) -> Error {
        Error::Decode(Box::new(DecodeError {
            operation: self.request.info.name,
            status: self.context.status(),
            problem,
            body_prefix: body_prefix(data.as_bytes()),
            request_id: self.context.request_id().map(str::to_owned),
            attempts: self.context.attempts(),
            idempotency_key: self.request.idempotency_key.clone(),
        }))
    }
}
