//! Compile-time checked client for HeyGen's v3 video API.
//!
//! (Crate docs: module map and a runnable example are written by the runtime owner.)

#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod endpoint;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use endpoint::{EndpointInfo, HttpMethod, QueryParams};
pub use heygen_macros::{api, endpoint, idempotency_key};

#[macro_use]
mod string_enum;
