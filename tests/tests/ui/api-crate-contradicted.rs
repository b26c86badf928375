use heygen_api::{api, endpoint, Result};

#[derive(serde::Deserialize)]
pub struct Video {
    pub id: String,
}

#[api(crate = "heygen_api")]
pub trait Videos {
    #[endpoint(GET "/v3/videos", crate = "::other")]
    async fn list_videos(&self) -> Result<Vec<Video>>;
}

fn main() {}
