//! Holding requests just before they are handled, so that a test can act while a request is
//! known to be in flight (for example to send the same Idempotency-Key again).

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use tokio::sync::watch;

/// How many [`HeldRequests`] guards are alive (requests wait while any is), and how many requests
/// are waiting.
#[derive(Debug)]
pub(super) struct Gate {
    holders: watch::Sender<usize>,
    waiting: watch::Sender<usize>,
}

impl Gate {
    pub(super) fn new() -> Self {
        Gate {
            holders: watch::Sender::new(0),
            waiting: watch::Sender::new(0),
        }
    }

    /// Waits while any guard is alive.
    async fn pass(&self) {
        if *self.holders.borrow() == 0 {
            return;
        }
        let _waiting = Counted::enter(&self.waiting);
        let mut holders = self.holders.subscribe();
        // The sender lives as long as the gate, so this only ends once no guard is left.
        let _ = holders.wait_for(|holders| *holders == 0).await;
    }
}

/// Counts one for as long as it lives (a cancelled request, a dropped guard stop counting).
struct Counted<'a>(&'a watch::Sender<usize>);

impl<'a> Counted<'a> {
    fn enter(count: &'a watch::Sender<usize>) -> Self {
        count.send_modify(|n| *n += 1);
        Counted(count)
    }
}

impl Drop for Counted<'_> {
    fn drop(&mut self) {
        self.0.send_modify(|n| *n -= 1);
    }
}

/// The middleware: every request that reaches it waits while requests are held.
pub(super) async fn hold(State(gate): State<Arc<Gate>>, request: Request, next: Next) -> Response {
    gate.pass().await;
    next.run(request).await
}

/// Requests held by [`LocalServer::hold_requests`](crate::LocalServer::hold_requests): once
/// authenticated (and past the Idempotency-Key check), each request waits until this guard, and
/// any other one alive, is released or dropped.
#[derive(Debug)]
#[must_use = "requests are released as soon as this is dropped"]
pub struct HeldRequests {
    gate: Arc<Gate>,
}

impl HeldRequests {
    pub(super) fn new(gate: Arc<Gate>) -> Self {
        gate.holders.send_modify(|n| *n += 1);
        HeldRequests { gate }
    }

    /// Waits until at least `count` requests are being held.
    pub async fn wait_until_held(&self, count: usize) {
        let mut waiting = self.gate.waiting.subscribe();
        // The sender lives as long as the gate, which this guard keeps alive.
        let _ = waiting.wait_for(|n| *n >= count).await;
    }

    /// How many requests are being held now.
    pub fn held(&self) -> usize {
        *self.gate.waiting.borrow()
    }

    /// Lets the held requests (and later ones) through, unless another guard still holds them.
    pub fn release(self) {}
}

impl Drop for HeldRequests {
    fn drop(&mut self) {
        self.gate.holders.send_modify(|n| *n -= 1);
    }
}
