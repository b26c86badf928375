// Written by hand, not generated: a check of `CreateVideoBatchRequest` the schemas cannot carry.
// Its generated `Limits::check` calls it (see `codegen/config/layout.toml`, `[[limit_hooks]]`).

use super::{CreateVideoBatchRequest, CreateVideoRequest};
use crate::limits::{self, LimitViolation};

impl CreateVideoBatchRequest {
    /// HeyGen's September 2026 document: `folder_id` is for a single video, and an item of a
    /// batch cannot set it (the batch's own `folder_id` places the batch). The video kinds are
    /// one type for `/v3/videos` and for batch items, so the type allows it; this refuses it.
    pub(crate) fn check_items_have_no_folder(&self, out: &mut Vec<LimitViolation>) {
        for video in &self.videos {
            let folder = match video {
                CreateVideoRequest::Avatar(video) => video.folder_id.as_deref(),
                CreateVideoRequest::Image(video) => video.folder_id.as_deref(),
                CreateVideoRequest::CinematicAvatar(video) => video.folder_id.as_deref(),
                CreateVideoRequest::Studio(video) => video.folder_id.as_deref(),
            };
            limits::unset(
                "CreateVideoBatchRequest.videos[].folder_id",
                folder,
                "a batch item cannot set it; set the batch's own folder_id",
                out,
            );
        }
    }
}
