use heygen_api::{endpoint, Multipart, Result};

pub trait Assets {
    /// Uploads a file.
    #[endpoint(POST "/v3/assets")]
    async fn upload_asset(&self, #[multipart] form: Multipart) -> Result<Asset>;
}
