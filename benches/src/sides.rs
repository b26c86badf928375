//! The compared sides: one operation, called through the generated method (with or without a
//! no-op middleware), the hand-written `reqwest` code (twice, on two clients: the second reads
//! the bench's noise floor), or the bare `hyper` client.

use heygen_api::webhooks::{CreateWebhookEndpointRequest, WebhooksApi};

use crate::fixtures::{self, API_KEY, ENDPOINT_ID, USER_AGENT};
use crate::handwritten::HandWrittenClient;
use crate::raw_hyper::RawHyperClient;

/// Who makes the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The method `#[endpoint]` generated, on `heygen_api::Client`.
    Generated,
    /// The same, on a client with one middleware that does nothing.
    WithMiddleware,
    /// [`HandWrittenClient`]: the same request written with `reqwest`.
    HandWritten,
    /// A second [`HandWrittenClient`] with a connection of its own: set against the first, it
    /// reads what the bench gives for two sides that are the same (its noise floor).
    HandWrittenTwin,
    /// [`RawHyperClient`]: the same request on a bare `hyper` client.
    RawHyper,
}

impl Side {
    /// Every side, in report order.
    pub const ALL: [Side; 5] = [
        Side::Generated,
        Side::HandWritten,
        Side::WithMiddleware,
        Side::RawHyper,
        Side::HandWrittenTwin,
    ];

    /// The sides whose code differs (the twin runs the hand-written code again): what the
    /// instruction counts compare, which repeat exactly and need no twin.
    pub const DISTINCT: [Side; 4] = [
        Side::Generated,
        Side::HandWritten,
        Side::WithMiddleware,
        Side::RawHyper,
    ];

    /// The name used on the command line and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Side::Generated => "generated",
            Side::WithMiddleware => "middleware",
            Side::HandWritten => "hand-written",
            Side::HandWrittenTwin => "hand-written-twin",
            Side::RawHyper => "raw-hyper",
        }
    }

    /// The side named `name`.
    pub fn from_name(name: &str) -> Option<Side> {
        Side::ALL.into_iter().find(|side| side.name() == name)
    }
}

/// Which operation is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// `POST /v3/webhooks/endpoints/<endpoint_id>/rotate-secret` (path parameter, no body).
    RotateSecret,
    /// `POST /v3/webhooks/endpoints` (JSON body).
    CreateEndpoint,
}

impl Operation {
    /// Both operations.
    pub const ALL: [Operation; 2] = [Operation::RotateSecret, Operation::CreateEndpoint];

    /// The name used on the command line and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Operation::RotateSecret => "rotate_webhook_secret",
            Operation::CreateEndpoint => "create_webhook_endpoint",
        }
    }

    /// The operation named `name`.
    pub fn from_name(name: &str) -> Option<Operation> {
        Operation::ALL.into_iter().find(|op| op.name() == name)
    }
}

/// The `reqwest` client configuration every `reqwest`-based side uses: the generated client's
/// (no redirects, a 10 s connect timeout, gzip and brotli), each side with a pool of its own.
pub fn reqwest_client_builder() -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(std::time::Duration::from_secs(10))
}

/// [`reqwest_client_builder`], built (a hand-written side's client).
pub fn reqwest_client() -> reqwest::Client {
    reqwest_client_builder().build().expect("a reqwest client")
}

/// The generated client, pointed at `base_url`.
pub fn generated_client(base_url: &str) -> heygen_api::Client {
    client_builder(base_url)
        .build()
        .expect("a valid client configuration")
}

/// The generated client with one middleware that only passes the request on.
pub fn middleware_client(base_url: &str) -> heygen_api::Client {
    client_builder(base_url)
        .middleware(PassOn)
        .build()
        .expect("a valid client configuration")
}

fn client_builder(base_url: &str) -> heygen_api::ClientBuilder {
    heygen_api::Client::builder()
        .api_key(API_KEY)
        .base_url(base_url)
        .http_client(reqwest_client_builder())
}

/// A middleware that does nothing but pass the request on: the cost of the stack itself.
struct PassOn;

#[heygen_api::async_trait]
impl heygen_api::reqwest_middleware::Middleware for PassOn {
    async fn handle(
        &self,
        request: reqwest::Request,
        extensions: &mut http::Extensions,
        next: heygen_api::reqwest_middleware::Next<'_>,
    ) -> heygen_api::reqwest_middleware::Result<reqwest::Response> {
        next.run(request, extensions).await
    }
}

/// The clients, all pointed at one server.
pub struct Callers {
    generated: heygen_api::Client,
    with_middleware: heygen_api::Client,
    hand_written: HandWrittenClient,
    hand_written_twin: HandWrittenClient,
    raw_hyper: RawHyperClient,
    create_body: CreateWebhookEndpointRequest,
}

impl Callers {
    /// Clients for the server at `base_url`.
    pub fn new(base_url: &str) -> Callers {
        Callers {
            generated: generated_client(base_url),
            with_middleware: middleware_client(base_url),
            hand_written: HandWrittenClient::new(reqwest_client(), base_url, API_KEY, USER_AGENT),
            hand_written_twin: HandWrittenClient::new(
                reqwest_client(),
                base_url,
                API_KEY,
                USER_AGENT,
            ),
            raw_hyper: RawHyperClient::new(base_url, API_KEY, USER_AGENT),
            create_body: fixtures::create_request(),
        }
    }

    /// Makes one call of `operation` as `side` and checks the answer names the expected endpoint.
    pub async fn call(&self, side: Side, operation: Operation) -> Result<(), String> {
        let body = &self.create_body;
        let generated = match side {
            Side::WithMiddleware => &self.with_middleware,
            _ => &self.generated,
        };
        let hand_written = match side {
            Side::HandWrittenTwin => &self.hand_written_twin,
            _ => &self.hand_written,
        };
        let endpoint_id = match (side, operation) {
            (Side::Generated | Side::WithMiddleware, Operation::RotateSecret) => generated
                .rotate_webhook_secret(ENDPOINT_ID, None)
                .await
                .map(|rotated| rotated.endpoint_id)
                .map_err(|error| error.to_string()),
            (Side::Generated | Side::WithMiddleware, Operation::CreateEndpoint) => generated
                .create_webhook_endpoint(body, None)
                .await
                .map(|created| created.endpoint_id)
                .map_err(|error| error.to_string()),
            (Side::HandWritten | Side::HandWrittenTwin, Operation::RotateSecret) => hand_written
                .rotate_webhook_secret(ENDPOINT_ID, None)
                .await
                .map(|rotated| rotated.endpoint_id)
                .map_err(|error| error.to_string()),
            (Side::HandWritten | Side::HandWrittenTwin, Operation::CreateEndpoint) => hand_written
                .create_webhook_endpoint(body, None)
                .await
                .map(|created| created.endpoint_id)
                .map_err(|error| error.to_string()),
            (Side::RawHyper, Operation::RotateSecret) => self
                .raw_hyper
                .rotate_webhook_secret(ENDPOINT_ID, None)
                .await
                .map(|rotated| rotated.endpoint_id)
                .map_err(|error| error.to_string()),
            (Side::RawHyper, Operation::CreateEndpoint) => self
                .raw_hyper
                .create_webhook_endpoint(body, None)
                .await
                .map(|created| created.endpoint_id)
                .map_err(|error| error.to_string()),
        }?;
        if endpoint_id != ENDPOINT_ID {
            return Err(format!(
                "{} {} decoded endpoint `{endpoint_id}`",
                side.name(),
                operation.name()
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::{BenchServer, CapturedRequest};

    /// The request as compared across sides: the random `Idempotency-Key` replaced by its shape.
    fn normalised(mut request: CapturedRequest) -> CapturedRequest {
        for (name, value) in &mut request.headers {
            if name == "idempotency-key" {
                let is_uuid_v4 = value.len() == 36
                    && value.as_bytes()[14] == b'4'
                    && value.chars().filter(|c| *c == '-').count() == 4;
                *value = if is_uuid_v4 {
                    "<uuid v4>".into()
                } else {
                    value.clone()
                };
            }
        }
        request
    }

    #[test]
    fn every_side_sends_the_same_request_and_decodes_the_answer() {
        let server = BenchServer::start(true).unwrap();
        let callers = Callers::new(&server.base_url());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        for operation in Operation::ALL {
            let mut requests = Vec::new();
            for side in Side::ALL {
                runtime.block_on(callers.call(side, operation)).unwrap();
                let mut captured = server.take_captured();
                assert_eq!(captured.len(), 1, "{side:?} {operation:?}");
                requests.push(normalised(captured.remove(0)));
            }
            let generated = &requests[0];
            assert_eq!(generated.method, "POST");
            let header = |name: &str| {
                generated
                    .headers
                    .iter()
                    .find(|(given, _)| given == name)
                    .map(|(_, value)| value.as_str())
            };
            assert_eq!(header("idempotency-key"), Some("<uuid v4>"));
            assert_eq!(header("x-api-key"), Some(API_KEY));
            assert_eq!(header("user-agent"), Some(USER_AGENT));
            assert_eq!(header("accept"), Some("application/json"));
            match operation {
                Operation::RotateSecret => {
                    assert_eq!(
                        generated.target,
                        format!("/v3/webhooks/endpoints/{ENDPOINT_ID}/rotate-secret")
                    );
                    assert_eq!(header("content-length"), Some("0"));
                    assert!(generated.body.is_empty());
                }
                Operation::CreateEndpoint => {
                    assert_eq!(generated.target, "/v3/webhooks/endpoints");
                    assert_eq!(header("content-type"), Some("application/json"));
                    assert_eq!(
                        generated.body,
                        serde_json::to_vec(&fixtures::create_request()).unwrap()
                    );
                }
            }
            for (side, request) in Side::ALL.iter().zip(&requests).skip(1) {
                assert_eq!(request, generated, "{side:?} {operation:?}");
            }
        }
    }
}
