//! Both key validators, the runtime's `IdempotencyKey::new` and the `idempotency_key!` macro's,
//! agree with HeyGen's pattern `^[A-Za-z0-9_\-:.]{1,255}$`, and each names a real problem.

use heygen_api::{IdempotencyKey, InvalidIdempotencyKey};
use proptest::prelude::*;

// The macro crate's validator, compiled here as it is there (a proc-macro crate cannot be linked).
#[path = "../../../../heygen-macros/src/key.rs"]
#[allow(dead_code)]
mod macro_key;

/// Whether `c` is in the pattern's class, checked by listing the class.
fn in_class(c: char) -> bool {
    matches!(c, 'A'..='Z' | 'a'..='z' | '0'..='9' | '_' | '-' | ':' | '.')
}

/// The pattern, as an oracle written independently of both validators.
fn matches_pattern(key: &str) -> bool {
    let length = key.chars().count();
    (1..=255).contains(&length) && key.chars().all(in_class)
}

/// Characters a key must not have: controls, CR/LF, space, delimiters, look-alikes, any.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        proptest::char::range('\0', '\x1f'),
        Just('\x7f'),
        Just('\r'),
        Just('\n'),
        Just(' '),
        Just('/'),
        Just('+'),
        Just('='),
        Just('%'),
        Just('\u{e9}'),
        Just('\u{2028}'),
        Just('\u{2010}'),
        Just('\u{ff0e}'),
        Just('\u{130}'),
        any::<char>(),
    ]
}

/// The pattern's class, listed.
const CLASS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-:.";

/// Keys drawn from the pattern's class, of a length in `lengths`.
fn valid_of(lengths: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = String> {
    proptest::collection::vec(0..CLASS.len(), lengths)
        .prop_map(|picks| picks.into_iter().map(|pick| char::from(CLASS[pick])).collect())
}

fn keys() -> impl Strategy<Value = String> {
    prop_oneof![
        valid_of(0..=300),
        // Around the length bound.
        valid_of(250..=260),
        Just(String::new()),
        // Valid but for one hostile character, anywhere.
        (valid_of(0..=40), hostile_char(), valid_of(0..=40))
            .prop_map(|(before, bad, after)| format!("{before}{bad}{after}")),
        // Too long and with a hostile character.
        (valid_of(256..=300), hostile_char()).prop_map(|(key, bad)| format!("{key}{bad}")),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2048,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_runtime_validator_agrees_with_the_pattern(key in keys()) {
        let valid = matches_pattern(&key);
        match IdempotencyKey::new(key.clone()) {
            Ok(accepted) => {
                prop_assert!(valid, "accepted {key:?}");
                prop_assert_eq!(accepted.as_str(), key.as_str());
            }
            Err(error) => {
                prop_assert!(!valid, "refused {key:?}: {error}");
                match error {
                    InvalidIdempotencyKey::Empty => prop_assert!(key.is_empty()),
                    InvalidIdempotencyKey::TooLong { len } => {
                        prop_assert_eq!(len, key.len());
                        prop_assert!(len > 255 && key.chars().all(in_class));
                    }
                    InvalidIdempotencyKey::InvalidCharacter { character, index } => {
                        prop_assert_eq!(key[index..].chars().next(), Some(character));
                        prop_assert!(!in_class(character));
                        prop_assert!(key[..index].chars().all(in_class));
                    }
                    other => return Err(TestCaseError::fail(format!("unknown problem {other:?}"))),
                }
            }
        }
        // Every other way in validates the same way.
        prop_assert_eq!(key.parse::<IdempotencyKey>().is_ok(), valid);
        prop_assert_eq!(IdempotencyKey::try_from(key.as_str()).is_ok(), valid);
        let from_json = serde_json::from_value::<IdempotencyKey>(serde_json::json!(key));
        prop_assert_eq!(from_json.is_ok(), valid);
    }

    #[test]
    fn the_macro_validator_agrees_with_the_pattern(key in keys()) {
        let valid = matches_pattern(&key);
        match macro_key::validate(&key) {
            Ok(()) => prop_assert!(valid, "accepted {key:?}"),
            Err(macro_key::KeyError::Empty) => prop_assert!(key.is_empty()),
            Err(macro_key::KeyError::TooLong(len)) => {
                prop_assert_eq!(len, key.len());
                prop_assert!(len > 255 && key.chars().all(in_class));
            }
            Err(macro_key::KeyError::BadChar { ch, index }) => {
                prop_assert_eq!(key.chars().nth(index), Some(ch));
                prop_assert!(!in_class(ch));
                prop_assert!(key.chars().take(index).all(in_class));
            }
        }
        prop_assert_eq!(macro_key::validate(&key).is_ok(), valid);
    }
}

#[test]
fn the_bounds_are_exact() {
    for (key, valid) in [
        (String::new(), false),
        ("k".to_owned(), true),
        ("k".repeat(255), true),
        ("k".repeat(256), false),
        ("a\r\nb".to_owned(), false),
        ("AZaz09_-:.".to_owned(), true),
    ] {
        assert_eq!(IdempotencyKey::new(key.clone()).is_ok(), valid, "{key:?}");
        assert_eq!(macro_key::validate(&key).is_ok(), valid, "{key:?}");
        assert_eq!(matches_pattern(&key), valid, "{key:?}");
    }
}
