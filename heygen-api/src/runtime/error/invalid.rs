//! An input of a call that stopped its request from being built.

use std::path::PathBuf;

use crate::runtime::idempotency::InvalidIdempotencyKey;

/// An input that stopped the request from being built. Nothing was sent.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidInput {
    /// A path parameter is empty; it would change the route.
    #[error("path parameter `{name}` is empty")]
    EmptyPathParam {
        /// The parameter's name in the template.
        name: &'static str,
    },
    /// A path parameter is `.` or `..`, which URLs treat as "this/parent directory".
    #[error("path parameter `{name}` is `{value}`, which a URL cannot carry as a path segment")]
    DotPathParam {
        /// The parameter's name in the template.
        name: &'static str,
        /// `.` or `..`.
        value: String,
    },
    /// A placeholder of the template got no value (a declaration the macro did not check).
    #[error("path parameter `{name}` was not given a value")]
    MissingPathParam {
        /// The parameter's name in the template.
        name: &'static str,
    },
    /// A query parameter's value cannot be written as text.
    #[error("query parameter `{name}` {problem}")]
    Query {
        /// The parameter's name (the struct's name for `#[query(flatten)]`).
        name: String,
        /// What is wrong with it.
        problem: String,
    },
    /// A header (a `#[header]` argument, a default or per-call header) cannot be sent; the value
    /// is not repeated.
    #[error("header `{name}`: {problem}")]
    Header {
        /// The header's name.
        name: String,
        /// What is wrong with it.
        problem: String,
    },
    /// The `Idempotency-Key` given with `Client::with_idempotency_key` was already used by an
    /// earlier call through the same handle: a key is meant for one call.
    #[error(
        "the Idempotency-Key given with Client::with_idempotency_key was used by an earlier call \
         through this handle; to repeat that call, make a new handle with the same key, \
         otherwise give each call its own key"
    )]
    IdempotencyKeyUsed,
    /// The call has a key argument and a key given with `Client::with_idempotency_key`.
    #[error(
        "`{operation}` was given two Idempotency-Keys (its key argument and \
         Client::with_idempotency_key); give one"
    )]
    TwoIdempotencyKeys {
        /// The endpoint's method name.
        operation: &'static str,
    },
    /// The body could not be encoded as a form (`#[form]`).
    #[error("the request body cannot be encoded as a form: {0}")]
    Form(String),
    /// A field of the body breaks a limit HeyGen documents (a length, a range, a number of items,
    /// a value HeyGen removed); nothing was sent. Change the field, or, if HeyGen has loosened the
    /// limit since this version of the crate, build the client with
    /// [`ClientBuilder::check_limits(false)`](crate::ClientBuilder::check_limits).
    #[error(
        "{0}; nothing was sent (ClientBuilder::check_limits(false) leaves the judgement to HeyGen)"
    )]
    Limit(crate::limits::LimitViolation),
    /// The JSON body could not be serialized.
    #[error("the request body cannot be serialized as JSON: {0}")]
    Body(#[source] serde_json::Error),
    /// The caller's `Idempotency-Key` is invalid.
    #[error(transparent)]
    IdempotencyKey(#[from] InvalidIdempotencyKey),
    /// A file to upload could not be read.
    #[error("cannot read `{}`: {source}", path.display())]
    File {
        /// The file's path.
        path: PathBuf,
        /// Why it could not be read.
        #[source]
        source: std::io::Error,
    },
    /// A multipart form could not be built.
    #[error("invalid multipart form: {0}")]
    Multipart(String),
    /// A file is larger than the upload accepts; nothing of it was sent.
    ///
    /// `POST /v3/assets` takes at most 32 MiB: upload a larger file with
    /// [`UploadsApi::upload_direct`](crate::uploads::UploadsApi::upload_direct).
    #[error(
        "the file to upload is {size} bytes, more than the {limit} bytes {accepted_by} accepts"
    )]
    FileTooLarge {
        /// The file's size, in bytes.
        size: u64,
        /// The largest size accepted, in bytes.
        limit: u64,
        /// What sets the limit (`POST /v3/assets`, the presigned upload).
        accepted_by: &'static str,
    },
}
