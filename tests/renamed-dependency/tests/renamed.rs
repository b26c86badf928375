//! A renamed dependency's declarations call through the runtime like the crate's own.

use heygen_renamed_dependency_test::{Renamed, RenamedTrait};
use hg::Client;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn endpoints_declared_under_a_renamed_dependency_work() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/renamed/a%20b"))
        .respond_with(ResponseTemplate::new(200).set_body_string("7"))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/renamed"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"data": 8}"#))
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key("k")
        .base_url(server.uri())
        .build()
        .unwrap();

    assert_eq!(client.renamed("a b").await.unwrap().0, 7);
    assert_eq!(client.create_renamed().await.unwrap(), 8);
    let requests = server.received_requests().await.unwrap();
    assert!(requests[1].headers.contains_key("idempotency-key"));
    assert_eq!(
        <Client as RenamedTrait>::ENDPOINTS[0].name,
        "create_renamed"
    );
    assert_eq!(heygen_renamed_dependency_test::KEY.as_str(), "renamed-1");
}
