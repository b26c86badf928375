use heygen_api::{endpoint, Result};

pub trait Assets {
    /// The body as a stream of chunks.
    #[endpoint(GET "/v3/assets/<asset_id>/content")]
    async fn stream_content(&self, asset_id: &str) -> Result<ByteStream>;
}
