//! Hostile input, generated: it never panics, never changes a route, never verifies when tampered
//! and never reaches the wire when it would break a header.
//!
//! Pure functions get thousands of cases; properties that go over a loopback connection get a few
//! hundred (each case is one request).

mod headers;
mod key_check;
mod keys;
mod paths;
mod responses;
mod template_check;
mod templates;
mod webhooks;

use proptest::test_runner::{Config, TestRunner};

/// A runner of `cases` cases that does not write regression files (the test crate is shared, and a
/// failure prints its minimal input).
pub fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

/// Percent-decodes `text`, written here rather than taken from the crate under test; `None` when a
/// `%` is not followed by two hex digits or the bytes are not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let digits = bytes.get(index + 1..index + 3)?;
            let value = |digit: u8| char::from(digit).to_digit(16);
            decoded.push((value(digits[0])? * 16 + value(digits[1])?) as u8);
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(decoded).ok()
}
