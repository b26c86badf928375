//! HeyGen's `Idempotency-Key` rule: 1 to 255 characters of `A-Z a-z 0-9 _ - : .`.
//!
//! The pattern is simple enough to check by hand, which keeps a regex engine out of every build,
//! and lets [`check`] run in const evaluation.
//!
//! ```
//! use heygen_rules::idempotency_key::{KeyError, check};
//!
//! assert_eq!(check("order-42:video"), Ok(()));
//! assert_eq!(check(""), Err(KeyError::Empty));
//! assert_eq!(
//!     check("has space"),
//!     Err(KeyError::InvalidCharacter { character: ' ', index: 3 })
//! );
//!
//! // In a constant, a bad key stops the build.
//! const CHECKED: () = match check("nightly-report") {
//!     Ok(()) => (),
//!     Err(_) => panic!("bad key"),
//! };
//! ```

use std::fmt;

/// HeyGen's documented pattern for the header value, as quoted in messages.
pub const PATTERN: &str = r"^[A-Za-z0-9_\-:.]{1,255}$";

/// The longest key HeyGen accepts. Every allowed character is ASCII, so this counts bytes and
/// characters alike.
pub const MAX_LEN: usize = 255;

/// Whether `byte` may appear in a key: `A-Z a-z 0-9 _ - : .`.
///
/// No byte of a non-ASCII character ever may, so testing the bytes of a string is exact.
///
/// ```
/// use heygen_rules::idempotency_key::is_key_byte;
///
/// assert!(is_key_byte(b':'));
/// assert!(!is_key_byte(b' '));
/// ```
pub const fn is_key_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b':' | b'.')
}

/// Why a key does not match [`PATTERN`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyError {
    /// The key is empty.
    Empty,
    /// The key is longer than [`MAX_LEN`], and has no invalid character.
    TooLong {
        /// The length of the key, in bytes (equal to its characters, all being ASCII).
        len: usize,
    },
    /// The key holds a character outside the allowed set: the first such one.
    InvalidCharacter {
        /// The offending character.
        character: char,
        /// Its byte index in the key. Every character before it is ASCII, so this is also its
        /// index in characters.
        index: usize,
    },
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::Empty => f.write_str("the Idempotency-Key is empty"),
            KeyError::TooLong { len } => write!(
                f,
                "the Idempotency-Key is {len} characters long; at most {MAX_LEN} are allowed"
            ),
            KeyError::InvalidCharacter { character, index } => write!(
                f,
                "the Idempotency-Key has {character:?} at index {index}; only letters, digits, \
                 `_`, `-`, `:` and `.` are allowed"
            ),
        }?;
        write!(f, " (keys match {PATTERN})")
    }
}

impl std::error::Error for KeyError {}

/// Checks `key` against [`PATTERN`]. A bad character is reported before the length, so that a
/// long key with a bad character is told about the character.
///
/// A `const fn`: in a constant, a bad key can stop the build (see the [module](self) example).
pub const fn check(key: &str) -> Result<(), KeyError> {
    let bytes = key.as_bytes();
    if bytes.is_empty() {
        return Err(KeyError::Empty);
    }
    let mut index = 0;
    while index < bytes.len() {
        if !is_key_byte(bytes[index]) {
            return Err(KeyError::InvalidCharacter {
                character: char_at(bytes, index),
                index,
            });
        }
        index += 1;
    }
    if bytes.len() > MAX_LEN {
        return Err(KeyError::TooLong { len: bytes.len() });
    }
    Ok(())
}

/// The character starting at byte `index` of UTF-8 text, decoded by hand to stay `const`.
///
/// Only called at the first byte that is not a key byte: every byte before it is ASCII, so
/// `index` is a character boundary.
const fn char_at(bytes: &[u8], index: usize) -> char {
    let first = bytes[index] as u32;
    let (len, mut code) = if first < 0x80 {
        (1, first)
    } else if first >> 5 == 0b110 {
        (2, first & 0x1f)
    } else if first >> 4 == 0b1110 {
        (3, first & 0x0f)
    } else {
        (4, first & 0x07)
    };
    let mut at = 1;
    while at < len && index + at < bytes.len() {
        code = (code << 6) | (bytes[index + at] as u32 & 0x3f);
        at += 1;
    }
    match char::from_u32(code) {
        Some(character) => character,
        None => char::REPLACEMENT_CHARACTER,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_pattern() {
        assert_eq!(check("a"), Ok(()));
        assert_eq!(check("AZaz09_-:."), Ok(()));
        assert_eq!(check("order-1234_retry:2.v1"), Ok(()));
        assert_eq!(check("550e8400-e29b-41d4-a716-446655440000"), Ok(()));
        assert_eq!(check(&"k".repeat(255)), Ok(()));
    }

    #[test]
    fn rejects_empty_and_long_keys() {
        assert_eq!(check(""), Err(KeyError::Empty));
        assert_eq!(check(&"k".repeat(256)), Err(KeyError::TooLong { len: 256 }));
    }

    #[test]
    fn names_the_first_bad_character_by_byte_index() {
        let bad = |character, index| Err(KeyError::InvalidCharacter { character, index });
        assert_eq!(check("has space"), bad(' ', 3));
        assert_eq!(check("ké/"), bad('é', 1));
        assert_eq!(check("abé"), bad('é', 2));
        assert_eq!(check("a\nb"), bad('\n', 1));
        assert_eq!(check("a\r\nb"), bad('\r', 1));
        assert_eq!(check("k\u{2028}"), bad('\u{2028}', 1));
        assert_eq!(check("\u{1f600}"), bad('\u{1f600}', 0));
        assert_eq!(check("\u{7f}"), bad('\u{7f}', 0));
        // The character before the length.
        assert_eq!(check(&format!("{}/", "k".repeat(300))), bad('/', 300));
    }

    #[test]
    fn decodes_every_character_it_reports() {
        for character in [
            '\0',
            ' ',
            '\u{e9}',
            '\u{7ff}',
            '\u{800}',
            '\u{ffff}',
            '\u{10ffff}',
        ] {
            let key = format!("ok{character}");
            assert_eq!(
                check(&key),
                Err(KeyError::InvalidCharacter {
                    character,
                    index: 2
                })
            );
        }
    }

    #[test]
    fn the_byte_rule_is_the_class() {
        for byte in 0..=u8::MAX {
            let listed = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-:.";
            assert_eq!(is_key_byte(byte), listed.contains(&byte), "{byte}");
        }
    }

    #[test]
    fn is_const() {
        const GOOD: Result<(), KeyError> = check("const-key");
        const BAD: Result<(), KeyError> = check("é");
        assert_eq!(GOOD, Ok(()));
        assert_eq!(
            BAD,
            Err(KeyError::InvalidCharacter {
                character: 'é',
                index: 0
            })
        );
    }

    #[test]
    fn messages_name_the_problem_and_the_pattern() {
        assert_eq!(
            KeyError::InvalidCharacter {
                character: ' ',
                index: 3
            }
            .to_string(),
            "the Idempotency-Key has ' ' at index 3; only letters, digits, `_`, `-`, `:` and `.` \
             are allowed (keys match ^[A-Za-z0-9_\\-:.]{1,255}$)"
        );
        assert_eq!(
            KeyError::TooLong { len: 300 }.to_string(),
            "the Idempotency-Key is 300 characters long; at most 255 are allowed \
             (keys match ^[A-Za-z0-9_\\-:.]{1,255}$)"
        );
        assert_eq!(
            KeyError::Empty.to_string(),
            "the Idempotency-Key is empty (keys match ^[A-Za-z0-9_\\-:.]{1,255}$)"
        );
    }
}
