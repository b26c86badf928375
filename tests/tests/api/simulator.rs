//! The simulator (`heygen_fake::LocalServer`) for videos: statuses on a clock the test controls,
//! failures on demand, 404s, pagination, and the matching webhook delivered, signed, by real
//! HTTP to a receiver on loopback, retried when refused.

use std::time::Duration;

use heygen_api::jobs::{JobError, JobsApi, WaitOptions};
use heygen_api::videos::{
    CreateVideoFromAvatar, CreateVideoRequest, ListVideosQuery, VideoStatus, VideosApi,
};
use heygen_api::webhooks::{
    CreateWebhookEndpointRequest, WebhookEventType, WebhookVerifier, WebhooksApi, header_map_lookup,
};
use heygen_api::{Client, Error, ErrorCode, RetryPolicy};
use heygen_fake::{Clock, LocalServer};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn simulator(clock: Clock) -> (LocalServer, Client) {
    let server = LocalServer::builder().clock(clock).start().await.unwrap();
    let client = Client::builder()
        .api_key(server.api_key())
        .base_url(server.base_url())
        .retry_policy(RetryPolicy::instant())
        .build()
        .unwrap();
    (server, client)
}

fn avatar_video() -> CreateVideoRequest {
    CreateVideoFromAvatar::new("avatar_1").into()
}

/// A receiver on loopback, registered for the video events; returns its verifier.
async fn receiver(client: &Client, answers: ResponseTemplate) -> (MockServer, WebhookVerifier) {
    receiver_for(
        client,
        [
            WebhookEventType::AvatarVideoSuccess,
            WebhookEventType::AvatarVideoFail,
        ],
        answers,
    )
    .await
}

/// A HyperFrames render of a project zip, every setting left to HeyGen.
fn hyperframes_render() -> heygen_api::hyperframes::CreateHyperframesRenderRequest {
    heygen_api::hyperframes::CreateHyperframesRenderRequest::new(
        heygen_api::common::MediaInput::url("https://example.com/project.zip"),
    )
}

/// A receiver on loopback answering `answers`, registered for `events`; returns its verifier.
async fn receiver_for(
    client: &Client,
    events: impl IntoIterator<Item = WebhookEventType>,
    answers: ResponseTemplate,
) -> (MockServer, WebhookVerifier) {
    let receiver = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(answers)
        .mount(&receiver)
        .await;
    let endpoint = client
        .create_webhook_endpoint(
            &CreateWebhookEndpointRequest::new(format!("{}/hooks", receiver.uri())).events(events),
            None,
        )
        .await
        .unwrap();
    let verifier = WebhookVerifier::new(endpoint.secret.unwrap());
    (receiver, verifier)
}

/// The deliveries `receiver` got, waiting up to 5 s for `count` of them.
async fn delivered(receiver: &MockServer, count: usize) -> Vec<wiremock::Request> {
    for _ in 0..100 {
        let got = receiver.received_requests().await.unwrap();
        if got.len() >= count {
            return got;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    receiver.received_requests().await.unwrap()
}

#[tokio::test]
async fn a_video_moves_through_its_statuses_on_a_stepped_clock_and_its_success_is_delivered() {
    let (server, client) = simulator(Clock::Stepped).await;
    let (receiver, verifier) = receiver(&client, ResponseTemplate::new(200)).await;

    let created = client.create_video(&avatar_video(), None).await.unwrap();
    let status =
        |client: Client, id: String| async move { client.get_video(&id).await.unwrap().status };
    assert_eq!(
        status(client.clone(), created.video_id.clone()).await,
        VideoStatus::Pending
    );
    server.advance(Duration::from_secs(6));
    assert_eq!(
        status(client.clone(), created.video_id.clone()).await,
        VideoStatus::Processing
    );
    // Nothing ended yet, so nothing was delivered.
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(receiver.received_requests().await.unwrap().is_empty());
    server.advance(Duration::from_secs(30));

    let video = client.get_video(&created.video_id).await.unwrap();
    assert_eq!(video.status, VideoStatus::Completed);
    assert!(video.video_url.is_some());
    let deliveries = delivered(&receiver, 1).await;
    assert_eq!(deliveries.len(), 1);
    let delivery = &deliveries[0];
    let verified = verifier
        .verify(&delivery.body, header_map_lookup(&delivery.headers))
        .expect("a delivery signed with the endpoint's secret");
    assert_eq!(
        verified.event.event_type,
        WebhookEventType::AvatarVideoSuccess
    );
    assert_eq!(
        verified.event.event_data["video_id"],
        created.video_id.as_str()
    );
    // Counted once the receiver's answer is back, a moment after it saw the delivery.
    for _ in 0..100 {
        if server.webhook_deliveries_acknowledged() == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(server.webhook_deliveries_acknowledged(), 1);
}

#[tokio::test]
async fn a_video_told_to_fail_ends_the_wait_with_its_code_and_delivers_the_failure() {
    let (server, client) = simulator(Clock::Instant).await;
    let (receiver, verifier) = receiver(&client, ResponseTemplate::new(200)).await;
    server.fail_next_video("avatar_not_found", "the avatar was deleted");

    let error = client
        .create_video_and_wait(&avatar_video(), None, &WaitOptions::default())
        .await
        .unwrap_err();

    let Error::Job(job) = &error else {
        panic!("{error:?}")
    };
    let JobError::Failed(failed) = &**job else {
        panic!("{error:?}")
    };
    assert_eq!(failed.code(), Some("avatar_not_found"));
    assert_eq!(failed.message(), Some("the avatar was deleted"));
    let deliveries = delivered(&receiver, 1).await;
    let verified = verifier
        .verify(
            &deliveries[0].body,
            header_map_lookup(&deliveries[0].headers),
        )
        .unwrap();
    assert_eq!(verified.event.event_type, WebhookEventType::AvatarVideoFail);
}

#[tokio::test]
async fn a_refused_delivery_is_retried_until_acknowledged() {
    let (server, client) = simulator(Clock::Instant).await;
    let receiver = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .mount(&receiver)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&receiver)
        .await;
    client
        .create_webhook_endpoint(
            &CreateWebhookEndpointRequest::new(format!("{}/hooks", receiver.uri()))
                .events([WebhookEventType::AvatarVideoSuccess]),
            None,
        )
        .await
        .unwrap();

    client.create_video(&avatar_video(), None).await.unwrap();

    let attempts = delivered(&receiver, 3).await;
    assert_eq!(attempts.len(), 3);
    // The same event each time.
    assert!(attempts.iter().all(|a| a.headers.get("heygen-event-id") == attempts[0].headers.get("heygen-event-id")));
    for _ in 0..50 {
        if server.webhook_deliveries_acknowledged() == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(server.webhook_deliveries_acknowledged(), 1);
}

#[tokio::test]
async fn videos_are_listed_page_by_page_and_an_unknown_one_is_video_not_found() {
    let (_server, client) = simulator(Clock::Instant).await;
    for _ in 0..3 {
        client.create_video(&avatar_video(), None).await.unwrap();
    }

    let first = client
        .list_videos(&ListVideosQuery::new().limit(2))
        .await
        .unwrap();
    assert_eq!(first.data.len(), 2);
    assert!(first.has_more);
    let second = client
        .list_videos(
            &ListVideosQuery::new()
                .limit(2)
                .token(first.next_token.clone().unwrap()),
        )
        .await
        .unwrap();
    assert_eq!(second.data.len(), 1);
    assert!(!second.has_more);

    let deleted = client.delete_video(&first.data[0].id).await.unwrap();
    assert_eq!(deleted.id, first.data[0].id);
    let error = client.get_video(&first.data[0].id).await.unwrap_err();
    assert_eq!(error.code(), Some(&ErrorCode::VideoNotFound));
}

#[tokio::test]
async fn an_uploaded_image_becomes_an_asset_that_can_be_read_and_deleted() {
    use heygen_api::assets::AssetsApi;
    use heygen_api::uploads::{AssetUpload, UploadsApi};
    let (_server, client) = simulator(Clock::Instant).await;

    let uploaded = client
        .upload(AssetUpload::bytes(
            &b"\x89PNG fake image"[..],
            "portrait.png",
            "image/png",
        ))
        .await
        .unwrap();

    assert_eq!(uploaded.mime_type, "image/png");
    assert_eq!(uploaded.size_bytes, 15);
    let asset = client.get_asset(&uploaded.asset_id).await.unwrap();
    assert_eq!(asset.name, "portrait.png");
    client.delete_asset(&uploaded.asset_id).await.unwrap();
    let error = client.get_asset(&uploaded.asset_id).await.unwrap_err();
    assert_eq!(error.code(), Some(&ErrorCode::AssetNotFound));
}

/// The failure a wait ended with: its code and message.
/// An Avatar Realtime session that speaks `text` with a test look and voice.
async fn text_session(
    client: &Client,
    text: &str,
) -> heygen_api::avatar_realtime::CreatedAvatarRealtimeSession {
    use heygen_api::avatar_realtime::{AvatarRealtimeApi, AvatarRealtimeTextStream};
    client
        .create_avatar_realtime_session(
            &AvatarRealtimeTextStream::new("look_1", "voice_1", text).into(),
        )
        .await
        .unwrap()
}

fn failure_of(error: &Error) -> (Option<String>, Option<String>) {
    let Error::Job(job) = error else {
        panic!("not a job error: {error:?}")
    };
    let JobError::Failed(failed) = &**job else {
        panic!("not a failed job: {error:?}")
    };
    (
        failed.code().map(str::to_owned),
        failed.message().map(str::to_owned),
    )
}

#[tokio::test]
async fn every_job_kind_succeeds_or_fails_on_demand_and_its_end_is_delivered() {
    use heygen_api::common::MediaReference;
    use heygen_api::filler_word_removal::{
        CreateFillerWordRemovalRequest, FillerWordRemovalApi, FillerWordRemovalStatus,
    };
    use heygen_api::hyperframes::HyperframesRenderStatus;
    use heygen_api::lipsync::{CreateLipsyncRequest, LipsyncStatus};
    use heygen_api::video_translations::{CreateVideoTranslationRequest, VideoTranslationStatus};

    let (server, client) = simulator(Clock::Instant).await;
    let events = [
        WebhookEventType::VideoTranslateSuccess,
        WebhookEventType::VideoTranslateFail,
        WebhookEventType::HyperframesVideoSuccess,
        WebhookEventType::HyperframesVideoFail,
        WebhookEventType::FillerWordRemovalSuccess,
        WebhookEventType::FillerWordRemovalFail,
        WebhookEventType::AiClippingSuccess,
        WebhookEventType::AiClippingFail,
        WebhookEventType::ProofreadCreationSuccess,
        WebhookEventType::ProofreadCreationFail,
    ];
    let (receiver, verifier) =
        receiver_for(&client, events.clone(), ResponseTemplate::new(200)).await;
    let wait = WaitOptions::default();
    let video = MediaReference::url("https://example.com/talk.mp4");

    // Translations: one per output language, each completed; then one told to fail.
    let translation = CreateVideoTranslationRequest::new(video.clone(), ["fr"]);
    let done = client
        .create_video_translation_and_wait(&translation, None, &wait)
        .await
        .unwrap();
    assert_eq!(done[0].status, VideoTranslationStatus::Completed);
    server
        .fail_next_job("create_video_translation", "no_speech", "no speech found")
        .unwrap();
    let error = client
        .create_video_translation_and_wait(&translation, None, &wait)
        .await
        .unwrap_err();
    assert_eq!(failure_of(&error).1.as_deref(), Some("no speech found"));

    // Lipsyncs (HeyGen has no webhook event for them).
    let lipsync = CreateLipsyncRequest::new(video.clone(), MediaReference::asset_id("audio_1"));
    let done = client
        .create_lipsync_and_wait(&lipsync, None, &wait)
        .await
        .unwrap();
    assert_eq!(done.status, LipsyncStatus::Completed);
    server
        .fail_next_job("create_lipsync", "bad_audio", "the audio is silent")
        .unwrap();
    let error = client
        .create_lipsync_and_wait(&lipsync, None, &wait)
        .await
        .unwrap_err();
    assert_eq!(failure_of(&error).1.as_deref(), Some("the audio is silent"));

    // HyperFrames renders.
    let render = hyperframes_render();
    let done = client
        .create_hyperframes_render_and_wait(&render, None, &wait)
        .await
        .unwrap();
    assert_eq!(done.status, HyperframesRenderStatus::Completed);
    server
        .fail_next_job(
            "create_hyperframes_render",
            "render_failed",
            "index.html threw",
        )
        .unwrap();
    let error = client
        .create_hyperframes_render_and_wait(&render, None, &wait)
        .await
        .unwrap_err();
    assert_eq!(failure_of(&error).1.as_deref(), Some("index.html threw"));

    // Filler-word removals.
    let removal = CreateFillerWordRemovalRequest::new(video.clone());
    let created = client
        .create_filler_word_removal(&removal, None)
        .await
        .unwrap();
    let done = client
        .wait_for_filler_word_removal(&created.filler_word_removal_id, &wait)
        .await
        .unwrap();
    assert_eq!(done.status, FillerWordRemovalStatus::Completed);
    server
        .fail_next_job("create_filler_word_removal", "no_audio_track", "no audio")
        .unwrap();
    let created = client
        .create_filler_word_removal(&removal, None)
        .await
        .unwrap();
    let error = client
        .wait_for_filler_word_removal(&created.filler_word_removal_id, &wait)
        .await
        .unwrap_err();
    failure_of(&error);

    // AI clipping: its create answers only an id (the spec gives it no schema).
    {
        use heygen_api::ai_clipping::{
            AiClippingApi, AiClippingStatus, CreateAiClippingJobRequest,
        };
        let clipping = CreateAiClippingJobRequest::new(video.clone());
        let id =
            |answer: Option<serde_json::Value>| answer.unwrap()["id"].as_str().unwrap().to_owned();
        let done = id(client
            .create_ai_clipping_job(&clipping, None)
            .await
            .unwrap());
        let job = client.get_ai_clipping_job(&done).await.unwrap();
        assert_eq!(job.status, AiClippingStatus::Completed);
        server
            .fail_next_job("create_ai_clipping_job", "no_highlights", "nothing to clip")
            .unwrap();
        let failed = id(client
            .create_ai_clipping_job(&clipping, None)
            .await
            .unwrap());
        let job = client.get_ai_clipping_job(&failed).await.unwrap();
        assert_eq!(job.status, AiClippingStatus::Failed);
        assert_eq!(job.failure_message.as_deref(), Some("nothing to clip"));
    }

    // Proofreads.
    {
        use heygen_api::video_translations::{
            CreateVideoTranslationProofreadRequest, ProofreadStatus, VideoTranslationsApi,
        };
        let proofread = CreateVideoTranslationProofreadRequest::new(video.clone(), ["de"], "Talk");
        let created = client
            .create_video_translation_proofread(&proofread, None)
            .await
            .unwrap();
        let read = client
            .get_video_translation_proofread(&created.proofread_ids[0])
            .await
            .unwrap();
        assert_eq!(read.status, ProofreadStatus::Completed);
        server
            .fail_next_job("create_video_translation_proofread", "no_speech", "silent")
            .unwrap();
        let created = client
            .create_video_translation_proofread(&proofread, None)
            .await
            .unwrap();
        let read = client
            .get_video_translation_proofread(&created.proofread_ids[0])
            .await
            .unwrap();
        assert_eq!(read.status, ProofreadStatus::Failed);
        assert_eq!(read.failure_message.as_deref(), Some("silent"));
    }

    // An operation that creates no job is refused, naming it.
    let refused = server.fail_next_job("list_voices", "x", "y").unwrap_err();
    assert!(refused.to_string().contains("`list_voices`"), "{refused}");

    // Every end with an event type was delivered, signed, once.
    let deliveries = delivered(&receiver, 10).await;
    let mut seen: Vec<WebhookEventType> = deliveries
        .iter()
        .map(|delivery| {
            verifier
                .verify(&delivery.body, header_map_lookup(&delivery.headers))
                .expect("signed with the endpoint's secret")
                .event
                .event_type
        })
        .collect();
    seen.sort_by_key(|event| event.as_str().to_owned());
    let mut expected = events.to_vec();
    expected.sort_by_key(|event| event.as_str().to_owned());
    assert_eq!(seen, expected);
}

#[tokio::test]
async fn a_job_moves_through_its_statuses_on_a_stepped_clock() {
    use heygen_api::hyperframes::{HyperframesApi, HyperframesRenderStatus};
    let (server, client) = simulator(Clock::Stepped).await;
    let created = client
        .create_hyperframes_render(&hyperframes_render(), None)
        .await
        .unwrap();
    let status = || async {
        client
            .get_hyperframes_render(&created.render_id)
            .await
            .unwrap()
            .status
    };
    assert_eq!(status().await, HyperframesRenderStatus::Queued);
    server.advance(Duration::from_secs(6));
    assert_eq!(status().await, HyperframesRenderStatus::Rendering);
    server.advance(Duration::from_secs(30));
    assert_eq!(status().await, HyperframesRenderStatus::Completed);
    // Listed, then deleted: a read after it is HeyGen's 404.
    let listed = client
        .list_hyperframes_renders(&Default::default())
        .await
        .unwrap();
    assert!(
        listed
            .data
            .iter()
            .any(|render| render.render_id == created.render_id)
    );
    client
        .delete_hyperframes_render(&created.render_id)
        .await
        .unwrap();
    let error = client
        .get_hyperframes_render(&created.render_id)
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
}

#[tokio::test]
async fn an_operation_rate_limited_on_demand_is_retried_and_the_others_are_left_alone() {
    use heygen_api::hyperframes::HyperframesApi;
    use heygen_api::user::UserApi;
    use heygen_fake::{Fault, FaultPlan};

    let (server, client) = simulator(Clock::Instant).await;
    server
        .inject_faults(
            FaultPlan::new(0)
                .with(Fault::RateLimited(0), 1.0)
                .only_for(["create_hyperframes_render"])
                .times(2),
        )
        .unwrap();
    let before = server.requests_received();
    client.get_current_user().await.unwrap();
    assert_eq!(server.requests_received() - before, 1, "not rate limited");

    let render = hyperframes_render();
    let before = server.requests_received();
    let created = client
        .create_hyperframes_render(&render, None)
        .await
        .unwrap();
    assert!(created.render_id.starts_with("sim_"));
    // Refused twice with `429` and `Retry-After: 0`, retried, then created once.
    assert_eq!(server.requests_received() - before, 3);
    assert_eq!(server.injected_faults(), [(Fault::RateLimited(0), 2)]);
    assert_eq!(server.simulated_resources(), 1);

    // A raw look at the refusal: HeyGen's error body and its `Retry-After`.
    server
        .inject_faults(
            FaultPlan::new(0)
                .with(Fault::RateLimited(7), 1.0)
                .only_for(["get_current_user"]),
        )
        .unwrap();
    // A misspelt operation would inject nothing: the plan is refused, naming it.
    let refused = server
        .inject_faults(
            FaultPlan::new(0)
                .with(Fault::BreakAfter, 1.0)
                .only_for(["get_curent_user"]),
        )
        .unwrap_err();
    assert_eq!(
        refused.to_string(),
        "no declared operation is named `get_curent_user`"
    );
    let answer = heygen_api::reqwest::Client::new()
        .get(format!("{}/v3/users/me", server.base_url()))
        .header("x-api-key", server.api_key())
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 429);
    assert_eq!(answer.headers()["retry-after"], "7");
    let body: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(body["error"]["code"], "rate_limit_exceeded");
}

#[tokio::test]
async fn a_direct_upload_goes_to_the_simulators_own_storage_and_becomes_an_asset() {
    use heygen_api::assets::{
        AssetsApi, CompleteAssetDirectUploadRequest, CreateAssetDirectUploadRequest,
    };
    use heygen_api::uploads::{AssetUpload, UploadsApi};

    let (_server, client) = simulator(Clock::Instant).await;
    let video = vec![7u8; 3 * 1024 * 1024];
    let completed = client
        .upload_direct(AssetUpload::bytes(
            video.clone(),
            "keynote.mp4",
            "video/mp4",
        ))
        .await
        .unwrap();
    assert_eq!(completed.status, "completed");
    assert_eq!(completed.size_bytes, video.len() as i64);
    let asset = client.get_asset(&completed.asset_id).await.unwrap();
    assert_eq!(asset.id, completed.asset_id);

    // Storage checks what the URL was signed for, and completing needs the bytes first.
    let slot = client
        .create_asset_direct_upload(
            &CreateAssetDirectUploadRequest::new("a.png", "image/png", 4),
            None,
        )
        .await
        .unwrap();
    assert!(
        slot.upload_url.contains("/_storage/uploads/"),
        "{}",
        slot.upload_url
    );
    let http = heygen_api::reqwest::Client::new();
    let refused = http
        .put(&slot.upload_url)
        .header("content-type", "image/jpeg")
        .body(vec![0u8; 4])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status().as_u16(), 403);
    let early = client
        .complete_asset_direct_upload(&slot.asset_id, &CompleteAssetDirectUploadRequest::new())
        .await
        .unwrap_err();
    assert_eq!(early.status().map(|s| s.as_u16()), Some(400), "{early}");
    let put = http
        .put(&slot.upload_url)
        .header("content-type", "image/png")
        .body(vec![0u8; 4])
        .send()
        .await
        .unwrap();
    assert_eq!(put.status().as_u16(), 200);
    let done = client
        .complete_asset_direct_upload(&slot.asset_id, &CompleteAssetDirectUploadRequest::new())
        .await
        .unwrap();
    assert_eq!(done.size_bytes, 4);
}

#[tokio::test]
async fn ai_clipping_and_batches_are_kept_under_the_id_their_create_answers() {
    use heygen_api::ai_clipping::{AiClippingApi, CreateAiClippingJobRequest};
    use heygen_api::common::MediaReference;

    let (_server, client) = simulator(Clock::Instant).await;
    let created = client
        .create_ai_clipping_job(
            &CreateAiClippingJobRequest::new(MediaReference::url("https://example.com/talk.mp4")),
            None,
        )
        .await
        .unwrap()
        .expect("an answer");
    let id = created["id"].as_str().expect("an id").to_owned();
    let job = client.get_ai_clipping_job(&id).await.unwrap();
    assert_eq!(job.id, id);
    let error = client
        .get_ai_clipping_job("never_created")
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
}

#[tokio::test]
async fn a_video_agent_session_makes_its_video_in_the_videos_group() {
    use heygen_api::video_agents::CreateVideoAgentSessionRequest;

    let (server, client) = simulator(Clock::Instant).await;
    let (receiver, verifier) = receiver(&client, ResponseTemplate::new(200)).await;
    let request = CreateVideoAgentSessionRequest::new("A 30 s product teaser");
    let video = client
        .create_video_agent_video_and_wait(&request, &WaitOptions::default())
        .await
        .unwrap();
    assert_eq!(video.status, VideoStatus::Completed);
    assert!(video.id.starts_with("vid_"), "{}", video.id);
    assert_eq!(client.get_video(&video.id).await.unwrap().id, video.id);
    // Its end is the videos group's: `avatar_video.success` to the receiver.
    let deliveries = delivered(&receiver, 1).await;
    let verified = verifier
        .verify(
            &deliveries[0].body,
            header_map_lookup(&deliveries[0].headers),
        )
        .unwrap();
    assert_eq!(
        verified.event.event_type,
        WebhookEventType::AvatarVideoSuccess
    );

    server
        .fail_next_job(
            "create_video_agent_session",
            "moderation",
            "the prompt was refused",
        )
        .unwrap();
    let error = client
        .create_video_agent_video_and_wait(&request, &WaitOptions::default())
        .await
        .unwrap_err();
    assert_eq!(
        failure_of(&error).1.as_deref(),
        Some("the prompt was refused")
    );
}

#[tokio::test]
async fn background_removals_and_proofreads_end_completed_or_failed_on_demand() {
    use heygen_api::background_removal::{
        BackgroundRemovalApi, BackgroundRemovalStatus, CreateBackgroundRemovalRequest,
    };
    use heygen_api::common::{MediaInput, MediaReference};
    use heygen_api::video_translations::{
        CreateVideoTranslationProofreadRequest, ProofreadStatus, VideoTranslationsApi,
    };

    let (server, client) = simulator(Clock::Stepped).await;
    let removal = CreateBackgroundRemovalRequest::new(MediaInput::url("https://example.com/a.mp4"));
    let created = client.create_background_removal(&removal).await.unwrap();
    assert_eq!(created.status, BackgroundRemovalStatus::Pending);
    server
        .fail_next_job(
            "create_background_removal",
            "no_subject",
            "no person in frame",
        )
        .unwrap();
    let failing = client.create_background_removal(&removal).await.unwrap();
    server.advance(Duration::from_secs(40));
    let done = client.get_background_removal(&created.id).await.unwrap();
    assert_eq!(done.status, BackgroundRemovalStatus::Completed);
    assert_eq!(done.error, None);
    let failed = client.get_background_removal(&failing.id).await.unwrap();
    assert_eq!(failed.status, BackgroundRemovalStatus::Failed);
    assert_eq!(failed.error.as_deref(), Some("no person in frame"));

    let proofread = CreateVideoTranslationProofreadRequest::new(
        MediaReference::url("https://example.com/talk.mp4"),
        ["de"],
        "Keynote",
    );
    let created = client
        .create_video_translation_proofread(&proofread, None)
        .await
        .unwrap();
    let id = &created.proofread_ids[0];
    assert_eq!(
        client
            .get_video_translation_proofread(id)
            .await
            .unwrap()
            .status,
        ProofreadStatus::Processing
    );
    server.advance(Duration::from_secs(40));
    let read = client.get_video_translation_proofread(id).await.unwrap();
    assert_eq!(read.status, ProofreadStatus::Completed);
    assert_eq!(
        read.title.as_deref(),
        Some("Keynote"),
        "the title sent is kept"
    );
}

#[tokio::test]
async fn a_brand_kit_loads_on_the_clock_and_can_fail_on_demand() {
    use heygen_api::brand::{BrandApi, BrandKitStatus, CreateBrandKitRequest};

    let (server, client) = simulator(Clock::Stepped).await;
    let request = CreateBrandKitRequest::new("https://acme.example");
    let created = client.create_brand_kit(&request, None).await.unwrap();
    let status = |id: String| {
        let client = client.clone();
        async move { client.get_brand_kit(&id).await.unwrap().status }
    };
    assert_eq!(
        status(created.brand_kit_id.clone()).await,
        BrandKitStatus::Loading
    );
    server
        .fail_next_job(
            "create_brand_kit",
            "import_failed",
            "the site could not be read",
        )
        .unwrap();
    let failing = client.create_brand_kit(&request, None).await.unwrap();
    server.advance(Duration::from_secs(40));
    assert_eq!(
        status(created.brand_kit_id).await,
        BrandKitStatus::Completed
    );
    assert_eq!(
        status(failing.brand_kit_id.clone()).await,
        BrandKitStatus::Error
    );
    let error = client
        .wait_for_brand_kit(&failing.brand_kit_id, &WaitOptions::default())
        .await
        .unwrap_err();
    failure_of(&error);
}

#[tokio::test]
async fn an_avatar_realtime_session_speaks_its_text_on_the_word_stream() {
    use futures::{StreamExt, TryStreamExt};
    use heygen_api::avatar_realtime::{AppendAvatarRealtimeTextRequest, AvatarRealtimeApi};

    let (_server, client) = simulator(Clock::Instant).await;
    let created = text_session(&client, "Once upon a time").await;
    client
        .append_avatar_realtime_text(
            &created.stream_id,
            &AppendAvatarRealtimeTextRequest::new(" there was a client.").r#final(true),
        )
        .await
        .unwrap();
    // Every subscriber gets the whole history, then `end`.
    for _ in 0..2 {
        let mut stream = client
            .stream_avatar_realtime_words(&created.stream_id)
            .await
            .unwrap();
        let batches: Vec<_> = stream.by_ref().try_collect().await.unwrap();
        let words: Vec<String> = batches
            .iter()
            .flat_map(|batch| batch.data().words.iter().map(|w| w.word.clone()))
            .collect();
        assert_eq!(
            words,
            ["Once", "upon", "a", "time", "there", "was", "a", "client."]
        );
        assert_eq!(
            stream.end_data().as_deref(),
            Some(r#"{"reason":"completed"}"#)
        );
    }
    let error = client
        .stream_avatar_realtime_words("never_created")
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
}

#[tokio::test]
async fn a_translation_per_output_language_listed_newest_first_with_realistic_fields() {
    use heygen_api::common::MediaReference;
    use heygen_api::hyperframes::{HyperframesApi, HyperframesRenderStatus};
    use heygen_api::video_translations::{
        CreateVideoTranslationRequest, ListVideoTranslationsQuery, VideoTranslationsApi,
    };

    let (server, client) = simulator(Clock::Stepped).await;
    let request = CreateVideoTranslationRequest::new(
        MediaReference::url("https://example.com/talk.mp4"),
        ["fr", "de", "es"],
    );
    let created = client
        .create_video_translation(&request, None)
        .await
        .unwrap();
    assert_eq!(created.video_translation_ids.len(), 3);
    let first = client
        .get_video_translation(&created.video_translation_ids[0])
        .await
        .unwrap();
    assert_eq!(first.output_language.as_deref(), Some("fr"));
    // Newest first: the last created comes first.
    let listed = client
        .list_video_translations(&ListVideoTranslationsQuery::new())
        .await
        .unwrap();
    let ids: Vec<&str> = listed.data.iter().map(|t| t.id.as_str()).collect();
    let mut expected: Vec<&str> = created
        .video_translation_ids
        .iter()
        .map(String::as_str)
        .collect();
    expected.reverse();
    assert_eq!(ids, expected);

    // A job not finished has no file or end time yet; a finished one has both.
    let render = client
        .create_hyperframes_render(&hyperframes_render().callback_id("order-7"), None)
        .await
        .unwrap();
    let queued = client
        .get_hyperframes_render(&render.render_id)
        .await
        .unwrap();
    assert_eq!(queued.status, HyperframesRenderStatus::Queued);
    assert_eq!(queued.video_url, None);
    assert_eq!(queued.completed_at, None);
    assert_eq!(queued.callback_id.as_deref(), Some("order-7"));
    server.advance(Duration::from_secs(40));
    let done = client
        .get_hyperframes_render(&render.render_id)
        .await
        .unwrap();
    assert_eq!(done.status, HyperframesRenderStatus::Completed);
    let url = done.video_url.expect("a finished render's file");
    assert!(
        url.starts_with("https://files.heygen.local/renders/"),
        "{url}"
    );
    assert!(done.completed_at.is_some());
}

#[tokio::test]
async fn uploaded_assets_are_listed_and_completing_twice_answers_the_same() {
    use heygen_api::assets::{AssetsApi, CompleteAssetDirectUploadRequest, ListAssetsQuery};
    use heygen_api::uploads::{AssetUpload, UploadsApi};

    let (server, client) = simulator(Clock::Instant).await;
    let first = client
        .upload(AssetUpload::bytes(vec![1u8; 10], "a.png", "image/png"))
        .await
        .unwrap();
    let second = client
        .upload_direct(AssetUpload::bytes(vec![2u8; 20], "b.mp4", "video/mp4"))
        .await
        .unwrap();
    let listed = client
        .list_assets(&ListAssetsQuery::new("local-user"))
        .await
        .unwrap();
    let ids: Vec<&str> = listed.data.iter().map(|asset| asset.id.as_str()).collect();
    assert_eq!(ids, [second.asset_id.as_str(), first.asset_id.as_str()]);
    let again = client
        .complete_asset_direct_upload(&second.asset_id, &CompleteAssetDirectUploadRequest::new())
        .await
        .unwrap();
    assert_eq!((again.status.as_str(), again.size_bytes), ("completed", 20));
    // Videos are the videos group's: told to fail with `fail_next_video`, not `fail_next_job`.
    let refused = server.fail_next_job("create_video", "x", "y").unwrap_err();
    assert!(refused.to_string().contains("fail_next_video"), "{refused}");
}

#[tokio::test]
async fn a_batch_makes_its_items_and_reports_their_statuses() {
    use heygen_api::common::{BatchStatus, MediaReference};
    use heygen_api::lipsync::{
        CreateLipsyncBatchRequest, CreateLipsyncRequest, GetLipsyncBatchQuery, LipsyncApi,
    };
    use heygen_api::videos::{CreateVideoBatchRequest, GetVideoBatchQuery};

    let (server, client) = simulator(Clock::Stepped).await;
    let (receiver, verifier) = receiver_for(
        &client,
        [WebhookEventType::BatchFinished],
        ResponseTemplate::new(200),
    )
    .await;
    // Videos: made in the videos group, one per item.
    let batch = CreateVideoBatchRequest::new(vec![avatar_video(), avatar_video()]);
    let created = client
        .create_video_batch(&batch, None)
        .await
        .unwrap()
        .unwrap();
    let batch_id = created["id"].as_str().unwrap().to_owned();
    let read = client
        .get_video_batch(&batch_id, &GetVideoBatchQuery::new())
        .await
        .unwrap();
    assert_eq!(read.data.total_items, 2);
    assert_eq!(read.data.status, BatchStatus::Processing);
    assert_eq!(read.data.counts_by_status["queued"], 2);
    let video_id = read.data.items[1].video_id.clone().unwrap();
    assert_eq!(
        client.get_video(&video_id).await.unwrap().status,
        VideoStatus::Pending
    );
    server.advance(Duration::from_secs(40));
    let read = client
        .get_video_batch(&batch_id, &GetVideoBatchQuery::new())
        .await
        .unwrap();
    assert_eq!(read.data.status, BatchStatus::Completed);
    assert_eq!(read.data.counts_by_status["completed"], 2);
    // Its end is one `batch.finished`, naming the batch.
    let deliveries = delivered(&receiver, 1).await;
    let verified = verifier
        .verify(
            &deliveries[0].body,
            header_map_lookup(&deliveries[0].headers),
        )
        .unwrap();
    assert_eq!(verified.event.event_type, WebhookEventType::BatchFinished);
    assert_eq!(verified.event.event_data["batch_id"], batch_id.as_str());

    // Lipsyncs: made in the lipsyncs collection, readable one by one.
    let lipsync = CreateLipsyncRequest::new(
        MediaReference::url("https://example.com/a.mp4"),
        MediaReference::asset_id("audio_1"),
    );
    let created = client
        .create_lipsync_batch(&CreateLipsyncBatchRequest::new(vec![lipsync]), None)
        .await
        .unwrap()
        .unwrap();
    let read = client
        .get_lipsync_batch(
            created["id"].as_str().unwrap(),
            &GetLipsyncBatchQuery::new(),
        )
        .await
        .unwrap();
    let lipsync_id = read.data.items[0].video_id.clone().unwrap();
    assert_eq!(
        client.get_lipsync(&lipsync_id).await.unwrap().id,
        lipsync_id
    );
}

#[tokio::test]
async fn a_streaming_session_has_its_hls_url_and_a_pending_one_does_not() {
    use heygen_api::avatar_realtime::{AvatarRealtimeApi, AvatarRealtimeSessionStatus};

    let (server, client) = simulator(Clock::Stepped).await;
    let created = text_session(&client, "Hello!").await;
    let pending = client
        .get_avatar_realtime_session(&created.stream_id)
        .await
        .unwrap();
    assert_eq!(pending.status, AvatarRealtimeSessionStatus::Pending);
    assert_eq!(pending.hls_url, None);
    server.advance(Duration::from_secs(6));
    let streaming = client
        .get_avatar_realtime_session(&created.stream_id)
        .await
        .unwrap();
    assert_eq!(streaming.status, AvatarRealtimeSessionStatus::Streaming);
    assert!(streaming.hls_url.is_some(), "{streaming:?}");
}
