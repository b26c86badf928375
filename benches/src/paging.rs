//! Peak memory while walking a paginated list as a stream, against fetching one page.
//!
//! Measured with the counting global allocator ([`crate::alloc`]) in a process that holds only
//! the client (the server runs in a child process). Both figures are the peak of live bytes above
//! what was live when the measurement started, on a warm connection.

use futures_util::StreamExt;
use heygen_api::webhooks::{ListWebhookEndpointsQuery, WebhooksApi};

use crate::alloc;
use crate::fixtures::{PAGE_COUNT, PAGE_SIZE};

/// Peak live bytes of both measurements.
#[derive(Debug, Clone, Copy)]
pub struct PagingPeaks {
    /// Fetching one page (and holding it).
    pub one_page: usize,
    /// Walking every item of every page.
    pub whole_walk: usize,
    /// Items the walk yielded.
    pub items: usize,
}

impl PagingPeaks {
    /// `whole_walk / one_page`.
    pub fn ratio(&self) -> f64 {
        self.whole_walk as f64 / self.one_page as f64
    }
}

/// Measures both peaks against the server at `base_url`; needs [`alloc::CountingAllocator`] as the
/// global allocator.
pub fn measure(base_url: &str) -> Result<PagingPeaks, String> {
    if !alloc::is_counting() {
        return Err("the counting allocator is not this process's global allocator".into());
    }
    let runtime = crate::runtime::client_runtime();
    let client = crate::sides::generated_client(base_url);
    let query = ListWebhookEndpointsQuery::new().limit(PAGE_SIZE as u32);
    runtime.block_on(async {
        let fetch = || async {
            client
                .list_webhook_endpoints(&query)
                .await
                .map_err(|error| error.to_string())
        };
        // Warm-up: the connection and its buffers exist before anything is measured.
        for _ in 0..3 {
            drop(fetch().await?);
        }

        let before = start_measuring();
        let page = fetch().await?;
        let one_page = alloc::peak_bytes() - before;
        if page.data.len() != PAGE_SIZE {
            return Err(format!("a page held {} items", page.data.len()));
        }
        drop(page);

        let before = start_measuring();
        let mut items = 0;
        let mut stream = std::pin::pin!(client.list_webhook_endpoints_stream(&query));
        while let Some(item) = stream.next().await {
            let item = item.map_err(|error| error.to_string())?;
            let expected = format!("ep_{items:016}");
            if item.endpoint_id != expected {
                return Err(format!("item {items} is `{}`", item.endpoint_id));
            }
            items += 1;
        }
        let whole_walk = alloc::peak_bytes() - before;
        if items != PAGE_SIZE * PAGE_COUNT {
            return Err(format!("the walk yielded {items} items"));
        }
        Ok(PagingPeaks {
            one_page,
            whole_walk,
            items,
        })
    })
}

/// Resets the peak and returns the bytes live now.
fn start_measuring() -> usize {
    alloc::reset_peak();
    alloc::live_bytes()
}
