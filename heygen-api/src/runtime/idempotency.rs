//! The `Idempotency-Key` header value.
//!
//! HeyGen replays the stored response when a request arrives again with the same key within 24
//! hours, and answers `409 request_in_progress` while the original is still running. An
//! `idempotent` endpoint always sends a key: the caller's, or a fresh UUID v4 that every retry of
//! that call reuses. Keep the key of a failed call (see [`Error::idempotency_key`]) to retry it
//! later without creating a second resource.
//!
//! [`Error::idempotency_key`]: crate::Error::idempotency_key

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;
use std::sync::Arc;

use heygen_rules::idempotency_key::KeyError;

/// The most characters a key may have.
pub const MAX_LEN: usize = heygen_rules::idempotency_key::MAX_LEN;

/// A validated `Idempotency-Key`: 1 to 255 characters of `A-Z a-z 0-9 _ - : .`.
///
/// ```
/// use heygen_api::IdempotencyKey;
///
/// let key = IdempotencyKey::new("order-42:video")?;
/// assert_eq!(key.as_str(), "order-42:video");
/// assert!(IdempotencyKey::new("has space").is_err());
///
/// // Checked while compiling: a bad literal does not build.
/// const FIXED: IdempotencyKey = heygen_api::idempotency_key!("nightly-report-1");
/// assert_eq!(FIXED.to_string(), "nightly-report-1");
/// # Ok::<(), heygen_api::InvalidIdempotencyKey>(())
/// ```
///
/// Copies share the text: a call's key goes into its answer and its errors, and copying it
/// counts a reference rather than copying the string.
#[derive(Clone)]
pub struct IdempotencyKey(Text);

/// The text of a key: a literal checked while compiling, or one made at run time.
#[derive(Clone)]
enum Text {
    Static(&'static str),
    Shared(Arc<str>),
}

impl IdempotencyKey {
    /// Validates `key` and wraps it.
    ///
    /// The error says what is wrong: the key is empty, too long, or holds a character outside
    /// `A-Z a-z 0-9 _ - : .` (which one, and where).
    pub fn new(key: impl Into<String>) -> Result<Self, InvalidIdempotencyKey> {
        let key = key.into();
        // The rule itself lives in `heygen-rules`, shared with `idempotency_key!`.
        match heygen_rules::idempotency_key::check(&key) {
            Ok(()) => Ok(IdempotencyKey(Text::Shared(Arc::from(key)))),
            Err(problem) => Err(InvalidIdempotencyKey::from(problem)),
        }
    }

    /// A key the `idempotency_key!` macro has already validated while compiling.
    #[doc(hidden)]
    pub const fn __from_validated(key: &'static str) -> Self {
        IdempotencyKey(Text::Static(key))
    }

    /// A fresh random key (a UUID v4 in its hyphenated form).
    pub fn generate() -> Self {
        let mut text = uuid::Uuid::encode_buffer();
        let text = uuid::Uuid::new_v4().hyphenated().encode_lower(&mut text);
        IdempotencyKey(Text::Shared(Arc::from(&*text)))
    }

    /// The key as sent in the header.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Text::Static(text) => text,
            Text::Shared(text) => text,
        }
    }
}

// Keys compare, order and hash as their text, whichever way they were made.
impl PartialEq for IdempotencyKey {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for IdempotencyKey {}

impl PartialOrd for IdempotencyKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for IdempotencyKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for IdempotencyKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

/// An `Idempotency-Key` that does not match `^[A-Za-z0-9_\-:.]{1,255}$`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidIdempotencyKey {
    /// The key is empty.
    #[error("idempotency key is empty; it needs 1 to 255 characters of A-Z a-z 0-9 _ - : .")]
    Empty,
    /// The key is longer than 255 characters.
    #[error("idempotency key is {len} characters long; at most 255 are allowed")]
    TooLong {
        /// The length of the rejected key, in bytes.
        len: usize,
    },
    /// The key holds a character that is not allowed.
    #[error(
        "idempotency key has {character:?} at byte index {index}; only A-Z a-z 0-9 _ - : . are allowed"
    )]
    InvalidCharacter {
        /// The offending character.
        character: char,
        /// Its byte index in the key.
        index: usize,
    },
}

impl From<KeyError> for InvalidIdempotencyKey {
    fn from(problem: KeyError) -> Self {
        match problem {
            KeyError::TooLong { len } => InvalidIdempotencyKey::TooLong { len },
            KeyError::InvalidCharacter { character, index } => {
                InvalidIdempotencyKey::InvalidCharacter { character, index }
            }
            KeyError::Empty => InvalidIdempotencyKey::Empty,
            // `KeyError` is non-exhaustive; both crates are released together, so a new
            // problem is mapped here when it is added.
            _ => InvalidIdempotencyKey::Empty,
        }
    }
}

impl fmt::Debug for IdempotencyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("IdempotencyKey")
            .field(&self.as_str())
            .finish()
    }
}

impl fmt::Display for IdempotencyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for IdempotencyKey {
    type Err = InvalidIdempotencyKey;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        IdempotencyKey::new(s)
    }
}

impl TryFrom<String> for IdempotencyKey {
    type Error = InvalidIdempotencyKey;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        IdempotencyKey::new(value)
    }
}

impl TryFrom<&str> for IdempotencyKey {
    type Error = InvalidIdempotencyKey;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        IdempotencyKey::new(value)
    }
}

impl AsRef<str> for IdempotencyKey {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl serde::Serialize for IdempotencyKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for IdempotencyKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        IdempotencyKey::new(raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_whole_alphabet_and_the_length_bounds() {
        assert_eq!(
            IdempotencyKey::new("AZaz09_-:.").unwrap().as_str(),
            "AZaz09_-:."
        );
        assert!(IdempotencyKey::new("k".repeat(255)).is_ok());
        assert!(IdempotencyKey::new("k").is_ok());
    }

    #[test]
    fn says_what_is_wrong() {
        assert_eq!(IdempotencyKey::new(""), Err(InvalidIdempotencyKey::Empty));
        assert_eq!(
            IdempotencyKey::new("k".repeat(256)),
            Err(InvalidIdempotencyKey::TooLong { len: 256 })
        );
        assert_eq!(
            IdempotencyKey::new("ab c"),
            Err(InvalidIdempotencyKey::InvalidCharacter {
                character: ' ',
                index: 2
            })
        );
        assert_eq!(
            IdempotencyKey::new("abé"),
            Err(InvalidIdempotencyKey::InvalidCharacter {
                character: 'é',
                index: 2
            })
        );
        assert_eq!(
            IdempotencyKey::new("a\r\nb").unwrap_err().to_string(),
            "idempotency key has '\\r' at byte index 1; only A-Z a-z 0-9 _ - : . are allowed"
        );
    }

    #[test]
    fn generated_keys_are_valid_and_distinct() {
        let a = IdempotencyKey::generate();
        let b = IdempotencyKey::generate();
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), 36);
        assert!(IdempotencyKey::new(a.as_str()).is_ok());
    }

    #[test]
    fn serde_round_trips_and_validates() {
        let key: IdempotencyKey = serde_json::from_str("\"abc-1\"").unwrap();
        assert_eq!(serde_json::to_string(&key).unwrap(), "\"abc-1\"");
        assert!(serde_json::from_str::<IdempotencyKey>("\"a b\"").is_err());
    }

    #[test]
    fn a_macro_literal_is_const() {
        const KEY: IdempotencyKey = crate::idempotency_key!("const-key");
        assert_eq!(KEY.as_str(), "const-key");
        assert_eq!(KEY, IdempotencyKey::new("const-key").unwrap());
    }
}
