use heygen_api::{endpoint, Result};
pub trait Videos {
    /// A header argument beside static headers.
    fn get_video(
        &self,
        video_id: &str,
        trace: Option<&str>,
        limit: Option<u32>,
    ) -> impl ::core::future::Future<Output = Result<Video>> + ::core::marker::Send
    where
        Self: ::heygen_api::__private::AsClient,
    {
        let mut __req = ::heygen_api::__private::RequestBuilder::new({
            const __INFO: ::heygen_api::__private::EndpointInfo = ::heygen_api::__private::EndpointInfo {
                name: "get_video",
                method: ::heygen_api::__private::HttpMethod::Get,
                template: "/v3/videos/<video_id>",
                segments: &[
                    ::heygen_api::__private::Segment::Literal("v3"),
                    ::heygen_api::__private::Segment::Literal("videos"),
                    ::heygen_api::__private::Segment::Param("video_id"),
                ],
                idempotent: false,
                paginated: false,
                query: &[::heygen_api::__private::QuerySource::Param("limit")],
                body: ::heygen_api::__private::BodyKind::None,
                timeout_class: ::heygen_api::__private::TimeoutClass::Read,
                timeout: ::core::option::Option::None,
                headers: &[("X-Feature", "beta"), ("X-Other", "1")],
            };
            &__INFO
        });
        __req.path_param("video_id", &video_id);
        __req.header("X-Trace-Id", &trace);
        __req.query("limit", &limit);
        ::heygen_api::__private::send::<
            Video,
        >(::heygen_api::__private::AsClient::client(self), __req)
    }
}
