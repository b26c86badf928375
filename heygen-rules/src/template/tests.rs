//! Every rule of the template grammar, and matching request paths.

use super::*;
use TemplateErrorKind::*;

fn lit(text: &str) -> Segment {
    Segment::Literal(text.to_owned())
}

fn param(name: &str) -> Segment {
    Segment::Param(name.to_owned())
}

/// The errors of a template as (culprit text, kind).
fn errors(template: &str) -> Vec<(&str, TemplateErrorKind)> {
    parse(template)
        .expect_err(template)
        .into_iter()
        .map(|e| (&template[e.range], e.kind))
        .collect()
}

#[test]
fn literal_and_placeholder_segments() {
    assert_eq!(
        parse("/v3/webhooks/endpoints/<endpoint_id>/rotate-secret").unwrap(),
        vec![
            lit("v3"),
            lit("webhooks"),
            lit("endpoints"),
            param("endpoint_id"),
            lit("rotate-secret"),
        ]
    );
    assert_eq!(
        parse("/v3/<a>/<b_2>").unwrap(),
        vec![lit("v3"), param("a"), param("b_2")]
    );
    assert_eq!(
        parse("/v1/video_status.get").unwrap(),
        vec![lit("v1"), lit("video_status.get")]
    );
    assert_eq!(parse("/a:b@c~d").unwrap(), vec![lit("a:b@c~d")]);
    assert_eq!(parse("/<_id>").unwrap(), vec![param("_id")]);
}

#[test]
fn root_has_no_segments() {
    assert_eq!(parse("/").unwrap(), Vec::new());
}

#[test]
fn empty_template() {
    assert_eq!(errors(""), vec![("", Empty)]);
}

#[test]
fn missing_leading_slash() {
    assert_eq!(
        errors("v3/videos"),
        vec![("v", MissingLeadingSlash("/v3/videos".into()))]
    );
}

#[test]
fn empty_and_trailing_segments() {
    assert_eq!(errors("/v3//videos"), vec![("//", EmptySegment)]);
    assert_eq!(errors("//v3"), vec![("//", EmptySegment)]);
    assert_eq!(errors("/v3/videos/"), vec![("/", TrailingSlash)]);
    let found = parse("/v3/videos/").unwrap_err();
    assert_eq!(found[0].range, 10..11);
}

#[test]
fn query_and_fragment() {
    assert_eq!(
        errors("/v3/videos?limit=5"),
        vec![("?limit=5", QueryString)]
    );
    assert_eq!(errors("/v3/videos#top"), vec![("#top", Fragment)]);
    assert_eq!(errors("/v3/videos?a#b"), vec![("?a#b", QueryString)]);
}

#[test]
fn forbidden_characters() {
    assert_eq!(errors("/v3\\videos"), vec![("\\", Backslash)]);
    assert_eq!(errors("/v3/my videos"), vec![(" ", ForbiddenChar(' '))]);
    assert_eq!(errors("/v3/a%20b"), vec![("%", ForbiddenChar('%'))]);
    assert_eq!(errors("/v3/vidéos"), vec![("é", ForbiddenChar('é'))]);
    assert_eq!(errors("/v3/a\"b"), vec![("\"", ForbiddenChar('"'))]);
}

#[test]
fn dot_segments() {
    assert_eq!(errors("/v3/../x"), vec![("..", DotSegment("..".into()))]);
    assert_eq!(errors("/v3/./x"), vec![(".", DotSegment(".".into()))]);
}

#[test]
fn placeholder_must_be_a_whole_segment() {
    assert_eq!(
        errors("/a/x<id>"),
        vec![("x<id>", PartialPlaceholder("x<id>".into()))]
    );
    assert_eq!(
        errors("/a/<id>.json"),
        vec![("<id>.json", PartialPlaceholder("<id>.json".into()))]
    );
    assert_eq!(
        errors("/a/<x><y>"),
        vec![("<x><y>", PartialPlaceholder("<x><y>".into()))]
    );
}

#[test]
fn malformed_placeholders() {
    assert_eq!(
        errors("/a/<id"),
        vec![("<id", UnclosedPlaceholder("<id".into()))]
    );
    assert_eq!(
        errors("/a/x<id/b"),
        vec![("<id", UnclosedPlaceholder("<id".into()))]
    );
    assert_eq!(errors("/a/id>"), vec![(">", UnopenedPlaceholder)]);
    assert_eq!(errors("/a/>id<"), vec![(">", UnopenedPlaceholder)]);
    assert_eq!(errors("/a/<>"), vec![("<>", EmptyPlaceholder)]);
    assert_eq!(
        errors("/a/<video id>"),
        vec![("<video id>", InvalidPlaceholderName("video id".into()))]
    );
    assert_eq!(
        errors("/a/<1st>"),
        vec![("<1st>", InvalidPlaceholderName("1st".into()))]
    );
    assert_eq!(
        errors("/a/<_>"),
        vec![("<_>", InvalidPlaceholderName("_".into()))]
    );
    assert_eq!(
        errors("/a/{video_id}"),
        vec![("{video_id}", BracePlaceholder("video_id".into()))]
    );
}

#[test]
fn duplicate_placeholder() {
    assert_eq!(
        errors("/a/<id>/b/<id>"),
        vec![("<id>", DuplicatePlaceholder("id".into()))]
    );
    let found = parse("/a/<id>/b/<id>").unwrap_err();
    assert_eq!(found[0].range, 10..14);
}

#[test]
fn every_error_is_reported() {
    assert_eq!(
        errors("v3//<>/x<y>?q"),
        vec![
            ("?q", QueryString),
            ("v", MissingLeadingSlash("/v3//<>/x<y>?q".into())),
            ("//", EmptySegment),
            ("<>", EmptyPlaceholder),
            ("x<y>", PartialPlaceholder("x<y>".into())),
        ]
    );
}

#[test]
fn messages_say_what_to_write() {
    let message = |template: &str| parse(template).unwrap_err()[0].to_string();
    assert_eq!(
        message("v3/videos"),
        "the path template must start with `/`: write \"/v3/videos\""
    );
    assert_eq!(
        message("/a/{id}"),
        "placeholders are written `<id>`, not `{id}`: write `<id>`"
    );
    assert_eq!(
        message("/a/<id"),
        "unclosed placeholder `<id`: close it with `>`"
    );
    assert!(message("/a?b").contains("#[query]"));
}

#[test]
fn route_shape_erases_placeholder_names() {
    let a = parse("/a/<x>/b").unwrap();
    let b = parse("/a/<y>/b").unwrap();
    assert_eq!(route_shape(&a), "/a/<>/b");
    assert_eq!(route_shape(&a), route_shape(&b));
    assert_ne!(route_shape(&a), route_shape(&parse("/a/x/b").unwrap()));
    assert_eq!(route_shape(&[]), "/");
}

#[test]
fn character_rules() {
    for ch in "azAZ09-._~!$&'()*+,;=:@".chars() {
        assert!(is_path_char(ch), "{ch:?}");
    }
    for ch in "/?#[]<>{}%\\ \"^`|\u{e9}\u{0}".chars() {
        assert!(!is_path_char(ch), "{ch:?}");
    }
    for name in ["a", "_id", "video_id", "a1", "A_B"] {
        assert!(is_identifier(name), "{name}");
    }
    for name in ["", "_", "1a", "a-b", "a b", "\u{e9}"] {
        assert!(!is_identifier(name), "{name}");
    }
}

#[test]
fn matches_concrete_paths() {
    let segments = parse("/v3/videos/<video_id>/captions/<language>").unwrap();
    assert_eq!(
        matches(&segments, "/v3/videos/v%201/captions/en"),
        Some(vec![("video_id", "v%201"), ("language", "en")])
    );
    assert_eq!(
        matches(&segments, "/v3/videos/%2E%2E/captions/en"),
        Some(vec![("video_id", "%2E%2E"), ("language", "en")])
    );
    for other in [
        "",
        "/",
        "v3/videos/x/captions/en",
        "/v3/videos/x/captions",
        "/v3/videos/x/captions/en/",
        "/v3/videos/x/captions/en/more",
        "/v3/videos//captions/en",
        "/v3/videos/../captions/en",
        "/v3/videos/./captions/en",
        "/v3/Videos/x/captions/en",
        "/v3/videos/x/captions/en?a=b",
        "/v3/videos/x/captions/en#top",
        "//v3/videos/x/captions/en",
    ] {
        assert_eq!(matches(&segments, other), None, "{other:?}");
    }
}

#[test]
fn matches_literal_only_and_root_templates() {
    let literal = parse("/v3/videos").unwrap();
    assert_eq!(matches(&literal, "/v3/videos"), Some(Vec::new()));
    assert_eq!(matches(&literal, "/v3/videos/"), None);
    assert_eq!(matches(&literal, "/v3"), None);
    let root = parse("/").unwrap();
    assert_eq!(matches(&root, "/"), Some(Vec::new()));
    assert_eq!(matches(&root, ""), None);
    assert_eq!(matches(&root, "//"), None);
    assert_eq!(matches(&root, "/a"), None);
    let param = parse("/<id>").unwrap();
    assert_eq!(matches(&param, "/"), None);
    assert_eq!(matches(&param, "/x"), Some(vec![("id", "x")]));
}
