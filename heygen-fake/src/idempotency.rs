//! `Idempotency-Key` as HeyGen documents it: a repeat within 24 hours replays the stored answer,
//! a repeat while the original is running gets `409 request_in_progress`. The scope is the method,
//! the path (path parameters included) and the key.
//!
//! Only successful answers are stored: a failed request releases its key, so that retrying it
//! with the same key runs it again instead of replaying the failure.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::envelope::ApiError;
use heygen_api::IdempotencyKey;

/// How long an answer is replayed.
const REPLAY_WINDOW: Duration = Duration::from_secs(24 * 60 * 60);

/// What a key is scoped to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Scope {
    method: Method,
    path: String,
    key: String,
}

#[derive(Debug)]
enum Entry {
    InFlight,
    Done { at: Instant, answer: StoredAnswer },
}

/// A successful answer, kept to be replayed.
#[derive(Debug, Clone)]
struct StoredAnswer {
    status: StatusCode,
    content_type: Option<HeaderValue>,
    body: Bytes,
}

impl IntoResponse for StoredAnswer {
    fn into_response(self) -> Response {
        let mut response = (self.status, self.body).into_response();
        match self.content_type {
            Some(content_type) => {
                response
                    .headers_mut()
                    .insert(header::CONTENT_TYPE, content_type);
            }
            None => {
                response.headers_mut().remove(header::CONTENT_TYPE);
            }
        }
        response
    }
}

/// The keys seen by the server.
#[derive(Debug, Default)]
pub(super) struct IdempotencyStore {
    entries: Mutex<HashMap<Scope, Entry>>,
}

enum Claim {
    /// First use (or the earlier one failed or expired): run the request.
    Run(InFlight),
    Replay(StoredAnswer),
    InProgress,
}

impl IdempotencyStore {
    fn entries(&self) -> MutexGuard<'_, HashMap<Scope, Entry>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn claim(self: &Arc<Self>, scope: Scope) -> Claim {
        let mut entries = self.entries();
        match entries.get(&scope) {
            Some(Entry::InFlight) => return Claim::InProgress,
            Some(Entry::Done { at, answer }) if at.elapsed() < REPLAY_WINDOW => {
                return Claim::Replay(answer.clone());
            }
            _ => {}
        }
        entries.insert(scope.clone(), Entry::InFlight);
        Claim::Run(InFlight {
            store: Arc::clone(self),
            scope: Some(scope),
        })
    }
}

/// A claimed key; released when dropped unless completed (so a cancelled request frees it too).
struct InFlight {
    store: Arc<IdempotencyStore>,
    scope: Option<Scope>,
}

impl InFlight {
    fn complete(mut self, answer: StoredAnswer) {
        if let Some(scope) = self.scope.take() {
            let at = Instant::now();
            self.store
                .entries()
                .insert(scope, Entry::Done { at, answer });
        }
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if let Some(scope) = self.scope.take() {
            self.store.entries().remove(&scope);
        }
    }
}

/// Applies the key semantics to `POST` requests that carry one (HeyGen documents the header on
/// POST operations only).
pub(super) async fn idempotency(
    State(store): State<Arc<IdempotencyStore>>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let Some(raw) = request.headers().get("idempotency-key") else {
        return next.run(request).await;
    };
    let key = match raw.to_str().map(IdempotencyKey::new) {
        Ok(Ok(key)) => key,
        Ok(Err(invalid)) => {
            return ApiError::invalid_parameter(Some("Idempotency-Key"), invalid.to_string())
                .into_response();
        }
        Err(_) => {
            return ApiError::invalid_parameter(
                Some("Idempotency-Key"),
                "idempotency key has a character outside A-Z a-z 0-9 _ - : .",
            )
            .into_response();
        }
    };
    let scope = Scope {
        method: request.method().clone(),
        path: request.uri().path().to_owned(),
        key: key.as_str().to_owned(),
    };
    let in_flight = match store.claim(scope) {
        Claim::Run(in_flight) => in_flight,
        Claim::Replay(answer) => return answer.into_response(),
        Claim::InProgress => return ApiError::request_in_progress().into_response(),
    };

    let (parts, body) = next.run(request).await.into_parts();
    let body = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(body) => body,
        Err(_) => return ApiError::internal("could not read the answer").into_response(),
    };
    if parts.status.is_success() {
        in_flight.complete(StoredAnswer {
            status: parts.status,
            content_type: parts.headers.get(header::CONTENT_TYPE).cloned(),
            body: body.clone(),
        });
    }
    Response::from_parts(parts, Body::from(body))
}
