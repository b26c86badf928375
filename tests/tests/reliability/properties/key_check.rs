//! What must hold of both `Idempotency-Key` validators, the runtime's `IdempotencyKey::new` and the
//! `idempotency_key!` macro's, for any text: each agrees with HeyGen's pattern
//! `^[A-Za-z0-9_\-:.]{1,255}$` and names a real problem. One function shared by the property test
//! and the fuzz target (`fuzz/fuzz_targets/key_validator.rs`).

use heygen_api::{IdempotencyKey, InvalidIdempotencyKey};

// The macro crate's validator, compiled here as it is there (a proc-macro crate cannot be linked).
#[path = "../../../../heygen-macros/src/key.rs"]
#[allow(dead_code)]
pub mod macro_key;

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

    match macro_key::validate(key) {
        Ok(()) if valid => {}
        Ok(()) => return fail("the macro accepted it".to_owned()),
        Err(error) if valid => return fail(format!("the macro refused: {error}")),
        Err(macro_key::KeyError::Empty) if key.is_empty() => {}
        Err(macro_key::KeyError::TooLong(len))
            if len == key.len() && len > 255 && key.chars().all(in_class) => {}
        Err(macro_key::KeyError::BadChar { ch, index })
            if key.chars().nth(index) == Some(ch)
                && !in_class(ch)
                && key.chars().take(index).all(in_class) => {}
        Err(error) => return fail(format!("the macro named the wrong problem: {error:?}")),
    }
    Ok(())
}
