//! The declared HeyGen API against a local server: one operation of each generated group exactly
//! as it goes on the wire, each of the 21 operations beyond the catalog (the word stream's
//! server-sent events included), uploads (multipart and direct), walking pages, and waiting for
//! jobs, and the September 2026 changes to the catalog's operations.

mod extra_operations;
mod fakes;
mod groups;
mod jobs;
mod limits;
mod mocks;
mod pagination;
mod september_changes;
mod simulator;
mod support;
mod uploads;
mod word_stream;
