//! The header and form roles, static headers, `crate = ".."` and every answer form, inside an
//! `#[api]` trait, implemented for the client.

use heygen_api::{
    api, endpoint, endpoint::BodyKind, ByteStream, Bytes, Client, EndpointInfo, EventStream,
    Json, Response, Result,
};

#[derive(Debug, serde::Deserialize)]
pub struct Video {
    pub id: String,
}

#[derive(serde::Serialize)]
pub struct TokenRequest {
    pub grant_type: String,
}

#[derive(Debug, serde::Deserialize)]
pub struct Tick {
    pub n: u32,
}

/// A re-export, as a crate wrapping this one would have.
pub mod reexport {
    pub use heygen_api::*;
}

#[api]
pub trait Forms {
    /// A header argument beside static headers.
    #[endpoint(GET "/v3/videos/<video_id>", header("X-Feature" = "beta"), header("X-Other" = "1"))]
    async fn get_video(
        &self,
        video_id: &str,
        #[header("X-Trace-Id")] trace: Option<&str>,
    ) -> Result<Video>;

    /// A form-urlencoded body.
    #[endpoint(POST "/v1/oauth/token")]
    async fn token(&self, #[form] body: &TokenRequest) -> Result<Json<serde_json::Value>>;

    #[endpoint(DELETE "/v3/videos/<video_id>")]
    async fn delete(&self, video_id: &str) -> Result<()>;
    #[endpoint(GET "/v3/videos/<video_id>/content")]
    async fn download(&self, video_id: &str) -> Result<Bytes>;
    #[endpoint(GET "/v3/videos/<video_id>/captions")]
    async fn captions(&self, video_id: &str) -> Result<String>;
    #[endpoint(GET "/v3/videos/<video_id>/stream")]
    async fn stream_content(&self, video_id: &str) -> Result<ByteStream>;
    #[endpoint(GET "/v3/ticks", end_event = "end", reconnect)]
    async fn ticks(&self) -> Result<EventStream<Tick>>;
    #[endpoint(GET "/v3/ticks/meta", reconnect)]
    async fn ticks_with_meta(&self) -> Result<Response<EventStream<Tick>>>;
    #[endpoint(GET "/v3/videos/<video_id>/meta")]
    async fn get_with_meta(&self, video_id: &str) -> Result<Response<Video>>;
    #[endpoint(GET "/v3/videos/<video_id>/content/meta")]
    async fn download_with_meta(&self, video_id: &str) -> Result<Response<Bytes>>;
}

#[api(crate = "reexport")]
pub trait Reexported {
    #[endpoint(GET "/v3/users/me")]
    async fn me(&self) -> reexport::Result<Video>;
    #[endpoint(GET "/v3/users/me/raw", crate = "reexport")]
    async fn me_raw(&self) -> reexport::Result<reexport::Bytes>;
}

fn assert_send<T: Send>(_: T) {}

fn calls_type_check(client: &Client) {
    assert_send(client.get_video("v", Some("trace-1")));
    assert_send(client.token(&TokenRequest { grant_type: "x".into() }));
    assert_send(client.delete("v"));
    assert_send(client.download("v"));
    assert_send(client.captions("v"));
    assert_send(client.stream_content("v"));
    assert_send(client.ticks());
    assert_send(client.ticks_with_meta());
    assert_send(client.get_with_meta("v"));
    assert_send(client.download_with_meta("v"));
    assert_send(client.me());
    assert_send(client.me_raw());
}

fn main() {
    let _ = calls_type_check;
    let endpoints: &[EndpointInfo] = <Client as Forms>::ENDPOINTS;
    assert_eq!(endpoints[0].headers, &[("X-Feature", "beta"), ("X-Other", "1")]);
    assert_eq!(endpoints[1].body, BodyKind::Form);
    assert!(endpoints[2].headers.is_empty());
    assert_eq!(<Client as Reexported>::ENDPOINTS.len(), 2);
}
