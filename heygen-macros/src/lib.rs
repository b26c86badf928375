//! Procedural macros for `heygen-api`: `#[endpoint]`, `#[api]` and `idempotency_key!`.
//!
//! Use them through `heygen_api`, which re-exports them and provides the runtime that the
//! generated code calls; the documentation and examples live there.
//!
//! The work is split by stage: `attr` reads the attribute, `model` reads the method, `valid`
//! runs every check (collecting errors in `diagnostics`), and only then `expand` writes code, or
//! `fallback` keeps a rejected method in the trait beside its errors. `api` adds the checks that
//! need a whole trait, and `key` serves `idempotency_key!`.

mod api;
mod attr;
mod diagnostics;
mod expand;
mod fallback;
mod key;
mod kw;
mod model;
mod suggest;
mod template;
mod valid;

#[cfg(test)]
mod snapshots;

use proc_macro::TokenStream;

/// Declares a HeyGen API endpoint on a trait method; see `heygen_api::endpoint`.
///
/// ```text
/// #[endpoint(POST "/v3/webhooks/endpoints/<endpoint_id>/rotate-secret", idempotent)]
/// async fn rotate_secret(&self, endpoint_id: &str) -> Result<RotateSecretResponseData>;
/// ```
#[proc_macro_attribute]
pub fn endpoint(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::endpoint(attr.into(), item.into()).into()
}

/// Checks a whole trait of `#[endpoint]` methods and lists them in `ENDPOINTS`; see
/// `heygen_api::api`.
#[proc_macro_attribute]
pub fn api(attr: TokenStream, item: TokenStream) -> TokenStream {
    api::api(attr.into(), item.into()).into()
}

/// An `IdempotencyKey` from a string literal, checked while compiling; see
/// `heygen_api::idempotency_key`.
#[proc_macro]
pub fn idempotency_key(input: TokenStream) -> TokenStream {
    key::expand(input.into()).into()
}
