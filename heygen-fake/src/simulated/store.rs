//! The state behind the generated operations: the resources of each collection, their jobs'
//! clock, the failures the test asked for, and the answers built from them.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::response::{IntoResponse, Response};
use heygen_api::webhooks::WebhookEventType;
use serde_json::{Map, Value, json};

use super::{Role, Route, answer, routes};
use crate::clock::{Phase, SimClock};
use crate::courier::Courier;
use crate::envelope::ApiError;
use crate::page::{PageRequest, query_map};
use crate::videos::VideoStore;

/// Fields an answer reports a failure in, cleared on a resource that has not failed.
const FAILURE_FIELDS: [&str; 5] = [
    "failure_code",
    "failure_message",
    "error",
    "error_message",
    "error_code",
];

/// The simulated resources of every collection served from the table.
pub(crate) struct Simulation {
    state: Mutex<State>,
    clock: Arc<SimClock>,
    courier: Arc<Courier>,
    /// The videos group, where a video agent's session makes its video.
    videos: Arc<VideoStore>,
    /// The routes (`(method, path)`) a group simulated on its own serves.
    served_elsewhere: Vec<(&'static str, &'static str)>,
}

#[derive(Default)]
struct State {
    seq: u64,
    collections: HashMap<&'static str, Collection>,
    /// The failure the next job created by an operation (by name) will end with.
    fail_next: HashMap<String, (String, String)>,
}

impl State {
    /// The resource `id` of `collection`, if it was created and not deleted.
    fn resource(&self, collection: &str, id: &str) -> Option<&Resource> {
        let collection = self.collections.get(collection)?;
        collection.by_seq.get(collection.seq_of.get(id)?)
    }
}

#[derive(Default)]
struct Collection {
    by_seq: BTreeMap<u64, Resource>,
    seq_of: HashMap<String, u64>,
}

struct Resource {
    id: String,
    created: Duration,
    created_unix: u64,
    /// The scalar fields the creating (or a later updating) request set.
    fields: Map<String, Value>,
    /// `Some((code, message))` for a job that will fail.
    failure: Option<(String, String)>,
    /// The prefix of the events the job ends with, and whether its end was announced.
    events: Option<&'static str>,
    announced: bool,
    /// What its id is called (`render_id`), for its events.
    id_name: Option<&'static str>,
    /// A batch's items: the collection they were created in, and their ids in order.
    items: Option<(&'static str, Vec<String>)>,
}

impl Simulation {
    pub(crate) fn new(
        clock: Arc<SimClock>,
        courier: Arc<Courier>,
        videos: Arc<VideoStore>,
        served_elsewhere: Vec<(&'static str, &'static str)>,
    ) -> Simulation {
        Simulation {
            state: Mutex::default(),
            clock,
            courier,
            videos,
            served_elsewhere,
        }
    }

    /// Whether `route` is served by a group simulated on its own.
    pub(super) fn served_elsewhere(&self, route: &Route) -> bool {
        self.served_elsewhere
            .contains(&(route.method.as_str(), route.path.as_str()))
    }

    /// Whether a route served here creates resources in `collection` whose ids its answer
    /// gives (a create answering no id, such as a voice design's previews, makes nothing a later
    /// call could name).
    fn creatable(&self, collection: &str) -> bool {
        routes().iter().any(|route| {
            route.role == Role::Create
                && route.created_field.is_some()
                && route.collection == collection
                && !self.served_elsewhere(route)
        })
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The next job `operation` creates fails with HeyGen's `code` and `message`. `false` when
    /// no simulated operation of that name creates a job with a failed status.
    pub(crate) fn fail_next(&self, operation: &str, code: &str, message: &str) -> bool {
        // A create whose collection has a failed status (a brand kit is created `loading`, and
        // read back `completed` or `error`).
        let fails = routes()
            .iter()
            .filter(|route| {
                route.name == operation
                    && route.role == Role::Create
                    && !self.served_elsewhere(route)
            })
            .any(|create| {
                routes().iter().any(|route| {
                    route.collection == create.collection
                        && route.statuses.as_ref().is_some_and(|s| s.failed.is_some())
                })
            });
        if fails {
            self.state()
                .fail_next
                .insert(operation.to_owned(), (code.to_owned(), message.to_owned()));
        }
        fails
    }

    /// How many resources the collections hold.
    pub(crate) fn resources(&self) -> usize {
        self.state()
            .collections
            .values()
            .map(|collection| collection.by_seq.len())
            .sum()
    }

    /// Announces the end of every job that ended and was not announced yet.
    pub(crate) fn sweep(&self) {
        if self.clock.kind() == crate::Clock::Instant {
            // Jobs end as they are created, and are announced then.
            return;
        }
        let now = self.clock.now();
        let mut ended = Vec::new();
        {
            let mut state = self.state();
            for collection in state.collections.values_mut() {
                for resource in collection.by_seq.values_mut() {
                    if resource.events.is_some()
                        && !resource.announced
                        && self.clock.phase(resource.created, now) == Phase::Ended
                    {
                        resource.announced = true;
                        ended.push(end_event(resource));
                    }
                }
            }
        }
        for (event_type, data) in ended.into_iter().flatten() {
            self.courier.announce(event_type, data);
        }
    }

    /// Answers a request of `route` with path parameters `params`, query `query` and `body`.
    pub(super) fn handle(
        &self,
        route: &'static Route,
        params: &HashMap<String, String>,
        query: Option<&str>,
        body: &[u8],
    ) -> Response {
        self.sweep();
        match self.respond(route, params, query, body) {
            Ok(response) => response,
            Err(error) => error.into_response(),
        }
    }

    fn respond(
        &self,
        route: &'static Route,
        params: &HashMap<String, String>,
        query: Option<&str>,
        body: &[u8],
    ) -> Result<Response, ApiError> {
        if route.role == Role::Events {
            return self.events(route, params);
        }
        let Some(example) = &route.answer else {
            return Err(ApiError::not_found("not_found", "No such API route."));
        };
        let fields = scalar_fields(body)?;
        let id = route.id_param.as_ref().and_then(|name| params.get(name));
        let creatable = self.creatable(&route.collection);
        if route.role == Role::Create {
            return Ok(answer(route, self.create(route, example, fields, body)));
        }
        if route.role == Role::List && creatable {
            let page = PageRequest::from_query(&query_map(query))?;
            let item = list_item(example);
            let now = self.clock.now();
            let state = self.state();
            // Only the page's resources (and one more, to know whether there are more) are
            // shown: the views are made as the page takes them.
            let empty = BTreeMap::new();
            let resources = state
                .collections
                .get(route.collection.as_str())
                .map_or(&empty, |collection| &collection.by_seq);
            let views = resources.iter().map(|(seq, resource)| {
                let mut view = self.view(route, &item, Some(resource), &resource.id, now);
                (*seq, view["data"].take())
            });
            return Ok(page.respond_newest_first(views));
        }
        let Some(id) = id else {
            // Not about one resource: the example as it is, a list of HeyGen's own ending on
            // its first page.
            return Ok(answer(route, last_page(example.clone())));
        };
        if !creatable {
            // HeyGen's own resources (voices, templates, ...): every id is one.
            let mut body = last_page(example.clone());
            fill_data(route, &mut body, None, id, "", None);
            return Ok(answer(route, body));
        }
        let now = self.clock.now();
        let mut state = self.state();
        let collection = state
            .collections
            .entry(collections_key(&route.collection))
            .or_default();
        let Some(&seq) = collection.seq_of.get(id) else {
            return Err(not_found(route, id));
        };
        match route.role {
            Role::Delete => {
                collection.seq_of.remove(id);
                collection.by_seq.remove(&seq);
                let mut body = example.clone();
                fill_data(route, &mut body, None, id, "", None);
                Ok(answer(route, body))
            }
            Role::Other if route.appends.is_some() => {
                let [from, field] = route.appends.as_ref().expect("matched").each_ref();
                let field = field.as_str();
                let resource = collection.by_seq.get_mut(&seq).expect("indexed");
                let added = fields.get(from).and_then(Value::as_str).unwrap_or_default();
                let joined = match resource.fields.get(field).and_then(Value::as_str) {
                    Some(before) => format!("{before}{added}"),
                    None => added.to_owned(),
                };
                let buffered = added.len();
                resource
                    .fields
                    .insert(field.to_owned(), Value::String(joined));
                let mut body = last_page(example.clone());
                fill_data(route, &mut body, None, id, "", None);
                // What an append answers: how many bytes it added to the text to speak.
                if let Some(value @ Value::Number(_)) = body["data"].get_mut("buffered_bytes") {
                    *value = json!(buffered);
                }
                Ok(answer(route, body))
            }
            Role::Update => {
                let resource = collection.by_seq.get_mut(&seq).expect("indexed");
                resource.fields.extend(fields);
                let body = self.view(route, example, Some(resource), id, now);
                Ok(answer(route, body))
            }
            _ => {
                let resource = collection.by_seq.get(&seq);
                let mut body = self.view(route, &last_page(example.clone()), resource, id, now);
                let items = resource.and_then(|resource| resource.items.clone());
                drop(state);
                if let (true, Some((of, ids))) = (route.batch_view, items) {
                    self.batch_view(&mut body, of, &ids, now);
                }
                Ok(answer(route, body))
            }
        }
    }

    /// The word stream of a created resource: its `text` (as created, then as appended) spoken
    /// as batches of at most ten words, 0.3 s each, a keep-alive, and the terminal `end` event.
    fn events(
        &self,
        route: &'static Route,
        params: &HashMap<String, String>,
    ) -> Result<Response, ApiError> {
        let id = route
            .id_param
            .as_ref()
            .and_then(|name| params.get(name))
            .ok_or_else(|| ApiError::not_found("not_found", "No such API route."))?;
        let state = self.state();
        let resource = state
            .resource(&route.collection, id)
            .ok_or_else(|| not_found(route, id))?;
        let text = resource
            .fields
            .get("text")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let words: Vec<&str> = text.split_whitespace().collect();
        let mut body = String::from(": keep-alive\n\n");
        for (batch, chunk) in words.chunks(10).enumerate() {
            let frame: Vec<Value> = chunk
                .iter()
                .enumerate()
                .map(|(index, word)| {
                    let start = (batch * 10 + index) as f64 * 0.3;
                    json!({"word": word, "start": start, "end": start + 0.3})
                })
                .collect();
            body.push_str(&format!("data: {}\n\n", json!({ "words": frame })));
        }
        let reason = if resource.failure.is_some() {
            "error"
        } else {
            "completed"
        };
        body.push_str(&format!(
            "event: end\ndata: {}\n\n",
            json!({ "reason": reason })
        ));
        Ok(([(http::header::CONTENT_TYPE, "text/event-stream")], body).into_response())
    }

    /// The new resources of `route`'s collection (one, or one per item of the request's list
    /// the route names), and the create's answer.
    fn create(
        &self,
        route: &'static Route,
        example: &Value,
        mut fields: Map<String, Value>,
        body: &[u8],
    ) -> Value {
        let failure = self.state().fail_next.remove(&route.name);
        if let Some(field) = &route.video_field {
            let title = fields
                .get("title")
                .and_then(Value::as_str)
                .map(str::to_owned);
            let video_id = self.videos.insert(title, failure.clone());
            fields.insert(field.clone(), Value::String(video_id));
        }
        // A batch: each item of its list made in its own collection first.
        let batch_items = route.batch.as_ref().map(|[list, of]| {
            (
                collections_key(of),
                self.create_items(list, of, body, &failure),
            )
        });
        // One resource per item of the list (a translation per output language), else one.
        let items: Vec<Option<(String, Value)>> = match &route.per_item {
            Some([list, one]) => match serde_json::from_slice::<Value>(body) {
                Ok(Value::Object(request)) => match request.get(list) {
                    Some(Value::Array(values)) if !values.is_empty() => values
                        .iter()
                        .map(|value| Some((one.clone(), value.clone())))
                        .collect(),
                    _ => vec![None],
                },
                _ => vec![None],
            },
            None => vec![None],
        };
        let now = self.clock.now();
        let created_unix = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let resources: Vec<Resource> = items
            .into_iter()
            .map(|item| {
                let mut fields = fields.clone();
                if let Some((name, value)) = item {
                    fields.insert(name, value);
                }
                Resource {
                    id: format!("sim_{}", uuid::Uuid::new_v4().simple()),
                    created: now,
                    created_unix,
                    fields,
                    failure: failure.clone(),
                    events: route.events.as_deref(),
                    announced: false,
                    id_name: route.id_param.as_deref(),
                    items: batch_items.clone(),
                }
            })
            .collect();
        let first = &resources[0];
        let mut answer = example.clone();
        fill_data(
            route,
            &mut answer,
            Some(first),
            &first.id,
            &status_of(route, first, &self.clock, now),
            route.created_field.as_deref(),
        );
        if let (Some(field), true) = (&route.created_field, resources.len() > 1)
            && let Some(Value::Array(ids)) = answer["data"].get_mut(field)
        {
            *ids = resources
                .iter()
                .map(|resource| Value::String(resource.id.clone()))
                .collect();
        }
        let ended_now = self.clock.kind() == crate::Clock::Instant;
        let mut ends = Vec::new();
        let mut state = self.state();
        for resource in resources {
            if ended_now && resource.events.is_some() {
                ends.push(end_event(&resource));
            }
            state.seq += 1;
            let seq = state.seq;
            let collection = state
                .collections
                .entry(collections_key(&route.collection))
                .or_default();
            collection.seq_of.insert(resource.id.clone(), seq);
            collection.by_seq.insert(
                seq,
                Resource {
                    announced: ended_now,
                    ..resource
                },
            );
        }
        drop(state);
        for (event_type, data) in ends.into_iter().flatten() {
            self.courier.announce(event_type, data);
        }
        answer
    }

    /// The items of a batch create's `list`, each made as its collection `of` makes one (a video
    /// in the videos group); their ids.
    fn create_items(
        &self,
        list: &str,
        of: &str,
        body: &[u8],
        failure: &Option<(String, String)>,
    ) -> Vec<String> {
        let Ok(Value::Object(request)) = serde_json::from_slice::<Value>(body) else {
            return Vec::new();
        };
        let Some(Value::Array(items)) = request.get(list) else {
            return Vec::new();
        };
        let create = routes().iter().find(|route| {
            route.role == Role::Create && route.collection == of && !self.served_elsewhere(route)
        });
        items
            .iter()
            .filter_map(|item| {
                if of == "/v3/videos" {
                    let title = item.get("title").and_then(Value::as_str).map(str::to_owned);
                    return Some(self.videos.insert(title, failure.clone()));
                }
                let create = create?;
                let bytes = serde_json::to_vec(item).ok()?;
                let fields = scalar_fields(&bytes).ok()?;
                let answer = self.create(create, create.answer.as_ref()?, fields, &bytes);
                let created = &answer["data"][create.created_field.as_deref()?];
                created
                    .as_str()
                    .or_else(|| created.get(0).and_then(Value::as_str))
                    .map(str::to_owned)
            })
            .collect()
    }

    /// A batch's view: each item's index, status (`queued`, `processing`, `completed`,
    /// `failed`) and id, the counts by status, and the batch's own status.
    fn batch_view(&self, body: &mut Value, collection: &str, ids: &[String], now: Duration) {
        let phases: Vec<&'static str> = ids
            .iter()
            .map(|id| {
                if collection == "/v3/videos" {
                    return match self.videos.status_of(id) {
                        Some("pending") => "queued",
                        Some("processing") => "processing",
                        Some("failed") => "failed",
                        _ => "completed",
                    };
                }
                let state = self.state();
                let resource = state.resource(collection, id);
                match resource.map(|r| (self.clock.phase(r.created, now), r.failure.is_some())) {
                    Some((Phase::Starting, _)) => "queued",
                    Some((Phase::Running, _)) => "processing",
                    Some((Phase::Ended, true)) => "failed",
                    _ => "completed",
                }
            })
            .collect();
        let Some(data) = body.get_mut("data").and_then(Value::as_object_mut) else {
            return;
        };
        let items: Vec<Value> = ids
            .iter()
            .zip(&phases)
            .enumerate()
            .map(|(index, (id, status))| {
                json!({"item_index": index, "status": status, "video_id": id, "error": null})
            })
            .collect();
        let mut counts = Map::new();
        for status in &phases {
            let count = counts.entry(status.to_string()).or_insert(json!(0));
            *count = json!(count.as_u64().unwrap_or(0) + 1);
        }
        let ended = phases.iter().all(|s| matches!(*s, "completed" | "failed"));
        let status = match ended {
            false => "processing",
            true if !phases.is_empty() && phases.iter().all(|s| *s == "failed") => "failed",
            true => "completed",
        };
        data.insert("total_items".into(), json!(ids.len()));
        data.insert("items".into(), Value::Array(items));
        data.insert("counts_by_status".into(), Value::Object(counts));
        data.insert("status".into(), json!(status));
        data.insert("has_more".into(), json!(false));
        data.insert("next_token".into(), Value::Null);
    }

    /// `example` filled with `resource`'s id, status and fields.
    fn view(
        &self,
        route: &Route,
        example: &Value,
        resource: Option<&Resource>,
        id: &str,
        now: Duration,
    ) -> Value {
        let mut body = example.clone();
        let status = resource
            .map(|resource| status_of(route, resource, &self.clock, now))
            .unwrap_or_default();
        fill_data(route, &mut body, resource, id, &status, None);
        body
    }
}

/// The status of `resource` now, from the route's status values (empty when it has none).
fn status_of(route: &Route, resource: &Resource, clock: &SimClock, now: Duration) -> String {
    let Some(statuses) = &route.statuses else {
        return String::new();
    };
    // A collection without a starting status (or a running one) shows the next one it has.
    let status = match clock.phase(resource.created, now) {
        Phase::Starting => statuses.starting.as_ref().or(statuses.running.as_ref()),
        Phase::Running => statuses.running.as_ref().or(statuses.starting.as_ref()),
        Phase::Ended if resource.failure.is_some() => statuses.failed.as_ref(),
        Phase::Ended => None,
    };
    status.unwrap_or(&statuses.succeeded).clone()
}

/// The event a job ends with: `<prefix>.success`, or `.fail` with its code and message.
fn end_event(resource: &Resource) -> Option<(WebhookEventType, Value)> {
    let prefix = resource.events?;
    // The id under its own name (`render_id`) and as `id`, the `callback_id` the create was
    // given, and for a failure its code and message.
    let mut data = Map::new();
    data.insert("id".into(), json!(resource.id));
    if let Some(name) = resource.id_name {
        data.insert(name.into(), json!(resource.id));
    }
    if let Some(callback_id) = resource.fields.get("callback_id") {
        data.insert("callback_id".into(), callback_id.clone());
    }
    let suffix = match &resource.failure {
        None => "success",
        Some((code, message)) => {
            data.insert("error_code".into(), json!(code));
            data.insert("msg".into(), json!(message));
            "fail"
        }
    };
    let data = Value::Object(data);
    // An event named whole (`batch.finished`) has no outcome suffix.
    if prefix.contains('.') {
        let event_type: WebhookEventType = serde_json::from_value(json!(prefix)).ok()?;
        return Some((event_type, data));
    }
    let event_type: WebhookEventType =
        serde_json::from_value(json!(format!("{prefix}.{suffix}"))).ok()?;
    Some((event_type, data))
}

/// Sets, in `body`'s `data` (an object, or each item of an array), the id fields to `id`, the
/// created field (a create's) to `id` or `[id]`, the status to `status` (when not empty) and the
/// resource's own fields; a resource that has not failed reports no failure.
fn fill_data(
    route: &Route,
    body: &mut Value,
    resource: Option<&Resource>,
    id: &str,
    status: &str,
    created_field: Option<&str>,
) {
    let Some(data) = body.get_mut("data") else {
        return;
    };
    let Some(object) = data.as_object_mut() else {
        return;
    };
    for field in [route.id_field.as_deref(), route.id_param.as_deref()]
        .into_iter()
        .flatten()
    {
        if let Some(value @ Value::String(_)) = object.get_mut(field) {
            *value = Value::String(id.to_owned());
        }
    }
    if let Some(field) = created_field {
        match object.get_mut(field) {
            Some(Value::Array(ids)) => *ids = vec![Value::String(id.to_owned())],
            Some(value @ Value::String(_)) => *value = Value::String(id.to_owned()),
            _ => {}
        }
    }
    if !status.is_empty()
        && let Some(value @ Value::String(_)) = object.get_mut("status")
    {
        *value = Value::String(status.to_owned());
    }
    let Some(resource) = resource else {
        return;
    };
    for (name, value) in &resource.fields {
        if let Some(slot) = object.get_mut(name)
            && same_kind(slot, value)
        {
            *slot = value.clone();
        }
    }
    if let Some(created_at @ Value::Number(_)) = object.get_mut("created_at") {
        *created_at = json!(resource.created_unix);
    }
    // What the example holds for fields the resource has no value for yet: a job that has not
    // finished has none (they may be null), a finished one has its file URLs and end time; a
    // placeholder for anything else the request did not set is dropped.
    let finished = route
        .statuses
        .as_ref()
        .is_none_or(|statuses| status.is_empty() || status == statuses.succeeded);
    // A live stream's URL (Avatar Realtime's `hls_url`) is there while the job runs, too.
    let running = route
        .statuses
        .as_ref()
        .is_some_and(|statuses| statuses.running.as_deref() == Some(status));
    let kind = route
        .collection
        .rsplit('/')
        .next()
        .unwrap_or("files")
        .to_owned();
    for name in &route.nullable {
        if resource.fields.contains_key(name)
            || FAILURE_FIELDS.contains(&name.as_str())
            || matches!(name.as_str(), "created_at" | "status")
        {
            continue;
        }
        let Some(value) = object.get_mut(name) else {
            continue;
        };
        match value {
            Value::String(_)
                if name.ends_with("_url") && (finished || running && name.starts_with("hls")) =>
            {
                let what = name.trim_end_matches("_url");
                *value = json!(format!("https://files.heygen.local/{kind}/{id}/{what}"));
            }
            Value::Number(_) if finished && name == "completed_at" => {
                *value = json!(resource.created_unix);
            }
            _ if !finished => *value = Value::Null,
            Value::String(text) if text.starts_with("example-") => *value = Value::Null,
            _ => {}
        }
    }
    if resource.failure.is_none() {
        for field in FAILURE_FIELDS {
            if let Some(value) = object.get_mut(field) {
                *value = Value::Null;
            }
        }
    } else if let Some((code, message)) = &resource.failure {
        for (field, text) in [
            ("failure_code", code),
            ("error_code", code),
            ("failure_message", message),
            ("error_message", message),
            ("error", message),
        ] {
            if let Some(value @ Value::String(_)) = object.get_mut(field) {
                *value = Value::String(text.clone());
            }
        }
    }
}

fn same_kind(a: &Value, b: &Value) -> bool {
    matches!(
        (a, b),
        (Value::String(_), Value::String(_))
            | (Value::Number(_), Value::Number(_))
            | (Value::Bool(_), Value::Bool(_))
    )
}

/// The top-level scalar fields of a JSON object body (none for an empty or non-JSON one).
fn scalar_fields(body: &[u8]) -> Result<Map<String, Value>, ApiError> {
    if body.is_empty() {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(fields)) => Ok(fields
            .into_iter()
            .filter(|(_, value)| {
                matches!(value, Value::String(_) | Value::Number(_) | Value::Bool(_))
            })
            .collect()),
        // A multipart form or another encoding: nothing kept from it.
        Ok(_) | Err(_) if !body.starts_with(b"{") => Ok(Map::new()),
        Ok(_) | Err(_) => Err(ApiError::invalid_parameter(
            None,
            "the body must be a JSON object",
        )),
    }
}

/// An item of a list's example answer, to show each resource with.
fn list_item(example: &Value) -> Value {
    let item = example["data"]
        .as_array()
        .and_then(|items| items.first())
        .cloned()
        .unwrap_or_else(|| json!({}));
    json!({ "data": item })
}

/// `body` ending its pagination: nothing more after it.
fn last_page(mut body: Value) -> Value {
    if let Some(object) = body.as_object_mut() {
        if object.contains_key("has_more") {
            object.insert("has_more".into(), Value::Bool(false));
        }
        if object.contains_key("next_token") {
            object.insert("next_token".into(), Value::Null);
        }
        if let Some(Value::Object(data)) = object.get_mut("data") {
            if data.contains_key("has_more") {
                data.insert("has_more".into(), Value::Bool(false));
            }
            if data.contains_key("next_token") {
                data.insert("next_token".into(), Value::Null);
            }
        }
    }
    body
}

/// The table's own `'static` copy of a collection's path.
fn collections_key(collection: &str) -> &'static str {
    routes()
        .iter()
        .find(|route| route.collection == collection)
        .map_or("", |route| route.collection.as_str())
}

fn not_found(route: &Route, id: &str) -> ApiError {
    let what = route
        .id_param
        .as_deref()
        .unwrap_or("id")
        .trim_end_matches("_id")
        .replace('_', " ");
    ApiError::not_found("not_found", format!("No {what} with id {id}."))
}
