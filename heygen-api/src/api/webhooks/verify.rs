//! Verifying that a webhook delivery comes from HeyGen, and parsing it.
//!
//! A delivery carries three headers: `Heygen-Signature` (lowercase hex HMAC-SHA256 of the raw body,
//! keyed with the endpoint's secret string exactly as returned, `whsec_` prefix included),
//! `Heygen-Timestamp` (unix seconds at dispatch) and `Heygen-Event-Id` (unique per delivery; HeyGen
//! retries a delivery for up to 24 hours, so de-duplicate on it). A delivery missing any of the
//! three is rejected. The timestamp is not covered by the signature; the tolerance bounds how long
//! a captured delivery can be replayed.
//!
//! HeyGen documents the signature as lowercase hex and nothing else, so that is the only form
//! accepted: an uppercase, empty, short or otherwise non-hex signature is
//! [`VerifyError::MalformedSignature`] and never verifies.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use serde::de::DeserializeOwned;
use sha2::Sha256;
use subtle::ConstantTimeEq;

use super::{WebhookEventType, WebhookSecret};

/// The header carrying the signature (lowercase, as header lookups should be case-insensitive).
pub const SIGNATURE_HEADER: &str = "heygen-signature";
/// The header carrying the dispatch time in unix seconds.
pub const TIMESTAMP_HEADER: &str = "heygen-timestamp";
/// The header carrying the delivery's unique id.
pub const EVENT_ID_HEADER: &str = "heygen-event-id";
/// How far a delivery's timestamp may be from now, in either direction, unless configured otherwise.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

/// Length of a hex-encoded HMAC-SHA256.
const SIGNATURE_HEX_LEN: usize = 64;

/// Checks webhook deliveries against one or more endpoint secrets.
///
/// Several secrets can be accepted at once, so deliveries signed before and after a
/// [rotation](super::WebhooksApi::rotate_webhook_secret) both verify while the change rolls out.
///
/// ```
/// use heygen_api::webhooks::{sign, WebhookEventType, WebhookSecret, WebhookVerifier};
///
/// let secret = WebhookSecret::new("whsec_example");
/// let body = br#"{"event_type":"avatar_video.success","event_data":{"video_id":"v1"}}"#;
/// let signature = sign(&secret, body);
/// let timestamp = std::time::SystemTime::now()
///     .duration_since(std::time::UNIX_EPOCH)
///     .unwrap()
///     .as_secs()
///     .to_string();
///
/// // Any case-insensitive header lookup works; `header_map_lookup` adapts an `http::HeaderMap`.
/// let headers = |name: &str| match name {
///     "heygen-signature" => Some(signature.as_str()),
///     "heygen-timestamp" => Some(timestamp.as_str()),
///     "heygen-event-id" => Some("evt_1"),
///     _ => None,
/// };
/// let delivery = WebhookVerifier::new(secret).verify(body, headers).unwrap();
/// assert_eq!(delivery.event.event_type, WebhookEventType::AvatarVideoSuccess);
/// assert_eq!(delivery.event.event_id, "evt_1");
/// ```
#[derive(Debug, Clone)]
pub struct WebhookVerifier {
    secrets: Vec<WebhookSecret>,
    tolerance: Duration,
}

impl WebhookVerifier {
    /// A verifier accepting deliveries signed with `secret`, with the [default
    /// tolerance](DEFAULT_TOLERANCE).
    pub fn new(secret: impl Into<WebhookSecret>) -> Self {
        WebhookVerifier {
            secrets: vec![secret.into()],
            tolerance: DEFAULT_TOLERANCE,
        }
    }

    /// Also accepts deliveries signed with `secret` (for the time a rotation takes to roll out).
    pub fn with_secret(mut self, secret: impl Into<WebhookSecret>) -> Self {
        self.secrets.push(secret.into());
        self
    }

    /// Sets how far a delivery's timestamp may be from now, in the past or in the future.
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Verifies a delivery received now.
    ///
    /// `body` is the raw request body, byte for byte as received (parse it only after this
    /// succeeds). `headers` looks a header up by name; it is called with lowercase names
    /// ([`SIGNATURE_HEADER`], [`TIMESTAMP_HEADER`], [`EVENT_ID_HEADER`]) and, as HTTP header names
    /// are case-insensitive, should match them that way. For an `http::HeaderMap`, pass
    /// [`header_map_lookup(&headers)`](header_map_lookup).
    pub fn verify<'h>(
        &self,
        body: &[u8],
        headers: impl Fn(&str) -> Option<&'h str>,
    ) -> Result<VerifiedDelivery, VerifyError> {
        self.verify_at(body, headers, SystemTime::now())
    }

    /// Verifies a delivery as if received at `now` (for tests and replays of stored deliveries).
    pub fn verify_at<'h>(
        &self,
        body: &[u8],
        headers: impl Fn(&str) -> Option<&'h str>,
        now: SystemTime,
    ) -> Result<VerifiedDelivery, VerifyError> {
        let header = |name: &'static str| headers(name).ok_or(VerifyError::MissingHeader { name });
        let signature = header(SIGNATURE_HEADER)?;
        let timestamp = header(TIMESTAMP_HEADER)?;
        let event_id = header(EVENT_ID_HEADER)?;

        let timestamp = self.check_timestamp(timestamp, now)?;
        let secret_index = self.check_signature(signature, body)?;
        let payload: DeliveryBody =
            serde_json::from_slice(body).map_err(VerifyError::InvalidBody)?;
        Ok(VerifiedDelivery {
            event: WebhookEvent {
                event_id: event_id.to_owned(),
                event_type: payload.event_type,
                event_data: payload.event_data,
            },
            timestamp,
            secret_index,
        })
    }

    fn check_timestamp(&self, value: &str, now: SystemTime) -> Result<SystemTime, VerifyError> {
        let invalid = || VerifyError::InvalidTimestamp {
            value: value.chars().take(32).collect(),
        };
        // Digits only: `u64::from_str` would also take a leading `+`.
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        let seconds: u64 = value.parse().map_err(|_| invalid())?;
        let timestamp = UNIX_EPOCH
            .checked_add(Duration::from_secs(seconds))
            .ok_or_else(invalid)?;
        match now.duration_since(timestamp) {
            Ok(age) if age > self.tolerance => Err(VerifyError::TimestampTooOld {
                age,
                tolerance: self.tolerance,
            }),
            Ok(_) => Ok(timestamp),
            Err(ahead) if ahead.duration() > self.tolerance => {
                Err(VerifyError::TimestampInFuture {
                    ahead: ahead.duration(),
                    tolerance: self.tolerance,
                })
            }
            Err(_) => Ok(timestamp),
        }
    }

    /// The index of the secret that signed `body`.
    fn check_signature(&self, signature: &str, body: &[u8]) -> Result<usize, VerifyError> {
        // Shape first, so that an empty or truncated value can never reach the comparison.
        let problem = if signature.is_empty() {
            Some(SignatureProblem::Empty)
        } else if signature.len() != SIGNATURE_HEX_LEN {
            Some(SignatureProblem::WrongLength {
                len: signature.len(),
            })
        } else if !signature
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        {
            Some(SignatureProblem::NotLowercaseHex)
        } else {
            None
        };
        if let Some(problem) = problem {
            return Err(VerifyError::MalformedSignature(problem));
        }
        self.secrets
            .iter()
            .position(|secret| {
                bool::from(sign(secret, body).as_bytes().ct_eq(signature.as_bytes()))
            })
            .ok_or(VerifyError::SignatureMismatch)
    }
}

/// The lowercase hex HMAC-SHA256 of `body` keyed with `secret`: the `Heygen-Signature` HeyGen
/// sends with a delivery of `body` (for tests and local servers that sign their own deliveries).
pub fn sign(secret: &WebhookSecret, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.expose_secret().as_bytes())
        .expect("HMAC accepts keys of any length");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// Adapts an `http::HeaderMap` for [`WebhookVerifier::verify`].
///
/// A header whose value is not visible ASCII is treated as absent.
pub fn header_map_lookup<'h>(
    headers: &'h http::HeaderMap,
) -> impl Fn(&str) -> Option<&'h str> + 'h {
    move |name| headers.get(name).and_then(|value| value.to_str().ok())
}

/// A delivery that passed verification.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct VerifiedDelivery {
    /// The event it carries.
    pub event: WebhookEvent,
    /// When HeyGen dispatched it (`Heygen-Timestamp`).
    pub timestamp: SystemTime,
    /// Which of the verifier's secrets signed it: 0 for the one given to
    /// [`WebhookVerifier::new`], then one per [`with_secret`](WebhookVerifier::with_secret) in order.
    pub secret_index: usize,
}

/// A webhook event: the delivery body `{"event_type": ..., "event_data": {...}}` and its event id.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct WebhookEvent {
    /// The unique id of the delivery (`Heygen-Event-Id`); HeyGen retries deliveries for up to 24
    /// hours, so skip ids already processed.
    pub event_id: String,
    /// What happened.
    pub event_type: WebhookEventType,
    /// The event's payload. HeyGen publishes no schema for it (the specification types it as an
    /// object without properties), so it is kept as a JSON object; decode it into your own type
    /// with [`data_as`](Self::data_as).
    pub event_data: serde_json::Map<String, serde_json::Value>,
}

impl WebhookEvent {
    /// Decodes [`event_data`](Self::event_data) into `T`.
    pub fn data_as<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        T::deserialize(serde_json::Value::Object(self.event_data.clone()))
    }
}

#[derive(serde::Deserialize)]
struct DeliveryBody {
    event_type: WebhookEventType,
    event_data: serde_json::Map<String, serde_json::Value>,
}

/// Why a delivery was rejected.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// A required header is absent.
    #[error("webhook delivery has no `{name}` header")]
    MissingHeader {
        /// The header's name.
        name: &'static str,
    },
    /// `Heygen-Timestamp` is not a number of unix seconds.
    #[error("`Heygen-Timestamp` is not unix seconds: {value:?}")]
    InvalidTimestamp {
        /// The start of the value received.
        value: String,
    },
    /// The delivery was dispatched longer ago than the tolerance allows (possibly a replay).
    #[error("webhook delivery is too old: sent {age:?} ago, tolerance {tolerance:?}")]
    TimestampTooOld {
        /// How long ago it was dispatched.
        age: Duration,
        /// The tolerance in force.
        tolerance: Duration,
    },
    /// The delivery's timestamp lies further in the future than the tolerance allows.
    #[error("webhook delivery is dated {ahead:?} in the future, tolerance {tolerance:?}")]
    TimestampInFuture {
        /// How far ahead of now it is dated.
        ahead: Duration,
        /// The tolerance in force.
        tolerance: Duration,
    },
    /// `Heygen-Signature` is not 64 lowercase hex digits.
    #[error("`Heygen-Signature` is malformed: {0}")]
    MalformedSignature(SignatureProblem),
    /// The signature is well-formed but was not made with any of the verifier's secrets (or the
    /// body was altered).
    #[error("`Heygen-Signature` does not match the body for any configured secret")]
    SignatureMismatch,
    /// The body is authentic but is not a webhook event (`{"event_type", "event_data"}`).
    #[error("webhook delivery body is not a webhook event: {0}")]
    InvalidBody(#[source] serde_json::Error),
}

/// What is wrong with the shape of a `Heygen-Signature` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureProblem {
    /// The header is present but empty.
    #[error("it is empty")]
    Empty,
    /// The value does not have the 64 characters of a hex HMAC-SHA256.
    #[error("expected 64 hex digits, got {len} bytes")]
    WrongLength {
        /// The length received, in bytes.
        len: usize,
    },
    /// The value has a character other than `0-9` and `a-f` (HeyGen signs in lowercase hex).
    #[error("expected lowercase hex digits (0-9, a-f)")]
    NotLowercaseHex,
}
