use heygen_api::{endpoint, Result};

pub trait Webhooks {
    /// Generates a new signing secret and invalidates the old one at once.
    #[endpoint(POST "/v3/webhooks/endpoints/<endpoint_id>/rotate-secret", idempotent)]
    async fn rotate_secret(&self, endpoint_id: &str) -> Result<RotateSecretResponseData>;
}
