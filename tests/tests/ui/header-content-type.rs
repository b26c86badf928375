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
    #[endpoint(POST "/v3/videos")]
    async fn create_video(&self, #[header("Content-Type")] kind: &str, #[body] body: &Filter) -> Result<Video>;
}

impl Videos for heygen_api::Client {}

fn main() {}
