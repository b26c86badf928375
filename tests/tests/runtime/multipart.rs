//! Multipart uploads: the form on the wire, rebuilt for a retry, and a stream sent only once.

use bytes::Bytes;
use heygen_api::{FilePart, Multipart, Stage};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::api::Things;
use crate::support::client;

/// Answers 500 `failures` times, then success.
async fn upload_server(failures: u64) -> MockServer {
    let server = MockServer::start().await;
    if failures > 0 {
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(500))
            .up_to_n_times(failures)
            .with_priority(1)
            .mount(&server)
            .await;
    }
    Mock::given(method("POST"))
        .and(path("/v3/uploads"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": {"id": "asset-1", "name": "n"}})),
        )
        .with_priority(2)
        .mount(&server)
        .await;
    server
}

/// The boundary of a multipart request, from its content type.
fn boundary(request: &Request) -> String {
    let content_type = request
        .headers
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap();
    let (kind, boundary) = content_type.split_once("; boundary=").unwrap();
    assert_eq!(kind, "multipart/form-data");
    boundary.to_owned()
}

/// The parts of a multipart body as (lowercased headers, content).
fn parts(request: &Request) -> Vec<(String, Vec<u8>)> {
    let delimiter = format!("--{}", boundary(request));
    let body = &request.body;
    let mut parts = Vec::new();
    let mut rest = &body[..];
    while let Some(start) = find(rest, delimiter.as_bytes()) {
        rest = &rest[start + delimiter.len()..];
        if rest.starts_with(b"--") {
            break;
        }
        let head_end = find(rest, b"\r\n\r\n").unwrap();
        let head = String::from_utf8_lossy(&rest[2..head_end]).to_lowercase();
        let content_start = head_end + 4;
        let next = find(&rest[content_start..], delimiter.as_bytes()).unwrap();
        // The content ends with the CRLF that precedes the next delimiter.
        let content = rest[content_start..content_start + next - 2].to_vec();
        parts.push((head, content));
        rest = &rest[content_start + next..];
    }
    parts
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

#[tokio::test]
async fn bytes_and_text_parts_are_sent_as_form_data() {
    let server = upload_server(0).await;
    let form = Multipart::new().text("title", "intro").file(
        "file",
        FilePart::bytes(&b"\x00\x01video"[..], "clip.mp4", "video/mp4"),
    );

    let asset = client(&server).upload(form, None).await.unwrap();

    assert_eq!(asset.id, "asset-1");
    let requests = server.received_requests().await.unwrap();
    let parts = parts(&requests[0]);
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[0].0, "content-disposition: form-data; name=\"title\"");
    assert_eq!(parts[0].1, b"intro");
    assert_eq!(
        parts[1].0,
        "content-disposition: form-data; name=\"file\"; filename=\"clip.mp4\"\r\ncontent-type: video/mp4"
    );
    assert_eq!(parts[1].1, b"\x00\x01video");
    assert!(requests[0].headers.get("idempotency-key").is_some());
}

#[tokio::test]
async fn a_file_part_is_read_again_for_a_retry() {
    let dir = std::env::temp_dir().join(format!("heygen-runtime-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("face.png");
    std::fs::write(&file, b"not really a png").unwrap();
    let server = upload_server(1).await;

    let part = FilePart::path(&file).await.unwrap();
    client(&server)
        .upload(Multipart::new().file("file", part), None)
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        let parts = parts(request);
        assert_eq!(
            parts[0].0,
            "content-disposition: form-data; name=\"file\"; filename=\"face.png\"\r\ncontent-type: image/png"
        );
        assert_eq!(parts[0].1, b"not really a png");
    }
    // Both attempts carry a key, and the same one (two missing keys must not pass as equal).
    let key = |request: &Request| {
        request
            .headers
            .get("idempotency-key")
            .expect("every attempt of an idempotent upload carries a key")
            .clone()
    };
    assert_eq!(key(&requests[0]), key(&requests[1]));
    assert!(!key(&requests[0]).is_empty());
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn a_stream_part_is_sent_once_even_when_a_retry_would_be_safe() {
    let server = upload_server(1).await;
    let chunks = futures::stream::iter([
        Ok::<_, std::io::Error>(Bytes::from_static(b"chunk-1,")),
        Ok(Bytes::from_static(b"chunk-2")),
    ]);
    let part = FilePart::stream(chunks, Some(15), "live.mp4", "video/mp4");

    let error = client(&server)
        .upload(Multipart::new().file("file", part), None)
        .await
        .unwrap_err();

    assert_eq!(error.stage(), Stage::ErrorResponse);
    assert_eq!(error.attempts(), 1);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(parts(&requests[0])[0].1, b"chunk-1,chunk-2");
}
