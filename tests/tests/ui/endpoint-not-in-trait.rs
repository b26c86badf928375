use heygen_api::{endpoint, Result};

pub struct Videos;

impl Videos {
    #[endpoint(GET "/v3/videos/<video_id>")]
    pub async fn get_video(&self, video_id: &str) -> Result<String> {
        Ok(video_id.to_owned())
    }
}

fn main() {}
