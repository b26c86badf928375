use heygen_api::{idempotency_key, IdempotencyKey};

const KEY: IdempotencyKey = idempotency_key!("has space");

fn main() {
    let _ = KEY;
}
