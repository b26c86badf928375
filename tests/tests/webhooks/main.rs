//! The webhook group: the declared operations on the wire, delivery verification, the embedded
//! local server, and secret redaction.

mod end_to_end;
mod local_server;
mod operations;
mod redaction;
mod verification;
