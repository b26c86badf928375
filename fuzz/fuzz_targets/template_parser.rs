//! Fuzzes the `#[endpoint]` path-template parser with arbitrary text: it must never panic, and its
//! answer must pass the same check as the property test (`template_check::check`).

#![no_main]

use libfuzzer_sys::fuzz_target;

// The check, and through it the macro crate's parser, shared with the property test.
#[path = "../../tests/tests/reliability/properties/template_check.rs"]
mod template_check;

fuzz_target!(|data: &[u8]| {
    // Templates are string literals: only UTF-8 can reach the parser.
    if let Ok(text) = std::str::from_utf8(data)
        && let Err(problem) = template_check::check(text)
    {
        panic!("{problem}");
    }
});
