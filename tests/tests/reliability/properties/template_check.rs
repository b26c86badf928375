//! What must hold of the macro's path-template parser for any text, as one function shared by the
//! property test and the fuzz target (`fuzz/fuzz_targets/template_parser.rs`).

// The macro crate's parser, compiled here as it is there (a proc-macro crate cannot be linked).
#[path = "../../../../heygen-macros/src/template.rs"]
#[allow(dead_code)]
pub mod template;

use template::{Segment, parse};

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

/// Parses `text` and checks the outcome: an accepted template renders back to `text` and holds
/// only whole, clean segments (literals of plain path characters, never `.` or `..`; placeholders
/// named like identifiers, each once); a refused one comes with errors whose byte ranges lie
/// inside `text`. Returns what is wrong.
pub fn check(text: &str) -> Result<(), String> {
    let fail = |what: String| Err(format!("{what} for {text:?}"));
    match parse(text) {
        Ok(segments) => {
            let mut rendered = String::new();
            let mut names = std::collections::HashSet::new();
            for segment in &segments {
                rendered.push('/');
                match segment {
                    Segment::Literal(literal) => {
                        if literal.is_empty() || literal == "." || literal == ".." {
                            return fail(format!("accepted the segment {literal:?}"));
                        }
                        if !literal.chars().all(is_plain_path_char) {
                            return fail(format!("accepted the literal {literal:?}"));
                        }
                        rendered.push_str(literal);
                    }
                    Segment::Param(name) => {
                        if !is_identifier(name) || !names.insert(name.clone()) {
                            return fail(format!("accepted the placeholder {name:?}"));
                        }
                        rendered.push_str(&format!("<{name}>"));
                    }
                }
            }
            if segments.is_empty() {
                rendered.push('/');
            }
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
