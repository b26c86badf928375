use heygen_api::{endpoint, Result};

#[derive(serde::Deserialize)]
pub struct Video {
    pub id: String,
}

pub trait Videos {
    #[endpoint(GET "/v3/videos/<video_id>")]
    #[endpoint(GET "/v3/videos/<video_id>/details")]
    async fn get_video(&self, video_id: &str) -> Result<Video>;
}

impl Videos for heygen_api::Client {}

fn main() {}
