//! The declared HeyGen API against a local server: one operation of each generated group exactly
//! as it goes on the wire, each of the 21 operations beyond the catalog (the word stream's
//! server-sent events included), uploads (multipart and direct), walking pages, and waiting for
//! jobs.

mod extra_operations;
mod fakes;
mod groups;
mod jobs;
mod mocks;
mod pagination;
mod simulator;
mod support;
mod uploads;
mod word_stream;
