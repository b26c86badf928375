//! HeyGen's documented limits (`spec/september-constraints.md`, and the enum values September
//! removed), checked before anything is sent, and left to HeyGen with
//! `ClientBuilder::check_limits(false)`.

use heygen_api::error::InvalidInput;
use heygen_api::limits::{Limit, LimitViolation};
use heygen_api::video_agents::{CreateVideoAgentSessionRequest, VideoAgentsApi};
use heygen_api::videos::{
    CinematicAspectRatio, CreateVideoBatchRequest, CreateVideoFromAvatar,
    CreateVideoFromCinematicAvatar, CreateVideoRequest, VideosApi, VoiceSettings,
};
use heygen_api::voices::{GenerateSpeechRequest, VoicesApi};
use heygen_api::{Client, Error, RetryPolicy};
use serde_json::{Value, json};
use wiremock::MockServer;

use crate::support::{API_KEY, answer_all, client, data};

fn unchecked(server: &MockServer) -> Client {
    Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .retry_policy(RetryPolicy::instant())
        .check_limits(false)
        .build()
        .unwrap()
}

async fn server() -> MockServer {
    let server = MockServer::start().await;
    answer_all(
        &server,
        data(json!({"video_id": "vid_1", "status": "pending"})),
    )
    .await;
    server
}

fn limit_error(error: Error) -> LimitViolation {
    match error {
        Error::InvalidInput(InvalidInput::Limit(violation)) => violation,
        other => panic!("expected a limit error, got {other:?}"),
    }
}

fn cinematic(prompt: String) -> CreateVideoRequest {
    CreateVideoFromCinematicAvatar::new(prompt, ["look_1"]).into()
}

#[tokio::test]
async fn a_billable_create_with_a_too_long_prompt_fails_before_anything_is_sent() {
    let server = server().await;
    let request = cinematic("a".repeat(10_001));

    let error = client(&server)
        .create_video(&request, None)
        .await
        .unwrap_err();

    assert!(!error.may_have_been_applied());
    let violation = limit_error(error);
    assert_eq!(violation.field, "CreateVideoFromCinematicAvatar.prompt");
    assert_eq!(violation.limit, Limit::MaxLength(10_000));
    assert_eq!(violation.actual, "10001 characters");
    assert!(
        violation
            .to_string()
            .contains("`CreateVideoFromCinematicAvatar.prompt` must be at most 10000 characters")
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn with_the_checks_off_the_same_body_is_sent_for_heygen_to_judge() {
    let server = server().await;
    let request = cinematic("a".repeat(10_001));

    unchecked(&server)
        .create_video(&request, None)
        .await
        .unwrap();

    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent.len(), 1);
    let body: Value = serde_json::from_slice(&sent[0].body).unwrap();
    assert_eq!(body["prompt"].as_str().unwrap().len(), 10_001);
}

#[tokio::test]
async fn a_body_at_the_limit_is_sent() {
    let server = server().await;
    client(&server)
        .create_video(&cinematic("a".repeat(10_000)), None)
        .await
        .unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_aspect_ratio_heygen_removed_is_refused_even_written_as_text() {
    // `CinematicAspectRatio` has no 4:5 variant any more; `"4:5".into()` would make it an
    // `Unknown`, which HeyGen now rejects.
    let server = server().await;
    let request: CreateVideoRequest = CreateVideoFromCinematicAvatar::new("A walk", ["look_1"])
        .aspect_ratio(CinematicAspectRatio::from("4:5"))
        .into();

    let violation = limit_error(
        client(&server)
            .create_video(&request, None)
            .await
            .unwrap_err(),
    );

    assert_eq!(
        violation.field,
        "CreateVideoFromCinematicAvatar.aspect_ratio"
    );
    assert_eq!(violation.limit, Limit::Removed(&["4:5", "5:4", "auto"]));
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn nested_ranges_and_item_counts_are_checked() {
    let server = server().await;
    let too_fast: CreateVideoRequest = CreateVideoFromAvatar::new("avatar_1")
        .voice_settings(VoiceSettings::new().speed(1.6))
        .into();
    let violation = limit_error(
        client(&server)
            .create_video(&too_fast, None)
            .await
            .unwrap_err(),
    );
    assert_eq!(violation.field, "VoiceSettings.speed");
    assert_eq!(violation.limit, Limit::Maximum(1.5));

    let empty = CreateVideoBatchRequest::new(vec![]);
    let violation = limit_error(
        client(&server)
            .create_video_batch(&empty, None)
            .await
            .unwrap_err(),
    );
    assert_eq!(violation.field, "CreateVideoBatchRequest.videos");
    assert_eq!(violation.limit, Limit::MinItems(1));
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn other_operations_check_their_own_limits() {
    let server = server().await;
    let speech = GenerateSpeechRequest::new("", "voice_1");
    let violation = limit_error(client(&server).generate_speech(&speech).await.unwrap_err());
    assert_eq!(violation.field, "GenerateSpeechRequest.text");
    assert_eq!(violation.limit, Limit::MinLength(1));

    let session = CreateVideoAgentSessionRequest::new("x".repeat(10_001));
    let violation = limit_error(
        client(&server)
            .create_video_agent_session(&session)
            .await
            .unwrap_err(),
    );
    assert_eq!(violation.field, "CreateVideoAgentSessionRequest.prompt");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn the_shared_fields_of_avatar_and_image_videos_are_checked() {
    let server = server().await;
    let empty_script: CreateVideoRequest = CreateVideoFromAvatar::new("avatar_1")
        .script("")
        .voice_id("voice_1")
        .into();
    let violation = limit_error(
        client(&server)
            .create_video(&empty_script, None)
            .await
            .unwrap_err(),
    );
    assert_eq!(violation.field, "TalkingVideo.script");
    assert_eq!(violation.limit, Limit::MinLength(1));
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_batch_item_cannot_set_a_folder() {
    // September: `folder_id` is for single videos; the batch has its own.
    let server = server().await;
    let batch = CreateVideoBatchRequest::new(vec![
        CreateVideoFromAvatar::new("avatar_1")
            .folder_id("folder_1")
            .into(),
    ]);
    let violation = limit_error(
        client(&server)
            .create_video_batch(&batch, None)
            .await
            .unwrap_err(),
    );
    assert_eq!(
        violation.field,
        "CreateVideoBatchRequest.videos[].folder_id"
    );
    assert!(matches!(violation.limit, Limit::Unset(_)));
    assert_eq!(violation.actual, "`folder_1`");
    assert!(server.received_requests().await.unwrap().is_empty());

    let placed = CreateVideoBatchRequest::new(vec![CreateVideoFromAvatar::new("avatar_1").into()])
        .folder_id("folder_1");
    client(&server)
        .create_video_batch(&placed, None)
        .await
        .unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_query_struct_out_of_its_range_is_refused_and_sent_with_the_checks_off() {
    use heygen_api::videos::ListVideosQuery;

    let server = MockServer::start().await;
    answer_all(&server, data(json!([]))).await;
    let query = ListVideosQuery::new().limit(500);

    let violation = limit_error(client(&server).list_videos(&query).await.unwrap_err());
    assert_eq!(violation.field, "ListVideosQuery.limit");
    assert_eq!(violation.limit, Limit::Maximum(100.0));
    assert!(server.received_requests().await.unwrap().is_empty());

    let _ = unchecked(&server).list_videos(&query).await;
    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].url.query(), Some("limit=500"));
}

#[tokio::test]
async fn a_query_string_outside_its_documented_length_is_refused_before_sending() {
    use heygen_api::assets::{AssetSearchResultType, AssetsApi, SearchAssetsQuery};
    use heygen_api::audio::{AudioApi, SearchAudioQuery};

    let server = MockServer::start().await;
    answer_all(&server, data(json!([]))).await;

    let empty = SearchAssetsQuery::new("", AssetSearchResultType::Icon);
    let violation = limit_error(client(&server).search_assets(&empty).await.unwrap_err());
    assert_eq!(violation.field, "SearchAssetsQuery.query");
    assert_eq!(violation.limit, Limit::MinLength(1));

    let long = SearchAudioQuery::new("a".repeat(5_001));
    let error = client(&server).search_audio(&long).await.unwrap_err();
    assert!(
        error
            .to_string()
            .contains("`SearchAudioQuery.query` must be at most 5000 characters"),
        "{error}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());

    // At the limit it is sent; with the checks off, past it too.
    let _ = client(&server)
        .search_audio(&SearchAudioQuery::new("a".repeat(5_000)))
        .await;
    let _ = unchecked(&server).search_audio(&long).await;
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}
