use heygen_api::{endpoint, Result};

pub trait Assets {
    /// The body as bytes, with the status and headers.
    #[endpoint(GET "/v3/assets/<asset_id>/content")]
    async fn download_with_meta(&self, asset_id: &str) -> Result<Response<Bytes>>;
}
