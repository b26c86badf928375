//! Header values the caller passes (API key, bearer token, user agent): one with CR or LF is refused
//! while building the client, before anything is sent, without echoing it; any other value goes on
//! the wire as exactly one header of its own, never a second, injected one.

use heygen_api::{Client, Error, RetryPolicy};
use proptest::prelude::*;

use super::runner;
use crate::api::Widgets;
use crate::scripted::{Answer, ScriptedServer};

/// A value long enough to be recognised, with a line break somewhere inside or at either end.
fn with_line_break() -> impl Strategy<Value = String> {
    (
        "[A-Za-z0-9]{0,12}",
        proptest::sample::select(vec!["\r", "\n", "\r\n", "\n\r", "\r\n\r\n"]),
        "[ -~]{0,24}",
        "[A-Za-z0-9]{8,16}",
    )
        .prop_map(|(before, line_break, after, marker)| {
            format!("{marker}{before}{line_break}{after}")
        })
}

fn refused_without_echo(error: Error, value: &str, header: &str) -> Result<(), TestCaseError> {
    let shown = format!("{error} {error:?}");
    prop_assert!(
        matches!(&error, Error::Config(config) if config.message() == format!("the {header} is not a valid HTTP header value (it must be visible ASCII, without CR or LF)")),
        "{shown}"
    );
    prop_assert!(!shown.contains(value.trim()), "{shown}");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1024,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_line_break_in_a_header_value_is_refused_before_sending(value in with_line_break()) {
        let key = Client::builder().api_key(value.as_str()).build().unwrap_err();
        refused_without_echo(key, &value, "API key")?;
        let token = Client::builder().bearer_token(value.as_str()).build().unwrap_err();
        refused_without_echo(token, &value, "bearer token")?;
        let agent = Client::builder().api_key("k").user_agent(value.as_str()).build().unwrap_err();
        refused_without_echo(agent, &value, "user agent")?;
    }
}

/// The header names a GET sends.
// `accept-encoding` is reqwest's: compressed answers are accepted and decoded.
const SENT: &[&str] = &[
    "host",
    "user-agent",
    "accept",
    "accept-encoding",
    "x-api-key",
];

#[test]
fn any_other_value_is_sent_as_exactly_one_header() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(ScriptedServer::start(vec![Answer::json(
        200,
        serde_json::json!({"data": {"id": "w-1"}}),
    )]));
    let values = prop_oneof![
        any::<String>(),
        "[ -~\t\u{e9}\u{0}-\u{1f}\u{7f}]{0,30}",
        "[a-z]{1,8}(: x|\r\nx-injected: 1|\u{0}|\u{85}|\u{2028})[a-z]{0,8}",
    ];
    runner(256)
        .run(&(values.clone(), values), |(api_key, user_agent)| {
            let built = Client::builder()
                .api_key(api_key.as_str())
                .user_agent(user_agent.as_str())
                .base_url(&server.url)
                .retry_policy(RetryPolicy::none())
                .build();
            let sent_before = server.count();
            let client = match built {
                Ok(client) => client,
                Err(error) => {
                    prop_assert!(matches!(error, Error::Config(_)), "{error:?}");
                    // Refused values are those a header cannot carry, or an empty credential.
                    let unsendable =
                        |value: &str| value.chars().any(|c| c.is_ascii_control() && c != '\t');
                    prop_assert!(
                        unsendable(&api_key)
                            || unsendable(&user_agent)
                            || api_key.trim().is_empty()
                            || api_key.contains('\t'),
                        "{api_key:?} / {user_agent:?}: {error}"
                    );
                    return Ok(());
                }
            };
            let result = runtime.block_on(client.get_widget("w-1"));
            prop_assert!(result.is_ok(), "{result:?}");
            prop_assert_eq!(server.count(), sent_before + 1);
            let request = server.requests().pop().unwrap();
            let names: Vec<&str> = request
                .headers
                .iter()
                .map(|(name, _)| name.as_str())
                .collect();
            prop_assert_eq!(names.len(), SENT.len(), "{:?}", names);
            for name in SENT {
                prop_assert!(names.contains(name), "{names:?}");
            }
            let sent = |name: &str| {
                request
                    .headers
                    .iter()
                    .find(|(given, _)| given == name)
                    .map(|(_, value)| value.clone())
                    .unwrap()
            };
            // HTTP drops the spaces around a value; everything else arrives byte for byte.
            let trimmed = |value: &str| value.trim_matches([' ', '\t']).as_bytes().to_vec();
            prop_assert_eq!(sent("x-api-key"), trimmed(&api_key));
            prop_assert_eq!(sent("user-agent"), trimmed(&user_agent));
            Ok(())
        })
        .unwrap();
}
