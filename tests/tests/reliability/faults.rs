//! Every fault against every kind of operation, from one table.
//!
//! A row says, for a fault and a kind of operation, how many attempts reach the server, how the
//! call ends, and whether the error says the request may have been applied. The rules behind the
//! table: a read and a keyed POST are repeated after any failure, with the same key every time; a
//! plain POST is repeated only when it certainly did nothing (no connection, `429`), so it is sent
//! exactly once if it may have reached the server.

use std::time::{Duration, SystemTime};

use heygen_api::{Client, Error, FilePart, Multipart, RetryPolicy, Stage};
use serde_json::json;
use tokio::net::TcpListener;

use crate::api::{NewWidget, Widgets};
use crate::scripted::{Answer, ScriptedServer};
use crate::support::{Delays, builder, closed_port_url};

/// The retries every row's client allows (so at most 5 attempts).
const RETRIES: u32 = 4;
/// The per-attempt timeout of every row's client.
const TIMEOUT: Duration = Duration::from_millis(300);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    /// Nothing listens on the port.
    Refused,
    /// The connection is closed after the request is read, before any byte of an answer; once.
    ResetBeforeAnswerOnce,
    /// The same, on every attempt.
    ResetBeforeAnswerAlways,
    /// A 200 announces 100 bytes, sends 10 and closes; once.
    ResetMidBodyOnce,
    /// A 200 announces 100 bytes, sends 10 and stalls past the timeout; once.
    StallPastTimeoutOnce,
    /// The connection is accepted and never answered; once.
    NeverAnswersOnce,
    /// The same, on every attempt.
    NeverAnswersAlways,
    /// 500, 502, 503, 504, then success.
    ServerErrorsThenSuccess,
    /// `409 request_in_progress`, then success.
    InProgressThenSuccess,
    /// `429` with `Retry-After: 3`, then success.
    RateLimitSecondsThenSuccess,
    /// `429` with `Retry-After` as an HTTP date 10 s ahead, then success.
    RateLimitDateThenSuccess,
    /// `429` without `Retry-After`, then success.
    RateLimitNoHeaderThenSuccess,
    /// `429` asking for a year, then success.
    RateLimitYearThenSuccess,
    /// `429` asking for more seconds than a u64 holds, then success.
    RateLimitOverflowThenSuccess,
    /// `429` with `Retry-After: 2` on every attempt.
    RateLimitStorm,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Get,
    PlainPost,
    KeyedPost,
}

/// How a call ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// It succeeded, so the request was applied exactly once.
    Success,
    /// It failed at this stage, saying whether the request may have been applied.
    Failed(Stage, Applied),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Applied {
    Maybe,
    No,
}

use Applied::{Maybe, No};
use Fault::*;
use Op::*;
use Outcome::{Failed, Success};
use Stage::{ErrorResponse, NoResponse, NotSent};

/// (fault, operation) -> (attempts that reach the server, outcome).
///
/// For `Refused` nothing reaches a server; the attempts are the ones the error counts.
const TABLE: &[(Fault, Op, u32, Outcome)] = &[
    (Refused, Get, 5, Failed(NotSent, No)),
    (Refused, PlainPost, 5, Failed(NotSent, No)),
    (Refused, KeyedPost, 5, Failed(NotSent, No)),
    (ResetBeforeAnswerOnce, Get, 2, Success),
    (
        ResetBeforeAnswerOnce,
        PlainPost,
        1,
        Failed(NoResponse, Maybe),
    ),
    (ResetBeforeAnswerOnce, KeyedPost, 2, Success),
    (ResetBeforeAnswerAlways, Get, 5, Failed(NoResponse, Maybe)),
    (
        ResetBeforeAnswerAlways,
        PlainPost,
        1,
        Failed(NoResponse, Maybe),
    ),
    (
        ResetBeforeAnswerAlways,
        KeyedPost,
        5,
        Failed(NoResponse, Maybe),
    ),
    (ResetMidBodyOnce, Get, 2, Success),
    (ResetMidBodyOnce, PlainPost, 1, Failed(NoResponse, Maybe)),
    (ResetMidBodyOnce, KeyedPost, 2, Success),
    (StallPastTimeoutOnce, Get, 2, Success),
    (
        StallPastTimeoutOnce,
        PlainPost,
        1,
        Failed(NoResponse, Maybe),
    ),
    (StallPastTimeoutOnce, KeyedPost, 2, Success),
    (NeverAnswersOnce, Get, 2, Success),
    (NeverAnswersOnce, PlainPost, 1, Failed(NoResponse, Maybe)),
    (NeverAnswersOnce, KeyedPost, 2, Success),
    (NeverAnswersAlways, Get, 5, Failed(NoResponse, Maybe)),
    (NeverAnswersAlways, PlainPost, 1, Failed(NoResponse, Maybe)),
    (NeverAnswersAlways, KeyedPost, 5, Failed(NoResponse, Maybe)),
    (ServerErrorsThenSuccess, Get, 5, Success),
    (
        ServerErrorsThenSuccess,
        PlainPost,
        1,
        Failed(ErrorResponse, Maybe),
    ),
    (ServerErrorsThenSuccess, KeyedPost, 5, Success),
    (InProgressThenSuccess, Get, 2, Success),
    (
        InProgressThenSuccess,
        PlainPost,
        1,
        Failed(ErrorResponse, Maybe),
    ),
    (InProgressThenSuccess, KeyedPost, 2, Success),
    (RateLimitSecondsThenSuccess, Get, 2, Success),
    (RateLimitSecondsThenSuccess, PlainPost, 2, Success),
    (RateLimitSecondsThenSuccess, KeyedPost, 2, Success),
    (RateLimitDateThenSuccess, Get, 2, Success),
    (RateLimitDateThenSuccess, PlainPost, 2, Success),
    (RateLimitDateThenSuccess, KeyedPost, 2, Success),
    (RateLimitNoHeaderThenSuccess, Get, 2, Success),
    (RateLimitNoHeaderThenSuccess, PlainPost, 2, Success),
    (RateLimitNoHeaderThenSuccess, KeyedPost, 2, Success),
    (RateLimitYearThenSuccess, Get, 2, Success),
    (RateLimitYearThenSuccess, PlainPost, 2, Success),
    (RateLimitYearThenSuccess, KeyedPost, 2, Success),
    (RateLimitOverflowThenSuccess, Get, 2, Success),
    (RateLimitOverflowThenSuccess, PlainPost, 2, Success),
    (RateLimitOverflowThenSuccess, KeyedPost, 2, Success),
    (RateLimitStorm, Get, 5, Failed(ErrorResponse, No)),
    (RateLimitStorm, PlainPost, 5, Failed(ErrorResponse, No)),
    (RateLimitStorm, KeyedPost, 5, Failed(ErrorResponse, No)),
];

/// The first 10 bytes of a 100-byte answer.
fn partial_body() -> Vec<u8> {
    br#"{"data": {"id": "w-1"}}"#[..10].to_vec()
}

fn success() -> Answer {
    Answer::json(200, json!({"data": {"id": "w-1"}}))
}

fn rate_limited(retry_after: Option<&str>) -> Answer {
    let answer = Answer::error(429, "rate_limit_exceeded");
    match retry_after {
        Some(value) => answer.with_header("retry-after", value),
        None => answer,
    }
}

/// The server's script for a fault, or `None` when nothing listens.
fn script(fault: Fault) -> Option<Vec<Answer>> {
    let cut = Answer::CutBody {
        status: 200,
        declared: 100,
        sent: partial_body(),
    };
    let stall = Answer::StallBody {
        status: 200,
        declared: 100,
        sent: partial_body(),
    };
    let in_ten_seconds = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(10));
    Some(match fault {
        Refused => return None,
        ResetBeforeAnswerOnce => vec![Answer::HangUp, success()],
        ResetBeforeAnswerAlways => vec![Answer::HangUp],
        ResetMidBodyOnce => vec![cut, success()],
        StallPastTimeoutOnce => vec![stall, success()],
        NeverAnswersOnce => vec![Answer::Silent, success()],
        NeverAnswersAlways => vec![Answer::Silent],
        ServerErrorsThenSuccess => vec![
            Answer::error(500, "internal_error"),
            Answer::error(502, "internal_error"),
            // Gateways answer 5xx with HTML, not HeyGen's JSON.
            Answer::Respond {
                status: 503,
                headers: vec![("content-type", "text/html".to_owned())],
                body: b"<html>Service Unavailable</html>".to_vec(),
            },
            Answer::Respond {
                status: 504,
                headers: Vec::new(),
                body: Vec::new(),
            },
            success(),
        ],
        InProgressThenSuccess => vec![Answer::error(409, "request_in_progress"), success()],
        RateLimitSecondsThenSuccess => vec![rate_limited(Some("3")), success()],
        RateLimitDateThenSuccess => vec![rate_limited(Some(&in_ten_seconds)), success()],
        RateLimitNoHeaderThenSuccess => vec![rate_limited(None), success()],
        RateLimitYearThenSuccess => vec![rate_limited(Some("31536000")), success()],
        RateLimitOverflowThenSuccess => {
            vec![rate_limited(Some("99999999999999999999999")), success()]
        }
        RateLimitStorm => vec![rate_limited(Some("2"))],
    })
}

/// Checks the delays the client waited between its attempts.
fn check_delays(fault: Fault, recorded: &[Duration], attempts: u32) {
    let retries = attempts as usize - 1;
    let secs = |n: u64| Duration::from_secs(n);
    match fault {
        // The server's Retry-After, clamped to the default maximum of 30 s.
        RateLimitSecondsThenSuccess => assert_eq!(recorded, [secs(3)]),
        RateLimitYearThenSuccess | RateLimitOverflowThenSuccess => {
            assert_eq!(recorded, [secs(30)], "{fault:?}")
        }
        RateLimitStorm => assert_eq!(recorded, vec![secs(2); retries]),
        RateLimitDateThenSuccess => {
            // The date has whole seconds and was written a moment before it was read.
            assert_eq!(recorded.len(), 1);
            assert!((secs(8)..=secs(10)).contains(&recorded[0]), "{recorded:?}");
        }
        // Otherwise the backoff: 1 s doubling (no jitter in these tests).
        _ => {
            let backoff: Vec<Duration> = (0..retries).map(|n| secs(1 << n)).collect();
            assert_eq!(recorded, backoff, "{fault:?}");
        }
    }
}

async fn call(client: &Client, op: Op) -> Result<String, Error> {
    let body = NewWidget::named("n");
    let widget = match op {
        Get => client.get_widget("w-1").await,
        PlainPost => client.create_widget(&body).await,
        KeyedPost => client.create_widget_keyed(&body, None).await,
    }?;
    Ok(widget.id)
}

/// Runs every row of the table for `fault`.
async fn run(fault: Fault) {
    let rows: Vec<_> = TABLE.iter().filter(|row| row.0 == fault).collect();
    assert_eq!(rows.len(), 3, "{fault:?} needs a row per operation");
    for &&(_, op, attempts, expected) in &rows {
        let server = match script(fault) {
            Some(script) => Some(ScriptedServer::start(script).await),
            None => None,
        };
        let url = match &server {
            Some(server) => server.url.clone(),
            None => closed_port_url().await,
        };
        let delays = Delays::default();
        let client = builder(&url)
            .retry_policy(delays.policy().max_retries(RETRIES))
            .read_timeout(TIMEOUT)
            .write_timeout(TIMEOUT)
            .build()
            .unwrap();

        let result = call(&client, op).await;

        let context = format!("{fault:?} / {op:?}: {result:?}");
        let made = match (&result, expected) {
            (Ok(id), Success) => {
                assert_eq!(id, "w-1", "{context}");
                attempts
            }
            (Err(error), Failed(stage, applied)) => {
                assert_eq!(error.stage(), stage, "{context}");
                assert_eq!(error.may_have_been_applied(), applied == Maybe, "{context}");
                assert_eq!(error.attempts(), attempts, "{context}");
                error.attempts()
            }
            _ => panic!("unexpected outcome for {context}; expected {expected:?}"),
        };
        check_delays(fault, &delays.recorded(), made);

        let Some(server) = server else { continue };
        let requests = server.requests();
        assert_eq!(requests.len() as u32, attempts, "{context}");
        let keys: Vec<Vec<String>> = requests
            .iter()
            .map(|request| request.header("idempotency-key"))
            .collect();
        match op {
            KeyedPost => {
                let first = &keys[0];
                assert_eq!(first.len(), 1, "{context}");
                assert!(uuid::Uuid::parse_str(&first[0]).is_ok(), "{context}");
                assert!(keys.iter().all(|key| key == first), "{keys:?}");
                if let Err(error) = &result {
                    assert_eq!(
                        error.idempotency_key().map(|key| key.as_str()),
                        Some(first[0].as_str())
                    );
                }
            }
            Get | PlainPost => assert!(keys.iter().all(Vec::is_empty), "{keys:?}"),
        }
        for request in &requests {
            let method = if op == Get { "GET" } else { "POST" };
            assert_eq!(request.method, method, "{context}");
            // Each attempt is rebuilt whole: never an empty or half-sent body.
            let expected_body: &[u8] = if op == Get { b"" } else { br#"{"name":"n"}"# };
            assert_eq!(request.body, expected_body, "{context}");
            assert_eq!(request.header("x-api-key"), [crate::support::API_KEY]);
        }
    }
}

#[test]
fn the_table_covers_every_fault_for_every_operation() {
    let faults = [
        Refused,
        ResetBeforeAnswerOnce,
        ResetBeforeAnswerAlways,
        ResetMidBodyOnce,
        StallPastTimeoutOnce,
        NeverAnswersOnce,
        NeverAnswersAlways,
        ServerErrorsThenSuccess,
        InProgressThenSuccess,
        RateLimitSecondsThenSuccess,
        RateLimitDateThenSuccess,
        RateLimitNoHeaderThenSuccess,
        RateLimitYearThenSuccess,
        RateLimitOverflowThenSuccess,
        RateLimitStorm,
    ];
    assert_eq!(TABLE.len(), faults.len() * 3);
    for fault in faults {
        for op in [Get, PlainPost, KeyedPost] {
            let rows = TABLE
                .iter()
                .filter(|row| row.0 == fault && row.1 == op)
                .count();
            assert_eq!(rows, 1, "{fault:?} / {op:?}");
        }
    }
    // A plain POST that may have reached the server is never sent twice.
    for &(fault, op, attempts, outcome) in TABLE {
        if op == PlainPost && matches!(outcome, Failed(_, Maybe)) {
            assert_eq!(attempts, 1, "{fault:?}");
        }
    }
}

#[tokio::test]
async fn connection_refused() {
    run(Refused).await;
}

#[tokio::test]
async fn reset_before_any_answer_once() {
    run(ResetBeforeAnswerOnce).await;
}

#[tokio::test]
async fn reset_before_any_answer_always() {
    run(ResetBeforeAnswerAlways).await;
}

#[tokio::test]
async fn reset_in_the_middle_of_the_body() {
    run(ResetMidBodyOnce).await;
}

#[tokio::test]
async fn a_body_that_stalls_past_the_timeout() {
    run(StallPastTimeoutOnce).await;
}

#[tokio::test]
async fn a_server_that_never_answers_once() {
    run(NeverAnswersOnce).await;
}

#[tokio::test]
async fn a_server_that_never_answers_at_all() {
    run(NeverAnswersAlways).await;
}

#[tokio::test]
async fn server_errors_then_success() {
    run(ServerErrorsThenSuccess).await;
}

#[tokio::test]
async fn request_in_progress_then_success() {
    run(InProgressThenSuccess).await;
}

#[tokio::test]
async fn rate_limit_with_retry_after_in_seconds() {
    run(RateLimitSecondsThenSuccess).await;
}

#[tokio::test]
async fn rate_limit_with_retry_after_as_a_date() {
    run(RateLimitDateThenSuccess).await;
}

#[tokio::test]
async fn rate_limit_without_retry_after() {
    run(RateLimitNoHeaderThenSuccess).await;
}

#[tokio::test]
async fn rate_limit_asking_for_a_year_is_clamped() {
    run(RateLimitYearThenSuccess).await;
}

#[tokio::test]
async fn rate_limit_asking_for_more_than_a_u64_is_clamped() {
    run(RateLimitOverflowThenSuccess).await;
}

#[tokio::test]
async fn a_rate_limit_storm_outlasting_the_retry_budget() {
    run(RateLimitStorm).await;
}

// Across attempts: the error of a call reports what any of its attempts may have done, not only
// what the last one got.

/// A keyed create that got no answer, then only refusals: it may still have been applied.
#[tokio::test]
async fn a_refusal_after_an_attempt_that_may_have_applied_still_says_maybe() {
    let mut script = vec![Answer::HangUp];
    script.push(rate_limited(Some("0")));
    let server = ScriptedServer::start(script).await;
    let client = builder(&server.url)
        .retry_policy(RetryPolicy::instant().max_retries(RETRIES))
        .build()
        .unwrap();

    let error = client
        .create_widget_keyed(&NewWidget::named("n"), None)
        .await
        .unwrap_err();

    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(api.status().as_u16(), 429);
    assert_eq!(error.attempts(), 5);
    assert_eq!(server.count(), 5);
    // The first attempt may have created the widget; the 429s after it do not undo that.
    assert!(api.earlier_attempt_may_have_applied());
    assert!(error.may_have_been_applied(), "{error}");
    assert!(
        error
            .to_string()
            .ends_with("after 5 attempts; an earlier attempt may have been applied"),
        "{error}"
    );
}

/// A storm of refusals alone never says the request may have been applied.
#[tokio::test]
async fn refusals_alone_say_not_applied() {
    let server = ScriptedServer::start(vec![rate_limited(Some("0"))]).await;
    let client = builder(&server.url).build().unwrap();
    let error = client
        .create_widget_keyed(&NewWidget::named("n"), None)
        .await
        .unwrap_err();
    assert_eq!(error.attempts(), 3);
    assert!(!error.may_have_been_applied(), "{error}");
    assert!(!error.to_string().contains("earlier attempt"), "{error}");
}

/// The first attempt times out on a server that then goes away: the retries cannot connect, but
/// the call may still have been applied by the first one.
#[tokio::test]
async fn a_failed_connection_after_a_timeout_still_says_maybe() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (gone, went) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        crate::scripted::read_request(&mut socket).await.unwrap();
        // Stop listening, then stay silent on the accepted connection.
        drop(listener);
        gone.send(()).unwrap();
        tokio::time::sleep(Duration::from_secs(60)).await;
        drop(socket);
    });
    let client = builder(&url)
        .retry_policy(RetryPolicy::instant().max_retries(RETRIES))
        .write_timeout(TIMEOUT)
        .build()
        .unwrap();

    let error = client
        .create_widget_keyed(&NewWidget::named("n"), None)
        .await
        .unwrap_err();
    went.await.unwrap();

    assert_eq!(error.stage(), Stage::NotSent, "{error}");
    assert_eq!(error.attempts(), 5);
    assert!(error.may_have_been_applied(), "{error}");
    assert!(error.idempotency_key().is_some());
}

/// The file of a keyed upload disappears while the client waits to retry: the error is the
/// attempt that was sent (no answer, may have been applied, with its key), not "nothing sent".
#[tokio::test]
async fn a_retry_that_cannot_be_rebuilt_reports_the_attempt_that_was_sent() {
    let path =
        std::env::temp_dir().join(format!("heygen-reliability-{}.mp4", uuid::Uuid::new_v4()));
    std::fs::write(&path, b"not really a video").unwrap();
    let server = ScriptedServer::start(vec![Answer::Silent]).await;
    let removed = path.clone();
    let client = builder(&server.url)
        .retry_policy(RetryPolicy::default().sleeper(move |_| {
            // The file goes away during the backoff.
            let _ = std::fs::remove_file(&removed);
            Box::pin(async {})
        }))
        .upload_timeout(TIMEOUT)
        .build()
        .unwrap();
    let form = Multipart::new().file("file", FilePart::path(&path).await.unwrap());

    let error = client.upload_widget(form, None).await.unwrap_err();

    assert!(!path.exists());
    assert_eq!(server.count(), 1);
    assert_eq!(error.stage(), Stage::NoResponse, "{error}");
    assert_eq!(error.attempts(), 1);
    assert!(error.may_have_been_applied());
    let sent_key = server.requests()[0].header("idempotency-key");
    assert_eq!(
        error.idempotency_key().map(|key| key.as_str().to_owned()),
        sent_key.first().cloned()
    );
}
