//! Compile-time behaviour of `#[endpoint]`, `#[api]` and `idempotency_key!`: every rejected
//! declaration fails with the message kept in its `.stderr` file (one failure per file, named
//! after it), and every accepted form compiles and runs.
//!
//! Regenerate the expected messages with `TRYBUILD=overwrite cargo test -p heygen-tests --test ui`
//! and read the diff before keeping it.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
    cases.pass("tests/ui/pass/*.rs");
}
