//! The limits HeyGen documents for request fields, checked before a request is sent.
//!
//! HeyGen's September 2026 document states lengths, ranges and numbers of items for many request
//! fields (`spec/september-constraints.md`), and removed some enum values. The crate's generated
//! request types implement [`Limits`] with those facts. A body that breaks one is refused with
//! [`InvalidInput::Limit`](crate::error::InvalidInput::Limit) before anything is sent, unless the
//! client was built with [`ClientBuilder::check_limits(false)`](crate::ClientBuilder::check_limits).
//!
//! How a body's limits are found without knowing its type: the generated code sends a body with
//! a generic `json(&body)`, for the crate's types and for users' own alike, and serializing is
//! the one moment the runtime holds the typed value. So the crate's request types serialize
//! through [`report`], which, while the request being built is collecting, adds what the value
//! breaks to that request's list. Serializing anywhere else (`serde_json::to_string` by hand)
//! checks nothing, and a type that does not report (a user's own body) is sent as it is.

use std::cell::RefCell;
use std::fmt;

/// A limit HeyGen documents for a request field.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Limit {
    /// At least this many characters.
    MinLength(usize),
    /// At most this many characters.
    MaxLength(usize),
    /// At least this value.
    Minimum(f64),
    /// At most this value.
    Maximum(f64),
    /// At least this many items.
    MinItems(usize),
    /// At most this many items.
    MaxItems(usize),
    /// None of these values: HeyGen removed them from the field's enum.
    Removed(&'static [&'static str]),
    /// Unset, for the reason given (`folder_id` of a batch item: HeyGen takes the batch's own).
    Unset(&'static str),
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::MinLength(n) => write!(f, "at least {n} character{}", plural(*n)),
            Limit::MaxLength(n) => write!(f, "at most {n} character{}", plural(*n)),
            Limit::Minimum(n) => write!(f, "at least {n}"),
            Limit::Maximum(n) => write!(f, "at most {n}"),
            Limit::MinItems(n) => write!(f, "at least {n} item{}", plural(*n)),
            Limit::MaxItems(n) => write!(f, "at most {n} item{}", plural(*n)),
            Limit::Removed(values) => {
                write!(f, "none of {} (removed by HeyGen)", values.join(", "))
            }
            Limit::Unset(why) => write!(f, "unset ({why})"),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A request field that breaks a [`Limit`]: which field, which limit, and what it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct LimitViolation {
    /// The field, as `Type.field` (`CreateVideoAgentSessionRequest.prompt`).
    pub field: &'static str,
    /// The limit it breaks.
    pub limit: Limit,
    /// What it holds: a length, a count or the value itself.
    pub actual: String,
}

impl fmt::Display for LimitViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (field, actual) = (self.field, &self.actual);
        match &self.limit {
            Limit::Removed(values) => write!(
                f,
                "`{field}` must not be {} (HeyGen removed {}) but is {actual}",
                one_of(values),
                if values.len() == 1 { "it" } else { "them" }
            ),
            Limit::Unset(why) => write!(f, "`{field}` must be unset ({why}) but is {actual}"),
            limit => write!(
                f,
                "`{field}` must be {limit} (HeyGen's documented limit) but is {actual}"
            ),
        }
    }
}

/// `a`, `a or b`, `a, b or c`.
fn one_of(values: &[&str]) -> String {
    match values {
        [] => String::new(),
        [only] => (*only).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// The limits a request type checks: implemented by the crate's generated request types.
pub trait Limits {
    /// Adds to `out` every limit the value's own fields break (not those of nested values,
    /// which report themselves when they are serialized).
    fn check(&self, out: &mut Vec<LimitViolation>);
}

thread_local! {
    /// The violations of the body being serialized by `RequestBuilder::json`, when one is.
    static COLLECTING: RefCell<Option<Vec<LimitViolation>>> = const { RefCell::new(None) };
}

/// Runs `serialize`, returning its result and the violations the values it serialized reported.
pub(crate) fn collect<R>(serialize: impl FnOnce() -> R) -> (R, Vec<LimitViolation>) {
    /// Puts back what was collecting before, also when `serialize` panics.
    struct Restore(Option<Option<Vec<LimitViolation>>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            if let Some(outer) = self.0.take() {
                COLLECTING.with(|cell| cell.replace(outer));
            }
        }
    }

    let mut restore = Restore(Some(COLLECTING.with(|cell| cell.replace(Some(Vec::new())))));
    let result = serialize();
    let outer = restore.0.take().unwrap_or_default();
    let found = COLLECTING
        .with(|cell| cell.replace(outer))
        .unwrap_or_default();
    (result, found)
}

/// Called by a generated request type as it is serialized: while a request is collecting, adds
/// what `value` breaks to it. Not meant to be called by hand.
#[doc(hidden)]
pub fn report<T: Limits + ?Sized>(value: &T) {
    COLLECTING.with(|cell| {
        if let Some(found) = cell.borrow_mut().as_mut() {
            value.check(found);
        }
    });
}

/// Checks a text field's length in characters.
#[doc(hidden)]
pub fn length(
    field: &'static str,
    value: Option<&str>,
    min: Option<usize>,
    max: Option<usize>,
    out: &mut Vec<LimitViolation>,
) {
    let Some(value) = value else { return };
    let count = value.chars().count();
    let actual = || format!("{count} character{}", plural(count));
    if let Some(min) = min.filter(|min| count < *min) {
        out.push(LimitViolation {
            field,
            limit: Limit::MinLength(min),
            actual: actual(),
        });
    }
    if let Some(max) = max.filter(|max| count > *max) {
        out.push(LimitViolation {
            field,
            limit: Limit::MaxLength(max),
            actual: actual(),
        });
    }
}

/// Checks a number's range.
#[doc(hidden)]
pub fn range(
    field: &'static str,
    value: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
    out: &mut Vec<LimitViolation>,
) {
    let Some(value) = value else { return };
    if let Some(min) = min.filter(|min| value < *min) {
        out.push(LimitViolation {
            field,
            limit: Limit::Minimum(min),
            actual: value.to_string(),
        });
    }
    if let Some(max) = max.filter(|max| value > *max) {
        out.push(LimitViolation {
            field,
            limit: Limit::Maximum(max),
            actual: value.to_string(),
        });
    }
}

/// Checks a list's number of items.
#[doc(hidden)]
pub fn items(
    field: &'static str,
    count: Option<usize>,
    min: Option<usize>,
    max: Option<usize>,
    out: &mut Vec<LimitViolation>,
) {
    let Some(count) = count else { return };
    let actual = || format!("{count} item{}", plural(count));
    if let Some(min) = min.filter(|min| count < *min) {
        out.push(LimitViolation {
            field,
            limit: Limit::MinItems(min),
            actual: actual(),
        });
    }
    if let Some(max) = max.filter(|max| count > *max) {
        out.push(LimitViolation {
            field,
            limit: Limit::MaxItems(max),
            actual: actual(),
        });
    }
}

/// Checks an enum field does not hold a value HeyGen removed (an `Unknown` the caller wrote).
#[doc(hidden)]
pub fn not_removed(
    field: &'static str,
    value: Option<&str>,
    removed: &'static [&'static str],
    out: &mut Vec<LimitViolation>,
) {
    if let Some(value) = value.filter(|value| removed.contains(value)) {
        out.push(LimitViolation {
            field,
            limit: Limit::Removed(removed),
            actual: format!("`{value}`"),
        });
    }
}

/// Checks a field that must stay unset where it is.
#[doc(hidden)]
pub fn unset(
    field: &'static str,
    value: Option<&str>,
    why: &'static str,
    out: &mut Vec<LimitViolation>,
) {
    if let Some(value) = value {
        out.push(LimitViolation {
            field,
            limit: Limit::Unset(why),
            actual: format!("`{value}`"),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Title(String);

    impl Limits for Title {
        fn check(&self, out: &mut Vec<LimitViolation>) {
            length("Title.0", Some(&self.0), Some(1), Some(3), out);
        }
    }

    #[test]
    fn a_value_reports_only_while_collecting() {
        let long = Title("four".into());
        report(&long);
        let ((), found) = collect(|| report(&long));
        assert_eq!(
            found,
            [LimitViolation {
                field: "Title.0",
                limit: Limit::MaxLength(3),
                actual: "4 characters".into()
            }]
        );
        let ((), found) = collect(|| report(&Title("ok".into())));
        assert!(found.is_empty());
    }

    #[test]
    fn collecting_nests_and_ends_even_after_a_panic() {
        let long = Title("four".into());
        let ((), outer) = collect(|| {
            let ((), inner) = collect(|| report(&long));
            assert_eq!(inner.len(), 1);
        });
        assert!(outer.is_empty());
        let panicked = std::panic::catch_unwind(|| collect(|| panic!("while serializing")));
        assert!(panicked.is_err());
        // Not collecting any more: a report outside `collect` goes nowhere.
        assert!(COLLECTING.with(|cell| cell.borrow().is_none()));
    }

    #[test]
    fn each_check_names_its_limit() {
        let mut out = Vec::new();
        length("f", Some(""), Some(1), None, &mut out);
        range("f", Some(1.6), Some(0.5), Some(1.5), &mut out);
        range("f", None, Some(0.5), Some(1.5), &mut out);
        items("f", Some(101), Some(1), Some(100), &mut out);
        not_removed("f", Some("4:5"), &["4:5", "auto"], &mut out);
        not_removed("f", Some("1:1"), &["4:5", "auto"], &mut out);
        let text: Vec<String> = out.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "`f` must be at least 1 character (HeyGen's documented limit) but is 0 characters",
                "`f` must be at most 1.5 (HeyGen's documented limit) but is 1.6",
                "`f` must be at most 100 items (HeyGen's documented limit) but is 101 items",
                "`f` must not be 4:5 or auto (HeyGen removed them) but is `4:5`",
            ]
        );
    }
}
