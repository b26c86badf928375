//! A raw HTTP/1.1 server on loopback that answers each request as a script says, including in
//! ways no well-behaved server would: hanging up, cutting or stalling a body, never answering,
//! streaming without end. It records every request it reads.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How the server answers one request.
#[derive(Debug, Clone)]
pub enum Answer {
    /// A complete answer, then the connection is closed.
    Respond {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: Vec<u8>,
    },
    /// Closes the connection without sending a byte.
    HangUp,
    /// Announces `declared` body bytes, sends `sent`, then closes the connection.
    CutBody {
        status: u16,
        declared: usize,
        sent: Vec<u8>,
    },
    /// Announces `declared` body bytes, sends `sent`, then stays silent with the connection open.
    StallBody {
        status: u16,
        declared: usize,
        sent: Vec<u8>,
    },
    /// Never answers, keeping the connection open.
    Silent,
    /// Sends this head (status line and headers, without the blank line) and then body bytes
    /// without end, as chunks when `chunked`, until the client goes away (or 1 GiB, as a bound).
    Endless { head: String, chunked: bool },
}

impl Answer {
    /// A JSON answer.
    pub fn json(status: u16, body: serde_json::Value) -> Answer {
        Answer::Respond {
            status,
            headers: vec![("content-type", "application/json".to_owned())],
            body: body.to_string().into_bytes(),
        }
    }

    /// HeyGen's error body with `code`.
    pub fn error(status: u16, code: &str) -> Answer {
        Answer::json(
            status,
            serde_json::json!({"error": {"code": code, "message": "scripted failure"}}),
        )
    }

    /// This answer with one more header.
    pub fn with_header(mut self, name: &'static str, value: &str) -> Answer {
        if let Answer::Respond { headers, .. } = &mut self {
            headers.push((name, value.to_owned()));
        }
        self
    }
}

/// One request as the server read it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub target: String,
    /// Names in lowercase, in the order received.
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Vec<u8>,
}

impl Recorded {
    /// The values of the header `name` (lowercase).
    pub fn header(&self, name: &str) -> Vec<String> {
        self.headers
            .iter()
            .filter(|(given, _)| given == name)
            .map(|(_, value)| String::from_utf8_lossy(value).into_owned())
            .collect()
    }
}

/// A running scripted server; stops with the test's runtime.
pub struct ScriptedServer {
    pub url: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
    script: Arc<Mutex<Vec<Answer>>>,
}

impl ScriptedServer {
    /// Answers request `n` with `script[n]`, and every request past the end with its last entry.
    pub async fn start(script: Vec<Answer>) -> ScriptedServer {
        assert!(!script.is_empty(), "a script needs at least one answer");
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let recorded = requests.clone();
        let script = Arc::new(Mutex::new(script));
        let answers = script.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let recorded = recorded.clone();
                let script = answers.clone();
                tokio::spawn(async move {
                    let mut socket = socket;
                    let Some(request) = read_request(&mut socket).await else {
                        return;
                    };
                    let answer = {
                        let mut recorded = recorded.lock().unwrap();
                        recorded.push(request);
                        let script = script.lock().unwrap();
                        script[(recorded.len() - 1).min(script.len() - 1)].clone()
                    };
                    answer_with(&mut socket, answer).await;
                });
            }
        });
        ScriptedServer {
            url,
            requests,
            script,
        }
    }

    /// Answers every request from now on with `answer`.
    pub fn answer_all_with(&self, answer: Answer) {
        *self.script.lock().unwrap() = vec![answer];
    }

    /// The requests read so far, in order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    /// How many requests were read so far.
    pub fn count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }
}

/// Reads one request (head and `content-length` body); `None` if the client went away first.
pub async fn read_request(socket: &mut TcpStream) -> Option<Recorded> {
    let mut seen = Vec::new();
    let mut buffer = [0u8; 8192];
    let head_end = loop {
        if let Some(at) = seen.windows(4).position(|window| window == b"\r\n\r\n") {
            break at;
        }
        match socket.read(&mut buffer).await {
            Ok(0) | Err(_) => return None,
            Ok(read) => seen.extend_from_slice(&buffer[..read]),
        }
    };
    let head = String::from_utf8_lossy(&seen[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_owned();
    let target = request_line.next()?.to_owned();
    let headers: Vec<(String, Vec<u8>)> = seen[..head_end]
        .split(|byte| *byte == b'\n')
        .skip(1)
        .filter_map(|line| {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let colon = line.iter().position(|byte| *byte == b':')?;
            let name = String::from_utf8_lossy(&line[..colon]).to_ascii_lowercase();
            let value = line[colon + 1..].trim_ascii().to_vec();
            Some((name, value))
        })
        .collect();
    let length: usize = headers
        .iter()
        .find(|(name, _)| name == "content-length")
        .and_then(|(_, value)| std::str::from_utf8(value).ok()?.parse().ok())
        .unwrap_or(0);
    let mut body = seen[head_end + 4..].to_vec();
    while body.len() < length {
        match socket.read(&mut buffer).await {
            Ok(0) | Err(_) => return None,
            Ok(read) => body.extend_from_slice(&buffer[..read]),
        }
    }
    Some(Recorded {
        method,
        target,
        headers,
        body,
    })
}

fn head(status: u16, headers: &[(&str, String)], length: usize) -> Vec<u8> {
    let mut head = format!("HTTP/1.1 {status} Scripted\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "content-length: {length}\r\nconnection: close\r\n\r\n"
    ));
    head.into_bytes()
}

/// How long a silent or stalled answer keeps its connection open: far past any client timeout
/// of these tests, and ended anyway when the test's runtime stops.
const HOLD_OPEN: Duration = Duration::from_secs(120);

async fn answer_with(socket: &mut TcpStream, answer: Answer) {
    match answer {
        Answer::Respond {
            status,
            headers,
            body,
        } => {
            let _ = socket.write_all(&head(status, &headers, body.len())).await;
            let _ = socket.write_all(&body).await;
            let _ = socket.shutdown().await;
        }
        Answer::HangUp => {
            let _ = socket.shutdown().await;
        }
        Answer::CutBody {
            status,
            declared,
            sent,
        } => {
            let _ = socket.write_all(&head(status, &[], declared)).await;
            let _ = socket.write_all(&sent).await;
            let _ = socket.shutdown().await;
        }
        Answer::StallBody {
            status,
            declared,
            sent,
        } => {
            let _ = socket.write_all(&head(status, &[], declared)).await;
            let _ = socket.write_all(&sent).await;
            let _ = socket.flush().await;
            tokio::time::sleep(HOLD_OPEN).await;
        }
        Answer::Silent => tokio::time::sleep(HOLD_OPEN).await,
        Answer::Endless { head, chunked } => {
            let head = format!("{head}\r\nconnection: close\r\n\r\n");
            if socket.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            let chunk = vec![b'x'; 64 * 1024];
            let framed = [
                format!("{:x}\r\n", chunk.len()).into_bytes(),
                chunk.clone(),
                b"\r\n".to_vec(),
            ]
            .concat();
            let piece = if chunked { framed } else { chunk };
            for _ in 0..(1 << 30) / (64 * 1024) {
                if socket.write_all(&piece).await.is_err() {
                    return;
                }
            }
        }
    }
}
