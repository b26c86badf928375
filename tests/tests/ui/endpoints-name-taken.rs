use heygen_api::{api, endpoint, Result};

#[derive(serde::Deserialize)]
pub struct Video {
    pub id: String,
}

#[api]
pub trait Videos {
    const ENDPOINTS: usize = 1;

    #[endpoint(GET "/v3/videos/<video_id>")]
    async fn get_video(&self, video_id: &str) -> Result<Video>;
}

fn main() {}
