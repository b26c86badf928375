use heygen_api::{endpoint, Result};

pub trait Assets {
    /// Server-sent events, ended by the `end` event, reconnecting when dropped.
    #[endpoint(GET "/v3/assets/<asset_id>/events", end_event = "end", reconnect)]
    async fn asset_events(&self, asset_id: &str) -> Result<EventStream<AssetEvent>>;
}
