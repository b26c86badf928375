use heygen_api::endpoint;

#[derive(serde::Deserialize)]
pub struct Video {
    pub id: String,
}

pub trait Videos {
    #[endpoint(DELETE "/v3/videos/<video_id>")]
    async fn delete_video(&self, video_id: &str);
}

impl Videos for heygen_api::Client {}

fn main() {}
