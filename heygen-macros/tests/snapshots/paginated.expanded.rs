use heygen_api::{endpoint, Page, Result};
pub trait Webhooks {
    /// One page of webhook endpoints.
    fn list_webhook_endpoints(
        &self,
        limit: Option<u32>,
        token: Option<&str>,
    ) -> impl ::core::future::Future<
        Output = Result<Page<WebhookEndpoint>>,
    > + ::core::marker::Send
    where
        Self: ::heygen_api::__private::AsClient,
    {
        let mut __req = ::heygen_api::__private::RequestBuilder::new({
            const __INFO: ::heygen_api::__private::EndpointInfo = ::heygen_api::__private::EndpointInfo {
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
                    ::heygen_api::__private::QuerySource::Param("limit"),
                    ::heygen_api::__private::QuerySource::Param("token"),
                ],
                body: ::heygen_api::__private::BodyKind::None,
                timeout_class: ::heygen_api::__private::TimeoutClass::Read,
                timeout: ::core::option::Option::None,
                headers: &[],
            };
            &__INFO
        });
        __req.query("limit", &limit);
        __req.query("token", &token);
        ::heygen_api::__private::send_paginated::<
            Page<WebhookEndpoint>,
        >(::heygen_api::__private::AsClient::client(self), __req)
    }
    /// Every item of [`list_webhook_endpoints`](Self::list_webhook_endpoints), page after page: a lazy stream that sends nothing until polled and fetches the next page only when the current one is used up.
    fn list_webhook_endpoints_stream(
        &self,
        limit: Option<u32>,
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
            let mut __req = ::heygen_api::__private::RequestBuilder::new({
                const __INFO: ::heygen_api::__private::EndpointInfo = ::heygen_api::__private::EndpointInfo {
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
                        ::heygen_api::__private::QuerySource::Param("limit"),
                        ::heygen_api::__private::QuerySource::Param("token"),
                    ],
                    body: ::heygen_api::__private::BodyKind::None,
                    timeout_class: ::heygen_api::__private::TimeoutClass::Read,
                    timeout: ::core::option::Option::None,
                    headers: &[],
                };
                &__INFO
            });
            __req.query("limit", &limit);
            __req.query("token", &__token);
            ::heygen_api::__private::send_paginated::<
                Page<WebhookEndpoint>,
            >(::heygen_api::__private::AsClient::client(self), __req)
        })
    }
    /// One page of the looks of an avatar group.
    fn list_avatar_looks(
        &self,
        group_id: &str,
        query: &ListLooksQuery,
    ) -> impl ::core::future::Future<
        Output = Result<Page<AvatarLook>>,
    > + ::core::marker::Send
    where
        Self: ::heygen_api::__private::AsClient,
    {
        let mut __req = ::heygen_api::__private::RequestBuilder::new({
            const __INFO: ::heygen_api::__private::EndpointInfo = ::heygen_api::__private::EndpointInfo {
                name: "list_avatar_looks",
                method: ::heygen_api::__private::HttpMethod::Get,
                template: "/v3/avatars/<group_id>/looks",
                segments: &[
                    ::heygen_api::__private::Segment::Literal("v3"),
                    ::heygen_api::__private::Segment::Literal("avatars"),
                    ::heygen_api::__private::Segment::Param("group_id"),
                    ::heygen_api::__private::Segment::Literal("looks"),
                ],
                idempotent: false,
                paginated: true,
                query: &[
                    ::heygen_api::__private::QuerySource::Struct(
                        <ListLooksQuery as ::heygen_api::__private::QueryParams>::NAMES,
                    ),
                ],
                body: ::heygen_api::__private::BodyKind::None,
                timeout_class: ::heygen_api::__private::TimeoutClass::Read,
                timeout: ::core::option::Option::None,
                headers: &[],
            };
            &__INFO
        });
        __req.path_param("group_id", &group_id);
        __req.query_flatten(&query);
        ::heygen_api::__private::send_paginated::<
            Page<AvatarLook>,
        >(::heygen_api::__private::AsClient::client(self), __req)
    }
    /// Every item of [`list_avatar_looks`](Self::list_avatar_looks), page after page: a lazy stream that sends nothing until polled and fetches the next page only when the current one is used up.
    fn list_avatar_looks_stream(
        &self,
        group_id: &str,
        query: &ListLooksQuery,
    ) -> impl ::heygen_api::__private::Stream<
        Item = Result<<Page<AvatarLook> as ::heygen_api::__private::Paginated>::Item>,
    > + ::core::marker::Send
    where
        Self: ::heygen_api::__private::AsClient,
    {
        ::heygen_api::__private::paginate(move |
            __token: ::heygen_api::__private::Option<::heygen_api::__private::String>|
        {
            let mut __req = ::heygen_api::__private::RequestBuilder::new({
                const __INFO: ::heygen_api::__private::EndpointInfo = ::heygen_api::__private::EndpointInfo {
                    name: "list_avatar_looks",
                    method: ::heygen_api::__private::HttpMethod::Get,
                    template: "/v3/avatars/<group_id>/looks",
                    segments: &[
                        ::heygen_api::__private::Segment::Literal("v3"),
                        ::heygen_api::__private::Segment::Literal("avatars"),
                        ::heygen_api::__private::Segment::Param("group_id"),
                        ::heygen_api::__private::Segment::Literal("looks"),
                    ],
                    idempotent: false,
                    paginated: true,
                    query: &[
                        ::heygen_api::__private::QuerySource::Struct(
                            <ListLooksQuery as ::heygen_api::__private::QueryParams>::NAMES,
                        ),
                    ],
                    body: ::heygen_api::__private::BodyKind::None,
                    timeout_class: ::heygen_api::__private::TimeoutClass::Read,
                    timeout: ::core::option::Option::None,
                    headers: &[],
                };
                &__INFO
            });
            __req.path_param("group_id", &group_id);
            __req.query_flatten(&query);
            __req.query("token", &__token);
            ::heygen_api::__private::send_paginated::<
                Page<AvatarLook>,
            >(::heygen_api::__private::AsClient::client(self), __req)
        })
    }
}
