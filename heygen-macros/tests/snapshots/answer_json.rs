use heygen_api::{endpoint, Result};

pub trait Assets {
    /// The whole body as JSON, without the `{"data"}` envelope.
    #[endpoint(GET "/v3/assets/<asset_id>/manifest")]
    async fn manifest(&self, asset_id: &str) -> Result<heygen_api::Json<Manifest>>;
}
