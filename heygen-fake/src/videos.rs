//! The videos group, simulated: a created video moves through `pending` and `processing` to
//! `completed` (or `failed`, when the test asks) on the server's [`Clock`](crate::Clock), and when it ends the
//! matching webhook event (`avatar_video.success` / `avatar_video.fail`) is delivered, signed,
//! by real HTTP to every endpoint registered for it, retried as HeyGen retries.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use axum::routing::get;
use heygen_api::webhooks::WebhookEventType;
use serde::Serialize;
use serde_json::{Value, json};

use super::clock::{Phase, SimClock};
use super::courier::Courier;
use super::envelope::{ApiError, data};
use super::page::{PageRequest, query_map};

/// The simulated videos, their clock, and where their events go.
pub(super) struct VideoStore {
    videos: Mutex<Videos>,
    clock: Arc<SimClock>,
    courier: Arc<Courier>,
}

#[derive(Default)]
struct Videos {
    seq: u64,
    by_seq: BTreeMap<u64, StoredVideo>,
    /// The outcome the next created video will have, when the test set one.
    fail_next: Option<(String, String)>,
}

struct StoredVideo {
    id: String,
    title: Option<String>,
    /// When it was created, on the server's clock.
    created: Duration,
    created_unix: u64,
    /// `Some((code, message))` for a video that will fail.
    failure: Option<(String, String)>,
    /// Whether its end was delivered.
    ended: bool,
}

#[derive(Serialize)]
struct VideoView<'a> {
    id: &'a str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    created_at: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    video_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    failure_code: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    failure_message: Option<&'a str>,
}

impl VideoStore {
    pub(super) fn new(clock: Arc<SimClock>, courier: Arc<Courier>) -> VideoStore {
        VideoStore {
            videos: Mutex::default(),
            clock,
            courier,
        }
    }

    fn videos(&self) -> MutexGuard<'_, Videos> {
        self.videos.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The server's time.
    fn now(&self) -> Duration {
        self.clock.now()
    }

    /// The next video created fails with HeyGen's `code` and `message`.
    pub(super) fn fail_next(&self, code: &str, message: &str) {
        self.videos().fail_next = Some((code.to_owned(), message.to_owned()));
    }

    /// A new video, created now, which ends failed with `failure` when given; its id. Its end
    /// is delivered at once on a [`Clock::Instant`](crate::Clock::Instant) server.
    pub(super) fn insert(
        &self,
        title: Option<String>,
        failure: Option<(String, String)>,
    ) -> String {
        let now = self.now();
        let id = format!("vid_{}", uuid::Uuid::new_v4().simple());
        {
            let mut videos = self.videos();
            videos.seq += 1;
            let seq = videos.seq;
            videos.by_seq.insert(
                seq,
                StoredVideo {
                    id: id.clone(),
                    title,
                    created: now,
                    created_unix: SystemTime::now()
                        .duration_since(UNIX_EPOCH)
                        .map_or(0, |d| d.as_secs()),
                    failure,
                    ended: false,
                },
            );
        }
        self.sweep();
        id
    }

    /// The status of the video `video_id` now (`pending`, `processing`, `completed`, `failed`),
    /// if there is one.
    pub(super) fn status_of(&self, video_id: &str) -> Option<&'static str> {
        let now = self.now();
        let videos = self.videos();
        let video = videos.by_seq.values().find(|video| video.id == video_id)?;
        Some(self.status(video, now))
    }

    /// The status of `video` now.
    fn status(&self, video: &StoredVideo, now: Duration) -> &'static str {
        match self.clock.phase(video.created, now) {
            Phase::Starting => "pending",
            Phase::Running => "processing",
            Phase::Ended => final_status(video),
        }
    }

    fn view<'v>(&self, video: &'v StoredVideo, now: Duration) -> VideoView<'v> {
        let status = self.status(video, now);
        let failed = status == "failed";
        VideoView {
            id: &video.id,
            status,
            title: video.title.as_deref(),
            created_at: video.created_unix,
            video_url: (status == "completed")
                .then(|| format!("https://files.heygen.local/videos/{}.mp4", video.id)),
            failure_code: failed
                .then(|| video.failure.as_ref().map(|(code, _)| code.as_str()))
                .flatten(),
            failure_message: failed
                .then(|| video.failure.as_ref().map(|(_, message)| message.as_str()))
                .flatten(),
        }
    }

    /// Delivers the end of every video that ended and was not delivered yet.
    pub(super) fn sweep(&self) {
        let now = self.now();
        let mut ended = Vec::new();
        {
            let mut videos = self.videos();
            for video in videos.by_seq.values_mut() {
                let status = self.status(video, now);
                if video.ended || !matches!(status, "completed" | "failed") {
                    continue;
                }
                video.ended = true;
                let (event_type, event_data) = match &video.failure {
                    None => (
                        WebhookEventType::AvatarVideoSuccess,
                        json!({
                            "video_id": video.id,
                            "url": format!("https://files.heygen.local/videos/{}.mp4", video.id),
                        }),
                    ),
                    Some((code, message)) => (
                        WebhookEventType::AvatarVideoFail,
                        json!({"video_id": video.id, "error_code": code, "msg": message}),
                    ),
                };
                ended.push((event_type, event_data));
            }
        }
        for (event_type, event_data) in ended {
            self.courier.announce(event_type, event_data);
        }
    }
}

fn final_status(video: &StoredVideo) -> &'static str {
    match video.failure {
        None => "completed",
        Some(_) => "failed",
    }
}

/// The routes [`router`] serves, as `(method, path)`.
pub(super) const ROUTES: [(&str, &str); 4] = [
    ("GET", "/v3/videos"),
    ("POST", "/v3/videos"),
    ("GET", "/v3/videos/{video_id}"),
    ("DELETE", "/v3/videos/{video_id}"),
];

/// The routes of `/v3/videos`.
pub(super) fn router(store: Arc<VideoStore>) -> Router {
    Router::new()
        .route("/v3/videos", get(list_videos).post(create_video))
        .route("/v3/videos/{video_id}", get(get_video).delete(delete_video))
        .with_state(store)
}

type Store = State<Arc<VideoStore>>;

async fn create_video(State(store): Store, body: Bytes) -> Result<Response, ApiError> {
    let fields = match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Object(fields)) => fields,
        _ => {
            return Err(ApiError::invalid_parameter(
                None,
                "the body must be a JSON object",
            ));
        }
    };
    match fields.get("type").and_then(Value::as_str) {
        Some(kind) if !kind.is_empty() => {}
        _ => {
            return Err(ApiError::invalid_parameter(
                Some("type"),
                "type is required (`avatar`, `image`, ...)",
            ));
        }
    }
    let title = fields
        .get("title")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let failure = store.videos().fail_next.take();
    let id = store.insert(title, failure);
    Ok(data(json!({"video_id": id, "status": "waiting"})))
}

async fn get_video(
    State(store): Store,
    Path(video_id): Path<String>,
) -> Result<Response, ApiError> {
    store.sweep();
    let now = store.now();
    let videos = store.videos();
    let video = videos
        .by_seq
        .values()
        .find(|video| video.id == video_id)
        .ok_or_else(|| video_not_found(&video_id))?;
    Ok(data(store.view(video, now)))
}

async fn list_videos(State(store): Store, RawQuery(query): RawQuery) -> Result<Response, ApiError> {
    store.sweep();
    let page = PageRequest::from_query(&query_map(query.as_deref()))?;
    let now = store.now();
    let videos = store.videos();
    let views = videos
        .by_seq
        .iter()
        .map(|(seq, video)| (*seq, store.view(video, now)));
    Ok(page.respond(views))
}

async fn delete_video(
    State(store): Store,
    Path(video_id): Path<String>,
) -> Result<Response, ApiError> {
    let mut videos = store.videos();
    let before = videos.by_seq.len();
    videos.by_seq.retain(|_, video| video.id != video_id);
    if videos.by_seq.len() == before {
        return Err(video_not_found(&video_id));
    }
    Ok(data(json!({"id": video_id, "deleted": true})))
}

fn video_not_found(video_id: &str) -> ApiError {
    ApiError::not_found("video_not_found", format!("Video not found: {video_id}"))
}
