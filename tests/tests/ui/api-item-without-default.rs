// An #[api] trait is implemented for every client, so its other items need defaults.
use heygen_api::{api, endpoint, Result};

#[api]
pub trait Videos {
    #[endpoint(GET "/v3/videos/<video_id>")]
    async fn get_video(&self, video_id: &str) -> Result<String>;

    fn label(&self) -> String;
}

fn main() {}
