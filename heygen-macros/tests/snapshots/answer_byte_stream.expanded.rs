use heygen_api::{endpoint, Result};
pub trait Assets {
    /// The body as a stream of chunks.
    fn stream_content(
        &self,
        asset_id: &str,
    ) -> impl ::core::future::Future<Output = Result<ByteStream>> + ::core::marker::Send
    where
        Self: ::heygen_api::__private::AsClient,
    {
        let mut __req = ::heygen_api::__private::RequestBuilder::new({
            const __INFO: ::heygen_api::__private::EndpointInfo = ::heygen_api::__private::EndpointInfo {
                name: "stream_content",
                method: ::heygen_api::__private::HttpMethod::Get,
                template: "/v3/assets/<asset_id>/content",
                segments: &[
                    ::heygen_api::__private::Segment::Literal("v3"),
                    ::heygen_api::__private::Segment::Literal("assets"),
                    ::heygen_api::__private::Segment::Param("asset_id"),
                    ::heygen_api::__private::Segment::Literal("content"),
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
        __req.path_param("asset_id", &asset_id);
        ::heygen_api::__private::send_form::<
            ByteStream,
        >(::heygen_api::__private::AsClient::client(self), __req)
    }
}
