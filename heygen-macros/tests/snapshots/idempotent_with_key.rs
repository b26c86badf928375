use heygen_api::{endpoint, IdempotencyKey, Result};

pub trait Videos {
    /// Creates a video; the same key never creates a second one.
    #[endpoint(POST "/v3/videos", idempotent)]
    async fn create_video(
        &self,
        #[body] body: &CreateVideoRequest,
        #[idempotency_key] key: Option<IdempotencyKey>,
    ) -> Result<CreatedVideo>;

    /// Creates a lipsync under a key the caller must choose.
    #[endpoint(POST "/v3/lipsyncs", idempotent)]
    async fn create_lipsync(
        &self,
        #[idempotency_key] key: heygen_api::IdempotencyKey,
        #[body] body: &CreateLipsyncRequest,
    ) -> Result<CreatedLipsync>;
}
