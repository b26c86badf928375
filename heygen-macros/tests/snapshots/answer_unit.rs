use heygen_api::{endpoint, Result};

pub trait Assets {
    /// Nothing to read: the body is not decoded.
    #[endpoint(DELETE "/v3/assets/<asset_id>")]
    async fn delete_asset(&self, asset_id: &str) -> Result<()>;
}
