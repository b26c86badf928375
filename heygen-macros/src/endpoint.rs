//! `#[endpoint]` on a method of its own (outside an `#[api]` trait), stage by stage: read the
//! attribute and the method into a [`model`](crate::model), [`valid`](crate::valid)ate it into a
//! plan, then [`expand`](crate::expand) the plan, or keep the rejected method as a
//! [`fallback`](crate::fallback) beside its errors.

use crate::diagnostics::Diagnostics;
use crate::model::Endpoint;
use crate::{expand, fallback, kw, valid};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::TraitItemFn;

/// Expands `#[endpoint(attr)]` on a trait method outside an `#[api]` trait.
pub fn endpoint(attr: TokenStream, item: TokenStream) -> TokenStream {
    if is_expanded_by_api(&attr) {
        return item;
    }
    let mut diagnostics = Diagnostics::new();
    let method: TraitItemFn = match syn::parse2(item.clone()) {
        Ok(method) => method,
        Err(_) => {
            diagnostics.error_at(
                // At the attribute: the item is the wrong kind as a whole.
                Span::call_site(),
                "#[endpoint] goes on a method declared in a trait, e.g. \
                 `async fn get_video(&self, video_id: &str) -> Result<Video>;`",
            );
            let errors = diagnostics.into_compile_errors();
            return quote!(#item #errors);
        }
    };
    let endpoint = Endpoint::new(attr, Span::call_site(), method, &mut diagnostics);
    let items = match valid::check(&endpoint, &mut diagnostics) {
        Some(plan) => expand::endpoint_items(&plan, None, plan.paginated),
        None => fallback::method(&endpoint),
    };
    let errors = diagnostics.into_compile_errors();
    quote!(#items #errors)
}

/// Whether `#[api]` has already expanded the method (see [`kw::EXPANDED_BY_API`]).
fn is_expanded_by_api(attr: &TokenStream) -> bool {
    let mut tokens = attr.clone().into_iter();
    matches!(
        (tokens.next(), tokens.next()),
        (Some(proc_macro2::TokenTree::Ident(ident)), None) if ident == kw::EXPANDED_BY_API
    )
}
