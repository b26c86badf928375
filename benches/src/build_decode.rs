//! Building a request and decoding its answer, without I/O: the CPU work the generated code and
//! the hand-written code each do around the network.
//!
//! The generated side runs the statements `#[endpoint]` expands to (see the expansion snapshots
//! in `heygen-macros/tests/snapshots/`), ending in `__private::send_without_io`, which builds the
//! `reqwest::Request` the first attempt would send and reads an answer as that attempt's response.
//! The hand-written side builds its `reqwest::Request` and decodes the same answer. Answers are
//! built before the timed part; under callgrind, their cost is measured on its own and taken off.

use std::time::Instant;

use bytes::Bytes;
use heygen_api::__private::{RequestBuilder, send_without_io};
use heygen_api::webhooks::{
    CreateWebhookEndpointRequest, RotateSecretResponseData, WebhookEndpoint, WebhooksApi,
};
use heygen_api::{Client, EndpointInfo, IdempotencyKey};

use crate::fixtures::{self, API_KEY, ENDPOINT_ID, USER_AGENT};
use crate::handwritten::HandWrittenClient;
use crate::sides::Operation;
use crate::stats;

/// Who does the work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Worker {
    /// The generated code's statements and runtime.
    Generated,
    /// The hand-written `reqwest` code.
    HandWritten,
    /// Nobody: only the answers are made (the baseline taken off instruction counts).
    AnswersOnly,
}

impl Worker {
    /// The compared workers.
    pub const COMPARED: [Worker; 2] = [Worker::Generated, Worker::HandWritten];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Worker::Generated => "generated",
            Worker::HandWritten => "hand-written",
            Worker::AnswersOnly => "answers-only",
        }
    }

    /// The worker named `name`.
    pub fn from_name(name: &str) -> Option<Worker> {
        [Worker::Generated, Worker::HandWritten, Worker::AnswersOnly]
            .into_iter()
            .find(|worker| worker.name() == name)
    }
}

/// The clients and inputs of both workers. Never sends anything: the base URL is never dialled.
pub struct Workbench {
    generated: Client,
    hand_written: HandWrittenClient,
    create_body: CreateWebhookEndpointRequest,
    rotate_info: &'static EndpointInfo,
    create_info: &'static EndpointInfo,
    rotate_answer: Bytes,
    create_answer: Bytes,
}

/// The `EndpointInfo` the expansion of the `Webhooks` method `name` uses.
fn webhooks_endpoint(name: &str) -> &'static EndpointInfo {
    <Client as Webhooks>::ENDPOINTS
        .iter()
        .find(|info| info.name == name)
        .expect("a declared webhooks endpoint")
}

impl Default for Workbench {
    fn default() -> Self {
        let base_url = "http://127.0.0.1:9";
        Workbench {
            generated: crate::sides::generated_client(base_url),
            hand_written: HandWrittenClient::new(
                crate::sides::reqwest_client(),
                base_url,
                API_KEY,
                USER_AGENT,
            ),
            create_body: fixtures::create_request(),
            rotate_info: webhooks_endpoint("rotate_webhook_secret"),
            create_info: webhooks_endpoint("create_webhook_endpoint"),
            rotate_answer: fixtures::rotate_answer(),
            create_answer: fixtures::create_answer(),
        }
    }
}

impl Workbench {
    /// `count` answers to `operation`, as the server would send them.
    pub fn answers(&self, operation: Operation, count: usize) -> Vec<http::Response<Bytes>> {
        let body = match operation {
            Operation::RotateSecret => &self.rotate_answer,
            Operation::CreateEndpoint => &self.create_answer,
        };
        (0..count)
            .map(|_| {
                http::Response::builder()
                    .status(200)
                    .header(http::header::CONTENT_TYPE, "application/json")
                    .header("x-request-id", "req_bench_0001")
                    .header(http::header::CONTENT_LENGTH, body.len())
                    .body(body.clone())
                    .expect("a valid response")
            })
            .collect()
    }

    /// Builds the request of `operation` and decodes `answer` as `worker`; returns the request
    /// (none for [`Worker::AnswersOnly`]) and the endpoint id decoded, which the caller checks.
    pub async fn once(
        &self,
        worker: Worker,
        operation: Operation,
        answer: http::Response<Bytes>,
    ) -> Result<(Option<reqwest::Request>, String), String> {
        let failed = |error: &dyn std::fmt::Display| error.to_string();
        match (worker, operation) {
            (Worker::Generated, Operation::RotateSecret) => {
                // As expanded for `rotate_webhook_secret(&self, endpoint_id: &str,
                // #[idempotency_key] key: Option<IdempotencyKey>)`.
                let endpoint_id = ENDPOINT_ID;
                let key: Option<IdempotencyKey> = None;
                let mut request = RequestBuilder::new(self.rotate_info);
                request.path_param("endpoint_id", &endpoint_id);
                request.idempotency_key(key);
                let (built, rotated): (_, RotateSecretResponseData) =
                    send_without_io(&self.generated, request, answer)
                        .await
                        .map_err(|e| failed(&e))?;
                Ok((Some(built), rotated.endpoint_id))
            }
            (Worker::Generated, Operation::CreateEndpoint) => {
                // As expanded for `create_webhook_endpoint(&self, #[body] body: &..,
                // #[idempotency_key] key: Option<IdempotencyKey>)`.
                let body = &self.create_body;
                let key: Option<IdempotencyKey> = None;
                let mut request = RequestBuilder::new(self.create_info);
                request.json(&body);
                request.idempotency_key(key);
                let (built, created): (_, WebhookEndpoint) =
                    send_without_io(&self.generated, request, answer)
                        .await
                        .map_err(|e| failed(&e))?;
                Ok((Some(built), created.endpoint_id))
            }
            (Worker::HandWritten, Operation::RotateSecret) => {
                let built = self
                    .hand_written
                    .rotate_webhook_secret_request(ENDPOINT_ID, None)
                    .map_err(|e| failed(&e))?;
                let rotated: RotateSecretResponseData = HandWrittenClient::read(answer.into())
                    .await
                    .map_err(|e| failed(&e))?;
                Ok((Some(built), rotated.endpoint_id))
            }
            (Worker::HandWritten, Operation::CreateEndpoint) => {
                let built = self
                    .hand_written
                    .create_webhook_endpoint_request(&self.create_body, None)
                    .map_err(|e| failed(&e))?;
                let created: WebhookEndpoint = HandWrittenClient::read(answer.into())
                    .await
                    .map_err(|e| failed(&e))?;
                Ok((Some(built), created.endpoint_id))
            }
            (Worker::AnswersOnly, _) => {
                drop(answer);
                Ok((None, ENDPOINT_ID.to_owned()))
            }
        }
    }

    /// Does `operation` `count` times as `worker` on prepared answers; returns nanoseconds per
    /// iteration, answers' preparation left out.
    pub async fn repeat(
        &self,
        worker: Worker,
        operation: Operation,
        count: usize,
    ) -> Result<f64, String> {
        let answers = self.answers(operation, count);
        let start = Instant::now();
        for answer in answers {
            let (built, endpoint_id) = self.once(worker, operation, answer).await?;
            if endpoint_id != ENDPOINT_ID || built.is_none() != (worker == Worker::AnswersOnly) {
                return Err(format!("{} decoded `{endpoint_id}`", worker.name()));
            }
        }
        Ok(start.elapsed().as_nanos() as f64 / count as f64)
    }
}

/// Nanoseconds per iteration (both operations, alternating), by worker in
/// [`Worker::COMPARED`] order, then by round.
pub fn measure(rounds: usize, iterations: usize) -> Result<Vec<Vec<f64>>, String> {
    let runtime = crate::runtime::client_runtime();
    let bench = Workbench::default();
    let mut failure = None;
    let mut run = |worker| {
        let mut nanos = 0.0;
        for operation in Operation::ALL {
            match runtime.block_on(bench.repeat(worker, operation, iterations)) {
                Ok(per_iteration) => nanos += per_iteration,
                Err(error) => {
                    failure.get_or_insert(error);
                }
            }
        }
        nanos / Operation::ALL.len() as f64
    };
    for worker in Worker::COMPARED {
        run(worker);
    }
    let samples = stats::interleave(rounds, &Worker::COMPARED, run);
    match failure {
        Some(error) => Err(error),
        None => Ok(samples),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Method, URL, headers (the random key replaced by its length) and body of `request`.
    fn shown(request: &reqwest::Request) -> (String, String, Vec<(String, String)>, Vec<u8>) {
        let mut headers: Vec<(String, String)> = request
            .headers()
            .iter()
            .map(|(name, value)| {
                let value = value.to_str().unwrap();
                let value = match name.as_str() {
                    "idempotency-key" => format!("<{} characters>", value.len()),
                    _ => value.to_owned(),
                };
                (name.to_string(), value)
            })
            .collect();
        headers.sort();
        let body = request
            .body()
            .and_then(|body| body.as_bytes())
            .unwrap_or_default()
            .to_vec();
        (
            request.method().to_string(),
            request.url().to_string(),
            headers,
            body,
        )
    }

    #[test]
    fn both_workers_build_the_same_request_and_decode_the_same_value() {
        let bench = Workbench::default();
        let runtime = crate::runtime::client_runtime();
        for operation in Operation::ALL {
            let mut requests = Vec::new();
            for worker in Worker::COMPARED {
                let answer = bench.answers(operation, 1).remove(0);
                let (built, endpoint_id) = runtime
                    .block_on(bench.once(worker, operation, answer))
                    .unwrap();
                assert_eq!(endpoint_id, ENDPOINT_ID);
                let built = built.unwrap();
                assert_eq!(built.timeout(), Some(&fixtures::WRITE_TIMEOUT));
                requests.push(shown(&built));
            }
            assert_eq!(requests[0], requests[1], "{operation:?}");
            let (method, url, headers, body) = &requests[0];
            assert_eq!(method, "POST");
            assert!(
                url.starts_with("http://127.0.0.1:9/v3/webhooks/endpoints"),
                "{url}"
            );
            assert!(headers.contains(&("idempotency-key".into(), "<36 characters>".into())));
            assert_eq!(body.is_empty(), operation == Operation::RotateSecret);
        }
    }
}
