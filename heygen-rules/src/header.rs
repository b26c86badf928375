//! Which header names and values a declaration (`#[header("..")]`, `header("..." = "...")`) or a
//! client (default and per-call headers) may set.
//!
//! A name must be an HTTP token (RFC 9110 `tchar`s); the headers the client or the HTTP stack
//! sends itself are reserved, each with what to use instead. A value must be visible ASCII, space
//! or tab: no CR or LF, which would end the header, and no other control character.
//!
//! ```
//! use heygen_rules::header::{HeaderError, check_name, check_value};
//!
//! assert!(check_name("X-Trace-Id").is_ok());
//! assert!(matches!(check_name("x-api-key"), Err(HeaderError::Reserved { .. })));
//! assert!(check_value("a\r\nb").is_err());
//! ```

use std::fmt;

/// Headers that neither a declaration nor a caller may set, lower case, with what to use instead.
pub const RESERVED: &[(&str, &str)] = &[
    (
        "x-api-key",
        "the client sends the credential: use ClientBuilder::api_key or bearer_token",
    ),
    (
        "authorization",
        "the client sends the credential: use ClientBuilder::api_key or bearer_token",
    ),
    (
        "idempotency-key",
        "use an `#[idempotency_key]` argument, or the client's with_idempotency_key",
    ),
    (
        "content-type",
        "the body role sets it: use a `#[body]`, `#[form]` or `#[multipart]` argument",
    ),
    ("content-length", "the HTTP client sets it"),
    ("host", "the HTTP client sets it"),
];

/// Why a header name or value cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum HeaderError {
    /// The name is empty.
    EmptyName,
    /// The name holds a character that is not an HTTP token character.
    InvalidNameCharacter {
        /// The character.
        character: char,
        /// Its byte index in the name.
        index: usize,
    },
    /// The header is set by the client or the HTTP stack.
    Reserved {
        /// The name, lower case.
        name: &'static str,
        /// What to use instead.
        instead: &'static str,
    },
    /// The value holds a character a header value cannot carry (its byte index; the value
    /// itself is not repeated, it may be a secret).
    InvalidValue {
        /// The byte index of the first bad character.
        index: usize,
    },
}

impl fmt::Display for HeaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeaderError::EmptyName => f.write_str("the header name is empty"),
            HeaderError::InvalidNameCharacter { character, index } => write!(
                f,
                "the header name has {character:?} at index {index}; a header name is letters, \
                 digits and !#$%&'*+-.^_`|~"
            ),
            HeaderError::Reserved { name, instead } => {
                write!(f, "the `{name}` header cannot be set here: {instead}")
            }
            HeaderError::InvalidValue { index } => write!(
                f,
                "the header value has a character at index {index} that a header cannot carry; a \
                 header value is visible ASCII, space or tab (no CR, LF, other control characters \
                 or non-ASCII text)"
            ),
        }
    }
}

impl std::error::Error for HeaderError {}

/// Whether `c` may appear in a header name (RFC 9110 `tchar`).
pub const fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '!' | '#'
                | '$'
                | '%'
                | '&'
                | '\''
                | '*'
                | '+'
                | '-'
                | '.'
                | '^'
                | '_'
                | '`'
                | '|'
                | '~'
        )
}

/// Checks a header name: an HTTP token, and not one of the [`RESERVED`] headers.
pub fn check_name(name: &str) -> Result<(), HeaderError> {
    if name.is_empty() {
        return Err(HeaderError::EmptyName);
    }
    if let Some((index, character)) = name.char_indices().find(|(_, c)| !is_name_char(*c)) {
        return Err(HeaderError::InvalidNameCharacter { character, index });
    }
    match RESERVED
        .iter()
        .find(|(reserved, _)| reserved.eq_ignore_ascii_case(name))
    {
        Some((name, instead)) => Err(HeaderError::Reserved { name, instead }),
        None => Ok(()),
    }
}

/// Checks a header value: visible ASCII, space or tab.
pub fn check_value(value: &str) -> Result<(), HeaderError> {
    match value
        .bytes()
        .position(|b| !(b == b'\t' || (b' '..=b'~').contains(&b)))
    {
        Some(index) => Err(HeaderError::InvalidValue { index }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_tokens_and_not_reserved() {
        assert!(check_name("X-Trace-Id").is_ok());
        assert!(check_name("x_custom.1~").is_ok());
        assert_eq!(check_name(""), Err(HeaderError::EmptyName));
        assert_eq!(
            check_name("X Trace"),
            Err(HeaderError::InvalidNameCharacter {
                character: ' ',
                index: 1
            })
        );
        assert!(check_name("X:Y").is_err());
        assert!(check_name("é").is_err());
        for reserved in [
            "x-api-key",
            "Authorization",
            "IDEMPOTENCY-KEY",
            "Content-Type",
            "content-length",
            "Host",
        ] {
            let error = check_name(reserved).unwrap_err();
            assert!(matches!(error, HeaderError::Reserved { .. }), "{reserved}");
            assert!(error.to_string().contains(": "), "{error}");
        }
    }

    #[test]
    fn values_refuse_control_characters() {
        assert!(check_value("beta 2; q=1\tx").is_ok());
        assert!(check_value("").is_ok());
        assert_eq!(
            check_value("a\r\nX-Evil: 1"),
            Err(HeaderError::InvalidValue { index: 1 })
        );
        assert!(check_value("a\nb").is_err());
        assert!(check_value("\u{7f}").is_err());
        assert!(check_value("café").is_err());
        assert!(
            !check_value("s3cr3t\n")
                .unwrap_err()
                .to_string()
                .contains("s3cr3t")
        );
    }
}
