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
    sig.output = fallback_return_type(&sig.output);
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
    // The placeholder body uses no argument; their names stay for the reader.
    quote! {
        #(#attrs)*
        #allow_async
        #[allow(unused_variables)]
        #sig #body
    }
}

/// The declared return type where the placeholder body can satisfy it: `Result<T, E>` loses the
/// `E` (so `heygen_api::Result` raises no second error and the user's import stays in use), and
/// `impl Trait` (which a diverging body cannot satisfy) is dropped.
fn fallback_return_type(output: &ReturnType) -> ReturnType {
    let ReturnType::Type(arrow, ty) = output else {
        return ReturnType::Default;
    };
    let mut ty = (**ty).clone();
    match &mut ty {
        Type::Path(path) => {
            if let Some(last) = path.path.segments.last_mut()
                && last.ident == kw::RESULT_TYPE
                && let PathArguments::AngleBracketed(arguments) = &mut last.arguments
            {
                let first = arguments.args.iter().find_map(|arg| match arg {
                    GenericArgument::Type(ty) => Some(ty.clone()),
                    _ => None,
                });
                match first {
                    Some(first) => {
                        arguments.args = std::iter::once(GenericArgument::Type(first)).collect();
                    }
                    None => return ReturnType::Default,
                }
            }
        }
        Type::ImplTrait(_) => return ReturnType::Default,
        _ => {}
    }
    ReturnType::Type(*arrow, Box::new(ty))
}
