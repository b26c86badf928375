//! Clients for the tests, and a retry policy that records its delays instead of sleeping.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use heygen_api::{Client, ClientBuilder, RetryPolicy};
use tokio::net::TcpListener;

/// The API key every test client sends; it must never show anywhere.
pub const API_KEY: &str = "hg-reliability-key-7d41c09e";

/// A builder with the test key, aimed at `base_url`, that retries without waiting.
pub fn builder(base_url: &str) -> ClientBuilder {
    Client::builder()
        .api_key(API_KEY)
        .base_url(base_url)
        .retry_policy(RetryPolicy::instant())
}

/// The delays a client's retry policy was asked to wait, in order.
#[derive(Clone, Default)]
pub struct Delays(Arc<Mutex<Vec<Duration>>>);

impl Delays {
    /// A policy without jitter that records its delays here instead of sleeping.
    pub fn policy(&self) -> RetryPolicy {
        let delays = self.0.clone();
        RetryPolicy::default().jitter(0.0).sleeper(move |delay| {
            delays.lock().unwrap().push(delay);
            Box::pin(async {})
        })
    }

    /// The recorded delays.
    pub fn recorded(&self) -> Vec<Duration> {
        self.0.lock().unwrap().clone()
    }
}

/// A loopback URL on which nothing listens.
pub async fn closed_port_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    url
}
