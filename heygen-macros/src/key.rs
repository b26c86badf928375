//! `idempotency_key!("...")`: an `Idempotency-Key` checked against HeyGen's pattern while compiling.
//!
//! The rule itself is `heygen_rules::idempotency_key`, the one the runtime applies to keys given
//! at run time; this module only points its error at the literal.

use heygen_rules::idempotency_key;
use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Token};

use crate::diagnostics::Diagnostics;
use crate::plan::crate_tokens;
use crate::valid::check_crate_path;

/// `"literal"` and an optional `, crate = "path"`.
struct KeyInput {
    literal: LitStr,
    crate_path: Option<LitStr>,
}

impl Parse for KeyInput {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let literal: LitStr = input.parse()?;
        let mut crate_path = None;
        if input.parse::<Option<Token![,]>>()?.is_some() && !input.is_empty() {
            input.parse::<Token![crate]>()?;
            input.parse::<Token![=]>()?;
            crate_path = Some(input.parse()?);
            input.parse::<Option<Token![,]>>()?;
        }
        Ok(KeyInput {
            literal,
            crate_path,
        })
    }
}

/// Expands `idempotency_key!("literal")` (or `idempotency_key!("literal", crate = "hg")` where
/// the runtime is a renamed dependency).
pub fn expand(input: TokenStream) -> TokenStream {
    let KeyInput {
        literal,
        crate_path,
    } = match syn::parse2(input) {
        Ok(parsed) => parsed,
        Err(error) => {
            let message = "expected a string literal, e.g. `idempotency_key!(\"order-1234\")`, \
                           optionally followed by `, crate = \"path\"`; for a key known only at \
                           run time use `IdempotencyKey::new`";
            return syn::Error::new(error.span(), message).to_compile_error();
        }
    };
    let mut diagnostics = Diagnostics::new();
    let path = crate_path
        .as_ref()
        .and_then(|literal| check_crate_path(literal, &mut diagnostics));
    if diagnostics.count() > 0 {
        return diagnostics.into_compile_errors();
    }
    diagnostics.discard();
    let runtime = crate_tokens(path.as_ref());
    match idempotency_key::check(&literal.value()) {
        Ok(()) => quote! {
            #runtime::__private::IdempotencyKey::__from_validated(#literal)
        },
        // The message names the problem and quotes the pattern.
        Err(error) => syn::Error::new(literal.span(), error).to_compile_error(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_a_valid_literal() {
        let expanded = expand(quote!("order-1")).to_string();
        assert_eq!(
            expanded,
            quote!(::heygen_api::__private::IdempotencyKey::__from_validated(
                "order-1"
            ))
            .to_string()
        );
    }

    #[test]
    fn rejects_a_bad_literal_with_the_pattern() {
        let expanded = expand(quote!("has space")).to_string();
        assert!(expanded.contains("compile_error"), "{expanded}");
        assert!(expanded.contains("at index 3"), "{expanded}");
        assert!(expanded.contains("{1,255}"), "{expanded}");
    }

    #[test]
    fn rejects_empty_and_long_literals() {
        let empty = expand(quote!("")).to_string();
        assert!(empty.contains("the Idempotency-Key is empty"), "{empty}");
        let long = "k".repeat(256);
        let long = expand(quote!(#long)).to_string();
        assert!(long.contains("256 characters long"), "{long}");
    }

    #[test]
    fn a_renamed_runtime_is_named() {
        let expanded = expand(quote!("order-1", crate = "hg")).to_string();
        assert_eq!(
            expanded,
            quote!(hg::__private::IdempotencyKey::__from_validated("order-1")).to_string()
        );
        let bad = expand(quote!("order-1", crate = "not a path")).to_string();
        assert!(bad.contains("compile_error"), "{bad}");
    }

    #[test]
    fn rejects_a_non_literal() {
        let expanded = expand(quote!(some_variable)).to_string();
        assert!(expanded.contains("expected a string literal"), "{expanded}");
    }
}
