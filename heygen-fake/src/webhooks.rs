//! The webhook API group: endpoints with real state, their secrets, event types and the history of
//! (test) deliveries.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use axum::routing::{get, patch, post};
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::LocalServerError;
use super::envelope::{ApiError, data};
use super::page::{PageRequest, query_map};
use super::timestamp::iso8601;
use heygen_api::webhooks::{
    EVENT_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, WebhookEventType, WebhookSecret, sign,
};

/// The webhook group's registry.
#[derive(Debug, Default)]
pub(super) struct WebhookStore {
    registry: Mutex<Registry>,
}

#[derive(Debug, Default)]
struct Registry {
    /// Orders endpoints and events for pagination; never reused.
    last_seq: u64,
    endpoints: BTreeMap<u64, StoredEndpoint>,
    events: BTreeMap<u64, StoredEvent>,
}

impl Registry {
    fn next_seq(&mut self) -> u64 {
        self.last_seq += 1;
        self.last_seq
    }

    fn endpoint_mut(&mut self, endpoint_id: &str) -> Result<&mut StoredEndpoint, ApiError> {
        self.endpoints
            .values_mut()
            .find(|endpoint| endpoint.endpoint_id == endpoint_id)
            .ok_or_else(|| webhook_not_found(endpoint_id))
    }
}

#[derive(Debug)]
struct StoredEndpoint {
    endpoint_id: String,
    url: String,
    events: Option<Vec<WebhookEventType>>,
    entity_id: Option<String>,
    created_at: String,
    secret: WebhookSecret,
}

impl StoredEndpoint {
    /// The endpoint as the API shows it; the secret only where HeyGen returns it (on create).
    fn view(&self, with_secret: bool) -> EndpointView<'_> {
        EndpointView {
            endpoint_id: &self.endpoint_id,
            url: &self.url,
            status: "enabled",
            created_at: &self.created_at,
            events: self.events.as_deref(),
            secret: with_secret.then(|| self.secret.expose_secret()),
        }
    }

    fn receives(&self, event_type: &WebhookEventType) -> bool {
        self.events
            .as_ref()
            .is_none_or(|events| events.contains(event_type))
    }
}

#[derive(Serialize)]
struct EndpointView<'a> {
    endpoint_id: &'a str,
    url: &'a str,
    status: &'a str,
    created_at: &'a str,
    events: Option<&'a [WebhookEventType]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    secret: Option<&'a str>,
}

#[derive(Debug, Clone, Serialize)]
struct StoredEvent {
    event_id: String,
    event_type: WebhookEventType,
    event_data: Map<String, Value>,
    created_at: String,
    #[serde(skip)]
    entity_id: Option<String>,
}

impl WebhookStore {
    fn registry(&self) -> MutexGuard<'_, Registry> {
        self.registry.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A delivery of a test event to `endpoint_id`, signed with its current secret, and recorded
    /// in the event history.
    pub(super) fn test_delivery(
        &self,
        endpoint_id: &str,
        event_type: WebhookEventType,
    ) -> Result<(Vec<u8>, HeaderMap), LocalServerError> {
        let mut registry = self.registry();
        let seq = registry.next_seq();
        let endpoint = registry
            .endpoints
            .values()
            .find(|endpoint| endpoint.endpoint_id == endpoint_id)
            .ok_or_else(|| LocalServerError::UnknownEndpoint(endpoint_id.to_owned()))?;
        if !endpoint.receives(&event_type) {
            return Err(LocalServerError::NotSubscribed {
                endpoint_id: endpoint_id.to_owned(),
                event_type,
            });
        }
        let now = SystemTime::now();
        let event = StoredEvent {
            event_id: format!("evt_{}", uuid::Uuid::new_v4().simple()),
            event_type,
            event_data: json_object(json!({ "endpoint_id": endpoint_id, "test": true })),
            created_at: iso8601(now),
            entity_id: endpoint.entity_id.clone(),
        };
        let body = serde_json::to_vec(&json!({
            "event_type": event.event_type,
            "event_data": event.event_data,
        }))
        .map_err(|e| LocalServerError::Internal(e.to_string()))?;

        let unix_seconds = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let mut headers = HeaderMap::new();
        let values = [
            (header::CONTENT_TYPE.as_str(), "application/json".to_owned()),
            (SIGNATURE_HEADER, sign(&endpoint.secret, &body)),
            (TIMESTAMP_HEADER, unix_seconds.to_string()),
            (EVENT_ID_HEADER, event.event_id.clone()),
        ];
        for (name, value) in values {
            let value = HeaderValue::try_from(value)
                .map_err(|e| LocalServerError::Internal(e.to_string()))?;
            headers.insert(name, value);
        }
        registry.events.insert(seq, event);
        Ok((body, headers))
    }
}

/// One signed delivery, to be POSTed to `url`.
pub(super) struct Delivery {
    pub(super) url: String,
    pub(super) body: Vec<u8>,
    pub(super) headers: HeaderMap,
}

impl WebhookStore {
    /// The deliveries of an event of `event_type` with `event_data`: one per endpoint that
    /// receives that type, each signed with the endpoint's current secret. The event is added
    /// to the history.
    pub(super) fn deliveries(
        &self,
        event_type: WebhookEventType,
        event_data: Value,
    ) -> Vec<Delivery> {
        let mut registry = self.registry();
        let seq = registry.next_seq();
        let now = SystemTime::now();
        let event = StoredEvent {
            event_id: format!("evt_{}", uuid::Uuid::new_v4().simple()),
            event_type,
            event_data: json_object(event_data),
            created_at: iso8601(now),
            entity_id: None,
        };
        let body = serde_json::to_vec(&json!({
            "event_type": event.event_type,
            "event_data": event.event_data,
        }))
        .unwrap_or_default();
        let unix_seconds = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let deliveries = registry
            .endpoints
            .values()
            .filter(|endpoint| endpoint.receives(&event.event_type))
            .filter_map(|endpoint| {
                let mut headers = HeaderMap::new();
                let values = [
                    (header::CONTENT_TYPE.as_str(), "application/json".to_owned()),
                    (SIGNATURE_HEADER, sign(&endpoint.secret, &body)),
                    (TIMESTAMP_HEADER, unix_seconds.to_string()),
                    (EVENT_ID_HEADER, event.event_id.clone()),
                ];
                for (name, value) in values {
                    headers.insert(name, HeaderValue::try_from(value).ok()?);
                }
                Some(Delivery {
                    url: endpoint.url.clone(),
                    body: body.clone(),
                    headers,
                })
            })
            .collect();
        registry.events.insert(seq, event);
        deliveries
    }
}

/// The routes of `/v3/webhooks`.
pub(super) fn router(store: Arc<WebhookStore>) -> Router {
    Router::new()
        .route(
            "/v3/webhooks/endpoints",
            get(list_endpoints).post(create_endpoint),
        )
        .route(
            "/v3/webhooks/endpoints/{endpoint_id}",
            patch(update_endpoint).delete(delete_endpoint),
        )
        .route(
            "/v3/webhooks/endpoints/{endpoint_id}/rotate-secret",
            post(rotate_secret),
        )
        .route("/v3/webhooks/event-types", get(list_event_types))
        .route("/v3/webhooks/events", get(list_events))
        .with_state(store)
}

type Store = State<Arc<WebhookStore>>;

async fn list_endpoints(
    State(store): Store,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let page = PageRequest::from_query(&query_map(query.as_deref()))?;
    let registry = store.registry();
    let endpoints = registry
        .endpoints
        .iter()
        .map(|(seq, endpoint)| (*seq, endpoint.view(false)));
    Ok(page.respond(endpoints))
}

async fn create_endpoint(State(store): Store, body: Bytes) -> Result<Response, ApiError> {
    let mut fields = json_body(&body)?;
    let url = https_url(fields.remove("url"))?
        .ok_or_else(|| ApiError::invalid_parameter(Some("url"), "url is required"))?;
    let events = event_types(fields.remove("events"))?;
    let entity_id = optional_string("entity_id", fields.remove("entity_id"))?;

    let mut registry = store.registry();
    let seq = registry.next_seq();
    let endpoint = StoredEndpoint {
        endpoint_id: format!("ep_{}", uuid::Uuid::new_v4().simple()),
        url,
        events,
        entity_id,
        created_at: iso8601(SystemTime::now()),
        secret: new_secret(),
    };
    let answer = data(endpoint.view(true));
    registry.endpoints.insert(seq, endpoint);
    Ok(answer)
}

async fn update_endpoint(
    State(store): Store,
    Path(endpoint_id): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let mut fields = json_body(&body)?;
    let url = https_url(fields.remove("url"))?;
    let events = event_types(fields.remove("events"))?;

    let mut registry = store.registry();
    let endpoint = registry.endpoint_mut(&endpoint_id)?;
    if let Some(url) = url {
        endpoint.url = url;
    }
    if let Some(events) = events {
        endpoint.events = Some(events);
    }
    Ok(data(endpoint.view(false)))
}

async fn delete_endpoint(
    State(store): Store,
    Path(endpoint_id): Path<String>,
) -> Result<Response, ApiError> {
    let mut registry = store.registry();
    let before = registry.endpoints.len();
    registry
        .endpoints
        .retain(|_, endpoint| endpoint.endpoint_id != endpoint_id);
    if registry.endpoints.len() == before {
        return Err(webhook_not_found(&endpoint_id));
    }
    Ok(data(json!({})))
}

async fn rotate_secret(
    State(store): Store,
    Path(endpoint_id): Path<String>,
) -> Result<Response, ApiError> {
    let mut registry = store.registry();
    let endpoint = registry.endpoint_mut(&endpoint_id)?;
    // The old secret stops working at once, as on HeyGen.
    endpoint.secret = new_secret();
    Ok(data(json!({
        "endpoint_id": endpoint.endpoint_id,
        "secret": endpoint.secret.expose_secret(),
    })))
}

async fn list_event_types() -> Response {
    let types: Vec<Value> = WebhookEventType::KNOWN
        .iter()
        .map(|event_type| json!({ "event_type": event_type, "description": describe(event_type) }))
        .collect();
    super::envelope::page(types, false, None)
}

async fn list_events(State(store): Store, RawQuery(query): RawQuery) -> Result<Response, ApiError> {
    let query = query_map(query.as_deref());
    let page = PageRequest::from_query(&query)?;
    let event_type = match query.get("event_type") {
        None => None,
        Some(raw) => Some(known_event_type("event_type", raw)?),
    };
    let entity_id = query.get("entity_id");
    let registry = store.registry();
    let events = registry
        .events
        .iter()
        .filter(|(_, event)| event_type.as_ref().is_none_or(|t| *t == event.event_type))
        .filter(|(_, event)| entity_id.is_none_or(|id| event.entity_id.as_ref() == Some(id)))
        .map(|(seq, event)| (*seq, event));
    Ok(page.respond(events))
}

fn webhook_not_found(endpoint_id: &str) -> ApiError {
    ApiError::not_found(
        "webhook_not_found",
        format!("Webhook endpoint not found: {endpoint_id}"),
    )
}

/// `whsec_` and 64 random hex digits.
fn new_secret() -> WebhookSecret {
    WebhookSecret::new(format!(
        "whsec_{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    ))
}

/// A one-line description derived from the event type's name (`avatar_video.success` ->
/// `avatar video: success`).
fn describe(event_type: &WebhookEventType) -> String {
    let name = event_type.as_str().replace('_', " ");
    match name.split_once('.') {
        Some((subject, outcome)) => format!("{subject}: {}", outcome.replace('.', " ")),
        None => name,
    }
}

fn json_object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// The request body as a JSON object.
fn json_body(body: &[u8]) -> Result<Map<String, Value>, ApiError> {
    match serde_json::from_slice(body) {
        Ok(Value::Object(fields)) => Ok(fields),
        _ => Err(ApiError::invalid_parameter(
            None,
            "the request body must be a JSON object",
        )),
    }
}

/// An optional string field (`null` counts as absent).
fn optional_string(param: &str, value: Option<Value>) -> Result<Option<String>, ApiError> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(_) => Err(ApiError::invalid_parameter(
            Some(param),
            format!("{param} must be a string"),
        )),
    }
}

/// An optional `url` field, which must be an absolute HTTPS URL.
fn https_url(value: Option<Value>) -> Result<Option<String>, ApiError> {
    let Some(text) = optional_string("url", value)? else {
        return Ok(None);
    };
    match url::Url::parse(&text) {
        Ok(parsed) if parsed.scheme() == "https" && parsed.host().is_some() => Ok(Some(text)),
        // The simulator delivers by real HTTP to a receiver the test starts on loopback, which
        // has no certificate: plain http is accepted for loopback hosts only.
        Ok(parsed)
            if parsed.scheme() == "http"
                && matches!(parsed.host_str(), Some("127.0.0.1" | "localhost" | "[::1]")) =>
        {
            Ok(Some(text))
        }
        _ => Err(ApiError::invalid_parameter(
            Some("url"),
            "url must be an absolute https:// URL (or http:// on loopback, in the simulator)",
        )),
    }
}

/// An optional `events` field: a list of known event types.
fn event_types(value: Option<Value>) -> Result<Option<Vec<WebhookEventType>>, ApiError> {
    let items = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Array(items)) => items,
        Some(_) => {
            return Err(ApiError::invalid_parameter(
                Some("events"),
                "events must be a list of event types",
            ));
        }
    };
    items
        .iter()
        .map(|item| match item {
            Value::String(text) => known_event_type("events", text),
            _ => Err(ApiError::invalid_parameter(
                Some("events"),
                "events must be a list of event types",
            )),
        })
        .collect::<Result<_, _>>()
        .map(Some)
}

fn known_event_type(param: &str, text: &str) -> Result<WebhookEventType, ApiError> {
    match WebhookEventType::from(text) {
        WebhookEventType::Unknown(_) => Err(ApiError::invalid_parameter(
            Some(param),
            format!("unknown event type {text:?}; see GET /v3/webhooks/event-types"),
        )),
        known => Ok(known),
    }
}
