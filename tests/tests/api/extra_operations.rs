//! The 21 operations of `spec/extra-operations.json` exactly as they go on the wire (method,
//! path, query, body, headers) and as their documented answers decode, each against a loopback
//! server answering with the status and body the facts give it. The word stream, which answers
//! server-sent events, is in `word_stream.rs`.

use std::future::Future;

use heygen_api::avatar_realtime::{
    AppendAvatarRealtimeTextRequest, AvatarRealtimeApi, AvatarRealtimeAudio,
    AvatarRealtimeSessionStatus, AvatarRealtimeTextStream, AvatarRealtimeTts,
    CreateAvatarRealtimeSessionRequest,
};
use heygen_api::avatars::{AvatarStatus, AvatarsApi, UpdateAvatarGroupRequest};
use heygen_api::brand::{
    BrandApi, BrandColorRoles, BrandFontRole, BrandFontRoles, BrandKitStatus, BrandLogoRoles,
    CreateBrandGlossaryRequest, CreateBrandKitRequest, CreatedBrandKitStatus, DoNotTranslateTerm,
    ForcedTranslation, GlossaryTerm, UpdateBrandGlossaryRequest, UpdateBrandKitRequest,
};
use heygen_api::common::{MediaInput, MediaReference};
use heygen_api::filler_word_removal::{
    CreateFillerWordRemovalRequest, FillerWordRemovalApi, FillerWordRemovalStatus,
};
use heygen_api::hyperframes::{
    CreateHyperframesRenderRequest, HyperframesApi, HyperframesAspectRatio, HyperframesFormat,
    HyperframesQuality, HyperframesRenderStatus, HyperframesResolution,
    ListHyperframesRendersQuery,
};
use heygen_api::videos::{
    Expressiveness, SceneBackground, SceneElement, ScriptEntry, VideoAspectRatio, VideoResolution,
    VideosApi,
};
use heygen_api::{Client, Error, idempotency_key};
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

// Avatar Realtime.

#[tokio::test]
async fn avatar_realtime_create_sends_each_mode_unkeyed_and_reads_the_201() {
    let cases = [
        (
            // Avatar, voice, text: the order `AvatarRealtimeTextStream::new` takes them in too.
            CreateAvatarRealtimeSessionRequest::Tts(AvatarRealtimeTts::new(
                "look_1",
                "voice_1",
                "Hello there",
            )),
            json!({"type": "tts", "avatar_id": "look_1", "text": "Hello there", "voice_id": "voice_1"}),
        ),
        (
            CreateAvatarRealtimeSessionRequest::Audio(AvatarRealtimeAudio::new(
                "look_1",
                MediaInput::asset_id("asset_9"),
            )),
            json!({"type": "audio", "avatar_id": "look_1", "audio": {"type": "asset_id", "asset_id": "asset_9"}}),
        ),
        (
            AvatarRealtimeTextStream::new("look_1", "voice_1", "Once").into(),
            json!({"type": "text_stream", "avatar_id": "look_1", "voice_id": "voice_1", "text": "Once"}),
        ),
    ];
    for (request, body) in cases {
        let (created, sent) = exchange(201, json!({"stream_id": "st_1"}), |client| async move {
            client.create_avatar_realtime_session(&request).await
        })
        .await;
        assert_eq!(created.stream_id, "st_1");
        assert_api_request(&sent, "POST", "/v3/avatar-realtime", None, Some(body));
        // The facts document no Idempotency-Key here: none is sent.
        assert_eq!(header(&sent, "idempotency-key"), None);
    }
}

#[tokio::test]
async fn avatar_realtime_get_reads_each_documented_state() {
    let (streaming, sent) = exchange(
        200,
        json!({"stream_id": "st/1", "status": "streaming", "hls_url": "https://cdn.example/st/1.m3u8",
               "error_message": null, "end_reason": null}),
        |client| async move { client.get_avatar_realtime_session("st/1").await },
    )
    .await;
    assert_api_request(&sent, "GET", "/v3/avatar-realtime/st%2F1", None, None);
    assert_eq!(streaming.status, AvatarRealtimeSessionStatus::Streaming);
    assert_eq!(
        streaming.hls_url.as_deref(),
        Some("https://cdn.example/st/1.m3u8")
    );

    let (completed, _) = exchange(
        200,
        json!({"stream_id": "st_1", "status": "completed", "end_reason": "idle_timeout"}),
        |client| async move { client.get_avatar_realtime_session("st_1").await },
    )
    .await;
    assert_eq!(completed.status, AvatarRealtimeSessionStatus::Completed);
    assert_eq!(completed.end_reason.as_deref(), Some("idle_timeout"));
    assert_eq!(completed.hls_url, None);

    // The guide's `ready` is no status of the spec: kept as an unknown one, not refused.
    let (guide, _) = exchange(
        200,
        json!({"stream_id": "st_1", "status": "ready"}),
        |client| async move { client.get_avatar_realtime_session("st_1").await },
    )
    .await;
    assert_eq!(guide.status.as_str(), "ready");
}

#[tokio::test]
async fn avatar_realtime_text_append_sends_the_delta_and_reads_the_202() {
    let (appended, sent) = exchange(
        202,
        json!({"buffered_bytes": 123, "ok": true}),
        |client| async move {
            client
                .append_avatar_realtime_text(
                    "st_1",
                    &AppendAvatarRealtimeTextRequest::new(" and more").r#final(true),
                )
                .await
        },
    )
    .await;
    assert_api_request(
        &sent,
        "POST",
        "/v3/avatar-realtime/st_1/text",
        None,
        Some(json!({"delta": " and more", "final": true})),
    );
    assert_eq!(header(&sent, "idempotency-key"), None);
    assert_eq!(appended.buffered_bytes, 123);
    assert_eq!(appended.ok, Some(true));
}

#[tokio::test]
async fn avatar_realtime_text_append_after_the_final_delta_is_a_410_api_error() {
    // The 410 is documented in prose only, without a body: it surfaces as HeyGen's answer.
    let server = MockServer::start().await;
    answer_all(&server, ResponseTemplate::new(410)).await;
    let error = client(&server)
        .append_avatar_realtime_text("st_1", &AppendAvatarRealtimeTextRequest::new("late"))
        .await
        .unwrap_err();
    let Error::Api(api) = error else {
        panic!("expected an API error, got {error:?}")
    };
    assert_eq!(api.status().as_u16(), 410);
    // A plain POST is never repeated.
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn avatar_realtime_cancel_sends_no_body_and_reads_the_202() {
    let (cancelled, sent) = exchange(
        202,
        json!({"stream_id": "st_1", "cancelled": false}),
        |client| async move { client.cancel_avatar_realtime_session("st_1").await },
    )
    .await;
    assert_api_request(&sent, "POST", "/v3/avatar-realtime/st_1/cancel", None, None);
    assert_eq!(header(&sent, "idempotency-key"), None);
    assert_eq!(cancelled.stream_id, "st_1");
    assert!(!cancelled.cancelled);
}

// HyperFrames.

fn render_detail(status: &str) -> Value {
    json!({
        "render_id": "hfr_1", "status": status, "format": "webm", "title": "Intro",
        "callback_id": "cb-1", "video_url": "https://cdn.example/hfr_1.webm",
        "thumbnail_url": "https://cdn.example/hfr_1.jpg", "duration": 12.5, "fps": 60,
        "quality": "high", "resolution": "4k", "aspect_ratio": "9:16",
        "composition": "compositions/intro.html", "created_at": 1_757_000_000,
        "completed_at": 1_757_000_100, "failure_message": null
    })
}

#[tokio::test]
async fn hyperframes_create_sends_every_field_with_a_key_and_reads_the_202() {
    let mut variables = serde_json::Map::new();
    variables.insert("headline".into(), json!("Launch day"));
    let request =
        CreateHyperframesRenderRequest::new(MediaInput::url("https://media.example/project.zip"))
            .fps(60)
            .quality(HyperframesQuality::High)
            .format(HyperframesFormat::Mp4)
            .resolution(HyperframesResolution::Res1080p)
            .aspect_ratio(HyperframesAspectRatio::Ratio9x16)
            .composition("compositions/intro.html")
            .variables(variables)
            .title("Intro")
            .callback_id("cb-1")
            .callback_url("https://hooks.example/heygen");

    let (created, sent) = exchange(202, json!({"render_id": "hfr_1"}), |client| async move {
        client
            .create_hyperframes_render(&request, Some(idempotency_key!("render-key-1")))
            .await
    })
    .await;
    assert_eq!(created.render_id, "hfr_1");
    assert_api_request(
        &sent,
        "POST",
        "/v3/hyperframes/renders",
        None,
        Some(json!({
            "project": {"type": "url", "url": "https://media.example/project.zip"},
            "fps": 60, "quality": "high", "format": "mp4", "resolution": "1080p",
            "aspect_ratio": "9:16", "composition": "compositions/intro.html",
            "variables": {"headline": "Launch day"}, "title": "Intro", "callback_id": "cb-1",
            "callback_url": "https://hooks.example/heygen"
        })),
    );
    assert_eq!(header(&sent, "idempotency-key"), Some("render-key-1"));
}

#[tokio::test]
async fn hyperframes_create_without_a_key_sends_a_fresh_one_and_tolerates_the_guides_status() {
    let request =
        CreateHyperframesRenderRequest::new(MediaInput::base64("application/zip", "UEsDBA=="));
    // The guide's example answer adds `status`, which the spec does not define.
    let (created, sent) = exchange(
        202,
        json!({"render_id": "rnd_abc123", "status": "queued"}),
        |client| async move { client.create_hyperframes_render(&request, None).await },
    )
    .await;
    assert_eq!(created.render_id, "rnd_abc123");
    assert_api_request(
        &sent,
        "POST",
        "/v3/hyperframes/renders",
        None,
        Some(
            json!({"project": {"type": "base64", "media_type": "application/zip", "data": "UEsDBA=="}}),
        ),
    );
    assert_generated_key(header(&sent, "idempotency-key"));
}

#[tokio::test]
async fn hyperframes_list_sends_limit_and_token_and_reads_the_page() {
    let server = MockServer::start().await;
    answer_all(
        &server,
        ResponseTemplate::new(200).set_body_json(json!({
            "data": [render_detail("completed"), {"render_id": "hfr_2", "status": "queued", "format": "mp4"}],
            "has_more": true,
            "next_token": "tok_2"
        })),
    )
    .await;
    let query = ListHyperframesRendersQuery::new().limit(2).token("tok_1");

    let page = client(&server)
        .list_hyperframes_renders(&query)
        .await
        .unwrap();

    assert_api_request(
        &only_request(&server).await,
        "GET",
        "/v3/hyperframes/renders",
        Some("limit=2&token=tok_1"),
        None,
    );
    let read: Vec<(&str, &HyperframesRenderStatus)> = page
        .data
        .iter()
        .map(|render| (render.render_id.as_str(), &render.status))
        .collect();
    assert_eq!(
        read,
        [
            ("hfr_1", &HyperframesRenderStatus::Completed),
            ("hfr_2", &HyperframesRenderStatus::Queued)
        ]
    );
    assert_eq!(page.data[1].title, None);
}

#[tokio::test]
async fn hyperframes_get_reads_every_documented_field() {
    let (render, sent) = exchange(200, render_detail("completed"), |client| async move {
        client.get_hyperframes_render("hfr_1").await
    })
    .await;
    assert_api_request(&sent, "GET", "/v3/hyperframes/renders/hfr_1", None, None);
    assert_eq!(render.status, HyperframesRenderStatus::Completed);
    assert_eq!(render.format, HyperframesFormat::Webm);
    assert_eq!(render.resolution, Some(HyperframesResolution::Res4k));
    assert_eq!(render.aspect_ratio, Some(HyperframesAspectRatio::Ratio9x16));
    assert_eq!(render.quality, Some(HyperframesQuality::High));
    assert_eq!(render.duration, Some(12.5));
    assert_eq!(render.fps, Some(60));
    assert_eq!(render.completed_at, Some(1_757_000_100));
    assert_eq!(
        render.video_url.as_deref(),
        Some("https://cdn.example/hfr_1.webm")
    );
}

#[tokio::test]
async fn hyperframes_delete_names_the_render() {
    let (deleted, sent) = exchange(200, json!({"render_id": "hfr_1"}), |client| async move {
        client.delete_hyperframes_render("hfr_1").await
    })
    .await;
    assert_api_request(&sent, "DELETE", "/v3/hyperframes/renders/hfr_1", None, None);
    assert_eq!(header(&sent, "idempotency-key"), None);
    assert_eq!(deleted.render_id, "hfr_1");
}

// Brand kits.

fn kit_detail() -> Value {
    json!({
        "brand_kit_id": "bk_1", "name": "Acme", "status": "completed",
        "colors": ["#FF5733", "#000000"],
        "color_roles": {"primary": "#FF5733", "secondary": null, "tertiary": null, "accent": "#00FF00"},
        "logos": [{"logo_id": "lg_1", "name": "Main", "url": "https://cdn.example/lg_1.png"},
                  {"logo_id": "lg_2", "name": null, "url": null}],
        "logo_roles": {"primary": "lg_1"},
        "fonts": [{"font_id": "ft_1", "name": "Inter"}],
        "font_roles": {"title_text": {"font_id": "ft_1", "weight": 700}, "body_text": null}
    })
}

#[tokio::test]
async fn brand_kit_create_sends_a_key_and_reads_the_201() {
    let request = CreateBrandKitRequest::new("https://acme.example").name("Acme");
    let (created, sent) = exchange(
        201,
        json!({"brand_kit_id": "bk_1", "status": "loading"}),
        |client| async move {
            client
                .create_brand_kit(&request, Some(idempotency_key!("kit-key-1")))
                .await
        },
    )
    .await;
    assert_api_request(
        &sent,
        "POST",
        "/v3/brand-kits",
        None,
        Some(json!({"url": "https://acme.example", "name": "Acme"})),
    );
    assert_eq!(header(&sent, "idempotency-key"), Some("kit-key-1"));
    assert_eq!(created.brand_kit_id, "bk_1");
    assert_eq!(created.status, CreatedBrandKitStatus::Loading);
}

#[tokio::test]
async fn brand_kit_get_reads_the_collections_and_the_roles() {
    let (kit, sent) = exchange(200, kit_detail(), |client| async move {
        client.get_brand_kit("bk_1").await
    })
    .await;
    assert_api_request(&sent, "GET", "/v3/brand-kits/bk_1", None, None);
    assert_eq!(kit.status, BrandKitStatus::Completed);
    assert_eq!(kit.colors.as_deref().unwrap(), ["#FF5733", "#000000"]);
    let roles = kit.color_roles.unwrap();
    assert_eq!(
        (
            roles.primary.as_deref(),
            roles.secondary,
            roles.accent.as_deref()
        ),
        (Some("#FF5733"), None, Some("#00FF00"))
    );
    let logos = kit.logos.unwrap();
    assert_eq!(logos[1].logo_id, "lg_2");
    assert_eq!(logos[1].url, None);
    assert_eq!(kit.logo_roles.unwrap().primary.as_deref(), Some("lg_1"));
    let title = kit.font_roles.unwrap().title_text.unwrap();
    assert_eq!(
        (title.font_id.as_deref(), title.weight),
        (Some("ft_1"), Some(700))
    );

    // While loading, everything but the id, name and status may be absent.
    let (loading, _) = exchange(
        200,
        json!({"brand_kit_id": "bk_2", "name": "acme.example", "status": "loading"}),
        |client| async move { client.get_brand_kit("bk_2").await },
    )
    .await;
    assert_eq!(loading.status, BrandKitStatus::Loading);
    assert_eq!((loading.colors, loading.color_roles), (None, None));
}

#[tokio::test]
async fn brand_kit_update_sends_only_the_fields_set_and_an_empty_role_object_to_clear() {
    let request = UpdateBrandKitRequest::new()
        .name("Acme Corp")
        .color_roles(BrandColorRoles::new().primary("#FF5733"))
        .logo_roles(BrandLogoRoles::new())
        .font_roles(
            BrandFontRoles::new().body_text(BrandFontRole::new().font_id("ft_1").weight(400)),
        );
    let (kit, sent) = exchange(200, kit_detail(), |client| async move {
        client.update_brand_kit("bk_1", &request).await
    })
    .await;
    assert_api_request(
        &sent,
        "PATCH",
        "/v3/brand-kits/bk_1",
        None,
        Some(json!({
            "name": "Acme Corp",
            "color_roles": {"primary": "#FF5733"},
            "logo_roles": {},
            "font_roles": {"body_text": {"font_id": "ft_1", "weight": 400}}
        })),
    );
    assert_eq!(header(&sent, "idempotency-key"), None);
    assert_eq!(kit.brand_kit_id, "bk_1");
}

#[tokio::test]
async fn brand_kit_delete_names_the_kit() {
    let (deleted, sent) = exchange(200, json!({"brand_kit_id": "bk_1"}), |client| async move {
        client.delete_brand_kit("bk_1").await
    })
    .await;
    assert_api_request(&sent, "DELETE", "/v3/brand-kits/bk_1", None, None);
    assert_eq!(deleted.brand_kit_id, "bk_1");
}

// Brand glossaries.

fn glossary_detail(with_translation_rules: bool) -> Value {
    let mut detail = json!({
        "brand_glossary_id": "bg_1", "name": "Acme terms",
        "created_at": "2026-09-01T10:00:00Z", "updated_at": "2026-09-02T11:30:00Z",
        "terms": [{"term": "HeyGen", "pronunciation": "hey-jen"}]
    });
    if with_translation_rules {
        detail["do_not_translate_terms"] = json!([{"term": "Acme"}]);
        detail["forced_translations"] =
            json!([{"term": "Reformer", "translation": "Reformer-Gerät"}]);
    }
    detail
}

#[tokio::test]
async fn brand_glossary_create_sends_every_list_with_a_key_and_reads_the_201() {
    let request = CreateBrandGlossaryRequest::new("Acme terms")
        .terms(vec![GlossaryTerm::new("HeyGen", "hey-jen")])
        .do_not_translate_terms(vec![DoNotTranslateTerm::new("Acme")])
        .forced_translations(vec![ForcedTranslation::new("Reformer", "Reformer-Gerät")]);
    let (glossary, sent) = exchange(201, glossary_detail(true), |client| async move {
        client.create_brand_glossary(&request, None).await
    })
    .await;
    assert_api_request(
        &sent,
        "POST",
        "/v3/brand-glossaries",
        None,
        Some(json!({
            "name": "Acme terms",
            "terms": [{"term": "HeyGen", "pronunciation": "hey-jen"}],
            "do_not_translate_terms": [{"term": "Acme"}],
            "forced_translations": [{"term": "Reformer", "translation": "Reformer-Gerät"}]
        })),
    );
    assert_generated_key(header(&sent, "idempotency-key"));
    assert_eq!(glossary.brand_glossary_id, "bg_1");
    assert_eq!(glossary.created_at, "2026-09-01T10:00:00Z");
    assert_eq!(glossary.terms[0].pronunciation, "hey-jen");
    assert_eq!(
        glossary.forced_translations.unwrap()[0].translation,
        "Reformer-Gerät"
    );
}

#[tokio::test]
async fn brand_glossary_get_reads_a_glossary_without_translation_rules() {
    // Both translation lists are omitted when the glossary has none.
    let (glossary, sent) = exchange(200, glossary_detail(false), |client| async move {
        client.get_brand_glossary("bg_1").await
    })
    .await;
    assert_api_request(&sent, "GET", "/v3/brand-glossaries/bg_1", None, None);
    assert_eq!(glossary.name, "Acme terms");
    assert_eq!(
        (
            glossary.do_not_translate_terms,
            glossary.forced_translations
        ),
        (None, None)
    );
}

#[tokio::test]
async fn brand_glossary_update_replaces_the_lists_sent_and_an_empty_one_clears() {
    let request = UpdateBrandGlossaryRequest::new()
        .name("Acme glossary")
        .terms(vec![])
        .forced_translations(vec![ForcedTranslation::new("Reformer", "Reformer-Gerät")]);
    let (glossary, sent) = exchange(200, glossary_detail(true), |client| async move {
        client.update_brand_glossary("bg_1", &request).await
    })
    .await;
    assert_api_request(
        &sent,
        "PATCH",
        "/v3/brand-glossaries/bg_1",
        None,
        Some(json!({
            "name": "Acme glossary",
            "terms": [],
            "forced_translations": [{"term": "Reformer", "translation": "Reformer-Gerät"}]
        })),
    );
    assert_eq!(header(&sent, "idempotency-key"), None);
    assert_eq!(glossary.do_not_translate_terms.unwrap()[0].term, "Acme");
}

#[tokio::test]
async fn brand_glossary_delete_names_the_glossary() {
    let (deleted, sent) = exchange(
        200,
        json!({"brand_glossary_id": "bg_1"}),
        |client| async move { client.delete_brand_glossary("bg_1").await },
    )
    .await;
    assert_api_request(&sent, "DELETE", "/v3/brand-glossaries/bg_1", None, None);
    assert_eq!(deleted.brand_glossary_id, "bg_1");
}

// Avatar groups, video scenes, filler-word removal.

#[tokio::test]
async fn avatar_group_update_sends_the_default_voice_and_reads_the_group() {
    let request =
        UpdateAvatarGroupRequest::new().default_voice_id("1bd001e7e50f421d891986aad5c8bbd2");
    let (group, sent) = exchange(
        200,
        json!({
            "id": "ag_1", "name": "Anna", "created_at": 1_757_000_000, "looks_count": 3,
            "default_voice_id": "1bd001e7e50f421d891986aad5c8bbd2", "status": "completed",
            "preview_image_url": null, "consent_status": null, "error": null
        }),
        |client| async move { client.update_avatar_group("ag_1", &request).await },
    )
    .await;
    assert_api_request(
        &sent,
        "PATCH",
        "/v3/avatars/ag_1",
        None,
        Some(json!({"default_voice_id": "1bd001e7e50f421d891986aad5c8bbd2"})),
    );
    assert_eq!(header(&sent, "idempotency-key"), None);
    assert_eq!(group.looks_count, 3);
    assert_eq!(group.status, Some(AvatarStatus::Completed));
    assert_eq!(
        group.default_voice_id.as_deref(),
        Some("1bd001e7e50f421d891986aad5c8bbd2")
    );
}

#[tokio::test]
async fn video_scenes_decode_backgrounds_elements_containers_and_scripts() {
    let scenes = json!({
        "video_id": "v_1",
        "video": {"title": "Launch", "aspect_ratio": "16:9", "resolution": "1080p",
                  "caption": {"enabled": true}, "brand_glossary_id": "bg_1"},
        "scenes": [
            {
                "id": "sc_1",
                "background": {"type": "video", "id": "bgv_1", "url": "https://cdn.example/bg.mp4",
                               "playback": "loop", "trim": {"start_offset": 1.0, "end_offset": 4.5},
                               "volume": 0.5, "speed_multiplier": 1.0},
                "elements": [
                    {"id": "el_1", "type": "avatar", "avatar_id": "look_1", "engine": "avatar_iv",
                     "expressiveness": "high", "motion_prompt": "nods"},
                    {"id": "el_2", "type": "group", "children": [
                        {"id": "el_3", "type": "image", "url": "https://cdn.example/logo.png"},
                        {"id": "el_4", "type": "mask", "children": [
                            {"id": "el_5", "type": "video", "url": null}
                        ]}
                    ]},
                    {"id": "el_6", "type": "text"}
                ],
                "script": [
                    {"id": "sp_1", "type": "text", "text": "Hello <break time=\"1s\"/> world",
                     "voice_id": "voice_1",
                     "voice_settings": {"speed": 1.1, "engine_settings": {"engine_type": "starfish"}},
                     "trim_to_speech": true},
                    {"id": "sp_2", "type": "silence", "duration": 0.5},
                    {"id": "sp_3", "type": "audio", "audio_url": "https://cdn.example/a.mp3"}
                ]
            },
            {"id": "sc_2", "background": {"type": "color", "color": "#112233"}, "elements": [], "script": []}
        ]
    });
    let (read, sent) = exchange(200, scenes, |client| async move {
        client.get_video_scenes("v_1").await
    })
    .await;
    assert_api_request(&sent, "GET", "/v3/videos/v_1/scenes", None, None);
    assert_eq!(read.video_id, "v_1");
    assert_eq!(read.video.aspect_ratio, Some(VideoAspectRatio::Ratio16x9));
    assert_eq!(read.video.resolution, Some(VideoResolution::Res1080p));
    assert!(read.video.caption.unwrap().enabled);
    let scenes = read.scenes.unwrap();
    let first = &scenes[0];
    let Some(SceneBackground::Video(background)) = &first.background else {
        panic!("a video background: {:?}", first.background)
    };
    assert_eq!(background.trim.as_ref().unwrap().end_offset, 4.5);
    let elements = first.elements.as_ref().unwrap();
    let SceneElement::Avatar(avatar) = &elements[0] else {
        panic!("an avatar first: {:?}", elements[0])
    };
    assert_eq!(avatar.avatar_id, "look_1");
    assert_eq!(avatar.expressiveness, Some(Expressiveness::High));
    let SceneElement::Container(group) = &elements[1] else {
        panic!("a container second: {:?}", elements[1])
    };
    let children = group.children.as_ref().unwrap();
    assert!(matches!(&children[0], SceneElement::Image(image) if image.id == "el_3"));
    let SceneElement::Container(mask) = &children[1] else {
        panic!("a nested container: {:?}", children[1])
    };
    assert_eq!(mask.r#type, "mask");
    assert!(
        matches!(&mask.children.as_ref().unwrap()[0], SceneElement::Video(video) if video.url.is_none())
    );
    // A kind the spec does not describe is kept as a placeholder, not an error.
    assert!(matches!(&elements[2], SceneElement::Other(other) if other.r#type == "text"));
    let script = first.script.as_ref().unwrap();
    let ScriptEntry::Text(text) = &script[0] else {
        panic!("a text entry first: {:?}", script[0])
    };
    assert_eq!(text.text, "Hello <break time=\"1s\"/> world");
    assert!(matches!(&script[1], ScriptEntry::Silence(silence) if silence.duration == Some(0.5)));
    assert!(matches!(&script[2], ScriptEntry::Audio(_)));
    assert!(matches!(
        &scenes[1].background,
        Some(SceneBackground::Color(color)) if color.color == "#112233"
    ));

    // Encoding a scene gives its JSON back.
    let encoded = serde_json::to_value(&scenes[1]).unwrap();
    assert_eq!(
        encoded,
        json!({"id": "sc_2", "background": {"type": "color", "color": "#112233"}, "elements": [], "script": []})
    );
}

#[test]
fn a_scene_element_without_its_type_is_the_branch_whose_schema_it_matches() {
    // The spec makes `type` optional on the avatar, image and video elements (each defaults to its
    // own tag), so an element may leave it out. It is then the first of those whose schema it
    // matches: the required properties present, and none the branch does not list.
    let element = |value: Value| serde_json::from_value::<SceneElement>(value).unwrap();
    assert!(matches!(
        element(json!({"id": "e1", "avatar_id": "look_1", "engine": "avatar_iii"})),
        SceneElement::Avatar(avatar) if avatar.avatar_id == "look_1" && avatar.r#type.is_none()
    ));
    assert!(matches!(
        element(json!({"id": "e2", "url": null})),
        SceneElement::Image(image) if image.id == "e2"
    ));
    assert!(matches!(
        element(json!({"id": "e3", "url": "https://cdn.example/c.mp4", "trim": null, "volume": 0.5})),
        SceneElement::Video(video) if video.volume == Some(0.5)
    ));
    let entry = |value: Value| serde_json::from_value::<ScriptEntry>(value).unwrap();
    assert!(matches!(
        entry(json!({"id": "s1", "duration": 0.5})),
        ScriptEntry::Silence(_)
    ));
    // Matching no branch, it is an error naming the missing tag, not a guess.
    let error =
        serde_json::from_value::<SceneElement>(json!({"id": "e4", "text": "hi"})).unwrap_err();
    assert!(
        error.to_string().contains("missing field `type`"),
        "{error}"
    );
}

#[tokio::test]
async fn video_scenes_refuse_a_script_entry_of_an_unknown_type() {
    let server = MockServer::start().await;
    answer_all(
        &server,
        ResponseTemplate::new(200).set_body_json(json!({"data": {
            "video_id": "v_1", "video": {},
            "scenes": [{"id": "sc_1", "script": [{"id": "sp_1", "type": "music"}]}]
        }})),
    )
    .await;
    let error = client(&server).get_video_scenes("v_1").await.unwrap_err();
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
    assert!(error.to_string().contains("music"), "{error}");
}

#[tokio::test]
async fn filler_word_removal_create_sends_a_key_and_reads_the_202() {
    let request = CreateFillerWordRemovalRequest::new(MediaReference::asset_id("asset_1"))
        .title("Cleaned keynote")
        .callback_url("https://hooks.example/heygen")
        .callback_id("cb-7");
    let (created, sent) = exchange(
        202,
        json!({"filler_word_removal_id": "fwr_1"}),
        |client| async move {
            client
                .create_filler_word_removal(&request, Some(idempotency_key!("fwr-key-1")))
                .await
        },
    )
    .await;
    assert_api_request(
        &sent,
        "POST",
        "/v3/filler-word-removals",
        None,
        Some(json!({
            "video": {"type": "asset_id", "asset_id": "asset_1"},
            "title": "Cleaned keynote",
            "callback_url": "https://hooks.example/heygen",
            "callback_id": "cb-7"
        })),
    );
    assert_eq!(header(&sent, "idempotency-key"), Some("fwr-key-1"));
    assert_eq!(created.filler_word_removal_id, "fwr_1");
}

#[tokio::test]
async fn filler_word_removal_get_reads_a_completed_job() {
    let (job, sent) = exchange(
        200,
        json!({
            "id": "fwr_1", "status": "completed", "progress": 100, "title": "Cleaned keynote",
            "video_url": "https://cdn.example/fwr_1.mp4", "thumbnail_url": null,
            "original_duration": 600.0, "output_duration": 571.5, "num_cuts": 0,
            "reduction_pct": 4.75, "callback_id": "cb-7", "created_at": 1_757_000_000
        }),
        |client| async move { client.get_filler_word_removal("fwr_1").await },
    )
    .await;
    assert_api_request(&sent, "GET", "/v3/filler-word-removals/fwr_1", None, None);
    assert_eq!(job.status, FillerWordRemovalStatus::Completed);
    assert_eq!(job.progress, Some(100));
    // Silences trimmed without a filler cut: `num_cuts` 0 with a reduction.
    assert_eq!((job.num_cuts, job.reduction_pct), (Some(0), Some(4.75)));
    assert_eq!(job.failure_message, None);
}

#[test]
fn the_documented_error_codes_of_the_extras_are_known_and_not_found_is_one_question() {
    use heygen_api::ErrorCode;
    for (wire, code) in [
        ("resource_not_found", ErrorCode::ResourceNotFound),
        ("avatar_not_found", ErrorCode::AvatarNotFound),
        (
            "hyperframes_render_not_found",
            ErrorCode::HyperframesRenderNotFound,
        ),
        ("no_audio_track", ErrorCode::NoAudioTrack),
        ("brand_kit_not_ready", ErrorCode::BrandKitNotReady),
    ] {
        assert_eq!(ErrorCode::from(wire), code);
    }
    assert!(ErrorCode::HyperframesRenderNotFound.is_not_found());
    assert!(ErrorCode::NotFound.is_not_found());
    assert!(
        ErrorCode::from("template_not_found").is_not_found(),
        "a code HeyGen may add"
    );
    assert!(!ErrorCode::Conflict.is_not_found());
}
