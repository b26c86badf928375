//! Fuzzes both `Idempotency-Key` validators (the runtime's `IdempotencyKey::new` and
//! `heygen_rules::idempotency_key::check`, which `idempotency_key!` applies) with arbitrary text:
//! neither may panic, and both must agree with the pattern `^[A-Za-z0-9_\-:.]{1,255}$`, accepting
//! what matches it and refusing the rest (the same check as the property test,
//! `key_check::check`).

#![no_main]

use libfuzzer_sys::fuzz_target;

// The check shared with the property test.
#[path = "../../tests/tests/reliability/properties/key_check.rs"]
mod key_check;

fuzz_target!(|data: &[u8]| {
    // Keys are text; invalid UTF-8 is checked the lossy way, as a caller's `String` would be.
    let key = String::from_utf8_lossy(data);
    if let Err(problem) = key_check::check(&key) {
        panic!("{problem}");
    }
});
