//! Walking every page of a generated `paginated` operation through its `_stream` method.

use futures::StreamExt;
use heygen_api::voices::{ListVoicesQuery, VoiceType, VoicesApi};
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::client;

fn voice(id: &str) -> Value {
    json!({
        "gender": "female",
        "language": "English",
        "name": id,
        "support_locale": false,
        "support_pause": true,
        "type": "private",
        "voice_id": id
    })
}

fn page(ids: &[&str], next_token: Option<&str>) -> ResponseTemplate {
    let data: Vec<Value> = ids.iter().map(|id| voice(id)).collect();
    ResponseTemplate::new(200).set_body_json(json!({
        "data": data,
        "has_more": next_token.is_some(),
        "next_token": next_token
    }))
}

/// Serves `first` for the request without a token, and each `(token, page)` for its token.
async fn voices_server(
    first: ResponseTemplate,
    later: Vec<(&str, ResponseTemplate)>,
) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v3/voices"))
        .and(query_param_is_missing("token"))
        .respond_with(first)
        .mount(&server)
        .await;
    for (token, answer) in later {
        Mock::given(method("GET"))
            .and(path("/v3/voices"))
            .and(query_param("token", token))
            .respond_with(answer)
            .mount(&server)
            .await;
    }
    server
}

async fn queries_sent(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| request.url.query().unwrap_or_default().to_owned())
        .collect()
}

fn private_voices() -> ListVoicesQuery {
    ListVoicesQuery::new().r#type(VoiceType::Private).limit(2)
}

#[tokio::test]
async fn the_stream_walks_three_pages_lazily_keeping_the_filters() {
    let server = voices_server(
        page(&["v1", "v2"], Some("p2")),
        vec![
            ("p2", page(&["v3", "v4"], Some("p3"))),
            ("p3", page(&["v5"], None)),
        ],
    )
    .await;
    let client = client(&server);
    let query = private_voices();
    let mut voices = std::pin::pin!(client.list_voices_stream(&query));

    // Nothing is sent until the stream is polled.
    tokio::task::yield_now().await;
    assert_eq!(queries_sent(&server).await.len(), 0);

    // The second page is fetched only once the first one's items are used up.
    let first = voices.next().await.unwrap().unwrap();
    let second = voices.next().await.unwrap().unwrap();
    assert_eq!(
        (first.voice_id.as_str(), second.voice_id.as_str()),
        ("v1", "v2")
    );
    assert_eq!(queries_sent(&server).await, ["type=private&limit=2"]);

    let mut rest = Vec::new();
    while let Some(voice) = voices.next().await {
        rest.push(voice.unwrap().voice_id);
    }
    assert_eq!(rest, ["v3", "v4", "v5"]);
    assert_eq!(
        queries_sent(&server).await,
        [
            "type=private&limit=2",
            "type=private&limit=2&token=p2",
            "type=private&limit=2&token=p3"
        ]
    );
}

#[tokio::test]
async fn the_stream_stops_on_a_repeated_cursor() {
    let server = voices_server(
        page(&["v1"], Some("same")),
        vec![("same", page(&["v2"], Some("same")))],
    )
    .await;
    let client = client(&server);
    let query = private_voices();

    let ids: Vec<String> = client
        .list_voices_stream(&query)
        .map(|voice| voice.unwrap().voice_id)
        .collect()
        .await;

    assert_eq!(ids, ["v1", "v2"]);
    assert_eq!(
        queries_sent(&server).await,
        ["type=private&limit=2", "type=private&limit=2&token=same"]
    );
}

#[tokio::test]
async fn an_error_page_ends_the_stream_after_yielding_it() {
    let server = voices_server(
        page(&["v1"], Some("p2")),
        vec![(
            "p2",
            ResponseTemplate::new(404).set_body_json(json!({
                "error": {"code": "not_found", "message": "cursor expired"}
            })),
        )],
    )
    .await;
    let client = client(&server);
    let query = private_voices();

    let results: Vec<_> = client.list_voices_stream(&query).collect().await;

    assert_eq!(results.len(), 2);
    assert_eq!(results[0].as_ref().unwrap().voice_id, "v1");
    let error = results[1].as_ref().unwrap_err();
    assert_eq!(error.status().map(|status| status.as_u16()), Some(404));
    assert_eq!(queries_sent(&server).await.len(), 2);
}
