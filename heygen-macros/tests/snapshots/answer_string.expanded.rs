use heygen_api::{endpoint, Result};
pub trait Assets {
    /// The body as text.
    fn captions(
        &self,
        asset_id: &str,
    ) -> impl ::core::future::Future<Output = Result<String>> + ::core::marker::Send
    where
        Self: ::heygen_api::__private::AsClient,
    {
        let mut __req = ::heygen_api::__private::RequestBuilder::new({
            const __INFO: ::heygen_api::__private::EndpointInfo = ::heygen_api::__private::EndpointInfo {
                name: "captions",
                method: ::heygen_api::__private::HttpMethod::Get,
                template: "/v3/assets/<asset_id>/captions.srt",
                segments: &[
                    ::heygen_api::__private::Segment::Literal("v3"),
                    ::heygen_api::__private::Segment::Literal("assets"),
                    ::heygen_api::__private::Segment::Param("asset_id"),
                    ::heygen_api::__private::Segment::Literal("captions.srt"),
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
            String,
        >(::heygen_api::__private::AsClient::client(self), __req)
    }
}
