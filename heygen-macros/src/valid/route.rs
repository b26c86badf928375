//! The route checks: the HTTP method, the path template, and the flags and options after it.

use crate::attr::{EndpointAttr, EndpointOption};
use crate::diagnostics::Diagnostics;
use crate::kw::{self, HttpMethod};
use crate::types::written;
use crate::{suggest, template};
use heygen_rules::template::Segment;
use syn::ext::IdentExt;
use syn::{Expr, Ident, Lit, LitStr};

/// What the attribute says, as far as it could be understood.
pub(super) struct Route<'a> {
    pub(super) method: Option<HttpMethod>,
    pub(super) template: &'a LitStr,
    pub(super) segments: Option<Vec<Segment>>,
    pub(super) idempotent: bool,
    pub(super) paginated: bool,
    pub(super) timeout_secs: Option<u64>,
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
    };
    let mut seen: Vec<String> = Vec::new();
    for option in &attr.options {
        let name = option.name.unraw().to_string();
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
            _ => {
                let hint = suggest::closest(&name, kw::OPTIONS)
                    .map(|known| format!("; did you mean `{known}`?"))
                    .unwrap_or_default();
                diagnostics.error_spanned_by(
                    &option.name,
                    format!(
                        "unknown option `{name}`: expected `idempotent`, `paginated` or \
                         `timeout_secs = N`{hint}"
                    ),
                );
            }
        }
    }
    route
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
