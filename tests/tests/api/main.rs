//! The declared HeyGen API against a local server: one operation of each generated group exactly
//! as it goes on the wire, uploads (multipart and direct), walking pages, and waiting for jobs.

mod groups;
mod jobs;
mod pagination;
mod support;
mod uploads;
