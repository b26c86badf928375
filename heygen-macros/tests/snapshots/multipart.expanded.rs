use heygen_api::{endpoint, Multipart, Result};
pub trait Assets {
    /// Uploads a file.
    fn upload_asset(
        &self,
        form: Multipart,
    ) -> impl ::core::future::Future<Output = Result<Asset>> + ::core::marker::Send
    where
        Self: ::heygen_api::__private::AsClient,
    {
        let mut __req = ::heygen_api::__private::RequestBuilder::new({
            const __INFO: ::heygen_api::__private::EndpointInfo = ::heygen_api::__private::EndpointInfo {
                name: "upload_asset",
                method: ::heygen_api::__private::HttpMethod::Post,
                template: "/v3/assets",
                segments: &[
                    ::heygen_api::__private::Segment::Literal("v3"),
                    ::heygen_api::__private::Segment::Literal("assets"),
                ],
                idempotent: false,
                paginated: false,
                query: &[],
                body: ::heygen_api::__private::BodyKind::Multipart,
                timeout_class: ::heygen_api::__private::TimeoutClass::Upload,
                timeout: ::core::option::Option::None,
                headers: &[],
            };
            &__INFO
        });
        __req.multipart(form);
        ::heygen_api::__private::send::<
            Asset,
        >(::heygen_api::__private::AsClient::client(self), __req)
    }
}
