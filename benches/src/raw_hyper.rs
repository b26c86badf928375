//! The floor: the same two calls on a bare `hyper` client (the HTTP stack `reqwest` is built on),
//! with the same headers, body, timeout and decoding as the other sides.

use bytes::Bytes;
use heygen_api::IdempotencyKey;
use heygen_api::webhooks::{
    CreateWebhookEndpointRequest, RotateSecretResponseData, WebhookEndpoint,
};
use http::header::{ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, USER_AGENT};
use http::{HeaderValue, Method, Request};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde::de::DeserializeOwned;

use crate::fixtures::WRITE_TIMEOUT;
use crate::handwritten::{HandWrittenError, decode_data, encode_segment};

/// What can go wrong in a raw call.
#[derive(Debug)]
pub enum RawError {
    /// The request was refused before sending, or the answer did not decode.
    Call(HandWrittenError),
    /// The request could not be built.
    Build(http::Error),
    /// The request could not be sent or the answer not read.
    Hyper(Box<dyn std::error::Error + Send + Sync>),
    /// No answer within the timeout.
    TimedOut,
}

impl std::fmt::Display for RawError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RawError::Call(error) => error.fmt(f),
            RawError::Build(error) => write!(f, "request not built: {error}"),
            RawError::Hyper(error) => write!(f, "HTTP failure: {error}"),
            RawError::TimedOut => f.write_str("timed out"),
        }
    }
}

impl std::error::Error for RawError {}

impl From<HandWrittenError> for RawError {
    fn from(error: HandWrittenError) -> Self {
        RawError::Call(error)
    }
}

/// A bare `hyper` client for the two webhook calls.
#[derive(Clone)]
pub struct RawHyperClient {
    http: Client<HttpConnector, Full<Bytes>>,
    base_url: String,
    api_key: HeaderValue,
    user_agent: HeaderValue,
}

impl RawHyperClient {
    /// A client sending to `base_url` (`http://host:port`).
    pub fn new(base_url: &str, api_key: &str, user_agent: &str) -> Self {
        let mut connector = HttpConnector::new();
        // As `reqwest` does by default.
        connector.set_nodelay(true);
        RawHyperClient {
            http: Client::builder(TokioExecutor::new()).build(connector),
            base_url: base_url.trim_end_matches('/').to_owned(),
            api_key: HeaderValue::from_str(api_key).expect("a header-safe API key"),
            user_agent: HeaderValue::from_str(user_agent).expect("a header-safe user agent"),
        }
    }

    fn post(&self, url: String, key: &IdempotencyKey) -> http::request::Builder {
        Request::builder()
            .method(Method::POST)
            .uri(url)
            .header(USER_AGENT, self.user_agent.clone())
            .header(ACCEPT, "application/json")
            // What the reqwest sides send: they accept compressed answers (and decode them).
            .header("accept-encoding", "gzip,br")
            .header("x-api-key", self.api_key.clone())
            .header("idempotency-key", key.as_str())
    }

    async fn call<T: DeserializeOwned>(
        &self,
        request: Request<Full<Bytes>>,
    ) -> Result<T, RawError> {
        let exchange = async {
            let response = self
                .http
                .request(request)
                .await
                .map_err(|error| RawError::Hyper(error.into()))?;
            let status = response.status();
            let body = response
                .into_body()
                .collect()
                .await
                .map_err(|error| RawError::Hyper(error.into()))?
                .to_bytes();
            Ok(decode_data(status, body)?)
        };
        tokio::time::timeout(WRITE_TIMEOUT, exchange)
            .await
            .unwrap_or(Err(RawError::TimedOut))
    }

    /// Rotates the endpoint's signing secret.
    pub async fn rotate_webhook_secret(
        &self,
        endpoint_id: &str,
        key: Option<IdempotencyKey>,
    ) -> Result<RotateSecretResponseData, RawError> {
        let endpoint_id = encode_segment("endpoint_id", endpoint_id)?;
        let key = key.unwrap_or_else(IdempotencyKey::generate);
        let url = format!(
            "{}/v3/webhooks/endpoints/{endpoint_id}/rotate-secret",
            self.base_url
        );
        let request = self
            .post(url, &key)
            .header(CONTENT_LENGTH, "0")
            .body(Full::new(Bytes::new()))
            .map_err(RawError::Build)?;
        self.call(request).await
    }

    /// Registers a webhook endpoint.
    pub async fn create_webhook_endpoint(
        &self,
        body: &CreateWebhookEndpointRequest,
        key: Option<IdempotencyKey>,
    ) -> Result<WebhookEndpoint, RawError> {
        let body = serde_json::to_vec(body).map_err(HandWrittenError::Encode)?;
        let key = key.unwrap_or_else(IdempotencyKey::generate);
        let url = format!("{}/v3/webhooks/endpoints", self.base_url);
        let request = self
            .post(url, &key)
            .header(CONTENT_TYPE, "application/json")
            .body(Full::new(Bytes::from(body)))
            .map_err(RawError::Build)?;
        self.call(request).await
    }
}
