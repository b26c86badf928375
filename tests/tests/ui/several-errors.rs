use heygen_api::{endpoint, Result};

#[derive(serde::Deserialize)]
pub struct Video {
    pub id: String,
}

// Three mistakes in one declaration, all reported by one compile.
pub trait Videos {
    #[endpoint(get "/v3/videos/<video_id>", retries = 3)]
    async fn get_video(&self) -> Result<Video>;
}

impl Videos for heygen_api::Client {}

fn main() {}
