use heygen_api::{endpoint, Result};

pub trait Assets {
    /// The body as text.
    #[endpoint(GET "/v3/assets/<asset_id>/captions.srt")]
    async fn captions(&self, asset_id: &str) -> Result<String>;
}
