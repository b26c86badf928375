use heygen_api::{endpoint, Result};
pub trait Videos {
    /// Videos matching the filters.
    fn get_captions(
        &self,
        video_id: &str,
        query: &CaptionQuery,
        format: Option<&str>,
    ) -> impl ::core::future::Future<Output = Result<Captions>> + ::core::marker::Send
    where
        Self: ::heygen_api::__private::AsClient,
    {
        let mut __req = ::heygen_api::__private::RequestBuilder::new({
            const __INFO: ::heygen_api::__private::EndpointInfo = ::heygen_api::__private::EndpointInfo {
                name: "get_captions",
                method: ::heygen_api::__private::HttpMethod::Get,
                template: "/v3/videos/<video_id>/captions",
                segments: &[
                    ::heygen_api::__private::Segment::Literal("v3"),
                    ::heygen_api::__private::Segment::Literal("videos"),
                    ::heygen_api::__private::Segment::Param("video_id"),
                    ::heygen_api::__private::Segment::Literal("captions"),
                ],
                idempotent: false,
                paginated: false,
                query: &[
                    ::heygen_api::__private::QuerySource::Struct(
                        <CaptionQuery as ::heygen_api::__private::QueryParams>::NAMES,
                    ),
                    ::heygen_api::__private::QuerySource::Param("format"),
                ],
                body: ::heygen_api::__private::BodyKind::None,
                timeout_class: ::heygen_api::__private::TimeoutClass::Read,
                timeout: ::core::option::Option::None,
                headers: &[],
            };
            &__INFO
        });
        __req.path_param("video_id", &video_id);
        __req.query_flatten(&query);
        __req.query("format", &format);
        ::heygen_api::__private::send::<
            Captions,
        >(::heygen_api::__private::AsClient::client(self), __req)
    }
}
