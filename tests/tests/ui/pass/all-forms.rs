//! Every accepted form of declaration, inside an `#[api]` trait, implemented for the client.

use heygen_api::{
    api, endpoint, endpoint::BodyKind, idempotency_key, Client, EndpointInfo, HttpMethod, IdempotencyKey,
    Multipart, Page, QueryParams, Result,
};
use std::time::Duration;

#[derive(Debug, serde::Deserialize)]
pub struct Video {
    pub id: String,
}

#[derive(serde::Serialize)]
pub struct CreateVideo {
    pub title: String,
}

#[derive(serde::Serialize)]
pub struct ListQuery {
    pub limit: Option<u32>,
    pub token: Option<String>,
}

impl QueryParams for ListQuery {
    const NAMES: &'static [&'static str] = &["limit", "token"];
}

#[derive(Debug, serde::Serialize)]
pub enum Kind {
    Public,
}

#[api]
pub trait Videos {
    /// A plain GET.
    #[endpoint(GET "/v3/users/me")]
    async fn me(&self) -> Result<Video>;

    /// Path parameters, one of them a raw identifier.
    #[endpoint(GET "/v3/videos/<video_id>/<type>")]
    async fn get_video(&self, video_id: &str, r#type: u32) -> Result<Video>;

    /// Query parameters of several types.
    #[endpoint(GET "/v3/videos/search", timeout_secs = 5)]
    async fn search(
        &self,
        #[query] text: &str,
        #[query] r#type: Option<Kind>,
        #[query] tags: &[&str],
    ) -> Result<Vec<Video>>;

    /// A struct of query parameters, paginated.
    #[endpoint(GET "/v3/videos", paginated)]
    async fn list_videos(&self, #[query(flatten)] query: &ListQuery) -> Result<Page<Video>>;

    /// A scalar page token, which the stream fills itself.
    #[endpoint(GET "/v3/folders/<folder_id>/videos", paginated)]
    async fn list_folder(
        &self,
        folder_id: u64,
        #[query] limit: Option<u32>,
        #[query] token: Option<&str>,
    ) -> Result<Page<Video>>;

    /// A JSON body with an optional caller key.
    #[endpoint(POST "/v3/videos", idempotent)]
    async fn create_video(
        &self,
        #[body] body: &CreateVideo,
        #[idempotency_key] key: Option<IdempotencyKey>,
    ) -> Result<Video>;

    /// A required caller key.
    #[endpoint(PUT "/v3/videos/<video_id>/title", idempotent)]
    async fn retitle(
        &self,
        video_id: &str,
        #[body] body: &CreateVideo,
        #[idempotency_key] key: IdempotencyKey,
    ) -> Result<Video>;

    /// Idempotent without a key argument: a fresh key per call.
    #[endpoint(POST "/v3/videos/<video_id>/rotate", idempotent)]
    async fn rotate(&self, video_id: &str) -> Result<Video>;

    /// A multipart upload.
    #[endpoint(POST "/v3/assets")]
    async fn upload(&self, #[multipart] form: Multipart) -> Result<Video>;

    /// PATCH and DELETE.
    #[endpoint(PATCH "/v3/videos/<video_id>")]
    async fn update(&self, video_id: &str, #[body] body: &serde_json::Value) -> Result<Video>;
    #[endpoint(DELETE "/v3/videos/<video_id>")]
    async fn delete(&self, video_id: &str) -> Result<()>;
}

/// The futures are `Send`: a call can be spawned.
fn assert_send<T: Send>(_: T) {}

fn calls_type_check(client: &Client) {
    assert_send(client.me());
    assert_send(client.get_video("v", 1));
    assert_send(client.search("cats", None, &["a"]));
    assert_send(client.list_videos(&ListQuery { limit: Some(5), token: None }));
    assert_send(client.list_videos_stream(&ListQuery { limit: None, token: None }));
    assert_send(client.list_folder_stream(7, Some(10)));
    assert_send(client.create_video(&CreateVideo { title: "t".into() }, None));
    assert_send(client.retitle("v", &CreateVideo { title: "t".into() }, idempotency_key!("k-1")));
    assert_send(client.rotate("v"));
    assert_send(client.upload(Multipart::new()));
    assert_send(client.update("v", &serde_json::json!({})));
    assert_send(client.delete("v"));
}

fn main() {
    let _ = calls_type_check;
    let endpoints: &[EndpointInfo] = <Client as Videos>::ENDPOINTS;
    let names: Vec<&str> = endpoints.iter().map(|e| e.name).collect();
    assert_eq!(
        names,
        [
            "me", "get_video", "search", "list_videos", "list_folder", "create_video", "retitle",
            "rotate", "upload", "update", "delete"
        ]
    );
    let get_video = &endpoints[1];
    assert_eq!(get_video.method, HttpMethod::Get);
    assert_eq!(get_video.openapi_path(), "/v3/videos/{video_id}/{type}");
    assert_eq!(get_video.path_params().collect::<Vec<_>>(), ["video_id", "type"]);
    assert_eq!(endpoints[2].query_params().collect::<Vec<_>>(), ["text", "type", "tags"]);
    assert_eq!(endpoints[2].timeout, Some(Duration::from_secs(5)));
    assert_eq!(endpoints[3].query_params().collect::<Vec<_>>(), ["limit", "token"]);
    assert!(endpoints[3].paginated && !endpoints[3].idempotent);
    assert!(endpoints[5].idempotent);
    assert_eq!(endpoints[5].body, BodyKind::Json);
    assert_eq!(endpoints[8].body, BodyKind::Multipart);
    assert_eq!(endpoints[10].method, HttpMethod::Delete);
}
