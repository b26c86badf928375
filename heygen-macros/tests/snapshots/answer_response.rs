use heygen_api::{endpoint, Result};

pub trait Assets {
    /// `{"data": Asset}` with the status and headers.
    #[endpoint(GET "/v3/assets/<asset_id>")]
    async fn get_asset(&self, asset_id: &str) -> Result<Response<Asset>>;
}
