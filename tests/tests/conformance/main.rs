//! The declared API held against HeyGen's specification.
//!
//! - `surface`: every operation of `spec/operations.json` and `spec/extra-operations.json`
//!   declared exactly once, with the same method, path, parameters, idempotency and pagination.
//! - `document`: `spec/openapi.json` with the extra operations assembled into it.
//! - `wire`: every declared operation but the word stream called through the crate against
//!   Stoplight Prism serving that document (installed by `npm ci --prefix spec/prism`): requests
//!   the spec rejects and answers that do not decode fail the test.
//! - `simulator`: the same calls against `heygen_fake::LocalServer`, every answer validated with a
//!   JSON Schema validator against the document.
//! - `query_wire`: every operation taking a `#[query(flatten)]` struct called with every field set
//!   against a loopback recorder: the query parameter names sent must be exactly the spec's.

mod calls;
mod document;
mod known_issues;
mod prism;
mod query_wire;
mod simulator;
mod surface;
mod wire;
