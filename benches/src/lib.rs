//! Benchmarks of what `#[endpoint]` costs: at run time against the hand-written code it
//! replaces, at compile time, and in memory while paging.
//!
//! `cargo bench --workspace` runs them all (the `overhead` bench target) and ends with one
//! summary line per figure. The library holds the parts:
//!
//! | module | what it holds |
//! |---|---|
//! | [`fixtures`] | the requests sent and the answers given, shared by every side |
//! | [`server`] | the loopback `hyper` server the calls go to |
//! | [`sides`] | the compared sides: generated (with and without middleware), hand-written `reqwest` and its twin, bare `hyper` |
//! | [`handwritten`] | the hand-written `reqwest` calls |
//! | [`raw_hyper`] | the bare `hyper` calls (the floor) |
//! | [`runtime`] | timed calls over loopback, sequential and concurrent |
//! | [`paging`] | peak memory while walking a long paginated list |
//! | [`streams`] | server-sent events and a 1 GiB download through declared endpoints |
//! | [`compile_time`] | a synthetic crate of 200 endpoints, declared or hand-written, timed |
//! | [`instructions`] | instruction counts under callgrind |
//! | [`stats`] | interleaved rounds and medians |
//! | [`alloc`] | the counting global allocator |

pub mod alloc;
pub mod compile_time;
pub mod fixtures;
pub mod handwritten;
pub mod instructions;
pub mod paging;
pub mod raw_hyper;
pub mod runtime;
pub mod server;
pub mod sides;
pub mod simulator;
pub mod stats;
pub mod streams;
