use heygen_api::{endpoint, Result};

#[derive(serde::Deserialize)]
pub struct Video {
    pub id: String,
}

// The broken declaration is reported; the trait, its good method and its implementation
// for the client still compile, so nothing else fails.
pub trait Videos {
    #[endpoint(GET "/v3/videos/<video_id>")]
    async fn get_video(&self, video_id: &str) -> Result<Video>;

    #[endpoint(POST "/v3/videos/<video_id>/archive", idempotant)]
    async fn archive_video(&self, video_id: &str) -> Result<Video>;
}

impl Videos for heygen_api::Client {}

async fn first_video(client: &heygen_api::Client) -> Result<String> {
    let video = client.get_video("v1").await?;
    Ok(video.id)
}

fn main() {
    let _ = first_video;
}
