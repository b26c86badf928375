//! A response body larger than the client's limit is an error, read no further than the limit:
//! with a truthful `Content-Length`, chunked without end, and with a `Content-Length` that lies.

use heygen_api::client::DEFAULT_MAX_RESPONSE_BYTES;
use heygen_api::{DecodeProblem, Error, Stage};

use crate::api::{Widget, Widgets};
use crate::scripted::{Answer, ScriptedServer};
use crate::support::builder;

/// The limit most tests configure: small, so that going past it is cheap.
const LIMIT: usize = 64 * 1024;
/// How much of an unexpected body an error keeps.
const PREFIX: usize = 512;

/// A success body of exactly `len` bytes: the JSON, padded with spaces.
fn padded_success(len: usize) -> Answer {
    let mut body = br#"{"data": {"id": "w-1"}}"#.to_vec();
    body.resize(len, b' ');
    Answer::Respond {
        status: 200,
        headers: vec![("content-type", "application/json".to_owned())],
        body,
    }
}

/// Reads a widget from a server answering `script`, with the body limit `limit` (the default
/// when `None`).
async fn get(
    script: Vec<Answer>,
    limit: Option<usize>,
) -> (heygen_api::Result<Widget>, ScriptedServer) {
    let server = ScriptedServer::start(script).await;
    let mut client = builder(&server.url);
    if let Some(limit) = limit {
        client = client.max_response_bytes(limit);
    }
    let result = client.build().unwrap().get_widget("w-1").await;
    (result, server)
}

/// `error` is the refusal of a success body over `limit`, after one attempt.
fn assert_too_large(error: &Error, limit: usize) {
    let Error::Decode(decode) = error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert!(
        matches!(decode.problem(), DecodeProblem::TooLarge { limit: refused } if *refused == limit),
        "{error}"
    );
    assert_eq!(error.stage(), Stage::UndecodableResponse);
    // A success status: the request was applied, only its answer is unreadable.
    assert!(error.may_have_been_applied());
    assert_eq!(error.attempts(), 1);
    assert!(
        decode.body_prefix().len() <= PREFIX,
        "{}",
        decode.body_prefix().len()
    );
    assert!(
        error
            .to_string()
            .contains(&format!("larger than the limit of {limit} bytes")),
        "{error}"
    );
}

#[tokio::test]
async fn a_body_exactly_at_the_limit_is_read() {
    let (result, _server) = get(vec![padded_success(LIMIT)], Some(LIMIT)).await;
    assert_eq!(result.unwrap().id, "w-1");
}

#[tokio::test]
async fn a_body_one_byte_over_the_limit_is_refused() {
    let (result, server) = get(vec![padded_success(LIMIT + 1)], Some(LIMIT)).await;
    assert_too_large(&result.unwrap_err(), LIMIT);
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn the_default_limit_is_a_few_mebibytes() {
    assert_eq!(DEFAULT_MAX_RESPONSE_BYTES, 8 * 1024 * 1024);
    let (result, _server) = get(vec![padded_success(DEFAULT_MAX_RESPONSE_BYTES + 1)], None).await;
    assert_too_large(&result.unwrap_err(), DEFAULT_MAX_RESPONSE_BYTES);
}

#[tokio::test]
async fn an_endless_chunked_body_stops_at_the_limit() {
    let endless = Answer::Endless {
        head: "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked".to_owned(),
        chunked: true,
    };
    let (result, _server) = get(vec![endless], Some(LIMIT)).await;
    assert_too_large(&result.unwrap_err(), LIMIT);
}

#[tokio::test]
async fn an_endless_body_behind_a_huge_content_length_stops_at_the_limit() {
    let endless = Answer::Endless {
        head: format!("HTTP/1.1 200 OK\r\ncontent-length: {}", u64::MAX / 2),
        chunked: false,
    };
    // The default limit: the announced length must not be allocated up front either.
    let (result, _server) = get(vec![endless], None).await;
    assert_too_large(&result.unwrap_err(), DEFAULT_MAX_RESPONSE_BYTES);
}

#[tokio::test]
async fn a_content_length_smaller_than_the_body_is_all_that_is_read() {
    let endless = Answer::Endless {
        head: "HTTP/1.1 200 OK\r\ncontent-length: 24".to_owned(),
        chunked: false,
    };
    let (result, _server) = get(vec![endless], Some(LIMIT)).await;
    let error = result.unwrap_err();
    let Error::Decode(decode) = &error else {
        panic!("{error:?}");
    };
    assert!(
        matches!(decode.problem(), DecodeProblem::Json(_)),
        "{error}"
    );
    assert_eq!(decode.body_prefix(), "x".repeat(24));
}

#[tokio::test]
async fn an_endless_error_body_is_cut_at_the_limit_on_every_attempt() {
    let endless = Answer::Endless {
        head: "HTTP/1.1 500 Internal Server Error\r\ntransfer-encoding: chunked".to_owned(),
        chunked: true,
    };
    let (result, server) = get(vec![endless], Some(LIMIT)).await;
    let error = result.unwrap_err();
    let Error::Api(api) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(api.status().as_u16(), 500);
    assert_eq!(api.body_prefix(), Some("x".repeat(PREFIX).as_str()));
    // A read is retried after a 5xx: three attempts, each cut at the limit.
    assert_eq!(error.attempts(), 3);
    assert_eq!(server.count(), 3);
}
