use heygen_api::{endpoint, Result};

pub trait Webhooks {
    /// Changes an endpoint.
    #[endpoint(PATCH "/v3/webhooks/endpoints/<endpoint_id>")]
    async fn update_webhook_endpoint(
        &self,
        endpoint_id: &str,
        #[body] body: &UpdateWebhookEndpointRequest,
    ) -> Result<WebhookEndpoint>;
}
