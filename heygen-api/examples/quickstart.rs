//! HeyGen's flagship flow: upload an image, make a talking video of it, wait for it, hear about
//! it by webhook, list it, clean up.
//!
//! ```text
//! cargo run -p heygen-api --example quickstart
//! ```
//!
//! Without `HEYGEN_API_KEY` it runs offline, in seconds, against the embedded simulator
//! ([`LocalServer`]): it starts a webhook receiver on loopback and registers it, uploads an image
//! asset, creates a video of it with an Idempotency-Key, follows its status, receives and
//! verifies the `avatar_video.success` delivery, lists the videos and deletes what it made.
//!
//! With `HEYGEN_API_KEY` set it reads your account (nothing is changed) unless
//! `HEYGEN_QUICKSTART_CREATE=1` is set too: then it runs the same flow against HeyGen, which
//! renders (and bills) a short video. HeyGen cannot reach a receiver on your machine, so the
//! webhook step needs a public URL forwarding to it: set `HEYGEN_WEBHOOK_URL`, or the flow waits
//! by polling alone. `cargo run -p heygen-api --example webhooks` walks through webhooks.

use std::time::Duration;

use heygen_api::IdempotencyKey;
use heygen_api::client::API_KEY_ENV;
use heygen_api::common::MediaInput;
use heygen_api::prelude::*;
use heygen_api::uploads::AssetUpload;
use heygen_api::videos::{CreateVideoFromImage, CreateVideoRequest, ListVideosQuery, VideoStatus};
use heygen_api::webhooks::{CreateWebhookEndpointRequest, WebhookEventType, WebhookVerifier};
use heygen_fake::{Clock, LocalServer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc;

#[path = "common/report.rs"]
mod report;
use report::report;

type Outcome = Result<(), Box<dyn std::error::Error>>;

/// A 1x1 PNG, the image the video animates offline.
const IMAGE: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
    0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let key_set = std::env::var(API_KEY_ENV).is_ok_and(|key| !key.trim().is_empty());
    let create = std::env::var("HEYGEN_QUICKSTART_CREATE").is_ok_and(|value| value == "1");
    let outcome = match (key_set, create) {
        (false, _) => offline().await,
        (true, true) => against_heygen().await,
        (true, false) => read_account().await,
    };
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            report(&*error);
            std::process::ExitCode::FAILURE
        }
    }
}

/// The flow against the simulator, whose clock runs 20 s per tenth of a second.
async fn offline() -> Outcome {
    println!("{API_KEY_ENV} is not set: running against the embedded simulator.");
    let server = std::sync::Arc::new(LocalServer::builder().clock(Clock::Stepped).start().await?);
    let ticking = std::sync::Arc::clone(&server);
    let ticker = tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_millis(100)).await;
            ticking.advance(Duration::from_secs(20));
        }
    });
    let client = Client::builder()
        .api_key(server.api_key())
        .base_url(server.base_url())
        .build()?;
    let (receiver_url, deliveries) = start_receiver().await?;
    let flow = Flow {
        client,
        image: AssetUpload::bytes(IMAGE, "portrait.png", "image/png"),
        webhook_url: Some(receiver_url),
        deliveries: Some(deliveries),
        poll: Duration::from_millis(100),
    };
    let result = flow.run().await;
    ticker.abort();
    result
}

/// The flow against HeyGen (billable), with an image of yours if `HEYGEN_QUICKSTART_IMAGE` names
/// one.
async fn against_heygen() -> Outcome {
    println!(
        "{API_KEY_ENV} and HEYGEN_QUICKSTART_CREATE=1 are set: making a short video on HeyGen."
    );
    let image = match std::env::var("HEYGEN_QUICKSTART_IMAGE") {
        Ok(path) => AssetUpload::path(path),
        Err(_) => AssetUpload::bytes(IMAGE, "portrait.png", "image/png"),
    };
    let flow = Flow {
        client: Client::from_env()?,
        image,
        webhook_url: std::env::var("HEYGEN_WEBHOOK_URL").ok(),
        deliveries: None,
        poll: Duration::from_secs(10),
    };
    flow.run().await
}

/// Reads the account, changing nothing.
async fn read_account() -> Outcome {
    println!(
        "{API_KEY_ENV} is set: reading your HeyGen account (nothing is changed; set \
         HEYGEN_QUICKSTART_CREATE=1 to make a video)."
    );
    let client = Client::from_env()?;
    let me = client.get_current_user().await?;
    println!("Signed in as {}", me.username);
    let videos = client.list_videos(&ListVideosQuery::new().limit(5)).await?;
    println!("Your latest videos:");
    for video in &videos.data {
        println!("  {} {}", video.id, video.status);
    }
    Ok(())
}

struct Flow {
    client: Client,
    image: AssetUpload,
    /// Where HeyGen delivers the video's events, when it can reach one.
    webhook_url: Option<String>,
    /// The deliveries the local receiver got (offline).
    deliveries: Option<mpsc::Receiver<(Vec<u8>, http::HeaderMap)>>,
    poll: Duration,
}

impl Flow {
    async fn run(mut self) -> Outcome {
        let client = &self.client;
        let mut verifier = None;
        let mut endpoint_id = None;
        if let Some(url) = &self.webhook_url {
            let endpoint = client
                .create_webhook_endpoint(
                    &CreateWebhookEndpointRequest::new(url.clone()).events([
                        WebhookEventType::AvatarVideoSuccess,
                        WebhookEventType::AvatarVideoFail,
                    ]),
                    None,
                )
                .await?;
            println!(
                "1. Registered webhook endpoint {} for {url}",
                endpoint.endpoint_id
            );
            verifier = endpoint.secret.map(WebhookVerifier::new);
            endpoint_id = Some(endpoint.endpoint_id);
        } else {
            println!("1. No webhook URL HeyGen can reach: the video is followed by polling only.");
        }

        let image = std::mem::replace(&mut self.image, AssetUpload::bytes(&[][..], "", ""));
        let asset = client.upload(image).await?;
        println!(
            "2. Uploaded the image as asset {} ({} bytes)",
            asset.asset_id, asset.size_bytes
        );

        // One key for the create: if its answer is lost, running the same call again returns
        // the same video instead of rendering (and billing) a second one.
        let key = IdempotencyKey::new(format!("quickstart-{}", asset.asset_id))?;
        let request: CreateVideoRequest =
            CreateVideoFromImage::new(MediaInput::asset_id(&asset.asset_id))
                .script("Hello from the heygen crate.")
                .title("heygen quickstart")
                .into();
        let created = client.create_video(&request, Some(key.clone())).await?;
        println!(
            "3. Created video {} (Idempotency-Key {key})",
            created.video_id
        );

        let video = self.follow(&created.video_id).await?;
        println!(
            "   ready: {}",
            video.video_url.as_deref().unwrap_or("(no URL)")
        );

        if let (Some(deliveries), Some(verifier)) = (&mut self.deliveries, &verifier) {
            let (body, headers) = tokio::time::timeout(Duration::from_secs(10), deliveries.recv())
                .await
                .map_err(|_| "no webhook delivery arrived within 10 s")?
                .ok_or("the webhook receiver stopped")?;
            let verified =
                verifier.verify(&body, heygen_api::webhooks::header_map_lookup(&headers))?;
            println!(
                "5. Received and verified {} for video {}",
                verified.event.event_type, verified.event.event_data["video_id"]
            );
        }

        let listed = client
            .list_videos(&ListVideosQuery::new().limit(10))
            .await?;
        println!(
            "6. Videos on the account: {} on the first page",
            listed.data.len()
        );

        client.delete_video(&created.video_id).await?;
        client.delete_asset(&asset.asset_id).await?;
        if let Some(endpoint_id) = endpoint_id {
            client.delete_webhook_endpoint(&endpoint_id).await?;
        }
        println!("7. Cleaned up the video, the asset and the webhook endpoint. Done.");
        Ok(())
    }

    /// Polls the video until it ends, printing each status it passes through.
    async fn follow(
        &self,
        video_id: &str,
    ) -> Result<heygen_api::videos::Video, Box<dyn std::error::Error>> {
        let mut last = None;
        for _ in 0..(30 * 60 * 1000 / self.poll.as_millis().max(1) as u64) {
            let video = self.client.get_video(video_id).await?;
            if last.as_ref() != Some(&video.status) {
                println!("4. Video status: {}", video.status);
                last = Some(video.status.clone());
            }
            match video.status {
                VideoStatus::Completed => return Ok(video),
                VideoStatus::Failed => {
                    return Err(format!(
                        "the video failed: {}",
                        video
                            .failure_message
                            .as_deref()
                            .unwrap_or("no reason given")
                    )
                    .into());
                }
                _ => tokio::time::sleep(self.poll).await,
            }
        }
        Err("the video did not finish within 30 minutes".into())
    }
}

/// A webhook receiver on loopback: answers every POST `200` and hands over its body and headers.
async fn start_receiver() -> std::io::Result<(String, mpsc::Receiver<(Vec<u8>, http::HeaderMap)>)> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/heygen-webhooks", listener.local_addr()?);
    let (sender, receiver) = mpsc::channel(16);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let sender = sender.clone();
            tokio::spawn(async move {
                if let Some(delivery) = read_request(&mut socket).await {
                    let _ = socket
                        .write_all(
                            b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                        )
                        .await;
                    let _ = sender.send(delivery).await;
                }
            });
        }
    });
    Ok((url, receiver))
}

/// Reads one HTTP/1.1 request: its headers and a body of `content-length` bytes.
async fn read_request(socket: &mut tokio::net::TcpStream) -> Option<(Vec<u8>, http::HeaderMap)> {
    let mut seen = Vec::new();
    let mut buffer = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = seen.windows(4).position(|window| window == b"\r\n\r\n") {
            break at + 4;
        }
        let read = socket
            .read(&mut buffer)
            .await
            .ok()
            .filter(|read| *read > 0)?;
        seen.extend_from_slice(&buffer[..read]);
    };
    let head = String::from_utf8_lossy(&seen[..head_end]).into_owned();
    let mut headers = http::HeaderMap::new();
    for line in head.lines().skip(1) {
        if let Some((name, value)) = line.split_once(':') {
            let name = http::HeaderName::from_bytes(name.trim().as_bytes()).ok()?;
            let value = http::HeaderValue::from_str(value.trim()).ok()?;
            headers.insert(name, value);
        }
    }
    let length: usize = headers
        .get("content-length")
        .and_then(|value| value.to_str().ok()?.parse().ok())
        .unwrap_or(0);
    let mut body = seen[head_end..].to_vec();
    while body.len() < length {
        let read = socket
            .read(&mut buffer)
            .await
            .ok()
            .filter(|read| *read > 0)?;
        body.extend_from_slice(&buffer[..read]);
    }
    body.truncate(length);
    Some((body, headers))
}
