//! The route checks: the HTTP method, the path template, and the flags and options after it.

use super::header;
use crate::attr::{EndpointAttr, EndpointOption};
use crate::diagnostics::Diagnostics;
use crate::kw::{self, HttpMethod};
use crate::types::written;
use crate::{suggest, template};
use heygen_rules::template::Segment;
use syn::ext::IdentExt;
use syn::parse::Parser;
use syn::{Expr, Ident, Lit, LitStr, Path, Token};

/// What the attribute says, as far as it could be understood.
pub(super) struct Route<'a> {
    pub(super) method: Option<HttpMethod>,
    pub(super) template: &'a LitStr,
    pub(super) segments: Option<Vec<Segment>>,
    pub(super) idempotent: bool,
    pub(super) paginated: bool,
    pub(super) timeout_secs: Option<u64>,
    /// `header("Name" = "value")` options, in order, each with its name literal for spans.
    pub(super) headers: Vec<StaticHeader<'a>>,
    /// `crate = "path"`: the path the literal holds (spanned at the literal).
    pub(super) crate_path: Option<Path>,
    /// `end_event = "name"`: the option's name (for errors) and the event name.
    pub(super) end_event: Option<(&'a Ident, String)>,
    /// `reconnect`: the flag as written (for errors).
    pub(super) reconnect: Option<&'a Ident>,
}

/// One `header("Name" = "value")` option.
pub(super) struct StaticHeader<'a> {
    pub(super) name: String,
    pub(super) value: String,
    /// The option's name, for errors about the option.
    pub(super) option: &'a Ident,
}

/// Checks what the attribute says.
pub(super) fn check_route<'a>(attr: &'a EndpointAttr, diagnostics: &mut Diagnostics) -> Route<'a> {
    let method = check_method(&attr.method, diagnostics);
    let segments = template::parse(&attr.template, diagnostics);

    let mut route = Route {
        method,
        template: &attr.template,
        segments,
        idempotent: false,
        paginated: false,
        timeout_secs: None,
        headers: Vec::new(),
        crate_path: None,
        end_event: None,
        reconnect: None,
    };
    let mut seen: Vec<String> = Vec::new();
    for option in &attr.options {
        let name = option.name.unraw().to_string();
        if name == kw::HEADER_OPTION {
            // Repeatable: one option per header.
            if let Some(static_header) = check_static_header(option, &route.headers, diagnostics) {
                route.headers.push(static_header);
            }
            continue;
        }
        if option.group.is_some() {
            report_unexpected_group(option, diagnostics);
            continue;
        }
        if seen.contains(&name) {
            diagnostics
                .error_spanned_by(&option.name, format!("`{name}` is given twice: remove one"));
            continue;
        }
        seen.push(name.clone());
        match name.as_str() {
            kw::IDEMPOTENT => {
                route.idempotent = check_flag(option, diagnostics);
                if let Some(method) = method.filter(|m| !m.takes_idempotency_key()) {
                    diagnostics.error_spanned_by(
                        &option.name,
                        format!(
                            "`idempotent` means nothing on {}: repeating a {} cannot create a \
                             second resource, so no Idempotency-Key is sent; remove `idempotent`",
                            method.keyword(),
                            method.keyword()
                        ),
                    );
                }
            }
            kw::PAGINATED => {
                route.paginated = check_flag(option, diagnostics);
                if let Some(method) = method.filter(|m| *m != HttpMethod::Get) {
                    diagnostics.error_spanned_by(
                        &option.name,
                        format!(
                            "`paginated` is for GET list endpoints, not {}: remove `paginated` \
                             or declare the endpoint with GET",
                            method.keyword()
                        ),
                    );
                }
            }
            kw::TIMEOUT_SECS => route.timeout_secs = check_timeout(option, diagnostics),
            kw::CRATE => {
                route.crate_path = string_value(option, "crate = \"heygen_api\"", diagnostics)
                    .and_then(|literal| check_crate_path(literal, diagnostics));
            }
            kw::END_EVENT => {
                route.end_event = string_value(option, "end_event = \"done\"", diagnostics)
                    .map(|literal| (&option.name, literal.value()));
            }
            kw::RECONNECT => {
                check_flag(option, diagnostics);
                route.reconnect = Some(&option.name);
            }
            _ => {
                let hint = suggest::closest(&name, kw::OPTIONS)
                    .map(|known| format!("; did you mean `{known}`?"))
                    .unwrap_or_default();
                diagnostics.error_spanned_by(
                    &option.name,
                    format!(
                        "unknown option `{name}`: expected {}{hint}",
                        kw::OPTIONS_LIST
                    ),
                );
            }
        }
    }
    route
}

/// `header("Name" = "value")`: the name and value checked, and the name not already given.
fn check_static_header<'a>(
    option: &'a EndpointOption,
    earlier: &[StaticHeader<'a>],
    diagnostics: &mut Diagnostics,
) -> Option<StaticHeader<'a>> {
    let form = "expected `header(\"X-Name\" = \"value\")`: the header's name and value as \
                string literals";
    if let Some(value) = &option.value {
        diagnostics.error_spanned_by(value, form);
        return None;
    }
    let Some(group) = &option.group else {
        diagnostics.error_spanned_by(&option.name, form);
        return None;
    };
    let parser = |input: syn::parse::ParseStream<'_>| {
        let name: LitStr = input.parse()?;
        input.parse::<Token![=]>()?;
        let value: LitStr = input.parse()?;
        Ok((name, value))
    };
    let Ok((literal, value)) = parser.parse2(group.stream()) else {
        diagnostics.error_at(group.span(), form);
        return None;
    };
    let name = header::check_name(&literal, diagnostics);
    let value_text = value.value();
    let name = name?;
    if let Some(problem) = header::value_problem(&name, &value_text) {
        diagnostics.error_spanned_by(&value, problem);
        return None;
    }
    if earlier.iter().any(|h| h.name.eq_ignore_ascii_case(&name)) {
        diagnostics.error_spanned_by(
            &literal,
            format!(
                "the `{name}` header is already given by an earlier `header(..)`: a header is \
                 sent once; remove one"
            ),
        );
        return None;
    }
    Some(StaticHeader {
        name,
        value: value_text,
        option: &option.name,
    })
}

/// `name(...)` on an option that takes no parentheses.
fn report_unexpected_group(option: &EndpointOption, diagnostics: &mut Diagnostics) {
    let name = option.name.unraw();
    let form = match name.to_string().as_str() {
        kw::TIMEOUT_SECS => "`timeout_secs = 30`".to_owned(),
        kw::CRATE => "`crate = \"heygen_api\"`".to_owned(),
        kw::END_EVENT => "`end_event = \"done\"`".to_owned(),
        kw::IDEMPOTENT | kw::PAGINATED | kw::RECONNECT => format!("just `{name}`"),
        _ => {
            let hint = suggest::closest(&name.to_string(), kw::OPTIONS)
                .map(|known| format!("; did you mean `{known}`?"))
                .unwrap_or_default();
            diagnostics.error_spanned_by(
                &option.name,
                format!(
                    "unknown option `{name}`: expected {}{hint}",
                    kw::OPTIONS_LIST
                ),
            );
            return;
        }
    };
    if let Some(group) = &option.group {
        diagnostics.error_at(
            group.span(),
            format!("`{name}` takes no parentheses: write {form}"),
        );
    }
}

/// The string literal of `name = "..."`; `example` is the option written right.
fn string_value<'a>(
    option: &'a EndpointOption,
    example: &str,
    diagnostics: &mut Diagnostics,
) -> Option<&'a LitStr> {
    let name = option.name.unraw();
    match &option.value {
        Some(Expr::Lit(expr)) if matches!(expr.lit, Lit::Str(_)) => match &expr.lit {
            Lit::Str(literal) => Some(literal),
            _ => None,
        },
        Some(value) => {
            diagnostics.error_spanned_by(
                value,
                format!(
                    "`{name}` takes a string literal, found `{}`: write `{example}`",
                    written(value)
                ),
            );
            None
        }
        None => {
            diagnostics.error_spanned_by(
                &option.name,
                format!("`{name}` needs a value: write `{example}`"),
            );
            None
        }
    }
}

/// The path a `crate = "..."` literal holds (`"::hg"`, `"hg"`, `"my::reexport"`), reported at the
/// literal when it holds none.
pub(crate) fn check_crate_path(literal: &LitStr, diagnostics: &mut Diagnostics) -> Option<Path> {
    let path = literal
        .parse_with(Path::parse_mod_style)
        .ok()
        .filter(|path| !path.segments.is_empty());
    if path.is_none() {
        diagnostics.error_spanned_by(
            literal,
            format!(
                "`crate` takes the path of a crate or module re-exporting heygen_api, found \
                 {:?}: write e.g. `crate = \"::heygen_api\"` or `crate = \"my::reexport\"`",
                literal.value()
            ),
        );
    }
    path
}

fn check_method(word: &Ident, diagnostics: &mut Diagnostics) -> Option<HttpMethod> {
    let written = word.unraw().to_string();
    if let Some(method) = HttpMethod::from_keyword(&written) {
        return Some(method);
    }
    let keywords: Vec<&str> = HttpMethod::ALL.iter().map(|m| m.keyword()).collect();
    let message = match suggest::closest(&written, &keywords) {
        Some(known) => format!("unknown HTTP method `{written}`: did you mean `{known}`?"),
        None => format!(
            "unknown HTTP method `{written}`: expected one of {}",
            kw::METHOD_LIST
        ),
    };
    diagnostics.error_spanned_by(word, message);
    None
}

/// A flag takes no value; returns whether it counts as set.
fn check_flag(option: &EndpointOption, diagnostics: &mut Diagnostics) -> bool {
    if let Some(value) = &option.value {
        let name = option.name.unraw();
        diagnostics.error_spanned_by(
            value,
            format!("`{name}` takes no value: write just `{name}`"),
        );
    }
    true
}

fn check_timeout(option: &EndpointOption, diagnostics: &mut Diagnostics) -> Option<u64> {
    let Some(value) = &option.value else {
        diagnostics.error_spanned_by(
            &option.name,
            "`timeout_secs` needs a value: write `timeout_secs = 30`",
        );
        return None;
    };
    let seconds = match value {
        Expr::Lit(expr) => match &expr.lit {
            Lit::Int(int) => int.base10_parse::<u64>().ok().filter(|secs| *secs > 0),
            _ => None,
        },
        _ => None,
    };
    if seconds.is_none() {
        diagnostics.error_spanned_by(
            value,
            format!(
                "`timeout_secs` must be a positive whole number of seconds, found `{}`: \
                 write e.g. `timeout_secs = 30`",
                written(value)
            ),
        );
    }
    seconds
}
