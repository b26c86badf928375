//! Clients pointed at local servers, and servers that misbehave on purpose.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use heygen_api::{Client, ClientBuilder, RetryPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::MockServer;

/// The API key every test client sends.
pub const API_KEY: &str = "test-key-5f1e7c";

/// A builder with the test key, aimed at `base_url`, that retries without waiting.
pub fn builder(base_url: &str) -> ClientBuilder {
    Client::builder()
        .api_key(API_KEY)
        .base_url(base_url)
        .retry_policy(RetryPolicy::instant())
}

/// A client with the test key, aimed at `server`, that retries without waiting.
pub fn client(server: &MockServer) -> Client {
    builder(&server.uri()).build().unwrap()
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

/// A raw HTTP server that answers every connection with `answer` (bytes written as they are,
/// then the connection is closed) and counts the connections.
pub struct RawServer {
    pub url: String,
    connections: Arc<Mutex<u32>>,
}

impl RawServer {
    pub async fn start(answer: &'static [u8]) -> RawServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let connections = Arc::new(Mutex::new(0));
        let counter = connections.clone();
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                *counter.lock().unwrap() += 1;
                tokio::spawn(async move {
                    read_request_head(&mut socket).await;
                    let _ = socket.write_all(answer).await;
                    let _ = socket.shutdown().await;
                });
            }
        });
        RawServer { url, connections }
    }

    /// How many connections were accepted (one per attempt: each one is closed after answering).
    pub fn connections(&self) -> u32 {
        *self.connections.lock().unwrap()
    }
}

/// Reads until the end of the request head (and a little body), so that the client has sent
/// its request before the answer arrives.
async fn read_request_head(socket: &mut tokio::net::TcpStream) {
    let mut seen = Vec::new();
    let mut buffer = [0u8; 4096];
    while !seen.windows(4).any(|window| window == b"\r\n\r\n") {
        match socket.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(read) => seen.extend_from_slice(&buffer[..read]),
        }
    }
}

/// A loopback URL on which nothing listens.
pub async fn closed_port_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    url
}
