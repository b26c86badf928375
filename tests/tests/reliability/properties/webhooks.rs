//! Webhook verification never accepts a tampered delivery: a changed body, signature or secret, a
//! timestamp outside the tolerance or not a number, nor an empty, truncated, over-long, upper-case
//! or non-hex signature. Signatures are computed here with `hmac` directly, not with the crate's
//! `sign`.
//!
//! HeyGen's HMAC covers the body only, not the timestamp, so a replay with a new timestamp inside
//! the tolerance carries a valid signature; what the scheme gives, and what is checked here, is
//! that a stale or malformed timestamp is refused whatever the signature.

use std::time::{Duration, UNIX_EPOCH};

use heygen_api::webhooks::{SignatureProblem, VerifyError, WebhookVerifier};
use hmac::{Hmac, Mac};
use proptest::prelude::*;
use sha2::Sha256;

/// The moment every delivery is verified at.
const NOW: u64 = 1_800_000_000;
/// The verifier's default tolerance, in seconds.
const TOLERANCE: u64 = 300;

fn hmac_hex(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// Verifies `body` with the given header values at [`NOW`].
fn verify(
    verifier: &WebhookVerifier,
    body: &[u8],
    signature: &str,
    timestamp: &str,
) -> Result<usize, VerifyError> {
    let headers = |name: &str| match name {
        "heygen-signature" => Some(signature),
        "heygen-timestamp" => Some(timestamp),
        "heygen-event-id" => Some("evt_1"),
        _ => None,
    };
    let now = UNIX_EPOCH + Duration::from_secs(NOW);
    verifier
        .verify_at(body, headers, now)
        .map(|delivery| delivery.secret_index)
}

fn is_mismatch(result: &Result<usize, VerifyError>) -> bool {
    matches!(result, Err(VerifyError::SignatureMismatch))
}

fn is_malformed(result: &Result<usize, VerifyError>) -> bool {
    matches!(result, Err(VerifyError::MalformedSignature(_)))
}

fn secrets() -> impl Strategy<Value = String> {
    prop_oneof!["whsec_[A-Za-z0-9]{1,64}", any::<String>(),]
}

fn bodies() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        (
            proptest::sample::select(vec![
                "avatar_video.success",
                "avatar_video.fail",
                "video_translate.success",
                "brand_new.event",
            ]),
            "[ -~]{0,40}",
        )
            .prop_map(|(event_type, text)| {
                serde_json::to_vec(&serde_json::json!({
                    "event_type": event_type,
                    "event_data": {"video_id": text},
                }))
                .unwrap()
            }),
        proptest::collection::vec(any::<u8>(), 0..512),
    ]
}

/// How a body is changed: a bit flipped, a byte inserted or a byte removed, at a position chosen
/// by the index (taken modulo the length).
#[derive(Debug, Clone, Copy)]
enum BodyChange {
    Flip(usize, u8),
    Insert(usize, u8),
    Remove(usize),
}

fn body_changes() -> impl Strategy<Value = BodyChange> {
    prop_oneof![
        (any::<usize>(), 0u8..8).prop_map(|(at, bit)| BodyChange::Flip(at, bit)),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| BodyChange::Insert(at, byte)),
        any::<usize>().prop_map(BodyChange::Remove),
    ]
}

fn change(body: &[u8], how: BodyChange) -> Vec<u8> {
    let mut changed = body.to_vec();
    match how {
        BodyChange::Flip(at, bit) if !body.is_empty() => changed[at % body.len()] ^= 1 << bit,
        BodyChange::Remove(at) if !body.is_empty() => {
            changed.remove(at % body.len());
        }
        BodyChange::Insert(at, byte) => changed.insert(at % (body.len() + 1), byte),
        // An empty body can only grow.
        BodyChange::Flip(..) | BodyChange::Remove(_) => changed.push(b' '),
    }
    changed
}

/// Whether `body` is a webhook event: `{"event_type": "...", "event_data": {...}}`.
fn is_event(body: &[u8]) -> bool {
    serde_json::from_slice::<serde_json::Value>(body).is_ok_and(|value| {
        value
            .get("event_type")
            .is_some_and(serde_json::Value::is_string)
            && value
                .get("event_data")
                .is_some_and(serde_json::Value::is_object)
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2048,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn only_the_untouched_delivery_verifies(
        secret in secrets(),
        other_secret in secrets(),
        body in bodies(),
        body_change in body_changes(),
        age in -(TOLERANCE as i64)..=(TOLERANCE as i64),
        position in 0usize..64,
        hex_digit in proptest::sample::select(b"0123456789abcdef".to_vec()),
        foreign in proptest::sample::select(vec!['g', 'G', 'A', 'F', ' ', '-', '+', '\u{e9}', '\0', 'x']),
        cut in 0usize..64,
        skew in 1u64..1_000_000_000,
        bad_timestamp in "[+\\- ]?[0-9]{0,5}([^0-9][0-9]{0,5})?|[0-9]{21,30}",
    ) {
        prop_assume!(secret != other_secret);
        let verifier = WebhookVerifier::new(secret.as_str());
        let signature = hmac_hex(&secret, &body);
        let timestamp = (NOW as i64 - age).to_string();
        let is_event = is_event(&body);

        // Untouched: the signature passes (the body may still not be an event).
        match verify(&verifier, &body, &signature, &timestamp) {
            Ok(index) => prop_assert_eq!(index, 0),
            Err(error) => prop_assert!(!is_event && matches!(error, VerifyError::InvalidBody(_)), "{error}"),
        }
        // A rotation in progress: the delivery verifies against its own secret, second in line.
        let rotating = WebhookVerifier::new(other_secret.as_str()).with_secret(secret.as_str());
        if is_event {
            prop_assert_eq!(verify(&rotating, &body, &signature, &timestamp).ok(), Some(1));
        }

        // Tampered body.
        let changed = change(&body, body_change);
        prop_assert_ne!(&changed, &body);
        prop_assert!(is_mismatch(&verify(&verifier, &changed, &signature, &timestamp)));
        // Signed with another secret.
        let forged = hmac_hex(&other_secret, &body);
        prop_assert!(is_mismatch(&verify(&verifier, &body, &forged, &timestamp)));
        // One hex digit changed.
        let mut altered = signature.clone().into_bytes();
        if altered[position] != hex_digit {
            altered[position] = hex_digit;
            let altered = String::from_utf8(altered).unwrap();
            prop_assert!(is_mismatch(&verify(&verifier, &body, &altered, &timestamp)));
        }
        // Malformed: empty, truncated, too long, upper case, a foreign character.
        let result = verify(&verifier, &body, "", &timestamp);
        prop_assert!(
            matches!(result, Err(VerifyError::MalformedSignature(SignatureProblem::Empty))),
            "{result:?}"
        );
        prop_assert!(is_malformed(&verify(&verifier, &body, &signature[..cut], &timestamp)));
        let longer = format!("{signature}{}", &signature[..1 + cut % 63]);
        prop_assert!(is_malformed(&verify(&verifier, &body, &longer, &timestamp)));
        let upper = signature.to_ascii_uppercase();
        if upper != signature {
            prop_assert!(is_malformed(&verify(&verifier, &body, &upper, &timestamp)));
        }
        let mut foreign_signature: Vec<char> = signature.chars().collect();
        foreign_signature[position] = foreign;
        let foreign_signature: String = foreign_signature.into_iter().collect();
        prop_assert!(is_malformed(&verify(&verifier, &body, &foreign_signature, &timestamp)));

        // Timestamps out of tolerance, either way, or not unix seconds: refused whatever the
        // signature.
        let too_old = (NOW - TOLERANCE - skew).to_string();
        let result = verify(&verifier, &body, &signature, &too_old);
        prop_assert!(matches!(result, Err(VerifyError::TimestampTooOld { .. })), "{result:?}");
        let ahead = (NOW + TOLERANCE + skew).to_string();
        let result = verify(&verifier, &body, &signature, &ahead);
        prop_assert!(matches!(result, Err(VerifyError::TimestampInFuture { .. })), "{result:?}");
        if bad_timestamp.is_empty() || !bad_timestamp.bytes().all(|b| b.is_ascii_digit())
            || bad_timestamp.len() > 20
        {
            prop_assert!(
                verify(&verifier, &body, &signature, &bad_timestamp).is_err(),
                "{bad_timestamp:?}"
            );
        }
    }
}

#[test]
fn a_delivery_without_any_of_its_headers_is_refused() {
    let body = br#"{"event_type":"avatar_video.success","event_data":{}}"#;
    let signature = hmac_hex("whsec_k", body);
    let timestamp = NOW.to_string();
    let verifier = WebhookVerifier::new("whsec_k");
    for missing in ["heygen-signature", "heygen-timestamp", "heygen-event-id"] {
        let headers = |name: &str| {
            if name == missing {
                return None;
            }
            match name {
                "heygen-signature" => Some(signature.as_str()),
                "heygen-timestamp" => Some(timestamp.as_str()),
                "heygen-event-id" => Some("evt_1"),
                _ => None,
            }
        };
        let now = UNIX_EPOCH + Duration::from_secs(NOW);
        let result = verifier.verify_at(body, headers, now);
        assert!(
            matches!(result, Err(VerifyError::MissingHeader { name }) if name == missing),
            "{missing}"
        );
    }
    // And the untouched delivery does verify, so the refusals above are the headers' doing.
    assert_eq!(verify(&verifier, body, &signature, &timestamp).unwrap(), 0);
}
