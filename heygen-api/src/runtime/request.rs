//! A request as the call loop keeps it between attempts.
//!
//! Each attempt builds the `reqwest` request again from these parts (JSON bytes, a multipart
//! form or a file rebuilt from its sources), so a retry never sends a consumed or half-read body.

use bytes::Bytes;
use http::{HeaderMap, HeaderValue};

use crate::runtime::endpoint::EndpointInfo;
use crate::runtime::idempotency::IdempotencyKey;
use crate::runtime::multipart::{FilePart, Multipart};

/// A request ready to send: everything a declaration (or an upload flow) gave, validated.
pub(crate) struct Request {
    pub info: &'static EndpointInfo,
    pub target: Target,
    pub body: RequestBody,
    pub idempotency_key: Option<IdempotencyKey>,
    /// Headers beyond the client's own (an API request's default, static, per-call and argument
    /// headers, in that order of precedence, already merged).
    pub headers: HeaderMap,
    /// The `Accept` header, from the endpoint's response form.
    pub accept: HeaderValue,
    /// A success answer's body is streamed to the caller (a download, server-sent events)
    /// rather than read whole: the timeout then covers the wait for the headers, and each
    /// stall of the body, not the whole transfer.
    pub streamed: bool,
}

/// `application/json`: the `Accept` of every JSON form, and the `Content-Type` of a JSON body.
pub(crate) const JSON: HeaderValue = HeaderValue::from_static("application/json");

/// Where a request goes, which also decides what it carries and how its answer is read.
pub(crate) enum Target {
    /// HeyGen's API: the encoded path and query, appended to the client's base URL. Carries the
    /// credential; an error answer is read as HeyGen's error shape.
    Api { path_and_query: String },
    /// A storage service's presigned URL, with exactly the headers HeyGen said to send. Never
    /// carries the HeyGen credential; an error answer is the storage service's. Boxed: every
    /// request and call future would otherwise carry its size.
    Storage(Box<StorageTarget>),
}

/// Where a storage upload goes.
pub(crate) struct StorageTarget {
    pub url: reqwest::Url,
    pub headers: HeaderMap,
}

/// A request body as stored between attempts.
pub(crate) enum RequestBody {
    Empty,
    Json(Bytes),
    Multipart(Multipart),
    /// An `application/x-www-form-urlencoded` body, encoded.
    Form(Bytes),
    /// A file sent as the whole body (a storage upload); boxed, like [`Target::Storage`].
    File(Box<FilePart>),
}

impl RequestBody {
    /// Whether the body can be built again for a retry (not a stream read once).
    pub(crate) fn is_replayable(&self) -> bool {
        match self {
            RequestBody::Empty | RequestBody::Json(_) | RequestBody::Form(_) => true,
            RequestBody::Multipart(form) => form.is_replayable(),
            RequestBody::File(file) => file.is_replayable(),
        }
    }
}

#[cfg(test)]
impl Request {
    /// The path and query of an API request.
    pub(crate) fn path_and_query(&self) -> &str {
        match &self.target {
            Target::Api { path_and_query } => path_and_query,
            Target::Storage(_) => panic!("not an API request"),
        }
    }
}
