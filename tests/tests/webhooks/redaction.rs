//! Webhook secrets never show in `Debug` output.

use heygen_api::webhooks::{
    RotateSecretResponseData, WebhookEndpoint, WebhookSecret, WebhookVerifier,
};

const SECRET: &str = "whsec_do_not_print_me";

#[test]
fn a_secret_debugs_as_redacted() {
    let secret = WebhookSecret::new(SECRET);
    assert_eq!(format!("{secret:?}"), "WebhookSecret([redacted])");
    assert_eq!(format!("{secret:#?}"), "WebhookSecret([redacted])");
    assert_eq!(secret.expose_secret(), SECRET);
}

#[test]
fn a_verifier_debug_shows_no_secret() {
    let verifier = WebhookVerifier::new(SECRET).with_secret("whsec_second_secret");
    let debug = format!("{verifier:?}");
    assert!(!debug.contains("whsec_"), "{debug}");
    assert!(debug.contains("[redacted]"), "{debug}");
}

#[test]
fn decoded_endpoints_and_rotations_debug_without_the_secret() {
    let endpoint: WebhookEndpoint = serde_json::from_value(serde_json::json!({
        "endpoint_id": "ep_1",
        "url": "https://example.com/hook",
        "status": "enabled",
        "created_at": "2026-07-01T00:00:00Z",
        "events": null,
        "secret": SECRET,
    }))
    .unwrap();
    assert_eq!(endpoint.secret.as_ref().unwrap().expose_secret(), SECRET);
    let debug = format!("{endpoint:?}");
    assert!(!debug.contains(SECRET), "{debug}");
    assert!(debug.contains("endpoint_id: \"ep_1\""), "{debug}");

    let rotated: RotateSecretResponseData =
        serde_json::from_value(serde_json::json!({ "endpoint_id": "ep_1", "secret": SECRET }))
            .unwrap();
    let debug = format!("{rotated:#?}");
    assert!(!debug.contains(SECRET), "{debug}");
}

#[test]
fn fingerprints_tell_secrets_apart_without_revealing_them() {
    let first = WebhookSecret::new(SECRET).fingerprint();
    let second = WebhookSecret::new("whsec_another").fingerprint();
    assert_ne!(first, second);
    assert_eq!(first, WebhookSecret::new(SECRET).fingerprint());
    assert!(!first.contains("whsec"));
}
