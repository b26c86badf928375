//! Reading an answer: the body within the size cap, HeyGen's error shape, the success envelope.

use std::future::Future;
use std::pin::Pin;
use std::time::SystemTime;

use bytes::{Bytes, BytesMut};
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
    Result, StorageError, body_prefix,
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
    /// The unread body of a streamed form's answer.
    pub(crate) stream: Option<reqwest::Response>,
    pub(crate) attempts: u32,
    pub(crate) idempotency_key: Option<IdempotencyKey>,
    /// Whether the request only reads (a `GET`).
    pub(crate) read_only: bool,
}

/// Reads the answer of one attempt: a success as raw bytes, anything else as a failure.
pub(crate) async fn read_answer(
    client: &Client,
    request: &Request,
    mut response: reqwest::Response,
    attempts: u32,
    clock: AttemptClock,
    timer: Pin<&mut Sleep>,
) -> std::result::Result<RawResponse, Failure> {
    let status = response.status();
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

    if let Target::Storage { .. } = request.target {
        return read_storage_answer(request, response, attempts, retry_after, timer).await;
    }
    let headers = std::mem::take(response.headers_mut());
    if status.is_success() && request.streamed {
        return Ok(RawResponse {
            operation: request.info.name,
            status,
            headers,
            request_id,
            body: Bytes::new(),
            stream: Some(response),
            attempts,
            idempotency_key: request.idempotency_key.clone(),
            read_only: request.info.reads_only(),
        });
    }
    let limit = client.max_response_bytes();
    // The body is read within what is left of the attempt's time (a streamed form's success
    // body is timed per stall by the stream instead). The cap counts decompressed bytes: a
    // compression bomb ends at the limit.
    let mut received = 0u64;
    let read = within(timer, read_capped(response, limit, &mut received)).await;
    let (body, too_large) = match read {
        Some(Ok(body)) => (body, false),
        Some(Err(ReadFailure::TooLarge(prefix))) => (prefix, true),
        Some(Err(ReadFailure::Transport(error))) => {
            let mut transport = transport_error(request, error, attempts, client.connect_timeout());
            transport.status = Some(status);
            transport.request_id = request_id;
            transport.received = Some(received);
            return Err(Failure::Transport(Box::new(transport)));
        }
        None => {
            let mut transport = clock.ran_out(request, attempts, Phase::ReadingBody);
            transport.status = Some(status);
            transport.request_id = request_id;
            transport.received = Some(received);
            return Err(Failure::Transport(Box::new(transport)));
        }
    };
    tracing::trace!(bytes = body.len(), "body read");

    let raw = RawResponse {
        operation: request.info.name,
        status,
        headers,
        request_id,
        body,
        stream: None,
        attempts,
        idempotency_key: request.idempotency_key.clone(),
        read_only: request.info.reads_only(),
    };
    if status.is_success() {
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
    let mut received = 0;
    let read = read_capped(response, BODY_PREFIX_BYTES, &mut received);
    let body = match within(timer, read).await {
        Some(Ok(body) | Err(ReadFailure::TooLarge(body))) => body,
        // A success whose body broke off (or did not end in time) is still a stored upload; a
        // refusal is reported without its body.
        Some(Err(ReadFailure::Transport(_))) | None => Bytes::new(),
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

/// `future`'s output, or `None` if `timer` fires first.
async fn within<T>(timer: Pin<&mut Sleep>, future: impl Future<Output = T>) -> Option<T> {
    tokio::select! {
        biased;
        output = future => Some(output),
        () = timer => None,
    }
}

enum ReadFailure {
    /// The body exceeds the limit; holds what was read up to it.
    TooLarge(Bytes),
    Transport(reqwest::Error),
}

/// Reads the body, refusing to hold more than `limit` bytes.
async fn read_capped(
    mut response: reqwest::Response,
    limit: usize,
    received: &mut u64,
) -> std::result::Result<Bytes, ReadFailure> {
    let first = match next_chunk(&mut response, received).await? {
        Some(first) if first.len() > limit => {
            return Err(ReadFailure::TooLarge(first.slice(..limit)));
        }
        Some(first) => first,
        None => return Ok(Bytes::new()),
    };
    // Most answers arrive in one chunk, which is kept as it is rather than copied.
    let Some(mut chunk) = next_chunk(&mut response, received).await? else {
        return Ok(first);
    };
    let declared = response.content_length().unwrap_or(0);
    let mut body = BytesMut::with_capacity(declared.min(limit as u64).min(64 * 1024) as usize);
    body.extend_from_slice(&first);
    loop {
        if body.len() + chunk.len() > limit {
            body.extend_from_slice(&chunk[..limit - body.len()]);
            return Err(ReadFailure::TooLarge(body.freeze()));
        }
        body.extend_from_slice(&chunk);
        match next_chunk(&mut response, received).await? {
            Some(next) => chunk = next,
            None => return Ok(body.freeze()),
        }
    }
}

/// The next chunk of the (decompressed) body, counted in `received`.
async fn next_chunk(
    response: &mut reqwest::Response,
    received: &mut u64,
) -> std::result::Result<Option<Bytes>, ReadFailure> {
    let chunk = response.chunk().await.map_err(ReadFailure::Transport)?;
    *received += chunk.as_ref().map_or(0, |chunk| chunk.len() as u64);
    Ok(chunk)
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
                        "{reason}: redirects are not followed, and this answer redirects to \
                         `{location}` (following it could carry the credential to another address)"
                    ),
                    None => format!("{reason}: redirects are not followed (no Location given)"),
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
