//! Credentials: what authenticates each attempt, and where it comes from.
//!
//! A client holds either one fixed [`Credential`] or a [`CredentialProvider`], asked before
//! every attempt. When HeyGen answers `401` the provider may [`renew`](CredentialProvider::renew)
//! the credential once, and the call retries once with the new one. A credential is a
//! [`SecretString`] until the innermost layer of the client's stack puts it in a header marked
//! sensitive, for the API's own origin only: `Debug`, errors, logs and middleware never see it.

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use http::{HeaderName, HeaderValue};
use secrecy::{ExposeSecret, SecretString};

use crate::runtime::error::CredentialError;

/// The header an API key travels in.
pub(crate) const X_API_KEY: HeaderName = HeaderName::from_static("x-api-key");

/// One credential: an API key (sent as `x-api-key`) or an OAuth bearer token (sent as
/// `Authorization: Bearer`). HeyGen takes either, never both.
///
/// `Debug` shows which kind it is, never the secret.
#[derive(Clone)]
pub struct Credential(Kind);

#[derive(Clone)]
enum Kind {
    ApiKey(SecretString),
    Bearer(SecretString),
}

impl Credential {
    /// An API key.
    pub fn api_key(key: impl Into<String>) -> Credential {
        Credential(Kind::ApiKey(SecretString::from(key.into())))
    }

    /// An OAuth bearer token (without the `Bearer ` prefix).
    pub fn bearer(token: impl Into<String>) -> Credential {
        Credential(Kind::Bearer(SecretString::from(token.into())))
    }

    /// Whether this is a bearer token (rather than an API key).
    pub fn is_bearer(&self) -> bool {
        matches!(self.0, Kind::Bearer(_))
    }

    /// What it is, in words (`API key`, `bearer token`).
    pub(crate) fn what(&self) -> &'static str {
        match self.0 {
            Kind::ApiKey(_) => "API key",
            Kind::Bearer(_) => "bearer token",
        }
    }

    fn secret(&self) -> &str {
        match &self.0 {
            Kind::ApiKey(secret) | Kind::Bearer(secret) => secret.expose_secret(),
        }
    }

    /// What is wrong with it as a header value, if anything, without repeating it: empty, or
    /// with CR, LF or another control byte.
    pub(crate) fn problem(&self) -> Option<String> {
        let secret = self.secret();
        if secret.trim().is_empty() {
            return Some(format!("the {} is empty", self.what()));
        }
        // Checked on the bytes (what `HeaderValue` refuses, and tab), without copying the
        // secret into a header value first.
        if secret.bytes().any(|byte| byte.is_ascii_control()) {
            return Some(format!(
                "the {} is not a valid HTTP header value (it must be visible ASCII, without CR or LF)",
                self.what()
            ));
        }
        None
    }

    /// The header name and a value marked sensitive (so `http` and `reqwest` never print it,
    /// and HPACK never indexes it).
    pub(crate) fn header(&self) -> (HeaderName, HeaderValue) {
        let (name, value) = match &self.0 {
            Kind::ApiKey(key) => (X_API_KEY, HeaderValue::from_str(key.expose_secret())),
            Kind::Bearer(token) => {
                // The formatted copy of the token is wiped when dropped, like the token itself.
                let value = zeroize::Zeroizing::new(format!("Bearer {}", token.expose_secret()));
                (http::header::AUTHORIZATION, HeaderValue::from_str(&value))
            }
        };
        let mut value = value.unwrap_or_else(|_| HeaderValue::from_static(""));
        value.set_sensitive(true);
        (name, value)
    }

    /// Whether two credentials are the same secret of the same kind.
    fn same_as(&self, other: &Credential) -> bool {
        self.is_bearer() == other.is_bearer() && self.secret() == other.secret()
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.0 {
            Kind::ApiKey(_) => "ApiKey",
            Kind::Bearer(_) => "Bearer",
        };
        f.debug_tuple(kind).field(&REDACTED).finish()
    }
}

/// What `Debug` shows in place of a secret.
pub(crate) const REDACTED: &str = "[redacted]";

/// Where a client's credentials come from: asked before every attempt, and asked to renew one
/// HeyGen refused with `401`.
///
/// Implement it for OAuth (or any credential that expires); [`RenewingToken`] implements it for
/// a bearer token fetched by an async function. `credential` is called before every attempt, so
/// keep it cheap: cache, and renew in `renew` (or when your own expiry time says so).
///
/// ```
/// use heygen_api::{Credential, CredentialError, CredentialProvider};
///
/// struct Vault;
///
/// #[heygen_api::async_trait]
/// impl CredentialProvider for Vault {
///     async fn credential(&self) -> Result<Credential, CredentialError> {
///         Ok(Credential::bearer("token-from-the-vault"))
///     }
///
///     async fn renew(&self, _rejected: &Credential) -> Result<Option<Credential>, CredentialError> {
///         Ok(Some(Credential::bearer("a-fresh-token")))
///     }
/// }
///
/// let client = heygen_api::Client::builder().credentials(Vault).build()?;
/// # Ok::<(), heygen_api::Error>(())
/// ```
#[async_trait::async_trait]
pub trait CredentialProvider: Send + Sync + 'static {
    /// The credential for the next attempt.
    async fn credential(&self) -> Result<Credential, CredentialError>;

    /// HeyGen refused `rejected` with `401`: the credential to retry with once, or `None` to
    /// end the call with the `401` (the default). Called at most once per call.
    async fn renew(&self, rejected: &Credential) -> Result<Option<Credential>, CredentialError> {
        let _ = rejected;
        Ok(None)
    }
}

/// A bearer token fetched by an async function, kept until HeyGen refuses it, then fetched again.
///
/// Concurrent calls share one fetch: when several get `401` for the same token, the first
/// renews it and the others use the new one.
///
/// ```
/// use heygen_api::{Client, RenewingToken};
///
/// async fn fetch_token() -> Result<String, std::io::Error> {
///     // Ask your OAuth server for an access token.
///     Ok("access-token".to_owned())
/// }
///
/// let client = Client::builder()
///     .credentials(RenewingToken::new(fetch_token))
///     .build()?;
/// # Ok::<(), heygen_api::Error>(())
/// ```
pub struct RenewingToken<F> {
    fetch: F,
    current: tokio::sync::Mutex<Option<Credential>>,
}

impl<F> RenewingToken<F> {
    /// A token fetched by `fetch` when first needed and whenever HeyGen refuses it.
    pub fn new(fetch: F) -> RenewingToken<F> {
        RenewingToken {
            fetch,
            current: tokio::sync::Mutex::new(None),
        }
    }
}

impl<F> fmt::Debug for RenewingToken<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RenewingToken").finish_non_exhaustive()
    }
}

impl<F, Fut, E> RenewingToken<F>
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<String, E>> + Send,
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    async fn fetch(&self) -> Result<Credential, CredentialError> {
        match (self.fetch)().await {
            Ok(token) => Ok(Credential::bearer(token)),
            Err(error) => Err(CredentialError::provider(error)),
        }
    }
}

#[async_trait::async_trait]
impl<F, Fut, E> CredentialProvider for RenewingToken<F>
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<String, E>> + Send,
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    async fn credential(&self) -> Result<Credential, CredentialError> {
        let mut current = self.current.lock().await;
        if let Some(credential) = &*current {
            return Ok(credential.clone());
        }
        let fetched = self.fetch().await?;
        *current = Some(fetched.clone());
        Ok(fetched)
    }

    async fn renew(&self, rejected: &Credential) -> Result<Option<Credential>, CredentialError> {
        let mut current = self.current.lock().await;
        // Another call renewed it while this one waited: use that.
        if let Some(credential) = &*current
            && !credential.same_as(rejected)
        {
            return Ok(Some(credential.clone()));
        }
        let fetched = self.fetch().await?;
        *current = Some(fetched.clone());
        Ok(Some(fetched))
    }
}

/// A client's credentials: one fixed credential (its header built once), or a provider.
#[derive(Clone)]
pub(crate) enum Credentials {
    Fixed(Credential, (HeaderName, HeaderValue)),
    Provider(Arc<dyn CredentialProvider>),
}

/// The credential of one attempt: its header, and for a provider's, the credential itself (to
/// renew it after a `401`).
pub(crate) struct Presented {
    pub(crate) header: (HeaderName, HeaderValue),
    pub(crate) renewable: Option<Credential>,
}

impl Presented {
    fn of(credential: Credential) -> Presented {
        Presented {
            header: credential.header(),
            renewable: Some(credential),
        }
    }
}

impl Credentials {
    /// A fixed credential.
    pub(crate) fn fixed(credential: Credential) -> Credentials {
        let header = credential.header();
        Credentials::Fixed(credential, header)
    }

    /// The credential for the next attempt (checked: a provider may give anything).
    pub(crate) async fn current(&self) -> Result<Presented, CredentialError> {
        match self {
            Credentials::Fixed(_, header) => Ok(Presented {
                header: header.clone(),
                renewable: None,
            }),
            Credentials::Provider(provider) => {
                checked(provider.credential().await?).map(Presented::of)
            }
        }
    }

    /// A renewed credential after `rejected` was refused with `401`, if the provider gives one.
    pub(crate) async fn renew(
        &self,
        rejected: &Credential,
    ) -> Result<Option<Presented>, CredentialError> {
        match self {
            Credentials::Fixed(..) => Ok(None),
            Credentials::Provider(provider) => match provider.renew(rejected).await? {
                Some(renewed) => checked(renewed).map(|renewed| Some(Presented::of(renewed))),
                None => Ok(None),
            },
        }
    }

    /// The field `Debug` shows for these credentials, and what it shows.
    pub(crate) fn debug_field(&self) -> (&'static str, &'static str) {
        match self {
            Credentials::Fixed(credential, _) if credential.is_bearer() => {
                ("bearer_token", REDACTED)
            }
            Credentials::Fixed(..) => ("api_key", REDACTED),
            Credentials::Provider(_) => ("credentials", "provider"),
        }
    }
}

fn checked(credential: Credential) -> Result<Credential, CredentialError> {
    match credential.problem() {
        None => Ok(credential),
        Some(problem) => Err(CredentialError::provider(format!(
            "the provider gave an unusable credential: {problem}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: the credential header must be marked sensitive, so that `http` and `reqwest`
    /// never print it (HPACK also never indexes it).
    #[test]
    fn credential_headers_are_sensitive() {
        let (name, value) = Credential::api_key("sk-1").header();
        assert_eq!(
            (name.as_str(), value.to_str().unwrap()),
            ("x-api-key", "sk-1")
        );
        assert!(value.is_sensitive());
        assert_eq!(format!("{value:?}"), "Sensitive");
        let (name, value) = Credential::bearer("tok-1").header();
        assert_eq!(
            (name.as_str(), value.to_str().unwrap()),
            ("authorization", "Bearer tok-1")
        );
        assert!(value.is_sensitive());
    }

    #[test]
    fn debug_never_shows_the_secret() {
        assert_eq!(
            format!("{:?}", Credential::bearer("tok-1")),
            r#"Bearer("[redacted]")"#
        );
        assert_eq!(
            format!("{:?}", Credential::api_key("sk-1")),
            r#"ApiKey("[redacted]")"#
        );
    }

    #[test]
    fn unusable_credentials_are_named_without_their_value() {
        assert_eq!(
            Credential::bearer(" ").problem().unwrap(),
            "the bearer token is empty"
        );
        let problem = Credential::api_key("k\r\nx: y").problem().unwrap();
        assert!(problem.starts_with("the API key is not a valid HTTP header value"));
        assert!(!problem.contains("x: y"));
    }

    #[tokio::test]
    async fn a_renewing_token_fetches_once_and_again_only_when_refused() {
        use std::sync::atomic::{AtomicU32, Ordering};
        let fetches = Arc::new(AtomicU32::new(0));
        let counter = fetches.clone();
        let token = RenewingToken::new(move || {
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            async move { Ok::<_, std::io::Error>(format!("tok-{n}")) }
        });
        let first = token.credential().await.unwrap();
        let again = token.credential().await.unwrap();
        assert!(first.same_as(&again));
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
        let renewed = token.renew(&first).await.unwrap().unwrap();
        assert_eq!(renewed.secret(), "tok-2");
        // A second call refused with the old token gets the renewed one, without a fetch.
        let shared = token.renew(&first).await.unwrap().unwrap();
        assert!(shared.same_as(&renewed));
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
    }
}
