//! Uploading files as assets: through the API up to 32 MiB, straight to storage for any size.
//!
//! [`UploadsApi::upload`] sends a file as the `file` part of `POST /v3/assets` (multipart), and
//! refuses a file over [`MAX_MULTIPART_UPLOAD_BYTES`] before sending anything.
//! [`UploadsApi::upload_direct`] runs the direct-upload flow in one call: it asks for a presigned
//! storage URL (`POST /v3/assets/direct-uploads`), PUTs the bytes there, then finalizes the
//! asset (`POST /v3/assets/{asset_id}/complete`). The PUT carries exactly the headers HeyGen
//! returned and never the HeyGen credential: the storage service is not HeyGen.
//!
//! A file comes from a path, from bytes in memory, or from a stream of known length
//! ([`AssetUpload`]). A path is opened again for each attempt, so its upload can be retried; a
//! stream is read once, so its upload is never repeated after it may have been sent.
//!
//! ```no_run
//! use heygen_api::uploads::{AssetUpload, UploadsApi as _};
//! use heygen_api::{Client, Error, InvalidInput};
//!
//! # async fn run(client: Client) -> heygen_api::Result<()> {
//! let asset = match client.upload(AssetUpload::path("intro.mp4")).await {
//!     Ok(asset) => asset.asset_id,
//!     // Too large for the API: send it straight to storage instead.
//!     Err(Error::InvalidInput(InvalidInput::FileTooLarge { .. })) => {
//!         client.upload_direct(AssetUpload::path("intro.mp4")).await?.asset_id
//!     }
//!     Err(other) => return Err(other),
//! };
//! # let _ = asset;
//! # Ok(())
//! # }
//! ```
//!
//! # Many files at once
//!
//! The batch flow is three declared operations of [`AssetsApi`] with
//! [`UploadsApi::put_direct_upload`] in between: ask for up to 100 upload slots, PUT each file to
//! its slot, finalize the batch, then follow its items until they are ingested.
//!
//! ```no_run
//! use futures_util::StreamExt;
//! use heygen_api::assets::{
//!     AssetsApi, CompleteAssetDirectUploadBatchRequest, CreateAssetDirectUploadBatchRequest,
//!     CreateAssetDirectUploadRequest, GetAssetBatchQuery,
//! };
//! use heygen_api::uploads::{AssetUpload, UploadsApi as _};
//!
//! # async fn run(client: heygen_api::Client) -> heygen_api::Result<()> {
//! let files = ["a.png", "b.png"];
//! let mut requests = Vec::new();
//! for path in files {
//!     let size = std::fs::metadata(path).map(|m| m.len() as i64).unwrap_or(0);
//!     requests.push(CreateAssetDirectUploadRequest::new(path, "image/png", size));
//! }
//! let batch = client
//!     .create_asset_direct_upload_batch(&CreateAssetDirectUploadBatchRequest::new(requests), None)
//!     .await?;
//! // Slots come back in the order the files were asked for.
//! for (slot, path) in batch.items.iter().zip(files) {
//!     client.put_direct_upload(slot, AssetUpload::path(path)).await?;
//! }
//! let request = CompleteAssetDirectUploadBatchRequest::new(batch.batch_id.clone());
//! client.complete_asset_direct_upload_batch(&request, None).await?;
//! // Each item reports its own status (`queued`, `processing`, `completed`, `failed`).
//! let query = GetAssetBatchQuery::new();
//! let mut items = std::pin::pin!(client.get_asset_batch_stream(&batch.batch_id, &query));
//! while let Some(item) = items.next().await {
//!     let item = item?;
//!     println!("{} {}", item.item_index, item.status);
//! }
//! # Ok(())
//! # }
//! ```

use std::future::Future;
use std::path::PathBuf;

use bytes::Bytes;
use futures_util::Stream;
use http::header::{CONTENT_LENGTH, HeaderMap, HeaderName, HeaderValue};

use crate::assets::{
    AssetsApi, CompleteAssetDirectUploadRequest, CompletedDirectUpload,
    CreateAssetDirectUploadRequest, DirectUpload, UploadedAsset,
};
use crate::runtime::call;
use crate::runtime::client::{AsClient, Client};
use crate::runtime::endpoint::{BodyKind, EndpointInfo, HttpMethod, TimeoutClass};
use crate::runtime::error::{Error, InvalidInput, Result, StorageError};
use crate::runtime::idempotency::IdempotencyKey;
use crate::runtime::multipart::{FilePart, Multipart};
use crate::runtime::request::{Request, RequestBody, StorageTarget, Target};

/// The largest file `POST /v3/assets` accepts: 32 MiB.
pub const MAX_MULTIPART_UPLOAD_BYTES: u64 = 32 * 1024 * 1024;

/// The name of the form field `POST /v3/assets` reads the file from.
const FILE_FIELD: &str = "file";

/// The presigned PUT described as an endpoint, for its timeout (the upload class) and its name
/// in errors. It is no HeyGen operation, so no `ENDPOINTS` list holds it.
const PRESIGNED_PUT: EndpointInfo = EndpointInfo {
    name: "put_direct_upload",
    method: HttpMethod::Put,
    template: "<upload_url>",
    segments: &[],
    idempotent: false,
    paginated: false,
    query: &[],
    // The body is raw bytes, which no declared endpoint sends.
    body: BodyKind::None,
    timeout_class: TimeoutClass::Upload,
    timeout: None,
    headers: &[],
};

/// A file to upload as an asset: a path, bytes, or a stream of known length, with its filename,
/// content type and, optionally, the `Idempotency-Key` of the call that registers it.
///
/// ```
/// use heygen_api::uploads::AssetUpload;
///
/// let from_disk = AssetUpload::path("media/intro.mp4"); // intro.mp4, video/mp4
/// let from_memory = AssetUpload::bytes(vec![0u8; 1024], "logo.png", "image/png");
/// let renamed = AssetUpload::path("media/take-3.mov").filename("intro.mov");
/// # let _ = (from_disk, from_memory, renamed);
/// ```
#[derive(Debug)]
pub struct AssetUpload {
    source: Source,
    filename: Option<String>,
    content_type: Option<String>,
    idempotency_key: Option<IdempotencyKey>,
}

#[derive(Debug)]
enum Source {
    /// Read (and checked) when the upload starts, so that building an upload does no I/O.
    Path(PathBuf),
    File(FilePart),
}

impl AssetUpload {
    /// The file at `path`, read when the upload starts. The filename is the path's last
    /// component and the content type is guessed from its extension
    /// (`application/octet-stream` when unknown).
    pub fn path(path: impl Into<PathBuf>) -> Self {
        AssetUpload::from_source(Source::Path(path.into()))
    }

    /// A file held in memory.
    pub fn bytes(
        bytes: impl Into<Bytes>,
        filename: impl Into<String>,
        content_type: impl Into<String>,
    ) -> Self {
        AssetUpload::from_source(Source::File(FilePart::bytes(bytes, filename, content_type)))
    }

    /// A stream of `len` bytes, sent once: an upload from a stream is never repeated after it
    /// may have been sent. The length is needed in advance, to check it against the limit and
    /// because the storage service signs it into the upload URL.
    pub fn stream<S>(
        stream: S,
        len: u64,
        filename: impl Into<String>,
        content_type: impl Into<String>,
    ) -> Self
    where
        S: Stream<Item = std::io::Result<Bytes>> + Send + 'static,
    {
        let file = FilePart::stream(stream, Some(len), filename, content_type);
        AssetUpload::from_source(Source::File(file))
    }

    fn from_source(source: Source) -> Self {
        AssetUpload {
            source,
            filename: None,
            content_type: None,
            idempotency_key: None,
        }
    }

    /// Sets the filename HeyGen records.
    pub fn filename(mut self, filename: impl Into<String>) -> Self {
        self.filename = Some(filename.into());
        self
    }

    /// Sets the content type (`video/mp4`).
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// Sets the `Idempotency-Key` of the call that registers the upload (`POST /v3/assets`, or
    /// `POST /v3/assets/direct-uploads`); a fresh one is used otherwise.
    pub fn idempotency_key(mut self, key: IdempotencyKey) -> Self {
        self.idempotency_key = Some(key);
        self
    }

    /// The file as a part, with its length, and the caller's key.
    async fn into_file(self) -> Result<(FilePart, u64, Option<IdempotencyKey>)> {
        let mut file = match self.source {
            Source::Path(path) => FilePart::path(path).await?,
            Source::File(file) => file,
        };
        if let Some(filename) = self.filename {
            file = file.filename(filename);
        }
        if let Some(content_type) = self.content_type {
            file = file.mime(content_type);
        }
        // Every constructor above knows the length; the check keeps that from being assumed.
        let len = file.size().ok_or_else(|| {
            InvalidInput::Multipart("the length of the file to upload is unknown".to_owned())
        })?;
        Ok((file, len, self.idempotency_key))
    }
}

/// Uploading assets, implemented for [`Client`].
///
/// Bring the trait into scope to call its methods: `use heygen_api::uploads::UploadsApi as _;`.
pub trait UploadsApi: AsClient {
    /// Uploads a file of at most [`MAX_MULTIPART_UPLOAD_BYTES`] as the `file` part of
    /// `POST /v3/assets`.
    ///
    /// A larger file is refused with [`InvalidInput::FileTooLarge`] before anything is sent; use
    /// [`upload_direct`](UploadsApi::upload_direct) for it.
    ///
    /// ```no_run
    /// # async fn run(client: heygen_api::Client) -> heygen_api::Result<()> {
    /// use heygen_api::uploads::{AssetUpload, UploadsApi as _};
    ///
    /// let asset = client.upload(AssetUpload::path("logo.png")).await?;
    /// println!("{} at {}", asset.asset_id, asset.url);
    /// # Ok(()) }
    /// ```
    fn upload(&self, upload: AssetUpload) -> impl Future<Output = Result<UploadedAsset>> + Send {
        let client = self.client();
        async move {
            let (file, len, key) = upload.into_file().await?;
            check_size(len, MAX_MULTIPART_UPLOAD_BYTES, "POST /v3/assets")?;
            client
                .upload_asset(Multipart::new().file(FILE_FIELD, file), key)
                .await
        }
    }

    /// Uploads a file of any size straight to storage: creates a direct upload
    /// (`POST /v3/assets/direct-uploads`), PUTs the bytes to its presigned URL with exactly the
    /// headers returned and no HeyGen credential, then finalizes the asset
    /// (`POST /v3/assets/{asset_id}/complete`).
    ///
    /// ```no_run
    /// # async fn run(client: heygen_api::Client) -> heygen_api::Result<()> {
    /// use heygen_api::uploads::{AssetUpload, UploadsApi as _};
    ///
    /// let asset = client.upload_direct(AssetUpload::path("keynote.mp4")).await?;
    /// println!("{} is {}", asset.asset_id, asset.status);
    /// # Ok(()) }
    /// ```
    fn upload_direct(
        &self,
        upload: AssetUpload,
    ) -> impl Future<Output = Result<CompletedDirectUpload>> + Send {
        let client = self.client();
        async move {
            let (file, len, key) = upload.into_file().await?;
            let size = i64::try_from(len).map_err(|_| InvalidInput::FileTooLarge {
                size: len,
                limit: i64::MAX as u64,
                accepted_by: "POST /v3/assets/direct-uploads",
            })?;
            let request = CreateAssetDirectUploadRequest::new(
                file.file_name().unwrap_or(FILE_FIELD),
                file.mime_type().unwrap_or("application/octet-stream"),
                size,
            );
            let slot = client.create_asset_direct_upload(&request, key).await?;
            put_file(client, &slot, file, len).await?;
            client
                .complete_asset_direct_upload(
                    &slot.asset_id,
                    &CompleteAssetDirectUploadRequest::new(),
                )
                .await
        }
    }

    /// PUTs a file to the presigned URL of one direct-upload slot, with exactly the slot's
    /// `upload_headers` and no HeyGen credential. The slot comes from
    /// `create_asset_direct_upload` or `create_asset_direct_upload_batch`; the asset still has to
    /// be completed afterwards (see the [module documentation](self)).
    ///
    /// A failed PUT is retried by the client's [`RetryPolicy`](crate::RetryPolicy) like any
    /// `PUT`, unless the file is a stream.
    fn put_direct_upload(
        &self,
        slot: &DirectUpload,
        upload: AssetUpload,
    ) -> impl Future<Output = Result<()>> + Send {
        let client = self.client();
        async move {
            let (file, len, _) = upload.into_file().await?;
            put_file(client, slot, file, len).await
        }
    }
}

impl UploadsApi for Client {}

/// PUTs `file` (`len` bytes) to the presigned URL of `slot`, through the client's call loop and
/// retry policy like every request, but with exactly the slot's headers and no HeyGen credential.
async fn put_file(client: &Client, slot: &DirectUpload, file: FilePart, len: u64) -> Result<()> {
    // A missing (zero) or negative limit is no limit to check here; storage still enforces it.
    if let Some(max_bytes) = u64::try_from(slot.max_bytes).ok().filter(|max| *max > 0) {
        check_size(len, max_bytes, "the presigned upload")?;
    }
    // Neither the URL nor the header values are repeated in errors or logs: the URL's
    // signature grants write access to the object.
    let url = reqwest::Url::parse(&slot.upload_url)
        .ok()
        .filter(|url| matches!(url.scheme(), "http" | "https"))
        .ok_or_else(|| instructions("the upload URL is not an http(s) URL"))?;
    let headers = upload_headers(slot, len)?;
    tracing::debug!(asset_id = %slot.asset_id, "uploading to the presigned URL");
    let request = Request {
        info: &PRESIGNED_PUT,
        target: Target::Storage(Box::new(StorageTarget { url, headers })),
        body: RequestBody::File(Box::new(file)),
        idempotency_key: None,
        headers: HeaderMap::new(),
        // Storage services answer in XML or not at all; `Accept` is not sent to them.
        accept: HeaderValue::from_static("*/*"),
        streamed: false,
    };
    call::execute(client, &request).await?;
    Ok(())
}

/// Refuses a file of `len` bytes over `limit`, before any of it is sent.
fn check_size(len: u64, limit: u64, accepted_by: &'static str) -> Result<()> {
    if len > limit {
        return Err(InvalidInput::FileTooLarge {
            size: len,
            limit,
            accepted_by,
        }
        .into());
    }
    Ok(())
}

/// The slot's headers, verbatim, plus the length when they do not state it (storage services
/// refuse a chunked PUT).
fn upload_headers(slot: &DirectUpload, len: u64) -> Result<HeaderMap> {
    let pairs = slot.upload_header_pairs()?;
    let mut headers = HeaderMap::with_capacity(pairs.len() + 1);
    for (name, value) in pairs {
        let header_name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| instructions(&format!("`{name}` is not a valid header name")))?;
        let header_value = HeaderValue::from_str(&value).map_err(|_| {
            instructions(&format!(
                "the value of header `{name}` is not a valid header value"
            ))
        })?;
        headers.append(header_name, header_value);
    }
    if !headers.contains_key(CONTENT_LENGTH) {
        headers.insert(CONTENT_LENGTH, HeaderValue::from(len));
    }
    Ok(headers)
}

fn instructions(problem: &str) -> Error {
    Error::Storage(Box::new(StorageError::unusable_instructions(
        PRESIGNED_PUT.name,
        problem,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A slot whose `upload_headers` is `headers` (any JSON, as the spec allows).
    fn slot(headers: serde_json::Value) -> DirectUpload {
        serde_json::from_value(json!({
            "asset_id": "a1",
            "expires_in_seconds": 900,
            "max_bytes": 100,
            "status": "pending_upload",
            "upload_headers": headers,
            "upload_url": "https://storage.example/put?sig=s3cr3t",
        }))
        .unwrap()
    }

    #[test]
    fn sizes_over_the_limit_are_refused_with_both_numbers() {
        assert!(check_size(MAX_MULTIPART_UPLOAD_BYTES, MAX_MULTIPART_UPLOAD_BYTES, "x").is_ok());
        let error = check_size(
            MAX_MULTIPART_UPLOAD_BYTES + 1,
            MAX_MULTIPART_UPLOAD_BYTES,
            "POST /v3/assets",
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "request not built: the file to upload is 33554433 bytes, more than the 33554432 \
             bytes POST /v3/assets accepts"
        );
    }

    #[test]
    fn upload_headers_are_kept_verbatim_and_the_length_added() {
        let headers = upload_headers(&slot(json!({"Content-Type": "video/mp4"})), 42).unwrap();
        assert_eq!(headers.len(), 2);
        assert_eq!(headers["content-type"], "video/mp4");
        assert_eq!(headers["content-length"], "42");
        let stated = upload_headers(&slot(json!({"Content-Length": "42"})), 42).unwrap();
        assert_eq!(stated.len(), 1);
    }

    #[test]
    fn number_and_boolean_header_values_are_sent_as_their_text() {
        let headers = upload_headers(
            &slot(json!({"Content-Length": 42, "x-amz-expires": 900, "x-amz-checksum": true})),
            42,
        )
        .unwrap();
        assert_eq!(headers.len(), 3);
        assert_eq!(headers["content-length"], "42");
        assert_eq!(headers["x-amz-expires"], "900");
        assert_eq!(headers["x-amz-checksum"], "true");
    }

    #[test]
    fn header_values_that_are_not_text_numbers_or_booleans_are_refused() {
        for (value, kind) in [
            (json!({"secret": "s3cr3t"}), "an object"),
            (json!(["s3cr3t"]), "an array"),
            (json!(null), "null"),
        ] {
            let error = upload_headers(&slot(json!({"x-amz-meta": value})), 1).unwrap_err();
            assert_eq!(
                error.to_string(),
                format!(
                    "`put_direct_upload`: the direct upload instructions cannot be followed: the \
                     value of header `x-amz-meta` is {kind}, not a string, number or boolean"
                )
            );
        }
    }

    #[test]
    fn unusable_headers_are_named_without_their_value() {
        let error = upload_headers(&slot(json!({"x-amz-token": "tok\nen-s3cr3t"})), 1).unwrap_err();
        let message = error.to_string();
        assert_eq!(
            message,
            "`put_direct_upload`: the direct upload instructions cannot be followed: the value of \
             header `x-amz-token` is not a valid header value"
        );
        let error = upload_headers(&slot(json!({"bad header": "v"})), 1).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("`bad header` is not a valid header name")
        );
    }
}
