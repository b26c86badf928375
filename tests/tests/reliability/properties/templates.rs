//! The macro's path-template parser, on any text: it never panics; what it accepts renders back to
//! the template and can only ever be whole, clean segments; what it refuses comes with errors whose
//! byte ranges lie inside the template on character boundaries (diagnostics point into the
//! literal with them). See [`check`].

use proptest::prelude::*;

use super::template_check::check;

fn templates() -> impl Strategy<Value = String> {
    let segment = prop_oneof![
        "[a-z0-9_.~-]{1,8}",
        "<[a-z_][a-z0-9_]{0,6}>",
        "\\.{1,2}",
        "[<>{}a-z]{0,4}",
        "[ %?#\\\\\u{e9}\"!$&'()*+,;=:@]{1,3}",
    ];
    prop_oneof![
        proptest::collection::vec(segment, 0..6)
            .prop_map(|segments| format!("/{}", segments.join("/"))),
        "[/a-z0-9<>{}?#.\\\\ %_\u{e9}\u{1f600}-]{0,40}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 8192,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_template_parser_accepts_only_clean_segments(template in templates()) {
        check(&template).map_err(TestCaseError::fail)?;
    }
}

#[test]
fn the_check_itself_tells_good_from_bad() {
    for accepted in ["/", "/v3/videos/<video_id>", "/a/<b>/c-d.e~f"] {
        assert_eq!(check(accepted), Ok(()), "{accepted}");
    }
    for refused in [
        "", "v3", "/a//b", "/a/", "/a?b", "/<a>/<a>", "/x<a>", "/../a", "/a b",
    ] {
        assert_eq!(check(refused), Ok(()), "{refused}");
        assert!(
            super::template_check::template::parse(refused).is_err(),
            "{refused}"
        );
    }
}
