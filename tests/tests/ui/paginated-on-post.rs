use heygen_api::{endpoint, Result};

#[derive(serde::Deserialize)]
pub struct Video {
    pub id: String,
}

#[derive(serde::Serialize)]
pub struct Filter {
    pub tag: String,
}

pub trait Videos {
    #[endpoint(POST "/v3/videos/search", paginated)]
    async fn search_videos(&self, #[body] body: &Filter) -> Result<heygen_api::Page<Video>>;
}

impl Videos for heygen_api::Client {}

fn main() {}
