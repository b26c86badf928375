//! Every shape of call a declaration can make, on the wire: header arguments, static, default and
//! per-call headers, a caller's key for an endpoint without a key argument, form bodies, and
//! every way an answer is read (`{"data"}` strictly, plain JSON, `()`, bytes, text, a streamed
//! download, server-sent events, and the wrapper with status and headers).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures::StreamExt;
use heygen_api::response::{ByteStream, EventStream, Json, Response};
use heygen_api::{
    Bytes, Client, DecodeProblem, Error, IdempotencyKey, InvalidInput, Result, RetryPolicy,
    TransportErrorKind, endpoint, idempotency_key,
};
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{builder, client};

#[derive(Debug, Deserialize, PartialEq)]
pub struct Run {
    pub id: String,
    pub status: String,
}

#[derive(Serialize)]
pub struct Login<'a> {
    pub user: &'a str,
    pub scopes: &'a str,
}

#[derive(Debug, Deserialize, PartialEq)]
pub struct Word {
    pub text: String,
}

pub trait Shapes {
    #[endpoint(GET "/runs/<run_id>", header("X-Feature" = "beta"))]
    async fn get_run(
        &self,
        run_id: &str,
        #[header("X-Trace-Id")] trace: Option<&str>,
        #[header("X-Attempt-Budget")] budget: u32,
    ) -> Result<Run>;

    #[endpoint(POST "/runs/<run_id>/rotate", idempotent)]
    async fn rotate(&self, run_id: &str) -> Result<Run>;

    #[endpoint(POST "/runs", idempotent)]
    async fn create_run(&self, #[idempotency_key] key: Option<IdempotencyKey>) -> Result<Run>;

    #[endpoint(POST "/login")]
    async fn login(&self, #[form] body: &Login<'_>) -> Result<Run>;

    #[endpoint(GET "/plain/runs")]
    async fn plain_runs(&self) -> Result<Json<Vec<Run>>>;

    #[endpoint(DELETE "/runs/<run_id>")]
    async fn delete_run(&self, run_id: &str) -> Result<()>;

    #[endpoint(GET "/files/<file_id>/raw")]
    async fn raw_file(&self, file_id: &str) -> Result<Bytes>;

    #[endpoint(GET "/files/<file_id>/text")]
    async fn text_file(&self, file_id: &str) -> Result<String>;

    #[endpoint(GET "/files/<file_id>")]
    async fn download(&self, file_id: &str) -> Result<ByteStream>;

    #[endpoint(GET "/runs/<run_id>/words", end_event = "end", reconnect)]
    async fn words(&self, run_id: &str) -> Result<EventStream<Word>>;

    #[endpoint(GET "/runs/<run_id>/log")]
    async fn log(&self, run_id: &str) -> Result<EventStream<String>>;

    #[endpoint(POST "/runs/<run_id>/start", idempotent)]
    async fn start_run(&self, run_id: &str) -> Result<Response<Run>>;

    #[endpoint(GET "/files/<file_id>/thumbnail")]
    async fn thumbnail(&self, file_id: &str) -> Result<Response<Bytes>>;
}

impl Shapes for Client {}

fn run(id: &str) -> serde_json::Value {
    serde_json::json!({"data": {"id": id, "status": "done"}})
}

fn header<'a>(request: &'a wiremock::Request, name: &str) -> Option<&'a str> {
    request
        .headers
        .get(name)
        .map(|value| value.to_str().unwrap())
}

async fn answering(answer: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(answer)
        .mount(&server)
        .await;
    server
}

// Request side.

#[tokio::test]
async fn header_arguments_static_default_and_per_call_headers_are_sent_in_order() {
    let server = answering(ResponseTemplate::new(200).set_body_json(run("r1"))).await;
    let client = builder(&server.uri())
        .default_header("X-Team", "video")
        .default_header("X-Feature", "default-loses")
        .build()
        .unwrap();

    client
        .with_header("X-Trace-Id", "per-call-loses")
        .with_header("X-Call", "c-1")
        .get_run("r1", Some("t-1"), 3)
        .await
        .unwrap();
    client.get_run("r1", None, 0).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    let first = &requests[0];
    assert_eq!(header(first, "x-trace-id"), Some("t-1"));
    assert_eq!(header(first, "x-attempt-budget"), Some("3"));
    assert_eq!(header(first, "x-feature"), Some("beta"));
    assert_eq!(header(first, "x-team"), Some("video"));
    assert_eq!(header(first, "x-call"), Some("c-1"));
    assert_eq!(first.headers.get_all("x-trace-id").iter().count(), 1);
    let second = &requests[1];
    assert_eq!(header(second, "x-trace-id"), None, "None sends nothing");
    assert_eq!(
        header(second, "x-call"),
        None,
        "per-call headers stay on their handle"
    );
}

#[tokio::test]
async fn a_header_value_with_a_line_break_is_refused_before_anything_is_sent() {
    let server = answering(ResponseTemplate::new(200).set_body_json(run("r1"))).await;

    let error = client(&server)
        .get_run("r1", Some("t-1\r\nX-Evil: yes"), 1)
        .await
        .unwrap_err();

    assert!(
        matches!(&error, Error::InvalidInput(InvalidInput::Header { name, .. }) if name == "X-Trace-Id"),
        "{error:?}"
    );
    assert!(!error.to_string().contains("X-Evil"), "{error}");
    let refused = client(&server)
        .with_header("Authorization", "Bearer stolen")
        .get_run("r1", None, 1)
        .await
        .unwrap_err();
    assert!(refused.to_string().contains("bearer_token"), "{refused}");
    let bad_default = builder(&server.uri())
        .default_header("X-Ok", "a\nb")
        .build();
    assert!(matches!(bad_default, Err(Error::Config(_))));
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_callers_key_goes_to_one_call_and_every_retry_of_it() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(run("r1")))
        .with_priority(2)
        .mount(&server)
        .await;
    let keyed = client(&server).with_idempotency_key(idempotency_key!("rotate-r1-1"));

    keyed.rotate("r1").await.unwrap();
    // A second idempotent call through the handle is refused before anything is sent.
    let again = keyed.rotate("r1").await.unwrap_err();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests.len(),
        2,
        "one call, retried once; the second call sent nothing"
    );
    for request in &requests {
        assert_eq!(header(request, "idempotency-key"), Some("rotate-r1-1"));
    }
    assert!(
        matches!(again, Error::InvalidInput(InvalidInput::IdempotencyKeyUsed)),
        "{again:?}"
    );
    let two = client(&server)
        .with_idempotency_key(idempotency_key!("k-1"))
        .create_run(Some(idempotency_key!("k-2")))
        .await
        .unwrap_err();
    assert!(
        matches!(
            two,
            Error::InvalidInput(InvalidInput::TwoIdempotencyKeys {
                operation: "create_run"
            })
        ),
        "{two:?}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_key_given_to_a_handle_is_spent_by_one_call_of_any_handle_made_from_it() {
    let server = answering(ResponseTemplate::new(200).set_body_json(run("r1"))).await;
    let keyed = client(&server).with_idempotency_key(idempotency_key!("rotate-r1-2"));

    keyed
        .with_header("X-Trace-Id", "t-1")
        .with_timeout(Duration::from_secs(5))
        .rotate("r1")
        .await
        .unwrap();
    let again = keyed.rotate("r1").await.unwrap_err();

    assert!(
        matches!(again, Error::InvalidInput(InvalidInput::IdempotencyKeyUsed)),
        "{again:?}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_form_body_is_url_encoded() {
    let server = answering(ResponseTemplate::new(200).set_body_json(run("r1"))).await;

    client(&server)
        .login(&Login {
            user: "ana maria",
            scopes: "a&b=c",
        })
        .await
        .unwrap();

    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        header(request, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(request.body, b"user=ana+maria&scopes=a%26b%3Dc");
}

// Response side.

#[tokio::test]
async fn a_json_array_is_not_an_envelope() {
    let server =
        answering(ResponseTemplate::new(200).set_body_string(r#"[{"id":"r1","status":"done"}]"#))
            .await;

    let error = client(&server).get_run("r1", None, 0).await.unwrap_err();

    let Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert!(
        matches!(decode.problem(), DecodeProblem::NotAnEnvelope),
        "{error}"
    );
    assert!(error.may_have_been_applied());
}

#[tokio::test]
async fn plain_json_unit_bytes_and_text_answers() {
    let server = MockServer::start().await;
    let mount = |route: &'static str, answer: ResponseTemplate| {
        Mock::given(path(route)).respond_with(answer)
    };
    mount(
        "/plain/runs",
        ResponseTemplate::new(200).set_body_string(r#"[{"id":"r1","status":"done"}]"#),
    )
    .mount(&server)
    .await;
    mount("/runs/r1", ResponseTemplate::new(204))
        .mount(&server)
        .await;
    mount(
        "/files/f1/raw",
        ResponseTemplate::new(200).set_body_bytes(vec![0u8, 159, 146, 150]),
    )
    .mount(&server)
    .await;
    mount(
        "/files/f1/text",
        ResponseTemplate::new(200).set_body_string("héllo"),
    )
    .mount(&server)
    .await;
    mount(
        "/files/f2/text",
        ResponseTemplate::new(200).set_body_bytes(vec![0xff, 0xfe]),
    )
    .mount(&server)
    .await;
    let client = client(&server);

    let Json(runs) = client.plain_runs().await.unwrap();
    assert_eq!(
        runs,
        [Run {
            id: "r1".into(),
            status: "done".into()
        }]
    );
    client.delete_run("r1").await.unwrap();
    assert_eq!(
        client.raw_file("f1").await.unwrap(),
        Bytes::from_static(&[0, 159, 146, 150])
    );
    assert_eq!(client.text_file("f1").await.unwrap(), "héllo");
    let not_text = client.text_file("f2").await.unwrap_err();
    assert!(
        matches!(&not_text, Error::Decode(decode) if matches!(decode.problem(), DecodeProblem::NotText(_))),
        "{not_text:?}"
    );

    let requests = server.received_requests().await.unwrap();
    let accept = |index: usize| header(&requests[index], "accept").map(str::to_owned);
    assert_eq!(accept(0).as_deref(), Some("application/json"));
    assert_eq!(accept(2).as_deref(), Some("*/*"));
    assert!(accept(3).unwrap().starts_with("text/plain"));
}

#[tokio::test]
async fn the_wrapper_carries_status_headers_request_id_attempts_and_key() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(201)
                .set_body_json(run("r9"))
                .insert_header("x-request-id", "req-9")
                .insert_header("x-ratelimit-remaining", "41"),
        )
        .with_priority(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_bytes(b"PNG".to_vec())
                .insert_header("etag", "\"v1\""),
        )
        .mount(&server)
        .await;
    let client = client(&server).with_idempotency_key(idempotency_key!("start-r9"));

    let started = client.start_run("r9").await.unwrap();
    let thumbnail = client.thumbnail("f1").await.unwrap();

    assert_eq!(started.meta().status().as_u16(), 201);
    assert_eq!(started.meta().request_id(), Some("req-9"));
    assert_eq!(started.meta().attempts(), 2);
    assert_eq!(
        started.meta().idempotency_key().map(IdempotencyKey::as_str),
        Some("start-r9")
    );
    assert_eq!(started.meta().headers()["x-ratelimit-remaining"], "41");
    assert_eq!(started.value().id, "r9");
    let (meta, bytes) = thumbnail.into_parts();
    assert_eq!(meta.headers()["etag"], "\"v1\"");
    assert_eq!(bytes, Bytes::from_static(b"PNG"));
}

// Streams, against a server that writes its answer piece by piece.

/// One connection's answer: pieces written with a pause before each.
type Script = Vec<(Duration, Vec<u8>)>;

/// A server that answers its n-th connection with the n-th script (the last one repeated), and
/// records each request head.
struct Trickle {
    url: String,
    heads: Arc<Mutex<Vec<String>>>,
}

impl Trickle {
    async fn start(scripts: Vec<Script>) -> Trickle {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let heads = Arc::new(Mutex::new(Vec::new()));
        let recorded = heads.clone();
        tokio::spawn(async move {
            let mut index = 0;
            while let Ok((mut socket, _)) = listener.accept().await {
                let script = scripts[index.min(scripts.len() - 1)].clone();
                index += 1;
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
                        .push(String::from_utf8_lossy(&head).to_lowercase());
                    for (pause, piece) in script {
                        tokio::time::sleep(pause).await;
                        if socket.write_all(&piece).await.is_err() {
                            return;
                        }
                    }
                    let _ = socket.shutdown().await;
                });
            }
        });
        Trickle { url, heads }
    }

    fn heads(&self) -> Vec<String> {
        self.heads.lock().unwrap().clone()
    }
}

fn head(content_type: &str, length: Option<usize>) -> Vec<u8> {
    let length = length.map_or(String::new(), |len| format!("content-length: {len}\r\n"));
    format!("HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\n{length}connection: close\r\n\r\n")
        .into_bytes()
}

fn stream_client(url: &str, timeout: Duration) -> Client {
    builder(url)
        .read_timeout(timeout)
        .retry_policy(RetryPolicy::instant())
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_download_outlasting_its_timeout_succeeds_while_chunks_keep_coming() {
    let chunk = vec![b'x'; 1000];
    let mut script: Script = vec![(Duration::ZERO, head("video/mp4", Some(5000)))];
    for _ in 0..5 {
        script.push((Duration::from_millis(120), chunk.clone()));
    }
    let server = Trickle::start(vec![script]).await;
    let client = stream_client(&server.url, Duration::from_millis(400));

    let started = Instant::now();
    let mut body = client.download("f1").await.unwrap();
    assert_eq!(body.content_length(), Some(5000));
    let mut total = 0;
    while let Some(chunk) = body.next().await {
        total += chunk.unwrap().len();
    }

    assert_eq!(total, 5000);
    assert!(
        started.elapsed() > Duration::from_millis(400),
        "the whole download outlasts the timeout"
    );
    assert!(
        server.heads()[0].contains("accept: */*"),
        "{:?}",
        server.heads()
    );
}

#[tokio::test]
async fn a_stalled_download_says_how_far_it_got() {
    let script: Script = vec![
        (Duration::ZERO, head("video/mp4", Some(5000))),
        (Duration::ZERO, vec![b'x'; 1500]),
        (Duration::from_secs(5), vec![b'x'; 3500]),
    ];
    let server = Trickle::start(vec![script]).await;
    let client = stream_client(&server.url, Duration::from_millis(300));

    let mut body = client.download("f1").await.unwrap();
    let mut received = 0;
    let error = loop {
        match body.next().await {
            Some(Ok(chunk)) => received += chunk.len(),
            Some(Err(error)) => break error,
            None => panic!("the stream ended without an error"),
        }
    };

    assert_eq!(received, 1500);
    let Error::Transport(transport) = &error else {
        panic!("expected a transport error, got {error:?}");
    };
    assert_eq!(transport.kind(), TransportErrorKind::Timeout);
    assert_eq!(transport.bytes_received(), Some(1500));
    assert!(
        error
            .to_string()
            .contains("(1500 bytes of the body received)"),
        "{error}"
    );
    assert!(
        body.next().await.is_none(),
        "the stream ends after its error"
    );
}

#[tokio::test]
async fn events_are_typed_comments_skipped_and_the_end_event_ends_the_stream() {
    let frames = ": connected\n\n\
                  id: 1\nevent: word\ndata: {\"text\":\"Hello\"}\n\n\
                  : keep-alive\n\n\
                  id: 2\nevent: word\ndata: {\"text\":\"world\"}\n\n\
                  event: end\ndata: {}\n\n\
                  id: 3\nevent: word\ndata: {\"text\":\"never\"}\n\n";
    let script: Script = vec![
        (Duration::ZERO, head("text/event-stream", None)),
        (Duration::ZERO, frames.as_bytes().to_vec()),
    ];
    let server = Trickle::start(vec![script]).await;
    let client = stream_client(&server.url, Duration::from_secs(5));

    let events: Vec<_> = client.words("r1").await.unwrap().collect().await;

    let words: Vec<(Option<String>, String, String)> = events
        .into_iter()
        .map(|event| {
            let event = event.unwrap();
            (
                event.id().map(str::to_owned),
                event.event().to_owned(),
                event.into_data().text,
            )
        })
        .collect();
    assert_eq!(
        words,
        [
            (Some("1".into()), "word".into(), "Hello".into()),
            (Some("2".into()), "word".into(), "world".into()),
        ]
    );
    assert!(server.heads()[0].contains("accept: text/event-stream"));
}

#[tokio::test]
async fn a_cut_stream_resumes_with_the_last_event_id() {
    let first: Script = vec![
        (Duration::ZERO, head("text/event-stream", None)),
        (
            Duration::ZERO,
            b"id: 7\nevent: word\ndata: {\"text\":\"one\"}\n\n".to_vec(),
        ),
    ];
    let second: Script = vec![
        (Duration::ZERO, head("text/event-stream", None)),
        (
            Duration::ZERO,
            b"id: 8\nevent: word\ndata: {\"text\":\"two\"}\n\nevent: end\ndata: {}\n\n".to_vec(),
        ),
    ];
    let server = Trickle::start(vec![first, second]).await;
    let client = stream_client(&server.url, Duration::from_secs(5));

    let words: Vec<String> = client
        .words("r1")
        .await
        .unwrap()
        .map(|event| event.unwrap().into_data().text)
        .collect()
        .await;

    assert_eq!(words, ["one", "two"]);
    let heads = server.heads();
    assert_eq!(heads.len(), 2);
    assert!(!heads[0].contains("last-event-id"));
    assert!(heads[1].contains("last-event-id: 7"), "{heads:?}");
}

#[tokio::test]
async fn a_stream_without_reconnect_ends_with_its_body_and_takes_text_data() {
    let script: Script = vec![
        (Duration::ZERO, head("text/event-stream", None)),
        (
            Duration::ZERO,
            b"data: plain words\n\ndata: \"quoted\"\n\n".to_vec(),
        ),
    ];
    let server = Trickle::start(vec![script]).await;
    let client = stream_client(&server.url, Duration::from_secs(5));

    let lines: Vec<String> = client
        .log("r1")
        .await
        .unwrap()
        .map(|event| event.unwrap().into_data())
        .collect()
        .await;

    // `EventStream<String>` takes `data` as it is, quotes and all.
    assert_eq!(lines, ["plain words", "\"quoted\""]);
    assert_eq!(server.heads().len(), 1);
}

#[tokio::test]
async fn a_streamed_call_whose_error_body_stalls_times_out() {
    let script: Script = vec![
        (
            Duration::ZERO,
            b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n\
              content-length: 100\r\nconnection: close\r\n\r\n{\"error\":"
                .to_vec(),
        ),
        (Duration::from_secs(30), b"never".to_vec()),
    ];
    let server = Trickle::start(vec![script]).await;
    let client = builder(&server.url)
        .read_timeout(Duration::from_millis(300))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();

    let started = Instant::now();
    let error = client.download("f1").await.unwrap_err();

    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    let Error::Transport(transport) = &error else {
        panic!("expected a transport error, got {error:?}");
    };
    assert_eq!(transport.kind(), TransportErrorKind::Timeout);
    assert_eq!(error.status().map(|status| status.as_u16()), Some(503));
}

#[tokio::test]
async fn an_answer_that_is_not_an_event_stream_is_a_decode_error() {
    let server =
        answering(ResponseTemplate::new(200).set_body_raw(r#"{"text":"x"}"#, "application/json"))
            .await;

    let error = client(&server).words("r1").await.unwrap_err();

    let Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert!(
        matches!(decode.problem(), DecodeProblem::EventStream(problem) if problem.contains("application/json")),
        "{error}"
    );
}

#[tokio::test]
async fn a_cut_stream_without_ids_is_not_replayed() {
    let script: Script = vec![
        (Duration::ZERO, head("text/event-stream", None)),
        (
            Duration::ZERO,
            b"event: word\ndata: {\"text\":\"one\"}\n\n".to_vec(),
        ),
    ];
    let server = Trickle::start(vec![script]).await;
    let client = stream_client(&server.url, Duration::from_secs(5));

    let events: Vec<_> = client.words("r1").await.unwrap().collect().await;

    assert_eq!(events.len(), 2, "one event, then the cut");
    assert_eq!(events[0].as_ref().unwrap().data().text, "one");
    let cut = events[1].as_ref().unwrap_err();
    assert!(matches!(cut, Error::Transport(_)), "{cut:?}");
    assert!(cut.to_string().contains("bytes of the body"), "{cut}");
    assert_eq!(
        server.heads().len(),
        1,
        "nothing to resume after: no reconnection"
    );
}

#[tokio::test]
async fn one_event_larger_than_the_size_cap_fails_the_stream_but_many_small_ones_do_not() {
    let mut small = Vec::new();
    for index in 0..6 {
        let text = "w".repeat(300);
        small.extend_from_slice(
            format!("id: {index}\nevent: word\ndata: {{\"text\":\"{text}\"}}\n\n").as_bytes(),
        );
    }
    small.extend_from_slice(b"event: end\ndata: {}\n\n");
    let endless = [b"data: ".to_vec(), vec![b'x'; 5000]].concat();
    let server = Trickle::start(vec![
        vec![
            (Duration::ZERO, head("text/event-stream", None)),
            (Duration::ZERO, small),
        ],
        vec![
            (Duration::ZERO, head("text/event-stream", None)),
            (Duration::ZERO, endless),
            (Duration::from_secs(30), b"\n\n".to_vec()),
        ],
    ])
    .await;
    let client = builder(&server.url)
        .max_response_bytes(1000)
        .retry_policy(RetryPolicy::instant())
        .build()
        .unwrap();

    let words: Vec<_> = client.words("r1").await.unwrap().collect().await;
    assert_eq!(words.len(), 6, "2 KiB of events in all, each under the cap");
    assert!(words.iter().all(Result::is_ok));

    let started = Instant::now();
    let mut stream = client.log("r2").await.unwrap();
    let error = stream.next().await.unwrap().unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(
        matches!(&error, Error::Decode(decode) if matches!(decode.problem(), DecodeProblem::TooLarge { limit: 1000 })),
        "{error:?}"
    );
    assert!(stream.next().await.is_none());
}
