use heygen_api::{endpoint, Result};
pub trait Avatars {
    /// One look of an avatar group.
    fn get_avatar_look(
        &self,
        group_id: &str,
        r#type: LookType,
    ) -> impl ::core::future::Future<Output = Result<AvatarLook>> + ::core::marker::Send
    where
        Self: ::heygen_api::__private::AsClient,
    {
        let mut __req = ::heygen_api::__private::RequestBuilder::new({
            const __INFO: ::heygen_api::__private::EndpointInfo = ::heygen_api::__private::EndpointInfo {
                name: "get_avatar_look",
                method: ::heygen_api::__private::HttpMethod::Get,
                template: "/v3/avatars/<group_id>/looks/<type>",
                segments: &[
                    ::heygen_api::__private::Segment::Literal("v3"),
                    ::heygen_api::__private::Segment::Literal("avatars"),
                    ::heygen_api::__private::Segment::Param("group_id"),
                    ::heygen_api::__private::Segment::Literal("looks"),
                    ::heygen_api::__private::Segment::Param("type"),
                ],
                idempotent: false,
                paginated: false,
                query: &[],
                body: ::heygen_api::__private::BodyKind::None,
                timeout_class: ::heygen_api::__private::TimeoutClass::Read,
                timeout: ::core::option::Option::None,
                headers: &[],
            };
            &__INFO
        });
        __req.path_param("group_id", &group_id);
        __req.path_param("type", &r#type);
        ::heygen_api::__private::send::<
            AvatarLook,
        >(::heygen_api::__private::AsClient::client(self), __req)
    }
    /// Deletes a video.
    #[must_use = "the deletion happens only when awaited"]
    fn delete_video(
        &self,
        video_id: &VideoId,
    ) -> impl ::core::future::Future<
        Output = Result<DeletedVideo>,
    > + ::core::marker::Send
    where
        Self: ::heygen_api::__private::AsClient,
    {
        let mut __req = ::heygen_api::__private::RequestBuilder::new({
            const __INFO: ::heygen_api::__private::EndpointInfo = ::heygen_api::__private::EndpointInfo {
                name: "delete_video",
                method: ::heygen_api::__private::HttpMethod::Delete,
                template: "/v3/videos/<video_id>",
                segments: &[
                    ::heygen_api::__private::Segment::Literal("v3"),
                    ::heygen_api::__private::Segment::Literal("videos"),
                    ::heygen_api::__private::Segment::Param("video_id"),
                ],
                idempotent: false,
                paginated: false,
                query: &[],
                body: ::heygen_api::__private::BodyKind::None,
                timeout_class: ::heygen_api::__private::TimeoutClass::Write,
                timeout: ::core::option::Option::None,
                headers: &[],
            };
            &__INFO
        });
        __req.path_param("video_id", &video_id);
        ::heygen_api::__private::send::<
            DeletedVideo,
        >(::heygen_api::__private::AsClient::client(self), __req)
    }
}
