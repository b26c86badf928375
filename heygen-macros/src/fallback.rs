//! What a rejected method becomes: the declaration, still in the trait, beside its errors.
//!
//! Dropping the method would turn one mistake into many (every call of it, and every
//! `impl Trait for Client {}`, would fail too), so the method stays with the macro's attributes
//! stripped, and as a provided method so that implementations still need nothing.

use crate::kw;
use crate::model::Endpoint;
use proc_macro2::TokenStream;
use quote::quote;
use syn::{FnArg, GenericArgument, PathArguments, ReturnType, Type};

/// The rejected method as a provided method that compiles on its own.
pub fn method(endpoint: &Endpoint) -> TokenStream {
    let attrs = &endpoint.attrs;
    let mut sig = endpoint.sig.clone();
    if !keeps_return_type(&sig.output) {
        sig.output = ReturnType::Default;
    }
    let by_value = matches!(sig.inputs.first(), Some(FnArg::Receiver(r)) if r.reference.is_none());
    if by_value {
        // A provided method taking `self` needs a sized `Self`.
        sig.generics
            .make_where_clause()
            .predicates
            .push(syn::parse_quote!(Self: ::core::marker::Sized));
    }
    let allow_async = sig
        .asyncness
        .is_some()
        .then(|| quote!(#[allow(async_fn_in_trait)]));
    // `unreachable!()` never runs: this method is only emitted next to a `compile_error!`, which
    // stops the build before any code exists. A body the user wrote is kept as it is.
    let body = match &endpoint.default_body {
        Some(body) => quote!(#body),
        None => quote!({ ::core::unreachable!() }),
    };
    quote! {
        #(#attrs)*
        #allow_async
        #sig #body
    }
}

/// Whether the declared return type can stay: not a `Result` with the wrong number of types
/// (which would add an error about `heygen_api::Result` taking one), nor `impl Trait` (which the
/// placeholder body cannot satisfy).
fn keeps_return_type(output: &ReturnType) -> bool {
    let ReturnType::Type(_, ty) = output else {
        return true;
    };
    let Type::Path(path) = &**ty else {
        return false;
    };
    let Some(last) = path.path.segments.last() else {
        return false;
    };
    if last.ident != kw::RESULT_TYPE {
        return true;
    }
    match &last.arguments {
        PathArguments::AngleBracketed(arguments) => {
            arguments
                .args
                .iter()
                .filter(|arg| matches!(arg, GenericArgument::Type(_)))
                .count()
                == 1
        }
        _ => false,
    }
}
