//! Reliability and security under faults and hostile input: no fault loses, duplicates or leaks
//! anything.
//!
//! - `faults`: one table of (fault, kind of operation) -> (attempts, outcome, may it have been
//!   applied), each row run against a small server on loopback that misbehaves on purpose.
//! - `end_to_end`: a thousand concurrent idempotent creates against the embedded server while it
//!   injects faults; every logical call makes exactly one resource.
//! - `cancellation`: a call dropped mid-retry leaves nothing running and sends nothing more.
//! - `body_limit`: a response body over the limit is an error, not unbounded memory.
//! - `properties`: hostile input (keys, path values, statuses and bodies, webhook deliveries,
//!   header values) never panics, never routes elsewhere, never verifies when tampered.
//! - `secrets`: no API key, bearer token or webhook secret in `Debug`, `Display`, error chains or
//!   logs at TRACE.

mod api;
mod body_limit;
mod cancellation;
mod end_to_end;
mod faults;
mod properties;
mod scripted;
mod secrets;
mod support;
