use heygen_api::{endpoint, Result};
pub trait Videos {
    /// Generating a preview can take a while.
    fn render_preview(
        &self,
        video_id: &str,
    ) -> impl ::core::future::Future<Output = Result<Preview>> + ::core::marker::Send
    where
        Self: ::heygen_api::__private::AsClient,
    {
        let mut __req = ::heygen_api::__private::RequestBuilder::new({
            const __INFO: ::heygen_api::__private::EndpointInfo = ::heygen_api::__private::EndpointInfo {
                name: "render_preview",
                method: ::heygen_api::__private::HttpMethod::Post,
                template: "/v3/videos/<video_id>/preview",
                segments: &[
                    ::heygen_api::__private::Segment::Literal("v3"),
                    ::heygen_api::__private::Segment::Literal("videos"),
                    ::heygen_api::__private::Segment::Param("video_id"),
                    ::heygen_api::__private::Segment::Literal("preview"),
                ],
                idempotent: false,
                paginated: false,
                query: &[],
                body: ::heygen_api::__private::BodyKind::None,
                timeout_class: ::heygen_api::__private::TimeoutClass::Write,
                timeout: ::core::option::Option::Some(
                    ::core::time::Duration::from_secs(300),
                ),
                headers: &[],
            };
            &__INFO
        });
        __req.path_param("video_id", &video_id);
        ::heygen_api::__private::send::<
            Preview,
        >(::heygen_api::__private::AsClient::client(self), __req)
    }
}
