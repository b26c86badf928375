//! Procedural macros for `heygen-api`: `#[endpoint]`, `#[api]` and `idempotency_key!`.
//!
//! Use them through `heygen_api`, which re-exports them and provides the runtime that the
//! generated code calls; the documentation and examples live there.
//!
//! The work is split by stage: `attr` reads the attribute, `model` reads the method, `valid`
//! runs every check (collecting errors in `diagnostics`) and hands a `plan` to `expand`, which
//! only then writes code, or `fallback` keeps a rejected method in the trait beside its errors.
//! `api` does the same for a whole trait, and `key` serves `idempotency_key!`. The rules
//! themselves (the Idempotency-Key pattern, path templates) are `heygen_rules`, shared with the
//! runtime; `template` and `key` only put their errors at the right tokens.

mod api;
mod attr;
mod diagnostics;
mod endpoint;
mod expand;
mod fallback;
mod key;
mod kw;
mod model;
mod plan;
mod suggest;
mod template;
mod types;
mod valid;

#[cfg(test)]
mod snapshots;

use proc_macro::TokenStream;

/// Declares a HeyGen API operation on a trait method and writes its body.
///
/// ```text
/// #[endpoint(METHOD "/path/<placeholder>" [, idempotent] [, paginated] [, timeout_secs = N]
///           [, header("X-Name" = "value")]* [, crate = "path"] [, end_event = "name"] [, reconnect])]
/// async fn name(&self, arguments...) -> Result<T>;
/// ```
///
/// - `METHOD` is one of `GET`, `POST`, `PUT`, `PATCH`, `DELETE`.
/// - The template starts with `/`; a `<name>` placeholder fills one whole segment and is filled
///   by the plain argument of that name (any `heygen_api::PathParam`: `&str`, `String`, integers,
///   `uuid::Uuid`...), percent-encoded so that no value can change the route.
/// - Every other argument says how it is sent:
///   - `#[query] limit: Option<u32>`: one query parameter named after the argument (`r#type`
///     is sent as `type`); `None` sends nothing, a sequence repeats the key;
///   - `#[query(flatten)] query: &ListQuery`: a struct implementing `heygen_api::QueryParams`;
///   - `#[body] body: &CreateRequest`: the JSON body (not on GET or DELETE);
///   - `#[form] body: &TokenRequest`: a form-urlencoded body (not on GET or DELETE);
///   - `#[multipart] form: Multipart`: a `multipart/form-data` body;
///   - `#[header("X-Trace-Id")] trace: Option<&str>`: a request header (the name is checked
///     while compiling; the credential, `Idempotency-Key`, `Content-Type`, `Content-Length` and
///     `Host` belong to the client and cannot be declared);
///   - `#[idempotency_key] key: Option<IdempotencyKey>` (or `IdempotencyKey`): the caller's key.
/// - `idempotent` (not on GET or DELETE) sends an `Idempotency-Key` on every request: the
///   caller's, or a fresh UUID v4, the same on every retry of the call.
/// - `paginated` (GET only) decodes the whole response as `T: heygen_api::Paginated` and adds a
///   method `<name>_stream` taking the same arguments except a `#[query] token`: a lazy stream
///   of the items of every page, which fetches the next page only when polled.
/// - `timeout_secs = N` overrides the client's timeout for this operation.
/// - `header("X-Feature" = "beta")`, repeatable, sends a fixed header on every request.
/// - `crate = "path"` names where `heygen_api` is reached when it is not `::heygen_api` (a
///   renamed dependency or a re-export: `"hg"`, `"::hg"`, `"my::reexport"`); every path the
///   expansion writes starts there. `#[api(crate = "path")]` sets it for every method of a trait.
/// - `Result` is `heygen_api::Result`, and `T` says how the answer is read:
///   - `()`: any success status, the body read (within the size cap) and ignored; `Json<X>`: the whole body as JSON; `String`: the body as
///     text; `Bytes`: as bytes; `ByteStream`: as a stream of chunks; `EventStream<X>`:
///     server-sent events, where `end_event = "name"` names the event that ends the stream and
///     `reconnect` resumes a dropped stream;
///   - `Response<X>`: `X` read as above, with the status and headers;
///   - any other type: decoded from the response's `{"data": T}`; `paginated` decodes the whole
///     body as the page type `T`.
///
///   Anything else than a 2xx answer is a `heygen_api::Error`.
///
/// The generated method returns a `Send` future and is available on every type implementing
/// `heygen_api::AsClient`, such as `heygen_api::Client`. Mistakes are compile errors that point
/// at the culprit and say what to write instead, all of them in one compile.
///
/// ```no_run
/// use heygen_api::{Client, IdempotencyKey, Page, Result, endpoint};
///
/// #[derive(serde::Deserialize)]
/// pub struct Clip {
///     pub id: String,
/// }
///
/// #[derive(serde::Serialize)]
/// pub struct NewClip {
///     pub video_url: String,
/// }
///
/// pub trait Clips {
///     /// One clip.
///     #[endpoint(GET "/v3/clips/<clip_id>")]
///     async fn get_clip(&self, clip_id: &str) -> Result<Clip>;
///
///     /// One page of clips; `list_clips_stream` walks all of them.
///     #[endpoint(GET "/v3/clips", paginated)]
///     async fn list_clips(
///         &self,
///         #[query] limit: Option<u32>,
///         #[query] token: Option<&str>,
///     ) -> Result<Page<Clip>>;
///
///     /// Creates a clip; repeating the call with the same key creates nothing new.
///     #[endpoint(POST "/v3/clips", idempotent, timeout_secs = 60)]
///     async fn create_clip(
///         &self,
///         #[body] body: &NewClip,
///         #[idempotency_key] key: Option<IdempotencyKey>,
///     ) -> Result<Clip>;
/// }
///
/// impl Clips for Client {}
///
/// # async fn run(client: Client) -> Result<()> {
/// let clip = client.get_clip("clip-1").await?;
/// # let _ = clip;
/// # Ok(())
/// # }
/// ```
#[proc_macro_attribute]
pub fn endpoint(attr: TokenStream, item: TokenStream) -> TokenStream {
    endpoint::endpoint(attr.into(), item.into()).into()
}

/// Checks a trait of `#[endpoint]` methods as a whole and lists them.
///
/// `#[api]` makes the trait an interface: its endpoint methods are declared without bodies, and
/// the trait is implemented, with the generated bodies, for every type implementing
/// `heygen_api::AsClient` (`Client` among them), with no `impl` line to write. Any other type
/// may implement it with bodies of its own: a fake for tests, a mock (mockall's `mock!` works),
/// a cache in front of the client. Items that are not endpoints need a default, and the trait
/// takes no generic parameters. A paginated endpoint's `<name>_stream` companion is a provided
/// method for clients (`where Self: AsClient`).
///
/// On top of what each `#[endpoint]` checks, `#[api]` rejects two methods with the same METHOD
/// and route (`/a/<x>` and `/a/<y>` are the same route) and a `paginated` method whose
/// `<name>_stream` would clash with another item. It adds
/// `const ENDPOINTS: &'static [heygen_api::EndpointInfo]`, every endpoint in declaration order,
/// so the declared surface can be printed or checked against the specification.
///
/// ```
/// use heygen_api::{Client, HttpMethod, Result, api, endpoint};
///
/// #[derive(serde::Deserialize)]
/// pub struct Clip {
///     pub id: String,
/// }
///
/// #[api]
/// pub trait Clips {
///     /// One clip.
///     #[endpoint(GET "/v3/clips/<clip_id>")]
///     async fn get_clip(&self, clip_id: &str) -> Result<Clip>;
///
///     /// Deletes a clip.
///     #[endpoint(DELETE "/v3/clips/<clip_id>")]
///     async fn delete_clip(&self, clip_id: &str) -> Result<Clip>;
/// }
///
/// // `Client` (and any `AsClient`) implements it already; a fake of yours may too.
/// let endpoints = <Client as Clips>::ENDPOINTS;
/// assert_eq!(endpoints[1].method, HttpMethod::Delete);
/// assert_eq!(endpoints[1].openapi_path(), "/v3/clips/{clip_id}");
/// ```
#[proc_macro_attribute]
pub fn api(attr: TokenStream, item: TokenStream) -> TokenStream {
    api::api(attr.into(), item.into()).into()
}

/// An `IdempotencyKey` from a string literal, checked against `^[A-Za-z0-9_\-:.]{1,255}$` while
/// compiling, so it can be a constant. A key known only at run time goes through
/// `IdempotencyKey::new`.
///
/// ```
/// use heygen_api::{IdempotencyKey, idempotency_key};
///
/// const NIGHTLY_REPORT: IdempotencyKey = idempotency_key!("nightly-report:2026-07-01");
/// assert_eq!(NIGHTLY_REPORT.as_str(), "nightly-report:2026-07-01");
/// ```
///
/// Where the runtime is a renamed dependency, name it: `idempotency_key!("k-1", crate = "hg")`.
///
/// A key that breaks the pattern does not compile:
///
/// ```compile_fail
/// const BAD: heygen_api::IdempotencyKey = heygen_api::idempotency_key!("has space");
/// ```
#[proc_macro]
pub fn idempotency_key(input: TokenStream) -> TokenStream {
    key::expand(input.into()).into()
}
