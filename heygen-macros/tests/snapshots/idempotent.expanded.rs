use heygen_api::{endpoint, Result};
pub trait Webhooks {
    /// Generates a new signing secret and invalidates the old one at once.
    fn rotate_secret(
        &self,
        endpoint_id: &str,
    ) -> impl ::core::future::Future<
        Output = Result<RotateSecretResponseData>,
    > + ::core::marker::Send
    where
        Self: ::heygen_api::__private::AsClient,
    {
        let mut __req = ::heygen_api::__private::RequestBuilder::new({
            const __INFO: ::heygen_api::__private::EndpointInfo = ::heygen_api::__private::EndpointInfo {
                name: "rotate_secret",
                method: ::heygen_api::__private::HttpMethod::Post,
                template: "/v3/webhooks/endpoints/<endpoint_id>/rotate-secret",
                segments: &[
                    ::heygen_api::__private::Segment::Literal("v3"),
                    ::heygen_api::__private::Segment::Literal("webhooks"),
                    ::heygen_api::__private::Segment::Literal("endpoints"),
                    ::heygen_api::__private::Segment::Param("endpoint_id"),
                    ::heygen_api::__private::Segment::Literal("rotate-secret"),
                ],
                idempotent: true,
                paginated: false,
                query: &[],
                body: ::heygen_api::__private::BodyKind::None,
                timeout_class: ::heygen_api::__private::TimeoutClass::Write,
                timeout: ::core::option::Option::None,
                headers: &[],
            };
            &__INFO
        });
        __req.path_param("endpoint_id", &endpoint_id);
        __req.idempotency_key(::core::option::Option::None);
        ::heygen_api::__private::send::<
            RotateSecretResponseData,
        >(::heygen_api::__private::AsClient::client(self), __req)
    }
}
