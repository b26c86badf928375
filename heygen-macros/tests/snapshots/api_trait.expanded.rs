use heygen_api::{api, endpoint, IdempotencyKey, Page, Result};
/// Webhook endpoints.
pub trait Webhooks: Send + Sync {
    /// One page of webhook endpoints.
    fn list_webhook_endpoints(
        &self,
        query: &ListWebhookEndpointsQuery,
    ) -> impl ::core::future::Future<
        Output = Result<Page<WebhookEndpoint>>,
    > + ::core::marker::Send;
    /// Every item of [`list_webhook_endpoints`](Self::list_webhook_endpoints), page after page: a lazy stream that sends nothing until polled and fetches the next page only when the current one is used up.
    fn list_webhook_endpoints_stream(
        &self,
        query: &ListWebhookEndpointsQuery,
    ) -> impl ::heygen_api::__private::Stream<
        Item = Result<
            <Page<WebhookEndpoint> as ::heygen_api::__private::Paginated>::Item,
        >,
    > + ::core::marker::Send
    where
        Self: ::heygen_api::__private::AsClient,
    {
        ::heygen_api::__private::paginate(move |
            __token: ::heygen_api::__private::Option<::heygen_api::__private::String>|
        {
            let mut __req = ::heygen_api::__private::RequestBuilder::new(
                &__HEYGEN_ENDPOINT_Webhooks_list_webhook_endpoints,
            );
            __req.query_flatten(&query);
            __req.query("token", &__token);
            ::heygen_api::__private::send_paginated::<
                Page<WebhookEndpoint>,
            >(::heygen_api::__private::AsClient::client(self), __req)
        })
    }
    /// Registers an endpoint.
    fn create_webhook_endpoint(
        &self,
        body: &CreateWebhookEndpointRequest,
        key: Option<IdempotencyKey>,
    ) -> impl ::core::future::Future<
        Output = Result<WebhookEndpointWithSecret>,
    > + ::core::marker::Send;
    /// Removes an endpoint.
    fn delete_webhook_endpoint(
        &self,
        endpoint_id: &str,
    ) -> impl ::core::future::Future<
        Output = Result<DeletedWebhookEndpoint>,
    > + ::core::marker::Send;
    /// Not an endpoint: left as written.
    fn describe(&self) -> &'static str {
        "webhooks"
    }
    /// Every endpoint this trait declares, in declaration order.
    const ENDPOINTS: &'static [::heygen_api::__private::EndpointInfo] = &[
        __HEYGEN_ENDPOINT_Webhooks_list_webhook_endpoints,
        __HEYGEN_ENDPOINT_Webhooks_create_webhook_endpoint,
        __HEYGEN_ENDPOINT_Webhooks_delete_webhook_endpoint,
    ];
}
impl<__HeygenClient> Webhooks for __HeygenClient
where
    __HeygenClient: ::heygen_api::__private::AsClient + Send + Sync,
{
    fn list_webhook_endpoints(
        &self,
        query: &ListWebhookEndpointsQuery,
    ) -> impl ::core::future::Future<
        Output = Result<Page<WebhookEndpoint>>,
    > + ::core::marker::Send {
        let mut __req = ::heygen_api::__private::RequestBuilder::new(
            &__HEYGEN_ENDPOINT_Webhooks_list_webhook_endpoints,
        );
        __req.query_flatten(&query);
        ::heygen_api::__private::send_paginated::<
            Page<WebhookEndpoint>,
        >(::heygen_api::__private::AsClient::client(self), __req)
    }
    fn create_webhook_endpoint(
        &self,
        body: &CreateWebhookEndpointRequest,
        key: Option<IdempotencyKey>,
    ) -> impl ::core::future::Future<
        Output = Result<WebhookEndpointWithSecret>,
    > + ::core::marker::Send {
        let mut __req = ::heygen_api::__private::RequestBuilder::new(
            &__HEYGEN_ENDPOINT_Webhooks_create_webhook_endpoint,
        );
        __req.json(&body);
        __req.idempotency_key(key);
        ::heygen_api::__private::send::<
            WebhookEndpointWithSecret,
        >(::heygen_api::__private::AsClient::client(self), __req)
    }
    fn delete_webhook_endpoint(
        &self,
        endpoint_id: &str,
    ) -> impl ::core::future::Future<
        Output = Result<DeletedWebhookEndpoint>,
    > + ::core::marker::Send {
        let mut __req = ::heygen_api::__private::RequestBuilder::new(
            &__HEYGEN_ENDPOINT_Webhooks_delete_webhook_endpoint,
        );
        __req.path_param("endpoint_id", &endpoint_id);
        ::heygen_api::__private::send::<
            DeletedWebhookEndpoint,
        >(::heygen_api::__private::AsClient::client(self), __req)
    }
}
#[doc(hidden)]
#[allow(non_upper_case_globals, dead_code)]
const __HEYGEN_ENDPOINT_Webhooks_list_webhook_endpoints: ::heygen_api::__private::EndpointInfo = ::heygen_api::__private::EndpointInfo {
    name: "list_webhook_endpoints",
    method: ::heygen_api::__private::HttpMethod::Get,
    template: "/v3/webhooks/endpoints",
    segments: &[
        ::heygen_api::__private::Segment::Literal("v3"),
        ::heygen_api::__private::Segment::Literal("webhooks"),
        ::heygen_api::__private::Segment::Literal("endpoints"),
    ],
    idempotent: false,
    paginated: true,
    query: &[
        ::heygen_api::__private::QuerySource::Struct(
            <ListWebhookEndpointsQuery as ::heygen_api::__private::QueryParams>::NAMES,
        ),
    ],
    body: ::heygen_api::__private::BodyKind::None,
    timeout_class: ::heygen_api::__private::TimeoutClass::Read,
    timeout: ::core::option::Option::None,
    headers: &[],
};
#[doc(hidden)]
#[allow(non_upper_case_globals, dead_code)]
const __HEYGEN_ENDPOINT_Webhooks_create_webhook_endpoint: ::heygen_api::__private::EndpointInfo = ::heygen_api::__private::EndpointInfo {
    name: "create_webhook_endpoint",
    method: ::heygen_api::__private::HttpMethod::Post,
    template: "/v3/webhooks/endpoints",
    segments: &[
        ::heygen_api::__private::Segment::Literal("v3"),
        ::heygen_api::__private::Segment::Literal("webhooks"),
        ::heygen_api::__private::Segment::Literal("endpoints"),
    ],
    idempotent: true,
    paginated: false,
    query: &[],
    body: ::heygen_api::__private::BodyKind::Json,
    timeout_class: ::heygen_api::__private::TimeoutClass::Write,
    timeout: ::core::option::Option::None,
    headers: &[],
};
#[doc(hidden)]
#[allow(non_upper_case_globals, dead_code)]
const __HEYGEN_ENDPOINT_Webhooks_delete_webhook_endpoint: ::heygen_api::__private::EndpointInfo = ::heygen_api::__private::EndpointInfo {
    name: "delete_webhook_endpoint",
    method: ::heygen_api::__private::HttpMethod::Delete,
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
    body: ::heygen_api::__private::BodyKind::None,
    timeout_class: ::heygen_api::__private::TimeoutClass::Write,
    timeout: ::core::option::Option::Some(::core::time::Duration::from_secs(10)),
    headers: &[],
};
