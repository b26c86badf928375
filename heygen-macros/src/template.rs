//! Path templates in the attribute's literal: `heygen_rules::template` parses them, and this
//! module puts each of its errors at the culprit inside the literal.

use crate::diagnostics::Diagnostics;
use heygen_rules::template::{self, Segment};
use proc_macro2::Span;
use std::ops::Range;
use syn::LitStr;

/// The template's segments, or `None` once every error in it is recorded, each at its culprit.
pub fn parse(literal: &LitStr, diagnostics: &mut Diagnostics) -> Option<Vec<Segment>> {
    match template::parse(&literal.value()) {
        Ok(segments) => Some(segments),
        Err(errors) => {
            for error in errors {
                diagnostics.error_at(span(literal, error.range.clone()), error);
            }
            None
        }
    }
}

/// The span of `<name>` in the template, or of the whole literal when it is not there.
pub fn placeholder_span(literal: &LitStr, name: &str) -> Span {
    let needle = format!("<{name}>");
    match literal.value().find(&needle) {
        Some(start) => span(literal, start..start + needle.len()),
        None => literal.span(),
    }
}

/// The span of `range` (bytes of the literal's value) inside the literal, where the compiler can
/// give one; otherwise the whole literal.
pub fn span(template: &LitStr, range: Range<usize>) -> Span {
    let token = template.token();
    let source = token.to_string();
    // Byte offsets of the value match the source only for a plain "..." literal without escapes.
    let plain = source.len() == template.value().len() + 2
        && source.starts_with('"')
        && source[1..source.len() - 1] == template.value();
    if plain
        && !range.is_empty()
        && let Some(span) = token.subspan(range.start + 1..range.end + 1)
    {
        return span;
    }
    template.span()
}
