//! The declared API held against HeyGen's specification.
//!
//! - `surface`: every operation of `spec/operations.json` declared exactly once, with the same
//!   method, path, parameters, idempotency and pagination.
//! - `wire`: every operation called through the crate against Stoplight Prism serving
//!   `spec/openapi.json` (installed by `npm ci --prefix spec/prism`): requests the spec rejects
//!   and answers that do not decode fail the test.

mod calls;
mod known_issues;
mod prism;
mod surface;
mod wire;
