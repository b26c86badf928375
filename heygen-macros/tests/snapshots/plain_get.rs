use heygen_api::{endpoint, Result};

pub trait User {
    /// The account the API key belongs to.
    #[endpoint(GET "/v3/users/me")]
    async fn get_current_user(&self) -> Result<UserInfo>;
}
