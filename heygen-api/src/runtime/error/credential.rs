//! A credential the client's provider could not give.

use std::fmt;

use super::Source;

/// The client's [`CredentialProvider`](crate::CredentialProvider) failed: it gave no
/// credential for an attempt, or none in place of one HeyGen refused with `401`.
///
/// The message is the provider's error; the credential itself is never part of it.
#[derive(Debug)]
#[non_exhaustive]
pub struct CredentialError {
    pub(crate) operation: &'static str,
    pub(crate) renewing: bool,
    pub(crate) attempts: u32,
    pub(crate) earlier_attempt_may_have_applied: bool,
    pub(crate) source: Source,
}

impl CredentialError {
    /// A provider's failure, to return from
    /// [`CredentialProvider::credential`](crate::CredentialProvider::credential) or
    /// [`renew`](crate::CredentialProvider::renew) (the call fills in the rest).
    pub fn provider(source: impl Into<Source>) -> CredentialError {
        CredentialError {
            operation: "",
            renewing: false,
            attempts: 0,
            earlier_attempt_may_have_applied: false,
            source: source.into(),
        }
    }

    /// The endpoint's method name whose call needed the credential.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// Whether the provider failed to renew a credential HeyGen refused (rather than to give
    /// the first one).
    pub fn renewing(&self) -> bool {
        self.renewing
    }

    /// How many attempts were sent before the provider failed.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Whether an attempt sent before the provider failed may have been applied.
    pub fn earlier_attempt_may_have_applied(&self) -> bool {
        self.earlier_attempt_may_have_applied
    }
}

impl fmt::Display for CredentialError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.renewing {
            true => "could not renew the credential HeyGen refused",
            false => "could not get a credential",
        };
        write!(
            f,
            "request not sent: `{}` {what}: {}",
            self.operation, self.source
        )?;
        if self.attempts > 0 {
            let plural = if self.attempts == 1 { "" } else { "s" };
            write!(f, " ({} attempt{plural} sent before)", self.attempts)?;
        }
        Ok(())
    }
}

impl std::error::Error for CredentialError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(self.source.as_ref())
    }
}
