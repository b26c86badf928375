//! Headers a declaration, a client or a call adds: `#[header("..")]` argument values, static
//! `header("..." = "...")` headers, a client's default headers and per-call headers.
//!
//! The rules (which names are tokens, which are reserved, which values are sendable) are
//! `heygen_rules::header`'s, shared with the macro that checks declarations while compiling.

use std::borrow::Cow;

use http::{HeaderName, HeaderValue};

use crate::runtime::error::InvalidInput;

/// What a `#[header("..")]` argument can be: text, a number, a boolean, or an `Option` of one
/// (`None` sends nothing).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a `#[header]` argument",
    label = "a header argument is `&str`, `String`, a number, `bool`, or an `Option` of one",
    note = "format other values into a `String` first"
)]
pub trait HeaderArg {
    /// The header's value, or `None` to send no header.
    fn header_value(&self) -> Option<Cow<'_, str>>;
}

impl HeaderArg for str {
    fn header_value(&self) -> Option<Cow<'_, str>> {
        Some(Cow::Borrowed(self))
    }
}

impl HeaderArg for String {
    fn header_value(&self) -> Option<Cow<'_, str>> {
        Some(Cow::Borrowed(self))
    }
}

impl<T: HeaderArg + ?Sized> HeaderArg for &T {
    fn header_value(&self) -> Option<Cow<'_, str>> {
        (**self).header_value()
    }
}

impl<T: HeaderArg> HeaderArg for Option<T> {
    fn header_value(&self) -> Option<Cow<'_, str>> {
        self.as_ref().and_then(HeaderArg::header_value)
    }
}

macro_rules! header_arg_by_display {
    ($($ty:ty),*) => {$(
        impl HeaderArg for $ty {
            fn header_value(&self) -> Option<Cow<'_, str>> {
                Some(Cow::Owned(self.to_string()))
            }
        }
    )*};
}

header_arg_by_display!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize, bool);

/// A header checked against the shared rules: the name a token and not reserved, the value
/// sendable. The error names the header but never repeats its value.
pub(crate) fn checked_header(
    name: &str,
    value: &str,
) -> Result<(HeaderName, HeaderValue), InvalidInput> {
    let invalid = |problem: heygen_rules::header::HeaderError| InvalidInput::Header {
        name: name.to_owned(),
        problem: problem.to_string(),
    };
    heygen_rules::header::check_name(name).map_err(invalid)?;
    heygen_rules::header::check_value(value).map_err(invalid)?;
    let header_name =
        HeaderName::from_bytes(name.as_bytes()).map_err(|_| InvalidInput::Header {
            name: name.to_owned(),
            problem: "is not a valid header name".to_owned(),
        })?;
    let header_value = HeaderValue::from_str(value).map_err(|_| InvalidInput::Header {
        name: name.to_owned(),
        problem: "the value is not a valid header value".to_owned(),
    })?;
    Ok((header_name, header_value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_become_values_and_none_sends_nothing() {
        assert_eq!("a".header_value().as_deref(), Some("a"));
        assert_eq!(Some(7u32).header_value().as_deref(), Some("7"));
        assert_eq!(None::<&str>.header_value(), None);
        assert_eq!((&&true).header_value().as_deref(), Some("true"));
    }

    #[test]
    fn bad_headers_are_named_without_their_value() {
        assert!(checked_header("X-Trace-Id", "t-1").is_ok());
        let error = checked_header("X-Trace-Id", "s3cr3t\r\nX-Evil: 1").unwrap_err();
        let shown = error.to_string();
        assert!(shown.contains("X-Trace-Id"), "{shown}");
        assert!(!shown.contains("s3cr3t"), "{shown}");
        let reserved = checked_header("Authorization", "Bearer x").unwrap_err();
        assert!(reserved.to_string().contains("bearer_token"), "{reserved}");
    }
}
