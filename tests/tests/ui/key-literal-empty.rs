use heygen_api::{idempotency_key, IdempotencyKey};

const KEY: IdempotencyKey = idempotency_key!("");

fn main() {
    let _ = KEY;
}
