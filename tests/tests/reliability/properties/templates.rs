//! The path-template parser (`heygen_rules::template`), both ways. On any text it never panics;
//! what it accepts renders back to the template and can only ever be whole, clean segments; what
//! it refuses comes with errors whose byte ranges lie inside the template on character boundaries
//! (diagnostics point into the literal with them). And it does accept: every template valid by
//! construction is accepted with exactly its segments (and routes the requests for it), and the
//! same template broken in a known way is refused with the matching error. See [`check`],
//! [`check_valid`] and [`check_broken`].

use proptest::prelude::*;

use super::template_check::{Breakage, check, check_broken, check_valid, from_bytes, make_valid};
use heygen_rules::template::{Segment, parse};

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

/// Templates valid by construction: literals of plain path characters that are not `.`/`..`,
/// placeholders named like identifiers, each name once.
fn valid_segments() -> impl Strategy<Value = Vec<Segment>> {
    let segment = prop_oneof![
        "[A-Za-z0-9._~!$&'()*+,;=:@-]{1,8}".prop_map(Segment::Literal),
        "[a-z0-9._~-]{1,4}".prop_map(Segment::Literal),
        "[A-Za-z_][A-Za-z0-9_]{0,6}".prop_map(Segment::Param),
        // Few names, so that the renaming of duplicates is exercised.
        "[ab]".prop_map(Segment::Param),
    ];
    proptest::collection::vec(segment, 0..7).prop_map(make_valid)
}

fn breakage() -> impl Strategy<Value = Breakage> {
    (0..8usize, any::<usize>()).prop_map(|(pick, at)| Breakage::all(at)[pick])
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

    #[test]
    fn every_valid_template_is_accepted_as_built(segments in valid_segments()) {
        check_valid(&segments).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn every_known_mistake_is_refused(segments in valid_segments(), breakage in breakage()) {
        check_broken(&segments, breakage).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn the_fuzz_construction_is_valid_or_broken_as_it_says(data in any::<Vec<u8>>()) {
        let (segments, breakage) = from_bytes(&data);
        check_valid(&segments).map_err(TestCaseError::fail)?;
        if let Some(breakage) = breakage {
            check_broken(&segments, breakage).map_err(TestCaseError::fail)?;
        }
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
        assert!(parse(refused).is_err(), "{refused}");
    }
}

#[test]
fn the_constructions_cover_the_known_mistakes() {
    let segments = parse("/v3/videos/<video_id>/captions").unwrap();
    check_valid(&segments).unwrap();
    check_valid(&[]).unwrap();
    for breakage in Breakage::all(1) {
        check_broken(&segments, breakage).unwrap();
        check_broken(&[], breakage).unwrap();
    }
    // A parser that refused everything, or accepted everything, would fail one of the two.
    assert!(check_valid(&[Segment::Literal("..".into())]).is_err());
    assert!(check_valid(&[Segment::Param("a".into()), Segment::Param("a".into())]).is_err());
}
