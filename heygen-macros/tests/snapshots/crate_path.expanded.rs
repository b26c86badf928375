use hg::{api, endpoint, Result};
/// Every path the expansion writes starts from `hg`.
pub trait Videos {
    /// Takes the trait's path.
    fn get_video(
        &self,
        video_id: &str,
    ) -> impl ::core::future::Future<Output = Result<Video>> + ::core::marker::Send;
    /// Repeats it, which is allowed.
    fn list_videos(
        &self,
        token: Option<&str>,
    ) -> impl ::core::future::Future<
        Output = Result<Page<Video>>,
    > + ::core::marker::Send;
    /// Every item of [`list_videos`](Self::list_videos), page after page: a lazy stream that sends nothing until polled and fetches the next page only when the current one is used up.
    fn list_videos_stream(
        &self,
    ) -> impl hg::__private::Stream<
        Item = Result<<Page<Video> as hg::__private::Paginated>::Item>,
    > + ::core::marker::Send
    where
        Self: hg::__private::AsClient,
    {
        hg::__private::paginate(move |
            __token: hg::__private::Option<hg::__private::String>|
        {
            let mut __req = hg::__private::RequestBuilder::new(
                &__HEYGEN_ENDPOINT_Videos_list_videos,
            );
            __req.query("token", &__token);
            hg::__private::send_paginated::<
                Page<Video>,
            >(hg::__private::AsClient::client(self), __req)
        })
    }
    /// Every endpoint this trait declares, in declaration order.
    const ENDPOINTS: &'static [hg::__private::EndpointInfo] = &[
        __HEYGEN_ENDPOINT_Videos_get_video,
        __HEYGEN_ENDPOINT_Videos_list_videos,
    ];
}
impl<__HeygenClient> Videos for __HeygenClient
where
    __HeygenClient: hg::__private::AsClient,
{
    fn get_video(
        &self,
        video_id: &str,
    ) -> impl ::core::future::Future<Output = Result<Video>> + ::core::marker::Send {
        let mut __req = hg::__private::RequestBuilder::new(
            &__HEYGEN_ENDPOINT_Videos_get_video,
        );
        __req.path_param("video_id", &video_id);
        hg::__private::send::<Video>(hg::__private::AsClient::client(self), __req)
    }
    fn list_videos(
        &self,
        token: Option<&str>,
    ) -> impl ::core::future::Future<
        Output = Result<Page<Video>>,
    > + ::core::marker::Send {
        let mut __req = hg::__private::RequestBuilder::new(
            &__HEYGEN_ENDPOINT_Videos_list_videos,
        );
        __req.query("token", &token);
        hg::__private::send_paginated::<
            Page<Video>,
        >(hg::__private::AsClient::client(self), __req)
    }
}
#[doc(hidden)]
#[allow(non_upper_case_globals, dead_code)]
const __HEYGEN_ENDPOINT_Videos_get_video: hg::__private::EndpointInfo = hg::__private::EndpointInfo {
    name: "get_video",
    method: hg::__private::HttpMethod::Get,
    template: "/v3/videos/<video_id>",
    segments: &[
        hg::__private::Segment::Literal("v3"),
        hg::__private::Segment::Literal("videos"),
        hg::__private::Segment::Param("video_id"),
    ],
    idempotent: false,
    paginated: false,
    query: &[],
    body: hg::__private::BodyKind::None,
    timeout_class: hg::__private::TimeoutClass::Read,
    timeout: ::core::option::Option::None,
    headers: &[],
};
#[doc(hidden)]
#[allow(non_upper_case_globals, dead_code)]
const __HEYGEN_ENDPOINT_Videos_list_videos: hg::__private::EndpointInfo = hg::__private::EndpointInfo {
    name: "list_videos",
    method: hg::__private::HttpMethod::Get,
    template: "/v3/videos",
    segments: &[
        hg::__private::Segment::Literal("v3"),
        hg::__private::Segment::Literal("videos"),
    ],
    idempotent: false,
    paginated: true,
    query: &[hg::__private::QuerySource::Param("token")],
    body: hg::__private::BodyKind::None,
    timeout_class: hg::__private::TimeoutClass::Read,
    timeout: ::core::option::Option::None,
    headers: &[],
};
pub trait Standalone {
    /// On a method alone.
    fn create_video(
        &self,
        body: &NewVideo,
    ) -> impl ::core::future::Future<Output = Result<Video>> + ::core::marker::Send
    where
        Self: ::my::reexport::__private::AsClient,
    {
        let mut __req = ::my::reexport::__private::RequestBuilder::new({
            const __INFO: ::my::reexport::__private::EndpointInfo = ::my::reexport::__private::EndpointInfo {
                name: "create_video",
                method: ::my::reexport::__private::HttpMethod::Post,
                template: "/v3/videos",
                segments: &[
                    ::my::reexport::__private::Segment::Literal("v3"),
                    ::my::reexport::__private::Segment::Literal("videos"),
                ],
                idempotent: true,
                paginated: false,
                query: &[],
                body: ::my::reexport::__private::BodyKind::Json,
                timeout_class: ::my::reexport::__private::TimeoutClass::Write,
                timeout: ::core::option::Option::None,
                headers: &[],
            };
            &__INFO
        });
        __req.json(&body);
        __req.idempotency_key(::core::option::Option::None);
        ::my::reexport::__private::send::<
            Video,
        >(::my::reexport::__private::AsClient::client(self), __req)
    }
}
