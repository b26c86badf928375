//! `#[endpoint]` works on its own, in a trait without `#[api]`, with any attribute path.

use heygen_api::{endpoint, Result};

#[derive(Debug, serde::Deserialize)]
pub struct Video {
    pub id: String,
}

pub trait Videos {
    /// Docs and other attributes stay on the generated method.
    #[endpoint(GET "/v3/videos/<video_id>")]
    #[deprecated = "use get_video_v2"]
    async fn get_video(&self, video_id: &str) -> Result<Video>;

    #[heygen_api::endpoint(GET "/v3/videos", paginated)]
    async fn list_videos(
        &self,
        #[query] token: Option<&str>,
    ) -> heygen_api::Result<heygen_api::Page<Video>>;

    /// Ordinary methods beside endpoints are left alone.
    fn label(&self) -> &'static str {
        "videos"
    }
}

impl Videos for heygen_api::Client {}

fn main() {
    let _ = |client: &heygen_api::Client| {
        let _ = client.list_videos_stream();
        client.label()
    };
}
