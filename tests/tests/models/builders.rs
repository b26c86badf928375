//! The hand-facing side of the generated models: building requests and queries with `new` and the
//! setters gives exactly the JSON the API expects, and responses keep values this crate does not know.

use heygen_api::Paginated;
use heygen_api::QueryParams;
use heygen_api::assets::{AssetSearchResultType, SearchAssetsQuery};
use heygen_api::background_removal::CreateBackgroundRemovalRequest;
use heygen_api::common::{BatchItemState, BatchPage, MediaInput, MediaReference};
use heygen_api::lipsync::CreateLipsyncRequest;
use heygen_api::videos::{
    CreateVideoFromAvatar, CreateVideoFromStudio, CreateVideoRequest, ImageScene, StudioScene,
    Video, VideoAspectRatio, VideoEngine, VideoStatus, VoiceEngineSettings, VoiceSettings,
};
use heygen_api::voices::{VoiceDetails, VoiceStatus};
use serde_json::json;

#[test]
fn an_avatar_video_request_carries_its_tag_and_only_the_fields_set() {
    let request: CreateVideoRequest = CreateVideoFromAvatar::new("avatar-1")
        .script("Hello there")
        .voice_id("voice-1")
        .aspect_ratio("9:16")
        .engine(VideoEngine::AvatarV {
            reference_look_id: None,
        })
        .voice_settings(
            VoiceSettings::new()
                .speed(1.2)
                .engine_settings(VoiceEngineSettings::Starfish),
        )
        .into();

    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({
            "type": "avatar",
            "avatar_id": "avatar-1",
            "script": "Hello there",
            "voice_id": "voice-1",
            "aspect_ratio": "9:16",
            "engine": {"type": "avatar_v"},
            "voice_settings": {"speed": 1.2, "engine_settings": {"engine_type": "starfish"}},
        })
    );
    match request {
        CreateVideoRequest::Avatar(avatar) => {
            assert_eq!(avatar.aspect_ratio, Some(VideoAspectRatio::Ratio9x16));
        }
        other => panic!("expected the avatar variant, got {other:?}"),
    }
}

#[test]
fn a_studio_video_nests_tagged_scenes() {
    let scene: StudioScene = ImageScene::new(MediaReference::asset_id("asset-1"))
        .duration(4.0)
        .into();
    let request = CreateVideoRequest::from(CreateVideoFromStudio::new(vec![scene]).title("Intro"));

    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({
            "type": "studio",
            "title": "Intro",
            "scenes": [{
                "type": "image",
                "duration": 4.0,
                "source": {"type": "asset_id", "asset_id": "asset-1"},
            }],
        })
    );
}

#[test]
fn a_lipsync_request_sends_both_media_references() {
    let request = CreateLipsyncRequest::new(
        MediaReference::url("https://example.com/source.mp4"),
        MediaReference::asset_id("audio-1"),
    )
    .mode("precision")
    .fps_mode("cfr");

    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({
            "video": {"type": "url", "url": "https://example.com/source.mp4"},
            "audio": {"type": "asset_id", "asset_id": "audio-1"},
            "mode": "precision",
            "fps_mode": "cfr",
        })
    );
}

#[test]
fn a_request_without_a_required_field_does_not_decode() {
    let error = serde_json::from_value::<CreateLipsyncRequest>(json!({
        "video": {"type": "url", "url": "https://example.com/source.mp4"},
    }))
    .unwrap_err();
    assert_eq!(error.to_string(), "missing field `audio`");
}

#[test]
fn media_inputs_are_tagged_by_type() {
    assert_eq!(
        MediaInput::from(MediaReference::asset_id("asset-1")),
        MediaInput::asset_id("asset-1")
    );
    assert_eq!(
        serde_json::to_value(MediaInput::base64("image/png", "aGk=")).unwrap(),
        json!({"type": "base64", "media_type": "image/png", "data": "aGk="})
    );
    let error = serde_json::from_value::<MediaReference>(json!({"type": "base64", "data": "aGk="}))
        .unwrap_err();
    assert!(
        error.to_string().starts_with("unknown variant `base64`"),
        "{error}"
    );
}

#[test]
fn background_removal_deduplicates_on_its_request_id_field() {
    let request = CreateBackgroundRemovalRequest::new(MediaInput::url("https://example.com/a.mp4"))
        .request_id("job-2024-001");
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({
            "video": {"type": "url", "url": "https://example.com/a.mp4"},
            "request_id": "job-2024-001",
        })
    );
}

#[test]
fn a_query_struct_sends_its_wire_names_and_lists_them() {
    let query = SearchAssetsQuery::new("pizza on a table", AssetSearchResultType::Icon).limit(5);
    assert_eq!(
        serde_json::to_value(&query).unwrap(),
        json!({"query": "pizza on a table", "type": "icon", "limit": 5})
    );
    assert_eq!(
        SearchAssetsQuery::NAMES,
        &["query", "limit", "token", "type", "scope"]
    );
}

#[test]
fn a_status_this_crate_does_not_know_is_kept() {
    let video: Video =
        serde_json::from_value(json!({"id": "video-1", "status": "archived"})).unwrap();
    assert_eq!(video.status, VideoStatus::Unknown("archived".into()));
    assert_eq!(video.status.to_string(), "archived");
}

#[test]
fn a_voice_clone_finishes_as_complete() {
    let voice: VoiceDetails = serde_json::from_value(
        json!({"voice_id": "voice-1", "support_pause": true, "status": "complete"}),
    )
    .unwrap();
    assert_eq!(voice.status, Some(VoiceStatus::Complete));
}

#[test]
fn a_batch_page_reads_its_cursor_inside_data() {
    let page: BatchPage = serde_json::from_value(json!({
        "data": {
            "batch_id": "batch-1",
            "status": "processing",
            "total_items": 3,
            "counts_by_status": {"completed": 1, "queued": 2},
            "created_at": 1_700_000_000,
            "items": [
                {"item_index": 0, "status": "completed", "video_id": "video-1"},
                {"item_index": 1, "status": "queued"},
            ],
            "has_more": true,
            "next_token": "cursor-2",
        }
    }))
    .unwrap();

    assert!(page.has_more());
    assert_eq!(page.next_token(), Some("cursor-2"));
    assert_eq!(page.data.counts_by_status["queued"], 2);
    let states: Vec<BatchItemState> = page
        .into_items()
        .into_iter()
        .map(|item| item.status)
        .collect();
    assert_eq!(states, [BatchItemState::Completed, BatchItemState::Queued]);
}
