//! Path parameters stay one segment whatever they hold; empty or dot values are refused unsent.

use heygen_api::{Error, InvalidInput, Stage};
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::api::Things;
use crate::support::client;

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"data": {"id": "x", "name": "n"}})),
        )
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn every_value_stays_one_segment() {
    let cases = [
        ("a/b", "/v3/things/a%2Fb"),
        ("?x", "/v3/things/%3Fx"),
        ("#", "/v3/things/%23"),
        ("with space", "/v3/things/with%20space"),
        ("100%", "/v3/things/100%25"),
        ("%2E%2E", "/v3/things/%252E%252E"),
        ("...", "/v3/things/..."),
        ("../../v1/admin", "/v3/things/..%2F..%2Fv1%2Fadmin"),
        ("été", "/v3/things/%C3%A9t%C3%A9"),
        ("a\\b", "/v3/things/a%5Cb"),
        ("unreserved-._~", "/v3/things/unreserved-._~"),
    ];
    for (value, expected) in cases {
        let server = server().await;
        client(&server).get_thing(value).await.unwrap();
        let requests = server.received_requests().await.unwrap();
        assert_eq!(requests.len(), 1, "{value:?}");
        assert_eq!(requests[0].url.path(), expected, "{value:?}");
        assert_eq!(requests[0].url.query(), None, "{value:?}");
    }
}

#[tokio::test]
async fn empty_and_dot_values_are_refused_before_sending() {
    let server = server().await;
    let client = client(&server);
    for value in ["", ".", ".."] {
        let error = client.get_thing(value).await.unwrap_err();
        assert_eq!(error.stage(), Stage::NotBuilt, "{value:?}");
        match (&error, value) {
            (Error::InvalidInput(InvalidInput::EmptyPathParam { name }), "") => {
                assert_eq!(*name, "thing_id");
            }
            (Error::InvalidInput(InvalidInput::DotPathParam { name, value: dots }), _) => {
                assert_eq!((*name, dots.as_str()), ("thing_id", value));
            }
            _ => panic!("{value:?} gave {error:?}"),
        }
    }
    let error = client.get_group_thing("", 1).await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "request not built: path parameter `group_id` is empty"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}
