use heygen_api::{endpoint, Result};

pub trait Videos {
    /// Videos matching the filters.
    #[endpoint(GET "/v3/videos/<video_id>/captions")]
    async fn get_captions(
        &self,
        video_id: &str,
        #[query(flatten)] query: &CaptionQuery,
        #[query] format: Option<&str>,
    ) -> Result<Captions>;
}
