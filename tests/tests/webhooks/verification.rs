//! Delivery verification: signature, timestamp window, header handling and parsing.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use heygen_api::webhooks::{
    SignatureProblem, VerifyError, WebhookEventType, WebhookSecret, WebhookVerifier,
    header_map_lookup, sign,
};

const SECRET: &str = "whsec_test_secret_1";
const BODY: &[u8] = br#"{"event_type":"avatar_video.success","event_data":{"video_id":"v_123","url":"https://files.example/v_123.mp4"}}"#;
/// HMAC-SHA256 of `BODY` keyed with `SECRET` (prefix included), computed independently.
const SIGNATURE: &str = "a6d305dab20006429e2848aa3a7810deda13b4f159a424891dc036ae8be921e3";
/// The same body signed with the secret without its `whsec_` prefix: what a wrong key gives.
const SIGNATURE_WITHOUT_PREFIX: &str =
    "199e94fc0f0ff00a23651e5f8e47b50dd5f151148584d41ae222469187ab2f23";
const SENT_AT: u64 = 1_780_000_000;

fn at(seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(seconds)
}

/// A header lookup over fixed pairs, case-insensitive like HTTP.
fn headers<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<&'a str> + 'a {
    move |name| {
        pairs
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| *value)
    }
}

fn verify_with(
    verifier: &WebhookVerifier,
    body: &[u8],
    signature: &str,
) -> Result<heygen_api::webhooks::VerifiedDelivery, VerifyError> {
    let timestamp = SENT_AT.to_string();
    let pairs = [
        ("Heygen-Signature", signature),
        ("Heygen-Timestamp", timestamp.as_str()),
        ("Heygen-Event-Id", "evt_1"),
    ];
    verifier.verify_at(body, headers(&pairs), at(SENT_AT + 1))
}

fn verifier() -> WebhookVerifier {
    WebhookVerifier::new(SECRET)
}

#[test]
fn sign_is_hmac_sha256_keyed_with_the_whole_secret_string() {
    assert_eq!(sign(&WebhookSecret::new(SECRET), BODY), SIGNATURE);
}

#[test]
fn a_valid_delivery_verifies_and_parses() {
    let delivery = verify_with(&verifier(), BODY, SIGNATURE).unwrap();
    assert_eq!(delivery.event.event_id, "evt_1");
    assert_eq!(
        delivery.event.event_type,
        WebhookEventType::AvatarVideoSuccess
    );
    assert_eq!(delivery.event.event_data["video_id"], "v_123");
    assert_eq!(delivery.timestamp, at(SENT_AT));
    assert_eq!(delivery.secret_index, 0);

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct VideoDone {
        video_id: String,
        url: String,
    }
    assert_eq!(
        delivery.event.data_as::<VideoDone>().unwrap(),
        VideoDone {
            video_id: "v_123".into(),
            url: "https://files.example/v_123.mp4".into()
        }
    );
}

#[test]
fn a_tampered_body_is_rejected() {
    let tampered = String::from_utf8(BODY.to_vec())
        .unwrap()
        .replace("v_123", "v_999");
    assert!(matches!(
        verify_with(&verifier(), tampered.as_bytes(), SIGNATURE),
        Err(VerifyError::SignatureMismatch)
    ));
}

#[test]
fn a_body_with_one_more_byte_is_rejected() {
    let mut longer = BODY.to_vec();
    longer.push(b' ');
    assert!(matches!(
        verify_with(&verifier(), &longer, SIGNATURE),
        Err(VerifyError::SignatureMismatch)
    ));
}

#[test]
fn a_wrong_secret_is_rejected() {
    let other = WebhookVerifier::new("whsec_someone_else");
    assert!(matches!(
        verify_with(&other, BODY, SIGNATURE),
        Err(VerifyError::SignatureMismatch)
    ));
    // The prefix is part of the key: a signature made without it does not verify.
    assert!(matches!(
        verify_with(&verifier(), BODY, SIGNATURE_WITHOUT_PREFIX),
        Err(VerifyError::SignatureMismatch)
    ));
}

#[test]
fn empty_short_long_and_non_hex_signatures_are_malformed() {
    let cases: [(&str, SignatureProblem); 5] = [
        ("", SignatureProblem::Empty),
        (&SIGNATURE[..63], SignatureProblem::WrongLength { len: 63 }),
        (&SIGNATURE[..2], SignatureProblem::WrongLength { len: 2 }),
        (
            "a6d305dab20006429e2848aa3a7810deda13b4f159a424891dc036ae8be921e3ff",
            SignatureProblem::WrongLength { len: 66 },
        ),
        (
            "z6d305dab20006429e2848aa3a7810deda13b4f159a424891dc036ae8be921e3",
            SignatureProblem::NotLowercaseHex,
        ),
    ];
    for (signature, expected) in cases {
        match verify_with(&verifier(), BODY, signature) {
            Err(VerifyError::MalformedSignature(problem)) => {
                assert_eq!(problem, expected, "signature {signature:?}")
            }
            other => panic!("signature {signature:?}: expected malformed, got {other:?}"),
        }
    }
}

#[test]
fn uppercase_hex_is_rejected_because_heygen_signs_in_lowercase() {
    let upper = SIGNATURE.to_ascii_uppercase();
    assert!(matches!(
        verify_with(&verifier(), BODY, &upper),
        Err(VerifyError::MalformedSignature(
            SignatureProblem::NotLowercaseHex
        ))
    ));
}

#[test]
fn a_signature_in_a_prefixed_scheme_is_malformed() {
    let prefixed = format!("sha256={SIGNATURE}");
    assert!(matches!(
        verify_with(&verifier(), BODY, &prefixed),
        Err(VerifyError::MalformedSignature(
            SignatureProblem::WrongLength { len: 71 }
        ))
    ));
}

#[test]
fn timestamps_outside_the_tolerance_are_rejected_both_ways() {
    let timestamp = SENT_AT.to_string();
    let pairs = [
        ("heygen-signature", SIGNATURE),
        ("heygen-timestamp", timestamp.as_str()),
        ("heygen-event-id", "evt_1"),
    ];
    let verifier = verifier();
    let verify_at = |now| verifier.verify_at(BODY, headers(&pairs), now);

    // Exactly at the edges is still accepted.
    assert!(verify_at(at(SENT_AT + 300)).is_ok());
    assert!(verify_at(at(SENT_AT - 300)).is_ok());

    match verify_at(at(SENT_AT + 301)) {
        Err(VerifyError::TimestampTooOld { age, tolerance }) => {
            assert_eq!(age, Duration::from_secs(301));
            assert_eq!(tolerance, Duration::from_secs(300));
        }
        other => panic!("expected too old, got {other:?}"),
    }
    match verify_at(at(SENT_AT - 301)) {
        Err(VerifyError::TimestampInFuture { ahead, tolerance }) => {
            assert_eq!(ahead, Duration::from_secs(301));
            assert_eq!(tolerance, Duration::from_secs(300));
        }
        other => panic!("expected in the future, got {other:?}"),
    }
}

#[test]
fn the_tolerance_is_configurable() {
    let timestamp = SENT_AT.to_string();
    let pairs = [
        ("heygen-signature", SIGNATURE),
        ("heygen-timestamp", timestamp.as_str()),
        ("heygen-event-id", "evt_1"),
    ];
    let strict = verifier().tolerance(Duration::from_secs(10));
    assert!(
        strict
            .verify_at(BODY, headers(&pairs), at(SENT_AT + 10))
            .is_ok()
    );
    assert!(matches!(
        strict.verify_at(BODY, headers(&pairs), at(SENT_AT + 11)),
        Err(VerifyError::TimestampTooOld { .. })
    ));
}

#[test]
fn a_timestamp_that_is_not_unix_seconds_is_rejected() {
    for bad in [
        "",
        "soon",
        "+1780000000",
        "-5",
        "1780000000.5",
        "99999999999999999999999",
    ] {
        let pairs = [
            ("heygen-signature", SIGNATURE),
            ("heygen-timestamp", bad),
            ("heygen-event-id", "evt_1"),
        ];
        match verifier().verify_at(BODY, headers(&pairs), at(SENT_AT)) {
            Err(VerifyError::InvalidTimestamp { value }) => assert_eq!(value, bad),
            other => panic!("timestamp {bad:?}: expected invalid, got {other:?}"),
        }
    }
}

#[test]
fn each_missing_header_is_named() {
    let timestamp = SENT_AT.to_string();
    let all = [
        ("heygen-signature", SIGNATURE),
        ("heygen-timestamp", timestamp.as_str()),
        ("heygen-event-id", "evt_1"),
    ];
    for missing in 0..all.len() {
        let pairs: Vec<_> = all
            .iter()
            .enumerate()
            .filter(|(index, _)| *index != missing)
            .map(|(_, pair)| *pair)
            .collect();
        match verifier().verify_at(BODY, headers(&pairs), at(SENT_AT)) {
            Err(VerifyError::MissingHeader { name }) => assert_eq!(name, all[missing].0),
            other => panic!(
                "without {}: expected missing header, got {other:?}",
                all[missing].0
            ),
        }
    }
}

#[test]
fn during_rotation_both_secrets_verify_and_the_match_is_reported() {
    let new_secret = WebhookSecret::new("whsec_rotated_2");
    let verifier = WebhookVerifier::new("whsec_rotated_2").with_secret(SECRET);

    let old = verify_with(&verifier, BODY, SIGNATURE).unwrap();
    assert_eq!(old.secret_index, 1);
    let new = verify_with(&verifier, BODY, &sign(&new_secret, BODY)).unwrap();
    assert_eq!(new.secret_index, 0);

    let unrelated = sign(&WebhookSecret::new("whsec_unrelated"), BODY);
    assert!(matches!(
        verify_with(&verifier, BODY, &unrelated),
        Err(VerifyError::SignatureMismatch)
    ));
}

#[test]
fn an_authentic_body_that_is_not_an_event_is_reported_as_such() {
    let secret = WebhookSecret::new(SECRET);
    for body in [
        &b"not json"[..],
        br#"{"event_type":"avatar_video.success"}"#,
        b"[]",
    ] {
        let signature = sign(&secret, body);
        assert!(
            matches!(
                verify_with(&verifier(), body, &signature),
                Err(VerifyError::InvalidBody(_))
            ),
            "body {:?}",
            String::from_utf8_lossy(body)
        );
    }
}

#[test]
fn unknown_event_types_are_kept() {
    let body = br#"{"event_type":"hologram.success","event_data":{}}"#;
    let signature = sign(&WebhookSecret::new(SECRET), body);
    let delivery = verify_with(&verifier(), body, &signature).unwrap();
    assert_eq!(
        delivery.event.event_type,
        WebhookEventType::Unknown("hologram.success".into())
    );
}

#[test]
fn header_maps_are_looked_up_case_insensitively() {
    let mut map = http::HeaderMap::new();
    map.insert("Heygen-Signature", SIGNATURE.parse().unwrap());
    map.insert("HEYGEN-TIMESTAMP", SENT_AT.to_string().parse().unwrap());
    map.insert("heygen-event-id", "evt_7".parse().unwrap());
    let delivery = verifier()
        .verify_at(BODY, header_map_lookup(&map), at(SENT_AT))
        .unwrap();
    assert_eq!(delivery.event.event_id, "evt_7");
}

#[test]
fn errors_name_the_problem_without_the_secret() {
    let err = verify_with(&verifier(), BODY, "").unwrap_err();
    assert_eq!(
        err.to_string(),
        "`Heygen-Signature` is malformed: it is empty"
    );
    let err = verify_with(&WebhookVerifier::new("whsec_other"), BODY, SIGNATURE).unwrap_err();
    assert_eq!(
        err.to_string(),
        "`Heygen-Signature` does not match the body for any configured secret"
    );
    assert!(!format!("{err:?}").contains("whsec_"));
}
