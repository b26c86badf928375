//! The code `#[endpoint]` generates names nothing that the declaring module could shadow: a
//! module with its own `Result`, `Option`, `String`, `Send`, `std`, `core` and `AsClient`, whose
//! endpoints have arguments named like the macro's own locals (`__req`, `__INFO`, `__token`),
//! compiles, and its calls send exactly what they should. Its own `Response`, `Bytes`, `Json`
//! and `EventStream` do not stand in for the runtime's: the answer forms are named by the user.

// `__INFO` is the point of the test, not a style choice.
#![allow(non_snake_case)]

mod shadowing {
    #![allow(dead_code, non_camel_case_types)]

    use heygen_api::{IdempotencyKey, Page, api, endpoint};

    /// A `Result` of the module's own: generated code must never write a bare `Result`.
    pub type Result<T> = ::core::result::Result<T, Shadowed>;
    pub struct Shadowed;
    pub struct Option;
    pub struct Some;
    pub struct None;
    pub struct String;
    pub struct Send;
    pub struct Sync;
    pub struct Future;
    pub struct Vec;
    pub trait AsClient {}
    pub trait Stream {}
    pub struct Response;
    pub struct Bytes;
    pub struct Json;
    pub struct ByteStream;
    pub struct EventStream;
    pub trait ResponseForm {}
    mod std {}
    mod core {}

    #[derive(Debug, PartialEq, serde::Deserialize)]
    pub struct Thing {
        pub id: ::std::string::String,
    }

    #[derive(serde::Serialize)]
    pub struct NewThing {
        pub name: &'static str,
    }

    #[api]
    pub trait Things {
        /// Arguments named like the generated request and constant.
        #[endpoint(GET "/v3/things/<__req>")]
        async fn get_thing(
            &self,
            __req: &str,
            #[query] __INFO: ::core::option::Option<u32>,
        ) -> heygen_api::Result<Thing>;

        /// An argument named like the stream's cursor, beside the real cursor.
        #[endpoint(GET "/v3/things", paginated)]
        async fn list_things(
            &self,
            #[query] __token: &str,
            #[query] token: ::core::option::Option<&str>,
        ) -> heygen_api::Result<Page<Thing>>;

        /// A body and a caller key under the generated names.
        #[endpoint(POST "/v3/things", idempotent)]
        async fn create_thing(
            &self,
            #[body] __req: &NewThing,
            #[idempotency_key] __INFO: IdempotencyKey,
        ) -> heygen_api::Result<Thing>;

        /// A header and a form body under the generated names; nothing to read.
        #[endpoint(POST "/v3/things/touch", header("X-Feature" = "beta"))]
        async fn touch_thing(
            &self,
            #[header("X-Trace-Id")] __req: &str,
            #[form] __INFO: &NewThing,
        ) -> heygen_api::Result<()>;

        /// Answer forms named by path beside the module's own `Response` and `Bytes`.
        #[endpoint(GET "/v3/things/<__req>/content")]
        async fn thing_content(
            &self,
            __req: &str,
        ) -> heygen_api::Result<heygen_api::Response<heygen_api::Bytes>>;

        #[endpoint(GET "/v3/things/<__req>/meta")]
        async fn thing_with_meta(
            &self,
            __req: &str,
        ) -> heygen_api::Result<heygen_api::Response<Thing>>;

        #[endpoint(GET "/v3/things/events", end_event = "end", reconnect)]
        async fn thing_events(&self) -> heygen_api::Result<heygen_api::EventStream<Thing>>;
    }
}

use futures::TryStreamExt;
use heygen_api::{Client, idempotency_key};
use serde_json::json;
use shadowing::{NewThing, Thing, Things};
use wiremock::matchers::{
    body_json, body_string, header, method, path, query_param, query_param_is_missing,
};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key("hygiene-test-key")
        .base_url(server.uri())
        .build()
        .unwrap()
}

fn thing(id: &str) -> serde_json::Value {
    json!({ "id": id })
}

#[tokio::test]
async fn arguments_named_like_generated_locals_are_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v3/things/thing-7"))
        .and(query_param("__INFO", "3"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "data": thing("thing-7") })))
        .expect(1)
        .mount(&server)
        .await;

    let found = client(&server).get_thing("thing-7", Some(3)).await.unwrap();
    assert_eq!(
        found,
        Thing {
            id: "thing-7".into()
        }
    );
}

#[tokio::test]
async fn body_and_key_named_like_generated_locals_are_sent() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/things"))
        .and(header("idempotency-key", "hygiene-1"))
        .and(body_json(json!({ "name": "lamp" })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "data": thing("new") })))
        .expect(1)
        .mount(&server)
        .await;

    let created = client(&server)
        .create_thing(&NewThing { name: "lamp" }, idempotency_key!("hygiene-1"))
        .await
        .unwrap();
    assert_eq!(created, Thing { id: "new".into() });
}

#[tokio::test]
async fn header_and_form_named_like_generated_locals_are_sent() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/things/touch"))
        .and(header("x-trace-id", "trace-1"))
        .and(header("x-feature", "beta"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string("name=lamp"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    client(&server)
        .touch_thing("trace-1", &NewThing { name: "lamp" })
        .await
        .unwrap();
}

#[tokio::test]
async fn the_stream_keeps_an_argument_named_like_its_cursor() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v3/things"))
        .and(query_param("__token", "mine"))
        .and(query_param_is_missing("token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [thing("a"), thing("b")],
            "has_more": true,
            "next_token": "page-2",
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v3/things"))
        .and(query_param("__token", "mine"))
        .and(query_param("token", "page-2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [thing("c")],
            "has_more": false,
            "next_token": null,
        })))
        .expect(1)
        .mount(&server)
        .await;

    let client = client(&server);
    let items: Vec<Thing> = client
        .list_things_stream("mine")
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<&str> = items.iter().map(|thing| thing.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
}

#[test]
fn the_declared_surface_is_listed() {
    let names: Vec<&str> = <Client as Things>::ENDPOINTS
        .iter()
        .map(|endpoint| endpoint.name)
        .collect();
    assert_eq!(
        names,
        [
            "get_thing",
            "list_things",
            "create_thing",
            "touch_thing",
            "thing_content",
            "thing_with_meta",
            "thing_events"
        ]
    );
    let get_thing = &<Client as Things>::ENDPOINTS[0];
    assert_eq!(get_thing.openapi_path(), "/v3/things/{__req}");
    assert_eq!(get_thing.query_params().collect::<Vec<_>>(), ["__INFO"]);
}
