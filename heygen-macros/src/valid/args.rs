//! The argument checks: each argument's role, the body, the caller's key, and placeholders
//! matched with arguments both ways.

use super::header;
use super::route::Route;
use crate::diagnostics::Diagnostics;
use crate::kw::{self, HttpMethod};
use crate::model::{Arg, ArgRole, Endpoint};
use crate::plan::{Binding, BindingKind};
use crate::template::placeholder_span;
use crate::types::{unwrap_type, written};
use heygen_rules::template::Segment;
use syn::ext::IdentExt;
use syn::{GenericArgument, Ident, LitStr, PathArguments, Type};

/// `Some(false)` for `IdempotencyKey`, `Some(true)` for `Option<IdempotencyKey>`.
fn key_type(ty: &Type) -> Option<bool> {
    let Type::Path(path) = unwrap_type(ty) else {
        return None;
    };
    let last = path.path.segments.last()?;
    if path.qself.is_some() {
        return None;
    }
    if last.ident == kw::KEY_TYPE && last.arguments.is_none() {
        return Some(false);
    }
    if last.ident != kw::OPTION_TYPE {
        return None;
    }
    let PathArguments::AngleBracketed(arguments) = &last.arguments else {
        return None;
    };
    match arguments.args.iter().collect::<Vec<_>>().as_slice() {
        [GenericArgument::Type(inner)] if key_type(inner) == Some(false) => Some(true),
        _ => None,
    }
}

/// Binds every argument to what it is sent as, reporting those that cannot be.
pub(super) fn check_args<'a>(
    endpoint: &'a Endpoint,
    route: Option<&Route<'_>>,
    diagnostics: &mut Diagnostics,
) -> Vec<Binding<'a>> {
    let method = route.and_then(|r| r.method);
    let placeholders: Option<Vec<&str>> = route.and_then(|r| r.segments.as_ref()).map(|segments| {
        segments
            .iter()
            .filter_map(|segment| match segment {
                Segment::Param(name) => Some(name.as_str()),
                Segment::Literal(_) => None,
            })
            .collect()
    });

    let mut bindings = Vec::new();
    let mut body: Option<&Arg> = None;
    let mut key: Option<&Arg> = None;
    // Every header name given so far (lower case), and who gave it, for messages.
    let mut headers: Vec<(String, String)> = route
        .map(|route| {
            route
                .headers
                .iter()
                .map(|h| {
                    (
                        h.name.to_ascii_lowercase(),
                        format!("the attribute's `{}(..)`", h.option),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    for arg in &endpoint.args {
        let Some(ident) = &arg.ident else {
            if arg.role != ArgRole::Rejected {
                diagnostics.error_spanned_by(
                    &arg.pat,
                    "endpoint arguments need a plain name, e.g. `video_id: &str`",
                );
            }
            continue;
        };
        let name = ident.unraw().to_string();
        let kind = match arg.role {
            ArgRole::Rejected => continue,
            ArgRole::Plain => match &placeholders {
                Some(placeholders) if placeholders.contains(&name.as_str()) => {
                    BindingKind::Path(name)
                }
                Some(_) => {
                    diagnostics.error_spanned_by(
                        ident,
                        format!(
                            "argument `{name}` is bound to nothing: add {}, or a `<{name}>` \
                             placeholder in the path template",
                            kw::ARG_ATTRS_LIST
                        ),
                    );
                    continue;
                }
                // The template is broken and already reported: its placeholders are unknown.
                None => continue,
            },
            ArgRole::Query => BindingKind::Query(name),
            ArgRole::QueryFlatten => BindingKind::QueryFlatten,
            ArgRole::Body | ArgRole::Form | ArgRole::Multipart => {
                check_body(arg, ident, method, &mut body, diagnostics);
                match arg.role {
                    ArgRole::Body => BindingKind::Json,
                    ArgRole::Form => BindingKind::Form,
                    _ => BindingKind::Multipart,
                }
            }
            ArgRole::Header => {
                let Some(name) = check_header_arg(arg, &name, &mut headers, diagnostics) else {
                    continue;
                };
                BindingKind::Header(name)
            }
            ArgRole::IdempotencyKey => {
                let optional = check_key_arg(arg, route, &mut key, diagnostics);
                BindingKind::IdempotencyKey {
                    optional: optional.unwrap_or(false),
                }
            }
        };
        bindings.push(Binding {
            ident,
            ty: &arg.ty,
            kind,
        });
    }

    if let (Some(route), Some(placeholders)) = (route, &placeholders) {
        for placeholder in placeholders {
            check_placeholder_filled(endpoint, route.template, placeholder, diagnostics);
        }
    }
    bindings
}

/// Checks a `#[header("X-Name")]` argument's name, and that no other header has it; returns the
/// name as written.
fn check_header_arg(
    arg: &Arg,
    arg_name: &str,
    headers: &mut Vec<(String, String)>,
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    let literal = arg.header.as_ref()?;
    let name = header::check_name(literal, diagnostics)?;
    let lower = name.to_ascii_lowercase();
    if let Some((_, first)) = headers.iter().find(|(given, _)| *given == lower) {
        diagnostics.error_spanned_by(
            literal,
            format!(
                "the `{name}` header is already sent by {first}: a header is sent once; \
                 remove one"
            ),
        );
        return None;
    }
    headers.push((lower, format!("`{arg_name}`")));
    Some(name)
}

fn check_body<'a>(
    arg: &'a Arg,
    ident: &Ident,
    method: Option<HttpMethod>,
    body: &mut Option<&'a Arg>,
    diagnostics: &mut Diagnostics,
) {
    if let Some(first) = body {
        let first_name = first.ident.as_ref().map(|i| i.unraw().to_string());
        diagnostics.error_spanned_by(
            arg.role_tokens(),
            format!(
                "a request has one body, and `{}` is already its {}: \
                 remove {} from `{}` or merge the two",
                first_name.unwrap_or_default(),
                first.role.attribute(),
                arg.role.attribute(),
                ident.unraw()
            ),
        );
        return;
    }
    *body = Some(arg);
    if let Some(method) = method.filter(|m| !m.takes_body()) {
        diagnostics.error_spanned_by(
            arg.role_tokens(),
            format!(
                "a {} request has no body: send `{}` as #[query] arguments or a \
                 #[query(flatten)] struct, or declare the endpoint with POST, PUT or PATCH",
                method.keyword(),
                ident.unraw()
            ),
        );
    }
}

/// Checks the caller-key argument; returns whether its type is the `Option` form.
fn check_key_arg<'a>(
    arg: &'a Arg,
    route: Option<&Route<'_>>,
    key: &mut Option<&'a Arg>,
    diagnostics: &mut Diagnostics,
) -> Option<bool> {
    if key.is_some() {
        diagnostics.error_spanned_by(
            arg.role_tokens(),
            "a request has one Idempotency-Key: remove the second #[idempotency_key]",
        );
        return None;
    }
    *key = Some(arg);
    // Without `idempotent` the key would be ignored; on GET/DELETE `idempotent` itself is
    // already reported, so say nothing more here.
    if let Some(route) = route.filter(|r| !r.idempotent)
        && route.method.is_none_or(|m| m.takes_idempotency_key())
    {
        diagnostics.error_spanned_by(
            arg.role_tokens(),
            "#[idempotency_key] needs `idempotent` in the attribute, or the key is never \
                 sent: write e.g. `#[endpoint(POST \"/v3/videos\", idempotent)]`",
        );
    }
    let optional = key_type(&arg.ty);
    if optional.is_none() {
        diagnostics.error_spanned_by(
            &arg.ty,
            format!(
                "the #[idempotency_key] argument must be `IdempotencyKey` or \
                 `Option<IdempotencyKey>`, found `{}`",
                written(&arg.ty)
            ),
        );
    }
    optional
}

fn check_placeholder_filled(
    endpoint: &Endpoint,
    template: &LitStr,
    placeholder: &str,
    diagnostics: &mut Diagnostics,
) {
    let same_name = endpoint
        .args
        .iter()
        .find(|arg| arg.ident.as_ref().is_some_and(|i| i.unraw() == placeholder));
    let message = match same_name {
        Some(arg) if arg.role == ArgRole::Plain || arg.role == ArgRole::Rejected => return,
        Some(arg) => format!(
            "placeholder `<{placeholder}>` must be filled by a plain argument, but `{placeholder}` \
             is marked {}: remove that attribute",
            arg.role.attribute()
        ),
        None => format!(
            "placeholder `<{placeholder}>` has no matching argument: \
             add `{placeholder}: &str` (or another path parameter type) to the method"
        ),
    };
    diagnostics.error_at(placeholder_span(template, placeholder), message);
}
