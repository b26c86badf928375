//! Path templates: `/v3/videos/<video_id>` split into literal segments and `<name>` placeholders.
//!
//! Pure string work, so every rule has a plain unit test. Errors carry the byte range of the
//! culprit inside the template, so that the `#[endpoint]` macro can point into the literal.
//!
//! ```
//! use heygen_rules::template::{Segment, TemplateErrorKind, parse, route_shape};
//!
//! let segments = parse("/v3/videos/<video_id>").unwrap();
//! assert_eq!(
//!     segments,
//!     [
//!         Segment::Literal("v3".into()),
//!         Segment::Literal("videos".into()),
//!         Segment::Param("video_id".into()),
//!     ]
//! );
//! assert_eq!(route_shape(&segments), "/v3/videos/<>");
//!
//! let errors = parse("/v3//videos").unwrap_err();
//! assert_eq!(errors[0].kind, TemplateErrorKind::EmptySegment);
//! assert_eq!(errors[0].range, 3..5);
//! ```

use std::collections::HashSet;
use std::fmt;
use std::ops::Range;

/// One `/`-separated piece of a valid template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Text sent as written.
    Literal(String),
    /// A `<name>` placeholder, filled by the argument of that name.
    Param(String),
}

/// Why a template was rejected, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// Byte range of the culprit in the template.
    pub range: Range<usize>,
    /// What is wrong.
    pub kind: TemplateErrorKind,
}

/// The ways a template can be malformed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TemplateErrorKind {
    /// `""`
    Empty,
    /// `"v3/videos"`; holds the template with the slash added.
    MissingLeadingSlash(String),
    /// `"/v3//videos"`
    EmptySegment,
    /// `"/v3/videos/"`
    TrailingSlash,
    /// `"/v3/videos?limit=5"`
    QueryString,
    /// `"/v3/videos#top"`
    Fragment,
    /// `"/v3\videos"`
    Backslash,
    /// A character that a path segment cannot hold as is (space, `%`, `"`, non-ASCII...).
    ForbiddenChar(char),
    /// `"/v3/../videos"`; holds the segment.
    DotSegment(String),
    /// `"/v3/videos/{video_id}"`; holds the name.
    BracePlaceholder(String),
    /// `"/v3/videos/x<id>"`; holds the segment.
    PartialPlaceholder(String),
    /// `"/v3/videos/<id"`; holds the text from `<`.
    UnclosedPlaceholder(String),
    /// `"/v3/videos/id>"`
    UnopenedPlaceholder,
    /// `"/v3/videos/<>"`
    EmptyPlaceholder,
    /// `"/v3/videos/<video id>"`; holds the name.
    InvalidPlaceholderName(String),
    /// `"/v3/<id>/x/<id>"`; holds the name.
    DuplicatePlaceholder(String),
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use TemplateErrorKind::*;
        match &self.kind {
            Empty => f.write_str(
                "the path template is empty: write the path, e.g. \"/v3/videos/<video_id>\"",
            ),
            MissingLeadingSlash(fixed) => {
                write!(
                    f,
                    "the path template must start with `/`: write \"{fixed}\""
                )
            }
            EmptySegment => f.write_str("empty path segment `//` in the template: remove one `/`"),
            TrailingSlash => {
                f.write_str("the path template ends with `/`: remove the trailing `/`")
            }
            QueryString => f.write_str(
                "`?` starts a query string, which the path template cannot hold: \
                 declare query parameters as `#[query]` arguments",
            ),
            Fragment => f.write_str(
                "`#` starts a URL fragment, which is never sent to the server: \
                 remove it and what follows",
            ),
            Backslash => f.write_str("`\\` is not a path separator: use `/`"),
            ForbiddenChar(ch) => write!(
                f,
                "{ch:?} is not allowed in a path template: use letters, digits and \
                 `-._~!$&'()*+,;=:@`; values that need escaping go in a `<name>` placeholder, \
                 which is percent-encoded when the request is sent"
            ),
            DotSegment(segment) => write!(
                f,
                "`{segment}` cannot be a path segment: HTTP clients resolve dot segments away, \
                 which changes the route"
            ),
            BracePlaceholder(name) => write!(
                f,
                "placeholders are written `<{name}>`, not `{{{name}}}`: write `<{name}>`"
            ),
            PartialPlaceholder(segment) => write!(
                f,
                "a placeholder must fill a whole path segment, but `{segment}` mixes it with \
                 text: give the placeholder a segment of its own, e.g. `/prefix/<name>`"
            ),
            UnclosedPlaceholder(text) => {
                write!(f, "unclosed placeholder `{text}`: close it with `>`")
            }
            UnopenedPlaceholder => {
                f.write_str("`>` without an opening `<`: placeholders are written `<name>`")
            }
            EmptyPlaceholder => f.write_str(
                "empty placeholder `<>`: name it after the argument that fills it, \
                 e.g. `<video_id>`",
            ),
            InvalidPlaceholderName(name) => write!(
                f,
                "invalid placeholder name `<{name}>`: use a Rust identifier (letters, digits \
                 and `_`, not starting with a digit) naming the argument that fills it"
            ),
            DuplicatePlaceholder(name) => write!(
                f,
                "placeholder `<{name}>` appears twice in the template: each argument fills one \
                 segment, so rename one of them"
            ),
        }
    }
}

impl std::error::Error for TemplateError {}

/// Splits a template into segments, or lists everything wrong with it, in the order of the
/// culprits in the template (a query string or fragment first).
///
/// `"/"` is the root: no segments at all.
pub fn parse(template: &str) -> Result<Vec<Segment>, Vec<TemplateError>> {
    if template.is_empty() {
        return Err(vec![TemplateError {
            range: 0..0,
            kind: TemplateErrorKind::Empty,
        }]);
    }
    let mut errors = Vec::new();

    // Everything from the first `?` or `#` on belongs to the query or fragment: one error for
    // the lot, and the path before it is still checked.
    let path_end = template.find(['?', '#']).unwrap_or(template.len());
    if path_end < template.len() {
        let kind = if template[path_end..].starts_with('?') {
            TemplateErrorKind::QueryString
        } else {
            TemplateErrorKind::Fragment
        };
        errors.push(TemplateError {
            range: path_end..template.len(),
            kind,
        });
    }
    let path = &template[..path_end];

    let first = if path.starts_with('/') {
        1
    } else {
        errors.push(TemplateError {
            // The first character, whole: a non-ASCII one must not be split.
            range: 0..path.chars().next().map_or(0, char::len_utf8),
            kind: TemplateErrorKind::MissingLeadingSlash(format!("/{template}")),
        });
        0
    };

    let mut segments = Vec::new();
    let mut seen = HashSet::new();
    let rest = &path[first..];
    if !rest.is_empty() {
        let pieces: Vec<&str> = rest.split('/').collect();
        let mut start = first;
        for (index, piece) in pieces.iter().enumerate() {
            if piece.is_empty() {
                let is_last = index + 1 == pieces.len();
                let (range, kind) = if is_last {
                    (start - 1..start, TemplateErrorKind::TrailingSlash)
                } else {
                    (
                        start.saturating_sub(1)..start + 1,
                        TemplateErrorKind::EmptySegment,
                    )
                };
                errors.push(TemplateError { range, kind });
            } else {
                match parse_segment(piece, start, &mut seen) {
                    Ok(segment) => segments.push(segment),
                    Err(error) => errors.push(error),
                }
            }
            start += piece.len() + 1;
        }
    }

    if errors.is_empty() {
        Ok(segments)
    } else {
        Err(errors)
    }
}

/// One non-empty segment starting at byte `start` of the template.
fn parse_segment(
    piece: &str,
    start: usize,
    seen: &mut HashSet<String>,
) -> Result<Segment, TemplateError> {
    let whole = start..start + piece.len();
    let error = |range: Range<usize>, kind| Err(TemplateError { range, kind });

    if piece.len() > 2 && piece.starts_with('{') && piece.ends_with('}') {
        let name = &piece[1..piece.len() - 1];
        return error(whole, TemplateErrorKind::BracePlaceholder(name.to_owned()));
    }

    let open = piece.find('<');
    let close = piece.find('>');
    match (open, close) {
        (None, None) => {}
        (Some(open), None) => {
            let text = piece[open..].to_owned();
            return error(
                start + open..whole.end,
                TemplateErrorKind::UnclosedPlaceholder(text),
            );
        }
        (None, Some(close)) => {
            return error(
                start + close..start + close + 1,
                TemplateErrorKind::UnopenedPlaceholder,
            );
        }
        (Some(open), Some(close)) if close < open => {
            return error(
                start + close..start + close + 1,
                TemplateErrorKind::UnopenedPlaceholder,
            );
        }
        (Some(_), Some(_)) => {
            let inner = piece
                .strip_prefix('<')
                .and_then(|p| p.strip_suffix('>'))
                .filter(|inner| !inner.contains(['<', '>']));
            let Some(name) = inner else {
                return error(
                    whole,
                    TemplateErrorKind::PartialPlaceholder(piece.to_owned()),
                );
            };
            if name.is_empty() {
                return error(whole, TemplateErrorKind::EmptyPlaceholder);
            }
            if !is_identifier(name) {
                return error(
                    whole,
                    TemplateErrorKind::InvalidPlaceholderName(name.to_owned()),
                );
            }
            if !seen.insert(name.to_owned()) {
                return error(
                    whole,
                    TemplateErrorKind::DuplicatePlaceholder(name.to_owned()),
                );
            }
            return Ok(Segment::Param(name.to_owned()));
        }
    }

    if piece == "." || piece == ".." {
        return error(whole, TemplateErrorKind::DotSegment(piece.to_owned()));
    }
    if let Some((at, ch)) = piece.char_indices().find(|(_, ch)| !is_path_char(*ch)) {
        let range = start + at..start + at + ch.len_utf8();
        let kind = if ch == '\\' {
            TemplateErrorKind::Backslash
        } else {
            TemplateErrorKind::ForbiddenChar(ch)
        };
        return error(range, kind);
    }
    Ok(Segment::Literal(piece.to_owned()))
}

/// Whether a literal segment may hold `ch` as written: RFC 3986 `pchar` without
/// percent-encoding (unreserved, sub-delims, `:` and `@`).
pub fn is_path_char(ch: char) -> bool {
    ch.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@".contains(ch)
}

/// Whether a placeholder may be called `name`: a name an argument can have,
/// `[A-Za-z_][A-Za-z0-9_]*` but not `_` alone.
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    first_ok && chars.all(|c| c.is_ascii_alphanumeric() || c == '_') && name != "_"
}

/// The route a template matches, with placeholder names erased: `/a/<x>` and `/a/<y>` are the
/// same route.
pub fn route_shape(segments: &[Segment]) -> String {
    let mut shape = String::new();
    for segment in segments {
        shape.push('/');
        match segment {
            Segment::Literal(text) => shape.push_str(text),
            Segment::Param(_) => shape.push_str("<>"),
        }
    }
    if shape.is_empty() {
        shape.push('/');
    }
    shape
}

/// Matches a request path against a parsed template: the value of each placeholder, in template
/// order, or `None` when the path is not this route.
///
/// `path` is what goes on the wire: percent-encoded, without query string or fragment (a `?` or
/// `#` in it matches nothing). Literal segments must be equal byte for byte; a placeholder takes
/// one whole segment that is neither empty nor `.`/`..` (a client never sends those as values),
/// returned still percent-encoded. `"/"` matches the root template, which has no segments.
///
/// ```
/// use heygen_rules::template::{matches, parse};
///
/// let segments = parse("/v3/videos/<video_id>/captions/<language>").unwrap();
/// assert_eq!(
///     matches(&segments, "/v3/videos/a%2Fb/captions/en"),
///     Some(vec![("video_id", "a%2Fb"), ("language", "en")])
/// );
/// assert_eq!(matches(&segments, "/v3/videos/a/b/captions/en"), None);
/// assert_eq!(matches(&segments, "/v3/videos/a/captions/en/"), None);
/// ```
pub fn matches<'s, 'a>(segments: &'s [Segment], path: &'a str) -> Option<Vec<(&'s str, &'a str)>> {
    let rest = path.strip_prefix('/')?;
    if path.contains(['?', '#']) {
        return None;
    }
    let mut pieces = rest.split('/');
    if rest.is_empty() {
        // The root: `split` would give one empty piece.
        pieces.next();
    }
    let mut values = Vec::new();
    for segment in segments {
        let piece = pieces.next()?;
        match segment {
            Segment::Literal(text) if text == piece => {}
            Segment::Literal(_) => return None,
            Segment::Param(_) if matches!(piece, "" | "." | "..") => return None,
            Segment::Param(name) => values.push((name.as_str(), piece)),
        }
    }
    match pieces.next() {
        Some(_) => None,
        None => Some(values),
    }
}

#[cfg(test)]
mod tests;
