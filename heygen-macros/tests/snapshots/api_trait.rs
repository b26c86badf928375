use heygen_api::{api, endpoint, IdempotencyKey, Page, Result};

/// Webhook endpoints.
#[api]
pub trait Webhooks: Send + Sync {
    /// One page of webhook endpoints.
    #[endpoint(GET "/v3/webhooks/endpoints", paginated)]
    async fn list_webhook_endpoints(
        &self,
        #[query(flatten)] query: &ListWebhookEndpointsQuery,
    ) -> Result<Page<WebhookEndpoint>>;

    /// Registers an endpoint.
    #[endpoint(POST "/v3/webhooks/endpoints", idempotent)]
    async fn create_webhook_endpoint(
        &self,
        #[body] body: &CreateWebhookEndpointRequest,
        #[idempotency_key] key: Option<IdempotencyKey>,
    ) -> Result<WebhookEndpointWithSecret>;

    /// Removes an endpoint.
    #[heygen_api::endpoint(DELETE "/v3/webhooks/endpoints/<endpoint_id>", timeout_secs = 10)]
    async fn delete_webhook_endpoint(&self, endpoint_id: &str) -> Result<DeletedWebhookEndpoint>;

    /// Not an endpoint: left as written.
    fn describe(&self) -> &'static str {
        "webhooks"
    }
}
