//! The assets group, simulated for uploads: `POST /v3/assets` takes a multipart `file` part of at
//! most 32 MiB (HeyGen's limit; larger is `413 payload_too_large`) and stores it as an asset,
//! which can then be read and deleted.
//!
//! A direct upload goes as HeyGen's does: `POST /v3/assets/direct-uploads` answers a presigned
//! URL on this server (`/_storage/uploads/<asset_id>`), which takes a `PUT` of exactly the
//! announced size with the announced `Content-Type` and no API key, as storage does; then
//! `POST /v3/assets/{asset_id}/complete` makes the uploaded bytes an asset.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use http::{HeaderMap, StatusCode, header};
use serde_json::{Value, json};

use super::envelope::{ApiError, data};
use super::page::{PageRequest, query_map};

/// HeyGen's limit on a file uploaded through `POST /v3/assets`.
pub(super) const MAX_UPLOAD_BYTES: usize = 32 * 1024 * 1024;

/// How long a presigned upload URL is said to stay valid.
const UPLOAD_URL_SECONDS: u64 = 3600;

/// The uploaded assets (by upload order), and the direct uploads not completed yet.
#[derive(Default)]
pub(super) struct AssetStore {
    assets: Mutex<BTreeMap<String, StoredAsset>>,
    seq: std::sync::atomic::AtomicU64,
    pending: Mutex<HashMap<String, PendingUpload>>,
}

/// A direct upload: what was announced, and how many bytes storage took.
struct PendingUpload {
    name: String,
    mime_type: String,
    size: u64,
    uploaded: Option<u64>,
}

struct StoredAsset {
    name: String,
    mime_type: String,
    uploaded_at: u64,
    /// The upload order, for listing newest first.
    seq: u64,
    size: u64,
}

impl StoredAsset {
    /// The asset as `GET /v3/assets/{asset_id}` and the list answer it.
    fn view(&self, asset_id: &str) -> Value {
        json!({
            "id": asset_id,
            "name": self.name,
            "type": self.mime_type,
            "uploaded_at": self.uploaded_at,
            "owner": "local-user",
            "space_id": "local-space",
            "url": format!("https://files.heygen.local/assets/{asset_id}"),
        })
    }
}

impl AssetStore {
    fn assets(&self) -> MutexGuard<'_, BTreeMap<String, StoredAsset>> {
        self.assets.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn pending(&self) -> MutexGuard<'_, HashMap<String, PendingUpload>> {
        self.pending.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Keeps an asset, uploaded now.
    fn keep(&self, asset_id: String, name: String, mime_type: String, size: u64) {
        let seq = self.seq.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        self.assets().insert(
            asset_id,
            StoredAsset {
                name,
                mime_type,
                uploaded_at: std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs()),
                seq,
                size,
            },
        );
    }
}

/// The routes [`router`] serves, as `(method, path)`.
pub(super) const ROUTES: [(&str, &str); 6] = [
    ("GET", "/v3/assets"),
    ("POST", "/v3/assets"),
    ("GET", "/v3/assets/{asset_id}"),
    ("DELETE", "/v3/assets/{asset_id}"),
    ("POST", "/v3/assets/direct-uploads"),
    ("POST", "/v3/assets/{asset_id}/complete"),
];

/// The presigned upload URLs' route: storage, outside the API (no API key, no envelope).
pub(super) fn storage_router(store: Arc<AssetStore>) -> Router {
    Router::new()
        .route(
            "/_storage/uploads/{asset_id}",
            put(store_upload).layer(DefaultBodyLimit::disable()),
        )
        .with_state(store)
}

/// The routes of `/v3/assets`.
pub(super) fn router(store: Arc<AssetStore>) -> Router {
    Router::new()
        .route(
            "/v3/assets",
            // Room for the multipart framing around a file at the limit, so that a file just
            // over it is refused by the check below, with HeyGen's error.
            get(list)
                .post(upload)
                .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES + 1024 * 1024)),
        )
        .route("/v3/assets/{asset_id}", get(read).delete(delete))
        .route("/v3/assets/direct-uploads", post(create_direct_upload))
        .route(
            "/v3/assets/{asset_id}/complete",
            post(complete_direct_upload),
        )
        .with_state(store)
}

async fn create_direct_upload(
    State(store): Store,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let request: Value = serde_json::from_slice(&body)
        .map_err(|_| ApiError::invalid_parameter(None, "the body must be a JSON object"))?;
    let text = |name: &str| request.get(name).and_then(Value::as_str).map(str::to_owned);
    let name = text("filename")
        .filter(|name| !name.is_empty())
        .ok_or_else(|| ApiError::invalid_parameter(Some("filename"), "filename is required"))?;
    let mime_type = text("content_type")
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            ApiError::invalid_parameter(Some("content_type"), "content_type is required")
        })?;
    let size = request
        .get("size_bytes")
        .and_then(Value::as_u64)
        .filter(|size| *size > 0)
        .ok_or_else(|| {
            ApiError::invalid_parameter(Some("size_bytes"), "size_bytes must be a positive integer")
        })?;
    // The presigned URL names this server as the client reached it.
    let host = headers
        .get(header::HOST)
        .and_then(|host| host.to_str().ok())
        .unwrap_or("127.0.0.1");
    let asset_id = format!("asset_{}", uuid::Uuid::new_v4().simple());
    let answer = json!({
        "asset_id": asset_id,
        "upload_url": format!(
            "http://{host}/_storage/uploads/{asset_id}?X-Signature={}",
            uuid::Uuid::new_v4().simple()
        ),
        "upload_headers": {"Content-Type": mime_type},
        "max_bytes": size,
        "expires_in_seconds": UPLOAD_URL_SECONDS,
        "status": "pending_upload",
    });
    store.pending().insert(
        asset_id,
        PendingUpload {
            name,
            mime_type,
            size,
            uploaded: None,
        },
    );
    Ok(data(answer))
}

/// Storage's answer to a refused PUT: a status and plain text, not HeyGen's envelope.
fn storage_refusal(status: StatusCode, message: &str) -> Response {
    (status, message.to_owned()).into_response()
}

async fn store_upload(
    State(store): Store,
    Path(asset_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut pending = store.pending();
    let Some(upload) = pending.get_mut(&asset_id) else {
        return storage_refusal(
            StatusCode::NOT_FOUND,
            "NoSuchUpload: no such presigned upload",
        );
    };
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok());
    if content_type != Some(upload.mime_type.as_str()) {
        return storage_refusal(
            StatusCode::FORBIDDEN,
            "SignatureDoesNotMatch: the Content-Type is not the one the URL was signed for",
        );
    }
    if body.len() as u64 != upload.size {
        return storage_refusal(
            StatusCode::BAD_REQUEST,
            &format!(
                "the upload is {} bytes; the URL was signed for {}",
                body.len(),
                upload.size
            ),
        );
    }
    upload.uploaded = Some(body.len() as u64);
    StatusCode::OK.into_response()
}

async fn complete_direct_upload(
    State(store): Store,
    Path(asset_id): Path<String>,
) -> Result<Response, ApiError> {
    let upload = {
        let mut pending = store.pending();
        match pending.get(&asset_id) {
            // Completed already: completing again answers the same.
            None => {
                let assets = store.assets();
                let asset = assets
                    .get(&asset_id)
                    .ok_or_else(|| asset_not_found(&asset_id))?;
                return Ok(data(json!({
                    "asset_id": asset_id,
                    "mime_type": asset.mime_type,
                    "size_bytes": asset.size,
                    "status": "completed",
                    "url": format!("https://files.heygen.local/assets/{asset_id}"),
                })));
            }
            Some(upload) if upload.uploaded.is_none() => {
                return Err(ApiError::invalid_parameter(
                    None,
                    format!("nothing was uploaded to the upload URL of {asset_id} yet"),
                ));
            }
            Some(_) => pending.remove(&asset_id).expect("present"),
        }
    };
    let answer = json!({
        "asset_id": asset_id,
        "mime_type": upload.mime_type,
        "size_bytes": upload.uploaded.unwrap_or(upload.size),
        "status": "completed",
        "url": format!("https://files.heygen.local/assets/{asset_id}"),
    });
    let size = upload.uploaded.unwrap_or(upload.size);
    store.keep(asset_id, upload.name, upload.mime_type, size);
    Ok(data(answer))
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
        store.keep(asset_id, name, mime_type, bytes.len() as u64);
        return Ok(data(answer));
    }
    Err(malformed(
        "the multipart body has no `file` part".to_owned(),
    ))
}

fn too_large() -> ApiError {
    ApiError::payload_too_large("the file is larger than 32 MiB; upload it with a direct upload")
}

/// `GET /v3/assets`: the uploaded assets, newest first, page by page.
async fn list(
    State(store): Store,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Result<Response, ApiError> {
    let page = PageRequest::from_query(&query_map(query.as_deref()))?;
    let assets = store.assets();
    let mut views: Vec<(u64, Value)> = assets
        .iter()
        .map(|(asset_id, asset)| (asset.seq + 1, asset.view(asset_id)))
        .collect();
    views.sort_by_key(|(seq, _)| *seq);
    Ok(page.respond_newest_first(views.into_iter()))
}

async fn read(State(store): Store, Path(asset_id): Path<String>) -> Result<Response, ApiError> {
    let assets = store.assets();
    let asset = assets
        .get(&asset_id)
        .ok_or_else(|| asset_not_found(&asset_id))?;
    Ok(data(asset.view(&asset_id)))
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
