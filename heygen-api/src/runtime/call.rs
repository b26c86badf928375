//! The call loop: send one request, retry it as the policy allows, read the answer.
//!
//! Every request the crate sends goes through [`execute`]: the declared API calls, the storage
//! `PUT` of a direct upload and the status reads of a job wait. So `Retry-After`, the retry
//! budget, "may have been applied" and the client's sleeper hold for all of them. Nothing here
//! is generic: the loop is compiled once for every endpoint.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use futures_util::TryFutureExt;
use futures_util::future::Either;
use http::Extensions;
use http::header::{ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, HeaderName, HeaderValue, USER_AGENT};
use tokio::time::Instant;
use tracing::field::Empty;
use tracing::{Instrument, Span};

use crate::runtime::attempt::{
    AttemptClock, Failure, attempt_outcome, middleware_error, transport_error,
};
use crate::runtime::client::Client;
use crate::runtime::credential::{Credential, Presented};
use crate::runtime::endpoint::HttpMethod;
use crate::runtime::error::{
    ConfigError, CredentialError, Error, ErrorCode, Phase, Result, TransportError,
    TransportErrorKind,
};
use crate::runtime::middleware::{Attempt, AttemptCredential};
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
///
/// The call's state (the attempt loop, the answer being read) is boxed here, once per call:
/// every future awaiting a call then holds a pointer to it rather than moving a kilobyte of it
/// along. The request stays with the caller: in the box it would take the state over what
/// glibc's per-thread cache serves (see [`MAX_BOXED_STATE`]).
pub(crate) fn execute<'a>(
    client: &'a Client,
    request: &'a Request,
) -> Pin<Box<impl Future<Output = Result<RawResponse>> + Send + 'a>> {
    let info = request.info;
    let span = tracing::debug_span!(
        "heygen.request",
        operation = info.name,
        method = info.method.as_str(),
        path = info.template,
        attempt = Empty,
        status = Empty,
    );
    // The loop records the attempt and status on its own handle of the span (without a
    // subscriber, both are no-ops), rather than looking the current span up each time.
    let recorder = span.clone();
    // The box is allocated first and the state written into it, which lets the compiler make
    // the state in place: made on the stack and then boxed, the whole state (a kilobyte, most
    // of it not yet used) was copied (callgrind: `runtime_cold_lines_ratio` in the benches).
    let slot = Box::new_uninit();
    let state = Box::write(
        slot,
        async move { call(client, request, &recorder).await }.instrument(span),
    );
    Box::into_pin(state)
}

/// The most bytes the boxed state of a call may take: glibc serves blocks up to 1032 bytes from
/// a per-thread cache of freed blocks (tcache), and a larger one from its shared bins, which
/// costs every call far more code and memory touched (callgrind: `runtime_cold_lines_ratio`).
/// A unit test keeps the state under it, with room to spare. (The limit is 64-bit glibc's; other
/// allocators have other size classes, and the test then only keeps the state from growing.)
#[cfg(test)]
const MAX_BOXED_STATE: usize = 1032;

/// The URL of the request: the base URL joined with the path and query, or the storage URL.
fn request_url(client: &Client, request: &Request) -> reqwest::Url {
    match &request.target {
        Target::Api { path_and_query } => client.url_for(path_and_query),
        Target::Storage(storage) => storage.url.clone(),
    }
}

/// The state of one call across its attempts.
struct CallState {
    attempts: u32,
    /// Attempts the retry policy allowed after the first (a renewal's retry is not one).
    retries: u32,
    /// Whether the credential was renewed after a `401` (at most once a call).
    renewed: bool,
    /// Whether an attempt so far may have been applied: the error must say so even when the
    /// last attempt was refused (a 429 after a timeout).
    earlier_may_have_applied: bool,
    /// Each attempt's own timeout.
    timeout: Duration,
    /// When the call's deadline ends, and its length.
    deadline: Option<(Instant, Duration)>,
    /// The failure the next attempt repeats, reported if that attempt cannot even be built or
    /// the deadline passes before it. This and the renewed credential are boxed: both are rare, and every call's state would
    /// otherwise carry their size.
    previous: Option<Box<Failure>>,
    /// A credential renewed after a `401`, for the next attempt.
    fresh: Option<Box<Presented>>,
}

/// An attempt that did not succeed: its failure, without the attempt's credential, and the
/// provider's credential it used (to renew after a `401`).
struct Failed {
    failure: Failure,
    renewable: Option<Credential>,
}

/// The attempt loop: one [`attempt`] after the other, with [`after_failure`] deciding between
/// them. Each is a future of its own, so the call's state holds one of them at a time rather
/// than the locals of both.
///
/// The path of an attempt that succeeds is kept short and together. What follows a failure is
/// in [`after_failure`] (renewing, the retry's pause) and in functions marked cold
/// ([`failed`] and [`redacted`], [`refused_credential`], [`retry_delay`], the errors), so that
/// its code stays out of the way of every call that succeeds.
async fn call(client: &Client, request: &Request, span: &Span) -> Result<RawResponse> {
    let mut state = CallState {
        attempts: 0,
        retries: 0,
        renewed: false,
        earlier_may_have_applied: false,
        timeout: client.timeout_for(request.info),
        deadline: client
            .deadline()
            .map(|length| (Instant::now() + length, length)),
        previous: None,
        fresh: None,
    };
    loop {
        state.attempts += 1;
        span.record("attempt", state.attempts);
        let failed = match attempt(client, request, span, &mut state).await? {
            Ok(raw) => return Ok(raw),
            Err(failed) => failed,
        };
        after_failure(client, request, &mut state, failed).await?;
    }
}

/// One attempt: its credential, its request, the answer read within its time. The error is the
/// call's when no attempt may follow (the credential provider failed, the deadline passed, the
/// request cannot be built); the attempt's own failure is given back for [`after_failure`].
async fn attempt(
    client: &Client,
    request: &Request,
    span: &Span,
    state: &mut CallState,
) -> Result<std::result::Result<RawResponse, Failed>> {
    let info = request.info;
    let attempts = state.attempts;
    // The API's credential, asked for every attempt; storage gets none.
    let credential = match &request.target {
        Target::Storage(_) => None,
        Target::Api { .. } => match state.fresh.take() {
            Some(fresh) => Some(*fresh),
            None => match client.credentials().current().await {
                Ok(credential) => Some(credential),
                Err(error) => return Err(credential_error(request, error, state, false)),
            },
        },
    };
    // Made into what is attached to the request at once: one binding across the awaits.
    let credential = credential.map(|presented| {
        let (name, value) = presented.header;
        let attached = AttemptCredential {
            origin: client.origin().clone(),
            name,
            value,
        };
        (attached, presented.renewable)
    });
    let clock = AttemptClock::start(state.timeout, state.deadline, client.connect_timeout());
    if clock.deadline && clock.ends <= Instant::now() {
        let previous = state.previous.take();
        return Err(deadline_passed(
            request,
            state,
            clock.limit,
            previous,
            false,
        ));
    }
    tracing::debug!(
        attempt = attempts,
        timeout_ms = clock.millis_left(),
        "sending"
    );

    // A multipart or file body is read from its sources for each attempt (boxed: that future
    // is large, and every other call's state would carry it).
    let streamed = match &request.body {
        RequestBody::Multipart(_) | RequestBody::File(_) => {
            Box::pin(StreamedBody::read(&request.body)).await
        }
        RequestBody::Empty | RequestBody::Json(_) | RequestBody::Form(_) => Ok(None),
    };
    // One timer for the attempt: the wait for the answer, then the body's read.
    let timer = tokio::time::sleep_until(clock.ends);
    tokio::pin!(timer);
    // Built in a block of its own: the request is moved into the sending future, and its
    // binding then takes no room in the attempt's state.
    let sending = {
        let built = streamed.and_then(|streamed| build_attempt(client, request, streamed));
        let built = match built {
            Ok(built) => built,
            Err(unbuildable) => {
                let previous = state.previous.take();
                return Err(unbuildable_retry(unbuildable, previous, state));
            }
        };
        send(
            client,
            built,
            info,
            attempts,
            credential.as_ref().map(|c| &c.0),
        )
    };
    // The answer's reading, or why there is none, as one future made in a block of its own:
    // what was sent is then gone from the attempt's state while the body is read.
    let reading = {
        // The answer first, then the timer: an answer that is there is taken even at the end.
        let sent = match futures_util::future::select(sending, timer.as_mut()).await {
            Either::Left((sent, _)) => Some(sent),
            Either::Right(((), _)) => None,
        };
        match sent {
            Some(Ok(response)) => Either::Left(read_answer(
                client, request, response, attempts, &clock, timer, span,
            )),
            Some(Err(error)) => {
                let failure = unsent(client, request, error, attempts);
                Either::Right(std::future::ready(Err(failure)))
            }
            None => {
                let failure = clock.ran_out(request, attempts, Phase::WaitingForAnswer);
                let failure = Failure::Transport(Box::new(failure));
                Either::Right(std::future::ready(Err(failure)))
            }
        }
    };
    let failure = match reading.await {
        Ok(raw) => return Ok(Ok(raw)),
        Err(failure) => failure,
    };
    Ok(Err(failed(failure, credential)))
}

/// The failure of an attempt without its credential, and the provider's credential it used.
#[cold]
fn failed(failure: Failure, credential: Option<(AttemptCredential, Option<Credential>)>) -> Failed {
    match credential {
        Some((attached, renewable)) => Failed {
            failure: redacted(failure, &attached),
            renewable,
        },
        None => Failed {
            failure,
            renewable: None,
        },
    }
}

/// What follows a failed attempt: a refused credential renewed once (the call retried once with
/// the new one: a `401` was not applied, so any request may be repeated), or the pause before
/// the retry the policy allows. The error is the call's when no attempt is to follow.
async fn after_failure(
    client: &Client,
    request: &Request,
    state: &mut CallState,
    failed: Failed,
) -> Result<()> {
    let Failed { failure, renewable } = failed;
    if let Some(used) = renewable.filter(|_| refused_credential(&failure, state)) {
        match client.credentials().renew(&used).await {
            Ok(Some(fresh)) => {
                tracing::debug!("credential refused with 401; renewed, retrying once");
                state.renewed = true;
                state.fresh = Some(Box::new(fresh));
                state.previous = Some(Box::new(failure));
                return Ok(());
            }
            Ok(None) => {}
            Err(error) => return Err(credential_error(request, error, state, true)),
        }
    }
    let (failure, delay) = retry_delay(client, request, state, failure)?;
    state.previous = Some(Box::new(failure));
    client.retry_policy().sleep(delay).await;
    Ok(())
}

/// The error of a retry whose body cannot be built again (its file is gone): the attempt that
/// was sent, which may have changed something, rather than "nothing was sent".
#[cold]
fn unbuildable_retry(
    unbuildable: Error,
    previous: Option<Box<Failure>>,
    state: &CallState,
) -> Error {
    match previous {
        Some(failure) => {
            tracing::warn!(error = %unbuildable, "the retry could not be built");
            failure.into_error(state.earlier_may_have_applied)
        }
        None => unbuildable,
    }
}

/// `failure` without the attempt's credential: a server may echo it back (`API key sk-... is
/// invalid`), and it never reaches an error.
#[cold]
fn redacted(failure: Failure, attached: &AttemptCredential) -> Failure {
    match failure {
        Failure::Api(mut api) => {
            api.redact(attached.secret());
            Failure::Api(api)
        }
        Failure::Final(error) => Failure::Final(error.without_secret(attached.secret())),
        failure => failure,
    }
}

/// Whether `failure` is HeyGen refusing the credential (`401`) for the first time in the call.
#[cold]
fn refused_credential(failure: &Failure, state: &CallState) -> bool {
    matches!(failure, Failure::Api(api) if api.status == http::StatusCode::UNAUTHORIZED)
        && !state.renewed
}

/// The pause before the next attempt after `failure` (given back, to be reported if the next
/// attempt cannot be built), or the call's error when there is to be none: a failure no retry
/// can fix, a retry the policy does not allow, or no time left before the deadline.
#[cold]
fn retry_delay(
    client: &Client,
    request: &Request,
    state: &mut CallState,
    failure: Failure,
) -> std::result::Result<(Failure, Duration), Error> {
    let (outcome, retry_after) = match &failure {
        Failure::Final(_) => return Err(failure.into_error(state.earlier_may_have_applied)),
        // Out of the call's deadline: no attempt may follow.
        Failure::Transport(transport) if transport.kind == TransportErrorKind::DeadlineExceeded => {
            return Err(failure.into_error(state.earlier_may_have_applied));
        }
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
    let policy = client.retry_policy();
    let kind = AttemptKind {
        method: request.info.method,
        has_idempotency_key: request.idempotency_key.is_some(),
        body_replayable: request.body.is_replayable(),
    };
    let attempts = state.attempts;
    if state.retries >= policy.retries() || !should_retry(kind, outcome) {
        tracing::debug!(attempts, "giving up");
        return Err(failure.into_error(state.earlier_may_have_applied));
    }
    let delay = policy.delay(state.retries, retry_after, fastrand::f64());
    if let Some((ends, length)) = state.deadline
        && Instant::now() + delay >= ends
    {
        tracing::debug!(attempts, "no time left for a retry before the deadline");
        return Err(deadline_passed(
            request,
            state,
            length,
            Some(Box::new(failure)),
            true,
        ));
    }
    state.earlier_may_have_applied |= may_have_applied(outcome);
    state.retries += 1;
    tracing::debug!(
        attempt = attempts,
        delay_ms = delay.as_millis() as u64,
        outcome = ?outcome,
        "retrying"
    );
    Ok((failure, delay))
}

/// The failure of an attempt whose answer never came: the HTTP client's error, or a
/// middleware's (which no retry can fix).
#[cold]
fn unsent(
    client: &Client,
    request: &Request,
    error: reqwest_middleware::Error,
    attempts: u32,
) -> Failure {
    match error {
        reqwest_middleware::Error::Reqwest(error) => Failure::Transport(Box::new(transport_error(
            request,
            error,
            attempts,
            client.connect_timeout(),
        ))),
        reqwest_middleware::Error::Middleware(error) => Failure::Final(Error::Transport(Box::new(
            middleware_error(request, error.into(), attempts),
        ))),
    }
}

/// Sends one attempt: through the middleware stack when the user added any (the credential
/// layer innermost, the endpoint and attempt number in the extensions), otherwise straight to
/// the HTTP client with the credential attached by the same rule.
///
/// Not an `async fn`: without middleware the future is `reqwest`'s own (a pointer), and the
/// stack's larger one is boxed, so the attempt's state stays small for every call.
fn send<'a>(
    client: &'a Client,
    mut built: reqwest::Request,
    info: &'static crate::runtime::endpoint::EndpointInfo,
    attempts: u32,
    credential: Option<&AttemptCredential>,
) -> impl Future<Output = reqwest_middleware::Result<reqwest::Response>> + Send + 'a {
    if !client.has_middleware() {
        if let Some(credential) = credential {
            credential.attach(&mut built);
        }
        return Either::Left(
            client
                .http()
                .execute(built)
                .map_err(reqwest_middleware::Error::Reqwest),
        );
    }
    let mut extensions = Extensions::new();
    extensions.insert(*info);
    extensions.insert(Attempt::new(attempts));
    if let Some(credential) = credential {
        extensions.insert(credential.clone());
    }
    Either::Right(Box::pin(async move {
        client
            .stack()
            .execute_with_extensions(built, &mut extensions)
            .await
    }))
}

/// The error of a call whose deadline passed between attempts, with the last attempt's failure.
/// `pause_too_long`: the deadline had not passed yet, but the pause before the next attempt
/// would have ended after it.
#[cold]
fn deadline_passed(
    request: &Request,
    state: &CallState,
    length: Duration,
    last: Option<Box<Failure>>,
    pause_too_long: bool,
) -> Error {
    // Checked as the next attempt was about to start (counted already) or before its pause.
    let made = match pause_too_long {
        true => state.attempts,
        false => state.attempts - 1,
    };
    let mut error = TransportError::new(
        request.info.name,
        TransportErrorKind::DeadlineExceeded,
        made,
        request.idempotency_key.clone(),
    );
    error.limit = Some(length);
    error.read_only = request.info.reads_only();
    error.pause_too_long = pause_too_long;
    error.earlier_attempt_may_have_applied = state.earlier_may_have_applied;
    error.last = last.map(|failure| Box::new(failure.into_error(state.earlier_may_have_applied)));
    Error::Transport(Box::new(error))
}

/// The error of a call whose credential provider failed.
#[cold]
fn credential_error(
    request: &Request,
    mut error: CredentialError,
    state: &CallState,
    renewing: bool,
) -> Error {
    error.operation = request.info.name;
    error.renewing = renewing;
    // Renewing, the current attempt was sent (and refused); otherwise it was not.
    error.attempts = match renewing {
        true => state.attempts,
        false => state.attempts - 1,
    };
    error.earlier_attempt_may_have_applied = state.earlier_may_have_applied;
    Error::Credential(Box::new(error))
}

/// A multipart form or a file body, read from its sources for one attempt (a retry reads them
/// again, so that it never sends a consumed or half-read body).
enum StreamedBody {
    Multipart(reqwest::multipart::Form),
    File(reqwest::Body),
}

impl StreamedBody {
    /// The body of `body` for the next attempt, if it is one read from its sources. Fails when
    /// a part or the file cannot be read.
    async fn read(body: &RequestBody) -> Result<Option<StreamedBody>> {
        Ok(match body {
            RequestBody::Multipart(form) => Some(StreamedBody::Multipart(form.to_form().await?)),
            RequestBody::File(file) => Some(StreamedBody::File(file.body().await?)),
            RequestBody::Empty | RequestBody::Json(_) | RequestBody::Form(_) => None,
        })
    }
}

/// One attempt's request: method, URL, headers and body (the credential is added by the
/// innermost layer of the stack, or by [`send`]). `streamed` is the body read for this attempt
/// when it is a multipart form or a file.
fn build_attempt(
    client: &Client,
    request: &Request,
    streamed: Option<StreamedBody>,
) -> Result<reqwest::Request> {
    let mut builder = client
        .http()
        .request(method(request.info.method), request_url(client, request));
    match &request.target {
        Target::Api { .. } => {
            builder = builder
                .header(USER_AGENT, client.user_agent().clone())
                .header(ACCEPT, request.accept.clone());
            if !request.headers.is_empty() {
                builder = builder.headers(request.headers.clone());
            }
        }
        // Exactly the headers HeyGen returned for the upload, and never the HeyGen credential:
        // the storage service is not HeyGen.
        Target::Storage(storage) => builder = builder.headers(storage.headers.clone()),
    }
    if let Some(key) = &request.idempotency_key {
        builder = builder.header(IDEMPOTENCY_KEY, key.as_str());
    }
    builder = match (&request.body, streamed) {
        (_, Some(StreamedBody::Multipart(form))) => builder.multipart(form),
        (_, Some(StreamedBody::File(body))) => builder.body(body),
        (RequestBody::Json(bytes), None) => builder.header(CONTENT_TYPE, JSON).body(bytes.clone()),
        (RequestBody::Form(bytes), None) => builder.header(CONTENT_TYPE, FORM).body(bytes.clone()),
        // Some front ends answer `411 Length Required` to a bodiless POST without the header.
        (RequestBody::Empty, None)
            if !matches!(request.info.method, HttpMethod::Get | HttpMethod::Delete) =>
        {
            builder.header(CONTENT_LENGTH, ZERO_LENGTH)
        }
        (RequestBody::Empty, None) => builder,
        // Read by `StreamedBody::read` before every attempt: never sent without its body.
        (RequestBody::Multipart(_) | RequestBody::File(_), None) => {
            return Err(ConfigError::new("the request body was not read for this attempt").into());
        }
    };
    builder.build().map_err(|error| {
        ConfigError::new(format!(
            "the request could not be built: {}",
            error.without_url()
        ))
        .into()
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::endpoint::{BodyKind, EndpointInfo, TimeoutClass};

    /// A bodiless idempotent POST, as `rotate_webhook_secret` is.
    const ROTATE: EndpointInfo = EndpointInfo {
        name: "rotate_webhook_secret",
        method: HttpMethod::Post,
        template: "/v3/webhooks/endpoints/<endpoint_id>/rotate-secret",
        segments: &[],
        idempotent: true,
        paginated: false,
        query: &[],
        body: BodyKind::None,
        timeout_class: TimeoutClass::Write,
        timeout: None,
        headers: &[],
    };

    /// Regression: the boxed state of a call was 1,224 bytes while it held the request, and
    /// every call took and gave back its block through glibc's shared bins.
    #[test]
    fn a_calls_boxed_state_fits_the_allocators_thread_cache() {
        let client = Client::builder()
            .api_key("k")
            .base_url("http://127.0.0.1:9")
            .build()
            .unwrap();
        let request = Request {
            info: &ROTATE,
            target: Target::Api {
                path_and_query: "/v3/webhooks/endpoints/ep/rotate-secret".into(),
            },
            body: RequestBody::Empty,
            idempotency_key: None,
            headers: http::HeaderMap::new(),
            accept: JSON,
            streamed: false,
        };
        let state = execute(&client, &request);
        let size = std::mem::size_of_val(&*state);
        // Room to spare, so that a field added to the loop shows up here before it costs.
        assert!(
            size <= MAX_BOXED_STATE - 32,
            "a call's boxed state is {size} bytes: over {} it leaves glibc's thread cache",
            MAX_BOXED_STATE
        );
    }
}
