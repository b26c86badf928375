//! A minimal HTTP/1.1 server on loopback that answers the benchmarked operations at once.
//!
//! It does the same small amount of work for every request (read the whole body, match the route,
//! answer a prepared body), so that client-side differences are what the benchmarks see. It runs
//! either on a thread of the benchmarking process ([`BenchServer::start`]) or as a child process
//! ([`serve_child`]), so that allocation counts and instruction counts of the client leave the
//! server out.

use std::io::{BufRead, Write};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use std::convert::Infallible;

use bytes::Bytes;
use http::{Method, Request, Response, StatusCode};
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

use crate::fixtures::{self, PAGE_COUNT, PAGE_SIZE};

/// A request as the server received it, for checking that the compared clients send the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapturedRequest {
    /// `POST`, `GET`, ...
    pub method: String,
    /// The request target: path and query.
    pub target: String,
    /// Header names (lowercase) and values, sorted.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Bytes,
}

/// The prepared answers, shared by every connection.
struct Answers {
    rotate: Bytes,
    create: Bytes,
    /// The server-sent-events benchmark's stream.
    events: Bytes,
    /// Requests are recorded here when capturing.
    captured: Option<Arc<Mutex<Vec<CapturedRequest>>>>,
}

/// A server running on its own thread with its own single-threaded runtime.
pub struct BenchServer {
    addr: SocketAddr,
    captured: Option<Arc<Mutex<Vec<CapturedRequest>>>>,
}

impl BenchServer {
    /// Starts a server on `127.0.0.1`; with `capture`, it records every request it receives.
    pub fn start(capture: bool) -> std::io::Result<BenchServer> {
        let captured = capture.then(Arc::default);
        let answers = Arc::new(Answers {
            rotate: fixtures::rotate_answer(),
            create: fixtures::create_answer(),
            events: fixtures::event_stream(fixtures::EVENT_COUNT),
            captured: captured.clone(),
        });
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        std::thread::Builder::new()
            .name("bench-server".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("a runtime for the bench server");
                runtime.block_on(async move {
                    let listener =
                        TcpListener::from_std(listener).expect("a tokio listener on loopback");
                    accept_loop(listener, answers).await;
                });
            })?;
        Ok(BenchServer { addr, captured })
    }

    /// The base URL clients use: `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Takes the requests recorded so far (empty unless started with `capture`).
    pub fn take_captured(&self) -> Vec<CapturedRequest> {
        match &self.captured {
            Some(captured) => std::mem::take(&mut *captured.lock().expect("capture lock")),
            None => Vec::new(),
        }
    }
}

/// Runs the server as a child process: prints `listening <base url>` on stdout, then serves until
/// its standard input closes (the parent exited or dropped the pipe).
pub fn serve_child() -> std::io::Result<()> {
    let server = BenchServer::start(false)?;
    let mut stdout = std::io::stdout();
    writeln!(stdout, "listening {}", server.base_url())?;
    stdout.flush()?;
    // Blocks until EOF: the parent holds the other end of the pipe for as long as it needs us.
    for line in std::io::stdin().lock().lines() {
        line?;
    }
    Ok(())
}

/// A server started with [`serve_child`] in a child process; killed when dropped.
pub struct ChildServer {
    child: std::process::Child,
    base_url: String,
}

impl ChildServer {
    /// Starts `program serve` and waits for it to report its address.
    pub fn spawn(program: &std::path::Path) -> std::io::Result<ChildServer> {
        let mut child = std::process::Command::new(program)
            .arg("serve")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()?;
        let stdout = child.stdout.take().expect("a piped stdout");
        let mut line = String::new();
        std::io::BufReader::new(stdout).read_line(&mut line)?;
        let Some(base_url) = line.trim().strip_prefix("listening ") else {
            let _ = child.kill();
            return Err(std::io::Error::other(format!(
                "the bench server did not start: {line:?}"
            )));
        };
        Ok(ChildServer {
            base_url: base_url.to_owned(),
            child,
        })
    }

    /// The base URL clients use.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }
}

impl Drop for ChildServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn accept_loop(listener: TcpListener, answers: Arc<Answers>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        let answers = answers.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let answers = answers.clone();
                async move { Ok::<_, hyper::Error>(answer(&answers, request).await) }
            });
            // A client closing its pooled connection at the end of a run is not an error here.
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// An answer's body: prepared bytes, or a stream made as it is sent.
type AnswerBody = BoxBody<Bytes, Infallible>;

async fn answer(answers: &Answers, request: Request<Incoming>) -> Response<AnswerBody> {
    let (parts, body) = request.into_parts();
    let body = match body.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return respond(StatusCode::BAD_REQUEST, Bytes::new()),
    };
    if let Some(captured) = &answers.captured {
        let mut headers: Vec<(String, String)> = parts
            .headers
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect();
        headers.sort();
        captured
            .lock()
            .expect("capture lock")
            .push(CapturedRequest {
                method: parts.method.to_string(),
                target: parts
                    .uri
                    .path_and_query()
                    .map_or_else(String::new, |target| target.to_string()),
                headers,
                body,
            });
    }
    let path = parts.uri.path();
    let endpoints = "/v3/webhooks/endpoints";
    match (&parts.method, path) {
        (&Method::POST, path) if path == endpoints => {
            respond(StatusCode::OK, answers.create.clone())
        }
        (&Method::POST, path)
            if path.starts_with(endpoints) && path.ends_with("/rotate-secret") =>
        {
            respond(StatusCode::OK, answers.rotate.clone())
        }
        (&Method::GET, "/bench/events") => {
            let mut response = respond(StatusCode::OK, answers.events.clone());
            response.headers_mut().insert(
                http::header::CONTENT_TYPE,
                http::HeaderValue::from_static("text/event-stream"),
            );
            response
        }
        (&Method::GET, "/bench/download") => download(fixtures::DOWNLOAD_BYTES),
        (&Method::GET, path) if path == endpoints => {
            let (index, size) = page_request(parts.uri.query().unwrap_or(""));
            respond(
                StatusCode::OK,
                fixtures::endpoints_page(index, size, PAGE_COUNT),
            )
        }
        _ => respond(
            StatusCode::NOT_FOUND,
            Bytes::from_static(br#"{"error":{"code":"not_found","message":"no such route"}}"#),
        ),
    }
}

/// The page index (`token=p<n>`, first page without a token) and size (`limit`) asked for.
fn page_request(query: &str) -> (usize, usize) {
    let mut index = 0;
    let mut size = PAGE_SIZE;
    for pair in query.split('&') {
        match pair.split_once('=') {
            Some(("token", token)) => {
                index = token
                    .strip_prefix('p')
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
            }
            Some(("limit", limit)) => size = limit.parse().unwrap_or(PAGE_SIZE),
            _ => {}
        }
    }
    (index, size)
}

/// `len` bytes made chunk by chunk as they are sent, so the server holds one chunk at a time.
fn download(len: u64) -> Response<AnswerBody> {
    const CHUNK: usize = 64 * 1024;
    let chunk = Bytes::from(vec![0x5a; CHUNK]);
    let chunks = futures_util::stream::unfold(len, move |left| {
        let chunk = chunk.clone();
        async move {
            if left == 0 {
                return None;
            }
            let size = left.min(CHUNK as u64);
            let piece = chunk.slice(..size as usize);
            Some((Ok::<_, Infallible>(Frame::data(piece)), left - size))
        }
    });
    let mut response = Response::new(BodyExt::boxed(StreamBody::new(chunks)));
    let headers = response.headers_mut();
    headers.insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("video/mp4"),
    );
    headers.insert(http::header::CONTENT_LENGTH, http::HeaderValue::from(len));
    response
}

fn respond(status: StatusCode, body: Bytes) -> Response<AnswerBody> {
    let mut response = Response::new(BodyExt::boxed(Full::new(body)));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    headers.insert(
        "x-request-id",
        http::HeaderValue::from_static("req_bench_0001"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::page_request;

    #[test]
    fn page_requests_read_the_cursor_and_size() {
        assert_eq!(page_request(""), (0, 100));
        assert_eq!(page_request("limit=7"), (0, 7));
        assert_eq!(page_request("limit=50&token=p12"), (12, 50));
    }
}
