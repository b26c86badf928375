//! What must hold of the path-template parser (`heygen_rules::template`, which `#[endpoint]`
//! applies while compiling), as functions shared by the property test and the fuzz target
//! (`fuzz/fuzz_targets/template_parser.rs`). Both directions are checked: [`check`] judges the
//! parser's answer on any text, [`check_valid`] requires templates valid by construction to be
//! accepted with exactly their segments, and [`check_broken`] requires known mistakes to be
//! refused with the matching error.

use heygen_rules::template::{Segment, TemplateErrorKind, matches, parse};

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|first| first == '_' || first.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
        && name != "_"
}

/// The characters a literal segment may hold as written (RFC 3986 `pchar` without
/// percent-encoding), listed.
pub const PLAIN_PATH_CHARS: &str =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@";

/// Characters that may start a placeholder name, and follow its first.
const NAME_START: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
const NAME_REST: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";

fn is_plain_path_char(c: char) -> bool {
    PLAIN_PATH_CHARS.contains(c)
}

/// Parses `text` and checks the outcome: an accepted template renders back to `text` and holds
/// only whole, clean segments (literals of plain path characters, never `.` or `..`; placeholders
/// named like identifiers, each once); a refused one comes with errors whose byte ranges lie
/// inside `text`. Returns what is wrong.
pub fn check(text: &str) -> Result<(), String> {
    let fail = |what: String| Err(format!("{what} for {text:?}"));
    match parse(text) {
        Ok(segments) => {
            let mut names = std::collections::HashSet::new();
            for segment in &segments {
                match segment {
                    Segment::Literal(literal) => {
                        if literal.is_empty() || literal == "." || literal == ".." {
                            return fail(format!("accepted the segment {literal:?}"));
                        }
                        if !literal.chars().all(is_plain_path_char) {
                            return fail(format!("accepted the literal {literal:?}"));
                        }
                    }
                    Segment::Param(name) => {
                        if !is_identifier(name) || !names.insert(name.clone()) {
                            return fail(format!("accepted the placeholder {name:?}"));
                        }
                    }
                }
            }
            let rendered = render(&segments);
            if rendered != text {
                return fail(format!("accepted segments that render as {rendered:?}"));
            }
        }
        Err(errors) => {
            if errors.is_empty() {
                return fail("refused without an error".to_owned());
            }
            for error in errors {
                let range = error.range.clone();
                if range.start > range.end || range.end > text.len() {
                    return fail(format!("error range {range:?} out of bounds"));
                }
                if !(text.is_char_boundary(range.start) && text.is_char_boundary(range.end)) {
                    return fail(format!("error range {range:?} splits a character"));
                }
                if error.to_string().is_empty() {
                    return fail("an error without a message".to_owned());
                }
            }
        }
    }
    Ok(())
}

/// The template of `segments`, as a person writes it (`/` for none).
pub fn render(segments: &[Segment]) -> String {
    if segments.is_empty() {
        return "/".to_owned();
    }
    join(segments)
}

/// `/a/<b>` for the segments, and nothing at all for none.
fn join(segments: &[Segment]) -> String {
    let mut text = String::new();
    for segment in segments {
        text.push('/');
        match segment {
            Segment::Literal(literal) => text.push_str(literal),
            Segment::Param(name) => {
                text.push('<');
                text.push_str(name);
                text.push('>');
            }
        }
    }
    text
}

/// Makes `segments` valid whatever they hold: literals of plain path characters only (others
/// dropped, then `x` when that leaves nothing, `.` or `..`), placeholder names made identifiers
/// and unique (a suffix of the segment's index).
pub fn make_valid(segments: Vec<Segment>) -> Vec<Segment> {
    let mut names = std::collections::HashSet::new();
    segments
        .into_iter()
        .enumerate()
        .map(|(index, segment)| match segment {
            Segment::Literal(literal) => {
                let mut literal: String =
                    literal.chars().filter(|c| is_plain_path_char(*c)).collect();
                if matches!(literal.as_str(), "" | "." | "..") {
                    literal.push('x');
                }
                Segment::Literal(literal)
            }
            Segment::Param(name) => {
                let mut name: String = name.chars().filter(|c| NAME_REST.contains(*c)).collect();
                if !name.starts_with(|c| NAME_START.contains(c)) || name == "_" {
                    name.insert(0, 'p');
                }
                if !names.insert(name.clone()) {
                    name = format!("{name}_{index}");
                    names.insert(name.clone());
                }
                Segment::Param(name)
            }
        })
        .collect()
}

/// A template built from `segments`, which must be valid (see [`make_valid`]), must be accepted
/// with exactly those segments, and a request path filled in from it must match them, giving
/// each placeholder its value back.
pub fn check_valid(segments: &[Segment]) -> Result<(), String> {
    let template = render(segments);
    let fail = |what: String| Err(format!("{what} for {template:?}"));
    match parse(&template) {
        Ok(parsed) if parsed == segments => {}
        Ok(parsed) => return fail(format!("accepted as {parsed:?}, not {segments:?}")),
        Err(errors) => {
            let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
            return fail(format!("refused a valid template: {messages:?}"));
        }
    }
    // A request for the route: each placeholder filled with a value of its own, encoded.
    let values: Vec<String> = (0..segments.len())
        .map(|index| format!("v%2F{index}"))
        .collect();
    let path = render(
        &segments
            .iter()
            .zip(&values)
            .map(|(segment, value)| match segment {
                Segment::Param(_) => Segment::Literal(value.clone()),
                literal => literal.clone(),
            })
            .collect::<Vec<_>>(),
    );
    let expected: Vec<(&str, &str)> = segments
        .iter()
        .zip(&values)
        .filter_map(|(segment, value)| match segment {
            Segment::Param(name) => Some((name.as_str(), value.as_str())),
            Segment::Literal(_) => None,
        })
        .collect();
    if matches(segments, &path) != Some(expected) {
        return fail(format!("the request path {path:?} does not match"));
    }
    for other in [
        format!("{path}/x"),
        format!("{path}?q=1"),
        format!("x{path}"),
    ] {
        if matches(segments, &other).is_some() {
            return fail(format!("the request path {other:?} matches"));
        }
    }
    Ok(())
}

/// A known way to break a valid template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breakage {
    /// An empty segment `//` before the segment at this index (wrapped).
    DoubleSlash(usize),
    /// The leading `/` removed.
    NoLeadingSlash,
    /// A placeholder named like an earlier one (or two of the same name) appended.
    DuplicatePlaceholder,
    /// `/<name` appended.
    UnclosedPlaceholder,
    /// `?q=1` appended.
    QueryString,
    /// `#top` appended.
    Fragment,
    /// A segment `a\b` appended.
    Backslash,
    /// A segment `a<b>` appended: a placeholder mixed with text.
    PartialPlaceholder,
}

impl Breakage {
    /// Every kind of breakage, with `at` for the one that needs a position.
    pub fn all(at: usize) -> [Breakage; 8] {
        [
            Breakage::DoubleSlash(at),
            Breakage::NoLeadingSlash,
            Breakage::DuplicatePlaceholder,
            Breakage::UnclosedPlaceholder,
            Breakage::QueryString,
            Breakage::Fragment,
            Breakage::Backslash,
            Breakage::PartialPlaceholder,
        ]
    }
}

/// `segments` (valid) broken the given way, and whether an error kind is the one that breakage
/// must produce.
pub fn broken(
    segments: &[Segment],
    breakage: Breakage,
) -> (String, fn(&TemplateErrorKind) -> bool) {
    use TemplateErrorKind as Kind;
    let valid = render(segments);
    let unused = "zz_unused";
    match breakage {
        Breakage::DoubleSlash(at) => {
            let template = if segments.is_empty() {
                // `//`: an empty segment, then a trailing slash.
                "//".to_owned()
            } else {
                let at = at % segments.len();
                format!("{}/{}", join(&segments[..at]), join(&segments[at..]))
            };
            (template, |kind| matches!(kind, Kind::EmptySegment))
        }
        Breakage::NoLeadingSlash => {
            let template = valid[1..].to_owned();
            if template.is_empty() {
                (template, |kind| matches!(kind, Kind::Empty))
            } else {
                (template, |kind| {
                    matches!(kind, Kind::MissingLeadingSlash(_))
                })
            }
        }
        Breakage::DuplicatePlaceholder => {
            let existing = segments.iter().find_map(|segment| match segment {
                Segment::Param(name) => Some(name.clone()),
                Segment::Literal(_) => None,
            });
            let template = match existing {
                Some(name) => format!("{}/<{name}>", join(segments)),
                None => format!("{}/<{unused}>/<{unused}>", join(segments)),
            };
            (template, |kind| {
                matches!(kind, Kind::DuplicatePlaceholder(_))
            })
        }
        Breakage::UnclosedPlaceholder => (format!("{}/<{unused}", join(segments)), |kind| {
            matches!(kind, Kind::UnclosedPlaceholder(_))
        }),
        Breakage::QueryString => (format!("{valid}?q=1"), |kind| {
            matches!(kind, Kind::QueryString)
        }),
        Breakage::Fragment => (format!("{valid}#top"), |kind| {
            matches!(kind, Kind::Fragment)
        }),
        Breakage::Backslash => (format!("{}/a\\b", join(segments)), |kind| {
            matches!(kind, Kind::Backslash)
        }),
        Breakage::PartialPlaceholder => (format!("{}/a<{unused}>", join(segments)), |kind| {
            matches!(kind, Kind::PartialPlaceholder(_))
        }),
    }
}

/// `segments` (valid) broken the given way must be refused, with the error that names the
/// breakage among the errors, and pass [`check`].
pub fn check_broken(segments: &[Segment], breakage: Breakage) -> Result<(), String> {
    let (template, expected) = broken(segments, breakage);
    let fail = |what: String| Err(format!("{what} for {template:?} ({breakage:?})"));
    match parse(&template) {
        Ok(parsed) => return fail(format!("accepted as {parsed:?}")),
        Err(errors) if !errors.iter().any(|error| expected(&error.kind)) => {
            let kinds: Vec<_> = errors.iter().map(|error| &error.kind).collect();
            return fail(format!("refused, but with {kinds:?}"));
        }
        Err(_) => {}
    }
    check(&template)
}

/// Valid segments and a breakage read from arbitrary bytes, for the fuzz target: the first byte
/// picks the breakage (or none), then each segment takes a byte for its kind and length and as
/// many bytes as its length for its characters.
pub fn from_bytes(data: &[u8]) -> (Vec<Segment>, Option<Breakage>) {
    let Some((&first, mut rest)) = data.split_first() else {
        return (Vec::new(), None);
    };
    let breakage = match first % 9 {
        0 => None,
        pick => Some(Breakage::all(usize::from(first / 9))[usize::from(pick - 1)]),
    };
    let mut segments = Vec::new();
    while let Some((&head, tail)) = rest.split_first() {
        let len = usize::from(head >> 1) % 8 + 1;
        let (body, tail) = tail.split_at(len.min(tail.len()));
        rest = tail;
        let pick = |alphabet: &str, byte: u8| {
            let chars: Vec<char> = alphabet.chars().collect();
            chars[usize::from(byte) % chars.len()]
        };
        segments.push(if head & 1 == 0 {
            Segment::Literal(body.iter().map(|&b| pick(PLAIN_PATH_CHARS, b)).collect())
        } else {
            Segment::Param(body.iter().map(|&b| pick(NAME_REST, b)).collect())
        });
    }
    (make_valid(segments), breakage)
}
