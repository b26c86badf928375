//! The rules that `heygen-api` and its macros must agree on, each implemented once.
//!
//! - [`idempotency_key`]: HeyGen's `Idempotency-Key` pattern, `^[A-Za-z0-9_\-:.]{1,255}$`.
//! - [`template`]: `#[endpoint]` path templates such as `/v3/videos/<video_id>`.
//! - [`header`]: which header names and values a declaration or a client may set.
//!
//! The `#[endpoint]` and `idempotency_key!` macros report these rules' errors while compiling,
//! the runtime applies them to what it is given at run time, and the property tests and fuzz
//! targets exercise these very functions. Plain Rust without dependencies, so that each of them
//! can link it.
//!
//! ```
//! use heygen_rules::{idempotency_key, template};
//!
//! assert!(idempotency_key::check("order-42:video").is_ok());
//!
//! let segments = template::parse("/v3/videos/<video_id>").unwrap();
//! assert_eq!(
//!     template::matches(&segments, "/v3/videos/abc%2F1"),
//!     Some(vec![("video_id", "abc%2F1")])
//! );
//! ```

#![forbid(unsafe_code)]

pub mod header;
pub mod idempotency_key;
pub mod template;
