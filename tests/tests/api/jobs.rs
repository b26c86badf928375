//! Waiting for videos, video translations, video-agent videos and lipsyncs: completed, failed
//! (HeyGen's code and message surfaced) and timed out.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use heygen_api::common::MediaReference;
use heygen_api::jobs::{JobKind, JobsApi, WaitOptions};
use heygen_api::lipsync::{CreateLipsyncRequest, LipsyncStatus};
use heygen_api::video_agents::CreateVideoAgentSessionRequest;
use heygen_api::video_translations::{CreateVideoTranslationRequest, VideoTranslationStatus};
use heygen_api::videos::{CreateVideoFromAvatar, CreateVideoRequest, VideoStatus};
use heygen_api::{Client, Error, JobError, RetryPolicy, Stage, idempotency_key};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{API_KEY, Sequence, client, data, header};

/// The pauses a wait asked for, recorded instead of slept.
#[derive(Clone, Default)]
struct Pauses(Arc<Mutex<Vec<Duration>>>);

impl Pauses {
    /// Default options without jitter.
    fn options(&self) -> WaitOptions {
        WaitOptions::default().jitter(0.0)
    }

    /// A client aimed at `server` whose waits (through its retry policy's sleeper, which also
    /// sleeps the waits) record their pauses here.
    fn client(&self, server: &MockServer) -> Client {
        let pauses = self.0.clone();
        let policy = RetryPolicy::default().jitter(0.0).sleeper(move |pause| {
            pauses.lock().unwrap().push(pause);
            Box::pin(async {})
        });
        Client::builder()
            .api_key(API_KEY)
            .base_url(server.uri())
            .retry_policy(policy)
            .build()
            .unwrap()
    }

    fn secs(&self) -> Vec<f64> {
        self.0
            .lock()
            .unwrap()
            .iter()
            .map(Duration::as_secs_f64)
            .collect()
    }
}

/// Instant pauses, no jitter, and a 10 s timeout: reads at 0, 2, 6 and 10 s, then it gives up.
fn ten_seconds() -> WaitOptions {
    WaitOptions::default()
        .jitter(0.0)
        .timeout(Duration::from_secs(10))
}

async fn mount(server: &MockServer, verb: &str, route: &str, answers: Vec<ResponseTemplate>) {
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(Sequence::new(answers))
        .mount(server)
        .await;
}

async fn requests_to(server: &MockServer, route: &str) -> usize {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|request| request.url.path() == route)
        .count()
}

/// The job error `error` holds, if it is one.
fn job_error(error: &Error) -> Option<&JobError> {
    match error {
        Error::Job(job) => Some(job),
        _ => None,
    }
}

fn video(id: &str, status: &str) -> ResponseTemplate {
    data(json!({"id": id, "status": status}))
}

fn avatar_video() -> CreateVideoRequest {
    CreateVideoFromAvatar::new("avatar_1").into()
}

// Videos.

#[tokio::test]
async fn a_created_video_is_polled_with_backoff_until_completed() {
    let server = MockServer::start().await;
    mount(
        &server,
        "POST",
        "/v3/videos",
        vec![data(json!({"video_id": "v1", "status": "waiting"}))],
    )
    .await;
    mount(
        &server,
        "GET",
        "/v3/videos/v1",
        vec![
            video("v1", "pending"),
            video("v1", "processing"),
            // A status this crate does not know means "still running".
            video("v1", "rendering"),
            data(json!({
                "id": "v1",
                "status": "completed",
                "video_url": "https://files.example/v1.mp4"
            })),
        ],
    )
    .await;
    let pauses = Pauses::default();
    let client = pauses.client(&server);
    let options = pauses.options();

    // The wait is `Send`: it can run on another task.
    let video = tokio::spawn(async move {
        client
            .create_video_and_wait(&avatar_video(), Some(idempotency_key!("video-1")), &options)
            .await
    })
    .await
    .unwrap()
    .unwrap();

    assert_eq!(video.status, VideoStatus::Completed);
    assert_eq!(
        video.video_url.as_deref(),
        Some("https://files.example/v1.mp4")
    );
    assert_eq!(pauses.secs(), [2.0, 4.0, 8.0]);
    assert_eq!(requests_to(&server, "/v3/videos/v1").await, 4);
    let create = &server.received_requests().await.unwrap()[0];
    assert_eq!(header(create, "idempotency-key"), Some("video-1"));
    assert_eq!(header(create, "x-api-key"), Some(API_KEY));
    let body: Value = serde_json::from_slice(&create.body).unwrap();
    assert_eq!(body, json!({"type": "avatar", "avatar_id": "avatar_1"}));
}

#[tokio::test]
async fn a_failed_video_surfaces_the_failure_code_and_message() {
    let server = MockServer::start().await;
    mount(
        &server,
        "GET",
        "/v3/videos/v2",
        vec![
            video("v2", "processing"),
            data(json!({
                "id": "v2",
                "status": "failed",
                "failure_code": "AVATAR_NOT_FOUND",
                "failure_message": "The avatar avatar_1 does not exist"
            })),
        ],
    )
    .await;

    let error = client(&server)
        .wait_for_video("v2", &WaitOptions::default())
        .await
        .unwrap_err();

    let Some(JobError::Failed(failed)) = job_error(&error) else {
        panic!("expected a job failure, got {error:?}");
    };
    assert_eq!(failed.kind(), JobKind::Video);
    assert_eq!(failed.id(), "v2");
    assert_eq!(failed.code(), Some("AVATAR_NOT_FOUND"));
    assert_eq!(failed.message(), Some("The avatar avatar_1 does not exist"));
    assert_eq!(failed.polls(), 2);
    assert_eq!(
        error.to_string(),
        "video `v2` failed: AVATAR_NOT_FOUND: The avatar avatar_1 does not exist"
    );
    assert_eq!(error.stage(), Stage::Job);
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn a_video_still_running_at_the_timeout_is_reported_with_its_last_status() {
    let server = MockServer::start().await;
    mount(
        &server,
        "GET",
        "/v3/videos/v3",
        vec![video("v3", "processing")],
    )
    .await;

    let error = client(&server)
        .wait_for_video("v3", &ten_seconds())
        .await
        .unwrap_err();

    let Some(JobError::TimedOut(late)) = job_error(&error) else {
        panic!("expected a timeout, got {error:?}");
    };
    assert_eq!(late.kind(), JobKind::Video);
    assert_eq!(late.id(), "v3");
    assert_eq!(late.last_status(), Some("processing"));
    assert_eq!(late.polls(), 4);
    assert!(
        late.waited() >= Duration::from_secs(10),
        "{:?}",
        late.waited()
    );
    assert_eq!(requests_to(&server, "/v3/videos/v3").await, 4);
    assert_eq!(error.stage(), Stage::Job);
    assert!(error.is_retryable());
    assert!(
        error
            .to_string()
            .starts_with("video `v3` did not finish within "),
        "{error}"
    );
}

#[tokio::test]
async fn a_failed_status_read_that_may_pass_keeps_polling_and_one_that_cannot_ends_the_wait() {
    let server = MockServer::start().await;
    mount(
        &server,
        "GET",
        "/v3/videos/v4",
        vec![
            ResponseTemplate::new(503).set_body_string("upstream unavailable"),
            video("v4", "completed"),
        ],
    )
    .await;
    mount(
        &server,
        "GET",
        "/v3/videos/gone",
        vec![ResponseTemplate::new(404).set_body_json(json!({
            "error": {"code": "video_not_found", "message": "no such video"}
        }))],
    )
    .await;
    // Without retries, the 503 reaches the wait itself.
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();

    let video = client
        .wait_for_video("v4", &WaitOptions::default())
        .await
        .unwrap();
    assert_eq!(video.status, VideoStatus::Completed);
    assert_eq!(requests_to(&server, "/v3/videos/v4").await, 2);

    let error = client
        .wait_for_video("gone", &WaitOptions::default())
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|status| status.as_u16()), Some(404));
    assert_eq!(requests_to(&server, "/v3/videos/gone").await, 1);
}

// Video translations.

fn translation(id: &str, status: &str) -> ResponseTemplate {
    data(json!({"id": id, "status": status}))
}

#[tokio::test]
async fn every_translation_of_a_create_is_waited_for_in_order() {
    let server = MockServer::start().await;
    mount(
        &server,
        "POST",
        "/v3/video-translations",
        vec![data(json!({"video_translation_ids": ["vt_fr", "vt_de"]}))],
    )
    .await;
    mount(
        &server,
        "GET",
        "/v3/video-translations/vt_fr",
        vec![
            translation("vt_fr", "running"),
            translation("vt_fr", "completed"),
        ],
    )
    .await;
    mount(
        &server,
        "GET",
        "/v3/video-translations/vt_de",
        vec![translation("vt_de", "completed")],
    )
    .await;
    let request = CreateVideoTranslationRequest::new(
        MediaReference::Url {
            url: "https://media.example/talk.mp4".into(),
        },
        ["fr", "de"],
    );

    let translations = client(&server)
        .create_video_translation_and_wait(&request, None, &WaitOptions::default())
        .await
        .unwrap();

    let read: Vec<(&str, &VideoTranslationStatus)> = translations
        .iter()
        .map(|translation| (translation.id.as_str(), &translation.status))
        .collect();
    assert_eq!(
        read,
        [
            ("vt_fr", &VideoTranslationStatus::Completed),
            ("vt_de", &VideoTranslationStatus::Completed)
        ]
    );
    assert_eq!(
        requests_to(&server, "/v3/video-translations/vt_fr").await,
        2
    );
    assert_eq!(
        requests_to(&server, "/v3/video-translations/vt_de").await,
        1
    );
}

#[tokio::test]
async fn a_failed_translation_surfaces_its_message() {
    let server = MockServer::start().await;
    mount(
        &server,
        "GET",
        "/v3/video-translations/vt_1",
        vec![data(json!({
            "id": "vt_1",
            "status": "failed",
            "failure_message": "no speech detected"
        }))],
    )
    .await;

    let error = client(&server)
        .wait_for_video_translation("vt_1", &WaitOptions::default())
        .await
        .unwrap_err();

    let Some(JobError::Failed(failed)) = job_error(&error) else {
        panic!("expected a job failure, got {error:?}");
    };
    assert_eq!(
        (failed.kind(), failed.code(), failed.message()),
        (JobKind::VideoTranslation, None, Some("no speech detected"))
    );
    assert_eq!(
        error.to_string(),
        "video translation `vt_1` failed: no speech detected"
    );
}

#[tokio::test]
async fn a_translation_still_running_at_the_timeout_is_reported() {
    let server = MockServer::start().await;
    mount(
        &server,
        "GET",
        "/v3/video-translations/vt_2",
        vec![translation("vt_2", "pending")],
    )
    .await;

    let error = client(&server)
        .wait_for_video_translation("vt_2", &ten_seconds())
        .await
        .unwrap_err();

    let Some(JobError::TimedOut(late)) = job_error(&error) else {
        panic!("expected a timeout, got {error:?}");
    };
    assert_eq!(
        (late.kind(), late.id(), late.last_status(), late.polls()),
        (JobKind::VideoTranslation, "vt_2", Some("pending"), 4)
    );
}

// Video-agent videos.

#[tokio::test]
async fn a_video_agent_video_is_polled_on_the_videos_endpoint() {
    let server = MockServer::start().await;
    mount(
        &server,
        "POST",
        "/v3/video-agents",
        vec![data(json!({
            "created_at": 1_700_000_000,
            "session_id": "s1",
            "status": "generating",
            "video_id": "v9"
        }))],
    )
    .await;
    mount(
        &server,
        "GET",
        "/v3/videos/v9",
        vec![video("v9", "processing"), video("v9", "completed")],
    )
    .await;

    let video = client(&server)
        .create_video_agent_video_and_wait(
            &CreateVideoAgentSessionRequest::new("A 30 second product teaser"),
            &WaitOptions::default(),
        )
        .await
        .unwrap();

    assert_eq!(
        (video.id.as_str(), &video.status),
        ("v9", &VideoStatus::Completed)
    );
    assert_eq!(requests_to(&server, "/v3/videos/v9").await, 2);
    let create = &server.received_requests().await.unwrap()[0];
    let body: Value = serde_json::from_slice(&create.body).unwrap();
    assert_eq!(body, json!({"prompt": "A 30 second product teaser"}));
    // The operation is not idempotent: no key is sent.
    assert_eq!(header(create, "idempotency-key"), None);
}

#[tokio::test]
async fn a_session_without_a_video_yet_is_read_until_it_names_one() {
    let server = MockServer::start().await;
    mount(
        &server,
        "POST",
        "/v3/video-agents",
        vec![data(
            json!({"created_at": 1, "session_id": "s2", "status": "thinking"}),
        )],
    )
    .await;
    mount(
        &server,
        "GET",
        "/v3/video-agents/s2",
        vec![
            data(json!({"created_at": 1, "session_id": "s2", "status": "thinking"})),
            data(json!({
                "created_at": 1,
                "session_id": "s2",
                "status": "generating",
                "video_id": "v10"
            })),
        ],
    )
    .await;
    mount(
        &server,
        "GET",
        "/v3/videos/v10",
        vec![video("v10", "completed")],
    )
    .await;

    let video = client(&server)
        .create_video_agent_video_and_wait(
            &CreateVideoAgentSessionRequest::new("teaser"),
            &WaitOptions::default(),
        )
        .await
        .unwrap();

    assert_eq!(video.id, "v10");
    assert_eq!(requests_to(&server, "/v3/video-agents/s2").await, 2);
}

#[tokio::test]
async fn a_failed_video_agent_video_surfaces_the_failure_code_and_message() {
    let server = MockServer::start().await;
    mount(
        &server,
        "GET",
        "/v3/video-agents/s3",
        vec![data(json!({
            "created_at": 1,
            "session_id": "s3",
            "status": "generating",
            "video_id": "v11"
        }))],
    )
    .await;
    mount(
        &server,
        "GET",
        "/v3/videos/v11",
        vec![data(json!({
            "id": "v11",
            "status": "failed",
            "failure_code": "RENDER_ERROR",
            "failure_message": "scene 2 could not be rendered"
        }))],
    )
    .await;

    let error = client(&server)
        .wait_for_video_agent_video("s3", &WaitOptions::default())
        .await
        .unwrap_err();

    assert_eq!(
        error.to_string(),
        "video `v11` failed: RENDER_ERROR: scene 2 could not be rendered"
    );
}

#[tokio::test]
async fn a_failed_session_surfaces_its_latest_error_message() {
    let server = MockServer::start().await;
    mount(
        &server,
        "GET",
        "/v3/video-agents/s4",
        vec![data(json!({
            "created_at": 1,
            "session_id": "s4",
            "status": "failed",
            "messages": [
                {"content": "Prompt violates the content policy", "role": "model", "type": "error"},
                {"content": "Working on it", "role": "model", "type": "text"}
            ]
        }))],
    )
    .await;

    let error = client(&server)
        .wait_for_video_agent_video("s4", &WaitOptions::default())
        .await
        .unwrap_err();

    let Some(JobError::Failed(failed)) = job_error(&error) else {
        panic!("expected a job failure, got {error:?}");
    };
    assert_eq!(failed.kind(), JobKind::VideoAgentSession);
    assert_eq!(failed.message(), Some("Prompt violates the content policy"));
}

#[tokio::test]
async fn one_timeout_covers_the_session_and_its_video() {
    let server = MockServer::start().await;
    mount(
        &server,
        "GET",
        "/v3/video-agents/s5",
        vec![
            data(json!({"created_at": 1, "session_id": "s5", "status": "thinking"})),
            data(json!({
                "created_at": 1,
                "session_id": "s5",
                "status": "generating",
                "video_id": "v12"
            })),
        ],
    )
    .await;
    mount(
        &server,
        "GET",
        "/v3/videos/v12",
        vec![video("v12", "processing")],
    )
    .await;

    let error = client(&server)
        .wait_for_video_agent_video("s5", &ten_seconds())
        .await
        .unwrap_err();

    let Some(JobError::TimedOut(late)) = job_error(&error) else {
        panic!("expected a timeout, got {error:?}");
    };
    // Session reads at 0 and 2 s; the video's at 2, 4 and 8 s, and at the deadline (10 s).
    assert_eq!(
        (late.kind(), late.id(), late.last_status(), late.polls()),
        (JobKind::Video, "v12", Some("processing"), 4)
    );
    assert_eq!(requests_to(&server, "/v3/video-agents/s5").await, 2);
    assert_eq!(requests_to(&server, "/v3/videos/v12").await, 4);
}

// Lipsyncs.

fn lipsync_request() -> CreateLipsyncRequest {
    CreateLipsyncRequest::new(
        MediaReference::AssetId {
            asset_id: "video_asset".into(),
        },
        MediaReference::AssetId {
            asset_id: "audio_asset".into(),
        },
    )
}

#[tokio::test]
async fn a_created_lipsync_is_polled_until_completed() {
    let server = MockServer::start().await;
    mount(
        &server,
        "POST",
        "/v3/lipsyncs",
        vec![data(json!({"lipsync_id": "ls_1"}))],
    )
    .await;
    mount(
        &server,
        "GET",
        "/v3/lipsyncs/ls_1",
        vec![
            data(json!({"id": "ls_1", "status": "pending"})),
            data(json!({"id": "ls_1", "status": "running"})),
            data(json!({
                "id": "ls_1",
                "status": "completed",
                "video_url": "https://files.example/ls_1.mp4"
            })),
        ],
    )
    .await;
    let pauses = Pauses::default();

    let lipsync = pauses
        .client(&server)
        .create_lipsync_and_wait(&lipsync_request(), None, &pauses.options())
        .await
        .unwrap();

    assert_eq!(lipsync.status, LipsyncStatus::Completed);
    assert_eq!(
        lipsync.video_url.as_deref(),
        Some("https://files.example/ls_1.mp4")
    );
    assert_eq!(pauses.secs(), [2.0, 4.0]);
    let create = &server.received_requests().await.unwrap()[0];
    let body: Value = serde_json::from_slice(&create.body).unwrap();
    assert_eq!(
        body,
        json!({
            "audio": {"type": "asset_id", "asset_id": "audio_asset"},
            "video": {"type": "asset_id", "asset_id": "video_asset"}
        })
    );
}

#[tokio::test]
async fn a_failed_lipsync_surfaces_its_message() {
    let server = MockServer::start().await;
    mount(
        &server,
        "GET",
        "/v3/lipsyncs/ls_2",
        vec![data(json!({
            "id": "ls_2",
            "status": "failed",
            "failure_message": "audio is longer than the video"
        }))],
    )
    .await;

    let error = client(&server)
        .wait_for_lipsync("ls_2", &WaitOptions::default())
        .await
        .unwrap_err();

    let Some(JobError::Failed(failed)) = job_error(&error) else {
        panic!("expected a job failure, got {error:?}");
    };
    assert_eq!(
        (failed.kind(), failed.id(), failed.polls()),
        (JobKind::Lipsync, "ls_2", 1)
    );
    assert_eq!(
        error.to_string(),
        "lipsync `ls_2` failed: audio is longer than the video"
    );
}

#[tokio::test]
async fn a_lipsync_still_running_at_the_timeout_is_reported() {
    let server = MockServer::start().await;
    mount(
        &server,
        "GET",
        "/v3/lipsyncs/ls_3",
        vec![data(json!({"id": "ls_3", "status": "running"}))],
    )
    .await;

    let error = client(&server)
        .wait_for_lipsync("ls_3", &ten_seconds())
        .await
        .unwrap_err();

    let Some(JobError::TimedOut(late)) = job_error(&error) else {
        panic!("expected a timeout, got {error:?}");
    };
    assert_eq!(
        (late.kind(), late.id(), late.last_status(), late.polls()),
        (JobKind::Lipsync, "ls_3", Some("running"), 4)
    );
}

#[tokio::test]
async fn a_hyperframes_render_is_polled_until_completed_and_a_failed_one_says_why() {
    let server = MockServer::start().await;
    let render = |status: &str| {
        data(
            json!({"render_id": "hf_1", "format": "mp4", "status": status,
                    "video_url": "https://files.example/hf_1.mp4"}),
        )
    };
    mount(
        &server,
        "GET",
        "/v3/hyperframes/renders/hf_1",
        vec![render("queued"), render("rendering"), render("completed")],
    )
    .await;
    mount(
        &server,
        "GET",
        "/v3/hyperframes/renders/hf_2",
        vec![data(
            json!({"render_id": "hf_2", "format": "webm", "status": "failed",
                         "failure_message": "composition did not load"}),
        )],
    )
    .await;
    let client = client(&server);

    let done = client
        .wait_for_hyperframes_render("hf_1", &ten_seconds())
        .await
        .unwrap();
    assert_eq!(
        done.video_url.as_deref(),
        Some("https://files.example/hf_1.mp4")
    );
    assert_eq!(
        requests_to(&server, "/v3/hyperframes/renders/hf_1").await,
        3
    );

    let error = client
        .wait_for_hyperframes_render("hf_2", &ten_seconds())
        .await
        .unwrap_err();
    let Some(JobError::Failed(failed)) = job_error(&error) else {
        panic!("expected a job failure, got {error:?}");
    };
    assert_eq!(failed.kind(), JobKind::HyperframesRender);
    assert_eq!(
        error.to_string(),
        "HyperFrames render `hf_2` failed: composition did not load"
    );
}

#[tokio::test]
async fn a_brand_kit_is_created_with_its_key_and_waited_for_until_its_import_completes() {
    let server = MockServer::start().await;
    mount(
        &server,
        "POST",
        "/v3/brand-kits",
        vec![data(json!({"brand_kit_id": "bk_1", "status": "loading"}))],
    )
    .await;
    let kit =
        |status: &str| data(json!({"brand_kit_id": "bk_1", "name": "Acme", "status": status}));
    mount(
        &server,
        "GET",
        "/v3/brand-kits/bk_1",
        vec![kit("loading"), kit("completed")],
    )
    .await;
    mount(
        &server,
        "GET",
        "/v3/brand-kits/bk_2",
        vec![data(
            json!({"brand_kit_id": "bk_2", "name": "Broken", "status": "error"}),
        )],
    )
    .await;
    let client = client(&server);

    let request = heygen_api::brand::CreateBrandKitRequest::new("https://acme.example");
    let done = client
        .create_brand_kit_and_wait(&request, Some(idempotency_key!("kit-acme")), &ten_seconds())
        .await
        .unwrap();
    assert_eq!(done.name, "Acme");
    let sent = server.received_requests().await.unwrap();
    let create = sent.iter().find(|r| r.method.as_str() == "POST").unwrap();
    assert_eq!(header(create, "idempotency-key"), Some("kit-acme"));

    let error = client
        .wait_for_brand_kit("bk_2", &ten_seconds())
        .await
        .unwrap_err();
    let Some(JobError::Failed(failed)) = job_error(&error) else {
        panic!("expected a job failure, got {error:?}");
    };
    assert_eq!((failed.kind(), failed.id()), (JobKind::BrandKit, "bk_2"));
}

#[tokio::test]
async fn a_filler_word_removal_is_waited_for_to_success_and_to_failure() {
    let server = MockServer::start().await;
    let job = |status: &str| data(json!({"id": "fw_1", "status": status, "progress": 50}));
    mount(
        &server,
        "GET",
        "/v3/filler-word-removals/fw_1",
        vec![job("pending"), job("running"), job("completed")],
    )
    .await;
    mount(
        &server,
        "GET",
        "/v3/filler-word-removals/fw_2",
        vec![data(
            json!({"id": "fw_2", "status": "failed", "failure_message": "no speech found"}),
        )],
    )
    .await;
    let client = client(&server);

    let done = client
        .wait_for_filler_word_removal("fw_1", &ten_seconds())
        .await
        .unwrap();
    assert_eq!(done.id, "fw_1");

    let error = client
        .wait_for_filler_word_removal("fw_2", &ten_seconds())
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "filler-word removal `fw_2` failed: no speech found"
    );
}
