//! Failures the wire passes expect, each with its cause, until the declaration (or the spec) is
//! fixed.
//!
//! The list is strict both ways: a failure that matches no entry fails the test, and so does an
//! entry that no longer matches any failure of a pass it is listed for (then the fix has landed
//! and the entry must go).

/// The two wire passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// `--errors`: Prism answers with its static examples.
    Static,
    /// `--dynamic`: Prism generates answers from the schemas.
    Dynamic,
}

/// How a known issue shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Symptom {
    /// The answer does not decode at this path, or below it (array indices written `[]`).
    DecodeAt(&'static str),
    /// Prism's own answer breaks the spec, so it answers 500 with violations located in the
    /// response only: the request was accepted, the document contradicts itself.
    PrismResponseViolation,
}

/// How a call was seen to fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Observed {
    /// The answer did not decode at this path (`serde_path_to_error` style, `.` for the root).
    DecodeAt(String),
    /// Prism answered 500 with violations located only in its own response.
    PrismResponseViolation,
    /// Anything else: a rejected request, a transport failure.
    Other,
}

/// A failure expected until its cause is fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownIssue {
    /// The declared method's name.
    pub operation: &'static str,
    /// How it fails.
    pub symptom: Symptom,
    /// The passes it shows in.
    pub passes: &'static [Pass],
    /// Why, and where the fix belongs.
    pub cause: &'static str,
}

/// A defect of `spec/openapi.json`, not of the crate: the items of `GET /v3/assets/search` are a
/// `oneOf` of two identical schemas (image and icon differ only in the default of `type`), so
/// every item matches both branches and no answer can match exactly one, as `oneOf` requires.
/// Prism's own answers break the document and it answers 500. The declared type
/// (`AssetSearchResult`, with `type` as an enum) decodes either kind; the entry stays until the
/// spec is fixed.
pub const AMBIGUOUS_ONE_OF: &str = "spec/openapi.json defect: the items' `oneOf` branches are \
     identical, so every answer breaks it";

/// A defect of `spec/extra-operations.json`, not of the crate: `BrandGlossaryDetail` gives
/// `do_not_translate_terms` and `forced_translations` the type `array` with `default: null`,
/// which that type rejects. Prism's static answer takes the default and breaks the schema, so it
/// answers 500 (its generated answers are arrays and pass). The declared fields are
/// `Option<Vec<_>>`, so a `null` from HeyGen decodes too; the entries stay until the spec is fixed.
const NULL_DEFAULT_ARRAY: &str = "spec/extra-operations.json defect: `default: null` on a \
     non-nullable array, taken by Prism's static answer";

/// Every known issue.
pub const KNOWN_ISSUES: &[KnownIssue] = &[
    KnownIssue {
        operation: "search_assets",
        symptom: Symptom::PrismResponseViolation,
        passes: &[Pass::Static, Pass::Dynamic],
        cause: AMBIGUOUS_ONE_OF,
    },
    static_answer_violation("create_brand_glossary", NULL_DEFAULT_ARRAY),
    static_answer_violation("get_brand_glossary", NULL_DEFAULT_ARRAY),
    static_answer_violation("update_brand_glossary", NULL_DEFAULT_ARRAY),
];

/// An issue of `operation` whose static answer from Prism breaks the spec.
const fn static_answer_violation(operation: &'static str, cause: &'static str) -> KnownIssue {
    KnownIssue {
        operation,
        symptom: Symptom::PrismResponseViolation,
        passes: &[Pass::Static],
        cause,
    }
}

/// An issue of `operation` whose answer does not decode at `path`.
const fn decode(operation: &'static str, path: &'static str, cause: &'static str) -> KnownIssue {
    KnownIssue {
        operation,
        symptom: Symptom::DecodeAt(path),
        passes: &[Pass::Static, Pass::Dynamic],
        cause,
    }
}

/// `path` with array indices erased (`data.items[3].x` becomes `data.items[].x`).
pub fn without_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index => {}
            _ => out.push(c),
        }
    }
    out
}

impl KnownIssue {
    /// Whether a failure of `operation` seen as `observed` is this issue.
    pub fn matches(&self, operation: &str, observed: &Observed) -> bool {
        if self.operation != operation {
            return false;
        }
        match (self.symptom, observed) {
            (Symptom::DecodeAt(expected), Observed::DecodeAt(actual)) => {
                let actual = without_indices(actual);
                actual == expected
                    || actual
                        .strip_prefix(expected)
                        .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
            }
            (Symptom::PrismResponseViolation, Observed::PrismResponseViolation) => true,
            _ => false,
        }
    }
}

/// The known issue of `pass` a failure is, if any.
pub fn known(pass: Pass, operation: &str, observed: &Observed) -> Option<&'static KnownIssue> {
    KNOWN_ISSUES
        .iter()
        .find(|issue| issue.passes.contains(&pass) && issue.matches(operation, observed))
}

#[test]
fn a_decode_issue_matches_its_path_and_below_it_only() {
    let issue = decode("op", "data.items[].upload_headers", "cause");
    let at = |path: &str| Observed::DecodeAt(path.to_owned());
    assert!(issue.matches("op", &at("data.items[12].upload_headers.x")));
    assert!(issue.matches("op", &at("data.items[0].upload_headers")));
    assert!(!issue.matches("op", &at("data.items[0].upload_headers_2")));
    assert!(!issue.matches("op", &at("data.items[0].url")));
    assert!(!issue.matches("other", &at("data.items[0].upload_headers.x")));
    assert!(!issue.matches("op", &Observed::PrismResponseViolation));
    assert!(!issue.matches("op", &Observed::Other));
    let root = decode("op", ".", "cause");
    assert!(root.matches("op", &at(".")));
    assert!(!root.matches("op", &at("data")));
}

#[test]
fn every_known_issue_names_a_declared_operation_once_per_symptom() {
    let declared: Vec<&str> = heygen_api::catalog::declared_endpoints()
        .iter()
        .map(|endpoint| endpoint.info.name)
        .collect();
    for (index, issue) in KNOWN_ISSUES.iter().enumerate() {
        assert!(declared.contains(&issue.operation), "{issue:?}");
        assert!(
            !KNOWN_ISSUES[..index].contains(issue),
            "listed twice: {issue:?}"
        );
    }
}
