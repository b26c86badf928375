use heygen_api::{endpoint, Result};

pub trait Assets {
    /// The body as bytes.
    #[endpoint(GET "/v3/assets/<asset_id>/content")]
    async fn download(&self, asset_id: &str) -> Result<Bytes>;
}
