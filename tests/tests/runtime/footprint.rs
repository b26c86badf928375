//! What a call costs the future that awaits it: a few hundred bytes, whatever the call loop
//! holds. The loop's state (attempts, timer, the answer being read) is boxed once per call, so
//! a future awaiting a call, or many of them in flight, moves and keeps only a pointer to it.

use heygen_api::Client;
use heygen_api::webhooks::{CreateWebhookEndpointRequest, WebhooksApi};

use crate::api::{NewThing, Things};

/// The most a generated method's future may take, in bytes (the request, ready to send, and a
/// pointer to the call's state). A hand-written `reqwest` call awaiting `Response::bytes`
/// keeps about 1 KiB.
const MOST: usize = 512;

fn client() -> Client {
    Client::builder()
        .api_key("test-key")
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap()
}

#[test]
fn the_crates_own_calls_keep_small_futures() {
    let client = client();
    let body = CreateWebhookEndpointRequest::new("https://example.com/hook");
    let sizes = [
        (
            "rotate_webhook_secret",
            size_of_val(&client.rotate_webhook_secret("ep_1", None)),
        ),
        (
            "create_webhook_endpoint",
            size_of_val(&client.create_webhook_endpoint(&body, None)),
        ),
    ];
    for (operation, size) in sizes {
        assert!(size <= MOST, "{operation}'s future is {size} bytes");
    }
}

#[test]
fn declared_calls_keep_small_futures() {
    let client = client();
    let body = NewThing {
        name: "demo".into(),
    };
    let sizes = [
        ("get_thing", size_of_val(&client.get_thing("t-1"))),
        ("create_thing", size_of_val(&client.create_thing(&body))),
    ];
    for (operation, size) in sizes {
        assert!(size <= MOST, "{operation}'s future is {size} bytes");
    }
}
