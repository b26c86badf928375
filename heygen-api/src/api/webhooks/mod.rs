//! Webhooks: managing the endpoints HeyGen notifies, and verifying what it sends them.
//!
//! - [`WebhooksApi`]: the seven `/v3/webhooks` operations (register, list, update, delete an
//!   endpoint, rotate its signing secret, list event types and past events).
//! - [`WebhookVerifier`]: checks a delivery's `Heygen-Signature` and `Heygen-Timestamp` against
//!   the endpoint's secret (several at once while rotating) and parses it into a [`WebhookEvent`].
//!
//! ```no_run
//! use heygen_api::webhooks::{CreateWebhookEndpointRequest, WebhookEventType, WebhookVerifier, WebhooksApi};
//!
//! # async fn run(client: heygen_api::Client) -> heygen_api::Result<()> {
//! let request = CreateWebhookEndpointRequest::new("https://example.com/heygen")
//!     .events([WebhookEventType::AvatarVideoSuccess, WebhookEventType::AvatarVideoFail]);
//! let endpoint = client.create_webhook_endpoint(&request, None).await?;
//! // The secret is only returned now (and on rotation): store it.
//! let verifier = WebhookVerifier::new(endpoint.secret.expect("returned on create"));
//!
//! // Later, in the handler of https://example.com/heygen:
//! # let (body, headers) = (Vec::<u8>::new(), http::HeaderMap::new());
//! match verifier.verify(&body, heygen_api::webhooks::header_map_lookup(&headers)) {
//!     Ok(delivery) => println!("{} {}", delivery.event.event_id, delivery.event.event_type),
//!     Err(rejected) => eprintln!("rejected: {rejected}"),
//! }
//! # Ok(())
//! # }
//! ```

mod secret;
mod verify;

pub use secret::WebhookSecret;
pub use verify::{
    DEFAULT_TOLERANCE, EVENT_ID_HEADER, SIGNATURE_HEADER, SignatureProblem, TIMESTAMP_HEADER,
    VerifiedDelivery, VerifyError, WebhookEvent, WebhookVerifier, header_map_lookup, sign,
};

use serde::{Deserialize, Serialize};

use crate::{IdempotencyKey, Page, QueryParams, Result, api, endpoint};

/// The `/v3/webhooks` operations: register the URLs HeyGen notifies, and read what it sent.
///
/// Implemented for [`Client`](crate::Client); bring the trait into scope to call them.
#[api]
pub trait WebhooksApi {
    /// Lists the registered endpoints, one page at a time (`list_webhook_endpoints_stream` walks
    /// every page). Secrets are not included.
    #[endpoint(GET "/v3/webhooks/endpoints", paginated)]
    async fn list_webhook_endpoints(
        &self,
        #[query(flatten)] query: &ListWebhookEndpointsQuery,
    ) -> Result<Page<WebhookEndpoint>>;

    /// Registers an HTTPS URL to receive events. The answer carries the signing secret, which is
    /// shown only now and on rotation: store it. Pass an `Idempotency-Key` to make a retry after
    /// an unknown outcome safe (one is generated otherwise, and reused by automatic retries).
    #[endpoint(POST "/v3/webhooks/endpoints", idempotent)]
    async fn create_webhook_endpoint(
        &self,
        #[body] body: &CreateWebhookEndpointRequest,
        #[idempotency_key] key: Option<IdempotencyKey>,
    ) -> Result<WebhookEndpoint>;

    /// Changes an endpoint's URL and/or event types (the list sent replaces the old one).
    #[endpoint(PATCH "/v3/webhooks/endpoints/<endpoint_id>")]
    async fn update_webhook_endpoint(
        &self,
        endpoint_id: &str,
        #[body] body: &UpdateWebhookEndpointRequest,
    ) -> Result<WebhookEndpoint>;

    /// Removes an endpoint for good; nothing more is delivered to its URL.
    #[endpoint(DELETE "/v3/webhooks/endpoints/<endpoint_id>")]
    async fn delete_webhook_endpoint(&self, endpoint_id: &str) -> Result<DeletedWebhookEndpoint>;

    /// Replaces an endpoint's signing secret; the old one stops working at once. The new one is
    /// shown only in this answer, so retry with the same `Idempotency-Key` (HeyGen then replays
    /// it) rather than rotating twice.
    #[endpoint(POST "/v3/webhooks/endpoints/<endpoint_id>/rotate-secret", idempotent)]
    async fn rotate_webhook_secret(
        &self,
        endpoint_id: &str,
        #[idempotency_key] key: Option<IdempotencyKey>,
    ) -> Result<RotateSecretResponseData>;

    /// Lists every event type with a description (HeyGen answers them all at once).
    #[endpoint(GET "/v3/webhooks/event-types")]
    async fn list_webhook_event_types(&self) -> Result<Vec<WebhookEventTypeInfo>>;

    /// Lists delivered events, newest history included, filtered by type or resource, one page at
    /// a time (`list_webhook_events_stream` walks every page).
    #[endpoint(GET "/v3/webhooks/events", paginated)]
    async fn list_webhook_events(
        &self,
        #[query(flatten)] query: &ListWebhookEventsQuery,
    ) -> Result<Page<DeliveredWebhookEvent>>;
}

crate::string_enum! {
    /// The kinds of event HeyGen delivers to webhook endpoints: the 34 of HeyGen's September 2026
    /// document (the catalog's 30 and four added since).
    pub enum WebhookEventType {
        /// An avatar video finished.
        AvatarVideoSuccess = "avatar_video.success",
        /// An avatar video failed.
        AvatarVideoFail = "avatar_video.fail",
        /// An avatar video GIF finished.
        AvatarVideoGifSuccess = "avatar_video_gif.success",
        /// An avatar video GIF failed.
        AvatarVideoGifFail = "avatar_video_gif.fail",
        /// A video translation finished.
        VideoTranslateSuccess = "video_translate.success",
        /// A video translation failed.
        VideoTranslateFail = "video_translate.fail",
        /// A video translation was rejected by its preflight validation.
        VideoTranslatePreflightValidationFailed = "video_translate.preflight.validation_failed",
        /// A video translation could not download its source.
        VideoTranslatePreflightDownloadFailed = "video_translate.preflight.download_failed",
        /// A personalized video event.
        PersonalizedVideo = "personalized_video",
        /// An instant avatar finished.
        InstantAvatarSuccess = "instant_avatar.success",
        /// An instant avatar failed.
        InstantAvatarFail = "instant_avatar.fail",
        /// A photo avatar generation finished.
        PhotoAvatarGenerationSuccess = "photo_avatar_generation.success",
        /// A photo avatar generation failed.
        PhotoAvatarGenerationFail = "photo_avatar_generation.fail",
        /// A photo avatar training finished.
        PhotoAvatarTrainSuccess = "photo_avatar_train.success",
        /// A photo avatar training failed.
        PhotoAvatarTrainFail = "photo_avatar_train.fail",
        /// Adding motion to a photo avatar finished.
        PhotoAvatarAddMotionSuccess = "photo_avatar_add_motion.success",
        /// Adding motion to a photo avatar failed.
        PhotoAvatarAddMotionFail = "photo_avatar_add_motion.fail",
        /// A proofread was created.
        ProofreadCreationSuccess = "proofread_creation.success",
        /// A proofread could not be created.
        ProofreadCreationFail = "proofread_creation.fail",
        /// A live avatar finished.
        LiveAvatarSuccess = "live_avatar.success",
        /// A live avatar failed.
        LiveAvatarFail = "live_avatar.fail",
        /// Captioning an avatar video finished.
        AvatarVideoCaptionSuccess = "avatar_video_caption.success",
        /// Captioning an avatar video failed.
        AvatarVideoCaptionFail = "avatar_video_caption.fail",
        /// A video-agent video finished.
        VideoAgentSuccess = "video_agent.success",
        /// A video-agent video failed.
        VideoAgentFail = "video_agent.fail",
        /// A HyperFrames video finished.
        HyperframesVideoSuccess = "hyperframes_video.success",
        /// A HyperFrames video failed.
        HyperframesVideoFail = "hyperframes_video.fail",
        /// An AI clipping job finished.
        AiClippingSuccess = "ai_clipping.success",
        /// An AI clipping job failed.
        AiClippingFail = "ai_clipping.fail",
        /// Every job of a batch has finished.
        BatchFinished = "batch.finished",
        /// A filler-word removal finished (September 2026).
        FillerWordRemovalSuccess = "filler_word_removal.success",
        /// A filler-word removal failed (September 2026).
        FillerWordRemovalFail = "filler_word_removal.fail",
        /// A podcast finished (September 2026; this crate does not declare the podcast operations).
        PodcastSuccess = "podcast.success",
        /// A podcast failed (September 2026; this crate does not declare the podcast operations).
        PodcastFail = "podcast.fail",
    }
}

crate::string_enum! {
    /// Whether an endpoint receives deliveries.
    pub enum WebhookEndpointStatus {
        /// Deliveries are sent.
        Enabled = "enabled",
        /// Deliveries are paused.
        Disabled = "disabled",
    }
}

/// A registered webhook endpoint.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct WebhookEndpoint {
    /// The endpoint's id.
    pub endpoint_id: String,
    /// The URL that receives the deliveries.
    pub url: String,
    /// Whether deliveries are sent.
    pub status: WebhookEndpointStatus,
    /// When it was registered: an ISO 8601 timestamp, as sent.
    pub created_at: String,
    /// The event types it receives; `None` means all of them.
    #[serde(default)]
    pub events: Option<Vec<WebhookEventType>>,
    /// The signing secret: only returned by create (and the secret alone by rotate-secret).
    #[serde(default)]
    pub secret: Option<WebhookSecret>,
}

impl WebhookEndpoint {
    /// An endpoint as HeyGen describes it (for tests: a fake's answer), receiving every event
    /// type, without a secret.
    pub fn new(
        endpoint_id: impl Into<String>,
        url: impl Into<String>,
        status: impl Into<WebhookEndpointStatus>,
        created_at: impl Into<String>,
    ) -> Self {
        WebhookEndpoint {
            endpoint_id: endpoint_id.into(),
            url: url.into(),
            status: status.into(),
            created_at: created_at.into(),
            events: None,
            secret: None,
        }
    }

    /// Sets `events`: the event types it receives.
    pub fn events(mut self, events: impl IntoIterator<Item = WebhookEventType>) -> Self {
        self.events = Some(events.into_iter().collect());
        self
    }

    /// Sets `secret`, as create returns it.
    pub fn secret(mut self, secret: impl Into<WebhookSecret>) -> Self {
        self.secret = Some(secret.into());
        self
    }
}

/// The body of [`WebhooksApi::create_webhook_endpoint`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct CreateWebhookEndpointRequest {
    /// Publicly accessible HTTPS URL that receives the deliveries.
    pub url: String,
    /// The event types to receive; `None` (the default) means all of them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<WebhookEventType>>,
    /// Scopes the endpoint to one resource (for example a personalized video project).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
}

impl CreateWebhookEndpointRequest {
    /// An endpoint at `url` receiving every event type.
    pub fn new(url: impl Into<String>) -> Self {
        CreateWebhookEndpointRequest {
            url: url.into(),
            events: None,
            entity_id: None,
        }
    }

    /// Receives only these event types.
    pub fn events(mut self, events: impl IntoIterator<Item = WebhookEventType>) -> Self {
        self.events = Some(events.into_iter().collect());
        self
    }

    /// Scopes the endpoint to one resource.
    pub fn entity_id(mut self, entity_id: impl Into<String>) -> Self {
        self.entity_id = Some(entity_id.into());
        self
    }
}

/// The body of [`WebhooksApi::update_webhook_endpoint`]: what is left `None` is not sent and stays
/// as it is.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct UpdateWebhookEndpointRequest {
    /// The new URL (publicly accessible HTTPS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The new list of event types, replacing the old one entirely.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<WebhookEventType>>,
}

impl UpdateWebhookEndpointRequest {
    /// An update that changes nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Moves the endpoint to `url`.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// Replaces the subscribed event types with `events`.
    pub fn events(mut self, events: impl IntoIterator<Item = WebhookEventType>) -> Self {
        self.events = Some(events.into_iter().collect());
        self
    }
}

/// The answer to [`WebhooksApi::delete_webhook_endpoint`] (an empty object).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct DeletedWebhookEndpoint {}

/// The answer to [`WebhooksApi::rotate_webhook_secret`] (`RotateSecretResponseData` in HeyGen's
/// reference).
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct RotateSecretResponseData {
    /// The endpoint whose secret was rotated.
    pub endpoint_id: String,
    /// The new signing secret; the old one stopped working at once.
    pub secret: WebhookSecret,
}

impl RotateSecretResponseData {
    /// A rotation's answer (for tests).
    pub fn new(endpoint_id: impl Into<String>, secret: impl Into<WebhookSecret>) -> Self {
        RotateSecretResponseData {
            endpoint_id: endpoint_id.into(),
            secret: secret.into(),
        }
    }
}

/// An event type with its description, from [`WebhooksApi::list_webhook_event_types`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct WebhookEventTypeInfo {
    /// The event type.
    pub event_type: WebhookEventType,
    /// When it fires, in words.
    pub description: String,
}

impl WebhookEventTypeInfo {
    /// An event type and its description (for tests).
    pub fn new(event_type: WebhookEventType, description: impl Into<String>) -> Self {
        WebhookEventTypeInfo {
            event_type,
            description: description.into(),
        }
    }
}

/// An event HeyGen has delivered, from [`WebhooksApi::list_webhook_events`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct DeliveredWebhookEvent {
    /// The delivery's id (the `Heygen-Event-Id` it was sent with).
    pub event_id: String,
    /// What happened.
    pub event_type: WebhookEventType,
    /// The payload. The specification types it as an object without properties, so it is kept
    /// as a JSON object.
    pub event_data: serde_json::Map<String, serde_json::Value>,
    /// When the event was created: an ISO 8601 timestamp, as sent.
    pub created_at: String,
}

impl DeliveredWebhookEvent {
    /// A delivered event with an empty payload (for tests); set one with
    /// [`event_data`](Self::event_data).
    pub fn new(
        event_id: impl Into<String>,
        event_type: WebhookEventType,
        created_at: impl Into<String>,
    ) -> Self {
        DeliveredWebhookEvent {
            event_id: event_id.into(),
            event_type,
            event_data: serde_json::Map::new(),
            created_at: created_at.into(),
        }
    }

    /// Sets `event_data`, the payload.
    pub fn event_data(mut self, event_data: serde_json::Map<String, serde_json::Value>) -> Self {
        self.event_data = event_data;
        self
    }
}

/// The query of [`WebhooksApi::list_webhook_endpoints`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ListWebhookEndpointsQuery {
    /// Page size, 1 to 100 (HeyGen's default is 10).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// The `next_token` of the previous page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
}

impl ListWebhookEndpointsQuery {
    /// The first page, default size.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the page size (1 to 100).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Continues after the page that returned this `next_token`.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }
}

impl QueryParams for ListWebhookEndpointsQuery {
    const NAMES: &'static [&'static str] = &["limit", "token"];
}

/// The query of [`WebhooksApi::list_webhook_events`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ListWebhookEventsQuery {
    /// Only events of this type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_type: Option<WebhookEventType>,
    /// Only events about this resource.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
    /// Page size, 1 to 100 (HeyGen's default is 10).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// The `next_token` of the previous page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
}

impl ListWebhookEventsQuery {
    /// The first page of all events, default size.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only events of this type.
    pub fn event_type(mut self, event_type: WebhookEventType) -> Self {
        self.event_type = Some(event_type);
        self
    }

    /// Only events about this resource.
    pub fn entity_id(mut self, entity_id: impl Into<String>) -> Self {
        self.entity_id = Some(entity_id.into());
        self
    }

    /// Sets the page size (1 to 100).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Continues after the page that returned this `next_token`.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }
}

impl QueryParams for ListWebhookEventsQuery {
    const NAMES: &'static [&'static str] = &["event_type", "entity_id", "limit", "token"];
}
