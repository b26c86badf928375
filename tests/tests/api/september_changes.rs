//! The 18 catalog operations HeyGen changed in its document of 2026-09-07
//! (`spec/september-changes.md`, applied by `codegen/config/september.toml`): each new or changed
//! field exactly as it goes on the wire, and each deprecated one still sent as set.

use std::future::Future;

use heygen_api::ai_clipping::{
    AiClippingApi, AiClippingOutputSettings, CaptionStylePreset, CreateAiClippingJobRequest,
};
use heygen_api::assets::{AssetsApi, CompleteAssetDirectUploadBatchRequest};
use heygen_api::avatars::{
    AvatarsApi, CreateAvatarRequest, CreatePromptAvatarRequest, PromptAvatarAspectRatio,
};
use heygen_api::common::{MediaInput, MediaReference};
use heygen_api::lipsync::{CreateLipsyncBatchRequest, CreateLipsyncRequest, LipsyncApi};
use heygen_api::templates::{GenerateVideoFromTemplateRequest, TemplatesApi};
use heygen_api::video_agents::{CreateVideoAgentSessionRequest, VideoAgentsApi};
use heygen_api::video_translations::{
    CreateVideoTranslationBatchRequest, CreateVideoTranslationProofreadRequest,
    CreateVideoTranslationRequest, GenerateVideoTranslationFromProofreadRequest,
    VideoTranslationsApi,
};
use heygen_api::videos::{
    AvatarVideoScene, CinematicAspectRatio, CreateVideoBatchRequest, CreateVideoFromAvatar,
    CreateVideoFromCinematicAvatar, CreateVideoFromImage, CreateVideoFromStudio,
    CreateVideoRequest, ScenePlayback, ScenePlaybackMode, StudioAvatarInput, StudioSceneInput,
    VideoScene, VideosApi, VoiceSettings,
};
use heygen_api::webhooks::{
    CreateWebhookEndpointRequest, ListWebhookEventsQuery, UpdateWebhookEndpointRequest,
    WebhookEventType, WebhooksApi,
};
use heygen_api::{Client, idempotency_key};
use serde_json::{Value, json};
use wiremock::{MockServer, Request, ResponseTemplate};

use crate::support::{
    answer_all, assert_api_request, assert_generated_key, client, header, only_request,
};

/// Answers one call with `status` and `{"data": data}`, and returns its result and the one
/// request it sent.
async fn exchange<T, F, Fut>(status: u16, data: Value, call: F) -> (T, Request)
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = heygen_api::Result<T>>,
{
    let server = MockServer::start().await;
    answer_all(
        &server,
        ResponseTemplate::new(status).set_body_json(json!({ "data": data })),
    )
    .await;
    let result = call(client(&server))
        .await
        .unwrap_or_else(|error| panic!("the call failed: {error}"));
    (result, only_request(&server).await)
}

fn created_video() -> Value {
    json!({"video_id": "vid_1", "status": "pending"})
}

fn url(url: &str) -> MediaInput {
    MediaInput::url(url)
}

// Fact 1: a studio avatar-video scene takes an avatar only (a photo avatar's look for a
// talking photo); `StudioImageInput` is gone, so code building the old input does not compile.

#[tokio::test]
async fn a_studio_avatar_scene_sends_the_avatar_input() {
    let input: StudioSceneInput = StudioAvatarInput::new("photo_look_1")
        .script("Hi")
        .voice_id("voice_1")
        .into();
    let request: CreateVideoRequest =
        CreateVideoFromStudio::new(vec![AvatarVideoScene::new(input).into()]).into();
    let (_, sent) = exchange(200, created_video(), |client| async move {
        client.create_video(&request, None).await
    })
    .await;
    assert_api_request(
        &sent,
        "POST",
        "/v3/videos",
        None,
        Some(
            json!({"type": "studio", "scenes": [{"type": "avatar_video", "input": {
            "type": "avatar", "avatar_id": "photo_look_1", "script": "Hi", "voice_id": "voice_1"}}]}),
        ),
    );
}

// Fact 2: a cinematic avatar video is 16:9, 9:16 or 1:1 only.

#[tokio::test]
async fn a_cinematic_video_sends_its_aspect_ratio_and_folder() {
    let request: CreateVideoRequest = CreateVideoFromCinematicAvatar::new("A walk", ["look_1"])
        .aspect_ratio(CinematicAspectRatio::Ratio1x1)
        .folder_id("folder_9")
        .into();
    let (_, sent) = exchange(200, created_video(), |client| async move {
        client.create_video(&request, None).await
    })
    .await;
    assert_api_request(
        &sent,
        "POST",
        "/v3/videos",
        None,
        Some(
            json!({"type": "cinematic_avatar", "prompt": "A walk", "avatar_id": ["look_1"],
                    "aspect_ratio": "1:1", "folder_id": "folder_9"}),
        ),
    );
    assert_eq!(
        CinematicAspectRatio::KNOWN,
        &[
            CinematicAspectRatio::Ratio16x9,
            CinematicAspectRatio::Ratio9x16,
            CinematicAspectRatio::Ratio1x1
        ]
    );
}

// Facts 9 and 10: `brand_glossary_id` and `folder_id` on avatar, image and studio videos.

#[tokio::test]
async fn avatar_image_and_studio_videos_send_the_glossary_and_the_folder() {
    let cases: [(CreateVideoRequest, Value); 3] = [
        (
            CreateVideoFromAvatar::new("avatar_1")
                .brand_glossary_id("gl_1")
                .folder_id("folder_1")
                .into(),
            json!({"type": "avatar", "avatar_id": "avatar_1", "brand_glossary_id": "gl_1",
                   "folder_id": "folder_1"}),
        ),
        (
            CreateVideoFromImage::new(url("https://media.example/face.png"))
                .brand_glossary_id("gl_2")
                .folder_id("folder_2")
                .into(),
            json!({"type": "image", "image": {"type": "url", "url": "https://media.example/face.png"},
                   "brand_glossary_id": "gl_2", "folder_id": "folder_2"}),
        ),
        (
            CreateVideoFromStudio::new(vec![])
                .brand_glossary_id("gl_3")
                .folder_id("folder_3")
                .into(),
            json!({"type": "studio", "scenes": [], "brand_glossary_id": "gl_3",
                   "folder_id": "folder_3"}),
        ),
    ];
    for (request, body) in cases {
        let (_, sent) = exchange(200, created_video(), |client| async move {
            client.create_video(&request, None).await
        })
        .await;
        assert_api_request(&sent, "POST", "/v3/videos", None, Some(body));
    }
}

// Fact 12: a studio video scene carries a voiceover and a playback mode.

#[tokio::test]
async fn a_studio_video_scene_sends_its_voiceover_and_playback_mode() {
    let scene = VideoScene::new(url("https://media.example/clip.mp4"))
        .script("Over the clip")
        .voice_id("voice_2")
        .audio_url("https://media.example/vo.mp3")
        .audio_asset_id("asset_vo")
        .voice_settings(VoiceSettings::new().speed(1.2))
        .playback(ScenePlayback::new().mode(ScenePlaybackMode::FitToScene));
    let request: CreateVideoRequest = CreateVideoFromStudio::new(vec![scene.into()]).into();
    let (_, sent) = exchange(200, created_video(), |client| async move {
        client.create_video(&request, None).await
    })
    .await;
    assert_api_request(
        &sent,
        "POST",
        "/v3/videos",
        None,
        Some(json!({"type": "studio", "scenes": [{
            "type": "video",
            "source": {"type": "url", "url": "https://media.example/clip.mp4"},
            "script": "Over the clip",
            "voice_id": "voice_2",
            "audio_url": "https://media.example/vo.mp3",
            "audio_asset_id": "asset_vo",
            "voice_settings": {"speed": 1.2},
            "playback": {"mode": "fit_to_scene"}
        }]})),
    );
}

// Facts 11 and 14: a video batch has its own folder and an Idempotency-Key.

#[tokio::test]
async fn a_video_batch_sends_its_folder_and_a_key() {
    let request = CreateVideoBatchRequest::new(vec![
        CreateVideoFromAvatar::new("avatar_1")
            .brand_glossary_id("gl_1")
            .into(),
    ])
    .folder_id("folder_b");
    let (_, sent) = exchange(202, json!({}), |client| async move {
        client
            .create_video_batch(&request, Some(idempotency_key!("video-batch-1")))
            .await
    })
    .await;
    assert_api_request(
        &sent,
        "POST",
        "/v3/videos/batches",
        None,
        Some(json!({"folder_id": "folder_b", "videos": [
            {"type": "avatar", "avatar_id": "avatar_1", "brand_glossary_id": "gl_1"}]})),
    );
    assert_eq!(header(&sent, "idempotency-key"), Some("video-batch-1"));
}

#[tokio::test]
async fn completing_a_direct_upload_batch_sends_a_fresh_key_when_none_is_given() {
    let request = CompleteAssetDirectUploadBatchRequest::new("batch_7");
    let (_, sent) = exchange(202, json!({}), |client| async move {
        client
            .complete_asset_direct_upload_batch(&request, None)
            .await
    })
    .await;
    assert_api_request(
        &sent,
        "POST",
        "/v3/assets/complete/batches",
        None,
        Some(json!({"batch_id": "batch_7"})),
    );
    assert_generated_key(header(&sent, "idempotency-key"));
}

// Fact 3: AI-clipping `caption_style` is a preset.

#[tokio::test]
async fn ai_clipping_sends_a_caption_preset_and_reads_one_back() {
    let request =
        CreateAiClippingJobRequest::new(MediaReference::url("https://media.example/talk.mp4"))
            .output_settings(
                AiClippingOutputSettings::new().caption_style(CaptionStylePreset::RetroGold),
            );
    let (_, sent) = exchange(202, json!({}), |client| async move {
        client.create_ai_clipping_job(&request, None).await
    })
    .await;
    assert_api_request(
        &sent,
        "POST",
        "/v3/ai-clipping",
        None,
        Some(
            json!({"video": {"type": "url", "url": "https://media.example/talk.mp4"},
                    "output_settings": {"caption_style": "retro_gold"}}),
        ),
    );

    let (job, _) = exchange(
        200,
        json!({"id": "clip_1", "status": "completed",
               "output_settings": {"caption_style": "outline_classic"}}),
        |client| async move { client.get_ai_clipping_job("clip_1").await },
    )
    .await;
    assert_eq!(
        job.output_settings.unwrap().caption_style,
        Some(CaptionStylePreset::OutlineClassic)
    );
}

// Fact 13: a prompt avatar's aspect ratio.

#[tokio::test]
async fn a_prompt_avatar_sends_its_aspect_ratio() {
    let request: CreateAvatarRequest = CreatePromptAvatarRequest::new("Ada", "A friendly host")
        .aspect_ratio(PromptAvatarAspectRatio::Ratio4x5)
        .into();
    let (_, sent) = exchange(200, json!({}), |client| async move {
        client.create_avatar(&request, None).await
    })
    .await;
    assert_api_request(
        &sent,
        "POST",
        "/v3/avatars",
        None,
        Some(
            json!({"type": "prompt", "name": "Ada", "prompt": "A friendly host",
                    "aspect_ratio": "4:5"}),
        ),
    );
}

// Facts 7, 8 and 5: `brand_glossary_id` on templates and video agents, beside the legacy alias.

#[tokio::test]
async fn a_template_video_sends_the_glossary() {
    let request =
        GenerateVideoFromTemplateRequest::new(serde_json::Map::new()).brand_glossary_id("gl_t");
    let (_, sent) = exchange(
        200,
        json!({"id": "vid_2", "status": "pending"}),
        |client| async move {
            client
                .generate_video_from_template("tpl_1", &request, None)
                .await
        },
    )
    .await;
    assert_api_request(
        &sent,
        "POST",
        "/v3/templates/tpl_1",
        None,
        Some(json!({"variables": {}, "brand_glossary_id": "gl_t"})),
    );
}

#[tokio::test]
async fn a_video_agent_session_sends_the_glossary() {
    let request = CreateVideoAgentSessionRequest::new("Explain rust").brand_glossary_id("gl_a");
    let (_, sent) = exchange(
        200,
        json!({"created_at": 1, "session_id": "s_1", "status": "generating"}),
        |client| async move { client.create_video_agent_session(&request).await },
    )
    .await;
    assert_api_request(
        &sent,
        "POST",
        "/v3/video-agents",
        None,
        Some(json!({"prompt": "Explain rust", "brand_glossary_id": "gl_a"})),
    );
}

// Facts 4 and 5: the deprecated fields stay usable and go on the wire as set (HeyGen ignores
// `enable_caption` and `captions`, and reads `brand_voice_id` as `brand_glossary_id`).

#[tokio::test]
#[allow(deprecated)]
async fn deprecated_caption_and_brand_voice_fields_are_still_sent_as_set() {
    let video = || MediaReference::url("https://media.example/talk.mp4");
    let audio = || MediaReference::url("https://media.example/voice.mp3");

    let translation = CreateVideoTranslationRequest::new(video(), ["ja"])
        .enable_caption(true)
        .brand_voice_id("gl_legacy");
    let (_, sent) = exchange(
        200,
        json!({"video_translation_ids": ["vt_1"]}),
        |client| async move { client.create_video_translation(&translation, None).await },
    )
    .await;
    let body: Value = serde_json::from_slice(&sent.body).unwrap();
    assert_eq!(body["enable_caption"], json!(true));
    assert_eq!(body["brand_voice_id"], json!("gl_legacy"));

    let batch = CreateVideoTranslationBatchRequest::new(vec![
        CreateVideoTranslationRequest::new(video(), ["fr"]).enable_caption(false),
    ]);
    let (_, sent) = exchange(202, json!({}), |client| async move {
        client.create_video_translation_batch(&batch, None).await
    })
    .await;
    let body: Value = serde_json::from_slice(&sent.body).unwrap();
    assert_eq!(
        body["video_translations"][0]["enable_caption"],
        json!(false)
    );

    let proofread = CreateVideoTranslationProofreadRequest::new(video(), ["de"], "Check")
        .brand_voice_id("gl_p");
    let (_, sent) = exchange(
        200,
        json!({"proofread_ids": ["p_1"], "status": "processing"}),
        |client| async move {
            client
                .create_video_translation_proofread(&proofread, None)
                .await
        },
    )
    .await;
    let body: Value = serde_json::from_slice(&sent.body).unwrap();
    assert_eq!(body["brand_voice_id"], json!("gl_p"));

    let generate = GenerateVideoTranslationFromProofreadRequest::new().captions(true);
    let (_, sent) = exchange(
        200,
        json!({"status": "completed", "video_translation_id": "vt_2"}),
        |client| async move {
            client
                .generate_video_translation_from_proofread("p_1", &generate, None)
                .await
        },
    )
    .await;
    assert_api_request(
        &sent,
        "POST",
        "/v3/video-translations/proofreads/p_1/generate",
        None,
        Some(json!({"captions": true})),
    );

    let lipsync = CreateLipsyncRequest::new(video(), audio()).enable_caption(true);
    let (_, sent) = exchange(200, json!({"lipsync_id": "ls_1"}), |client| async move {
        client.create_lipsync(&lipsync, None).await
    })
    .await;
    let body: Value = serde_json::from_slice(&sent.body).unwrap();
    assert_eq!(body["enable_caption"], json!(true));

    let lipsyncs = CreateLipsyncBatchRequest::new(vec![
        CreateLipsyncRequest::new(video(), audio()).enable_caption(false),
    ]);
    let (_, sent) = exchange(202, json!({}), |client| async move {
        client.create_lipsync_batch(&lipsyncs, None).await
    })
    .await;
    let body: Value = serde_json::from_slice(&sent.body).unwrap();
    assert_eq!(body["lipsyncs"][0]["enable_caption"], json!(false));

    let template =
        GenerateVideoFromTemplateRequest::new(serde_json::Map::new()).brand_voice_id("gl_v");
    let (_, sent) = exchange(
        200,
        json!({"id": "vid_3", "status": "pending"}),
        |client| async move {
            client
                .generate_video_from_template("tpl_2", &template, None)
                .await
        },
    )
    .await;
    let body: Value = serde_json::from_slice(&sent.body).unwrap();
    assert_eq!(body["brand_voice_id"], json!("gl_v"));
}

// Fact 6: four webhook event types.

#[tokio::test]
async fn webhook_endpoints_subscribe_to_the_new_event_types() {
    let endpoint = json!({"endpoint_id": "ep_1", "url": "https://hooks.example/h",
        "status": "enabled", "created_at": "2026-09-07T00:00:00Z",
        "events": ["filler_word_removal.success", "podcast.fail"]});
    let create = CreateWebhookEndpointRequest::new("https://hooks.example/h").events([
        WebhookEventType::FillerWordRemovalSuccess,
        WebhookEventType::FillerWordRemovalFail,
    ]);
    let (created, sent) = exchange(200, endpoint.clone(), |client| async move {
        client.create_webhook_endpoint(&create, None).await
    })
    .await;
    assert_api_request(
        &sent,
        "POST",
        "/v3/webhooks/endpoints",
        None,
        Some(json!({"url": "https://hooks.example/h",
                    "events": ["filler_word_removal.success", "filler_word_removal.fail"]})),
    );
    assert_eq!(
        created.events,
        Some(vec![
            WebhookEventType::FillerWordRemovalSuccess,
            WebhookEventType::PodcastFail
        ])
    );

    let update = UpdateWebhookEndpointRequest::new().events([
        WebhookEventType::PodcastSuccess,
        WebhookEventType::PodcastFail,
    ]);
    let (_, sent) = exchange(200, endpoint, |client| async move {
        client.update_webhook_endpoint("ep_1", &update).await
    })
    .await;
    assert_api_request(
        &sent,
        "PATCH",
        "/v3/webhooks/endpoints/ep_1",
        None,
        Some(json!({"events": ["podcast.success", "podcast.fail"]})),
    );

    let server = MockServer::start().await;
    answer_all(
        &server,
        ResponseTemplate::new(200).set_body_json(json!({"data": [], "has_more": false})),
    )
    .await;
    let query = ListWebhookEventsQuery::new().event_type(WebhookEventType::FillerWordRemovalFail);
    client(&server).list_webhook_events(&query).await.unwrap();
    assert_api_request(
        &only_request(&server).await,
        "GET",
        "/v3/webhooks/events",
        Some("event_type=filler_word_removal.fail"),
        None,
    );
}
