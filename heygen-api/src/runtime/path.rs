//! Path parameters: values that fill one `<name>` segment of an endpoint's template.
//!
//! Every value is percent-encoded as exactly one segment, so `a/b`, `?x`, `#`, spaces, `%` and
//! non-ASCII text can never change the route. Two values cannot be encoded at all: `.` and `..`,
//! because URL parsers (the WHATWG URL standard, which `reqwest` follows) treat them, and their
//! percent-encoded forms `%2E` / `%2E%2E`, as "this directory" and "parent directory" and rewrite
//! the path. They are rejected before anything is sent, like an empty value.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::runtime::error::InvalidInput;

/// Everything but the unreserved characters of RFC 3986 (`A-Z a-z 0-9 - . _ ~`) is encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A value that can fill a path segment.
///
/// Implemented for strings, integers, [`uuid::Uuid`] and references to them. Implement it for an
/// identifier newtype of your own by returning its text; the encoding is done for you.
///
/// ```
/// use std::borrow::Cow;
/// use heygen_api::PathParam;
///
/// struct VideoId(String);
///
/// impl PathParam for VideoId {
///     fn as_path_segment(&self) -> Cow<'_, str> {
///         Cow::Borrowed(&self.0)
///     }
/// }
/// ```
pub trait PathParam {
    /// The raw (not yet encoded) text of the segment.
    fn as_path_segment(&self) -> Cow<'_, str>;
}

impl PathParam for str {
    fn as_path_segment(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl PathParam for String {
    fn as_path_segment(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl PathParam for Cow<'_, str> {
    fn as_path_segment(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl<T: PathParam + ?Sized> PathParam for &T {
    fn as_path_segment(&self) -> Cow<'_, str> {
        (**self).as_path_segment()
    }
}

impl<T: PathParam + ?Sized> PathParam for Box<T> {
    fn as_path_segment(&self) -> Cow<'_, str> {
        (**self).as_path_segment()
    }
}

impl PathParam for uuid::Uuid {
    fn as_path_segment(&self) -> Cow<'_, str> {
        Cow::Owned(self.hyphenated().to_string())
    }
}

macro_rules! integer_path_params {
    ($($int:ty),*) => {$(
        impl PathParam for $int {
            fn as_path_segment(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        }
    )*};
}

integer_path_params!(
    u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize
);

/// Encodes `value` as one path segment, or says why it cannot be one.
pub(crate) fn encode_segment(name: &'static str, value: &str) -> Result<String, InvalidInput> {
    match value {
        "" => Err(InvalidInput::EmptyPathParam { name }),
        "." | ".." => Err(InvalidInput::DotPathParam {
            name,
            value: value.to_owned(),
        }),
        _ => Ok(utf8_percent_encode(value, SEGMENT).to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_everything_but_unreserved_characters() {
        let cases = [
            ("abc-123_x.y~z", "abc-123_x.y~z"),
            ("a/b", "a%2Fb"),
            ("?x", "%3Fx"),
            ("#", "%23"),
            ("a b", "a%20b"),
            ("100%", "100%25"),
            ("%2E%2E", "%252E%252E"),
            ("...", "..."),
            ("é", "%C3%A9"),
            ("a\\b", "a%5Cb"),
            ("a+b&c=d", "a%2Bb%26c%3Dd"),
        ];
        for (raw, encoded) in cases {
            assert_eq!(encode_segment("id", raw).unwrap(), encoded, "for {raw:?}");
        }
    }

    #[test]
    fn rejects_values_that_cannot_be_one_segment() {
        assert!(matches!(
            encode_segment("id", ""),
            Err(InvalidInput::EmptyPathParam { name: "id" })
        ));
        for dots in [".", ".."] {
            assert!(matches!(
                encode_segment("id", dots),
                Err(InvalidInput::DotPathParam { name: "id", value }) if value == dots
            ));
        }
    }

    /// Every value of up to two characters drawn from a spread of code points encodes to
    /// unreserved characters and `%XX` only, and decodes back to itself.
    #[test]
    fn encoding_round_trips_and_never_leaves_a_delimiter() {
        let chars: Vec<char> = (0u32..0x300)
            .chain([0x2028, 0xFEFF, 0xFFFD, 0x1F600, 0x10FFFF])
            .filter_map(char::from_u32)
            .collect();
        let mut checked = 0;
        for &first in &chars {
            for second in [None, Some('/'), Some('.'), Some('%'), Some('é')] {
                let value: String = std::iter::once(first).chain(second).collect();
                let Ok(encoded) = encode_segment("p", &value) else {
                    assert!(value == "." || value == "..", "{value:?} refused");
                    continue;
                };
                assert!(
                    encoded
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)),
                    "{value:?} -> {encoded}"
                );
                let decoded = percent_encoding::percent_decode_str(&encoded).decode_utf8();
                assert_eq!(decoded.unwrap(), value);
                checked += 1;
            }
        }
        assert!(checked > 3000);
    }

    #[test]
    fn values_render_as_their_text() {
        assert_eq!(42u64.as_path_segment(), "42");
        assert_eq!((-7i32).as_path_segment(), "-7");
        assert_eq!((&&"x").as_path_segment(), "x");
        assert_eq!(
            uuid::Uuid::nil().as_path_segment(),
            "00000000-0000-0000-0000-000000000000"
        );
    }
}
