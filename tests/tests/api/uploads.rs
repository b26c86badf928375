//! Uploads: the multipart form of `POST /v3/assets`, its size limit, and the direct-upload flow
//! whose PUT goes to storage without the HeyGen credential.

use std::path::PathBuf;

use bytes::Bytes;
use heygen_api::uploads::{AssetUpload, MAX_MULTIPART_UPLOAD_BYTES, UploadsApi};
use heygen_api::{
    Client, Error, InvalidInput, RetryPolicy, Stage, StorageProblem, idempotency_key,
};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::support::{
    API_KEY, answer_all, assert_generated_key, client, data, header, only_request,
};

/// A file in the temporary directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn with_contents(name: &str, contents: &[u8]) -> TempFile {
        let file = TempFile::named(name);
        std::fs::write(&file.0, contents).unwrap();
        file
    }

    /// A sparse file of `len` bytes (no disk space used).
    fn of_len(name: &str, len: u64) -> TempFile {
        let file = TempFile::named(name);
        std::fs::File::create(&file.0)
            .unwrap()
            .set_len(len)
            .unwrap();
        file
    }

    fn named(name: &str) -> TempFile {
        let dir = std::env::temp_dir().join(format!("heygen-api-uploads-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempFile(dir.join(name))
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// One part of a `multipart/form-data` body: its header lines and its content.
#[derive(Debug, PartialEq)]
struct FormPart {
    headers: Vec<String>,
    content: Vec<u8>,
}

/// The parts of the multipart body of `request`, split on the boundary its `Content-Type` names.
fn form_parts(request: &Request) -> Vec<FormPart> {
    let content_type = header(request, "content-type").unwrap();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("not a multipart body: {content_type}"));
    let delimiter = format!("--{boundary}");
    let body = &request.body;
    let mut starts = Vec::new();
    let mut at = 0;
    while let Some(found) = find(&body[at..], delimiter.as_bytes()) {
        starts.push(at + found);
        at += found + delimiter.len();
    }
    assert!(
        body[*starts.last().unwrap()..].starts_with(format!("{delimiter}--").as_bytes()),
        "the body must end with the closing delimiter"
    );
    starts
        .windows(2)
        .map(|pair| {
            let part = &body[pair[0] + delimiter.len() + 2..pair[1] - 2]; // CRLF after/before
            let split = find(part, b"\r\n\r\n").unwrap();
            let headers = String::from_utf8(part[..split].to_vec()).unwrap();
            FormPart {
                headers: headers.split("\r\n").map(str::to_owned).collect(),
                content: part[split + 4..].to_vec(),
            }
        })
        .collect()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn uploaded(asset_id: &str, size: u64) -> ResponseTemplate {
    data(json!({
        "asset_id": asset_id,
        "mime_type": "video/mp4",
        "size_bytes": size,
        "url": format!("https://files.example/{asset_id}.mp4")
    }))
}

#[tokio::test]
async fn a_path_is_sent_as_the_file_part_with_its_name_and_type() {
    let contents = b"\x00\x00\x00\x18ftypmp42 not really a movie";
    let file = TempFile::with_contents("clip.mp4", contents);
    let server = MockServer::start().await;
    answer_all(&server, uploaded("as_1", contents.len() as u64)).await;

    let asset = client(&server)
        .upload(AssetUpload::path(&file.0))
        .await
        .unwrap();

    assert_eq!(asset.asset_id, "as_1");
    assert_eq!(asset.size_bytes, contents.len() as i64);
    let sent = only_request(&server).await;
    assert_eq!(sent.method.as_str(), "POST");
    assert_eq!(sent.url.path(), "/v3/assets");
    assert_eq!(sent.url.query(), None);
    assert_eq!(header(&sent, "x-api-key"), Some(API_KEY));
    assert_generated_key(header(&sent, "idempotency-key"));
    assert_eq!(
        form_parts(&sent),
        [FormPart {
            headers: vec![
                r#"Content-Disposition: form-data; name="file"; filename="clip.mp4""#.into(),
                "Content-Type: video/mp4".into(),
            ],
            content: contents.to_vec(),
        }]
    );
}

#[tokio::test]
async fn bytes_and_streams_carry_the_given_name_type_and_key() {
    let server = MockServer::start().await;
    answer_all(&server, uploaded("as_2", 5)).await;
    let client = client(&server);

    client
        .upload(
            AssetUpload::bytes(&b"hello"[..], "notes.srt", "application/x-subrip")
                .idempotency_key(idempotency_key!("upload-notes-1")),
        )
        .await
        .unwrap();
    let chunks = futures::stream::iter([
        Ok::<_, std::io::Error>(Bytes::from_static(b"he")),
        Ok(Bytes::from_static(b"llo")),
    ]);
    client
        .upload(AssetUpload::stream(chunks, 5, "take.wav", "audio/wav").filename("final.wav"))
        .await
        .unwrap();

    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent.len(), 2);
    assert_eq!(header(&sent[0], "idempotency-key"), Some("upload-notes-1"));
    assert_eq!(
        form_parts(&sent[0]),
        [FormPart {
            headers: vec![
                r#"Content-Disposition: form-data; name="file"; filename="notes.srt""#.into(),
                "Content-Type: application/x-subrip".into(),
            ],
            content: b"hello".to_vec(),
        }]
    );
    assert_eq!(
        form_parts(&sent[1]),
        [FormPart {
            headers: vec![
                r#"Content-Disposition: form-data; name="file"; filename="final.wav""#.into(),
                "Content-Type: audio/wav".into(),
            ],
            content: b"hello".to_vec(),
        }]
    );
}

#[tokio::test]
async fn a_file_over_32_mib_is_refused_before_anything_is_sent() {
    let file = TempFile::of_len("huge.mp4", MAX_MULTIPART_UPLOAD_BYTES + 1);
    let server = MockServer::start().await;
    answer_all(&server, uploaded("never", 0)).await;

    let error = client(&server)
        .upload(AssetUpload::path(&file.0))
        .await
        .unwrap_err();

    assert!(
        matches!(
            &error,
            Error::InvalidInput(InvalidInput::FileTooLarge {
                size: 33_554_433,
                limit: 33_554_432,
                ..
            })
        ),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "request not built: the file to upload is 33554433 bytes, more than the 33554432 bytes \
         POST /v3/assets accepts"
    );
    assert_eq!(error.stage(), Stage::NotBuilt);
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_missing_file_is_named_and_nothing_is_sent() {
    let server = MockServer::start().await;
    let missing = TempFile::named("not-there.mp4");

    let error = client(&server)
        .upload(AssetUpload::path(&missing.0))
        .await
        .unwrap_err();

    let expected = format!("request not built: cannot read `{}`:", missing.0.display());
    assert!(error.to_string().starts_with(&expected), "{error}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// The `upload_headers` of the slots the direct-upload tests are given.
fn storage_headers() -> Value {
    json!({
        "Content-Type": "video/mp4",
        "x-amz-meta-origin": "heygen"
    })
}

/// Mounts the three steps of a direct upload: create (answering with a slot whose upload URL is
/// on the same server and whose headers are `upload_headers`), the storage PUT (answering
/// `put_answer`), and complete.
async fn direct_upload_server(
    put_answer: ResponseTemplate,
    max_bytes: u64,
    upload_headers: Value,
) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/assets/direct-uploads"))
        .respond_with(data(json!({
            "asset_id": "as_9",
            "expires_in_seconds": 900,
            "max_bytes": max_bytes,
            "status": "pending_upload",
            "upload_headers": upload_headers,
            "upload_url": format!("{}/bucket/as_9.mp4?X-Amz-Signature=sig-0f0f", server.uri())
        })))
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/bucket/as_9.mp4"))
        .respond_with(put_answer)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v3/assets/as_9/complete"))
        .respond_with(data(json!({
            "asset_id": "as_9",
            "mime_type": "video/mp4",
            "size_bytes": 11,
            "status": "processing",
            "url": "https://files.example/as_9.mp4"
        })))
        .mount(&server)
        .await;
    server
}

fn header_names(request: &Request) -> Vec<String> {
    let mut names: Vec<String> = request
        .headers
        .keys()
        .map(|name| name.as_str().to_owned())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn direct_upload_puts_with_exactly_the_returned_headers_and_no_credential() {
    let contents = b"movie bytes";
    let file = TempFile::with_contents("keynote.mp4", contents);
    for credential in ["api key", "bearer token"] {
        let server =
            direct_upload_server(ResponseTemplate::new(200), 1024, storage_headers()).await;
        let builder = Client::builder()
            .base_url(server.uri())
            .retry_policy(RetryPolicy::instant());
        let client = match credential {
            "api key" => builder.api_key(API_KEY),
            _ => builder.bearer_token("oauth-token-77"),
        }
        .build()
        .unwrap();

        let asset = client
            .upload_direct(AssetUpload::path(&file.0))
            .await
            .unwrap();

        assert_eq!(asset.asset_id, "as_9");
        assert_eq!(asset.status, "processing");
        let sent = server.received_requests().await.unwrap();
        let steps: Vec<(&str, &str)> = sent
            .iter()
            .map(|request| (request.method.as_str(), request.url.path()))
            .collect();
        assert_eq!(
            steps,
            [
                ("POST", "/v3/assets/direct-uploads"),
                ("PUT", "/bucket/as_9.mp4"),
                ("POST", "/v3/assets/as_9/complete")
            ],
            "{credential}"
        );
        let (create, put, complete) = (&sent[0], &sent[1], &sent[2]);

        let create_body: Value = serde_json::from_slice(&create.body).unwrap();
        assert_eq!(
            create_body,
            json!({"content_type": "video/mp4", "filename": "keynote.mp4", "size_bytes": 11})
        );
        assert_generated_key(header(create, "idempotency-key"));

        assert_eq!(put.url.query(), Some("X-Amz-Signature=sig-0f0f"));
        assert_eq!(
            header_names(put),
            [
                "accept",
                // reqwest's own: compressed answers are accepted (and decoded).
                "accept-encoding",
                "content-length",
                "content-type",
                "host",
                "x-amz-meta-origin"
            ],
            "{credential}"
        );
        assert_eq!(header(put, "content-type"), Some("video/mp4"));
        assert_eq!(header(put, "x-amz-meta-origin"), Some("heygen"));
        assert_eq!(header(put, "content-length"), Some("11"));
        assert_eq!(put.body, contents);

        assert_eq!(complete.body, b"{}");
        let credential_header = match credential {
            "api key" => ("x-api-key", API_KEY.to_owned()),
            _ => ("authorization", "Bearer oauth-token-77".to_owned()),
        };
        for api_call in [create, complete] {
            assert_eq!(
                header(api_call, credential_header.0),
                Some(credential_header.1.as_str())
            );
        }
    }
}

#[tokio::test]
async fn a_storage_refusal_is_reported_without_the_signed_url_and_nothing_is_completed() {
    let server = direct_upload_server(
        ResponseTemplate::new(403)
            .set_body_string("<Error><Code>SignatureDoesNotMatch</Code></Error>"),
        1024,
        storage_headers(),
    )
    .await;

    let error = client(&server)
        .upload_direct(AssetUpload::bytes(
            &b"movie bytes"[..],
            "a.mp4",
            "video/mp4",
        ))
        .await
        .unwrap_err();

    let Error::Storage(storage) = &error else {
        panic!("expected a storage error, got {error:?}");
    };
    assert_eq!(storage.status().map(|status| status.as_u16()), Some(403));
    assert_eq!(storage.operation(), "put_direct_upload");
    assert_eq!(error.code(), None);
    assert_eq!(error.stage(), Stage::ErrorResponse);
    assert_eq!(
        storage.problem(),
        &StorageProblem::Refused {
            status: http::StatusCode::FORBIDDEN,
            body_prefix: Some("<Error><Code>SignatureDoesNotMatch</Code></Error>".to_owned()),
        }
    );
    assert_eq!(
        error.to_string(),
        "`put_direct_upload` failed with HTTP 403: the storage service refused the upload \
         (Forbidden); body starts with \"<Error><Code>SignatureDoesNotMatch</Code></Error>\""
    );
    assert!(!format!("{error:?}").contains("sig-0f0f"));
    let paths: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| request.url.path().to_owned())
        .collect();
    // 403 is not retried; the asset is not completed.
    assert_eq!(paths, ["/v3/assets/direct-uploads", "/bucket/as_9.mp4"]);
}

#[tokio::test]
async fn a_file_over_the_slots_limit_is_not_put() {
    let server = direct_upload_server(ResponseTemplate::new(200), 4, storage_headers()).await;

    let error = client(&server)
        .upload_direct(AssetUpload::bytes(
            &b"movie bytes"[..],
            "a.mp4",
            "video/mp4",
        ))
        .await
        .unwrap_err();

    assert_eq!(
        error.to_string(),
        "request not built: the file to upload is 11 bytes, more than the 4 bytes the presigned \
         upload accepts"
    );
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].url.path(), "/v3/assets/direct-uploads");
}

#[tokio::test]
async fn number_and_boolean_header_values_are_put_as_their_text() {
    let headers =
        json!({"Content-Type": "video/mp4", "x-amz-meta-version": 3, "x-amz-meta-public": false});
    let server = direct_upload_server(ResponseTemplate::new(200), 1024, headers).await;

    client(&server)
        .upload_direct(AssetUpload::bytes(
            &b"movie bytes"[..],
            "a.mp4",
            "video/mp4",
        ))
        .await
        .unwrap();

    let sent = server.received_requests().await.unwrap();
    let put = &sent[1];
    assert_eq!(put.method.as_str(), "PUT");
    assert_eq!(
        header_names(put),
        [
            "accept",
            "accept-encoding",
            "content-length",
            "content-type",
            "host",
            "x-amz-meta-public",
            "x-amz-meta-version"
        ]
    );
    assert_eq!(header(put, "content-type"), Some("video/mp4"));
    assert_eq!(header(put, "x-amz-meta-version"), Some("3"));
    assert_eq!(header(put, "x-amz-meta-public"), Some("false"));
}

#[tokio::test]
async fn a_header_value_that_cannot_be_sent_stops_the_upload_before_the_put() {
    let headers = json!({"Content-Type": "video/mp4", "x-amz-meta-tags": {"secret": "s3cr3t-tag"}});
    let server = direct_upload_server(ResponseTemplate::new(200), 1024, headers).await;

    let error = client(&server)
        .upload_direct(AssetUpload::bytes(
            &b"movie bytes"[..],
            "a.mp4",
            "video/mp4",
        ))
        .await
        .unwrap_err();

    assert!(
        matches!(&error, Error::Storage(storage) if matches!(storage.problem(), StorageProblem::UnusableInstructions { .. })),
        "{error:?}"
    );
    assert_eq!(error.stage(), Stage::NotBuilt);
    assert_eq!(
        error.to_string(),
        "`put_direct_upload`: the direct upload instructions cannot be followed: the value of \
         header `x-amz-meta-tags` is an object, not a string, number or boolean"
    );
    assert!(!format!("{error:?}").contains("s3cr3t-tag"));
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].url.path(), "/v3/assets/direct-uploads");
}
