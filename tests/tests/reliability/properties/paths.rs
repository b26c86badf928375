//! Any string as a path parameter, checked on the wire: it fills exactly one segment, which holds
//! no `/`, `?` or `#`, is never a dot segment, and percent-decodes back to the string; the values
//! that cannot be one segment (empty, `.`, `..`) are refused before anything is sent.

use heygen_api::{Error, InvalidInput, RetryPolicy};
use proptest::prelude::*;

use super::{percent_decode, runner};
use crate::api::Widgets;
use crate::scripted::{Answer, ScriptedServer};
use crate::support::builder;

const PREFIX: &str = "/v3/widgets/";

fn values() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[./?#%\\\\ a-z\u{e9}\u{0}-\u{1f}+&=;:@~]{0,12}",
        proptest::sample::select(vec![
            "", ".", "..", "...", "%2e", "%2E%2E", "..%2f", "./", "/..", "a/../b", "?", "#", "%",
            "%%", "%zz", "\u{ff0f}", "\u{2025}", " ", "\r\n",
        ])
        .prop_map(str::to_owned),
    ]
}

#[test]
fn any_value_fills_exactly_one_segment_or_is_refused_before_sending() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(ScriptedServer::start(vec![Answer::json(
        200,
        serde_json::json!({"data": {"id": "w-1"}}),
    )]));
    let client = builder(&server.url)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    runner(512)
        .run(&values(), |value| {
            let sent_before = server.count();
            let result = runtime.block_on(client.get_widget(&value));
            match value.as_str() {
                "" => prop_assert!(
                    matches!(
                        &result,
                        Err(Error::InvalidInput(InvalidInput::EmptyPathParam {
                            name: "widget_id"
                        }))
                    ),
                    "{result:?}"
                ),
                "." | ".." => prop_assert!(
                    matches!(
                        &result,
                        Err(Error::InvalidInput(InvalidInput::DotPathParam { .. }))
                    ),
                    "{result:?}"
                ),
                _ => {
                    let id = result.map(|widget| widget.id).ok();
                    prop_assert_eq!(id.as_deref(), Some("w-1"));
                    prop_assert_eq!(server.count(), sent_before + 1);
                    let target = server.requests().pop().unwrap().target;
                    let segment = target
                        .strip_prefix(PREFIX)
                        .unwrap_or_else(|| panic!("{target}"));
                    prop_assert!(!segment.contains(['/', '?', '#']), "{target}");
                    prop_assert!(!matches!(segment, "" | "." | ".."), "{target}");
                    // Dot segments are also recognised percent-encoded (`%2e`).
                    prop_assert!(
                        !matches!(
                            segment.to_ascii_lowercase().as_str(),
                            "%2e" | "%2e%2e" | ".%2e" | "%2e."
                        ),
                        "{target}"
                    );
                    prop_assert_eq!(percent_decode(segment), Some(value.clone()), "{}", target);
                    return Ok(());
                }
            }
            // Refused values send nothing.
            prop_assert_eq!(server.count(), sent_before);
            Ok(())
        })
        .unwrap();
}
