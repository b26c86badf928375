//! Typed mocks from the outside: answers keyed by declared endpoints (the crate's and a user's
//! own), sequences, capture of what was sent, and a clear answer for what nothing was set up.

use heygen_api::videos::{CreateVideoFromAvatar, CreateVideoRequest, VideoStatus, VideosApi};
use heygen_api::{Error, Result, api, endpoint, idempotency_key};
use heygen_fake::MockServer;
use serde::{Deserialize, Serialize};
use serde_json::json;

/// A user's own endpoint, declared the same way as the crate's.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct Folder {
    pub id: String,
    pub name: String,
}

#[api]
pub trait Folders {
    /// Reads a folder.
    #[endpoint(GET "/v3/folders/<folder_id>")]
    async fn get_folder(&self, folder_id: &str) -> Result<Folder>;
}

#[tokio::test]
async fn answers_follow_their_sequence_and_what_was_sent_is_captured() {
    let server = MockServer::start().await.unwrap();
    let create = server.endpoint("create_video").unwrap();
    let get = server.endpoint("get_video").unwrap();
    server
        .on(create)
        .fail(503, "internal_error", "busy")
        .answer(&json!({"video_id": "v_1", "status": "waiting"}));
    server
        .on(get)
        .answer(&json!({"id": "v_1", "status": "processing"}))
        .answer(&json!({"id": "v_1", "status": "completed", "video_url": "https://x/v.mp4"}));
    let client = server.client();

    let request: CreateVideoRequest = CreateVideoFromAvatar::new("avatar_1").into();
    let created = client
        .create_video(&request, Some(idempotency_key!("order-7")))
        .await
        .unwrap();
    assert_eq!(created.video_id, "v_1");
    let first = client.get_video("v_1").await.unwrap();
    let second = client.get_video("v_1").await.unwrap();
    let third = client.get_video("v_1").await.unwrap();
    assert_eq!(first.status, VideoStatus::Processing);
    // The last answer repeats.
    assert_eq!(
        (second.status, third.status),
        (VideoStatus::Completed, VideoStatus::Completed)
    );

    let sent = server.calls(create);
    assert_eq!(sent.len(), 2, "the 503 was retried");
    assert!(
        sent.iter()
            .all(|call| call.idempotency_key() == Some("order-7"))
    );
    let body: serde_json::Value = sent[1].json().unwrap();
    assert_eq!(body["avatar_id"], "avatar_1");
    assert_eq!(sent[1].header("x-api-key"), Some(heygen_fake::MOCK_API_KEY));
    assert_eq!(server.calls(get).len(), 3);
    assert!(server.unexpected().is_empty());
}

#[tokio::test]
async fn a_users_own_endpoint_is_mocked_by_its_declaration() {
    let server = MockServer::start().await.unwrap();
    let get_folder = &<heygen_api::Client as Folders>::ENDPOINTS[0];
    server
        .on(get_folder)
        .answer(&Folder {
            id: "f_1".into(),
            name: "launch".into(),
        })
        .with_header("x-request-id", "req-1");
    let client = server.client();

    let folder = client.get_folder("f_1").await.unwrap();

    assert_eq!(folder.name, "launch");
    assert_eq!(server.calls(get_folder)[0].path, "/v3/folders/f_1");
}

#[tokio::test]
async fn an_operation_nothing_was_set_up_for_fails_naming_it() {
    let server = MockServer::start().await.unwrap();
    let client = server.client();

    let error = client.get_video("v_9").await.unwrap_err();

    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(api.status().as_u16(), 501);
    assert!(
        api.message()
            .contains("no answer is set up for `get_video` (GET /v3/videos/v_9)"),
        "{error}"
    );
    // A 5xx, so that no code mistakes it for an answer it handles (a 404 could pass for "not
    // found"), and a `501 Not Implemented`, which no client retries: one call, one request.
    assert_eq!(server.unexpected().len(), 1);
    assert!(!error.is_retryable());
    assert!(!error.may_have_been_applied());
    assert_eq!(server.unexpected()[0].path, "/v3/videos/v_9");
}
