//! Every generated operation that no group of its own simulates, served from the table the
//! generator writes (`operations.json`, from `codegen/heygen_codegen/simulator.py`), with state.
//!
//! A route's role says what it does to its collection's resources:
//!
//! - `create` makes a resource (a job: a translation, a lipsync, a HyperFrames render, a brand
//!   kit, ...) with a new id, which its answer carries;
//! - `list` pages through the collection's resources (`limit`, `token`, `has_more`,
//!   `next_token`), newest last; `get`, `update` and `delete` read, change or remove one, and an
//!   id never created (or deleted) is `404`;
//! - `other` acts on one (a 404 for an unknown id too) or answers on its own;
//! - `events` streams server-sent events about one (the Avatar Realtime word stream: the text the
//!   session was created or appended with, as word batches, then the terminal `end` event),
//!   replayed whole to every subscriber, as HeyGen replays a session's history.
//!
//! A collection nothing creates (voices, templates, avatar looks, ...) holds HeyGen's own
//! resources: every id is found, and its answer is the route's example with that id.
//!
//! Every answer is the route's example answer (built by the generator from the response schema)
//! with the resource's id, its status, and the scalar fields the creating request set (a `title`,
//! a `name`) filled in. A job's status moves from starting through running to succeeded (or
//! failed, when the test asked) on the server's [`Clock`](crate::Clock), and when it ends its
//! webhook event is delivered to the endpoints registered for it.

mod store;

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodFilter, on};
use http::StatusCode;
use serde::Deserialize;
use serde_json::Value;

pub(super) use store::Simulation;

/// The table the generator writes.
const TABLE: &str = include_str!("operations.json");

/// What a route does to its collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum Role {
    Create,
    List,
    Get,
    Update,
    Delete,
    Other,
    /// A stream of server-sent events about one resource: the words its text is spoken as.
    Events,
}

/// The status values of a collection's resources, by the part they play.
#[derive(Debug, Deserialize)]
pub(super) struct Statuses {
    pub(super) starting: Option<String>,
    pub(super) running: Option<String>,
    pub(super) succeeded: String,
    pub(super) failed: Option<String>,
}

/// One generated operation, as the table gives it.
#[derive(Debug, Deserialize)]
pub(super) struct Route {
    /// The declared method's name (`create_video_translation`).
    pub(super) name: String,
    pub(super) method: String,
    /// The path, in axum's `{param}` syntax.
    pub(super) path: String,
    /// The success status.
    pub(super) status: u16,
    pub(super) role: Role,
    /// The path of the collection it works on.
    pub(super) collection: String,
    /// The path parameter naming one resource of the collection.
    pub(super) id_param: Option<String>,
    /// The answer's property that carries the resource's id.
    pub(super) id_field: Option<String>,
    /// A create's property that carries the new id (a string, or an array of them).
    pub(super) created_field: Option<String>,
    pub(super) statuses: Option<Statuses>,
    /// The prefix of the events a created job ends with (`video_translate`), or the one event's
    /// whole name (`batch.finished`).
    pub(super) events: Option<String>,
    /// A create's property naming a video it makes in the videos group (a video agent's).
    pub(super) video_field: Option<String>,
    /// `[request list, resource field]`: a create making one resource per item of the list,
    /// each with its item in that field (a translation per output language).
    pub(super) per_item: Option<[String; 2]>,
    /// The answer's fields that may be null: left unset until a job has finished.
    pub(super) nullable: Vec<String>,
    /// A batch create: `[request list, the collection each item is created in]`.
    pub(super) batch: Option<[String; 2]>,
    /// A batch read, answering the items' own statuses.
    pub(super) batch_view: bool,
    /// `[request field, resource field]`: a request of this route appends the value of its own
    /// field to the resource's (Avatar Realtime's `delta` to the session's `text`).
    pub(super) appends: Option<[String; 2]>,
    /// The example answer (the whole body); `None` for a stream of events.
    pub(super) answer: Option<Value>,
}

/// Every route of the table.
pub(super) fn routes() -> &'static [Route] {
    static ROUTES: OnceLock<Vec<Route>> = OnceLock::new();
    ROUTES.get_or_init(|| {
        // Written by the generator and checked in CI (`generate.py --check`); the tests read it
        // on every start.
        serde_json::from_str(TABLE).expect("heygen-fake's operations.json is the generator's")
    })
}

/// The routes served here: every route of the table but the streams of events and those a group
/// simulated on its own serves.
pub(super) fn router(simulation: Arc<Simulation>) -> Router {
    let mut router = Router::new();
    for route in routes() {
        if simulation.served_elsewhere(route) {
            continue;
        }
        let Ok(method) = http::Method::from_bytes(route.method.as_bytes()) else {
            continue;
        };
        let Ok(filter) = MethodFilter::try_from(method) else {
            continue;
        };
        let simulation = Arc::clone(&simulation);
        let handler = if route.path.contains('{') {
            on(
                filter,
                move |Path(params): Path<HashMap<String, String>>,
                      RawQuery(query): RawQuery,
                      body: Bytes| async move {
                    simulation.handle(route, &params, query.as_deref(), &body)
                },
            )
        } else {
            on(
                filter,
                move |RawQuery(query): RawQuery, body: Bytes| async move {
                    simulation.handle(route, &HashMap::new(), query.as_deref(), &body)
                },
            )
        };
        router = router.route(&route.path, handler);
    }
    router
}

/// A successful answer: `body` with the route's success status.
fn answer(route: &Route, body: Value) -> Response {
    let status = StatusCode::from_u16(route.status).unwrap_or(StatusCode::OK);
    (status, axum::Json(body)).into_response()
}
