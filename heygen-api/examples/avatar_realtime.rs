//! The Avatar Realtime flow: start a `text_stream` session, wait until it streams, push text as it
//! is written (as an LLM would), follow the words as the avatar speaks them, and cancel the
//! session if it outlives the example.
//!
//! Without `HEYGEN_API_KEY` it runs offline against the embedded simulator (whose clock runs ten
//! times as fast as the wall clock; it replays a session's words as they stand when the stream is
//! opened); with it, against HeyGen:
//!
//! ```text
//! cargo run -p heygen-api --example avatar_realtime
//! HEYGEN_API_KEY=... HEYGEN_AVATAR_ID=<look id> HEYGEN_VOICE_ID=<voice id> \
//!     cargo run -p heygen-api --example avatar_realtime
//! ```
//!
//! Avatar Realtime is a preview that HeyGen enables per account, billed per second of session;
//! a space runs at most 3 sessions at once, and a `text_stream` session closes by itself after
//! 30 s without new text.

use std::time::Duration;

use std::sync::Arc;

use futures_util::StreamExt;
use heygen_api::Client;
use heygen_api::avatar_realtime::{
    AppendAvatarRealtimeTextRequest, AvatarRealtimeApi, AvatarRealtimeSessionStatus,
    AvatarRealtimeTextStream,
};
use heygen_fake::{Clock, LocalServer};

/// How often, and how many times, the session is read while it starts.
const POLL_EVERY: Duration = Duration::from_secs(1);
const POLLS: u32 = 60;

/// The text pushed after the seed, one delta at a time.
const DELTAS: [&str; 3] = [
    " Today we render HTML into video.",
    " Every word you hear is timed,",
    " and this example prints each one.",
];

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key_set = std::env::var("HEYGEN_API_KEY").is_ok_and(|key| !key.trim().is_empty());
    if key_set {
        let client = Client::from_env()?;
        let avatar_id = std::env::var("HEYGEN_AVATAR_ID").map_err(|_| "set HEYGEN_AVATAR_ID")?;
        let voice_id = std::env::var("HEYGEN_VOICE_ID").map_err(|_| "set HEYGEN_VOICE_ID")?;
        return run(&client, avatar_id, voice_id).await;
    }
    println!("HEYGEN_API_KEY is not set: running against the embedded simulator.");
    let server = Arc::new(LocalServer::builder().clock(Clock::Stepped).start().await?);
    let ticking = Arc::clone(&server);
    let ticker = tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_millis(100)).await;
            ticking.advance(Duration::from_secs(1));
        }
    });
    let client = Client::builder()
        .api_key(server.api_key())
        .base_url(server.base_url())
        .build()?;
    let ran = run(&client, "look_1".to_owned(), "voice_1".to_owned()).await;
    ticker.abort();
    ran
}

/// The flow, with the avatar look and voice to use.
async fn run(
    client: &Client,
    avatar_id: String,
    voice_id: String,
) -> Result<(), Box<dyn std::error::Error>> {
    // The seed is required: without text the session would idle out before speaking.
    let request = AvatarRealtimeTextStream::new(avatar_id, voice_id, "Hello!").into();
    let stream_id = client
        .create_avatar_realtime_session(&request)
        .await?
        .stream_id;
    println!("session {stream_id}");

    // Ready means `streaming` with an HLS URL: the reference says to poll until `hls_url` is
    // present (which status counts as ready is inferred; the guide's `ready` is not a status).
    let mut polls = 0;
    let hls_url = loop {
        let session = client.get_avatar_realtime_session(&stream_id).await?;
        match (&session.status, session.hls_url) {
            (AvatarRealtimeSessionStatus::Streaming, Some(url)) => break url,
            (AvatarRealtimeSessionStatus::Error, _) => {
                return Err(format!("session failed: {:?}", session.error_message).into());
            }
            (AvatarRealtimeSessionStatus::Completed, _) => {
                return Err("the session completed before it streamed".into());
            }
            _ if polls == POLLS => return Err("the session did not start in time".into()),
            _ => {
                polls += 1;
                tokio::time::sleep(POLL_EVERY).await;
            }
        }
    };
    println!("watch: {hls_url}");

    // The word stream replays the session from its start, then follows it until `end`.
    let mut words = client.stream_avatar_realtime_words(&stream_id).await?;
    let follow = tokio::spawn(async move {
        while let Some(event) = words.next().await {
            for word in event?.into_data().words {
                println!("{:>7.2}s  {}", word.start, word.word);
            }
        }
        Ok::<_, heygen_api::Error>(())
    });

    for delta in DELTAS {
        let appended = client
            .append_avatar_realtime_text(&stream_id, &AppendAvatarRealtimeTextRequest::new(delta))
            .await?;
        println!("buffered {} bytes", appended.buffered_bytes);
    }
    // An empty delta marked final closes the input; the avatar finishes what it has.
    client
        .append_avatar_realtime_text(
            &stream_id,
            &AppendAvatarRealtimeTextRequest::new("").r#final(true),
        )
        .await?;

    match tokio::time::timeout(Duration::from_secs(120), follow).await {
        Ok(joined) => joined??,
        Err(_) => {
            // Cancelling is safe to repeat: `cancelled` is false when the session had ended.
            let cancelled = client.cancel_avatar_realtime_session(&stream_id).await?;
            println!("cancelled: {}", cancelled.cancelled);
        }
    }
    let session = client.get_avatar_realtime_session(&stream_id).await?;
    println!("ended: {} ({:?})", session.status, session.end_reason);
    Ok(())
}
