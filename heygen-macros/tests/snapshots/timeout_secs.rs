use heygen_api::{endpoint, Result};

pub trait Videos {
    /// Generating a preview can take a while.
    #[endpoint(POST "/v3/videos/<video_id>/preview", timeout_secs = 300)]
    async fn render_preview(&self, video_id: &str) -> Result<Preview>;
}
