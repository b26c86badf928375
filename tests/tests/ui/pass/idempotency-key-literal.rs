//! `idempotency_key!` builds a key in a constant; the pattern's edge cases are accepted.

use heygen_api::{idempotency_key, IdempotencyKey};

const ORDER: IdempotencyKey = idempotency_key!("order-1234_retry:2.v1");
const LONGEST: IdempotencyKey = idempotency_key!(
    "012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234"
);

fn main() {
    assert_eq!(ORDER.as_str(), "order-1234_retry:2.v1");
    assert_eq!(LONGEST.as_str().len(), 255);
    assert_eq!(idempotency_key!("x").as_str(), "x");
}
