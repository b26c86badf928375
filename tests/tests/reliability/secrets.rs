//! Every public type that holds a secret, and errors from every stage, with tracing at TRACE
//! captured: neither the API key, a bearer token, the local server's key nor a webhook secret
//! appears in `Debug`, `Display`, an error chain or the log.

use std::error::Error as StdError;
use std::fmt::Debug;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use heygen_api::jobs::{JobsApi as _, WaitOptions};
use heygen_api::webhooks::{
    CreateWebhookEndpointRequest, WebhookEventType, WebhookSecret, WebhookVerifier, WebhooksApi,
    header_map_lookup,
};
use heygen_api::{Client, IdempotencyKey, RetryPolicy, Stage};
use heygen_fake::{LocalServer, LocalServerError};

use crate::api::{NewWidget, Widgets};
use crate::scripted::{Answer, ScriptedServer};
use crate::support::{API_KEY, closed_port_url};

const BEARER: &str = "oauth-reliability-token-3c9f51";
const WEBHOOK_SECRET: &str = "whsec_reliabilityFixedSecret42";
/// A secret inside a body that does not decode: the error keeps the body's start, masked.
const SECRET_IN_BODY: &str = "whsec_bodyLeakCandidate77";
/// A wrong key sent to the local server: refused, and not repeated either.
const WRONG_KEY: &str = "wrong-key-never-shown-0a1b";

/// Set in the child process that exercises the types.
const CHILD: &str = "HEYGEN_RELIABILITY_SECRETS_CHILD";
/// What the child prints once it has checked everything.
const DONE: &str = "secrets checked:";

/// Runs [`exercise_every_secret_holder`] alone in a child process, where a global subscriber
/// installed before any call sees every event (a subscriber scoped to one test thread can miss
/// events whose callsites tests running in parallel registered first).
#[test]
fn no_secret_shows_in_debug_display_errors_or_trace_logs() {
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "secrets::exercise_every_secret_holder",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, "1")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{text}");
    assert!(text.contains("1 passed"), "{text}");
    assert!(text.contains(DONE), "{text}");
    for secret in [API_KEY, BEARER, WEBHOOK_SECRET, SECRET_IN_BODY, WRONG_KEY] {
        assert!(!text.contains(secret), "{secret} in the child's output");
    }
}

/// The log, captured in memory.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<u8>>>);

impl Write for Log {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Everything rendered of the values under test.
#[derive(Default)]
struct Shown(Vec<String>);

impl Shown {
    /// `Debug`, pretty `Debug`, and into the log too.
    fn debug(&mut self, what: &str, value: &impl Debug) {
        let text = format!("{value:?}\n{value:#?}");
        tracing::trace!(what, ?value, "rendered");
        self.0.push(text);
    }

    /// `Debug`, `Display` and every source in the chain.
    fn error(&mut self, what: &str, error: &(dyn StdError + 'static)) {
        let mut text = format!("{error}\n{error:?}\n{error:#?}");
        let mut source = error.source();
        while let Some(cause) = source {
            text.push_str(&format!("\ncaused by: {cause}\n{cause:?}"));
            source = cause.source();
        }
        tracing::error!(what, error = %error, debug = ?error, "failed");
        self.0.push(text);
    }
}

fn client_for(base_url: &str) -> Client {
    Client::builder()
        .api_key(API_KEY)
        .base_url(base_url)
        .retry_policy(RetryPolicy::instant())
        .build()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run in a child process by no_secret_shows_in_debug_display_errors_or_trace_logs"]
async fn exercise_every_secret_holder() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    let log = Log::default();
    let writer = log.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .init();

    let mut secrets: Vec<String> = [API_KEY, BEARER, WEBHOOK_SECRET, SECRET_IN_BODY, WRONG_KEY]
        .map(str::to_owned)
        .to_vec();
    let mut shown = Shown::default();

    // Clients and builders, with either credential.
    let builder = Client::builder().api_key(API_KEY);
    shown.debug("builder with key", &builder);
    shown.debug("client with key", &builder.build().unwrap());
    let builder = Client::builder().bearer_token(BEARER);
    shown.debug("builder with token", &builder);
    let token_client = builder.build().unwrap();
    shown.debug("client with token", &token_client);
    shown.debug(
        "builder with both",
        &Client::builder().api_key(API_KEY).bearer_token(BEARER),
    );

    // Webhook secrets and verifiers.
    let secret = WebhookSecret::new(WEBHOOK_SECRET);
    shown.debug("webhook secret", &secret);
    shown.0.push(secret.fingerprint());
    let verifier = WebhookVerifier::new(secret.clone()).with_secret("whsec_other");
    shown.debug("verifier", &verifier);

    // The local server, its answers with secrets, and deliveries.
    let server = LocalServer::start().await.unwrap();
    secrets.push(server.api_key().to_owned());
    shown.debug("local server", &server);
    shown.debug(
        "local server builder",
        &LocalServer::builder().api_key(WRONG_KEY),
    );
    let local = Client::builder()
        .api_key(server.api_key())
        .base_url(server.base_url())
        .build()
        .unwrap();
    let created = local
        .create_webhook_endpoint(
            &CreateWebhookEndpointRequest::new("https://example.com/hook"),
            None,
        )
        .await
        .unwrap();
    let first_secret = created.secret.clone().expect("returned on create");
    secrets.push(first_secret.expose_secret().to_owned());
    shown.debug("created endpoint", &created);
    let key = IdempotencyKey::new("rotate-1").unwrap();
    let rotated = local
        .rotate_webhook_secret(&created.endpoint_id, Some(key))
        .await
        .unwrap();
    secrets.push(rotated.secret.expose_secret().to_owned());
    shown.debug("rotation", &rotated);
    let (body, headers) = server
        .deliver_test_event(&created.endpoint_id, WebhookEventType::AvatarVideoSuccess)
        .unwrap();
    let rotating = WebhookVerifier::new(rotated.secret.clone()).with_secret(first_secret);
    shown.debug("rotating verifier", &rotating);
    let delivery = rotating.verify(&body, header_map_lookup(&headers)).unwrap();
    shown.debug("verified delivery", &delivery);
    let refused = verifier
        .verify(&body, header_map_lookup(&headers))
        .unwrap_err();
    shown.error("verification with the wrong secret", &refused);
    let unknown = server
        .deliver_test_event("ep_missing", WebhookEventType::AvatarVideoSuccess)
        .unwrap_err();
    assert!(matches!(unknown, LocalServerError::UnknownEndpoint(_)));
    shown.error("local server error", &unknown);

    // An error from every stage a call can reach.
    let not_built = Client::builder()
        .api_key(format!("{API_KEY}\r\nx-evil: 1"))
        .build()
        .unwrap_err();
    shown.error("not built: header value", &not_built);
    let not_built = Client::builder()
        .bearer_token(BEARER)
        .api_key(API_KEY)
        .build()
        .unwrap_err();
    shown.error("not built: two credentials", &not_built);
    let not_built = token_client.get_widget("").await.unwrap_err();
    shown.error("not built: empty path", &not_built);
    shown.error(
        "invalid key",
        &IdempotencyKey::new(format!("{BEARER} ")).unwrap_err(),
    );

    let not_sent = client_for(&closed_port_url().await)
        .create_widget_keyed(&NewWidget::named("n"), None)
        .await
        .unwrap_err();
    shown.error("not sent", &not_sent);

    let hang_up = ScriptedServer::start(vec![Answer::HangUp]).await;
    let token_client = Client::builder()
        .bearer_token(BEARER)
        .base_url(&hang_up.url)
        .retry_policy(RetryPolicy::instant())
        .build()
        .unwrap();
    let no_response = token_client.get_widget("w-1").await.unwrap_err();
    shown.error("no response", &no_response);
    assert_eq!(
        hang_up.requests()[0].header("authorization"),
        [format!("Bearer {BEARER}")]
    );

    let refused_key = Client::builder()
        .api_key(WRONG_KEY)
        .base_url(server.base_url())
        .build()
        .unwrap()
        .create_webhook_endpoint(
            &CreateWebhookEndpointRequest::new("https://example.com/x"),
            None,
        )
        .await
        .unwrap_err();
    shown.error("error response: wrong key", &refused_key);
    let not_found = local
        .rotate_webhook_secret("ep_missing", None)
        .await
        .unwrap_err();
    shown.error("error response: not found", &not_found);

    let undecodable = ScriptedServer::start(vec![Answer::json(
        200,
        serde_json::json!({"data": {"secret": SECRET_IN_BODY, "endpoint_id": 7}}),
    )])
    .await;
    let decode = client_for(&undecodable.url)
        .create_webhook_endpoint(
            &CreateWebhookEndpointRequest::new("https://example.com/y"),
            None,
        )
        .await
        .unwrap_err();
    shown.error("undecodable response", &decode);
    let rotation_body = ScriptedServer::start(vec![Answer::json(
        500,
        serde_json::json!({"secret": SECRET_IN_BODY}),
    )])
    .await;
    let error_with_secret = client_for(&rotation_body.url)
        .rotate_webhook_secret("ep_1", None)
        .await
        .unwrap_err();
    shown.error(
        "error response with a secret in its body",
        &error_with_secret,
    );

    // The job stage: a wait that ends as failed, and one still running at its timeout.
    let video = |status: &str| {
        Answer::json(
            200,
            serde_json::json!({"data": {"id": "v-1", "status": status}}),
        )
    };
    let failed_job = ScriptedServer::start(vec![video("failed")]).await;
    let job_failed = client_for(&failed_job.url)
        .wait_for_video("v-1", &WaitOptions::default())
        .await
        .unwrap_err();
    assert_eq!(job_failed.stage(), Stage::Job);
    shown.error("job failed", &job_failed);
    let running_job = ScriptedServer::start(vec![video("processing")]).await;
    let job_timed_out = client_for(&running_job.url)
        .wait_for_video(
            "v-1",
            &WaitOptions::default().timeout(Duration::from_secs(60)),
        )
        .await
        .unwrap_err();
    assert_eq!(job_timed_out.stage(), Stage::Job);
    shown.error("job timed out", &job_timed_out);

    // Nothing shown and nothing logged holds a secret.
    let logged = String::from_utf8_lossy(&log.0.lock().unwrap()).into_owned();
    assert!(
        logged.contains("heygen.request"),
        "the calls were not logged"
    );
    for secret in &secrets {
        assert!(
            !logged.contains(secret.as_str()),
            "a secret is in the log:\n{logged}"
        );
        for text in &shown.0 {
            assert!(!text.contains(secret.as_str()), "a secret is shown: {text}");
        }
    }
    println!(
        "{DONE} {} secrets against {} renderings and {} bytes of TRACE log",
        secrets.len(),
        shown.0.len(),
        logged.len()
    );
}
