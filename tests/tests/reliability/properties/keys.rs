//! Both key validators agree with HeyGen's pattern on keys of every kind: valid ones of every
//! length around the bounds, and ones with control characters, CR/LF, spaces, delimiters,
//! look-alike Unicode, or anything at all. See [`check`].

use proptest::prelude::*;

use super::key_check::{check, matches_pattern};

/// The pattern's class, listed.
const CLASS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-:.";

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

/// Keys drawn from the pattern's class, of a length in `lengths`.
fn valid_of(lengths: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = String> {
    proptest::collection::vec(0..CLASS.len(), lengths).prop_map(|picks| {
        picks
            .into_iter()
            .map(|pick| char::from(CLASS[pick]))
            .collect()
    })
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
        cases: 4096,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn both_validators_agree_with_the_pattern(key in keys()) {
        check(&key).map_err(TestCaseError::fail)?;
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
        ("\u{e9}".repeat(100), false),
    ] {
        assert_eq!(matches_pattern(&key), valid, "{key:?}");
        assert_eq!(check(&key), Ok(()));
    }
}
