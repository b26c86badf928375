//! HeyGen's response bodies: `{"data": ...}` on success, `{"error": {...}}` on failure.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::json;

/// A success body `{"data": data}`.
pub(super) fn data(data: impl Serialize) -> Response {
    Json(json!({ "data": data })).into_response()
}

/// A list body `{"data": [...], "has_more": .., "next_token": ..}`.
pub(super) fn page(items: impl Serialize, has_more: bool, next_token: Option<String>) -> Response {
    Json(json!({ "data": items, "has_more": has_more, "next_token": next_token })).into_response()
}

/// An error answer in HeyGen's shape.
#[derive(Debug)]
pub(super) struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    param: Option<String>,
}

impl ApiError {
    /// `400 invalid_parameter`, naming the parameter at fault when there is one.
    pub(super) fn invalid_parameter(param: Option<&str>, message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "invalid_parameter",
            message: message.into(),
            param: param.map(str::to_owned),
        }
    }

    /// `401 authentication_failed`.
    pub(super) fn authentication_failed() -> Self {
        ApiError {
            status: StatusCode::UNAUTHORIZED,
            code: "authentication_failed",
            message: "Invalid or expired API key. Verify your x-api-key header.".to_owned(),
            param: None,
        }
    }

    /// `404` with a resource-specific code (`webhook_not_found`, ...) or `not_found`.
    pub(super) fn not_found(code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::NOT_FOUND,
            code,
            message: message.into(),
            param: None,
        }
    }

    /// `405` for a known path called with a method it does not have.
    pub(super) fn method_not_allowed() -> Self {
        ApiError {
            status: StatusCode::METHOD_NOT_ALLOWED,
            code: "method_not_allowed",
            message: "This path does not accept this HTTP method.".to_owned(),
            param: None,
        }
    }

    /// `409 request_in_progress`: a request with the same Idempotency-Key is still running.
    pub(super) fn request_in_progress() -> Self {
        ApiError {
            status: StatusCode::CONFLICT,
            code: "request_in_progress",
            message: "A request with this Idempotency-Key is already in progress. Retry shortly."
                .to_owned(),
            param: None,
        }
    }

    /// `429 rate_limit_exceeded`.
    pub(super) fn rate_limited(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::TOO_MANY_REQUESTS,
            code: "rate_limit_exceeded",
            message: message.into(),
            param: None,
        }
    }

    /// Any other error status, with the code `internal_error` (injected faults).
    pub(super) fn with_status(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code: "internal_error",
            message: message.into(),
            param: None,
        }
    }

    /// `413 payload_too_large`.
    pub(super) fn payload_too_large(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            code: "payload_too_large",
            message: message.into(),
            param: None,
        }
    }

    /// `500 internal_error`.
    pub(super) fn internal(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal_error",
            message: message.into(),
            param: None,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({
            "error": {
                "code": self.code,
                "message": self.message,
                "param": self.param,
                "doc_url": null,
            }
        });
        (self.status, Json(body)).into_response()
    }
}

/// Answers routes that do not exist.
pub(super) async fn route_not_found() -> ApiError {
    ApiError::not_found("not_found", "No such API route.")
}

/// Answers known routes called with the wrong method.
pub(super) async fn wrong_method() -> ApiError {
    ApiError::method_not_allowed()
}
