//! Time limits from the outside: a deadline across all the attempts of a call, and per-attempt
//! timeouts that say what ran out, against servers that stall or dribble their answer.

use std::time::{Duration, Instant};

use heygen_api::{Error, Phase, RetryPolicy, TransportErrorKind};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::api::Things;
use crate::support::builder;

/// How a misbehaving server answers.
#[derive(Clone, Copy)]
enum Misbehaviour {
    /// Reads the request, then says nothing.
    Stall,
    /// Sends the status and headers of a 100-byte body, then one byte a second.
    Dribble,
}

/// A loopback server that misbehaves on every connection; counts the requests it read.
async fn misbehaving(how: Misbehaviour) -> (String, std::sync::Arc<std::sync::atomic::AtomicU32>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let requests = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
    let counter = requests.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let counter = counter.clone();
            tokio::spawn(async move {
                let mut seen = Vec::new();
                let mut buffer = [0u8; 4096];
                while !seen.windows(4).any(|window| window == b"\r\n\r\n") {
                    match socket.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(read) => seen.extend_from_slice(&buffer[..read]),
                    }
                }
                counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                match how {
                    Misbehaviour::Stall => tokio::time::sleep(Duration::from_secs(60)).await,
                    Misbehaviour::Dribble => {
                        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                                    content-length: 100\r\n\r\n";
                        if socket.write_all(head.as_bytes()).await.is_err() {
                            return;
                        }
                        for _ in 0..100 {
                            if socket.write_all(b" ").await.is_err() {
                                return;
                            }
                            tokio::time::sleep(Duration::from_secs(1)).await;
                        }
                    }
                }
            });
        }
    });
    (url, requests)
}

fn transport(error: &Error) -> &heygen_api::TransportError {
    match error {
        Error::Transport(transport) => transport,
        other => panic!("not a transport error: {other:?}"),
    }
}

#[tokio::test]
async fn a_deadline_bounds_a_call_whose_body_dribbles_across_its_retries() {
    let (url, requests) = misbehaving(Misbehaviour::Dribble).await;
    let client = builder(&url)
        .read_timeout(Duration::from_secs(2))
        .retry_policy(
            RetryPolicy::default()
                .initial_backoff(Duration::from_millis(10))
                .max_retries(2),
        )
        .deadline(Duration::from_secs(3))
        .build()
        .unwrap();

    let started = Instant::now();
    let error = client.get_thing("t-1").await.unwrap_err();
    let took = started.elapsed();

    let transport = transport(&error);
    assert_eq!(
        transport.kind(),
        TransportErrorKind::DeadlineExceeded,
        "{error}"
    );
    assert_eq!(transport.phase(), Some(Phase::ReadingBody), "{error}");
    assert_eq!(transport.limit(), Some(Duration::from_secs(3)));
    // Two attempts fit: the first timed out at 2 s, the second ran into the deadline.
    assert_eq!(transport.attempts(), 2);
    assert_eq!(requests.load(std::sync::atomic::Ordering::SeqCst), 2);
    assert!(transport.bytes_received().is_some_and(|bytes| bytes >= 1));
    assert!(
        took < Duration::from_secs(5),
        "took {took:?}: the deadline did not hold"
    );
    let shown = error.to_string();
    assert!(
        shown.contains("`get_thing` ran out of its call deadline of 3 s reading the body"),
        "{shown}"
    );
    assert!(shown.contains("(2 attempts made)"), "{shown}");
    assert!(error.may_have_been_applied());
}

#[tokio::test]
async fn without_a_deadline_each_attempt_says_it_timed_out_reading_the_body() {
    let (url, _) = misbehaving(Misbehaviour::Dribble).await;
    let client = builder(&url)
        .read_timeout(Duration::from_millis(1500))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();

    let error = client.get_thing("t-1").await.unwrap_err();

    let transport = transport(&error);
    assert_eq!(transport.kind(), TransportErrorKind::Timeout);
    assert_eq!(transport.phase(), Some(Phase::ReadingBody));
    assert_eq!(transport.status(), Some(http::StatusCode::OK));
    let shown = error.to_string();
    assert!(
        shown.contains("`get_thing` timed out after 1.5 s reading the body")
            || shown.contains("`get_thing` timed out after 1500 ms reading the body"),
        "{shown}"
    );
    assert!(shown.contains("bytes of the body"), "{shown}");
}

#[tokio::test]
async fn a_stalled_server_times_out_waiting_for_the_answer() {
    let (url, requests) = misbehaving(Misbehaviour::Stall).await;
    let client = builder(&url)
        .connect_timeout(Duration::from_millis(100))
        .read_timeout(Duration::from_millis(400))
        .retry_policy(RetryPolicy::instant().max_retries(1))
        .build()
        .unwrap();

    let error = client.get_thing("t-1").await.unwrap_err();

    let transport = transport(&error);
    assert_eq!(transport.kind(), TransportErrorKind::Timeout);
    assert_eq!(transport.phase(), Some(Phase::WaitingForAnswer));
    assert_eq!(transport.attempts(), 2);
    assert_eq!(requests.load(std::sync::atomic::Ordering::SeqCst), 2);
    let shown = error.to_string();
    assert!(
        shown
            .contains("`get_thing` timed out after 400 ms waiting for the answer after 2 attempts"),
        "{shown}"
    );
}

#[tokio::test]
async fn a_per_call_deadline_overrides_the_clients_and_stops_a_stalled_call() {
    let (url, requests) = misbehaving(Misbehaviour::Stall).await;
    let client = builder(&url)
        .connect_timeout(Duration::from_millis(100))
        .read_timeout(Duration::from_secs(30))
        .deadline(Duration::from_secs(60))
        .build()
        .unwrap();

    let started = Instant::now();
    let error = client
        .with_deadline(Duration::from_millis(500))
        .get_thing("t-1")
        .await
        .unwrap_err();

    assert!(started.elapsed() < Duration::from_secs(5));
    let transport = transport(&error);
    assert_eq!(transport.kind(), TransportErrorKind::DeadlineExceeded);
    assert_eq!(transport.phase(), Some(Phase::WaitingForAnswer));
    assert_eq!(transport.attempts(), 1);
    assert_eq!(requests.load(std::sync::atomic::Ordering::SeqCst), 1);
    assert!(
        error.to_string().contains(
            "ran out of its call deadline of 500 ms waiting for the answer (1 attempt made)"
        ),
        "{error}"
    );
    // The handle the override was made from keeps the client's deadline.
    assert_eq!(client.deadline(), Some(Duration::from_secs(60)));
}

#[tokio::test]
async fn no_retry_starts_when_its_pause_would_pass_the_deadline() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(503)
                .insert_header("retry-after", "20")
                .set_body_json(
                    serde_json::json!({"error": {"code": "internal_error", "message": "busy"}}),
                ),
        )
        .mount(&server)
        .await;
    // The real sleeper: a retry would wait the 20 s the server asked for.
    let client = builder(&server.uri())
        .retry_policy(RetryPolicy::default())
        .deadline(Duration::from_secs(2))
        .build()
        .unwrap();

    let started = Instant::now();
    let error = client.get_thing("t-1").await.unwrap_err();

    assert!(started.elapsed() < Duration::from_secs(2), "it waited");
    let transport = transport(&error);
    assert_eq!(transport.kind(), TransportErrorKind::DeadlineExceeded);
    assert_eq!(transport.phase(), None);
    assert_eq!(transport.attempts(), 1);
    let last = transport
        .last_attempt()
        .expect("the last attempt's failure");
    assert_eq!(last.status(), Some(http::StatusCode::SERVICE_UNAVAILABLE));
    let shown = error.to_string();
    assert!(
        shown.starts_with(
            "call abandoned: `get_thing` ran out of its call deadline of 2 s: the pause before attempt 2 would end after it (1 attempt made); the last attempt: "
        ),
        "{shown}"
    );
    assert!(shown.contains("busy"), "{shown}");
    // A 503 may have been applied, and the deadline error says so.
    assert!(error.may_have_been_applied());
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}
