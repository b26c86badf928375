//! Compile-time checked client for HeyGen's v3 video API.
//!
//! Every HeyGen operation is a method declared once with [`#[endpoint]`](macro@endpoint) on a trait:
//! the method, path template, parameters and flags are checked while compiling, and the body that
//! builds, sends, retries and decodes the request is generated. [`Client`] implements every API
//! group's trait, so a call is a method call:
//!
//! ```no_run
//! use futures_util::StreamExt;
//! use heygen_api::videos::{ListVideosQuery, VideosApi};
//! use heygen_api::{Client, Error, ErrorCode};
//!
//! # async fn run() -> heygen_api::Result<()> {
//! let client = Client::from_env()?; // reads HEYGEN_API_KEY
//!
//! // One page, or every video as a lazy stream that fetches pages as it goes.
//! let query = ListVideosQuery::default();
//! let page = client.list_videos(&query).await?;
//! println!("{} videos on the first page", page.data.len());
//! let mut videos = std::pin::pin!(client.list_videos_stream(&query));
//! while let Some(video) = videos.next().await {
//!     let video = video?;
//!     # let _ = video;
//! }
//!
//! // Errors say how far the request got and what HeyGen answered.
//! match client.get_video("no-such-video").await {
//!     Ok(video) => println!("{video:?}"),
//!     Err(Error::Api(api)) if api.code() == Some(&ErrorCode::VideoNotFound) => println!("gone"),
//!     Err(other) => return Err(other),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! An operation this crate does not cover yet is one declaration away; it gets the same
//! checks, retries, errors and tracing:
//!
//! ```no_run
//! use heygen_api::{Client, IdempotencyKey, Result, endpoint};
//!
//! #[derive(serde::Deserialize)]
//! pub struct Quota {
//!     pub remaining_credits: f64,
//! }
//!
//! pub trait Billing {
//!     /// Reads the remaining quota (an older v2 operation).
//!     #[endpoint(GET "/v2/user/remaining_quota")]
//!     async fn remaining_quota(&self) -> Result<Quota>;
//! }
//!
//! impl Billing for Client {}
//!
//! # async fn run(client: Client) -> Result<()> {
//! let quota = client.remaining_quota().await?;
//! # let _ = quota;
//! # Ok(())
//! # }
//! ```
//!
//! # Modules
//!
//! Three layers, each using only the ones below it (see `ARCHITECTURE.md` in the repository).
//!
//! The runtime, which knows nothing of the API groups:
//!
//! | module | what it holds |
//! |---|---|
//! | [`client`] | [`Client`] and [`ClientBuilder`]: credential, base URL, timeouts, retry policy |
//! | [`error`] | [`Error`], one variant per category of failure, and the [`Stage`] a request reached |
//! | [`idempotency`] | [`IdempotencyKey`], sent by `idempotent` operations and reused by their retries |
//! | [`retry`] | [`RetryPolicy`]: which failures are retried, and the waits between attempts |
//! | [`path`] | [`PathParam`]: values that fill one path segment, always percent-encoded |
//! | [`pagination`] | [`Page`], [`Paginated`] and the lazy streams of `paginated` operations |
//! | [`multipart`] | [`Multipart`] forms for uploads, from bytes, a file or a stream |
//! | [`endpoint`](mod@endpoint) | [`EndpointInfo`]: every declared operation as data |
//! | [`response`] | how an answer is read: `{"data"}`, plain JSON, bytes, text, a download, server-sent events, with its status and headers |
//!
//! The API, one module per group of operations, each with its trait (`<Module>Api`) beside its
//! models: [`ai_clipping`], [`assets`], [`audio`], [`avatar_realtime`], [`avatars`],
//! [`background_removal`], [`brand`], [`filler_word_removal`], [`hyperframes`], [`lipsync`],
//! [`templates`], [`user`], [`video_agents`], [`video_translations`], [`videos`], [`voices`] and
//! [`webhooks`] (which also verifies deliveries). Types shared between
//! groups are in [`common`]; [`catalog`] lists every endpoint under HeyGen's group names.
//!
//! The helpers that combine groups: [`jobs`] (waiting for videos, translations, video-agent
//! videos and lipsyncs to finish) and [`uploads`] (multipart up to 32 MiB, or straight to
//! storage). [`prelude`] brings every trait into scope.
//!
//! To test code that uses this crate offline, the `heygen-fake` crate serves a fake of HeyGen's
//! API on loopback.
//!
//! # Features
//!
//! - `rustls` (default): TLS through rustls.
//! - `native-tls`: TLS through the platform's stack.

#![cfg_attr(docsrs, feature(doc_cfg))]

// The macros name the runtime as `::heygen_api::__private`, also in this crate's own declarations.
extern crate self as heygen_api;

// The layers, bottom up; each module uses only the ones below it (`scripts/check_layers.py`).
mod api;
pub mod jobs;
pub mod prelude;
mod runtime;
pub mod uploads;

pub use runtime::forms as response;
pub use runtime::{
    client, credential, endpoint, error, idempotency, limits, middleware, multipart, pagination,
    path, retry,
};

pub use api::{
    ai_clipping, assets, audio, avatar_realtime, avatars, background_removal, brand, catalog,
    common, filler_word_removal, hyperframes, lipsync, templates, user, video_agents,
    video_translations, videos, voices, webhooks,
};

#[doc(hidden)]
pub use runtime::private as __private;

pub use bytes::Bytes;
pub use client::{AsClient, Client, ClientBuilder, HttpClientBuilder};
pub use credential::{Credential, CredentialProvider, RenewingToken};
pub use middleware::Attempt;

/// The attribute [`CredentialProvider`] and `reqwest_middleware::Middleware` are implemented with.
pub use async_trait::async_trait;
pub use endpoint::{EndpointInfo, HttpMethod, QueryParams};
pub use error::{
    ApiError, ConfigError, CredentialError, DecodeError, DecodeProblem, Error, ErrorCode,
    ErrorDetail, InvalidInput, JobError, Phase, Result, Stage, StorageError, StorageProblem,
    TransportError, TransportErrorKind,
};
pub use heygen_macros::{api, endpoint, idempotency_key};
/// The `http` types middleware sees (`http::Extensions`, header names and values).
pub use http;
pub use idempotency::{IdempotencyKey, InvalidIdempotencyKey};
pub use multipart::{FilePart, Multipart};
pub use pagination::{Page, Paginated};
pub use path::PathParam;
/// The `reqwest` this crate is built on: its `ClientBuilder` is what
/// [`ClientBuilder::http_client`] takes, and its `Request` and `Response` are what middleware
/// handles.
pub use reqwest;
/// The middleware crate the client's stack is built with: implement its `Middleware` to add
/// one with [`ClientBuilder::middleware`].
pub use reqwest_middleware;
pub use response::{ByteStream, Event, EventStream, Json, Response, ResponseMeta};
pub use retry::RetryPolicy;

// The README's examples are compiled as doctests, so the tour cannot drift from the code.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
