//! The simulator (`heygen_fake::LocalServer`) under load: requests per second of a mixed
//! workload through the crate's client, and the memory its resources take.
//!
//! Client and server share one single-threaded runtime, so the figure is what one core serves,
//! with the client's own cost in it.

use std::time::Instant;

use futures_util::{StreamExt, TryStreamExt};
use heygen_api::avatar_realtime::{AvatarRealtimeApi, AvatarRealtimeTextStream};
use heygen_api::common::{MediaInput, MediaReference};
use heygen_api::hyperframes::{CreateHyperframesRenderRequest, HyperframesApi};
use heygen_api::user::UserApi;
use heygen_api::video_translations::{
    CreateVideoTranslationRequest, ListVideoTranslationsQuery, VideoTranslationsApi,
};
use heygen_api::voices::{ListVoicesQuery, VoicesApi};
use heygen_api::{Client, RetryPolicy};
use heygen_fake::LocalServer;

use crate::alloc;

/// Calls in flight at once.
const IN_FLIGHT: usize = 16;

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| error.to_string())
}

async fn start() -> Result<(LocalServer, Client), String> {
    let server = LocalServer::start().await.map_err(|e| e.to_string())?;
    let client = Client::builder()
        .api_key(server.api_key())
        .base_url(server.base_url())
        .retry_policy(RetryPolicy::none())
        .build()
        .map_err(|error| error.to_string())?;
    Ok((server, client))
}

/// One call of the mixed workload, `index` choosing which: creates (keyed and not), reads of
/// what was created, lists, and reads of HeyGen's own resources.
async fn mixed_call(client: &Client, index: usize) -> Result<(), String> {
    let failed = |error: heygen_api::Error| error.to_string();
    match index % 6 {
        0 => {
            let request = CreateVideoTranslationRequest::new(
                MediaReference::url("https://example.com/talk.mp4"),
                ["fr"],
            );
            let created = client
                .create_video_translation(&request, None)
                .await
                .map_err(failed)?;
            let id = created
                .video_translation_ids
                .first()
                .ok_or("no translation id")?;
            client.get_video_translation(id).await.map_err(failed)?;
        }
        1 => {
            client
                .list_video_translations(&ListVideoTranslationsQuery::new().limit(10))
                .await
                .map_err(failed)?;
        }
        2 => {
            let request = CreateHyperframesRenderRequest::new(MediaInput::url(
                "https://example.com/project.zip",
            ));
            let created = client
                .create_hyperframes_render(&request, None)
                .await
                .map_err(failed)?;
            client
                .get_hyperframes_render(&created.render_id)
                .await
                .map_err(failed)?;
        }
        3 => {
            client.get_current_user().await.map_err(failed)?;
        }
        4 => {
            client
                .list_voices(&ListVoicesQuery::new().limit(10))
                .await
                .map_err(failed)?;
        }
        _ => {
            client.get_voice("voice_1").await.map_err(failed)?;
        }
    }
    Ok(())
}

/// The mixed workload's requests per second over `calls` calls (each of the creates counting as
/// two requests: the create and the read after it).
pub fn requests_per_second(calls: usize) -> Result<f64, String> {
    runtime()?.block_on(async {
        let (_server, client) = start().await?;
        // Warm-up: connections opened, code and caches hot.
        run_mixed(&client, 0..60).await?;
        let started = Instant::now();
        run_mixed(&client, 0..calls).await?;
        let elapsed = started.elapsed().as_secs_f64();
        let requests = (0..calls)
            .map(|index| {
                if index % 6 == 0 || index % 6 == 2 {
                    2
                } else {
                    1
                }
            })
            .sum::<usize>();
        Ok(requests as f64 / elapsed)
    })
}

async fn run_mixed(client: &Client, calls: std::ops::Range<usize>) -> Result<(), String> {
    futures_util::stream::iter(calls)
        .map(|index| mixed_call(client, index))
        .buffer_unordered(IN_FLIGHT)
        .try_for_each(|()| std::future::ready(Ok(())))
        .await
}

/// The bytes the simulator holds for `resources` resources (Avatar Realtime sessions, created
/// without an Idempotency-Key, so that only the resources are counted), in MiB per 100 000.
pub fn memory_mib_per_100k(resources: usize) -> Result<f64, String> {
    if !alloc::is_counting() {
        return Err("the counting allocator is not installed".into());
    }
    runtime()?.block_on(async {
        let (server, client) = start().await?;
        let request = AvatarRealtimeTextStream::new("look_1", "voice_1", "Hello").into();
        // The first calls allocate what every later one reuses (connections, tables).
        for _ in 0..50 {
            client
                .create_avatar_realtime_session(&request)
                .await
                .map_err(|error| error.to_string())?;
        }
        let before_live = alloc::live_bytes();
        let before_count = server.simulated_resources();
        futures_util::stream::iter(0..resources)
            .map(|_| client.create_avatar_realtime_session(&request))
            .buffer_unordered(IN_FLIGHT)
            .map_err(|error| error.to_string())
            .try_for_each(|_| std::future::ready(Ok(())))
            .await?;
        let held = alloc::live_bytes().saturating_sub(before_live);
        let created = server.simulated_resources() - before_count;
        if created != resources {
            return Err(format!("{created} resources held, {resources} created"));
        }
        Ok(held as f64 / (1024.0 * 1024.0) * (100_000.0 / resources as f64))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_mixed_workload_runs_against_the_simulator() {
        assert!(super::requests_per_second(24).unwrap() > 0.0);
    }

    #[test]
    fn the_memory_figure_needs_the_counting_allocator() {
        // Unit tests run without it: the figure is refused rather than reported as zero.
        let refused = super::memory_mib_per_100k(10).unwrap_err();
        assert!(refused.contains("counting allocator"), "{refused}");
    }
}
