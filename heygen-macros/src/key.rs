//! `idempotency_key!("...")`: an `Idempotency-Key` checked against HeyGen's pattern while compiling.
//!
//! The pattern `^[A-Za-z0-9_\-:.]{1,255}$` is simple enough to check by hand, which keeps a regex
//! engine out of every build that uses the macros.

use proc_macro2::TokenStream;
use quote::quote;
use std::fmt;

/// HeyGen's documented pattern, quoted in messages.
pub const PATTERN: &str = r"^[A-Za-z0-9_\-:.]{1,255}$";
/// The longest key HeyGen accepts, in characters.
pub const MAX_LEN: usize = 255;

/// Why a key breaks the pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    /// `""`
    Empty,
    /// More than [`MAX_LEN`] characters; holds the length.
    TooLong(usize),
    /// The first character outside the allowed set, and its index in characters.
    BadChar {
        /// The character.
        ch: char,
        /// Its position, counted in characters from 0.
        index: usize,
    },
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::Empty => write!(f, "the Idempotency-Key is empty"),
            KeyError::TooLong(len) => write!(
                f,
                "the Idempotency-Key is {len} characters long; at most {MAX_LEN} are allowed"
            ),
            KeyError::BadChar { ch, index } => write!(
                f,
                "the Idempotency-Key has {ch:?} at index {index}; only letters, digits, \
                 `_`, `-`, `:` and `.` are allowed"
            ),
        }
    }
}

/// Checks a key against [`PATTERN`]; a bad character is reported before the length.
pub fn validate(key: &str) -> Result<(), KeyError> {
    if key.is_empty() {
        return Err(KeyError::Empty);
    }
    if let Some((index, ch)) = key.chars().enumerate().find(|(_, ch)| !is_key_char(*ch)) {
        return Err(KeyError::BadChar { ch, index });
    }
    // Every allowed character is ASCII, so bytes and characters agree here.
    if key.len() > MAX_LEN {
        return Err(KeyError::TooLong(key.len()));
    }
    Ok(())
}

fn is_key_char(ch: char) -> bool {
    ch.is_ascii_alphanumeric() || matches!(ch, '_' | '-' | ':' | '.')
}

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
    match validate(&literal.value()) {
        Ok(()) => quote! {
            ::heygen_api::__private::IdempotencyKey::__from_validated(#literal)
        },
        Err(error) => {
            let message = format!("{error} (keys match {PATTERN})");
            syn::Error::new(literal.span(), message).to_compile_error()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_pattern() {
        assert_eq!(validate("a"), Ok(()));
        assert_eq!(validate("order-1234_retry:2.v1"), Ok(()));
        assert_eq!(validate("550e8400-e29b-41d4-a716-446655440000"), Ok(()));
        assert_eq!(validate(&"k".repeat(255)), Ok(()));
    }

    #[test]
    fn rejects_empty_and_long_keys() {
        assert_eq!(validate(""), Err(KeyError::Empty));
        assert_eq!(validate(&"k".repeat(256)), Err(KeyError::TooLong(256)));
    }

    #[test]
    fn names_the_first_bad_character() {
        assert_eq!(
            validate("has space"),
            Err(KeyError::BadChar { ch: ' ', index: 3 })
        );
        assert_eq!(
            validate("ké/"),
            Err(KeyError::BadChar { ch: 'é', index: 1 })
        );
        assert_eq!(
            validate("a\nb"),
            Err(KeyError::BadChar { ch: '\n', index: 1 })
        );
        assert_eq!(
            validate(&format!("{}/", "k".repeat(300))),
            Err(KeyError::BadChar {
                ch: '/',
                index: 300
            })
        );
    }

    #[test]
    fn messages_name_the_problem() {
        assert_eq!(
            KeyError::BadChar { ch: ' ', index: 3 }.to_string(),
            "the Idempotency-Key has ' ' at index 3; only letters, digits, `_`, `-`, `:` and `.` \
             are allowed"
        );
        assert_eq!(
            KeyError::TooLong(300).to_string(),
            "the Idempotency-Key is 300 characters long; at most 255 are allowed"
        );
    }

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
    fn rejects_a_non_literal() {
        let expanded = expand(quote!(some_variable)).to_string();
        assert!(expanded.contains("expected a string literal"), "{expanded}");
    }
}
