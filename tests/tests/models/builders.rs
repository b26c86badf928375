//! The hand-facing side of the generated models: building requests and queries with `new` and the
//! setters gives exactly the JSON the API expects, and responses keep values this crate does not know.

use heygen_api::Paginated;
use heygen_api::QueryParams;
use heygen_api::assets::{AssetSearchResultType, DirectUpload, SearchAssetsQuery};
use heygen_api::background_removal::{BackgroundRemoval, CreateBackgroundRemovalRequest};
use heygen_api::common::{Batch, BatchItemState, BatchPage, MediaInput, MediaReference};
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
    assert_eq!(page.data.count("queued"), Some(2));
    assert_eq!(page.data.count("failed"), None);
    let states: Vec<BatchItemState> = page
        .into_items()
        .into_iter()
        .map(|item| item.status)
        .collect();
    assert_eq!(states, [BatchItemState::Completed, BatchItemState::Queued]);
}

// The spec leaves the values of these maps untyped, so any JSON value decodes; the accessors read
// the values of the type their description states and nothing else.

#[test]
fn batch_counts_are_read_only_as_whole_numbers() {
    let batch: Batch = serde_json::from_value(json!({
        "batch_id": "batch-1",
        "status": "processing",
        "total_items": 4,
        "counts_by_status": {"completed": 3, "queued": "1", "failed": 1.5, "processing": null},
        "created_at": 1_700_000_000,
        "items": [],
        "has_more": false,
    }))
    .unwrap();

    assert_eq!(batch.count(BatchItemState::Completed.as_str()), Some(3));
    for status in ["queued", "failed", "processing", "cancelled"] {
        assert_eq!(batch.count(status), None, "{status}");
    }
}

#[test]
fn a_layer_url_is_read_only_from_text() {
    let removal: BackgroundRemoval = serde_json::from_value(json!({
        "id": "removal-1",
        "status": "completed",
        "layers": {"foreground": "https://files.example/fg.webm", "mask": {"url": "x"}},
    }))
    .unwrap();

    assert_eq!(
        removal.layer_url("foreground"),
        Some("https://files.example/fg.webm")
    );
    assert_eq!(removal.layer_url("mask"), None);
    assert_eq!(removal.layer_url("background"), None);

    let pending: BackgroundRemoval =
        serde_json::from_value(json!({"id": "removal-2", "status": "pending"})).unwrap();
    assert_eq!(pending.layer_url("foreground"), None);
}

fn direct_upload(upload_headers: serde_json::Value) -> DirectUpload {
    serde_json::from_value(json!({
        "asset_id": "asset-1",
        "expires_in_seconds": 900,
        "max_bytes": 1024,
        "status": "pending_upload",
        "upload_headers": upload_headers,
        "upload_url": "https://storage.example/asset-1?sig=abc",
    }))
    .unwrap()
}

#[test]
fn upload_header_pairs_give_text_numbers_and_booleans_as_text() {
    let slot = direct_upload(json!({
        "Content-Type": "video/mp4",
        "x-amz-meta-size": 1024,
        "x-amz-meta-ratio": 0.5,
        "x-amz-meta-public": true,
    }));

    let mut pairs = slot.upload_header_pairs().unwrap();
    pairs.sort();
    let expected = [
        ("Content-Type", "video/mp4"),
        ("x-amz-meta-public", "true"),
        ("x-amz-meta-ratio", "0.5"),
        ("x-amz-meta-size", "1024"),
    ]
    .map(|(name, value)| (name.to_owned(), value.to_owned()));
    assert_eq!(pairs, expected);
    assert_eq!(direct_upload(json!({})).upload_header_pairs().unwrap(), []);
}

#[test]
fn upload_header_pairs_refuse_values_that_are_no_header_text() {
    for (value, kind) in [
        (json!(["a", "b"]), "an array"),
        (json!({"nested": "value"}), "an object"),
        (json!(null), "null"),
    ] {
        let slot = direct_upload(json!({"Content-Type": "video/mp4", "x-custom": value}));

        let error = slot.upload_header_pairs().unwrap_err();

        assert_eq!(
            error.to_string(),
            format!(
                "`put_direct_upload`: the direct upload instructions cannot be followed: the value \
                 of header `x-custom` is {kind}, not a string, number or boolean"
            )
        );
    }
}
