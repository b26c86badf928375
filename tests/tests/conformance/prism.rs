//! Stoplight Prism serving `spec/openapi.json` with the extra operations assembled into it
//! ([`crate::document`]), and a recording proxy in front of it.
//!
//! Prism answers a request that breaks the spec with an error status and an `sl-violations`
//! header. The client does not expose response headers, so the calls go through [`Recorder`], a
//! proxy on loopback that keeps every exchange (including that header and the full bodies) for the
//! failure messages.

use std::collections::HashMap;
use std::convert::Infallible;
use std::fs::File;
use std::net::{SocketAddr, TcpListener as StdTcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::client::legacy::Client as HttpClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioIo};

/// How long Prism may take to start listening (it parses the document first).
const STARTUP_DEADLINE: Duration = Duration::from_secs(120);

/// How many ports are tried before giving up on starting Prism.
const START_ATTEMPTS: usize = 3;

/// The prefix of the `User-Agent` of conformance calls; the operation's name follows it, so that
/// the proxy can tell which call an exchange belongs to.
pub const USER_AGENT_PREFIX: &str = "heygen-conformance/";

fn workspace_root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// A Prism mock server, killed when dropped.
pub struct Prism {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Prism {
    /// Starts `prism mock --errors` from `spec/prism` on a free loopback port with `extra`
    /// arguments, and waits until it accepts connections.
    ///
    /// Panics when Prism is not installed (with the command that installs it), when it cannot
    /// start, or when it is not listening by the deadline (with the end of its log).
    pub async fn start(label: &str, extra: &[&str]) -> Prism {
        let binary = workspace_root().join("spec/prism/node_modules/.bin/prism");
        Prism::start_binary(&binary, label, extra).await
    }

    async fn start_binary(binary: &Path, label: &str, extra: &[&str]) -> Prism {
        assert!(
            binary.exists(),
            "Stoplight Prism is not installed at {}; run: npm ci --prefix spec/prism",
            binary.display()
        );
        // The free port can be taken by another process before Prism binds it; Prism then
        // exits, and a new port is tried.
        let mut last_exit = String::new();
        for _ in 0..START_ATTEMPTS {
            let mut prism = Prism::spawn(binary, label, extra);
            match prism.wait_until_listening().await {
                Ok(()) => return prism,
                Err(exit) => last_exit = exit,
            }
        }
        panic!("Prism did not start in {START_ATTEMPTS} attempts; the last one: {last_exit}");
    }

    fn spawn(binary: &Path, label: &str, extra: &[&str]) -> Prism {
        let port = free_port();
        let log = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("prism-{label}.log"));
        let log_file =
            File::create(&log).unwrap_or_else(|e| panic!("creating {}: {e}", log.display()));
        let stderr = log_file
            .try_clone()
            .expect("a second handle on the log file");
        let child = Command::new(binary)
            .current_dir(workspace_root())
            .args([
                "mock",
                "--errors",
                "-h",
                "127.0.0.1",
                "-p",
                &port.to_string(),
            ])
            .args(extra)
            .arg(crate::document::path())
            .stdin(Stdio::null())
            .stdout(log_file)
            .stderr(stderr)
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start {} (is Node.js installed?): {e}; run: npm ci --prefix spec/prism",
                    binary.display()
                )
            });
        Prism { child, port, log }
    }

    /// The address Prism listens on.
    pub fn addr(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.port))
    }

    /// `Err` with the log when Prism exits before listening; panics at the deadline.
    async fn wait_until_listening(&mut self) -> Result<(), String> {
        let started = Instant::now();
        loop {
            if tokio::net::TcpStream::connect(self.addr()).await.is_ok() {
                return Ok(());
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!(
                    "Prism exited ({status}) before listening:\n{}",
                    self.log_tail()
                ));
            }
            assert!(
                started.elapsed() < STARTUP_DEADLINE,
                "Prism is not listening on {} after {STARTUP_DEADLINE:?}:\n{}",
                self.addr(),
                self.log_tail()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        // Already exited is fine; anything else would leave a server running after the test.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nobody listens on now. Another process could take it before Prism does; Prism would
/// then fail to start and the test says so.
fn free_port() -> u16 {
    let listener = StdTcpListener::bind("127.0.0.1:0").expect("binding a loopback port");
    listener.local_addr().expect("its address").port()
}

/// One request through the proxy and Prism's answer.
#[derive(Debug, Clone)]
pub struct Exchange {
    /// `METHOD /path?query` as sent.
    pub request_line: String,
    /// The `Idempotency-Key` header sent, if any.
    pub idempotency_key: Option<String>,
    /// The request body.
    pub request_body: Bytes,
    /// Prism's status.
    pub status: StatusCode,
    /// Prism's `sl-violations` header: what in the exchange breaks the spec.
    pub violations: Option<String>,
    /// Prism's response body.
    pub response_body: Bytes,
}

/// The recording proxy: forwards to Prism and keeps every exchange, by operation name.
pub struct Recorder {
    exchanges: Mutex<HashMap<String, Vec<Exchange>>>,
    addr: SocketAddr,
}

impl Recorder {
    /// Starts a proxy to `prism` on a free loopback port. It serves until the runtime stops.
    pub async fn start(prism: SocketAddr) -> Arc<Recorder> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binding the proxy");
        let recorder = Arc::new(Recorder {
            exchanges: Mutex::default(),
            addr: listener.local_addr().expect("the proxy's address"),
        });
        // No pooled connections: Prism (Node.js) closes idle ones after 5 s, and a request sent
        // on a connection it is closing fails without reaching it.
        let upstream: HttpClient<HttpConnector, Full<Bytes>> =
            HttpClient::builder(TokioExecutor::new())
                .pool_max_idle_per_host(0)
                .build_http();
        let serving = recorder.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let recorder = serving.clone();
                let upstream = upstream.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |request| {
                        let recorder = recorder.clone();
                        let upstream = upstream.clone();
                        async move {
                            Ok::<_, Infallible>(recorder.forward(&upstream, prism, request).await)
                        }
                    });
                    // A connection the client drops midway only ends that connection.
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        recorder
    }

    /// The base URL that reaches Prism through the proxy.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The exchanges of the operation named `name`.
    pub fn exchanges(&self, name: &str) -> Vec<Exchange> {
        let exchanges = self.exchanges.lock().unwrap();
        exchanges.get(name).cloned().unwrap_or_default()
    }

    /// Every operation name seen, with its number of exchanges.
    pub fn counts(&self) -> HashMap<String, usize> {
        let exchanges = self.exchanges.lock().unwrap();
        exchanges
            .iter()
            .map(|(name, list)| (name.clone(), list.len()))
            .collect()
    }

    async fn forward(
        &self,
        upstream: &HttpClient<HttpConnector, Full<Bytes>>,
        prism: SocketAddr,
        request: Request<Incoming>,
    ) -> Response<Full<Bytes>> {
        match self.try_forward(upstream, prism, request).await {
            Ok(response) => response,
            Err(problem) => Response::builder()
                .status(StatusCode::BAD_GATEWAY)
                .body(Full::new(Bytes::from(format!(
                    "conformance proxy: {problem}"
                ))))
                .expect("a valid response"),
        }
    }

    async fn try_forward(
        &self,
        upstream: &HttpClient<HttpConnector, Full<Bytes>>,
        prism: SocketAddr,
        request: Request<Incoming>,
    ) -> Result<Response<Full<Bytes>>, String> {
        let (mut parts, body) = request.into_parts();
        let request_body = body
            .collect()
            .await
            .map_err(|e| format!("reading the request body: {e}"))?
            .to_bytes();
        let path_and_query = parts
            .uri
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_owned();
        let operation = header(&parts.headers, "user-agent")
            .and_then(|agent| agent.strip_prefix(USER_AGENT_PREFIX).map(str::to_owned))
            .unwrap_or_default();
        let request_line = format!("{} {path_and_query}", parts.method);
        let idempotency_key = header(&parts.headers, "idempotency-key");
        parts.uri = format!("http://{prism}{path_and_query}")
            .parse()
            .map_err(|e| format!("rewriting the URI: {e}"))?;
        let response = upstream
            .request(Request::from_parts(parts, Full::new(request_body.clone())))
            .await
            .map_err(|e| format!("forwarding {request_line} to Prism: {e}"))?;
        let (parts, body) = response.into_parts();
        let response_body = body
            .collect()
            .await
            .map_err(|e| format!("reading Prism's answer to {request_line}: {e}"))?
            .to_bytes();
        let exchange = Exchange {
            request_line,
            idempotency_key,
            request_body,
            status: parts.status,
            violations: header(&parts.headers, "sl-violations"),
            response_body: response_body.clone(),
        };
        self.exchanges
            .lock()
            .unwrap()
            .entry(operation)
            .or_default()
            .push(exchange);
        Ok(Response::from_parts(parts, Full::new(response_body)))
    }
}

fn header(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
}

#[tokio::test]
#[should_panic(expected = "run: npm ci --prefix spec/prism")]
async fn a_missing_prism_fails_with_the_command_that_installs_it() {
    let missing = workspace_root().join("spec/prism/no-such-dir/.bin/prism");
    Prism::start_binary(&missing, "missing", &[]).await;
}
