//! Webhook deliveries by real HTTP: an event signed for every endpoint registered for its type,
//! POSTed, and retried as HeyGen retries a delivery that does not get a 2xx.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use heygen_api::webhooks::WebhookEventType;
use serde_json::Value;

use super::webhooks::{Delivery, WebhookStore};

/// The delays between attempts of a webhook delivery that failed.
const DELIVERY_RETRIES: [Duration; 3] = [
    Duration::from_millis(100),
    Duration::from_millis(400),
    Duration::from_millis(1600),
];

/// Sends the events of jobs that ended to the endpoints registered for them.
pub(super) struct Courier {
    webhooks: Arc<WebhookStore>,
    http: heygen_api::reqwest::Client,
    delivered: Arc<AtomicU64>,
}

impl Courier {
    pub(super) fn new(webhooks: Arc<WebhookStore>) -> Courier {
        Courier {
            webhooks,
            http: heygen_api::reqwest::Client::builder()
                .redirect(heygen_api::reqwest::redirect::Policy::none())
                .timeout(Duration::from_secs(5))
                .build()
                .unwrap_or_default(),
            delivered: Arc::default(),
        }
    }

    /// Delivers an event of `event_type` with `event_data` to every endpoint registered for it
    /// (and adds it to the event history).
    pub(super) fn announce(&self, event_type: WebhookEventType, event_data: Value) {
        for delivery in self.webhooks.deliveries(event_type, event_data) {
            self.send(delivery);
        }
    }

    /// How many deliveries got a 2xx.
    pub(super) fn acknowledged(&self) -> u64 {
        self.delivered.load(Ordering::SeqCst)
    }

    /// POSTs `delivery`, retrying a failed attempt after each of [`DELIVERY_RETRIES`].
    fn send(&self, delivery: Delivery) {
        let http = self.http.clone();
        let delivered = Arc::clone(&self.delivered);
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        runtime.spawn(async move {
            for pause in std::iter::once(Duration::ZERO).chain(DELIVERY_RETRIES) {
                tokio::time::sleep(pause).await;
                let sent = http
                    .post(&delivery.url)
                    .headers(delivery.headers.clone())
                    .body(delivery.body.clone())
                    .send()
                    .await;
                match sent {
                    Ok(answer) if answer.status().is_success() => {
                        delivered.fetch_add(1, Ordering::SeqCst);
                        return;
                    }
                    Ok(answer) => tracing::debug!(status = %answer.status(), "delivery refused"),
                    Err(error) => tracing::debug!(%error, "delivery failed"),
                }
            }
            tracing::warn!("webhook delivery abandoned after its retries");
        });
    }
}
