//! Procedural macros for `heygen-api`: `#[endpoint]`, `#[api]` and `idempotency_key!`.
