//! HeyGen's answer with an error status.

use std::fmt;
use std::time::Duration;

use http::StatusCode;

use super::{EARLIER_ATTEMPT_NOTE, write_context};
use crate::runtime::idempotency::IdempotencyKey;

crate::string_enum! {
    /// The `code` of an API error body. Codes this crate does not know are kept as
    /// [`ErrorCode::Unknown`].
    pub enum ErrorCode {
        /// 400: a parameter is invalid; see [`ApiError::param`].
        InvalidParameter = "invalid_parameter",
        /// 401: the API key or token is missing or wrong.
        AuthenticationFailed = "authentication_failed",
        /// 401: the credential is not allowed to call this.
        Unauthorized = "unauthorized",
        /// 402: the account lacks credit.
        InsufficientCredit = "insufficient_credit",
        /// 403: forbidden.
        Forbidden = "forbidden",
        /// 403: the resource belongs to someone else.
        ResourceAccessDenied = "resource_access_denied",
        /// 404: not found.
        NotFound = "not_found",
        /// 404: no such webhook endpoint.
        WebhookNotFound = "webhook_not_found",
        /// 404: no such voice.
        VoiceNotFound = "voice_not_found",
        /// 404: no such video.
        VideoNotFound = "video_not_found",
        /// 404: no such asset.
        AssetNotFound = "asset_not_found",
        /// 404: no such resource (brand kits, brand glossaries).
        ResourceNotFound = "resource_not_found",
        /// 404: no such avatar group.
        AvatarNotFound = "avatar_not_found",
        /// 404: no such HyperFrames render (the code HeyGen's hyperframes CLI knows; the API's
        /// document says `not_found`).
        HyperframesRenderNotFound = "hyperframes_render_not_found",
        /// 400: the video is longer than the operation takes (filler-word removal).
        VideoTooLong = "video_too_long",
        /// 400: the video has no audio track (filler-word removal).
        NoAudioTrack = "no_audio_track",
        /// 400: HeyGen could not download the media given by URL.
        DownloadFailed = "download_failed",
        /// 403: the voice cannot be used with this avatar.
        VoiceNotUsable = "voice_not_usable",
        /// 409: the request conflicts with the resource's state (a brand glossary's name taken).
        Conflict = "conflict",
        /// 409: the brand kit is still loading.
        BrandKitNotReady = "brand_kit_not_ready",
        /// 409: the resource is not ready for this yet.
        ResourceNotReady = "resource_not_ready",
        /// 409: a request with the same `Idempotency-Key` is still running; retry later.
        RequestInProgress = "request_in_progress",
        /// 413: the body is too large.
        PayloadTooLarge = "payload_too_large",
        /// The HyperFrames project is larger than its limit (200 MB, says HeyGen's CLI; the status
        /// is not documented).
        HyperframesProjectTooLarge = "hyperframes_project_too_large",
        /// 429: too many requests; wait [`ApiError::retry_after`].
        RateLimitExceeded = "rate_limit_exceeded",
        /// 5xx: HeyGen failed.
        InternalError = "internal_error",
    }
}

impl ErrorCode {
    /// Whether the code says the resource asked for does not exist (`not_found`,
    /// `video_not_found`, `resource_not_found`, ... and any unknown code ending `_not_found`):
    /// the codes differ between operations, and HeyGen adds more.
    pub fn is_not_found(&self) -> bool {
        self.as_str() == "not_found" || self.as_str().ends_with("_not_found")
    }
}

/// HeyGen answered with an error status.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiError {
    pub(crate) operation: &'static str,
    pub(crate) status: StatusCode,
    pub(crate) code: Option<ErrorCode>,
    pub(crate) message: String,
    pub(crate) param: Option<String>,
    pub(crate) doc_url: Option<String>,
    pub(crate) request_id: Option<String>,
    pub(crate) retry_after: Option<Duration>,
    pub(crate) attempts: u32,
    pub(crate) idempotency_key: Option<IdempotencyKey>,
    pub(crate) body_prefix: Option<String>,
    /// The body's `errors[]`: one entry per failed item or node.
    pub(crate) details: Vec<ErrorDetail>,
    pub(crate) earlier_attempt_may_have_applied: bool,
}

/// One entry of an error body's `errors[]`: what failed in one item or node of a batch or
/// multi-node request (documented in HeyGen's September 2026 `StandardAPIError`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[non_exhaustive]
pub struct ErrorDetail {
    /// The entry's error code.
    #[serde(default)]
    pub code: Option<String>,
    /// What went wrong.
    #[serde(default)]
    pub message: Option<String>,
    /// The node it concerns, for a multi-node request.
    #[serde(default)]
    pub node_id: Option<String>,
    /// The node's port it concerns.
    #[serde(default)]
    pub port: Option<String>,
    /// Where in the request it is (a JSON path).
    #[serde(default)]
    pub path: Option<String>,
}

impl ErrorDetail {
    /// An entry with `code` and `message` (for tests).
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> ErrorDetail {
        ErrorDetail {
            code: Some(code.into()),
            message: Some(message.into()),
            node_id: None,
            port: None,
            path: None,
        }
    }

    /// The same entry at `path` in the request.
    pub fn at(mut self, path: impl Into<String>) -> ErrorDetail {
        self.path = Some(path.into());
        self
    }
}

impl fmt::Display for ErrorDetail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(path) = &self.path {
            write!(f, "{path}: ")?;
        } else if let Some(node) = &self.node_id {
            write!(f, "node {node}: ")?;
        }
        match (&self.code, &self.message) {
            (Some(code), Some(message)) => write!(f, "{code}: {message}"),
            (Some(text), None) | (None, Some(text)) => f.write_str(text),
            (None, None) => f.write_str("(no detail)"),
        }
    }
}

impl ApiError {
    /// An error answer as HeyGen gives it, built without a server: for tests of code that
    /// handles errors (a fake that answers "video not found"). One attempt, no request id; add
    /// the rest with the `with_` methods. `code` is HeyGen's text (`video_not_found`); codes this
    /// crate does not know are kept as [`ErrorCode::Unknown`].
    ///
    /// ```
    /// use heygen_api::{ApiError, Error, ErrorCode};
    /// use http::StatusCode;
    ///
    /// let error: Error = ApiError::new(
    ///     "get_video",
    ///     StatusCode::NOT_FOUND,
    ///     "video_not_found",
    ///     "Video not found",
    /// )
    /// .with_request_id("req-1")
    /// .into();
    /// assert_eq!(error.code(), Some(&ErrorCode::VideoNotFound));
    /// assert!(!error.is_retryable());
    /// ```
    pub fn new(
        operation: &'static str,
        status: StatusCode,
        code: &str,
        message: impl Into<String>,
    ) -> ApiError {
        ApiError {
            operation,
            status,
            code: Some(ErrorCode::from(code)),
            message: message.into(),
            param: None,
            doc_url: None,
            request_id: None,
            retry_after: None,
            attempts: 1,
            idempotency_key: None,
            body_prefix: None,
            details: Vec::new(),
            earlier_attempt_may_have_applied: false,
        }
    }

    /// The same error with `errors[]` entries.
    pub fn with_details(mut self, details: impl IntoIterator<Item = ErrorDetail>) -> ApiError {
        self.details = details.into_iter().collect();
        self
    }

    /// The body's `errors[]`: what failed in each item or node of a batch or multi-node
    /// request; empty when the answer had none.
    pub fn details(&self) -> &[ErrorDetail] {
        &self.details
    }

    /// Redacts `secret` wherever the server's text could have echoed it.
    pub(crate) fn redact(&mut self, secret: &str) {
        super::redact(&mut self.message, secret);
        for detail in &mut self.details {
            for text in [&mut detail.message, &mut detail.path]
                .into_iter()
                .flatten()
            {
                super::redact(text, secret);
            }
        }
        for text in [&mut self.param, &mut self.doc_url, &mut self.body_prefix]
            .into_iter()
            .flatten()
        {
            super::redact(text, secret);
        }
    }

    /// The same error naming the invalid parameter.
    pub fn with_param(mut self, param: impl Into<String>) -> ApiError {
        self.param = Some(param.into());
        self
    }

    /// The same error with a documentation link.
    pub fn with_doc_url(mut self, doc_url: impl Into<String>) -> ApiError {
        self.doc_url = Some(doc_url.into());
        self
    }

    /// The same error with an `X-Request-Id`.
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> ApiError {
        self.request_id = Some(request_id.into());
        self
    }

    /// The same error with a `Retry-After`.
    pub fn with_retry_after(mut self, retry_after: Duration) -> ApiError {
        self.retry_after = Some(retry_after);
        self
    }

    /// The same error after `attempts` attempts.
    pub fn with_attempts(mut self, attempts: u32) -> ApiError {
        self.attempts = attempts;
        self
    }

    /// The same error for a request that carried `key`.
    pub fn with_idempotency_key(mut self, key: IdempotencyKey) -> ApiError {
        self.idempotency_key = Some(key);
        self
    }

    /// The endpoint's method name (`create_video`).
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The error code, when the body was HeyGen's JSON error shape.
    pub fn code(&self) -> Option<&ErrorCode> {
        self.code.as_ref()
    }

    /// The message HeyGen sent, or a description of the status when the body had none.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The parameter at fault (`invalid_parameter`).
    pub fn param(&self) -> Option<&str> {
        self.param.as_deref()
    }

    /// A link to the documentation of the error.
    pub fn doc_url(&self) -> Option<&str> {
        self.doc_url.as_deref()
    }

    /// The `X-Request-Id` response header.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The `Retry-After` response header, clamped by the retry policy.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// How many attempts were made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The `Idempotency-Key` the request carried.
    pub fn idempotency_key(&self) -> Option<&IdempotencyKey> {
        self.idempotency_key.as_ref()
    }

    /// The start of the body (lossy UTF-8, webhook secrets masked) when it was not HeyGen's JSON
    /// error shape.
    pub fn body_prefix(&self) -> Option<&str> {
        self.body_prefix.as_deref()
    }

    /// Whether an earlier attempt of the call may have been applied (it got no answer, a 5xx or
    /// `409 request_in_progress`) before this answer refused it: the call may have changed
    /// something even when this answer alone says it did not.
    pub fn earlier_attempt_may_have_applied(&self) -> bool {
        self.earlier_attempt_may_have_applied
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` failed with HTTP {}",
            self.operation,
            self.status.as_u16()
        )?;
        match &self.code {
            Some(code) => write!(f, " {code}: {}", self.message)?,
            None => write!(f, ": {}", self.message)?,
        }
        if let Some(param) = &self.param {
            write!(f, " (parameter `{param}`)")?;
        }
        if let Some(prefix) = &self.body_prefix {
            write!(f, "; body starts with {prefix:?}")?;
        }
        // The first few entries of `errors[]`, then how many more.
        const SHOWN: usize = 3;
        for (at, detail) in self.details.iter().take(SHOWN).enumerate() {
            f.write_str(if at == 0 { "; errors: " } else { ", " })?;
            write!(f, "{detail}")?;
        }
        if self.details.len() > SHOWN {
            write!(f, " and {} more", self.details.len() - SHOWN)?;
        }
        write_context(f, self.request_id.as_deref(), self.attempts)?;
        // Only where this answer alone would suggest nothing happened.
        let refused =
            !self.status.is_server_error() && self.code != Some(ErrorCode::RequestInProgress);
        if refused && self.earlier_attempt_may_have_applied {
            f.write_str(EARLIER_ATTEMPT_NOTE)?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}
