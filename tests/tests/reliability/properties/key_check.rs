//! What must hold of both `Idempotency-Key` validators, the runtime's `IdempotencyKey::new` and
//! the rule in `heygen_rules::idempotency_key` (which `idempotency_key!` applies while compiling),
//! for any text: each agrees with HeyGen's pattern `^[A-Za-z0-9_\-:.]{1,255}$`, accepting every
//! key that matches it and refusing every other, and names a real problem. One function shared by
//! the property test and the fuzz target (`fuzz/fuzz_targets/key_validator.rs`).

use heygen_api::{IdempotencyKey, InvalidIdempotencyKey};
use heygen_rules::idempotency_key::{self as rule, KeyError};

/// Whether `c` is in the pattern's class, checked by listing the class.
pub fn in_class(c: char) -> bool {
    matches!(c, 'A'..='Z' | 'a'..='z' | '0'..='9' | '_' | '-' | ':' | '.')
}

/// The pattern, as an oracle written independently of both validators.
pub fn matches_pattern(key: &str) -> bool {
    let length = key.chars().count();
    (1..=255).contains(&length) && key.chars().all(in_class)
}

/// Validates `key` every way there is and compares with [`matches_pattern`]; returns what is
/// wrong.
pub fn check(key: &str) -> Result<(), String> {
    let valid = matches_pattern(key);
    let fail = |what: String| Err(format!("{what} for {key:?}"));

    match IdempotencyKey::new(key) {
        Ok(accepted) if !valid => return fail(format!("the runtime accepted {accepted:?}")),
        Ok(accepted) if accepted.as_str() != key => {
            return fail(format!("the runtime changed the key to {accepted:?}"));
        }
        Ok(_) => {}
        Err(error) if valid => return fail(format!("the runtime refused: {error}")),
        Err(InvalidIdempotencyKey::Empty) if key.is_empty() => {}
        Err(InvalidIdempotencyKey::TooLong { len })
            if len == key.len() && len > 255 && key.chars().all(in_class) => {}
        Err(InvalidIdempotencyKey::InvalidCharacter { character, index })
            if key.get(index..).and_then(|rest| rest.chars().next()) == Some(character)
                && !in_class(character)
                && key[..index].chars().all(in_class) => {}
        Err(error) => return fail(format!("the runtime named the wrong problem: {error:?}")),
    }
    // Every other way in validates the same way.
    let others = [
        key.parse::<IdempotencyKey>().is_ok(),
        IdempotencyKey::try_from(key).is_ok(),
        IdempotencyKey::try_from(key.to_owned()).is_ok(),
        serde_json::from_value::<IdempotencyKey>(serde_json::Value::from(key)).is_ok(),
    ];
    if others.iter().any(|accepted| *accepted != valid) {
        return fail(format!("parse, try_from, serde disagree: {others:?}"));
    }

    match rule::check(key) {
        Ok(()) if valid => {}
        Ok(()) => return fail("the rule accepted it".to_owned()),
        Err(error) if valid => return fail(format!("the rule refused: {error}")),
        Err(KeyError::Empty) if key.is_empty() => {}
        Err(KeyError::TooLong { len })
            if len == key.len() && len > rule::MAX_LEN && key.chars().all(in_class) => {}
        Err(KeyError::InvalidCharacter { character, index })
            if key.get(index..).and_then(|rest| rest.chars().next()) == Some(character)
                && !in_class(character)
                && key[..index].chars().all(in_class) => {}
        Err(error) => return fail(format!("the rule named the wrong problem: {error:?}")),
    }
    if let Err(error) = rule::check(key) {
        let message = error.to_string();
        if !message.starts_with("the Idempotency-Key ") || !message.contains(rule::PATTERN) {
            return fail(format!(
                "the rule's message does not say what is wrong: {message}"
            ));
        }
    }
    // The byte rule is the class, byte for byte.
    if let Some(byte) = key
        .bytes()
        .find(|byte| rule::is_key_byte(*byte) != in_class(char::from(*byte)))
    {
        return fail(format!(
            "is_key_byte disagrees with the class on {byte:#04x}"
        ));
    }
    Ok(())
}
