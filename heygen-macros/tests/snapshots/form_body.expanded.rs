use heygen_api::{endpoint, Result};
pub trait Tokens {
    /// A form-urlencoded body.
    fn exchange_token(
        &self,
        body: &TokenRequest,
    ) -> impl ::core::future::Future<Output = Result<Token>> + ::core::marker::Send
    where
        Self: ::heygen_api::__private::AsClient,
    {
        let mut __req = ::heygen_api::__private::RequestBuilder::new({
            const __INFO: ::heygen_api::__private::EndpointInfo = ::heygen_api::__private::EndpointInfo {
                name: "exchange_token",
                method: ::heygen_api::__private::HttpMethod::Post,
                template: "/v1/oauth/token",
                segments: &[
                    ::heygen_api::__private::Segment::Literal("v1"),
                    ::heygen_api::__private::Segment::Literal("oauth"),
                    ::heygen_api::__private::Segment::Literal("token"),
                ],
                idempotent: true,
                paginated: false,
                query: &[],
                body: ::heygen_api::__private::BodyKind::Form,
                timeout_class: ::heygen_api::__private::TimeoutClass::Write,
                timeout: ::core::option::Option::None,
                headers: &[],
            };
            &__INFO
        });
        __req.form(&body);
        __req.idempotency_key(::core::option::Option::None);
        ::heygen_api::__private::send::<
            Token,
        >(::heygen_api::__private::AsClient::client(self), __req)
    }
}
