//! The runtime core: the client, the call loop and its one retry mechanism, errors, request
//! encoding, response reading and pagination. It knows nothing of the API groups above it.

pub(crate) mod any_of;
pub(crate) mod attempt;
pub(crate) mod backoff;
pub(crate) mod call;
pub mod client;
pub mod credential;
pub mod endpoint;
pub mod error;
pub mod forms;
pub(crate) mod headers;
pub mod idempotency;
pub mod limits;
pub mod middleware;
pub mod multipart;
pub mod pagination;
pub mod path;
pub(crate) mod request;
pub(crate) mod response;
pub mod retry;
pub(crate) mod string_enum;

#[path = "private.rs"]
pub mod private;
