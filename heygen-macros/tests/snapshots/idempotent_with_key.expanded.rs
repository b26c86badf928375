use heygen_api::{endpoint, IdempotencyKey, Result};
pub trait Videos {
    /// Creates a video; the same key never creates a second one.
    fn create_video(
        &self,
        body: &CreateVideoRequest,
        key: Option<IdempotencyKey>,
    ) -> impl ::core::future::Future<
        Output = Result<CreatedVideo>,
    > + ::core::marker::Send
    where
        Self: ::heygen_api::__private::AsClient,
    {
        let mut __req = ::heygen_api::__private::RequestBuilder::new({
            const __INFO: ::heygen_api::__private::EndpointInfo = ::heygen_api::__private::EndpointInfo {
                name: "create_video",
                method: ::heygen_api::__private::HttpMethod::Post,
                template: "/v3/videos",
                segments: &[
                    ::heygen_api::__private::Segment::Literal("v3"),
                    ::heygen_api::__private::Segment::Literal("videos"),
                ],
                idempotent: true,
                paginated: false,
                query: &[],
                body: ::heygen_api::__private::BodyKind::Json,
                timeout_class: ::heygen_api::__private::TimeoutClass::Write,
                timeout: ::core::option::Option::None,
                headers: &[],
            };
            &__INFO
        });
        __req.json(&body);
        __req.idempotency_key(key);
        ::heygen_api::__private::send::<
            CreatedVideo,
        >(::heygen_api::__private::AsClient::client(self), __req)
    }
    /// Creates a lipsync under a key the caller must choose.
    fn create_lipsync(
        &self,
        key: heygen_api::IdempotencyKey,
        body: &CreateLipsyncRequest,
    ) -> impl ::core::future::Future<
        Output = Result<CreatedLipsync>,
    > + ::core::marker::Send
    where
        Self: ::heygen_api::__private::AsClient,
    {
        let mut __req = ::heygen_api::__private::RequestBuilder::new({
            const __INFO: ::heygen_api::__private::EndpointInfo = ::heygen_api::__private::EndpointInfo {
                name: "create_lipsync",
                method: ::heygen_api::__private::HttpMethod::Post,
                template: "/v3/lipsyncs",
                segments: &[
                    ::heygen_api::__private::Segment::Literal("v3"),
                    ::heygen_api::__private::Segment::Literal("lipsyncs"),
                ],
                idempotent: true,
                paginated: false,
                query: &[],
                body: ::heygen_api::__private::BodyKind::Json,
                timeout_class: ::heygen_api::__private::TimeoutClass::Write,
                timeout: ::core::option::Option::None,
                headers: &[],
            };
            &__INFO
        });
        __req.json(&body);
        __req.idempotency_key(::core::option::Option::Some(key));
        ::heygen_api::__private::send::<
            CreatedLipsync,
        >(::heygen_api::__private::AsClient::client(self), __req)
    }
}
