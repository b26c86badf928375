//! `idempotency_key!("...")`: an `Idempotency-Key` checked against HeyGen's pattern while compiling.
//!
//! The rule itself is `heygen_rules::idempotency_key`, the one the runtime applies to keys given
//! at run time; this module only points its error at the literal.

use heygen_rules::idempotency_key;
use proc_macro2::TokenStream;
use quote::quote;

/// Expands `idempotency_key!("literal")`.
pub fn expand(input: TokenStream) -> TokenStream {
    let literal: syn::LitStr = match syn::parse2(input) {
        Ok(literal) => literal,
        Err(error) => {
            let message = "expected a string literal, e.g. `idempotency_key!(\"order-1234\")`; \
                           for a key known only at run time use `IdempotencyKey::new`";
            return syn::Error::new(error.span(), message).to_compile_error();
        }
    };
    match idempotency_key::check(&literal.value()) {
        Ok(()) => quote! {
            ::heygen_api::__private::IdempotencyKey::__from_validated(#literal)
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
    fn rejects_a_non_literal() {
        let expanded = expand(quote!(some_variable)).to_string();
        assert!(expanded.contains("expected a string literal"), "{expanded}");
    }
}
