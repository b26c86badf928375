//! The runtime surface that `#[endpoint]` expands against. Not public API.
//!
//! Generated code names nothing else of this crate: every path it writes starts with
//! `::heygen_api::__private::`. Keeping the per-method expansion to a handful of calls into
//! these non-generic (or thinly generic) functions is what keeps the macro cheap to compile.
//!
//! THE CONTRACT (the macro crate relies on exactly these names and signatures):
//!
//! ```text
//! // a method  #[endpoint(POST "/v3/x/<id>", idempotent)]
//! //           async fn f(&self, id: &str, #[query] limit: Option<u32>, #[query(flatten)] q: &Q,
//! //                      #[body] body: &B, #[idempotency_key] key: Option<IdempotencyKey>) -> Result<T>;
//! // expands to
//! fn f(&self, id: &str, limit: Option<u32>, q: &Q, body: &B, key: Option<IdempotencyKey>)
//!     -> impl ::core::future::Future<Output = ::heygen_api::__private::Result<T>> + ::core::marker::Send
//! where
//!     Self: ::heygen_api::__private::AsClient,
//! {
//!     const __INFO: ::heygen_api::__private::EndpointInfo = ::heygen_api::__private::EndpointInfo { .. };
//!     let mut __req = ::heygen_api::__private::RequestBuilder::new(&__INFO);
//!     __req.path_param("id", &id);
//!     __req.query("limit", &limit);
//!     __req.query_flatten(&q);
//!     __req.json(&body);
//!     __req.idempotency_key(key);          // only for `idempotent`; without a key arg: __req.idempotency_key(None)
//!     ::heygen_api::__private::send::<T>(::heygen_api::__private::AsClient::client(self), __req)
//! }
//! // for `paginated`, `send_paginated::<T>` instead of `send::<T>` (T: Paginated, whole body decoded), plus
//! fn f_stream(&self, <same args, minus a scalar `token` query arg>)
//!     -> impl ::futures_core::Stream<Item = Result<<T as Paginated>::Item>> + Send
//! where Self: AsClient
//! {
//!     ::heygen_api::__private::paginate(move |__token: Option<String>| {
//!         let mut __req = ...same as above...;
//!         __req.query("token", &__token);   // after the other query calls: replaces any earlier `token`
//!         ::heygen_api::__private::send_paginated::<T>(AsClient::client(self), __req)
//!     })
//! }
//! ```

pub use crate::endpoint::{
    BodyKind, EndpointInfo, HttpMethod, QueryParams, QuerySource, Segment, TimeoutClass,
};
pub use crate::{AsClient, Client, Error, IdempotencyKey, Page, Paginated, Result};
pub use ::core::future::Future;
pub use ::core::marker::Send;
pub use ::core::option::Option;
pub use ::futures_util::Stream;
pub use ::std::string::String;
pub use ::serde;
