use heygen_api::{endpoint, Result};
pub trait Assets {
    /// Nothing to read: the body is not decoded.
    fn delete_asset(
        &self,
        asset_id: &str,
    ) -> impl ::core::future::Future<Output = Result<()>> + ::core::marker::Send
    where
        Self: ::heygen_api::__private::AsClient,
    {
        let mut __req = ::heygen_api::__private::RequestBuilder::new({
            const __INFO: ::heygen_api::__private::EndpointInfo = ::heygen_api::__private::EndpointInfo {
                name: "delete_asset",
                method: ::heygen_api::__private::HttpMethod::Delete,
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
                timeout_class: ::heygen_api::__private::TimeoutClass::Write,
                timeout: ::core::option::Option::None,
                headers: &[],
            };
            &__INFO
        });
        __req.path_param("asset_id", &asset_id);
        ::heygen_api::__private::send_form::<
            (),
        >(::heygen_api::__private::AsClient::client(self), __req)
    }
}
