//! The code `#[endpoint]` replaces: the two webhook calls written by hand with `reqwest`.
//!
//! Each call sends exactly what the generated method sends (method, path with the endpoint id
//! encoded as one segment, user agent, `Accept`, `x-api-key`, `Idempotency-Key`, the JSON body
//! or `Content-Length: 0`, the same per-request timeout) and decodes `{"data": T}` into the same
//! types. What it leaves out is what the generated code adds beyond the request: retries, the
//! response size limit, tracing and typed errors.

use bytes::Bytes;
use heygen_api::IdempotencyKey;
use heygen_api::webhooks::{
    CreateWebhookEndpointRequest, RotateSecretResponseData, WebhookEndpoint,
};
use http::StatusCode;
use http::header::{ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, USER_AGENT};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::de::DeserializeOwned;

use crate::fixtures::WRITE_TIMEOUT;

/// Everything but the unreserved characters of RFC 3986 is encoded in a path segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// What can go wrong in a hand-written call.
#[derive(Debug)]
pub enum HandWrittenError {
    /// A path parameter is empty, `.` or `..`.
    InvalidPathParam(&'static str),
    /// The body could not be serialized.
    Encode(serde_json::Error),
    /// The request could not be built or sent, or the answer not read.
    Http(reqwest::Error),
    /// The server answered with a status that is not a success.
    Status(StatusCode, Bytes),
    /// The body is not `{"data": T}`.
    Decode(serde_json::Error),
}

impl std::fmt::Display for HandWrittenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HandWrittenError::InvalidPathParam(name) => {
                write!(f, "path parameter `{name}` is empty, `.` or `..`")
            }
            HandWrittenError::Encode(error) => write!(f, "body not serialized: {error}"),
            HandWrittenError::Http(error) => write!(f, "HTTP failure: {error}"),
            HandWrittenError::Status(status, _) => write!(f, "answered {status}"),
            HandWrittenError::Decode(error) => write!(f, "undecodable answer: {error}"),
        }
    }
}

impl std::error::Error for HandWrittenError {}

impl From<reqwest::Error> for HandWrittenError {
    fn from(error: reqwest::Error) -> Self {
        HandWrittenError::Http(error)
    }
}

/// `value` encoded as one path segment; empty, `.` and `..` are refused.
pub fn encode_segment(name: &'static str, value: &str) -> Result<String, HandWrittenError> {
    if matches!(value, "" | "." | "..") {
        return Err(HandWrittenError::InvalidPathParam(name));
    }
    Ok(utf8_percent_encode(value, SEGMENT).to_string())
}

/// `T` from a success body `{"data": T}`.
pub fn decode_data<T: DeserializeOwned>(
    status: StatusCode,
    body: Bytes,
) -> Result<T, HandWrittenError> {
    #[derive(serde::Deserialize)]
    struct Data<T> {
        data: T,
    }
    if !status.is_success() {
        return Err(HandWrittenError::Status(status, body));
    }
    serde_json::from_slice::<Data<T>>(&body)
        .map(|envelope| envelope.data)
        .map_err(HandWrittenError::Decode)
}

/// A hand-written client for the two webhook calls.
#[derive(Clone)]
pub struct HandWrittenClient {
    http: reqwest::Client,
    base_url: String,
    api_key: String,
    user_agent: String,
}

impl HandWrittenClient {
    /// A client sending to `base_url` through `http`.
    pub fn new(http: reqwest::Client, base_url: &str, api_key: &str, user_agent: &str) -> Self {
        HandWrittenClient {
            http,
            base_url: base_url.trim_end_matches('/').to_owned(),
            api_key: api_key.to_owned(),
            user_agent: user_agent.to_owned(),
        }
    }

    /// `POST /v3/webhooks/endpoints/<endpoint_id>/rotate-secret`, built but not sent.
    pub fn rotate_webhook_secret_request(
        &self,
        endpoint_id: &str,
        key: Option<IdempotencyKey>,
    ) -> Result<reqwest::Request, HandWrittenError> {
        let endpoint_id = encode_segment("endpoint_id", endpoint_id)?;
        let key = key.unwrap_or_else(IdempotencyKey::generate);
        let url = format!(
            "{}/v3/webhooks/endpoints/{endpoint_id}/rotate-secret",
            self.base_url
        );
        Ok(self.post(&url, &key).header(CONTENT_LENGTH, "0").build()?)
    }

    /// `POST /v3/webhooks/endpoints` with `body`, built but not sent.
    pub fn create_webhook_endpoint_request(
        &self,
        body: &CreateWebhookEndpointRequest,
        key: Option<IdempotencyKey>,
    ) -> Result<reqwest::Request, HandWrittenError> {
        let body = serde_json::to_vec(body).map_err(HandWrittenError::Encode)?;
        let key = key.unwrap_or_else(IdempotencyKey::generate);
        let url = format!("{}/v3/webhooks/endpoints", self.base_url);
        Ok(self
            .post(&url, &key)
            .header(CONTENT_TYPE, "application/json")
            .body(body)
            .build()?)
    }

    fn post(&self, url: &str, key: &IdempotencyKey) -> reqwest::RequestBuilder {
        self.http
            .post(url)
            .timeout(WRITE_TIMEOUT)
            .header(USER_AGENT, &self.user_agent)
            .header(ACCEPT, "application/json")
            .header("x-api-key", &self.api_key)
            .header("idempotency-key", key.as_str())
    }

    /// Reads and decodes an answer as the generated code does for a success.
    pub async fn read<T: DeserializeOwned>(
        response: reqwest::Response,
    ) -> Result<T, HandWrittenError> {
        let status = response.status();
        let body = response.bytes().await?;
        decode_data(status, body)
    }

    /// Rotates the endpoint's signing secret.
    pub async fn rotate_webhook_secret(
        &self,
        endpoint_id: &str,
        key: Option<IdempotencyKey>,
    ) -> Result<RotateSecretResponseData, HandWrittenError> {
        let request = self.rotate_webhook_secret_request(endpoint_id, key)?;
        Self::read(self.http.execute(request).await?).await
    }

    /// Registers a webhook endpoint.
    pub async fn create_webhook_endpoint(
        &self,
        body: &CreateWebhookEndpointRequest,
        key: Option<IdempotencyKey>,
    ) -> Result<WebhookEndpoint, HandWrittenError> {
        let request = self.create_webhook_endpoint_request(body, key)?;
        Self::read(self.http.execute(request).await?).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_encoded_and_dot_segments_refused() {
        assert_eq!(encode_segment("id", "a/b c").unwrap(), "a%2Fb%20c");
        assert_eq!(encode_segment("id", "ep_1-2.3~").unwrap(), "ep_1-2.3~");
        for bad in ["", ".", ".."] {
            assert_eq!(
                encode_segment("id", bad).unwrap_err().to_string(),
                "path parameter `id` is empty, `.` or `..`"
            );
        }
    }

    #[test]
    fn only_a_success_body_is_decoded() {
        let body = Bytes::from_static(br#"{"data": 7}"#);
        assert_eq!(decode_data::<u32>(StatusCode::OK, body.clone()).unwrap(), 7);
        assert_eq!(
            decode_data::<u32>(StatusCode::CONFLICT, body)
                .unwrap_err()
                .to_string(),
            "answered 409 Conflict"
        );
    }
}
