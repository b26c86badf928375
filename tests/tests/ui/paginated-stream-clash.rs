use heygen_api::{api, endpoint, Page, Result};

#[derive(serde::Deserialize)]
pub struct Video {
    pub id: String,
}

#[api]
pub trait Videos {
    #[endpoint(GET "/v3/videos", paginated)]
    async fn list_videos(&self, #[query] token: Option<&str>) -> Result<Page<Video>>;

    #[endpoint(GET "/v3/videos/stream")]
    async fn list_videos_stream(&self) -> Result<Vec<Video>>;
}

fn main() {}
