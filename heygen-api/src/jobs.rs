//! Waiting for long-running jobs: videos, video translations, video-agent videos, lipsyncs,
//! HyperFrames renders, brand-kit imports and filler-word removals.
//!
//! Creating a video returns at once with an id; the video renders for minutes. The methods of
//! [`JobsApi`], implemented for [`Client`], poll the resource's `GET` until its `status` is
//! `completed` (the finished resource is returned) or `failed` ([`JobError::Failed`], carrying
//! HeyGen's failure code and message). Any other status, including one this crate does not know
//! yet, means "still running". Polls start 2 s apart and back off to 30 s, with jitter so that
//! many waiting clients do not poll in lockstep; after the [timeout](WaitOptions::timeout)
//! (20 minutes by default) the wait ends with [`JobError::TimedOut`] and the job keeps running:
//! wait for it again rather than creating it twice.
//!
//! The pauses are slept by the client's [`RetryPolicy`](crate::RetryPolicy) sleeper, so a client
//! built with [`RetryPolicy::instant`](crate::RetryPolicy::instant) waits instantly (the timeout
//! still counts the pauses it skipped), and a status read refused with `Retry-After` is not
//! repeated sooner than asked.
//!
//! ```no_run
//! use std::time::Duration;
//! use heygen_api::jobs::{JobsApi as _, WaitOptions};
//! use heygen_api::videos::CreateVideoRequest;
//! use heygen_api::{Client, Error, JobError};
//!
//! # async fn run(client: Client, request: CreateVideoRequest) -> heygen_api::Result<()> {
//! let options = WaitOptions::default().timeout(Duration::from_secs(30 * 60));
//! match client.create_video_and_wait(&request, None, &options).await {
//!     Ok(video) => println!("ready: {:?}", video.video_url),
//!     Err(Error::Job(job)) => match *job {
//!         JobError::Failed(failed) => println!("failed: {failed}"),
//!         JobError::TimedOut(late) => {
//!             // Still rendering: come back for it later.
//!             let video = client.wait_for_video(late.id(), &options).await?;
//!             # let _ = video;
//!         }
//!         other => return Err(other.into()),
//!     },
//!     Err(other) => return Err(other),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! A status read that fails in a way a retry may fix (a rate limit, a 5xx, the network) does not
//! end the wait: the client's retry policy has already repeated it, and the next poll tries again.
//! Any other error (the job does not exist, the credential is refused) ends it at once.

use std::future::Future;
use std::time::{Duration, Instant};

use crate::brand::{BrandApi, BrandKitDetail, BrandKitStatus, CreateBrandKitRequest};
use crate::filler_word_removal::{
    CreateFillerWordRemovalRequest, FillerWordRemoval, FillerWordRemovalApi,
    FillerWordRemovalStatus,
};
use crate::hyperframes::{
    CreateHyperframesRenderRequest, HyperframesApi, HyperframesRender, HyperframesRenderStatus,
};
use crate::lipsync::{CreateLipsyncRequest, Lipsync, LipsyncApi, LipsyncStatus};
use crate::runtime::backoff::Backoff;
use crate::runtime::client::{AsClient, Client};
use crate::runtime::error::Result;
use crate::runtime::idempotency::IdempotencyKey;
use crate::video_agents::{
    CreateVideoAgentSessionRequest, VideoAgentMessageType, VideoAgentRunStatus, VideoAgentSession,
    VideoAgentSessionStatus, VideoAgentsApi,
};
use crate::video_translations::{
    CreateVideoTranslationRequest, VideoTranslation, VideoTranslationStatus, VideoTranslationsApi,
};
use crate::videos::{CreateVideoRequest, Video, VideoStatus, VideosApi};

pub use crate::runtime::error::{JobError, JobFailed, JobKind, JobTimedOut};

/// How a wait polls: how long it may last, and the pause between two status reads.
///
/// Defaults: 20 minutes in all; pauses from 2 s doubling to 30 s, +/-25 % jitter.
///
/// ```
/// use std::time::Duration;
/// use heygen_api::jobs::WaitOptions;
///
/// let patient = WaitOptions::default()
///     .timeout(Duration::from_secs(60 * 60))
///     .max_interval(Duration::from_secs(60));
/// # let _ = patient;
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct WaitOptions {
    timeout: Duration,
    intervals: Backoff,
}

impl Default for WaitOptions {
    fn default() -> Self {
        WaitOptions {
            timeout: Duration::from_secs(20 * 60),
            intervals: Backoff {
                initial: Duration::from_secs(2),
                max: Duration::from_secs(30),
                jitter: 0.25,
            },
        }
    }
}

impl WaitOptions {
    /// How long a wait may last in all (default 20 minutes), counting the status reads and the
    /// pauses between them, from the first read.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The pause after the first status read; each further pause doubles it (default 2 s).
    pub fn initial_interval(mut self, interval: Duration) -> Self {
        self.intervals.initial = interval;
        self
    }

    /// The longest pause between two status reads (default 30 s).
    pub fn max_interval(mut self, interval: Duration) -> Self {
        self.intervals.max = interval;
        self
    }

    /// The random spread of each pause, as a fraction (default 0.25, i.e. +/-25 %; clamped to
    /// 0..=1).
    pub fn jitter(mut self, fraction: f64) -> Self {
        self.intervals.jitter = Backoff::clamp_jitter(fraction);
        self
    }

    /// The pause after status read number `poll` (0 for the first), before the timeout caps it.
    fn interval(&self, poll: u32) -> Duration {
        self.intervals.delay(poll, fastrand::f64())
    }
}

/// Where a job stands, as one status read tells.
enum Progress<'a> {
    /// Finished; the resource is the result.
    Completed,
    /// Finished without a result.
    Failed {
        code: Option<&'a str>,
        message: Option<&'a str>,
    },
    /// Still running, in this status.
    Running(&'a str),
}

/// A resource whose status a wait reads.
trait Job {
    const KIND: JobKind;

    fn progress(&self) -> Progress<'_>;
}

impl Job for Video {
    const KIND: JobKind = JobKind::Video;

    fn progress(&self) -> Progress<'_> {
        match &self.status {
            VideoStatus::Completed => Progress::Completed,
            VideoStatus::Failed => Progress::Failed {
                code: self.failure_code.as_deref(),
                message: self.failure_message.as_deref(),
            },
            running => Progress::Running(running.as_str()),
        }
    }
}

impl Job for VideoTranslation {
    const KIND: JobKind = JobKind::VideoTranslation;

    fn progress(&self) -> Progress<'_> {
        match &self.status {
            VideoTranslationStatus::Completed => Progress::Completed,
            VideoTranslationStatus::Failed => Progress::Failed {
                code: None,
                message: self.failure_message.as_deref(),
            },
            running => Progress::Running(running.as_str()),
        }
    }
}

impl Job for Lipsync {
    const KIND: JobKind = JobKind::Lipsync;

    fn progress(&self) -> Progress<'_> {
        match &self.status {
            LipsyncStatus::Completed => Progress::Completed,
            LipsyncStatus::Failed => Progress::Failed {
                code: None,
                message: self.failure_message.as_deref(),
            },
            running => Progress::Running(running.as_str()),
        }
    }
}

impl Job for HyperframesRender {
    const KIND: JobKind = JobKind::HyperframesRender;

    fn progress(&self) -> Progress<'_> {
        match &self.status {
            HyperframesRenderStatus::Completed => Progress::Completed,
            HyperframesRenderStatus::Failed => Progress::Failed {
                code: None,
                message: self.failure_message.as_deref(),
            },
            running => Progress::Running(running.as_str()),
        }
    }
}

/// A brand kit's import ends `completed`, or `error` (which carries no message).
impl Job for BrandKitDetail {
    const KIND: JobKind = JobKind::BrandKit;

    fn progress(&self) -> Progress<'_> {
        match &self.status {
            BrandKitStatus::Completed => Progress::Completed,
            BrandKitStatus::Error => Progress::Failed {
                code: None,
                message: Some("the brand kit import ended in `error`"),
            },
            running => Progress::Running(running.as_str()),
        }
    }
}

impl Job for FillerWordRemoval {
    const KIND: JobKind = JobKind::FillerWordRemoval;

    fn progress(&self) -> Progress<'_> {
        match &self.status {
            FillerWordRemovalStatus::Completed => Progress::Completed,
            FillerWordRemovalStatus::Failed => Progress::Failed {
                code: None,
                message: self.failure_message.as_deref(),
            },
            running => Progress::Running(running.as_str()),
        }
    }
}

/// A session is "done" for a wait as soon as it names its video; that video is waited for next.
impl Job for VideoAgentSession {
    const KIND: JobKind = JobKind::VideoAgentSession;

    fn progress(&self) -> Progress<'_> {
        if self.video_id.is_some() {
            return Progress::Completed;
        }
        match &self.status {
            VideoAgentSessionStatus::Failed => Progress::Failed {
                code: None,
                message: self.latest_error_message(),
            },
            VideoAgentSessionStatus::Completed => Progress::Failed {
                code: None,
                message: Some("the session completed without a video"),
            },
            running => Progress::Running(running.as_str()),
        }
    }
}

impl VideoAgentSession {
    /// The newest message of type `error` (messages come newest first).
    fn latest_error_message(&self) -> Option<&str> {
        self.messages
            .iter()
            .flatten()
            .find(|message| message.r#type == VideoAgentMessageType::Error)
            .map(|message| message.content.as_str())
    }
}

/// One wait, possibly over several jobs in a row, sharing one timeout.
struct Wait<'a> {
    client: &'a Client,
    options: &'a WaitOptions,
    /// Time spent so far: status reads as measured, pauses as the sleeper was asked for.
    elapsed: Duration,
}

impl<'a> Wait<'a> {
    fn new(client: &'a Client, options: &'a WaitOptions) -> Self {
        Wait {
            client,
            options,
            elapsed: Duration::ZERO,
        }
    }

    /// Reads the status of job `id` with `read` until it is completed, failed or out of time.
    async fn until_done<J, F, Fut>(&mut self, id: &str, mut read: F) -> Result<J>
    where
        J: Job,
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<J>>,
    {
        let mut polls = 0u32;
        let mut last_status = None;
        loop {
            // A read refused with `Retry-After` (after the client's own retries) is not repeated
            // sooner than the server asked.
            let mut asked_wait = None;
            let started = Instant::now();
            let answer = read().await;
            self.elapsed += started.elapsed();
            polls += 1;
            match answer {
                Ok(job) => match job.progress() {
                    Progress::Completed => return Ok(job),
                    Progress::Failed { code, message } => {
                        tracing::debug!(kind = %J::KIND, id, polls, "job failed");
                        return Err(JobError::Failed(JobFailed {
                            kind: J::KIND,
                            id: id.to_owned(),
                            code: code.map(str::to_owned),
                            message: message.map(str::to_owned),
                            polls,
                        })
                        .into());
                    }
                    Progress::Running(status) => {
                        tracing::debug!(kind = %J::KIND, id, status, polls, "job still running");
                        last_status = Some(status.to_owned());
                    }
                },
                // The job runs on whether or not one read of it failed.
                Err(error) if error.is_retryable() => {
                    tracing::debug!(kind = %J::KIND, id, polls, %error, "status read failed; polling on");
                    asked_wait = error.retry_after();
                }
                Err(error) => return Err(error),
            }
            let remaining = self.options.timeout.saturating_sub(self.elapsed);
            if remaining.is_zero() {
                return Err(JobError::TimedOut(JobTimedOut {
                    kind: J::KIND,
                    id: id.to_owned(),
                    last_status,
                    waited: self.elapsed,
                    polls,
                })
                .into());
            }
            // The last pause is shortened so that one final read happens at the deadline.
            let interval = self.options.interval(polls - 1);
            let pause = asked_wait.map_or(interval, |asked| asked.max(interval));
            let pause = pause.min(remaining);
            self.client.retry_policy().sleep(pause).await;
            self.elapsed += pause;
        }
    }

    async fn video(&mut self, video_id: &str) -> Result<Video> {
        let client = self.client;
        self.until_done(video_id, || client.get_video(video_id))
            .await
    }

    async fn video_translation(&mut self, id: &str) -> Result<VideoTranslation> {
        let client = self.client;
        self.until_done(id, || client.get_video_translation(id))
            .await
    }

    async fn video_agent_video(&mut self, session_id: &str) -> Result<Video> {
        let client = self.client;
        let session: VideoAgentSession = self
            .until_done(session_id, || client.get_video_agent_session(session_id))
            .await?;
        // `progress` reports a session done only once it names its video.
        let video_id = session.video_id.unwrap_or_default();
        self.video(&video_id).await
    }

    async fn lipsync(&mut self, lipsync_id: &str) -> Result<Lipsync> {
        let client = self.client;
        self.until_done(lipsync_id, || client.get_lipsync(lipsync_id))
            .await
    }

    async fn hyperframes_render(&mut self, render_id: &str) -> Result<HyperframesRender> {
        let client = self.client;
        self.until_done(render_id, || client.get_hyperframes_render(render_id))
            .await
    }

    async fn brand_kit(&mut self, brand_kit_id: &str) -> Result<BrandKitDetail> {
        let client = self.client;
        self.until_done(brand_kit_id, || client.get_brand_kit(brand_kit_id))
            .await
    }

    async fn filler_word_removal(&mut self, id: &str) -> Result<FillerWordRemoval> {
        let client = self.client;
        self.until_done(id, || client.get_filler_word_removal(id))
            .await
    }
}

/// Waiting for jobs, implemented for [`Client`]. Every wait returns the finished
/// resource, [`JobError::Failed`] when the job failed, [`JobError::TimedOut`] when it is still
/// running at the timeout, or the error of a status read that a retry cannot fix.
///
/// Bring the trait into scope to call its methods: `use heygen_api::jobs::JobsApi as _;`.
pub trait JobsApi: AsClient {
    /// Waits until video `video_id` is completed (`GET /v3/videos/{video_id}`).
    ///
    /// ```no_run
    /// # async fn run(client: heygen_api::Client) -> heygen_api::Result<()> {
    /// use heygen_api::jobs::{JobsApi as _, WaitOptions};
    ///
    /// let video = client.wait_for_video("VIDEO_ID", &WaitOptions::default()).await?;
    /// println!("{:?}", video.video_url);
    /// # Ok(()) }
    /// ```
    fn wait_for_video(
        &self,
        video_id: &str,
        options: &WaitOptions,
    ) -> impl Future<Output = Result<Video>> + Send {
        let client = self.client();
        async move { Wait::new(client, options).video(video_id).await }
    }

    /// Creates a video (`POST /v3/videos`) and waits until it is completed.
    ///
    /// `key` is the `Idempotency-Key` of the create (a fresh one when `None`); the timeout counts
    /// from the first status read.
    fn create_video_and_wait(
        &self,
        request: &CreateVideoRequest,
        key: Option<IdempotencyKey>,
        options: &WaitOptions,
    ) -> impl Future<Output = Result<Video>> + Send {
        let client = self.client();
        async move {
            let created = client.create_video(request, key).await?;
            Wait::new(client, options).video(&created.video_id).await
        }
    }

    /// Waits until video translation `video_translation_id` is completed
    /// (`GET /v3/video-translations/{video_translation_id}`).
    fn wait_for_video_translation(
        &self,
        video_translation_id: &str,
        options: &WaitOptions,
    ) -> impl Future<Output = Result<VideoTranslation>> + Send {
        let client = self.client();
        async move {
            Wait::new(client, options)
                .video_translation(video_translation_id)
                .await
        }
    }

    /// Creates a video translation (`POST /v3/video-translations`) and waits until every
    /// translation it started, one per output language, is completed.
    ///
    /// The translations are returned in the order of `video_translation_ids`; one timeout covers
    /// them all, and the first that fails ends the wait.
    fn create_video_translation_and_wait(
        &self,
        request: &CreateVideoTranslationRequest,
        key: Option<IdempotencyKey>,
        options: &WaitOptions,
    ) -> impl Future<Output = Result<Vec<VideoTranslation>>> + Send {
        let client = self.client();
        async move {
            let created = client.create_video_translation(request, key).await?;
            let mut wait = Wait::new(client, options);
            let mut finished = Vec::with_capacity(created.video_translation_ids.len());
            for id in &created.video_translation_ids {
                finished.push(wait.video_translation(id).await?);
            }
            Ok(finished)
        }
    }

    /// Waits until the video of video agent session `session_id` is completed: the session is
    /// read (`GET /v3/video-agents/{session_id}`) until it names its video, which is then read
    /// on `GET /v3/videos/{video_id}`.
    ///
    /// A session that fails, or completes without a video, is an [`JobError::Failed`] of kind
    /// [`JobKind::VideoAgentSession`]. A `chat` session waiting for an answer never names a video
    /// by itself: answer it with `send_video_agent_message`, or the wait times out.
    fn wait_for_video_agent_video(
        &self,
        session_id: &str,
        options: &WaitOptions,
    ) -> impl Future<Output = Result<Video>> + Send {
        let client = self.client();
        async move {
            Wait::new(client, options)
                .video_agent_video(session_id)
                .await
        }
    }

    /// Starts a video agent session (`POST /v3/video-agents`) and waits until its video is
    /// completed (`GET /v3/videos/{video_id}`), reading the session first when it did not name
    /// its video at once.
    fn create_video_agent_video_and_wait(
        &self,
        request: &CreateVideoAgentSessionRequest,
        options: &WaitOptions,
    ) -> impl Future<Output = Result<Video>> + Send {
        let client = self.client();
        async move {
            let created = client.create_video_agent_session(request).await?;
            let mut wait = Wait::new(client, options);
            match created.video_id {
                Some(video_id) => wait.video(&video_id).await,
                None if created.status == VideoAgentRunStatus::Failed => {
                    Err(JobError::Failed(JobFailed {
                        kind: JobKind::VideoAgentSession,
                        id: created.session_id,
                        code: None,
                        message: None,
                        polls: 0,
                    })
                    .into())
                }
                None => wait.video_agent_video(&created.session_id).await,
            }
        }
    }

    /// Waits until lipsync `lipsync_id` is completed (`GET /v3/lipsyncs/{lipsync_id}`).
    fn wait_for_lipsync(
        &self,
        lipsync_id: &str,
        options: &WaitOptions,
    ) -> impl Future<Output = Result<Lipsync>> + Send {
        let client = self.client();
        async move { Wait::new(client, options).lipsync(lipsync_id).await }
    }

    /// Creates a lipsync (`POST /v3/lipsyncs`) and waits until it is completed.
    fn create_lipsync_and_wait(
        &self,
        request: &CreateLipsyncRequest,
        key: Option<IdempotencyKey>,
        options: &WaitOptions,
    ) -> impl Future<Output = Result<Lipsync>> + Send {
        let client = self.client();
        async move {
            let created = client.create_lipsync(request, key).await?;
            Wait::new(client, options)
                .lipsync(&created.lipsync_id)
                .await
        }
    }

    /// Waits until HyperFrames render `id` is done (`GET /v3/hyperframes/renders/{render_id}`; HeyGen's own CLI polls every 10 s for up to an hour: consider a longer timeout).
    fn wait_for_hyperframes_render(
        &self,
        id: &str,
        options: &WaitOptions,
    ) -> impl Future<Output = Result<HyperframesRender>> + Send {
        let client = self.client();
        async move { Wait::new(client, options).hyperframes_render(id).await }
    }

    /// Creates a HyperFrames render (`create_hyperframes_render`) and waits until it is done.
    ///
    /// `key` is the `Idempotency-Key` of the create (a fresh one when `None`).
    fn create_hyperframes_render_and_wait(
        &self,
        request: &CreateHyperframesRenderRequest,
        key: Option<IdempotencyKey>,
        options: &WaitOptions,
    ) -> impl Future<Output = Result<HyperframesRender>> + Send {
        let client = self.client();
        async move {
            let created = client.create_hyperframes_render(request, key).await?;
            Wait::new(client, options)
                .hyperframes_render(&created.render_id)
                .await
        }
    }

    /// Waits until brand kit `id` is done (`GET /v3/brand-kits/{brand_kit_id}`; imports usually finish within two minutes, and HeyGen suggests polling every 2-5 s: consider a shorter `initial_interval`).
    fn wait_for_brand_kit(
        &self,
        id: &str,
        options: &WaitOptions,
    ) -> impl Future<Output = Result<BrandKitDetail>> + Send {
        let client = self.client();
        async move { Wait::new(client, options).brand_kit(id).await }
    }

    /// Creates a brand kit (`create_brand_kit`) and waits until it is done.
    ///
    /// `key` is the `Idempotency-Key` of the create (a fresh one when `None`).
    fn create_brand_kit_and_wait(
        &self,
        request: &CreateBrandKitRequest,
        key: Option<IdempotencyKey>,
        options: &WaitOptions,
    ) -> impl Future<Output = Result<BrandKitDetail>> + Send {
        let client = self.client();
        async move {
            let created = client.create_brand_kit(request, key).await?;
            Wait::new(client, options)
                .brand_kit(&created.brand_kit_id)
                .await
        }
    }

    /// Waits until filler-word removal `id` is done (`GET /v3/filler-word-removals/{filler_word_removal_id}`).
    fn wait_for_filler_word_removal(
        &self,
        id: &str,
        options: &WaitOptions,
    ) -> impl Future<Output = Result<FillerWordRemoval>> + Send {
        let client = self.client();
        async move { Wait::new(client, options).filler_word_removal(id).await }
    }

    /// Creates a filler-word removal (`create_filler_word_removal`) and waits until it is done.
    ///
    /// `key` is the `Idempotency-Key` of the create (a fresh one when `None`).
    fn create_filler_word_removal_and_wait(
        &self,
        request: &CreateFillerWordRemovalRequest,
        key: Option<IdempotencyKey>,
        options: &WaitOptions,
    ) -> impl Future<Output = Result<FillerWordRemoval>> + Send {
        let client = self.client();
        async move {
            let created = client.create_filler_word_removal(request, key).await?;
            Wait::new(client, options)
                .filler_word_removal(&created.filler_word_removal_id)
                .await
        }
    }
}

impl JobsApi for Client {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_double_from_two_to_thirty_seconds() {
        let options = WaitOptions::default().jitter(0.0);
        let intervals: Vec<u64> = (0..7)
            .map(|poll| options.interval(poll).as_secs())
            .collect();
        assert_eq!(intervals, [2, 4, 8, 16, 30, 30, 30]);
        let jittered = WaitOptions::default().interval(0);
        assert!(
            (Duration::from_millis(1500)..=Duration::from_millis(2500)).contains(&jittered),
            "{jittered:?}"
        );
    }

    #[test]
    fn failures_and_timeouts_say_what_and_which() {
        let failed = JobFailed {
            kind: JobKind::Lipsync,
            id: "ls_1".into(),
            code: None,
            message: Some("audio too short".into()),
            polls: 3,
        };
        assert_eq!(failed.to_string(), "lipsync `ls_1` failed: audio too short");
        let late = JobTimedOut {
            kind: JobKind::VideoTranslation,
            id: "vt_1".into(),
            last_status: Some("running".into()),
            waited: Duration::from_secs(60),
            polls: 5,
        };
        assert_eq!(
            late.to_string(),
            "video translation `vt_1` did not finish within 60 s (last status `running`, 5 status \
             reads); it may still finish: wait for it again"
        );
    }
}
