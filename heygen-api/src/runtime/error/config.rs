//! A client configuration that cannot work.

use std::fmt;

/// The client configuration is invalid; [`ClientBuilder::build`](crate::ClientBuilder::build)
/// (or the call that found it) says what to change. The message never repeats a credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    message: String,
}

impl ConfigError {
    /// A configuration problem described by `message`.
    pub(crate) fn new(message: impl Into<String>) -> Self {
        ConfigError {
            message: message.into(),
        }
    }

    /// A setting that cannot be an HTTP header value (`API key`, `bearer token`, `user agent`);
    /// the value itself is not repeated.
    pub(crate) fn header_value(what: &str) -> Self {
        ConfigError::new(format!(
            "the {what} is not a valid HTTP header value (it must be visible ASCII, without CR or LF)"
        ))
    }

    /// What is wrong, and what to do instead.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}
