//! One call of every declared operation, with representative arguments: every required field
//! filled, enums and formats valid per `spec/openapi.json`, a few optional fields set so that their
//! serialization is checked too. The extra operations of `spec/extra-operations.json` follow the
//! catalog's, all but the word stream, which answers server-sent events that Prism cannot serve
//! (`tests/tests/api/word_stream.rs` holds it against a loopback server).

use std::future::Future;
use std::pin::Pin;

use heygen_api::ai_clipping::*;
use heygen_api::assets::*;
use heygen_api::audio::*;
use heygen_api::avatar_realtime::*;
use heygen_api::avatars::*;
use heygen_api::background_removal::*;
use heygen_api::brand::*;
use heygen_api::common::{MediaInput, MediaReference};
use heygen_api::filler_word_removal::*;
use heygen_api::hyperframes::*;
use heygen_api::lipsync::*;
use heygen_api::templates::*;
use heygen_api::user::*;
use heygen_api::video_agents::*;
use heygen_api::video_translations::*;
use heygen_api::videos::*;
use heygen_api::voices::*;
use heygen_api::webhooks::*;
use heygen_api::{Client, FilePart, Multipart, idempotency_key};
use serde::de::DeserializeOwned;

const VIDEO_URL: &str = "https://example.com/media/talk.mp4";
const AUDIO_URL: &str = "https://example.com/media/voice.mp3";
const IMAGE_URL: &str = "https://example.com/media/portrait.png";
const SRT_URL: &str = "https://example.com/media/captions.srt";
const CALLBACK_URL: &str = "https://example.com/hooks/heygen";

/// The small file `upload_asset` sends.
pub const UPLOADED_SRT: &[u8] =
    b"1\n00:00:00,000 --> 00:00:01,500\nHello from the conformance test\n";

/// What became of one call.
pub struct Outcome {
    /// The error, if the call failed.
    pub error: Option<heygen_api::Error>,
    /// Re-decodes a response body as the endpoint's return type to find the field at fault.
    pub locate: fn(&[u8], bool) -> Option<DecodeFailure>,
}

impl Outcome {
    fn of<T: DeserializeOwned>(result: heygen_api::Result<T>) -> Outcome {
        Outcome {
            error: result.err(),
            locate: locate_decode_failure::<T>,
        }
    }
}

/// Where and why a body does not decode as an endpoint's return type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeFailure {
    /// The path of the value at fault (`data.items[2].status`; `.` for the whole body).
    pub path: String,
    /// What is wrong with it.
    pub message: String,
}

/// Where in `body` decoding as the endpoint's type fails: a paginated endpoint decodes the whole
/// body as `T`, any other endpoint the `data` member of the envelope.
fn locate_decode_failure<T: DeserializeOwned>(
    body: &[u8],
    paginated: bool,
) -> Option<DecodeFailure> {
    #[derive(serde::Deserialize)]
    struct Envelope<T> {
        data: T,
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let result = if paginated {
        serde_path_to_error::deserialize::<_, T>(&mut deserializer).map(drop)
    } else {
        serde_path_to_error::deserialize::<_, Envelope<T>>(&mut deserializer)
            .map(|envelope| drop(envelope.data))
    };
    result.err().map(|error| DecodeFailure {
        path: error.path().to_string(),
        message: error.inner().to_string(),
    })
}

/// A future of one call.
pub type CallFuture = Pin<Box<dyn Future<Output = Outcome> + Send>>;

/// One declared operation and how to call it.
pub struct Call {
    /// The declared method's name.
    pub name: &'static str,
    /// Calls it on a client.
    pub run: fn(Client) -> CallFuture,
}

/// `call!(method(args...))`: a [`Call`] of `client.method(args...)` named after the method, so
/// that the name and the method called cannot disagree.
macro_rules! call {
    ($method:ident ( $($arg:expr),* $(,)? )) => {
        Call {
            name: stringify!($method),
            run: |client: Client| -> CallFuture {
                Box::pin(async move { Outcome::of(client.$method($($arg),*).await) })
            },
        }
    };
}

fn url(url: &str) -> MediaReference {
    MediaReference::url(url)
}

fn template_variables() -> serde_json::Map<String, serde_json::Value> {
    let serde_json::Value::Object(variables) = serde_json::json!({
        "first_name": {"name": "first_name", "type": "text", "properties": {"content": "Ada"}}
    }) else {
        unreachable!("an object literal")
    };
    variables
}

/// Every operation, group by group.
pub fn all() -> Vec<Call> {
    vec![
        // ai-clipping
        call!(list_ai_clipping_jobs(
            &ListAiClippingJobsQuery::new().limit(10)
        )),
        call!(create_ai_clipping_job(
            &CreateAiClippingJobRequest::new(url(VIDEO_URL))
                .title("Keynote highlights")
                .callback_url(CALLBACK_URL)
                .output_settings(
                    AiClippingOutputSettings::new()
                        .aspect_ratio(ClipAspectRatio::Portrait)
                        .duration_types(vec![ClipDuration::Seconds30, ClipDuration::Long])
                        .captions(true),
                ),
            Some(idempotency_key!("conformance-ai-clipping-1"))
        )),
        call!(delete_ai_clipping_job("clip_job_123")),
        call!(get_ai_clipping_job("clip_job_123")),
        // asset
        call!(list_assets(
            &ListAssetsQuery::new("ada").limit(20).folder_id("folder_1")
        )),
        call!(upload_asset(
            Multipart::new().file(
                "file",
                FilePart::bytes(UPLOADED_SRT, "captions.srt", "application/x-subrip"),
            ),
            None
        )),
        call!(get_asset_batch(
            "asset_batch_1",
            &GetAssetBatchQuery::new().limit(50)
        )),
        call!(complete_asset_direct_upload_batch(
            &CompleteAssetDirectUploadBatchRequest::new("asset_batch_1"),
            Some(idempotency_key!("conformance-complete-batch-1"))
        )),
        call!(create_asset_direct_upload(
            &CreateAssetDirectUploadRequest::new("talk.mp4", "video/mp4", 1_048_576),
            Some(idempotency_key!("conformance-direct-upload-1"))
        )),
        call!(create_asset_direct_upload_batch(
            &CreateAssetDirectUploadBatchRequest::new(vec![
                CreateAssetDirectUploadRequest::new("a.png", "image/png", 2048),
                CreateAssetDirectUploadRequest::new("b.mp3", "audio/mpeg", 4096),
            ])
            .title("Launch assets"),
            None
        )),
        call!(search_assets(
            &SearchAssetsQuery::new("minimalist rocket icon", AssetSearchResultType::Icon)
                .scope(AssetSearchScope::Public)
                .limit(5)
        )),
        call!(list_asset_statuses(Some("asset_1,asset_2"), None)),
        call!(delete_asset("asset_1")),
        call!(get_asset("asset_1")),
        call!(complete_asset_direct_upload(
            "asset_1",
            &CompleteAssetDirectUploadRequest::new()
        )),
        // audio
        call!(search_audio(
            &SearchAudioQuery::new("calm piano")
                .r#type(SoundType::Music)
                .min_score(0.5)
                .limit(10)
        )),
        // avatar
        call!(list_avatar_groups(
            &ListAvatarGroupsQuery::new().ownership(Ownership::Private)
        )),
        call!(create_avatar(
            &CreatePromptAvatarRequest::new("Ada", "A friendly presenter in a blue blazer")
                .reference_images(vec![MediaInput::url(IMAGE_URL)])
                .into(),
            Some(idempotency_key!("conformance-avatar-1"))
        )),
        call!(list_avatar_looks(
            &ListAvatarLooksQuery::new()
                .avatar_type(AvatarType::DigitalTwin)
                .ownership(Ownership::Public)
                .limit(25)
        )),
        call!(delete_avatar_look("look_1")),
        call!(get_avatar_look("look_1")),
        call!(update_avatar_look(
            "look_1",
            &UpdateAvatarLookRequest::new().name("Office")
        )),
        call!(delete_avatar_group("group_1")),
        call!(get_avatar_group("group_1")),
        call!(create_avatar_group_consent(
            "group_1",
            &CreateAvatarGroupConsentRequest::new().consent_video(MediaInput::url(VIDEO_URL)),
            None
        )),
        // background-removal
        call!(list_background_removals(&ListBackgroundRemovalsQuery::new())),
        call!(create_background_removal(
            &CreateBackgroundRemovalRequest::new(MediaInput::url(VIDEO_URL))
                .title("Green screen")
                .request_id("removal-request-1")
        )),
        call!(delete_background_removal("removal_1")),
        call!(get_background_removal("removal_1")),
        // brand
        call!(list_brand_glossaries(&ListBrandGlossariesQuery::new())),
        call!(list_brand_kits(&ListBrandKitsQuery::new())),
        // lipsync
        call!(list_lipsyncs(&ListLipsyncsQuery::new())),
        call!(create_lipsync(
            &CreateLipsyncRequest::new(url(VIDEO_URL), url(AUDIO_URL))
                .title("Dubbed intro")
                .fps_mode(heygen_api::common::FpsMode::Cfr)
                .mode(heygen_api::common::ProcessingMode::Precision),
            Some(idempotency_key!("conformance-lipsync-1"))
        )),
        call!(create_lipsync_batch(
            &CreateLipsyncBatchRequest::new(vec![
                CreateLipsyncRequest::new(url(VIDEO_URL), url(AUDIO_URL)),
                CreateLipsyncRequest::new(
                    MediaReference::asset_id("asset_video"),
                    MediaReference::asset_id("asset_audio"),
                ),
            ]),
            None
        )),
        call!(get_lipsync_batch(
            "lipsync_batch_1",
            &GetLipsyncBatchQuery::new()
        )),
        call!(list_lipsync_statuses(None, Some("lipsync_batch_1"))),
        call!(delete_lipsync("lipsync_1")),
        call!(get_lipsync("lipsync_1")),
        call!(update_lipsync(
            "lipsync_1",
            &UpdateLipsyncRequest::new("Renamed")
        )),
        // template
        call!(list_templates(&ListTemplatesQuery::new())),
        call!(get_template("template_1")),
        call!(generate_video_from_template(
            "template_1",
            &GenerateVideoFromTemplateRequest::new(template_variables())
                .title("Welcome Ada")
                .dimension(VideoDimension::new(1280, 720)),
            Some(idempotency_key!("conformance-template-1"))
        )),
        // user
        call!(get_current_user()),
        // video-agent
        call!(list_video_agent_sessions(
            &ListVideoAgentSessionsQuery::new()
        )),
        call!(create_video_agent_session(
            &CreateVideoAgentSessionRequest::new("A 30 second product teaser")
                .mode(VideoAgentMode::Generate)
                .orientation(VideoAgentOrientation::Portrait)
                .files(vec![MediaInput::url(IMAGE_URL)])
        )),
        call!(list_video_agent_styles(
            &ListVideoAgentStylesQuery::new().tag("minimal")
        )),
        call!(get_video_agent_session("session_1")),
        call!(send_video_agent_message(
            "session_1",
            &SendVideoAgentMessageRequest::new("Make it shorter")
        )),
        call!(get_video_agent_session_resource("session_1", "resource_1")),
        call!(stop_video_agent_session(
            "session_1",
            &StopVideoAgentSessionRequest::new()
        )),
        call!(list_video_agent_session_videos("session_1")),
        // video-translate
        call!(list_video_translations(&ListVideoTranslationsQuery::new())),
        call!(create_video_translation(
            &CreateVideoTranslationRequest::new(url(VIDEO_URL), ["fr", "de"])
                .srt(url(SRT_URL))
                .srt_role(SrtRole::Input)
                .speaker_num(2),
            Some(idempotency_key!("conformance-translation-1"))
        )),
        call!(create_video_translation_batch(
            &CreateVideoTranslationBatchRequest::new(vec![CreateVideoTranslationRequest::new(
                url(VIDEO_URL),
                ["es"]
            ),]),
            None
        )),
        call!(get_video_translation_batch(
            "translation_batch_1",
            &GetVideoTranslationBatchQuery::new()
        )),
        call!(list_video_translation_languages()),
        call!(create_video_translation_proofread(
            &CreateVideoTranslationProofreadRequest::new(url(VIDEO_URL), ["ja"], "Proofread"),
            Some(idempotency_key!("conformance-proofread-1"))
        )),
        call!(get_video_translation_proofread("proofread_1")),
        call!(generate_video_translation_from_proofread(
            "proofread_1",
            &GenerateVideoTranslationFromProofreadRequest::new().translate_audio_only(false),
            None
        )),
        call!(get_video_translation_proofread_srt("proofread_1")),
        call!(update_video_translation_proofread_srt(
            "proofread_1",
            &UpdateVideoTranslationProofreadSrtRequest::new(url(SRT_URL))
        )),
        call!(list_video_translation_statuses(Some("translation_1"), None)),
        call!(delete_video_translation("translation_1")),
        call!(get_video_translation("translation_1")),
        call!(update_video_translation(
            "translation_1",
            &UpdateVideoTranslationRequest::new("Renamed")
        )),
        // video
        call!(list_videos(
            &ListVideosQuery::new().limit(5).title("Welcome")
        )),
        call!(create_video(
            &CreateVideoFromAvatar::new("avatar_1")
                .script("Hello from the conformance test")
                .voice_id("voice_1")
                .aspect_ratio(VideoAspectRatio::Ratio9x16)
                .resolution(VideoResolution::Res1080p)
                .into(),
            Some(idempotency_key!("conformance-video-1"))
        )),
        call!(create_video_batch(
            &CreateVideoBatchRequest::new(vec![
                CreateVideoFromAvatar::new("avatar_1")
                    .script("First")
                    .voice_id("voice_1")
                    .into(),
            ]),
            Some(idempotency_key!("conformance-video-batch-1"))
        )),
        call!(get_video_batch("video_batch_1", &GetVideoBatchQuery::new())),
        call!(list_video_statuses(
            Some("video_1,video_2"),
            Some("video_batch_1")
        )),
        call!(delete_video("video_1")),
        call!(get_video("video_1")),
        // voice
        call!(list_voices(
            &ListVoicesQuery::new()
                .r#type(VoiceType::Public)
                .language("English")
                .gender("female")
                .limit(20)
        )),
        call!(design_voices(
            &DesignVoicesRequest::new("A warm, slow narrator").seed(7)
        )),
        call!(clone_voice(&CloneVoiceRequest::new(
            MediaInput::url(AUDIO_URL),
            "My voice"
        ))),
        call!(generate_speech(
            &GenerateSpeechRequest::new("Hello there", "voice_1")
                .input_type(SpeechInputType::Text)
                .speed(1.25)
        )),
        call!(delete_voice("voice_1")),
        call!(get_voice("voice_1")),
        // webhook
        call!(list_webhook_endpoints(
            &ListWebhookEndpointsQuery::new().limit(10)
        )),
        call!(create_webhook_endpoint(
            &CreateWebhookEndpointRequest::new(CALLBACK_URL).events([
                WebhookEventType::AvatarVideoSuccess,
                WebhookEventType::BatchFinished
            ]),
            Some(idempotency_key!("conformance-webhook-1"))
        )),
        call!(update_webhook_endpoint(
            "endpoint_1",
            &UpdateWebhookEndpointRequest::new().events([WebhookEventType::VideoAgentFail])
        )),
        call!(delete_webhook_endpoint("endpoint_1")),
        call!(rotate_webhook_secret("endpoint_1", None)),
        call!(list_webhook_event_types()),
        call!(list_webhook_events(
            &ListWebhookEventsQuery::new().event_type(WebhookEventType::AiClippingSuccess)
        )),
        // the extra operations: avatar realtime
        call!(create_avatar_realtime_session(
            &AvatarRealtimeTextStream::new("look_1", "voice_1", "Once upon a time").into()
        )),
        call!(get_avatar_realtime_session("stream_1")),
        call!(append_avatar_realtime_text(
            "stream_1",
            &AppendAvatarRealtimeTextRequest::new(" there was a client.").r#final(true)
        )),
        call!(cancel_avatar_realtime_session("stream_1")),
        // hyperframes
        call!(create_hyperframes_render(
            &CreateHyperframesRenderRequest::new(MediaInput::url(
                "https://example.com/media/project.zip"
            ))
            .fps(30)
            .quality(HyperframesQuality::High)
            .format(HyperframesFormat::Mp4)
            .resolution(HyperframesResolution::Res1080p)
            .aspect_ratio(HyperframesAspectRatio::Ratio16x9)
            .callback_url(CALLBACK_URL),
            Some(idempotency_key!("conformance-hyperframes-1"))
        )),
        call!(list_hyperframes_renders(
            &ListHyperframesRendersQuery::new().limit(10)
        )),
        call!(get_hyperframes_render("render_1")),
        call!(delete_hyperframes_render("render_1")),
        // brand kits and glossaries
        call!(create_brand_kit(
            &CreateBrandKitRequest::new("https://example.com").name("Example"),
            Some(idempotency_key!("conformance-brand-kit-1"))
        )),
        call!(get_brand_kit("brand_kit_1")),
        call!(update_brand_kit(
            "brand_kit_1",
            &UpdateBrandKitRequest::new()
                .name("Example Corp")
                .color_roles(BrandColorRoles::new().primary("#FF5733"))
                .font_roles(
                    BrandFontRoles::new()
                        .body_text(BrandFontRole::new().font_id("font_1").weight(400))
                )
        )),
        call!(delete_brand_kit("brand_kit_1")),
        call!(create_brand_glossary(
            &CreateBrandGlossaryRequest::new("Example terms")
                .terms(vec![GlossaryTerm::new("HeyGen", "hey-jen")])
                .do_not_translate_terms(vec![DoNotTranslateTerm::new("Example")])
                .forced_translations(vec![ForcedTranslation::new("Reformer", "Reformer-Gerät")]),
            Some(idempotency_key!("conformance-brand-glossary-1"))
        )),
        call!(get_brand_glossary("brand_glossary_1")),
        call!(update_brand_glossary(
            "brand_glossary_1",
            &UpdateBrandGlossaryRequest::new()
                .name("Example glossary")
                .terms(vec![])
        )),
        call!(delete_brand_glossary("brand_glossary_1")),
        // avatar groups and video scenes
        call!(update_avatar_group(
            "group_1",
            &UpdateAvatarGroupRequest::new().default_voice_id("1bd001e7e50f421d891986aad5c8bbd2")
        )),
        call!(get_video_scenes("video_1")),
        // filler-word removal
        call!(create_filler_word_removal(
            &CreateFillerWordRemovalRequest::new(url(VIDEO_URL))
                .title("Cleaned keynote")
                .callback_url(CALLBACK_URL),
            Some(idempotency_key!("conformance-filler-words-1"))
        )),
        call!(get_filler_word_removal("filler_word_removal_1")),
    ]
}
