//! The generated `<name>_stream` walks pages lazily and stops on its own.

use futures::StreamExt;
use serde_json::json;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::api::Things;
use crate::support::client;

fn page(ids: &[&str], next: Option<&str>) -> ResponseTemplate {
    let data: Vec<_> = ids
        .iter()
        .map(|id| json!({"id": id, "name": "n"}))
        .collect();
    ResponseTemplate::new(200).set_body_json(json!({
        "data": data,
        "has_more": next.is_some(),
        "next_token": next,
    }))
}

async fn mount(server: &MockServer, token: Option<&str>, answer: ResponseTemplate) {
    let mock = Mock::given(method("GET")).and(path("/v3/things"));
    let mock = match token {
        Some(token) => mock.and(query_param("token", token)),
        None => mock.and(query_param_is_missing("token")),
    };
    mock.respond_with(answer).mount(server).await;
}

fn tokens(requests: &[wiremock::Request]) -> Vec<Option<String>> {
    requests
        .iter()
        .map(|request| {
            request
                .url
                .query_pairs()
                .find(|(name, _)| name == "token")
                .map(|(_, value)| value.into_owned())
        })
        .collect()
}

#[tokio::test]
async fn one_page_decodes_the_whole_body() {
    let server = MockServer::start().await;
    mount(&server, None, page(&["a", "b"], Some("p2"))).await;

    let first = client(&server).list_things(Some(2), None).await.unwrap();

    assert_eq!(first.data.len(), 2);
    assert!(first.has_more);
    assert_eq!(first.next_token.as_deref(), Some("p2"));
}

#[tokio::test]
async fn the_stream_is_lazy_and_walks_every_page() {
    let server = MockServer::start().await;
    mount(&server, None, page(&["a", "b"], Some("p2"))).await;
    mount(&server, Some("p2"), page(&[], Some("p3"))).await;
    mount(&server, Some("p3"), page(&["c"], None)).await;
    let client = client(&server);

    let stream = client.list_things_stream(Some(2));
    futures::pin_mut!(stream);
    assert!(server.received_requests().await.unwrap().is_empty());

    let first = stream.next().await.unwrap().unwrap();
    assert_eq!(first.id, "a");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    let second = stream.next().await.unwrap().unwrap();
    assert_eq!(second.id, "b");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);

    let rest: Vec<String> = stream.map(|item| item.unwrap().id).collect().await;
    assert_eq!(rest, ["c"]);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        tokens(&requests),
        [None, Some("p2".into()), Some("p3".into())]
    );
    for request in &requests {
        assert!(
            request.url.query().unwrap().starts_with("limit=2"),
            "{:?}",
            request.url
        );
    }
}

#[tokio::test]
async fn a_repeated_cursor_ends_the_walk() {
    let server = MockServer::start().await;
    mount(&server, None, page(&["a"], Some("loop"))).await;
    mount(&server, Some("loop"), page(&["b"], Some("loop"))).await;

    let ids: Vec<String> = client(&server)
        .list_things_stream(None)
        .map(|item| item.unwrap().id)
        .collect()
        .await;

    assert_eq!(ids, ["a", "b"]);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn an_error_is_yielded_once_and_ends_the_stream() {
    let server = MockServer::start().await;
    mount(&server, None, page(&["a"], Some("p2"))).await;
    mount(
        &server,
        Some("p2"),
        ResponseTemplate::new(404)
            .set_body_json(json!({"error": {"code": "not_found", "message": "gone"}})),
    )
    .await;

    let items: Vec<_> = client(&server).list_things_stream(None).collect().await;

    assert_eq!(items.len(), 2);
    assert_eq!(items[0].as_ref().unwrap().id, "a");
    let error = items[1].as_ref().unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
}
