//! The call loop: send one request, retry it as the policy allows, read the answer.
//!
//! Every request the crate sends goes through [`execute`]: the declared API calls, the storage
//! `PUT` of a direct upload and the status reads of a job wait. So `Retry-After`, the retry
//! budget, "may have been applied" and the client's sleeper hold for all of them. Nothing here is
//! generic, so it is compiled once for every endpoint.

use std::time::Duration;

use http::header::{ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, HeaderName, HeaderValue, USER_AGENT};
use tracing::Instrument;
use tracing::field::Empty;

use crate::runtime::attempt::{Failure, attempt_outcome, timed_out, transport_error};
use crate::runtime::client::Client;
use crate::runtime::endpoint::HttpMethod;
use crate::runtime::error::{ConfigError, ErrorCode, Result};
use crate::runtime::request::{JSON, Request, RequestBody, Target};
use crate::runtime::response::{RawResponse, read_answer};
use crate::runtime::retry::{AttemptKind, AttemptOutcome, may_have_applied, should_retry};

/// The idempotency header.
const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");
// Header names and fixed values are constants rather than text: text is parsed and copied on
// every attempt, which is measurable against a hand-written call (see the benches crate).
/// The `Content-Type` of a `#[form]` body.
const FORM: HeaderValue = HeaderValue::from_static("application/x-www-form-urlencoded");
/// The `Content-Length` of a bodiless POST, PUT or PATCH.
const ZERO_LENGTH: HeaderValue = HeaderValue::from_static("0");

/// Sends `request` through `client`, retrying as its policy allows, in a `heygen.request` span.
pub(crate) async fn execute(client: &Client, request: &Request) -> Result<RawResponse> {
    let info = request.info;
    let span = tracing::debug_span!(
        "heygen.request",
        operation = info.name,
        method = info.method.as_str(),
        path = info.template,
        attempt = Empty,
        status = Empty,
    );
    call(client, request).instrument(span).await
}

/// The URL of the request: the base URL joined with the path and query, or the storage URL.
fn request_url(client: &Client, request: &Request) -> Result<reqwest::Url> {
    match &request.target {
        Target::Api { path_and_query } => {
            let url_text = format!("{}{}", client.base_url(), path_and_query);
            reqwest::Url::parse(&url_text).map_err(|error| {
                ConfigError::new(format!("the request URL is not valid: {error}")).into()
            })
        }
        Target::Storage { url, .. } => Ok(url.clone()),
    }
}

async fn call(client: &Client, request: &Request) -> Result<RawResponse> {
    let info = request.info;
    let url = request_url(client, request)?;
    let timeout = client.timeout_for(info);
    let policy = client.retry_policy();
    let kind = AttemptKind {
        method: info.method,
        has_idempotency_key: request.idempotency_key.is_some(),
        body_replayable: request.body.is_replayable(),
    };
    let mut attempts = 0u32;
    // Whether an attempt so far may have been applied: the error must say so even when the last
    // attempt was refused (a 429 after a timeout).
    let mut earlier_may_have_applied = false;
    // The failure the current attempt repeats, reported if the attempt cannot even be built.
    let mut previous: Option<Failure> = None;
    loop {
        attempts += 1;
        let span = tracing::Span::current();
        span.record("attempt", attempts);
        tracing::debug!(
            attempt = attempts,
            timeout_ms = timeout.as_millis() as u64,
            "sending"
        );

        let sent = match build_attempt(client, request, &url, timeout).await {
            // A streamed answer's timeout covers the wait for its headers; its body is timed
            // per stall by the stream itself.
            Ok(builder) if request.streamed => {
                match tokio::time::timeout(timeout, builder.send()).await {
                    Ok(sent) => sent.map_err(Some),
                    Err(_elapsed) => Err(None),
                }
            }
            Ok(builder) => builder.send().await.map_err(Some),
            // A retry whose body cannot be built again (its file is gone): report the attempt
            // that was sent, which may have changed something, rather than "nothing was sent".
            Err(unbuildable) => {
                return Err(match previous {
                    Some(failure) => {
                        tracing::warn!(error = %unbuildable, "the retry could not be built");
                        failure.into_error(earlier_may_have_applied)
                    }
                    None => unbuildable,
                });
            }
        };
        let failure = match sent {
            Ok(response) => {
                let status = response.status();
                span.record("status", status.as_u16());
                match read_answer(client, request, response, attempts).await {
                    Ok(raw) => return Ok(raw),
                    Err(failure) => failure,
                }
            }
            Err(Some(error)) => {
                Failure::Transport(Box::new(transport_error(request, error, attempts)))
            }
            Err(None) => Failure::Transport(Box::new(timed_out(request, attempts))),
        };

        let (outcome, retry_after) = match &failure {
            Failure::Final(_) => return Err(failure.into_error(earlier_may_have_applied)),
            Failure::Api(api) => (
                AttemptOutcome::Status(
                    api.status.as_u16(),
                    api.code.as_ref().map(ErrorCode::as_str),
                ),
                api.retry_after,
            ),
            Failure::Storage(storage) => (
                AttemptOutcome::Status(storage.status().map_or(0, |status| status.as_u16()), None),
                storage.retry_after,
            ),
            Failure::Transport(transport) => (attempt_outcome(transport.kind), None),
        };
        if attempts > policy.retries() || !should_retry(kind, outcome) {
            tracing::debug!(attempts, "giving up");
            return Err(failure.into_error(earlier_may_have_applied));
        }
        earlier_may_have_applied |= may_have_applied(outcome);
        let delay = policy.delay(attempts - 1, retry_after, fastrand::f64());
        tracing::debug!(
            attempt = attempts,
            delay_ms = delay.as_millis() as u64,
            outcome = ?outcome,
            "retrying"
        );
        previous = Some(failure);
        policy.sleep(delay).await;
    }
}

/// One attempt's request: method, URL, timeout, headers and body. Fails when the body cannot be
/// built (a multipart part or file that cannot be read).
async fn build_attempt(
    client: &Client,
    request: &Request,
    url: &reqwest::Url,
    timeout: Duration,
) -> Result<reqwest::RequestBuilder> {
    let mut builder = client
        .http()
        .request(method(request.info.method), url.clone());
    if !request.streamed {
        builder = builder.timeout(timeout);
    }
    match &request.target {
        Target::Api { .. } => {
            let (credential_name, credential_value) = client.credential_header();
            builder = builder
                .header(USER_AGENT, client.user_agent().clone())
                .header(ACCEPT, request.accept.clone())
                .header(credential_name, credential_value);
            if !request.headers.is_empty() {
                builder = builder.headers(request.headers.clone());
            }
        }
        // Exactly the headers HeyGen returned for the upload, and never the HeyGen credential:
        // the storage service is not HeyGen.
        Target::Storage { headers, .. } => builder = builder.headers(headers.clone()),
    }
    if let Some(key) = &request.idempotency_key {
        builder = builder.header(IDEMPOTENCY_KEY, key.as_str());
    }
    builder = match &request.body {
        RequestBody::Json(bytes) => builder.header(CONTENT_TYPE, JSON).body(bytes.clone()),
        RequestBody::Form(bytes) => builder.header(CONTENT_TYPE, FORM).body(bytes.clone()),
        // Boxed: reading the parts is a large future that every other request would carry.
        RequestBody::Multipart(form) => builder.multipart(Box::pin(form.to_form()).await?),
        RequestBody::File(file) => builder.body(Box::pin(file.body()).await?),
        // Some front ends answer `411 Length Required` to a bodiless POST without the header.
        RequestBody::Empty
            if !matches!(request.info.method, HttpMethod::Get | HttpMethod::Delete) =>
        {
            builder.header(CONTENT_LENGTH, ZERO_LENGTH)
        }
        RequestBody::Empty => builder,
    };
    Ok(builder)
}

fn method(method: HttpMethod) -> reqwest::Method {
    match method {
        HttpMethod::Get => reqwest::Method::GET,
        HttpMethod::Post => reqwest::Method::POST,
        HttpMethod::Put => reqwest::Method::PUT,
        HttpMethod::Patch => reqwest::Method::PATCH,
        HttpMethod::Delete => reqwest::Method::DELETE,
    }
}
