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
    #[endpoint(GET "/v3/videos")]
    async fn list_videos(&self, #[form] filter: &Filter) -> Result<Vec<Video>>;
}

impl Videos for heygen_api::Client {}

fn main() {}
