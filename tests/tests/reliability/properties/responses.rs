//! Any status code, any body bytes and any `Retry-After` text: the call ends with a result or an
//! error that matches the status, never with a panic or a hang, and waits no longer than the clamp.

use std::time::Duration;

use heygen_api::Stage;
use proptest::prelude::*;

use super::runner;
use crate::api::Widgets;
use crate::scripted::{Answer, ScriptedServer};
use crate::support::{Delays, builder};

/// The most an error keeps of an unexpected body, in bytes of lossy UTF-8 (each byte can become a
/// three-byte replacement character).
const PREFIX_CHARS: usize = 512;

fn bodies() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..4096),
        // Near-misses of the shapes the client looks for.
        "\\{\"data\": \\{\"id\": \"[a-z0-9]{0,6}\"\\}\\}".prop_map(String::into_bytes),
        "\\{\"data\": (null|\\[\\]|1|\"x\"|\\{\\})\\}".prop_map(String::into_bytes),
        "\\{\"error\": \\{\"code\": \"[a-z_]{0,20}\", \"message\": \"[ -~]{0,40}\"\\}\\}"
            .prop_map(String::into_bytes),
        "\\{\"error\": (null|1|\"x\"|\\{\\}|\\[\\])\\}".prop_map(String::into_bytes),
        "[ \t\r\n]{0,8}".prop_map(String::into_bytes),
    ]
}

fn retry_after() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(prop_oneof![
        "[0-9]{1,30}",
        "-?[0-9]{1,5}(\\.[0-9]{1,3})?",
        "(Mon|Sun|Xyz), [0-9]{1,2} (Jan|Dec|Foo) [0-9]{1,5} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT",
        "[ -~]{0,30}",
    ])
}

#[test]
fn any_status_and_body_end_in_a_result_that_matches_the_status() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(ScriptedServer::start(vec![Answer::HangUp]));
    let delays = Delays::default();
    let client = builder(&server.url)
        .retry_policy(delays.policy().max_retries(1))
        .read_timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let cases = (100u16..=999, bodies(), retry_after());
    runner(384)
        .run(&cases, |(status, body, retry_after)| {
            let mut headers = vec![("content-type", "application/json".to_owned())];
            if let Some(value) = &retry_after {
                headers.push(("retry-after", value.trim().to_owned()));
            }
            server.answer_all_with(Answer::Respond {
                status,
                headers,
                body: body.clone(),
            });
            let result = runtime.block_on(client.get_widget("w-1"));
            let success = (200..300).contains(&status);
            match &result {
                Ok(widget) => {
                    prop_assert!(success, "{status} gave {widget:?}");
                    let text = String::from_utf8_lossy(&body);
                    prop_assert!(text.contains(&widget.id), "{widget:?} from {text}");
                }
                Err(error) => {
                    let shown = format!("{error} {error:?}");
                    match error.stage() {
                        Stage::ErrorResponse => {
                            prop_assert!(!success, "{status}: {shown}");
                            prop_assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
                        }
                        Stage::UndecodableResponse => {
                            prop_assert!(success, "{status}: {shown}");
                            let heygen_api::Error::Decode(decode) = error else {
                                unreachable!()
                            };
                            prop_assert!(decode.body_prefix().chars().count() <= PREFIX_CHARS);
                        }
                        // Informational statuses are not answers; the client reads past them.
                        Stage::NoResponse => prop_assert!(status < 200, "{status}: {shown}"),
                        other => {
                            return Err(TestCaseError::fail(format!(
                                "{status}: {other:?} {shown}"
                            )));
                        }
                    }
                    if let heygen_api::Error::Api(api) = error {
                        let kept = api.body_prefix().unwrap_or_default();
                        prop_assert!(kept.chars().count() <= PREFIX_CHARS);
                        prop_assert!(
                            api.retry_after()
                                .is_none_or(|wait| wait <= Duration::from_secs(30))
                        );
                    }
                }
            }
            // A Retry-After, however absurd, never makes the client wait past the clamp.
            for delay in delays.recorded() {
                prop_assert!(
                    delay <= Duration::from_secs(30),
                    "{delay:?} for {retry_after:?}"
                );
            }
            Ok(())
        })
        .unwrap();
}
