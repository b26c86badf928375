use heygen_api::{api, endpoint, Result};

#[derive(serde::Deserialize)]
pub struct Video {
    pub id: String,
}

#[api(strict)]
pub trait Videos {
    #[endpoint(GET "/v3/videos")]
    async fn list_videos(&self) -> Result<Vec<Video>>;
}

fn main() {}
