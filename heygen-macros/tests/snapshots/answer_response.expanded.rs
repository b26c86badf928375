use heygen_api::{endpoint, Result};
pub trait Assets {
    /// `{"data": Asset}` with the status and headers.
    fn get_asset(
        &self,
        asset_id: &str,
    ) -> impl ::core::future::Future<
        Output = Result<Response<Asset>>,
    > + ::core::marker::Send
    where
        Self: ::heygen_api::__private::AsClient,
    {
        let mut __req = ::heygen_api::__private::RequestBuilder::new({
            const __INFO: ::heygen_api::__private::EndpointInfo = ::heygen_api::__private::EndpointInfo {
                name: "get_asset",
                method: ::heygen_api::__private::HttpMethod::Get,
                template: "/v3/assets/<asset_id>",
                segments: &[
                    ::heygen_api::__private::Segment::Literal("v3"),
                    ::heygen_api::__private::Segment::Literal("assets"),
                    ::heygen_api::__private::Segment::Param("asset_id"),
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
        ::heygen_api::__private::send_with_meta::<
            Asset,
        >(::heygen_api::__private::AsClient::client(self), __req)
    }
}
