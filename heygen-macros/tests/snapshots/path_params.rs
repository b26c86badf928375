use heygen_api::{endpoint, Result};

pub trait Avatars {
    /// One look of an avatar group.
    #[endpoint(GET "/v3/avatars/<group_id>/looks/<type>")]
    async fn get_avatar_look(&self, group_id: &str, r#type: LookType) -> Result<AvatarLook>;

    /// Deletes a video.
    #[endpoint(DELETE "/v3/videos/<video_id>")]
    #[must_use = "the deletion happens only when awaited"]
    async fn delete_video(&self, video_id: &VideoId) -> Result<DeletedVideo>;
}
