//! The storage service's answer to a direct upload.

use std::fmt;

use std::time::Duration;

use http::StatusCode;

/// A direct upload to storage failed before or at the storage service: the service refused the
/// `PUT`, or the upload instructions HeyGen returned (URL, headers) cannot be followed.
///
/// The presigned URL and the header values are never repeated here: they grant write access to
/// the stored object.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct StorageError {
    pub(crate) operation: &'static str,
    pub(crate) problem: StorageProblem,
    pub(crate) attempts: u32,
    pub(crate) earlier_attempt_may_have_applied: bool,
    /// The storage service's `Retry-After`, clamped; used by the retry loop only.
    pub(crate) retry_after: Option<Duration>,
}

/// What went wrong with a direct upload; see [`StorageError::problem`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StorageProblem {
    /// The storage service answered the `PUT` with an error status.
    Refused {
        /// The status it answered with.
        status: StatusCode,
        /// The start of its answer (storage errors are small XML documents), lossy UTF-8.
        body_prefix: Option<String>,
    },
    /// The upload instructions cannot be followed (a URL that is not `http(s)`, a header that
    /// cannot be sent); nothing was sent to storage.
    UnusableInstructions {
        /// What is wrong, naming the header but never its value.
        reason: String,
    },
}

impl StorageError {
    /// The storage service refused the upload.
    pub(crate) fn refused(
        operation: &'static str,
        status: StatusCode,
        body_prefix: Option<String>,
        attempts: u32,
        earlier_attempt_may_have_applied: bool,
    ) -> Self {
        StorageError {
            operation,
            problem: StorageProblem::Refused {
                status,
                body_prefix,
            },
            attempts,
            earlier_attempt_may_have_applied,
            retry_after: None,
        }
    }

    /// The upload instructions cannot be followed.
    pub(crate) fn unusable_instructions(
        operation: &'static str,
        reason: impl Into<String>,
    ) -> Self {
        StorageError {
            operation,
            problem: StorageProblem::UnusableInstructions {
                reason: reason.into(),
            },
            attempts: 0,
            earlier_attempt_may_have_applied: false,
            retry_after: None,
        }
    }

    /// The step that failed (`put_direct_upload`).
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// What went wrong.
    pub fn problem(&self) -> &StorageProblem {
        &self.problem
    }

    /// The status the storage service answered with, if it answered.
    pub fn status(&self) -> Option<StatusCode> {
        match &self.problem {
            StorageProblem::Refused { status, .. } => Some(*status),
            StorageProblem::UnusableInstructions { .. } => None,
        }
    }

    /// How many `PUT` attempts were made (0 when the instructions could not be followed).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Whether the upload may have been stored: on a 5xx, or when an earlier attempt got no
    /// answer or a 5xx.
    pub fn may_have_been_applied(&self) -> bool {
        self.earlier_attempt_may_have_applied
            || self.status().is_some_and(|status| status.is_server_error())
    }
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.problem {
            StorageProblem::Refused {
                status,
                body_prefix,
            } => {
                let reason = status.canonical_reason().unwrap_or("unknown status");
                write!(
                    f,
                    "`{}` failed with HTTP {}: the storage service refused the upload ({reason})",
                    self.operation,
                    status.as_u16()
                )?;
                if let Some(prefix) = body_prefix {
                    write!(f, "; body starts with {prefix:?}")?;
                }
                if self.attempts > 1 {
                    write!(f, " after {} attempts", self.attempts)?;
                }
                Ok(())
            }
            StorageProblem::UnusableInstructions { reason } => write!(
                f,
                "`{}`: the direct upload instructions cannot be followed: {reason}",
                self.operation
            ),
        }
    }
}

impl std::error::Error for StorageError {}
