use heygen_api::{endpoint, Page, Result};

pub trait Webhooks {
    /// One page of webhook endpoints.
    #[endpoint(GET "/v3/webhooks/endpoints", paginated)]
    async fn list_webhook_endpoints(
        &self,
        #[query] limit: Option<u32>,
        #[query] token: Option<&str>,
    ) -> Result<Page<WebhookEndpoint>>;

    /// One page of the looks of an avatar group.
    #[endpoint(GET "/v3/avatars/<group_id>/looks", paginated)]
    async fn list_avatar_looks(
        &self,
        group_id: &str,
        #[query(flatten)] query: &ListLooksQuery,
    ) -> Result<Page<AvatarLook>>;
}
