//! `stream_avatar_realtime_words` against a loopback server that writes server-sent events piece
//! by piece, as the facts document them: `data:` frames of one `WordBatch` each (with no `event:`
//! name), keep-alive comments between them (not documented, but legal SSE), and exactly one
//! terminal `event: end` frame whose `data` is `{"reason": ...}`.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::StreamExt;
use heygen_api::avatar_realtime::{AvatarRealtimeApi, WordBatch};
use heygen_api::error::TransportErrorKind;
use heygen_api::{Client, Error, RetryPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::support::API_KEY;

/// A server that answers every connection with `pieces`, written with `pause` before each, and
/// records the request heads it read.
struct EventServer {
    url: String,
    heads: Arc<Mutex<Vec<String>>>,
}

impl EventServer {
    async fn start(pieces: Vec<String>, pause: Duration) -> EventServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let heads = Arc::new(Mutex::new(Vec::new()));
        let recorded = heads.clone();
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                let pieces = pieces.clone();
                let recorded = recorded.clone();
                tokio::spawn(async move {
                    let mut head = Vec::new();
                    let mut byte = [0u8; 1];
                    while !head.ends_with(b"\r\n\r\n") {
                        if socket.read(&mut byte).await.unwrap_or(0) == 0 {
                            return;
                        }
                        head.push(byte[0]);
                    }
                    recorded
                        .lock()
                        .unwrap()
                        .push(String::from_utf8_lossy(&head).into_owned());
                    let status = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\
                                  cache-control: no-cache\r\nconnection: close\r\n\r\n";
                    if socket.write_all(status.as_bytes()).await.is_err() {
                        return;
                    }
                    for piece in pieces {
                        tokio::time::sleep(pause).await;
                        if socket.write_all(piece.as_bytes()).await.is_err() {
                            return;
                        }
                    }
                    let _ = socket.shutdown().await;
                });
            }
        });
        EventServer { url, heads }
    }

    fn heads(&self) -> Vec<String> {
        self.heads.lock().unwrap().clone()
    }
}

fn client(url: &str) -> Client {
    Client::builder()
        .api_key(API_KEY)
        .base_url(url)
        .retry_policy(RetryPolicy::instant())
        .build()
        .unwrap()
}

/// One `data:` frame of a word batch.
fn words(batch: &[(&str, f64, f64)]) -> String {
    let words: Vec<_> = batch
        .iter()
        .map(|(word, start, end)| serde_json::json!({"word": word, "start": start, "end": end}))
        .collect();
    format!("data: {}\n\n", serde_json::json!({ "words": words }))
}

/// The words of every batch, in order.
fn spoken(batches: &[WordBatch]) -> Vec<(String, f64, f64)> {
    batches
        .iter()
        .flat_map(|batch| &batch.words)
        .map(|word| (word.word.clone(), word.start, word.end))
        .collect()
}

#[tokio::test]
async fn word_batches_arrive_typed_keep_alives_are_skipped_and_end_ends_the_stream() {
    let pieces = vec![
        ": keep-alive\n\n".to_owned(),
        words(&[("Hello", 0.0, 0.42), (",", 0.42, 0.45)]),
        ": keep-alive\n\n".to_owned(),
        words(&[("world", 0.5, 0.91), (".", 0.91, 0.93)]),
        ": keep-alive\n\n".to_owned(),
        "event: end\ndata: {\"reason\":\"final_marker\"}\n\n".to_owned(),
        // Anything after the one terminal frame is not read.
        words(&[("never", 2.0, 2.5)]),
    ];
    let server = EventServer::start(pieces, Duration::from_millis(10)).await;

    let mut stream = client(&server.url)
        .stream_avatar_realtime_words("st_1")
        .await
        .unwrap();
    assert_eq!(stream.end_data(), None, "not ended yet");
    let events: Vec<_> = stream.by_ref().collect().await;
    // Why it ended: the terminal frame's data.
    assert_eq!(
        stream.end_data().as_deref(),
        Some("{\"reason\":\"final_marker\"}")
    );

    let mut batches = Vec::new();
    for event in events {
        let event = event.unwrap();
        // Data frames carry no `event:` name, so they arrive as the default `message`.
        assert_eq!(event.event(), "message");
        assert_eq!(event.id(), None);
        batches.push(event.into_data());
    }
    assert_eq!(
        spoken(&batches),
        [
            ("Hello".to_owned(), 0.0, 0.42),
            (",".to_owned(), 0.42, 0.45),
            ("world".to_owned(), 0.5, 0.91),
            (".".to_owned(), 0.91, 0.93),
        ]
    );
    let heads = server.heads();
    assert_eq!(heads.len(), 1, "one connection: {heads:?}");
    let head = heads[0].to_lowercase();
    assert!(
        head.starts_with("get /v3/avatar-realtime/st_1/words http/1.1\r\n"),
        "{head}"
    );
    assert!(head.contains("accept: text/event-stream\r\n"), "{head}");
    assert!(
        head.contains(&format!("x-api-key: {API_KEY}\r\n")),
        "{head}"
    );
}

#[tokio::test]
async fn a_late_subscriber_gets_the_replayed_history_then_end() {
    // A completed session is served from its snapshot at once: every word, then `end`.
    let body = [
        words(&[("One", 0.0, 0.3)]),
        words(&[("two", 0.4, 0.7)]),
        "event: end\ndata: {\"reason\":\"completed\"}\n\n".to_owned(),
    ]
    .concat();
    let server = EventServer::start(vec![body], Duration::ZERO).await;

    let batches: Vec<WordBatch> = client(&server.url)
        .stream_avatar_realtime_words("st_done")
        .await
        .unwrap()
        .map(|event| event.unwrap().into_data())
        .collect()
        .await;

    assert_eq!(
        spoken(&batches),
        [("One".to_owned(), 0.0, 0.3), ("two".to_owned(), 0.4, 0.7)]
    );
}

#[tokio::test]
async fn a_stream_cut_before_its_end_event_is_an_error_not_a_quiet_end() {
    let pieces = vec![
        words(&[("Hello", 0.0, 0.42)]),
        ": keep-alive\n\n".to_owned(),
    ];
    let server = EventServer::start(pieces, Duration::from_millis(5)).await;

    let events: Vec<_> = client(&server.url)
        .stream_avatar_realtime_words("st_1")
        .await
        .unwrap()
        .collect()
        .await;

    assert_eq!(events.len(), 2, "{events:?}");
    assert_eq!(events[0].as_ref().unwrap().data().words[0].word, "Hello");
    let Err(error) = &events[1] else {
        panic!("{:?}", events[1])
    };
    let Error::Transport(transport) = error else {
        panic!("{error:?}")
    };
    // Said as what happened: the body ended without `end`, on a GET that changed nothing.
    assert_eq!(transport.kind(), TransportErrorKind::EndedEarly);
    assert_eq!(transport.end_event(), Some("end"));
    assert!(!error.may_have_been_applied());
    let message = error.to_string();
    assert!(
        message.starts_with(
            "answer incomplete: `stream_avatar_realtime_words` ended before its `end` event"
        ),
        "{message}"
    );
    // The history is replayed on every connection, so the stream is not resumed: one request.
    assert_eq!(server.heads().len(), 1);
}

#[tokio::test]
async fn a_frame_that_is_not_a_word_batch_is_a_decode_error() {
    let pieces = vec!["data: {\"text\":\"Hello\"}\n\n".to_owned()];
    let server = EventServer::start(pieces, Duration::ZERO).await;

    let mut stream = client(&server.url)
        .stream_avatar_realtime_words("st_1")
        .await
        .unwrap();

    let first = stream.next().await.unwrap();
    assert!(matches!(&first, Err(Error::Decode(_))), "{first:?}");
}
