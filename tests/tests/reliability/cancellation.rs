//! A call future dropped mid-retry (by `tokio::time::timeout`, `select!` or aborting its task)
//! leaves nothing running and sends nothing more.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use heygen_api::webhooks::{CreateWebhookEndpointRequest, WebhooksApi};
use heygen_api::{Client, RetryPolicy};
use heygen_fake::{Fault, FaultPlan, LocalServer};
use http::StatusCode;
use tokio::sync::watch;

/// Each backoff of the calls under test; the grace period after a drop is several of them, so a
/// call still running would be caught sending again.
const BACKOFF: Duration = Duration::from_millis(100);
const GRACE: Duration = Duration::from_millis(600);

/// What the retry policy's sleeps did: how many started, and whether one is still alive.
#[derive(Clone)]
struct Sleeps {
    started: Arc<watch::Sender<usize>>,
    alive: Arc<AtomicUsize>,
}

impl Default for Sleeps {
    fn default() -> Self {
        Sleeps {
            started: Arc::new(watch::Sender::new(0)),
            alive: Arc::default(),
        }
    }
}

/// Counts one live sleep until dropped.
struct Alive(Arc<AtomicUsize>);

impl Drop for Alive {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Sleeps {
    fn policy(&self) -> RetryPolicy {
        let sleeps = self.clone();
        RetryPolicy::default()
            .max_retries(50)
            .jitter(0.0)
            .sleeper(move |delay| {
                sleeps.alive.fetch_add(1, Ordering::SeqCst);
                sleeps.started.send_modify(|started| *started += 1);
                let alive = Alive(sleeps.alive.clone());
                Box::pin(async move {
                    let _alive = alive;
                    tokio::time::sleep(delay.min(BACKOFF)).await;
                })
            })
    }

    fn started(&self) -> usize {
        *self.started.borrow()
    }

    /// Waits until `count` sleeps have started: the call is then retrying.
    async fn until_started(&self, count: usize) {
        let mut started = self.started.subscribe();
        // The sender lives in `self`, so this only ends once the count is reached.
        let _ = started.wait_for(|started| *started >= count).await;
    }
}

async fn failing_server() -> LocalServer {
    let server = LocalServer::start().await.unwrap();
    server
        .inject_faults(
            FaultPlan::new(1).with(Fault::RefuseBefore(StatusCode::SERVICE_UNAVAILABLE), 1.0),
        )
        .unwrap();
    server
}

fn client(server: &LocalServer, sleeps: &Sleeps) -> Client {
    Client::builder()
        .api_key(server.api_key())
        .base_url(server.base_url())
        .retry_policy(sleeps.policy())
        .build()
        .unwrap()
}

type Call = Pin<Box<dyn Future<Output = ()> + Send>>;

/// How long each way of cancelling lets the call run on once it is retrying: less than one
/// backoff, so that it is dropped while it waits to retry.
const RUN_ON: Duration = Duration::from_millis(40);

/// Starts a keyed create that the server keeps refusing with 503, lets `cancel` drop it once it
/// is on its second backoff, and checks that afterwards nothing is sent and no sleep is alive.
async fn check_cancelled_by(cancel: impl FnOnce(Call) -> Pin<Box<dyn Future<Output = ()>>>) {
    let server = failing_server().await;
    let sleeps = Sleeps::default();
    let client = client(&server, &sleeps);
    let mut call: Call = Box::pin(async move {
        let request = CreateWebhookEndpointRequest::new("https://example.com/hooks");
        let result = client.create_webhook_endpoint(&request, None).await;
        panic!("the call was meant to be dropped, but ended: {result:?}");
    });
    tokio::select! {
        () = &mut call => unreachable!(),
        () = sleeps.until_started(2) => {}
    }

    cancel(call).await;

    // Whatever was in flight when the call was dropped has landed by now.
    tokio::time::sleep(GRACE).await;
    let received = server.requests_received();
    let started = sleeps.started() as u64;
    assert!(started >= 2, "{started}");
    // One attempt before each sleep, and perhaps one after the last.
    assert!(
        (started..=started + 1).contains(&received),
        "{received} requests for {started} sleeps"
    );
    tokio::time::sleep(GRACE).await;
    assert_eq!(server.requests_received(), received, "sent after the drop");
    assert_eq!(sleeps.started() as u64, started);
    assert_eq!(
        sleeps.alive.load(Ordering::SeqCst),
        0,
        "a sleep outlived the call"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropped_by_a_timeout() {
    check_cancelled_by(|call| {
        Box::pin(async move {
            let elapsed = tokio::time::timeout(RUN_ON, call).await;
            assert!(elapsed.is_err());
        })
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropped_by_select() {
    check_cancelled_by(|call| {
        Box::pin(async move {
            tokio::select! {
                () = call => unreachable!(),
                () = tokio::time::sleep(RUN_ON) => {}
            }
        })
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropped_by_aborting_its_task() {
    check_cancelled_by(|call| {
        Box::pin(async move {
            let task = tokio::spawn(call);
            tokio::time::sleep(RUN_ON).await;
            task.abort();
            let ended = task.await.unwrap_err();
            assert!(ended.is_cancelled(), "{ended}");
        })
    })
    .await;
}

/// Dropped while its request is held in flight on the server: nothing else is sent, and nothing of
/// the call is left running.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropped_while_its_request_is_in_flight() {
    let server = LocalServer::start().await.unwrap();
    let sleeps = Sleeps::default();
    let client = client(&server, &sleeps);
    let held = server.hold_requests();

    let call = async {
        let request = CreateWebhookEndpointRequest::new("https://example.com/in-flight");
        client.create_webhook_endpoint(&request, None).await
    };
    tokio::select! {
        result = call => panic!("held requests cannot finish: {result:?}"),
        () = held.wait_until_held(1) => {}
    }
    held.release();

    tokio::time::sleep(GRACE).await;
    assert_eq!(server.requests_received(), 1);
    assert_eq!(sleeps.started(), 0);
    assert_eq!(sleeps.alive.load(Ordering::SeqCst), 0);
}
