//! Reading an answer: the body within the size cap, HeyGen's error shape, the success envelope.

use std::future::Future;
use std::pin::Pin;
use std::time::SystemTime;

use bytes::{Bytes, BytesMut};
use futures_util::future::{self, BoxFuture, Either, FutureExt};
use futures_util::{Stream, TryStreamExt};
use http::HeaderMap;
use http::StatusCode;
use http::header::HeaderName;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use tokio::time::Sleep;

use crate::runtime::attempt::{AttemptClock, Failure, transport_error};
use crate::runtime::client::Client;
use crate::runtime::error::{
    ApiError, BODY_PREFIX_BYTES, DecodeError, DecodeProblem, Error, ErrorCode, ErrorDetail, Phase,
    Result, StorageError, TransportError, body_prefix,
};
use crate::runtime::idempotency::IdempotencyKey;
use crate::runtime::request::{Request, Target};
use crate::runtime::retry::parse_retry_after;

/// The header HeyGen puts its request id in.
const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// A success answer, body read but not decoded; or, for a streamed form, not read at all.
pub(crate) struct RawResponse {
    pub(crate) operation: &'static str,
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) request_id: Option<String>,
    pub(crate) body: Bytes,
    /// The unread body of a streamed form's answer (boxed: every other answer would carry its
    /// size).
    pub(crate) stream: Option<Box<reqwest::Response>>,
    pub(crate) attempts: u32,
    pub(crate) idempotency_key: Option<IdempotencyKey>,
    /// Whether the request only reads (a `GET`).
    pub(crate) read_only: bool,
}

/// The head of an API answer: what the answer is built from once its body is read.
struct Head {
    status: StatusCode,
    headers: HeaderMap,
    request_id: Option<String>,
    retry_after: Option<std::time::Duration>,
    attempts: u32,
}

impl Head {
    fn into_raw(
        self,
        request: &Request,
        body: Bytes,
        stream: Option<Box<reqwest::Response>>,
    ) -> RawResponse {
        RawResponse {
            operation: request.info.name,
            status: self.status,
            headers: self.headers,
            request_id: self.request_id,
            body,
            stream,
            attempts: self.attempts,
            idempotency_key: request.idempotency_key.clone(),
            read_only: request.info.reads_only(),
        }
    }
}

/// Reads the answer of one attempt: a success as raw bytes, anything else as a failure.
///
/// Not an `async fn`: the head is taken apart before the future is made, so the future holds
/// the body's chunk stream and the head's parts rather than the whole `reqwest::Response`
/// (twice, as an argument and as a local). It is part of every call's state.
pub(crate) fn read_answer<'a>(
    client: &'a Client,
    request: &'a Request,
    mut response: reqwest::Response,
    attempts: u32,
    clock: &'a AttemptClock,
    timer: Pin<&'a mut Sleep>,
    span: &tracing::Span,
) -> impl Future<Output = std::result::Result<RawResponse, Failure>> + Send + 'a {
    let status = response.status();
    span.record("status", status.as_u16());
    let headers = response.headers();
    // Kept even when not ASCII (lossily): it is what support asks for.
    let request_id = headers
        .get(REQUEST_ID)
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned());
    // Only an error answer's `Retry-After` matters (to retrying); a success skips the lookup.
    let retry_after = match status.is_success() {
        true => None,
        false => headers
            .get(http::header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| parse_retry_after(value, SystemTime::now()))
            .map(|asked| client.retry_policy().clamp_retry_after(asked)),
    };
    tracing::debug!(
        status = status.as_u16(),
        request_id = request_id.as_deref(),
        "response"
    );

    if let Target::Storage(_) = request.target {
        // Boxed: uploads are rare, and every other call's state would carry this future.
        let storage: BoxFuture<'a, _> = Box::pin(read_storage_answer(
            request,
            response,
            attempts,
            retry_after,
            timer,
        ));
        return Either::Left(Either::Left(storage));
    }
    let head = Head {
        status,
        headers: std::mem::take(response.headers_mut()),
        request_id,
        retry_after,
        attempts,
    };
    if status.is_success() && request.streamed {
        let raw = head.into_raw(request, Bytes::new(), Some(Box::new(response)));
        return Either::Left(Either::Right(std::future::ready(Ok(raw))));
    }
    // The body is read within what is left of the attempt's time (a streamed form's success
    // body is timed per stall by the stream instead). The cap counts decompressed bytes: a
    // compression bomb ends at the limit.
    let limit = client.max_response_bytes();
    let declared = response.content_length();
    let reading = read_capped(response.bytes_stream(), declared, limit, timer);
    // A combinator rather than an `async` block: the block would keep the read's future twice
    // in its state (as captured, and as awaited).
    Either::Right(reading.map(move |read| api_answer(client, request, head, clock, limit, read)))
}

/// An API answer from its head and what reading its body gave: a success as raw bytes,
/// anything else as HeyGen's error.
fn api_answer(
    client: &Client,
    request: &Request,
    head: Head,
    clock: &AttemptClock,
    limit: usize,
    read: std::result::Result<Bytes, ReadFailure>,
) -> std::result::Result<RawResponse, Failure> {
    let (body, too_large) = match read {
        Ok(body) => (body, false),
        Err(ReadFailure::TooLarge(prefix)) => (prefix, true),
        Err(ReadFailure::Transport(error, received)) => {
            let transport =
                transport_error(request, error, head.attempts, client.connect_timeout());
            return Err(broke_off(transport, head, received));
        }
        Err(ReadFailure::TimedOut(received)) => {
            let transport = clock.ran_out(request, head.attempts, Phase::ReadingBody);
            return Err(broke_off(transport, head, received));
        }
    };
    tracing::trace!(bytes = body.len(), "body read");

    let retry_after = head.retry_after;
    let raw = head.into_raw(request, body, None);
    if raw.status.is_success() {
        if too_large {
            // The request was applied; only its answer is too big to read.
            return Err(Failure::Final(
                raw.decode_error(DecodeProblem::TooLarge { limit }),
            ));
        }
        return Ok(raw);
    }
    Err(Failure::Api(Box::new(raw.api_error(retry_after))))
}

/// The failure of an answer whose body broke off after `received` bytes.
#[cold]
fn broke_off(mut transport: TransportError, head: Head, received: u64) -> Failure {
    transport.status = Some(head.status);
    transport.request_id = head.request_id;
    transport.received = Some(received);
    Failure::Transport(Box::new(transport))
}

/// Reads the storage service's answer to an upload: a success is all that matters; a refusal
/// keeps the start of its body (storage errors are small XML documents).
async fn read_storage_answer(
    request: &Request,
    response: reqwest::Response,
    attempts: u32,
    retry_after: Option<std::time::Duration>,
    timer: Pin<&mut Sleep>,
) -> std::result::Result<RawResponse, Failure> {
    let status = response.status();
    let declared = response.content_length();
    let read = read_capped(response.bytes_stream(), declared, BODY_PREFIX_BYTES, timer);
    let body = match read.await {
        Ok(body) | Err(ReadFailure::TooLarge(body)) => body,
        // A success whose body broke off (or did not end in time) is still a stored upload; a
        // refusal is reported without its body.
        Err(ReadFailure::Transport(..) | ReadFailure::TimedOut(_)) => Bytes::new(),
    };
    if status.is_success() {
        return Ok(RawResponse {
            operation: request.info.name,
            status,
            headers: HeaderMap::new(),
            request_id: None,
            body: Bytes::new(),
            stream: None,
            attempts,
            idempotency_key: None,
            read_only: false,
        });
    }
    tracing::debug!(status = status.as_u16(), "storage refused the upload");
    let mut refused = StorageError::refused(
        request.info.name,
        status,
        (!body.is_empty()).then(|| body_prefix(&body)),
        attempts,
        false,
    );
    refused.retry_after = retry_after;
    Err(Failure::Storage(Box::new(refused)))
}

enum ReadFailure {
    /// The body exceeds the limit; holds what was read up to it.
    TooLarge(Bytes),
    /// The body broke off after the given number of bytes.
    Transport(reqwest::Error, u64),
    /// The attempt's timer fired before the body ended, after the given number of bytes.
    TimedOut(u64),
}

/// Reads the body before `timer` fires, refusing to hold more than `limit` bytes.
///
/// `chunks` is the (decompressed) body as a stream rather than the response: a few words,
/// where the response and each `chunk()` future carry the whole head.
#[allow(
    clippy::manual_async_fn,
    reason = "an `async fn` keeps each argument twice in its state"
)]
fn read_capped<'a, S>(
    mut chunks: S,
    declared: Option<u64>,
    limit: usize,
    mut timer: Pin<&'a mut Sleep>,
) -> impl Future<Output = std::result::Result<Bytes, ReadFailure>> + Send + 'a
where
    S: Stream<Item = reqwest::Result<Bytes>> + Unpin + Send + 'a,
{
    async move {
        let mut received = 0u64;
        // The body first, then the timer: a chunk that is there is taken even at the deadline.
        let mut next = async || match future::select(chunks.try_next(), timer.as_mut()).await {
            Either::Left((chunk, _)) => {
                let chunk = chunk.map_err(|error| ReadFailure::Transport(error, received))?;
                received += chunk.as_ref().map_or(0, |chunk| chunk.len() as u64);
                Ok(chunk)
            }
            Either::Right(((), _)) => Err(ReadFailure::TimedOut(received)),
        };
        let first = match next().await? {
            Some(first) if first.len() > limit => {
                return Err(ReadFailure::TooLarge(first.slice(..limit)));
            }
            Some(first) => first,
            None => return Ok(Bytes::new()),
        };
        // Most answers arrive in one chunk, which is kept as it is rather than copied.
        let Some(mut chunk) = next().await? else {
            return Ok(first);
        };
        let capacity = declared.unwrap_or(0).min(limit as u64).min(64 * 1024) as usize;
        let mut body = BytesMut::with_capacity(capacity);
        body.extend_from_slice(&first);
        loop {
            if body.len() + chunk.len() > limit {
                body.extend_from_slice(&chunk[..limit - body.len()]);
                return Err(ReadFailure::TooLarge(body.freeze()));
            }
            body.extend_from_slice(&chunk);
            match next().await? {
                Some(more) => chunk = more,
                None => return Ok(body.freeze()),
            }
        }
    }
}

/// HeyGen's error body: `{"error": {"code", "message", "param"?, "doc_url"?}}`.
#[derive(Deserialize)]
struct ErrorEnvelope {
    error: ErrorBody,
}

#[derive(Deserialize)]
struct ErrorBody {
    code: Option<String>,
    message: Option<String>,
    param: Option<String>,
    doc_url: Option<String>,
    /// Per-item failures of a batch or multi-node request (September 2026). Kept only when
    /// every entry has the documented shape; otherwise ignored, like any unknown field.
    #[serde(default, deserialize_with = "lenient_details")]
    errors: Vec<ErrorDetail>,
}

/// `errors[]`, or nothing when it is missing or not the documented shape.
fn lenient_details<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Vec<ErrorDetail>, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    Ok(serde_json::from_value(value).unwrap_or_default())
}

impl RawResponse {
    /// The API error this answer describes; a body that is not HeyGen's error shape is kept as
    /// a prefix instead.
    fn api_error(&self, retry_after: Option<std::time::Duration>) -> ApiError {
        let parsed = serde_json::from_slice::<ErrorEnvelope>(&self.body).ok();
        let reason = self.status.canonical_reason().unwrap_or("unknown status");
        let mut details = Vec::new();
        let (code, message, param, doc_url, prefix) = match parsed {
            // The client follows no redirect: the credential must not reach another origin.
            _ if self.status.is_redirection() => {
                // Without its query: a redirect to signed storage carries the signature there.
                let location = self
                    .headers
                    .get(http::header::LOCATION)
                    .map(|value| shown_location(&String::from_utf8_lossy(value.as_bytes())));
                let message = match location {
                    Some(location) => format!(
                        "{reason}, and redirects are not followed: this answer redirects to \
                         `{location}` (following it could carry the credential to another address)"
                    ),
                    None => format!("{reason}, and redirects are not followed (no Location given)"),
                };
                (None, message, None, None, None)
            }
            Some(ErrorEnvelope { mut error }) => (
                {
                    details = std::mem::take(&mut error.errors);
                    error.code.as_deref().map(ErrorCode::from)
                },
                error.message.unwrap_or_else(|| reason.to_owned()),
                error.param,
                error.doc_url,
                None,
            ),
            None if self.body.iter().all(u8::is_ascii_whitespace) => {
                (None, format!("{reason} (empty body)"), None, None, None)
            }
            None => (
                None,
                format!("{reason} (the body is not HeyGen's JSON error shape)"),
                None,
                None,
                Some(body_prefix(&self.body)),
            ),
        };
        ApiError {
            operation: self.operation,
            status: self.status,
            code,
            message,
            param,
            doc_url,
            request_id: self.request_id.clone(),
            retry_after,
            attempts: self.attempts,
            idempotency_key: self.idempotency_key.clone(),
            body_prefix: prefix,
            details,
            earlier_attempt_may_have_applied: false,
        }
    }

    pub(crate) fn decode_error(self, problem: DecodeProblem) -> Error {
        self.decode_error_keeping(problem)
    }

    /// [`RawResponse::decode_error`] for an answer still in use (a stream that goes on).
    pub(crate) fn decode_error_keeping(&self, problem: DecodeProblem) -> Error {
        Error::Decode(Box::new(DecodeError {
            operation: self.operation,
            status: self.status,
            problem,
            body_prefix: body_prefix(&self.body),
            request_id: self.request_id.clone(),
            attempts: self.attempts,
            idempotency_key: self.idempotency_key.clone(),
        }))
    }

    pub(crate) fn is_blank(&self) -> bool {
        self.body.iter().all(u8::is_ascii_whitespace)
    }
}

/// A `Location` as an error may show it: without its query and fragment (a redirect to signed
/// storage carries the signature there) and without user and password.
fn shown_location(text: &str) -> String {
    let text = &text[..text.find(['?', '#']).unwrap_or(text.len())];
    let Some(scheme_end) = text.find("://") else {
        return text.to_owned();
    };
    let host_start = scheme_end + 3;
    let authority_end = text[host_start..]
        .find('/')
        .map_or(text.len(), |at| host_start + at);
    match text[host_start..authority_end].rfind('@') {
        Some(at) => format!("{}{}", &text[..host_start], &text[host_start + at + 1..]),
        None => text.to_owned(),
    }
}

/// The success envelope `{"data": T}`.
#[derive(Deserialize)]
struct DataEnvelope<T> {
    data: T,
}

/// Decodes `{"data": T}` into `T`. An empty body decodes only as a type that accepts `null`
/// (`()`, `Option<_>`). Only a JSON object is an envelope: serde's derived visitors also accept
/// a sequence, so `[{"id": ..}]` would otherwise decode as if it were `{"data": {..}}`.
pub(crate) fn decode_data<T: DeserializeOwned>(raw: RawResponse) -> Result<T> {
    let first = raw.body.iter().find(|byte| !byte.is_ascii_whitespace());
    let decoded = if first.is_none() {
        T::deserialize(serde_json::Value::Null).map_err(|_| DecodeProblem::Empty)
    } else if first == Some(&b'[') {
        Err(DecodeProblem::NotAnEnvelope)
    } else {
        serde_json::from_slice::<DataEnvelope<T>>(&raw.body)
            .map(|envelope| envelope.data)
            .map_err(DecodeProblem::Json)
    };
    decoded.map_err(|problem| raw.decode_error(problem))
}

/// Decodes the whole body as `T` (paginated endpoints).
pub(crate) fn decode_whole<T: DeserializeOwned>(raw: RawResponse) -> Result<T> {
    let decoded = if raw.is_blank() {
        Err(DecodeProblem::Empty)
    } else {
        serde_json::from_slice::<T>(&raw.body).map_err(DecodeProblem::Json)
    };
    decoded.map_err(|problem| raw.decode_error(problem))
}

#[cfg(test)]
mod tests {
    use super::shown_location;

    #[test]
    fn a_location_is_shown_without_query_fragment_or_credentials() {
        assert_eq!(
            shown_location("http://admin:hunter2@127.0.0.1:9/x?token=abc#frag"),
            "http://127.0.0.1:9/x"
        );
        assert_eq!(
            shown_location("https://storage.example/bucket/a.mp4?X-Amz-Signature=s"),
            "https://storage.example/bucket/a.mp4"
        );
        assert_eq!(shown_location("/v3/elsewhere?sig=1"), "/v3/elsewhere");
        assert_eq!(
            shown_location("https://host.example/path@not-userinfo"),
            "https://host.example/path@not-userinfo"
        );
    }
}
