use heygen_api::{endpoint, Result};

#[derive(serde::Deserialize)]
pub struct Video {
    pub id: String,
}

#[derive(serde::Serialize)]
pub struct Filter {
    pub tag: String,
}

impl heygen_api::QueryParams for Filter {
    const NAMES: &'static [&'static str] = &["tag"];
}

pub trait Videos {
    #[endpoint(GET "/v3/videos")]
    async fn list_videos(&self, #[query(flaten)] filter: &Filter) -> Result<Vec<Video>>;
}

impl Videos for heygen_api::Client {}

fn main() {}
