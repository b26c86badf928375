//! Collecting every error of a declaration before reporting any.
//!
//! Users fix a declaration faster when one compile shows all of its problems, so checks push
//! errors here instead of returning on the first one. Like serde's `Ctxt`, the collector panics
//! if it is dropped without being read: a check that records an error nobody emits would let
//! broken code through silently.

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use std::fmt::Display;

/// The errors found so far in one macro invocation.
pub struct Diagnostics {
    /// `None` once the errors were taken, which disarms the drop check.
    errors: Option<Vec<syn::Error>>,
}

impl Diagnostics {
    /// An empty collector.
    pub fn new() -> Self {
        Diagnostics {
            errors: Some(Vec::new()),
        }
    }

    /// Records an error.
    pub fn push(&mut self, error: syn::Error) {
        self.list().push(error);
    }

    /// Records an error spanning the given tokens (their first to last token).
    pub fn error_spanned_by(&mut self, tokens: impl ToTokens, message: impl Display) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    /// Records an error at one span.
    pub fn error_at(&mut self, span: Span, message: impl Display) {
        self.push(syn::Error::new(span, message));
    }

    /// How many errors were recorded so far; comparing counts tells whether one step failed.
    pub fn count(&self) -> usize {
        self.errors.as_ref().map_or(0, Vec::len)
    }

    /// Takes the errors as `compile_error!` invocations (empty when there were none).
    pub fn into_compile_errors(mut self) -> TokenStream {
        let errors = self.errors.take().unwrap_or_default();
        errors.iter().map(syn::Error::to_compile_error).collect()
    }

    /// Drops the errors on purpose, for a look-ahead whose findings another expansion reports.
    pub fn discard(mut self) {
        self.errors = None;
    }

    fn list(&mut self) -> &mut Vec<syn::Error> {
        self.errors
            .as_mut()
            .expect("diagnostics used after their errors were taken")
    }
}

impl Drop for Diagnostics {
    fn drop(&mut self) {
        if self.errors.is_some() && !std::thread::panicking() {
            panic!("diagnostics dropped without being emitted");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_every_error_in_order() {
        let mut diagnostics = Diagnostics::new();
        diagnostics.error_at(Span::call_site(), "first");
        diagnostics.error_at(Span::call_site(), "second");
        assert_eq!(diagnostics.count(), 2);
        let rendered = diagnostics.into_compile_errors().to_string();
        let first = rendered.find("\"first\"").unwrap();
        let second = rendered.find("\"second\"").unwrap();
        assert!(first < second, "{rendered}");
        assert_eq!(rendered.matches("compile_error").count(), 2);
    }

    #[test]
    fn no_errors_expand_to_nothing() {
        assert!(Diagnostics::new().into_compile_errors().is_empty());
    }

    #[test]
    #[should_panic(expected = "dropped without being emitted")]
    fn dropping_unchecked_diagnostics_panics() {
        let mut diagnostics = Diagnostics::new();
        diagnostics.error_at(Span::call_site(), "lost");
        drop(diagnostics);
    }
}
