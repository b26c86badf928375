//! The assets group, simulated for uploads: `POST /v3/assets` takes a multipart `file` part of at
//! most 32 MiB (HeyGen's limit; larger is `413 payload_too_large`) and stores it as an asset,
//! which can then be read and deleted.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use serde_json::json;

use super::envelope::{ApiError, data};

/// HeyGen's limit on a file uploaded through `POST /v3/assets`.
pub(super) const MAX_UPLOAD_BYTES: usize = 32 * 1024 * 1024;

/// The uploaded assets.
#[derive(Default)]
pub(super) struct AssetStore {
    assets: Mutex<BTreeMap<String, StoredAsset>>,
}

struct StoredAsset {
    name: String,
    mime_type: String,
    uploaded_at: u64,
}

impl AssetStore {
    fn assets(&self) -> MutexGuard<'_, BTreeMap<String, StoredAsset>> {
        self.assets.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The routes [`router`] serves, as `(method, path)`.
pub(super) const ROUTES: [(&str, &str); 3] = [
    ("POST", "/v3/assets"),
    ("GET", "/v3/assets/{asset_id}"),
    ("DELETE", "/v3/assets/{asset_id}"),
];

/// The routes of `/v3/assets`.
pub(super) fn router(store: Arc<AssetStore>) -> Router {
    Router::new()
        .route(
            "/v3/assets",
            // Room for the multipart framing around a file at the limit, so that a file just
            // over it is refused by the check below, with HeyGen's error.
            post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES + 1024 * 1024)),
        )
        .route("/v3/assets/{asset_id}", get(read).delete(delete))
        .with_state(store)
}

type Store = State<Arc<AssetStore>>;

async fn upload(State(store): Store, mut form: Multipart) -> Result<Response, ApiError> {
    let malformed = |message: String| ApiError::invalid_parameter(Some("file"), message);
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|error| malformed(format!("the multipart body is malformed: {error}")))?
    {
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().unwrap_or("upload").to_owned();
        let mime_type = field
            .content_type()
            .unwrap_or("application/octet-stream")
            .to_owned();
        let bytes = field.bytes().await.map_err(|_| too_large())?;
        if bytes.len() > MAX_UPLOAD_BYTES {
            return Err(too_large());
        }
        let asset_id = format!("asset_{}", uuid::Uuid::new_v4().simple());
        let answer = json!({
            "asset_id": asset_id,
            "mime_type": mime_type,
            "size_bytes": bytes.len(),
            "url": format!("https://files.heygen.local/assets/{asset_id}"),
        });
        store.assets().insert(
            asset_id,
            StoredAsset {
                name,
                mime_type,
                uploaded_at: std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs()),
            },
        );
        return Ok(data(answer));
    }
    Err(malformed(
        "the multipart body has no `file` part".to_owned(),
    ))
}

fn too_large() -> ApiError {
    ApiError::payload_too_large("the file is larger than 32 MB; upload it with a direct upload")
}

async fn read(State(store): Store, Path(asset_id): Path<String>) -> Result<Response, ApiError> {
    let assets = store.assets();
    let asset = assets
        .get(&asset_id)
        .ok_or_else(|| asset_not_found(&asset_id))?;
    Ok(data(json!({
        "id": asset_id,
        "name": asset.name,
        "type": asset.mime_type,
        "uploaded_at": asset.uploaded_at,
        "owner": "local-user",
        "space_id": "local-space",
        "url": format!("https://files.heygen.local/assets/{asset_id}"),
    })))
}

async fn delete(State(store): Store, Path(asset_id): Path<String>) -> Result<Response, ApiError> {
    store
        .assets()
        .remove(&asset_id)
        .ok_or_else(|| asset_not_found(&asset_id))?;
    Ok(data(json!({"id": asset_id})))
}

fn asset_not_found(asset_id: &str) -> ApiError {
    ApiError::not_found("asset_not_found", format!("Asset not found: {asset_id}"))
}
