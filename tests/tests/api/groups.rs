//! One operation of each generated API group, exactly as it goes on the wire and as it decodes.

use heygen_api::ai_clipping::{AiClippingApi, CreateAiClippingJobRequest};
use heygen_api::assets::{AssetsApi, CompleteAssetDirectUploadBatchRequest};
use heygen_api::audio::{AudioApi, SearchAudioQuery, SoundType};
use heygen_api::avatars::{AvatarType, AvatarsApi, UpdateAvatarLookRequest};
use heygen_api::background_removal::{
    BackgroundRemovalApi, BackgroundRemovalStatus, CreateBackgroundRemovalRequest,
};
use heygen_api::brand::{BrandApi, ListBrandKitsQuery};
use heygen_api::common::{MediaInput, MediaReference};
use heygen_api::idempotency_key;
use heygen_api::lipsync::LipsyncApi;
use heygen_api::templates::{GenerateVideoFromTemplateRequest, TemplatesApi};
use heygen_api::user::UserApi;
use heygen_api::video_agents::VideoAgentsApi;
use heygen_api::video_translations::{
    ProofreadStatus, UpdateVideoTranslationProofreadSrtRequest, VideoTranslationsApi,
};
use heygen_api::videos::{ListVideosQuery, VideoStatus, VideosApi};
use heygen_api::voices::VoicesApi;
use serde_json::json;
use wiremock::{MockServer, ResponseTemplate};

use crate::support::{
    answer_all, assert_api_request, assert_generated_key, client, data, header, only_request,
};

/// A server that answers every request with `answer`.
async fn server_answering(answer: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    answer_all(&server, answer).await;
    server
}

#[tokio::test]
async fn ai_clipping_create_sends_the_callers_key_and_accepts_202() {
    let server = server_answering(
        ResponseTemplate::new(202).set_body_json(json!({"data": {"id": "clip_1"}})),
    )
    .await;
    let request = CreateAiClippingJobRequest::new(MediaReference::Url {
        url: "https://media.example/talk.mp4".into(),
    })
    .title("Keynote");

    let created = client(&server)
        .create_ai_clipping_job(&request, Some(idempotency_key!("clip-key-1")))
        .await
        .unwrap();

    assert_eq!(created, Some(json!({"id": "clip_1"})));
    let sent = only_request(&server).await;
    assert_api_request(
        &sent,
        "POST",
        "/v3/ai-clipping",
        None,
        Some(json!({
            "title": "Keynote",
            "video": {"type": "url", "url": "https://media.example/talk.mp4"}
        })),
    );
    assert_eq!(header(&sent, "idempotency-key"), Some("clip-key-1"));
}

#[tokio::test]
async fn an_accepted_answer_without_data_is_none() {
    // The spec gives these 202 answers no schema: any object, `{}` included, is valid.
    for body in [json!({}), json!({"data": null})] {
        let server = server_answering(ResponseTemplate::new(202).set_body_json(&body)).await;

        let accepted = client(&server)
            .complete_asset_direct_upload_batch(
                &CompleteAssetDirectUploadBatchRequest::new("batch_7"),
                None,
            )
            .await
            .unwrap();

        assert_eq!(accepted, None, "{body}");
        assert_api_request(
            &only_request(&server).await,
            "POST",
            "/v3/assets/complete/batches",
            None,
            Some(json!({"batch_id": "batch_7"})),
        );
    }
}

#[tokio::test]
async fn assets_statuses_send_given_query_parameters_only() {
    let server = server_answering(data(json!([
        {"status": "completed", "video_id": "as_1"},
        {"status": "not_found", "video_id": "as,2"}
    ])))
    .await;

    let statuses = client(&server)
        .list_asset_statuses(Some("as_1,as,2"), None)
        .await
        .unwrap();

    let read: Vec<(&str, Option<&str>)> = statuses
        .iter()
        .map(|entry| (entry.status.as_str(), entry.video_id.as_deref()))
        .collect();
    assert_eq!(
        read,
        [("completed", Some("as_1")), ("not_found", Some("as,2"))]
    );
    let sent = only_request(&server).await;
    assert_api_request(
        &sent,
        "GET",
        "/v3/assets/statuses",
        Some("asset_ids=as_1%2Cas%2C2"),
        None,
    );
    assert_eq!(header(&sent, "idempotency-key"), None);
}

#[tokio::test]
async fn audio_search_flattens_its_query_and_decodes_one_page() {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(json!({
        "data": [{
            "audio_url": "https://cdn.example/rain.mp3",
            "description": "rain on a window",
            "id": "snd_1",
            "name": "Rain",
            "score": 0.92,
            "type": "sound_effects"
        }],
        "has_more": true,
        "next_token": "page-2"
    })))
    .await;
    let query = SearchAudioQuery::new("rain on a window")
        .r#type(SoundType::SoundEffects)
        .limit(5)
        .min_score(0.5);

    let page = client(&server).search_audio(&query).await.unwrap();

    assert!(page.has_more);
    assert_eq!(page.next_token.as_deref(), Some("page-2"));
    assert_eq!(page.data.len(), 1);
    let sound = &page.data[0];
    assert_eq!(
        (sound.id.as_str(), sound.name.as_str(), sound.score),
        ("snd_1", "Rain", 0.92)
    );
    assert_eq!(sound.r#type, SoundType::SoundEffects);
    assert_eq!(sound.duration, None);
    assert_api_request(
        &only_request(&server).await,
        "GET",
        "/v3/audio/sounds",
        Some("query=rain+on+a+window&type=sound_effects&limit=5&min_score=0.5"),
        None,
    );
}

#[tokio::test]
async fn avatars_look_update_patches_an_encoded_path() {
    let server = server_answering(data(json!({
        "avatar_type": "photo_avatar",
        "id": "look 1",
        "name": "Studio"
    })))
    .await;

    let look = client(&server)
        .update_avatar_look("look 1", &UpdateAvatarLookRequest::new().name("Studio"))
        .await
        .unwrap();

    assert_eq!((look.id.as_str(), look.name.as_str()), ("look 1", "Studio"));
    assert_eq!(look.avatar_type, AvatarType::PhotoAvatar);
    assert_eq!(look.status, None);
    let sent = only_request(&server).await;
    assert_api_request(
        &sent,
        "PATCH",
        "/v3/avatars/looks/look%201",
        None,
        Some(json!({"name": "Studio"})),
    );
    assert_eq!(header(&sent, "idempotency-key"), None);
}

#[tokio::test]
async fn background_removal_create_sends_no_idempotency_key() {
    let server = server_answering(data(json!({"id": "br_1", "status": "pending"}))).await;
    let request = CreateBackgroundRemovalRequest::new(MediaInput::Url {
        url: "https://media.example/clip.mp4".into(),
    })
    .request_id("dedupe-7");

    let removal = client(&server)
        .create_background_removal(&request)
        .await
        .unwrap();

    assert_eq!(removal.id, "br_1");
    assert_eq!(removal.status, BackgroundRemovalStatus::Pending);
    let sent = only_request(&server).await;
    assert_api_request(
        &sent,
        "POST",
        "/v3/background-removals",
        None,
        Some(json!({
            "request_id": "dedupe-7",
            "video": {"type": "url", "url": "https://media.example/clip.mp4"}
        })),
    );
    // The operation de-duplicates on `request_id` and ignores the header.
    assert_eq!(header(&sent, "idempotency-key"), None);
}

#[tokio::test]
async fn brand_kits_list_sends_limit_and_token() {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(json!({
        "data": [{"brand_kit_id": "bk_1", "name": "Acme", "colors": ["#ff0000"]}],
        "has_more": false,
        "next_token": null
    })))
    .await;

    let page = client(&server)
        .list_brand_kits(&ListBrandKitsQuery::new().limit(2).token("t-1"))
        .await
        .unwrap();

    assert!(!page.has_more);
    assert_eq!(page.next_token, None);
    let kit = &page.data[0];
    assert_eq!(
        (kit.brand_kit_id.as_str(), kit.name.as_str()),
        ("bk_1", "Acme")
    );
    assert_eq!(kit.colors.as_deref(), Some(&["#ff0000".to_owned()][..]));
    assert_eq!(kit.logo_url, None);
    assert_api_request(
        &only_request(&server).await,
        "GET",
        "/v3/brand-kits",
        Some("limit=2&token=t-1"),
        None,
    );
}

#[tokio::test]
async fn lipsync_delete_sends_no_body() {
    let server = server_answering(data(json!({"id": "ls_1"}))).await;

    let deleted = client(&server).delete_lipsync("ls_1").await.unwrap();

    assert_eq!(deleted.id, "ls_1");
    assert_api_request(
        &only_request(&server).await,
        "DELETE",
        "/v3/lipsyncs/ls_1",
        None,
        None,
    );
}

#[tokio::test]
async fn templates_generate_sends_a_fresh_uuid_key_when_none_is_given() {
    let server = server_answering(data(json!({"id": "vid_1", "status": "pending"}))).await;
    let mut variables = serde_json::Map::new();
    variables.insert(
        "headline".into(),
        json!({"name": "headline", "type": "text", "properties": {"content": "Hi"}}),
    );

    let video = client(&server)
        .generate_video_from_template(
            "tpl/1",
            &GenerateVideoFromTemplateRequest::new(variables),
            None,
        )
        .await
        .unwrap();

    assert_eq!(video.id, "vid_1");
    assert_eq!(video.status, VideoStatus::Pending);
    let sent = only_request(&server).await;
    assert_api_request(
        &sent,
        "POST",
        "/v3/templates/tpl%2F1",
        None,
        Some(json!({"variables": {
            "headline": {"name": "headline", "type": "text", "properties": {"content": "Hi"}}
        }})),
    );
    assert_generated_key(header(&sent, "idempotency-key"));
}

#[tokio::test]
async fn user_me_decodes_nulls_as_absent() {
    let server = server_answering(data(json!({
        "email": null,
        "first_name": "Ada",
        "last_name": null,
        "username": "ada"
    })))
    .await;

    let me = client(&server).get_current_user().await.unwrap();

    assert_eq!(me.username, "ada");
    assert_eq!(me.first_name.as_deref(), Some("Ada"));
    assert_eq!(me.email, None);
    assert_eq!(me.billing_type, None);
    assert_api_request(
        &only_request(&server).await,
        "GET",
        "/v3/users/me",
        None,
        None,
    );
}

#[tokio::test]
async fn video_agents_resource_fills_two_encoded_path_parameters() {
    let server = server_answering(data(json!({
        "resource_id": "r?1",
        "resource_type": "image",
        "url": "https://cdn.example/r1.png"
    })))
    .await;

    let resource = client(&server)
        .get_video_agent_session_resource("s 1", "r?1")
        .await
        .unwrap();

    assert_eq!(
        (
            resource.resource_id.as_str(),
            resource.resource_type.as_str()
        ),
        ("r?1", "image")
    );
    assert_eq!(resource.url.as_deref(), Some("https://cdn.example/r1.png"));
    assert_api_request(
        &only_request(&server).await,
        "GET",
        "/v3/video-agents/s%201/resources/r%3F1",
        None,
        None,
    );
}

#[tokio::test]
async fn video_translations_srt_update_puts_json() {
    let server = server_answering(data(json!({"id": "pr_1", "status": "completed"}))).await;
    let request = UpdateVideoTranslationProofreadSrtRequest::new(MediaReference::AssetId {
        asset_id: "srt_1".into(),
    });

    let proofread = client(&server)
        .update_video_translation_proofread_srt("pr_1", &request)
        .await
        .unwrap();

    assert_eq!(proofread.id, "pr_1");
    assert_eq!(proofread.status, ProofreadStatus::Completed);
    assert_api_request(
        &only_request(&server).await,
        "PUT",
        "/v3/video-translations/proofreads/pr_1/srt",
        None,
        Some(json!({"srt": {"type": "asset_id", "asset_id": "srt_1"}})),
    );
}

#[tokio::test]
async fn videos_list_keeps_an_unknown_status() {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(json!({
        "data": [
            {"id": "v1", "status": "completed", "duration": 12.5},
            {"id": "v2", "status": "waiting"}
        ],
        "has_more": false
    })))
    .await;
    let query = ListVideosQuery::new()
        .limit(10)
        .folder_id("f1")
        .title("Q3 update");

    let page = client(&server).list_videos(&query).await.unwrap();

    let read: Vec<(&str, &VideoStatus)> = page
        .data
        .iter()
        .map(|video| (video.id.as_str(), &video.status))
        .collect();
    assert_eq!(
        read,
        [
            ("v1", &VideoStatus::Completed),
            ("v2", &VideoStatus::Unknown("waiting".into()))
        ]
    );
    assert_eq!(page.data[0].duration, Some(12.5));
    assert_eq!(page.next_token, None);
    assert_api_request(
        &only_request(&server).await,
        "GET",
        "/v3/videos",
        Some("limit=10&folder_id=f1&title=Q3+update"),
        None,
    );
}

#[tokio::test]
async fn voices_get_reads_one_voice() {
    let server = server_answering(data(json!({
        "support_pause": true,
        "voice_id": "voice_1",
        "name": "Aria"
    })))
    .await;

    let voice = client(&server).get_voice("voice_1").await.unwrap();

    assert_eq!(voice.voice_id, "voice_1");
    assert!(voice.support_pause);
    assert_eq!(voice.name.as_deref(), Some("Aria"));
    assert_eq!(voice.status, None);
    assert_api_request(
        &only_request(&server).await,
        "GET",
        "/v3/voices/voice_1",
        None,
        None,
    );
}
