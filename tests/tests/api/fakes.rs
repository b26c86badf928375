//! The declared traits are interfaces: code generic over one runs against a fake of the user's
//! (no client inside, nothing on the network) as it runs against `Client`; and the ecosystem's
//! mocking crate, mockall, mocks them.

use std::collections::HashMap;
use std::sync::Mutex;

use heygen_api::common::{BatchPage, JobStatusEntry};
use heygen_api::user::{CurrentUser, UserApi};
use heygen_api::videos::{
    CreateVideoBatchRequest, CreateVideoRequest, CreateVideoResponse, DeletedVideo,
    GetVideoBatchQuery, ListVideosQuery, Video, VideoScenes, VideoStatus, VideosApi,
};
use heygen_api::{ApiError, Error, ErrorCode, IdempotencyKey, Page, Result};
use http::StatusCode;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::client;

/// The user's code under test: generic over the trait, so that a test can hand it a fake.
async fn download_link<V: VideosApi>(videos: &V, video_id: &str) -> Result<Option<String>> {
    match videos.get_video(video_id).await {
        Ok(video) => Ok(video.video_url),
        Err(Error::Api(api)) if api.code() == Some(&ErrorCode::VideoNotFound) => Ok(None),
        Err(other) => Err(other),
    }
}

/// Built in code, as a test builds any answer: `new` from the required fields, a setter per
/// optional one.
fn video(id: &str, url: &str) -> Video {
    Video::new(id, VideoStatus::Completed).video_url(url)
}

/// A fake of the whole `VideosApi`: its own bodies, no client, no network. Operations this
/// test does not need answer as HeyGen would refuse them.
#[derive(Default)]
struct FakeVideos {
    videos: Mutex<HashMap<String, Video>>,
    reads: Mutex<Vec<String>>,
}

fn not_faked(operation: &'static str) -> Error {
    ApiError::new(
        operation,
        StatusCode::NOT_IMPLEMENTED,
        "not_faked",
        "not in this fake",
    )
    .into()
}

impl VideosApi for FakeVideos {
    async fn list_videos(&self, _query: &ListVideosQuery) -> Result<Page<Video>> {
        Err(not_faked("list_videos"))
    }

    async fn create_video(
        &self,
        _body: &CreateVideoRequest,
        _key: Option<IdempotencyKey>,
    ) -> Result<CreateVideoResponse> {
        Err(not_faked("create_video"))
    }

    async fn create_video_batch(
        &self,
        _body: &CreateVideoBatchRequest,
        _key: Option<IdempotencyKey>,
    ) -> Result<Option<serde_json::Value>> {
        Err(not_faked("create_video_batch"))
    }

    async fn get_video_batch(
        &self,
        _batch_id: &str,
        _query: &GetVideoBatchQuery,
    ) -> Result<BatchPage> {
        Err(not_faked("get_video_batch"))
    }

    async fn list_video_statuses(
        &self,
        _video_ids: Option<&str>,
        _batch_ids: Option<&str>,
    ) -> Result<Vec<JobStatusEntry>> {
        Err(not_faked("list_video_statuses"))
    }

    async fn delete_video(&self, _video_id: &str) -> Result<DeletedVideo> {
        Err(not_faked("delete_video"))
    }

    async fn get_video(&self, video_id: &str) -> Result<Video> {
        self.reads.lock().unwrap().push(video_id.to_owned());
        let found = self.videos.lock().unwrap().get(video_id).cloned();
        found.ok_or_else(|| {
            ApiError::new(
                "get_video",
                StatusCode::NOT_FOUND,
                "video_not_found",
                "Video not found",
            )
            .into()
        })
    }

    async fn get_video_scenes(&self, _video_id: &str) -> Result<VideoScenes> {
        Err(not_faked("get_video_scenes"))
    }
}

#[test]
fn an_answer_built_in_code_equals_the_one_decoded_from_json() {
    let decoded: Video = serde_json::from_value(
        json!({"id": "v_1", "status": "completed", "video_url": "https://x/v.mp4"}),
    )
    .unwrap();
    assert_eq!(video("v_1", "https://x/v.mp4"), decoded);
}

#[tokio::test]
async fn code_generic_over_the_videos_trait_runs_against_a_fake() {
    let fake = FakeVideos::default();
    fake.videos
        .lock()
        .unwrap()
        .insert("v_1".into(), video("v_1", "https://files.example/v_1.mp4"));

    assert_eq!(
        download_link(&fake, "v_1").await.unwrap().as_deref(),
        Some("https://files.example/v_1.mp4")
    );
    assert_eq!(download_link(&fake, "v_gone").await.unwrap(), None);
    assert_eq!(*fake.reads.lock().unwrap(), ["v_1", "v_gone"]);
}

#[tokio::test]
async fn the_same_code_runs_against_the_client_with_no_impl_line() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v3/videos/v_1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"data": {"id": "v_1", "status": "completed", "video_url": "https://x/v.mp4"}}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v3/videos/v_gone"))
        .respond_with(ResponseTemplate::new(404).set_body_json(
            json!({"error": {"code": "video_not_found", "message": "Video not found"}}),
        ))
        .mount(&server)
        .await;
    let client = client(&server);

    assert_eq!(
        download_link(&client, "v_1").await.unwrap().as_deref(),
        Some("https://x/v.mp4")
    );
    assert_eq!(download_link(&client, "v_gone").await.unwrap(), None);
}

/// Code that takes the user API as a parameter.
async fn greeting<U: UserApi>(user: &U) -> Result<String> {
    let me = user.get_current_user().await?;
    Ok(format!("hello {}", me.email.unwrap_or_default()))
}

mockall::mock! {
    Users {}
    impl UserApi for Users {
        fn get_current_user(
            &self,
        ) -> impl std::future::Future<Output = Result<CurrentUser>> + Send;
    }
}

#[tokio::test]
async fn mockall_mocks_a_declared_trait() {
    let mut users = MockUsers::new();
    users.expect_get_current_user().times(1).returning(|| {
        let me: CurrentUser =
            serde_json::from_value(json!({"email": "ada@example.com", "username": "ada"})).unwrap();
        Box::pin(async move { Ok(me) })
    });

    assert_eq!(greeting(&users).await.unwrap(), "hello ada@example.com");
}

/// The user's code under test: every video's id, page after page, over any `VideosApi`. The
/// trait's `list_videos_stream` needs a client (`Self: AsClient`); code generic over the trait
/// walks the pages of its own `list_videos` with `heygen_api::pagination::paginate`.
async fn every_video_id<V: VideosApi + Sync>(videos: &V) -> Result<Vec<String>> {
    use futures::TryStreamExt;
    heygen_api::pagination::paginate(|token: Option<String>| {
        let query = match token {
            Some(token) => ListVideosQuery::new().limit(2).token(token),
            None => ListVideosQuery::new().limit(2),
        };
        async move { videos.list_videos(&query).await }
    })
    .map_ok(|video: Video| video.id)
    .try_collect()
    .await
}

/// A fake answering two pages.
struct PagedVideos;

impl VideosApi for PagedVideos {
    async fn list_videos(&self, query: &ListVideosQuery) -> Result<Page<Video>> {
        let second = query.token.as_deref() == Some("page-2");
        Ok(Page {
            data: if second {
                vec![video("v_3", "u")]
            } else {
                vec![video("v_1", "u"), video("v_2", "u")]
            },
            has_more: !second,
            next_token: (!second).then(|| "page-2".to_owned()),
        })
    }
    async fn create_video(
        &self,
        _: &CreateVideoRequest,
        _: Option<IdempotencyKey>,
    ) -> Result<CreateVideoResponse> {
        Err(not_faked("create_video"))
    }
    async fn create_video_batch(
        &self,
        _: &CreateVideoBatchRequest,
        _: Option<IdempotencyKey>,
    ) -> Result<Option<serde_json::Value>> {
        Err(not_faked("create_video_batch"))
    }
    async fn get_video_batch(&self, _: &str, _: &GetVideoBatchQuery) -> Result<BatchPage> {
        Err(not_faked("get_video_batch"))
    }
    async fn list_video_statuses(
        &self,
        _: Option<&str>,
        _: Option<&str>,
    ) -> Result<Vec<JobStatusEntry>> {
        Err(not_faked("list_video_statuses"))
    }
    async fn delete_video(&self, _: &str) -> Result<DeletedVideo> {
        Err(not_faked("delete_video"))
    }
    async fn get_video(&self, _: &str) -> Result<Video> {
        Err(not_faked("get_video"))
    }
    async fn get_video_scenes(&self, _: &str) -> Result<VideoScenes> {
        Err(not_faked("get_video_scenes"))
    }
}

#[tokio::test]
async fn generic_code_walks_the_pages_of_a_fake() {
    assert_eq!(
        every_video_id(&PagedVideos).await.unwrap(),
        ["v_1", "v_2", "v_3"]
    );
}
