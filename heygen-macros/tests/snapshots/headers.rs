use heygen_api::{endpoint, Result};

pub trait Videos {
    /// A header argument beside static headers.
    #[endpoint(GET "/v3/videos/<video_id>", header("X-Feature" = "beta"), header("X-Other" = "1"))]
    async fn get_video(
        &self,
        video_id: &str,
        #[header("X-Trace-Id")] trace: Option<&str>,
        #[query] limit: Option<u32>,
    ) -> Result<Video>;
}
