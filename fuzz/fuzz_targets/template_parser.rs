//! Fuzzes the path-template parser (`heygen_rules::template`, which `#[endpoint]` applies) both
//! ways, with the checks of the property test (`template_check`): on the bytes as text it must
//! never panic and its answer must pass `check`; and the template built from the same bytes,
//! valid by construction, must be accepted with exactly its segments, and refused with the
//! matching error once broken the way the bytes say.

#![no_main]

use libfuzzer_sys::fuzz_target;

// The checks shared with the property test.
#[path = "../../tests/tests/reliability/properties/template_check.rs"]
mod template_check;

fuzz_target!(|data: &[u8]| {
    // Templates are string literals: only UTF-8 can reach the parser.
    if let Ok(text) = std::str::from_utf8(data)
        && let Err(problem) = template_check::check(text)
    {
        panic!("{problem}");
    }
    let (segments, breakage) = template_check::from_bytes(data);
    if let Err(problem) = template_check::check_valid(&segments) {
        panic!("{problem}");
    }
    if let Some(breakage) = breakage
        && let Err(problem) = template_check::check_broken(&segments, breakage)
    {
        panic!("{problem}");
    }
});
