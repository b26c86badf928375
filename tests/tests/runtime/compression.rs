//! Compressed answers: gzip and brotli are accepted and decoded, and the response size cap
//! counts the decoded bytes, so a small compressed body that inflates without end is an error.

use std::io::Write;

use heygen_api::{DecodeProblem, Error};
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::api::Things;
use crate::support::builder;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = brotli::CompressorWriter::new(&mut out, 4096, 9, 22);
        encoder.write_all(bytes).unwrap();
    }
    out
}

async fn answering(status: u16, encoding: &str, body: Vec<u8>) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(status)
                .insert_header("content-encoding", encoding)
                .insert_header("content-type", "application/json")
                .set_body_raw(body, "application/json"),
        )
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn gzip_and_brotli_answers_are_accepted_and_decoded() {
    let plain = serde_json::to_vec(&json!({"data": {"id": "t-1", "name": "squeezed"}})).unwrap();
    for (encoding, body) in [("gzip", gzip(&plain)), ("br", brotli(&plain))] {
        let server = answering(200, encoding, body).await;
        let client = builder(&server.uri()).build().unwrap();

        let thing = client.get_thing("t-1").await.unwrap();

        assert_eq!(thing.name, "squeezed", "{encoding}");
        let request = &server.received_requests().await.unwrap()[0];
        let accepted = request
            .headers
            .get("accept-encoding")
            .unwrap()
            .to_str()
            .unwrap();
        assert!(
            accepted.contains("gzip") && accepted.contains("br"),
            "{accepted}"
        );
    }
}

/// 64 MiB of spaces inside a JSON string: about 64 KiB gzipped.
fn bomb() -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(br#"{"data": {"id": "t-1", "name": ""#)
        .unwrap();
    let spaces = vec![b' '; 1024 * 1024];
    for _ in 0..64 {
        encoder.write_all(&spaces).unwrap();
    }
    encoder.write_all(br#""}}"#).unwrap();
    encoder.finish().unwrap()
}

#[tokio::test]
async fn a_gzip_bomb_stops_at_the_cap_on_decoded_bytes() {
    let compressed = bomb();
    assert!(compressed.len() < 1024 * 1024, "{}", compressed.len());
    let server = answering(200, "gzip", compressed).await;
    let client = builder(&server.uri())
        .max_response_bytes(1024 * 1024)
        .build()
        .unwrap();

    let error = client.get_thing("t-1").await.unwrap_err();

    let Error::Decode(decode) = &error else {
        panic!("{error:?}")
    };
    assert!(
        matches!(decode.problem(), DecodeProblem::TooLarge { limit } if *limit == 1024 * 1024),
        "{error}"
    );
    // The answer was a success: the request was applied, only its answer is unreadable.
    assert!(error.may_have_been_applied());
}

#[tokio::test]
async fn a_gzip_bomb_in_an_error_answer_is_cut_at_the_cap_too() {
    let server = answering(500, "gzip", bomb()).await;
    let client = builder(&server.uri())
        .max_response_bytes(1024 * 1024)
        .retry_policy(heygen_api::RetryPolicy::none())
        .build()
        .unwrap();

    let error = client.get_thing("t-1").await.unwrap_err();

    assert_eq!(
        error.status(),
        Some(http::StatusCode::INTERNAL_SERVER_ERROR)
    );
    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    // The kept prefix is small whatever the body inflates to.
    assert!(api.body_prefix().is_none_or(|prefix| prefix.len() <= 512));
}
