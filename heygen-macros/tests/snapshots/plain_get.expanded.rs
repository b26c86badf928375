use heygen_api::{endpoint, Result};
pub trait User {
    /// The account the API key belongs to.
    fn get_current_user(
        &self,
    ) -> impl ::core::future::Future<Output = Result<UserInfo>> + ::core::marker::Send
    where
        Self: ::heygen_api::__private::AsClient,
    {
        let __req = ::heygen_api::__private::RequestBuilder::new({
            const __INFO: ::heygen_api::__private::EndpointInfo = ::heygen_api::__private::EndpointInfo {
                name: "get_current_user",
                method: ::heygen_api::__private::HttpMethod::Get,
                template: "/v3/users/me",
                segments: &[
                    ::heygen_api::__private::Segment::Literal("v3"),
                    ::heygen_api::__private::Segment::Literal("users"),
                    ::heygen_api::__private::Segment::Literal("me"),
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
        ::heygen_api::__private::send::<
            UserInfo,
        >(::heygen_api::__private::AsClient::client(self), __req)
    }
}
