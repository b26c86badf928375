//! Streamed answers: decoding server-sent events through a declared `EventStream<T>` endpoint
//! against a hand-written `reqwest` + `eventsource-stream` loop over the same bytes, and the peak
//! memory of a 1 GiB download through a declared `ByteStream` endpoint.

use std::time::Instant;

use eventsource_stream::Eventsource;
use futures_util::StreamExt;
use heygen_api::response::{ByteStream, EventStream};
use heygen_api::{Client, Result, endpoint};
use serde::Deserialize;

use crate::alloc;
use crate::fixtures::{API_KEY, DOWNLOAD_BYTES, EVENT_COUNT, USER_AGENT};
use crate::stats;

/// The `data` of one benchmarked event.
#[derive(Debug, Deserialize)]
pub struct BenchWord {
    /// The word.
    pub text: String,
    /// Its position.
    pub index: u64,
}

/// The benchmarked streams, declared as a user would.
pub trait BenchStreams {
    /// [`EVENT_COUNT`] word events, ending with `end`.
    #[endpoint(GET "/bench/events", end_event = "end")]
    async fn bench_events(&self) -> Result<EventStream<BenchWord>>;

    /// [`DOWNLOAD_BYTES`] bytes.
    #[endpoint(GET "/bench/download")]
    async fn bench_download(&self) -> Result<ByteStream>;
}

impl BenchStreams for Client {}

/// Who reads the events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// The declared endpoint.
    Declared,
    /// `reqwest` + `eventsource-stream` + `serde_json`, by hand.
    HandWritten,
}

/// Nanoseconds per event, by reader then round (rounds interleaved).
pub fn measure_events(base_url: &str, rounds: usize) -> std::result::Result<[Vec<f64>; 2], String> {
    let runtime = crate::runtime::client_runtime();
    let client = crate::sides::generated_client(base_url);
    let http = crate::sides::reqwest_client();
    let url = format!("{base_url}/bench/events");
    let mut failure = None;
    let samples = stats::interleave(rounds, &[Reader::Declared, Reader::HandWritten], |reader| {
        let run = runtime.block_on(async {
            let started = Instant::now();
            let count = match reader {
                Reader::Declared => declared_events(&client).await?,
                Reader::HandWritten => hand_written_events(&http, &url).await?,
            };
            if count != EVENT_COUNT {
                return Err(format!("{reader:?} read {count} events"));
            }
            Ok(started.elapsed().as_nanos() as f64 / EVENT_COUNT as f64)
        });
        run.unwrap_or_else(|error| {
            failure.get_or_insert(error);
            f64::NAN
        })
    });
    if let Some(error) = failure {
        return Err(error);
    }
    let mut samples = samples.into_iter();
    Ok([samples.next().unwrap(), samples.next().unwrap()])
}

async fn declared_events(client: &Client) -> std::result::Result<usize, String> {
    let mut events = client.bench_events().await.map_err(|e| e.to_string())?;
    let mut count = 0;
    while let Some(event) = events.next().await {
        let event = event.map_err(|e| e.to_string())?;
        if event.data().index != count as u64 || event.data().text.is_empty() {
            return Err(format!("event {count} is {:?}", event.data()));
        }
        count += 1;
    }
    Ok(count)
}

async fn hand_written_events(
    http: &reqwest::Client,
    url: &str,
) -> std::result::Result<usize, String> {
    let response = http
        .get(url)
        .header("x-api-key", API_KEY)
        .header("user-agent", USER_AGENT)
        .header("accept", "text/event-stream")
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.status().is_success() {
        return Err(format!("status {}", response.status()));
    }
    let mut events = response.bytes_stream().eventsource();
    let mut count = 0;
    while let Some(event) = events.next().await {
        let event = event.map_err(|e| e.to_string())?;
        if event.event == "end" {
            break;
        }
        let word: BenchWord = serde_json::from_str(&event.data).map_err(|e| e.to_string())?;
        if word.index != count as u64 || word.text.is_empty() {
            return Err(format!("event {count} is {word:?}"));
        }
        count += 1;
    }
    Ok(count)
}

/// The peak of live bytes above the start while downloading [`DOWNLOAD_BYTES`] through the
/// declared `ByteStream` endpoint; needs [`alloc::CountingAllocator`] as the global allocator.
pub fn download_peak_bytes(base_url: &str) -> std::result::Result<usize, String> {
    if !alloc::is_counting() {
        return Err("the counting allocator is not this process's global allocator".into());
    }
    let runtime = crate::runtime::client_runtime();
    let client = crate::sides::generated_client(base_url);
    runtime.block_on(async {
        alloc::reset_peak();
        let before = alloc::live_bytes();
        let mut body = client.bench_download().await.map_err(|e| e.to_string())?;
        let mut received = 0u64;
        while let Some(chunk) = body.next().await {
            received += chunk.map_err(|e| e.to_string())?.len() as u64;
        }
        let peak = alloc::peak_bytes() - before;
        if received != DOWNLOAD_BYTES {
            return Err(format!("the download delivered {received} bytes"));
        }
        Ok(peak)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::BenchServer;

    #[test]
    fn both_readers_read_every_event_the_server_sends() {
        let server = BenchServer::start(false).unwrap();
        let [declared, hand_written] = measure_events(&server.base_url(), 1).unwrap();
        assert_eq!((declared.len(), hand_written.len()), (1, 1));
        assert!(declared[0].is_finite() && hand_written[0].is_finite());
    }

    #[test]
    fn the_download_needs_the_counting_allocator() {
        let server = BenchServer::start(false).unwrap();
        let refused = download_peak_bytes(&server.base_url()).unwrap_err();
        assert!(refused.contains("counting allocator"), "{refused}");
    }
}
