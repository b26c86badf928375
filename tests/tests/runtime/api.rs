//! A small API declared in this crate with `#[endpoint]`, as a user of `heygen-api` would.

use heygen_api::{IdempotencyKey, Multipart, Page, QueryParams, Result, api, endpoint};
use serde::{Deserialize, Serialize};

/// A resource of the test API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thing {
    pub id: String,
    pub name: String,
}

/// The body that creates or changes a [`Thing`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewThing {
    pub name: String,
}

/// Filters of a search, sent as query parameters.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SearchQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

impl QueryParams for SearchQuery {
    const NAMES: &'static [&'static str] = &["name", "tags", "limit"];
}

/// What a delete answers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Deleted {
    pub id: String,
    pub deleted: bool,
}

/// The test API.
#[api]
pub trait Things {
    /// Reads one thing.
    #[endpoint(GET "/v3/things/<thing_id>")]
    async fn get_thing(&self, thing_id: &str) -> Result<Thing>;

    /// Lists things, one page at a time.
    #[endpoint(GET "/v3/things", paginated)]
    async fn list_things(
        &self,
        #[query] limit: Option<u32>,
        #[query] token: Option<&str>,
    ) -> Result<Page<Thing>>;

    /// Searches things.
    #[endpoint(GET "/v3/search")]
    async fn search_things(&self, #[query(flatten)] query: &SearchQuery) -> Result<Vec<Thing>>;

    /// Creates a thing; without an `Idempotency-Key`, a repeat would create a second one.
    #[endpoint(POST "/v3/things")]
    async fn create_thing(&self, #[body] body: &NewThing) -> Result<Thing>;

    /// Copies a thing; safe to repeat with the same key.
    #[endpoint(POST "/v3/things/<thing_id>/copies", idempotent)]
    async fn copy_thing(
        &self,
        thing_id: &str,
        #[body] body: &NewThing,
        #[idempotency_key] key: Option<IdempotencyKey>,
    ) -> Result<Thing>;

    /// Starts over the secret of a thing; no body, always keyed.
    #[endpoint(POST "/v3/things/<thing_id>/reset", idempotent)]
    async fn reset_thing(&self, thing_id: &str) -> Result<Thing>;

    /// Replaces a thing.
    #[endpoint(PUT "/v3/things/<thing_id>")]
    async fn replace_thing(&self, thing_id: &str, #[body] body: &NewThing) -> Result<Thing>;

    /// Renames a thing.
    #[endpoint(PATCH "/v3/things/<thing_id>")]
    async fn rename_thing(&self, thing_id: &str, #[body] body: &NewThing) -> Result<Thing>;

    /// Deletes a thing.
    #[endpoint(DELETE "/v3/things/<thing_id>")]
    async fn delete_thing(&self, thing_id: &str) -> Result<Deleted>;

    /// Reads a thing of a group (two path parameters).
    #[endpoint(GET "/v3/groups/<group_id>/things/<thing_id>")]
    async fn get_group_thing(&self, group_id: &str, thing_id: u64) -> Result<Thing>;

    /// Uploads a file.
    #[endpoint(POST "/v3/uploads", idempotent)]
    async fn upload(
        &self,
        #[multipart] form: Multipart,
        #[idempotency_key] key: Option<IdempotencyKey>,
    ) -> Result<Thing>;

    /// A slow endpoint with its own timeout.
    #[endpoint(GET "/v3/slow", timeout_secs = 1)]
    async fn slow(&self) -> Result<Thing>;
}
