//! Properties over arbitrary input: keys are accepted exactly when they match the pattern, and
//! no response body, however broken, makes a call panic.

use std::sync::{Arc, Mutex};

use heygen_api::{IdempotencyKey, RetryPolicy, Stage};
use proptest::prelude::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::api::Things;
use crate::support::builder;

/// The documented pattern, `^[A-Za-z0-9_\-:.]{1,255}$`, written independently of the crate.
fn matches_key_pattern(key: &str) -> bool {
    (1..=255).contains(&key.len())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ':' | '.'))
}

proptest! {
    #[test]
    fn keys_are_accepted_exactly_when_they_match_the_pattern(key in "[A-Za-z0-9_:. \\-\u{e9}\r\n]{0,260}") {
        let result = IdempotencyKey::new(key.clone());
        prop_assert_eq!(result.is_ok(), matches_key_pattern(&key));
        if let Ok(valid) = result {
            prop_assert_eq!(valid.as_str(), key.as_str());
        }
    }

    #[test]
    fn any_string_is_judged_by_the_pattern_without_panicking(key in any::<String>()) {
        let result = IdempotencyKey::new(key.clone());
        prop_assert_eq!(result.is_ok(), matches_key_pattern(&key));
        if let Err(invalid) = result {
            prop_assert!(!invalid.to_string().is_empty());
        }
    }
}

/// A server answering every request with `status` and whatever body is in the slot.
async fn body_server(status: u16, body: Arc<Mutex<Vec<u8>>>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let body = body.lock().unwrap().clone();
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buffer = [0u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(read) => head.extend_from_slice(&buffer[..read]),
                    }
                }
                let head = format!(
                    "HTTP/1.1 {status} X\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(&body).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    url
}

#[test]
fn arbitrary_response_bodies_decode_or_fail_cleanly() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let slot = Arc::new(Mutex::new(Vec::new()));
    let (ok_url, error_url) = runtime.block_on(async {
        (
            body_server(200, slot.clone()).await,
            body_server(500, slot.clone()).await,
        )
    });
    let ok_client = builder(&ok_url)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let error_client = builder(&error_url)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();

    // Random bytes, and near-misses of the two JSON shapes the client looks for.
    let bodies = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..2048),
        "\\{\"data\": \\{\"id\": \"[a-z]{0,5}\", \"name\": \"[a-z\"]{0,5}\"\\}\\}"
            .prop_map(String::into_bytes),
        "\\{\"error\": \\{\"code\": \"[a-z_]{0,12}\", \"message\": [a-z0-9\"]{0,8}\\}\\}"
            .prop_map(String::into_bytes),
    ];
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(96));
    runner
        .run(&bodies, |body| {
            *slot.lock().unwrap() = body.clone();
            let (ok, error) = runtime.block_on(async {
                (
                    ok_client.get_thing("t").await,
                    error_client.get_thing("t").await,
                )
            });
            match ok {
                Ok(thing) => prop_assert!(std::str::from_utf8(&body).unwrap().contains(&thing.id)),
                Err(error) => prop_assert_eq!(error.stage(), Stage::UndecodableResponse),
            }
            let error = error.expect_err("a 500 is never a success");
            prop_assert_eq!(error.stage(), Stage::ErrorResponse);
            prop_assert_eq!(error.status().map(|s| s.as_u16()), Some(500));
            Ok(())
        })
        .unwrap();
}
