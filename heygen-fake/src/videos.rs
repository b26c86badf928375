//! The videos group, simulated: a created video moves through `pending` and `processing` to
//! `completed` (or `failed`, when the test asks) on the server's [`Clock`], and when it ends the
//! matching webhook event (`avatar_video.success` / `avatar_video.fail`) is delivered, signed,
//! by real HTTP to every endpoint registered for it, retried as HeyGen retries.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use axum::routing::get;
use heygen_api::webhooks::WebhookEventType;
use serde::Serialize;
use serde_json::{Value, json};

use super::envelope::{ApiError, data};
use super::page::{PageRequest, query_map};
use super::webhooks::{Delivery, WebhookStore};

/// How time passes for the simulated jobs of a [`LocalServer`](crate::LocalServer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Clock {
    /// Jobs end as soon as they are created (the default): a wait returns at its first read.
    #[default]
    Instant,
    /// Time moves only when the test calls [`LocalServer::advance`](crate::LocalServer::advance).
    Stepped,
    /// Time is the wall clock.
    RealTime,
}

/// How long a simulated video is `pending`, then `processing` (on the server's clock).
const WAITING: Duration = Duration::from_secs(5);
const PROCESSING: Duration = Duration::from_secs(30);

/// The delays between attempts of a webhook delivery that failed (HeyGen retries deliveries
/// that do not get a 2xx).
const DELIVERY_RETRIES: [Duration; 3] = [
    Duration::from_millis(100),
    Duration::from_millis(400),
    Duration::from_millis(1600),
];

/// The simulated videos, their clock, and where their events go.
pub(super) struct VideoStore {
    videos: Mutex<Videos>,
    clock: Clock,
    /// Stepped time, advanced by the test.
    stepped: Mutex<Duration>,
    started: Instant,
    webhooks: Arc<WebhookStore>,
    http: heygen_api::reqwest::Client,
    delivered: Arc<AtomicU64>,
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
    pub(super) fn new(clock: Clock, webhooks: Arc<WebhookStore>) -> VideoStore {
        VideoStore {
            videos: Mutex::default(),
            clock,
            stepped: Mutex::default(),
            started: Instant::now(),
            webhooks,
            http: heygen_api::reqwest::Client::builder()
                .redirect(heygen_api::reqwest::redirect::Policy::none())
                .timeout(Duration::from_secs(5))
                .build()
                .unwrap_or_default(),
            delivered: Arc::default(),
        }
    }

    fn videos(&self) -> MutexGuard<'_, Videos> {
        self.videos.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The server's time.
    fn now(&self) -> Duration {
        match self.clock {
            Clock::Instant => Duration::ZERO,
            Clock::Stepped => *self.stepped.lock().unwrap_or_else(PoisonError::into_inner),
            Clock::RealTime => self.started.elapsed(),
        }
    }

    /// Moves stepped time on by `by`, then delivers the events of the jobs that ended.
    pub(super) fn advance(&self, by: Duration) {
        *self.stepped.lock().unwrap_or_else(PoisonError::into_inner) += by;
        self.sweep();
    }

    /// The next video created fails with HeyGen's `code` and `message`.
    pub(super) fn fail_next(&self, code: &str, message: &str) {
        self.videos().fail_next = Some((code.to_owned(), message.to_owned()));
    }

    /// How many webhook deliveries got a 2xx.
    pub(super) fn deliveries_acknowledged(&self) -> u64 {
        self.delivered.load(Ordering::SeqCst)
    }

    /// The status of `video` now.
    fn status(&self, video: &StoredVideo, now: Duration) -> &'static str {
        if self.clock == Clock::Instant {
            return final_status(video);
        }
        let age = now.saturating_sub(video.created);
        if age < WAITING {
            "pending"
        } else if age < WAITING + PROCESSING {
            "processing"
        } else {
            final_status(video)
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
            for delivery in self.webhooks.deliveries(event_type, event_data) {
                self.send(delivery);
            }
        }
    }

    /// POSTs `delivery`, retrying a failed attempt after each of [`DELIVERY_RETRIES`].
    fn send(&self, delivery: Delivery) {
        let http = self.http.clone();
        let delivered = Arc::clone(&self.delivered);
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        runtime.spawn(async move {
            for pause in std::iter::once(Duration::ZERO).chain(DELIVERY_RETRIES) {
                tokio::time::sleep(pause).await;
                let sent = http
                    .post(&delivery.url)
                    .headers(delivery.headers.clone())
                    .body(delivery.body.clone())
                    .send()
                    .await;
                match sent {
                    Ok(answer) if answer.status().is_success() => {
                        delivered.fetch_add(1, Ordering::SeqCst);
                        return;
                    }
                    Ok(answer) => tracing::debug!(status = %answer.status(), "delivery refused"),
                    Err(error) => tracing::debug!(%error, "delivery failed"),
                }
            }
            tracing::warn!("webhook delivery abandoned after its retries");
        });
    }
}

fn final_status(video: &StoredVideo) -> &'static str {
    match video.failure {
        None => "completed",
        Some(_) => "failed",
    }
}

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
    let now = store.now();
    let id = {
        let mut videos = store.videos();
        videos.seq += 1;
        let seq = videos.seq;
        let failure = videos.fail_next.take();
        let id = format!("vid_{}", uuid::Uuid::new_v4().simple());
        videos.by_seq.insert(
            seq,
            StoredVideo {
                id: id.clone(),
                title: fields
                    .get("title")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                created: now,
                created_unix: SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs()),
                failure,
                ended: false,
            },
        );
        id
    };
    store.sweep();
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
