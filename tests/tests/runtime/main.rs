//! Behaviour of the runtime against servers on loopback: what goes on the wire, how answers and
//! failures are decoded, retries, path encoding, pagination, uploads and secrecy.
//!
//! The endpoints are declared here, in a crate that is not `heygen-api`, to prove that
//! user-declared endpoints work like the crate's own.

mod api;
mod compression;
mod deadline;
mod errors;
mod footprint;
mod forms;
mod multipart;
mod pagination;
mod paths;
mod properties;
mod retries;
mod secrets;
mod stack;
mod support;
mod wire;
