//! The signing secret of a webhook endpoint.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

/// The signing secret of a webhook endpoint (`whsec_...`), as returned by
/// [`create_webhook_endpoint`](super::WebhooksApi::create_webhook_endpoint) and
/// [`rotate_webhook_secret`](super::WebhooksApi::rotate_webhook_secret).
///
/// The value is zeroized when dropped and never appears in `Debug` output, so a logged response or
/// verifier cannot leak it. Read it only to store it, with [`expose_secret`](Self::expose_secret).
///
/// ```
/// use heygen_api::webhooks::WebhookSecret;
///
/// let secret = WebhookSecret::new("whsec_0123456789abcdef");
/// assert_eq!(format!("{secret:?}"), "WebhookSecret([redacted])");
/// assert_eq!(secret.expose_secret(), "whsec_0123456789abcdef");
/// ```
#[derive(Clone)]
pub struct WebhookSecret(SecretString);

impl WebhookSecret {
    /// Wraps a secret string exactly as HeyGen returned it (prefix included).
    pub fn new(secret: impl Into<String>) -> Self {
        WebhookSecret(SecretString::from(secret.into()))
    }

    /// The secret string, prefix included: the exact HMAC key of the deliveries it signs.
    pub fn expose_secret(&self) -> &str {
        self.0.expose_secret()
    }

    /// A short, non-reversible label for the secret (`sha256:` and the first 8 hex digits of its
    /// SHA-256), to tell two secrets apart in logs without revealing either.
    ///
    /// ```
    /// use heygen_api::webhooks::WebhookSecret;
    ///
    /// let fingerprint = WebhookSecret::new("whsec_abc").fingerprint();
    /// assert!(fingerprint.starts_with("sha256:"));
    /// assert_eq!(fingerprint.len(), "sha256:".len() + 8);
    /// ```
    pub fn fingerprint(&self) -> String {
        let digest = Sha256::digest(self.expose_secret().as_bytes());
        format!("sha256:{}", hex::encode(&digest[..4]))
    }
}

impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookSecret([redacted])")
    }
}

impl From<String> for WebhookSecret {
    fn from(secret: String) -> Self {
        WebhookSecret::new(secret)
    }
}

impl From<&str> for WebhookSecret {
    fn from(secret: &str) -> Self {
        WebhookSecret::new(secret)
    }
}

impl<'de> serde::Deserialize<'de> for WebhookSecret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(WebhookSecret::new)
    }
}
