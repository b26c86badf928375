//! The requests every compared client sends and the answers the bench server gives.
//!
//! All sides call the same two webhook operations with the same arguments, so the only thing that
//! differs between them is the client code.

use bytes::Bytes;
use heygen_api::webhooks::{CreateWebhookEndpointRequest, WebhookEventType};

/// The API key every client sends.
pub const API_KEY: &str = "bench-api-key-0123456789";

/// The endpoint whose secret is rotated.
pub const ENDPOINT_ID: &str = "ep_7f3a9c2e41b84d6d";

/// The URL registered by the create call.
pub const WEBHOOK_URL: &str = "https://example.com/heygen/webhooks";

/// The user agent every client sends (the generated client's default).
pub const USER_AGENT: &str = heygen_api::client::DEFAULT_USER_AGENT;

/// The per-attempt timeout of a POST under the generated client's defaults; the other clients set
/// the same one, so every side arms the same timer.
pub const WRITE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

/// Items per page in the paging benchmark, and pages in the whole list.
pub const PAGE_SIZE: usize = 100;
/// Pages the list has in total.
pub const PAGE_COUNT: usize = 1_000;

/// The body of the create call.
pub fn create_request() -> CreateWebhookEndpointRequest {
    CreateWebhookEndpointRequest::new(WEBHOOK_URL).events([
        WebhookEventType::AvatarVideoSuccess,
        WebhookEventType::AvatarVideoFail,
    ])
}

/// The answer to `POST /v3/webhooks/endpoints/<id>/rotate-secret`.
pub fn rotate_answer() -> Bytes {
    Bytes::from(format!(
        r#"{{"data":{{"endpoint_id":"{ENDPOINT_ID}","secret":"whsec_9b1c6f3e2d7a4b58a0e1c2d3f4a5b6c7"}}}}"#
    ))
}

/// The answer to `POST /v3/webhooks/endpoints`.
pub fn create_answer() -> Bytes {
    Bytes::from(format!(
        r#"{{"data":{{"endpoint_id":"{ENDPOINT_ID}","url":"{WEBHOOK_URL}","status":"enabled","created_at":"2026-07-01T12:00:00Z","events":["avatar_video.success","avatar_video.fail"],"secret":"whsec_9b1c6f3e2d7a4b58a0e1c2d3f4a5b6c7"}}}}"#
    ))
}

/// Page `index` (0-based) of `GET /v3/webhooks/endpoints`, `size` endpoints long, out of
/// `count` pages; the cursor of page `n` is `p<n>`.
pub fn endpoints_page(index: usize, size: usize, count: usize) -> Bytes {
    let mut body = String::with_capacity(64 + size * 200);
    body.push_str(r#"{"data":["#);
    for item in 0..size {
        if item > 0 {
            body.push(',');
        }
        let id = index * size + item;
        body.push_str(&format!(
            r#"{{"endpoint_id":"ep_{id:016}","url":"https://example.com/hooks/{id}","status":"enabled","created_at":"2026-07-01T12:00:00Z","events":["avatar_video.success","video_translate.success"]}}"#
        ));
    }
    let has_more = index + 1 < count;
    body.push_str(&format!(r#"],"has_more":{has_more}"#));
    if has_more {
        body.push_str(&format!(r#","next_token":"p{}""#, index + 1));
    }
    body.push('}');
    Bytes::from(body)
}

/// Events in the server-sent-events benchmark's stream.
pub const EVENT_COUNT: usize = 100_000;

/// Bytes of the download benchmark's body: 1 GiB.
pub const DOWNLOAD_BYTES: u64 = 1 << 30;

/// `count` server-sent events as HeyGen's word stream sends them, a keep-alive comment every
/// hundred, ending with the terminal `end` event.
pub fn event_stream(count: usize) -> Bytes {
    let mut out = String::with_capacity(count * 64);
    for index in 0..count {
        if index % 100 == 0 {
            out.push_str(": keep-alive\n\n");
        }
        out.push_str(&format!(
            "id: {index}\nevent: word\ndata: {{\"text\":\"word{index}\",\"index\":{index}}}\n\n"
        ));
    }
    out.push_str("event: end\ndata: {}\n\n");
    Bytes::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use heygen_api::Page;
    use heygen_api::webhooks::{RotateSecretResponseData, WebhookEndpoint};

    #[derive(serde::Deserialize)]
    struct Data<T> {
        data: T,
    }

    #[test]
    fn answers_decode_as_the_operations_types() {
        let rotated: Data<RotateSecretResponseData> =
            serde_json::from_slice(&rotate_answer()).unwrap();
        assert_eq!(rotated.data.endpoint_id, ENDPOINT_ID);
        let created: Data<WebhookEndpoint> = serde_json::from_slice(&create_answer()).unwrap();
        assert_eq!(created.data.url, WEBHOOK_URL);
        assert_eq!(created.data.events.unwrap().len(), 2);
    }

    #[test]
    fn pages_chain_their_cursors_and_end() {
        let first: Page<WebhookEndpoint> =
            serde_json::from_slice(&endpoints_page(0, 3, 2)).unwrap();
        assert_eq!(first.data.len(), 3);
        assert_eq!(first.data[2].endpoint_id, "ep_0000000000000002");
        assert!(first.has_more);
        assert_eq!(first.next_token.as_deref(), Some("p1"));
        let last: Page<WebhookEndpoint> = serde_json::from_slice(&endpoints_page(1, 3, 2)).unwrap();
        assert_eq!(last.data[0].endpoint_id, "ep_0000000000000003");
        assert!(!last.has_more);
        assert_eq!(last.next_token, None);
    }
}
