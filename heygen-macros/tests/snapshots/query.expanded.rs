use heygen_api::{endpoint, Result};
pub trait Voices {
    /// Voices, filtered.
    fn list_voices(
        &self,
        language: Option<&str>,
        r#type: Option<VoiceType>,
        tags: &[&str],
    ) -> impl ::core::future::Future<Output = Result<Vec<Voice>>> + ::core::marker::Send
    where
        Self: ::heygen_api::__private::AsClient,
    {
        let mut __req = ::heygen_api::__private::RequestBuilder::new({
            const __INFO: ::heygen_api::__private::EndpointInfo = ::heygen_api::__private::EndpointInfo {
                name: "list_voices",
                method: ::heygen_api::__private::HttpMethod::Get,
                template: "/v3/voices",
                segments: &[
                    ::heygen_api::__private::Segment::Literal("v3"),
                    ::heygen_api::__private::Segment::Literal("voices"),
                ],
                idempotent: false,
                paginated: false,
                query: &[
                    ::heygen_api::__private::QuerySource::Param("language"),
                    ::heygen_api::__private::QuerySource::Param("type"),
                    ::heygen_api::__private::QuerySource::Param("tags"),
                ],
                body: ::heygen_api::__private::BodyKind::None,
                timeout_class: ::heygen_api::__private::TimeoutClass::Read,
                timeout: ::core::option::Option::None,
                headers: &[],
            };
            &__INFO
        });
        __req.query("language", &language);
        __req.query("type", &r#type);
        __req.query("tags", &tags);
        ::heygen_api::__private::send::<
            Vec<Voice>,
        >(::heygen_api::__private::AsClient::client(self), __req)
    }
}
