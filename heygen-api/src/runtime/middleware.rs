//! The client's middleware stack: what each attempt tells middleware, and the innermost layer
//! that adds the credential.
//!
//! Every attempt goes through a [`reqwest_middleware`] stack: the user's middleware in the order
//! given, then the credential layer, then a `reqwest::Client` that follows no redirect. The
//! credential is added last, and only to a request for the API's own origin, so no middleware
//! sees it and none can carry it elsewhere (a middleware that follows a redirect itself, or
//! rewrites the URL, sends its request without it).

use std::sync::Arc;

use http::{Extensions, HeaderName, HeaderValue};
use reqwest_middleware::{Middleware, Next};

use crate::runtime::credential::X_API_KEY;

/// The number of an attempt within one call: 1 for the first, 2 for the first retry, and so on.
///
/// Every request a middleware sees carries it in its extensions, beside the endpoint's
/// [`EndpointInfo`](crate::EndpointInfo):
///
/// ```
/// use heygen_api::{Attempt, EndpointInfo};
/// use heygen_api::reqwest_middleware::{Middleware, Next, Result};
///
/// struct LogAttempts;
///
/// #[heygen_api::async_trait]
/// impl Middleware for LogAttempts {
///     async fn handle(
///         &self,
///         request: heygen_api::reqwest::Request,
///         extensions: &mut heygen_api::http::Extensions,
///         next: Next<'_>,
///     ) -> Result<heygen_api::reqwest::Response> {
///         if let (Some(endpoint), Some(attempt)) =
///             (extensions.get::<EndpointInfo>(), extensions.get::<Attempt>())
///         {
///             println!("{} attempt {}", endpoint.name, attempt.number());
///         }
///         next.run(request, extensions).await
///     }
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Attempt(u32);

impl Attempt {
    pub(crate) fn new(number: u32) -> Attempt {
        Attempt(number)
    }

    /// The attempt's number, from 1.
    pub fn number(self) -> u32 {
        self.0
    }

    /// Whether this attempt is a retry (not the call's first).
    pub fn is_retry(self) -> bool {
        self.0 > 1
    }
}

/// The origin of the client's base URL: the only one its credential is sent to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiOrigin {
    scheme: String,
    host: String,
    port: Option<u16>,
}

impl ApiOrigin {
    /// The origin of `url`, which must have a host (base URLs are checked to have one).
    pub(crate) fn of(url: &url::Url) -> ApiOrigin {
        ApiOrigin {
            scheme: url.scheme().to_owned(),
            host: url.host_str().unwrap_or_default().to_owned(),
            port: url.port_or_known_default(),
        }
    }

    /// Whether `url` is on this origin (scheme, host and port, with default ports filled in).
    fn holds(&self, url: &url::Url) -> bool {
        url.scheme() == self.scheme
            && url.host_str() == Some(&self.host)
            && url.port_or_known_default() == self.port
    }
}

/// The credential of one attempt and the origin it may be sent to. Private, so middleware can
/// neither read it nor add one.
#[derive(Clone)]
pub(crate) struct AttemptCredential {
    pub(crate) origin: Arc<ApiOrigin>,
    pub(crate) name: HeaderName,
    pub(crate) value: HeaderValue,
}

impl AttemptCredential {
    /// The secret itself (a bearer token without its `Bearer ` prefix), to redact it from what a
    /// server echoes back.
    pub(crate) fn secret(&self) -> &str {
        let value = self.value.to_str().unwrap_or_default();
        value.strip_prefix("Bearer ").unwrap_or(value)
    }

    /// Puts the credential on `request` if it is for the API's origin; leaves a request for
    /// another origin without it. The one place a credential enters a request.
    pub(crate) fn attach(&self, request: &mut reqwest::Request) {
        if self.origin.holds(request.url()) {
            let headers = request.headers_mut();
            // Exactly one credential: HeyGen refuses a request with both.
            headers.remove(X_API_KEY);
            headers.remove(http::header::AUTHORIZATION);
            headers.insert(self.name.clone(), self.value.clone());
        } else {
            tracing::warn!("credential withheld: a middleware sent the request to another origin");
        }
    }
}

/// The innermost layer of a stack with middleware: puts the attempt's credential on a request
/// for the API's origin.
pub(crate) struct CredentialLayer;

#[async_trait::async_trait]
impl Middleware for CredentialLayer {
    async fn handle(
        &self,
        mut request: reqwest::Request,
        extensions: &mut Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        if let Some(credential) = extensions.get::<AttemptCredential>() {
            credential.attach(&mut request);
        }
        next.run(request, extensions).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_origin_is_scheme_host_and_port_with_defaults_filled_in() {
        let origin = ApiOrigin::of(&url::Url::parse("https://api.heygen.com/prefix").unwrap());
        let holds = |url: &str| origin.holds(&url::Url::parse(url).unwrap());
        assert!(holds("https://api.heygen.com/v3/videos?x=1"));
        assert!(holds("https://api.heygen.com:443/v3/videos"));
        assert!(!holds("http://api.heygen.com/v3/videos"));
        assert!(!holds("https://api.heygen.com:8443/v3/videos"));
        assert!(!holds("https://api.heygen.com.evil.example/v3/videos"));
        assert!(!holds("https://evil.example/api.heygen.com"));
    }
}
