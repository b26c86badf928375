//! What every request goes through: a request id on the answer, and the API key check.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use secrecy::{ExposeSecret, SecretString};
use subtle::ConstantTimeEq;

use super::envelope::ApiError;

/// Sets `X-Request-Id` on every answer, errors included.
pub(super) async fn request_id(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let id = format!("req_{}", uuid::Uuid::new_v4().simple());
    if let Ok(value) = HeaderValue::try_from(id) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

/// Lets a request through only with the server's key, in `x-api-key` or as a bearer token.
pub(super) async fn authenticate(
    State(api_key): State<Arc<SecretString>>,
    request: Request,
    next: Next,
) -> Response {
    match credential(request.headers()) {
        Some(given) if bool::from(given.as_bytes().ct_eq(api_key.expose_secret().as_bytes())) => {
            next.run(request).await
        }
        _ => ApiError::authentication_failed().into_response(),
    }
}

/// The credential a request presents: `x-api-key`, or else an `Authorization: Bearer` token.
fn credential(headers: &HeaderMap) -> Option<&str> {
    match headers.get("x-api-key") {
        Some(key) => key.to_str().ok(),
        None => headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer ")),
    }
}
