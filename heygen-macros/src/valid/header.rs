//! The header rules: which names an endpoint may declare, and which values it may send.
//!
//! A name is an RFC 7230 token. Some headers belong to another part of the client (the
//! credential, the Idempotency-Key, the body's type, the framing), and declaring them would send
//! them twice or contradict the part that owns them, so they are refused with the way to get
//! the same effect.

use crate::diagnostics::Diagnostics;
use heygen_rules::header::HeaderError;
use syn::LitStr;

/// Why `name` cannot be a declared header's name, if it cannot. The rule is
/// `heygen_rules::header`'s (shared with the runtime's default and per-call headers); the words
/// are the macro's.
pub fn name_problem(name: &str) -> Option<String> {
    match heygen_rules::header::check_name(name).err()? {
        HeaderError::EmptyName => {
            Some("a header name cannot be empty: write e.g. `X-Trace-Id`".to_owned())
        }
        HeaderError::InvalidNameCharacter { character, .. } => Some(format!(
            "`{name}` is not a valid HTTP header name: {} is not allowed; a header name is \
             letters, digits and any of !#$%&'*+-.^_`|~",
            describe(character)
        )),
        HeaderError::Reserved { instead, .. } => Some(format!(
            "an endpoint cannot declare the `{name}` header: {instead}"
        )),
        other => Some(format!("`{name}`: {other}")),
    }
}

/// Why `value` cannot be sent as a header value, if it cannot.
pub fn value_problem(name: &str, value: &str) -> Option<String> {
    let bad = match heygen_rules::header::check_value(value).err()? {
        HeaderError::InvalidValue { index } => value[index..].chars().next().unwrap_or('\0'),
        other => return Some(format!("the value of the `{name}` header: {other}")),
    };
    Some(format!(
        "the value of the `{name}` header contains {}: a header value is visible ASCII, \
         spaces and tabs (no line breaks or other control characters)",
        describe(bad)
    ))
}

/// Checks a name literal; returns the name when it is acceptable.
pub fn check_name(literal: &LitStr, diagnostics: &mut Diagnostics) -> Option<String> {
    let name = literal.value();
    match name_problem(&name) {
        Some(problem) => {
            diagnostics.error_spanned_by(literal, problem);
            None
        }
        None => Some(name),
    }
}

/// A character as a message shows it: visible ones quoted, the others escaped.
fn describe(c: char) -> String {
    if c.is_ascii_graphic() {
        format!("`{c}`")
    } else if c == ' ' {
        "a space".to_owned()
    } else {
        format!("`{}`", c.escape_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_names_are_accepted() {
        for name in [
            "X-Trace-Id",
            "x-feature",
            "A",
            "X_Odd.Name~1",
            "!#$%&'*+-.^_`|~",
        ] {
            assert_eq!(name_problem(name), None, "{name}");
        }
    }

    #[test]
    fn names_that_are_not_tokens_are_refused() {
        assert_eq!(
            name_problem("").unwrap(),
            "a header name cannot be empty: write e.g. `X-Trace-Id`"
        );
        assert_eq!(
            name_problem("X Trace").unwrap(),
            "`X Trace` is not a valid HTTP header name: a space is not allowed; a header name \
             is letters, digits and any of !#$%&'*+-.^_`|~"
        );
        assert!(
            name_problem("X:Trace")
                .unwrap()
                .contains("`:` is not allowed")
        );
        assert!(
            name_problem("X\nTrace")
                .unwrap()
                .contains("`\\n` is not allowed")
        );
        assert!(
            name_problem("Ünicode")
                .unwrap()
                .contains("`\\u{dc}` is not allowed")
        );
    }

    #[test]
    fn headers_owned_elsewhere_are_refused_in_any_case() {
        let credential =
            "the client sends the credential: use ClientBuilder::api_key or bearer_token";
        assert_eq!(
            name_problem("X-API-KEY").unwrap(),
            format!("an endpoint cannot declare the `X-API-KEY` header: {credential}")
        );
        assert!(name_problem("authorization").unwrap().ends_with(credential));
        assert!(name_problem("Idempotency-Key").unwrap().ends_with(
            "use an `#[idempotency_key]` argument, or the client's with_idempotency_key"
        ));
        assert!(
            name_problem("content-type")
                .unwrap()
                .ends_with("use a `#[body]`, `#[form]` or `#[multipart]` argument")
        );
        assert!(
            name_problem("Content-Length")
                .unwrap()
                .ends_with("the HTTP client sets it")
        );
        assert!(
            name_problem("HOST")
                .unwrap()
                .ends_with("the HTTP client sets it")
        );
        assert_eq!(name_problem("X-Host"), None);
    }

    #[test]
    fn values_are_visible_ascii_spaces_and_tabs() {
        for value in ["beta", "", "a b\tc", "~!\"#"] {
            assert_eq!(value_problem("X", value), None, "{value:?}");
        }
        assert_eq!(
            value_problem("X-Feature", "a\r\nInjected: 1").unwrap(),
            "the value of the `X-Feature` header contains `\\r`: a header value is visible \
             ASCII, spaces and tabs (no line breaks or other control characters)"
        );
        assert!(value_problem("X", "a\nb").unwrap().contains("`\\n`"));
        assert!(value_problem("X", "\u{7f}").unwrap().contains("`\\u{7f}`"));
        assert!(value_problem("X", "é").unwrap().contains("`\\u{e9}`"));
    }
}
