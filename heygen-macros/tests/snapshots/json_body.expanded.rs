use heygen_api::{endpoint, Result};
pub trait Webhooks {
    /// Changes an endpoint.
    fn update_webhook_endpoint(
        &self,
        endpoint_id: &str,
        body: &UpdateWebhookEndpointRequest,
    ) -> impl ::core::future::Future<
        Output = Result<WebhookEndpoint>,
    > + ::core::marker::Send
    where
        Self: ::heygen_api::__private::AsClient,
    {
        let mut __req = ::heygen_api::__private::RequestBuilder::new({
            const __INFO: ::heygen_api::__private::EndpointInfo = ::heygen_api::__private::EndpointInfo {
                name: "update_webhook_endpoint",
                method: ::heygen_api::__private::HttpMethod::Patch,
                template: "/v3/webhooks/endpoints/<endpoint_id>",
                segments: &[
                    ::heygen_api::__private::Segment::Literal("v3"),
                    ::heygen_api::__private::Segment::Literal("webhooks"),
                    ::heygen_api::__private::Segment::Literal("endpoints"),
                    ::heygen_api::__private::Segment::Param("endpoint_id"),
                ],
                idempotent: false,
                paginated: false,
                query: &[],
                body: ::heygen_api::__private::BodyKind::Json,
                timeout_class: ::heygen_api::__private::TimeoutClass::Write,
                timeout: ::core::option::Option::None,
                headers: &[],
            };
            &__INFO
        });
        __req.path_param("endpoint_id", &endpoint_id);
        __req.json(&body);
        ::heygen_api::__private::send::<
            WebhookEndpoint,
        >(::heygen_api::__private::AsClient::client(self), __req)
    }
}
