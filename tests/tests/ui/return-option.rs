use heygen_api::endpoint;

#[derive(serde::Deserialize)]
pub struct Video {
    pub id: String,
}

pub trait Videos {
    #[endpoint(GET "/v3/videos/<video_id>")]
    async fn get_video(&self, video_id: &str) -> Option<Video>;
}

impl Videos for heygen_api::Client {}

fn main() {}
