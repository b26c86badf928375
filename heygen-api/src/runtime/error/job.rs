//! A job that a wait followed failed or did not finish.

use std::fmt;
use std::time::Duration;

/// A job waited for by a [`jobs`](crate::jobs) helper did not end well. Every request of the wait
/// succeeded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JobError {
    /// The job ended as `failed`. Calling again with the same input usually fails the same way:
    /// fix what [`JobFailed::message`] names.
    #[error(transparent)]
    Failed(JobFailed),
    /// The job did not finish within the wait's timeout. It keeps running on HeyGen's side: wait
    /// for [`JobTimedOut::id`] again, with a longer timeout, rather than creating it a second
    /// time.
    #[error(transparent)]
    TimedOut(JobTimedOut),
}

impl JobError {
    /// What kind of job it is.
    pub fn kind(&self) -> JobKind {
        match self {
            JobError::Failed(failed) => failed.kind,
            JobError::TimedOut(timed_out) => timed_out.kind,
        }
    }

    /// The job's id.
    pub fn id(&self) -> &str {
        match self {
            JobError::Failed(failed) => &failed.id,
            JobError::TimedOut(timed_out) => &timed_out.id,
        }
    }

    /// How many times the job's status was read.
    pub fn polls(&self) -> u32 {
        match self {
            JobError::Failed(failed) => failed.polls,
            JobError::TimedOut(timed_out) => timed_out.polls,
        }
    }
}

/// The kind of job a wait followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum JobKind {
    /// A video (`GET /v3/videos/{video_id}`), including one a video agent renders.
    Video,
    /// A video translation (`GET /v3/video-translations/{video_translation_id}`).
    VideoTranslation,
    /// A video agent session that has not started its video yet
    /// (`GET /v3/video-agents/{session_id}`).
    VideoAgentSession,
    /// A lipsync (`GET /v3/lipsyncs/{lipsync_id}`).
    Lipsync,
    /// A HyperFrames render (`GET /v3/hyperframes/renders/{render_id}`).
    HyperframesRender,
    /// A brand kit being imported (`GET /v3/brand-kits/{brand_kit_id}`).
    BrandKit,
    /// A filler-word removal (`GET /v3/filler-word-removals/{filler_word_removal_id}`).
    FillerWordRemoval,
}

impl JobKind {
    /// What the job is, in words (`video translation`).
    pub fn as_str(self) -> &'static str {
        match self {
            JobKind::Video => "video",
            JobKind::VideoTranslation => "video translation",
            JobKind::VideoAgentSession => "video agent session",
            JobKind::Lipsync => "lipsync",
            JobKind::HyperframesRender => "HyperFrames render",
            JobKind::BrandKit => "brand kit",
            JobKind::FillerWordRemoval => "filler-word removal",
        }
    }
}

impl fmt::Display for JobKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A job ended as `failed`; see [`JobError::Failed`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct JobFailed {
    pub(crate) kind: JobKind,
    pub(crate) id: String,
    pub(crate) code: Option<String>,
    pub(crate) message: Option<String>,
    pub(crate) polls: u32,
}

impl JobFailed {
    /// What kind of job failed.
    pub fn kind(&self) -> JobKind {
        self.kind
    }

    /// The job's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// HeyGen's machine-readable failure reason, when it gave one (videos do).
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// HeyGen's description of the failure, when it gave one.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// How many times the job's status was read.
    pub fn polls(&self) -> u32 {
        self.polls
    }
}

impl fmt::Display for JobFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} `{}` failed", self.kind, self.id)?;
        match (&self.code, &self.message) {
            (Some(code), Some(message)) => write!(f, ": {code}: {message}"),
            (Some(code), None) => write!(f, ": {code}"),
            (None, Some(message)) => write!(f, ": {message}"),
            (None, None) => f.write_str(" without giving a reason"),
        }
    }
}

impl std::error::Error for JobFailed {}

/// A job did not finish within the wait's timeout; see [`JobError::TimedOut`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct JobTimedOut {
    pub(crate) kind: JobKind,
    pub(crate) id: String,
    pub(crate) last_status: Option<String>,
    pub(crate) waited: Duration,
    pub(crate) polls: u32,
}

impl JobTimedOut {
    /// What kind of job is still running.
    pub fn kind(&self) -> JobKind {
        self.kind
    }

    /// The job's id: wait for it again with this.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The status the last successful read saw (`processing`), if any read succeeded.
    pub fn last_status(&self) -> Option<&str> {
        self.last_status.as_deref()
    }

    /// How long the wait lasted.
    pub fn waited(&self) -> Duration {
        self.waited
    }

    /// How many times the job's status was read.
    pub fn polls(&self) -> u32 {
        self.polls
    }
}

impl fmt::Display for JobTimedOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} `{}` did not finish within {}",
            self.kind,
            self.id,
            crate::runtime::error::Human(self.waited)
        )?;
        if let Some(status) = &self.last_status {
            write!(f, " (last status `{status}`")?;
        } else {
            f.write_str(" (its status could not be read")?;
        }
        write!(
            f,
            ", {} status reads); it may still finish: wait for it again",
            self.polls
        )
    }
}

impl std::error::Error for JobTimedOut {}
