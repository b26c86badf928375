use heygen_api::{endpoint, Result};

pub trait Tokens {
    /// A form-urlencoded body.
    #[endpoint(POST "/v1/oauth/token", idempotent)]
    async fn exchange_token(&self, #[form] body: &TokenRequest) -> Result<Token>;
}
