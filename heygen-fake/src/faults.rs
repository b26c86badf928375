//! Faults injected on purpose, so that a client's behaviour under failure can be tested end to end:
//! refusals and delays before a request is handled, and failures after it was applied.
//!
//! A [`FaultPlan`] picks, for each request, at most one [`Fault`] at random (from a seed, so a run
//! can be repeated). The choice is made once per request, outside the Idempotency-Key layer; a
//! fault that acts *before* handling is applied inside it (the key is claimed, nothing is applied),
//! one that acts *after* handling is applied outside it (the answer is stored under the key, as on
//! a server whose gateway fails after the API did its work). A replayed answer never reaches the
//! inner layer, so a "before" fault chosen for it is not injected and not counted.

use std::io;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::envelope::ApiError;
use super::operations::operation_of;

/// One way a request can go wrong on the [`LocalServer`](crate::LocalServer).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// Answers `status` with HeyGen's error body (`rate_limit_exceeded` with `Retry-After: 1` for
    /// 429, `internal_error` otherwise) without handling the request: nothing is applied.
    RefuseBefore(StatusCode),
    /// Waits this long before handling the request. Its Idempotency-Key is claimed meanwhile, so a
    /// repeat gets `409 request_in_progress`; a request cancelled while waiting releases the key.
    DelayBefore(Duration),
    /// Handles the request (its answer is stored under its Idempotency-Key), then answers `status`
    /// with HeyGen's error body instead: a failure after the request was applied.
    FailAfter(StatusCode),
    /// Handles the request, then breaks the connection halfway through the answer's body.
    BreakAfter,
    /// Handles the request, then waits this long before answering.
    DelayAfter(Duration),
    /// Answers `429 rate_limit_exceeded` with `Retry-After` set to this many whole seconds,
    /// without handling the request: HeyGen's rate limit, as often as the plan says.
    RateLimited(u64),
}

impl Fault {
    /// Whether the fault acts before the request is handled.
    fn acts_before(&self) -> bool {
        matches!(
            self,
            Fault::RefuseBefore(_) | Fault::DelayBefore(_) | Fault::RateLimited(_)
        )
    }
}

/// Which faults a [`LocalServer`](crate::LocalServer) injects, and how often.
///
/// ```
/// use std::time::Duration;
/// use http::StatusCode;
/// use heygen_fake::{Fault, FaultPlan};
///
/// // A fifth of requests get a 502 after being applied, a tenth are delayed by 2 s.
/// let plan = FaultPlan::new(7)
///     .with(Fault::FailAfter(StatusCode::BAD_GATEWAY), 0.2)
///     .with(Fault::DelayBefore(Duration::from_secs(2)), 0.1);
///
/// // The next two calls of `create_video` are rate limited (`Retry-After: 3`), then it passes;
/// // other operations are untouched.
/// let rate_limited = FaultPlan::new(0)
///     .with(Fault::RateLimited(3), 1.0)
///     .only_for(["create_video"])
///     .times(2);
/// # let _ = (plan, rate_limited);
/// ```
#[derive(Debug, Clone)]
pub struct FaultPlan {
    seed: u64,
    rules: Vec<(Fault, f64)>,
    /// The declared operations (method names) the plan applies to; all when `None`.
    operations: Option<Vec<String>>,
    /// How many faults the plan injects in all, at most.
    times: Option<u64>,
}

impl FaultPlan {
    /// A plan without faults yet, whose random choices follow `seed`.
    pub fn new(seed: u64) -> Self {
        FaultPlan {
            seed,
            rules: Vec::new(),
            operations: None,
            times: None,
        }
    }

    /// Injects faults only into calls of these declared operations (the crate's method names,
    /// such as `create_video` or `get_hyperframes_render`); requests of any other operation, or
    /// of no declared one, are left alone.
    pub fn only_for<I, S>(mut self, operations: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.operations = Some(operations.into_iter().map(Into::into).collect());
        self
    }

    /// The operations of [`only_for`](Self::only_for) the crate does not declare.
    pub(crate) fn unknown_operations(&self) -> Vec<String> {
        let declared: Vec<&str> = crate::operations::declared_endpoints()
            .map(|endpoint| endpoint.name)
            .collect();
        self.operations
            .iter()
            .flatten()
            .filter(|name| !declared.contains(&name.as_str()))
            .cloned()
            .collect()
    }

    /// Injects `times` faults in all, then none: "rate limited twice, then answered".
    pub fn times(mut self, times: u64) -> Self {
        self.times = Some(times);
        self
    }

    /// Also injects `fault` into a share `probability` (clamped to `0..=1`) of requests.
    ///
    /// Each request gets at most one fault: the shares of all rules are laid end to end, and once
    /// they add up to 1 the rules after that point are never chosen.
    pub fn with(mut self, fault: Fault, probability: f64) -> Self {
        let probability = if probability.is_finite() {
            probability.clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.rules.push((fault, probability));
        self
    }
}

/// A plan in force, with how often each of its faults was injected.
#[derive(Debug)]
struct ActivePlan {
    rules: Vec<(Fault, f64)>,
    injected: Vec<AtomicU64>,
    rng: Mutex<fastrand::Rng>,
    operations: Option<Vec<String>>,
    /// Faults left to inject, when the plan limits them.
    left: Option<AtomicU64>,
}

impl ActivePlan {
    /// The index of the rule chosen for a request of `operation` (a declared method's name, if
    /// the request is one), if any.
    fn choose(&self, operation: Option<&str>) -> Option<usize> {
        if let Some(operations) = &self.operations
            && !operation.is_some_and(|name| operations.iter().any(|o| o == name))
        {
            return None;
        }
        let draw = self
            .rng
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .f64();
        let mut reach = 0.0;
        let index = self.rules.iter().position(|(_, probability)| {
            reach += probability;
            draw < reach
        })?;
        if let Some(left) = &self.left {
            left.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .ok()?;
        }
        Some(index)
    }
}

/// The fault chosen for one request, carried from the outer layer to the inner one.
#[derive(Clone)]
struct Chosen {
    plan: Arc<ActivePlan>,
    index: usize,
}

impl Chosen {
    fn fault(&self) -> &Fault {
        &self.plan.rules[self.index].0
    }

    fn count(&self) {
        self.plan.injected[self.index].fetch_add(1, Ordering::Relaxed);
    }
}

/// The server's fault state: the plan in force (or the last one, for its counts) and how many
/// requests arrived.
#[derive(Debug, Default)]
pub(super) struct FaultInjector {
    /// The plan and whether it is in force.
    plan: Mutex<Option<(Arc<ActivePlan>, bool)>>,
    received: AtomicU64,
}

impl FaultInjector {
    fn plan(&self) -> MutexGuard<'_, Option<(Arc<ActivePlan>, bool)>> {
        self.plan.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Puts `plan` in force, replacing the previous one and its counts.
    pub(super) fn inject(&self, plan: FaultPlan) {
        let injected = plan.rules.iter().map(|_| AtomicU64::new(0)).collect();
        let active = ActivePlan {
            rules: plan.rules,
            injected,
            rng: Mutex::new(fastrand::Rng::with_seed(plan.seed)),
            operations: plan.operations,
            left: plan.times.map(AtomicU64::new),
        };
        *self.plan() = Some((Arc::new(active), true));
    }

    /// Stops injecting faults; the counts of the last plan stay readable.
    pub(super) fn clear(&self) {
        if let Some((_, in_force)) = self.plan().as_mut() {
            *in_force = false;
        }
    }

    /// Each fault of the last plan with how many times it was injected.
    pub(super) fn injected(&self) -> Vec<(Fault, u64)> {
        match self.plan().as_ref() {
            Some((plan, _)) => plan
                .rules
                .iter()
                .zip(&plan.injected)
                .map(|((fault, _), count)| (fault.clone(), count.load(Ordering::Relaxed)))
                .collect(),
            None => Vec::new(),
        }
    }

    /// How many requests arrived, whatever became of them.
    pub(super) fn received(&self) -> u64 {
        self.received.load(Ordering::Relaxed)
    }

    /// The fault for a request of `method` for `path`, if the plan in force chooses one.
    fn choose(&self, method: &http::Method, path: &str) -> Option<Chosen> {
        let plan = match self.plan().as_ref() {
            Some((plan, true)) => Arc::clone(plan),
            _ => return None,
        };
        let operation = plan
            .operations
            .is_some()
            .then(|| operation_of(method, path).map(|endpoint| endpoint.name))
            .flatten();
        let index = plan.choose(operation)?;
        Some(Chosen { plan, index })
    }
}

/// The outermost layer: counts every request that arrives.
pub(super) async fn count_received(
    State(faults): State<Arc<FaultInjector>>,
    request: Request,
    next: Next,
) -> Response {
    faults.received.fetch_add(1, Ordering::Relaxed);
    next.run(request).await
}

/// The layer outside the Idempotency-Key check: chooses the request's fault and applies it if it
/// acts after handling.
pub(super) async fn around_idempotency(
    State(faults): State<Arc<FaultInjector>>,
    mut request: Request,
    next: Next,
) -> Response {
    let Some(chosen) = faults.choose(request.method(), request.uri().path()) else {
        return next.run(request).await;
    };
    if chosen.fault().acts_before() {
        request.extensions_mut().insert(chosen);
        return next.run(request).await;
    }
    let answer = next.run(request).await;
    chosen.count();
    match chosen.fault() {
        Fault::FailAfter(status) => error_answer(*status),
        Fault::BreakAfter => broken(answer).await,
        Fault::DelayAfter(delay) => {
            tokio::time::sleep(*delay).await;
            answer
        }
        Fault::RefuseBefore(_) | Fault::DelayBefore(_) | Fault::RateLimited(_) => answer,
    }
}

/// The layer right before the handler: applies a fault that acts before handling.
pub(super) async fn before_handling(request: Request, next: Next) -> Response {
    let Some(chosen) = request.extensions().get::<Chosen>().cloned() else {
        return next.run(request).await;
    };
    chosen.count();
    match chosen.fault() {
        Fault::RefuseBefore(status) => error_answer(*status),
        Fault::RateLimited(seconds) => rate_limited(*seconds),
        Fault::DelayBefore(delay) => {
            tokio::time::sleep(*delay).await;
            next.run(request).await
        }
        Fault::FailAfter(_) | Fault::BreakAfter | Fault::DelayAfter(_) => next.run(request).await,
    }
}

/// HeyGen's error answer for `status` (a 429 says to retry after 1 s).
fn error_answer(status: StatusCode) -> Response {
    if status == StatusCode::TOO_MANY_REQUESTS {
        return rate_limited(1);
    }
    let message = format!(
        "Injected fault: {}",
        status.canonical_reason().unwrap_or("error")
    );
    ApiError::with_status(status, message).into_response()
}

/// HeyGen's `429 rate_limit_exceeded`, retry after `seconds`.
fn rate_limited(seconds: u64) -> Response {
    let mut answer = ApiError::rate_limited(format!(
        "Too many requests. Retry after {seconds} s (an injected rate limit)."
    ))
    .into_response();
    answer
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    answer
}

/// `answer` with the same status and headers, whose body stops halfway and breaks the connection.
async fn broken(answer: Response) -> Response {
    let (mut parts, body) = answer.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    // The full length is announced, so the client knows the body is cut short.
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    let half = bytes.slice(..bytes.len() / 2);
    let chunks: [Result<_, io::Error>; 2] = [
        Ok(half),
        Err(io::Error::new(
            io::ErrorKind::ConnectionAborted,
            "injected fault: connection broken mid-body",
        )),
    ];
    Response::from_parts(parts, Body::from_stream(futures_util::stream::iter(chunks)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_laid_end_to_end() {
        let plan = FaultPlan::new(1)
            .with(Fault::BreakAfter, 0.25)
            .with(Fault::FailAfter(StatusCode::BAD_GATEWAY), 0.75)
            .with(Fault::DelayAfter(Duration::from_secs(1)), 0.5);
        let injector = FaultInjector::default();
        injector.inject(plan);
        let mut chosen = [0u32; 4];
        for _ in 0..4000 {
            match injector.choose(&http::Method::GET, "/v3/videos") {
                Some(fault) => chosen[fault.index] += 1,
                None => chosen[3] += 1,
            }
        }
        // The third rule starts where the shares already reach 1: never chosen, nor is "none".
        assert_eq!(chosen[2..], [0, 0]);
        assert!((800..1200).contains(&chosen[0]), "{chosen:?}");
        assert!((2800..3200).contains(&chosen[1]), "{chosen:?}");
    }

    #[test]
    fn the_same_seed_makes_the_same_choices() {
        let choices = |seed| {
            let injector = FaultInjector::default();
            injector.inject(FaultPlan::new(seed).with(Fault::BreakAfter, 0.5));
            (0..64)
                .map(|_| injector.choose(&http::Method::GET, "/v3/videos").is_some())
                .collect::<Vec<_>>()
        };
        assert_eq!(choices(9), choices(9));
        assert_ne!(choices(9), choices(10));
    }

    #[test]
    fn a_plan_for_some_operations_leaves_the_others_alone_and_stops_after_its_times() {
        let injector = FaultInjector::default();
        injector.inject(
            FaultPlan::new(1)
                .with(Fault::RateLimited(2), 1.0)
                .only_for(["get_video"])
                .times(2),
        );
        let post = http::Method::POST;
        assert!(
            injector.choose(&post, "/v3/videos").is_none(),
            "create_video"
        );
        // `/v3/videos/statuses` is `list_video_statuses`, not a video named `statuses`.
        assert!(
            injector
                .choose(&http::Method::GET, "/v3/videos/statuses")
                .is_none()
        );
        let get = http::Method::GET;
        assert!(injector.choose(&get, "/v3/videos/v_1").is_some());
        assert!(injector.choose(&get, "/v3/videos/v_2").is_some());
        assert!(
            injector.choose(&get, "/v3/videos/v_3").is_none(),
            "only twice"
        );
    }

    #[test]
    fn cleared_plans_inject_nothing_but_keep_their_counts() {
        let injector = FaultInjector::default();
        assert!(injector.injected().is_empty());
        injector.inject(FaultPlan::new(3).with(Fault::BreakAfter, 1.0));
        injector
            .choose(&http::Method::GET, "/v3/videos")
            .unwrap()
            .count();
        injector.clear();
        assert!(injector.choose(&http::Method::GET, "/v3/videos").is_none());
        assert_eq!(injector.injected(), [(Fault::BreakAfter, 1)]);
    }
}
