//! Every check on one endpoint, collected; a method that passes them all becomes a [`Plan`].
//!
//! Checks never stop at the first problem: each records its errors and the others still run, so a
//! declaration with three mistakes shows three errors in one compile. A check that depends on
//! something already reported as broken (the placeholders of a malformed template, say) is
//! skipped rather than guessed at, so that one mistake gives one error.

use crate::attr::{EndpointAttr, EndpointOption};
use crate::diagnostics::Diagnostics;
use crate::kw::{self, HttpMethod};
use crate::model::{Arg, ArgRole, Endpoint};
use crate::suggest;
use crate::template::{self, Segment};
use proc_macro2::Span;
use quote::ToTokens;
use std::ops::Range;
use syn::ext::IdentExt;
use syn::{
    Expr, FnArg, GenericArgument, Ident, Lit, LitStr, PathArguments, ReturnType, Token, Type,
};

/// A method that passed every check: all that expansion needs, with the user's tokens for spans.
pub struct Plan<'a> {
    /// The checked method.
    pub endpoint: &'a Endpoint,
    /// The method's name.
    pub name: &'a Ident,
    /// The receiver's `self`, reused so the generated body refers to the user's receiver.
    pub self_token: Token![self],
    /// The HTTP method.
    pub method: HttpMethod,
    /// The template literal as written.
    pub template: &'a LitStr,
    /// The template's segments.
    pub segments: Vec<Segment>,
    /// Declared `idempotent`.
    pub idempotent: bool,
    /// Declared `paginated`.
    pub paginated: bool,
    /// Whether to generate the `<name>_stream` method (paginated, and the name is free).
    pub stream: bool,
    /// `timeout_secs = N`.
    pub timeout_secs: Option<u64>,
    /// The declared return type, `Result<T>` as written (the future's output).
    pub return_type: &'a Type,
    /// `T` of the declared `Result<T>`.
    pub output: &'a Type,
    /// What each argument becomes, in argument order.
    pub bindings: Vec<Binding<'a>>,
}

/// One argument and how the request carries it.
pub struct Binding<'a> {
    /// The argument's name.
    pub ident: &'a Ident,
    /// The argument's type.
    pub ty: &'a Type,
    /// How it is sent.
    pub kind: BindingKind,
}

/// How an argument is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BindingKind {
    /// Fills the placeholder of this name.
    Path(String),
    /// One query parameter of this name.
    Query(String),
    /// A struct of query parameters.
    QueryFlatten,
    /// The JSON body.
    Json,
    /// The multipart body.
    Multipart,
    /// The caller's key; `optional` when declared `Option<IdempotencyKey>`.
    IdempotencyKey {
        /// Declared as `Option<IdempotencyKey>`.
        optional: bool,
    },
}

impl Plan<'_> {
    /// The generated stream method's name (`<name>_stream`).
    pub fn stream_name(&self) -> Ident {
        stream_name(self.name)
    }
}

/// `<name>_stream`, spanned like the method name.
pub fn stream_name(name: &Ident) -> Ident {
    Ident::new(
        &format!("{}{}", name.unraw(), kw::STREAM_SUFFIX),
        name.span(),
    )
}

/// What the attribute says, as far as it could be understood.
struct Route<'a> {
    method: Option<HttpMethod>,
    template: &'a LitStr,
    segments: Option<Vec<Segment>>,
    idempotent: bool,
    paginated: bool,
    timeout_secs: Option<u64>,
}

/// Checks one endpoint; `Some` only when it has no error at all.
pub fn check<'a>(endpoint: &'a Endpoint, diagnostics: &mut Diagnostics) -> Option<Plan<'a>> {
    let before = diagnostics.count();
    let route = endpoint
        .route
        .as_ref()
        .map(|attr| check_route(attr, diagnostics));
    let self_token = check_receiver(endpoint, diagnostics);
    check_qualifiers(endpoint, diagnostics);
    let return_type = check_return_type(endpoint, diagnostics);
    let bindings = check_args(endpoint, route.as_ref(), diagnostics);

    if endpoint.malformed || diagnostics.count() > before {
        return None;
    }
    let route = route?;
    Some(Plan {
        endpoint,
        name: &endpoint.sig.ident,
        self_token: self_token?,
        method: route.method?,
        template: route.template,
        segments: route.segments?,
        idempotent: route.idempotent,
        paginated: route.paginated,
        stream: route.paginated,
        timeout_secs: route.timeout_secs,
        return_type: return_type?.0,
        output: return_type?.1,
        bindings,
    })
}

fn check_route<'a>(attr: &'a EndpointAttr, diagnostics: &mut Diagnostics) -> Route<'a> {
    let method = check_method(&attr.method, diagnostics);
    let segments = match template::parse(&attr.template.value()) {
        Ok(segments) => Some(segments),
        Err(errors) => {
            for error in errors {
                let span = template_span(&attr.template, error.range.clone());
                diagnostics.error_at(span, error);
            }
            None
        }
    };

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

/// The span of `range` (bytes of the literal's value) inside the literal, where the compiler can
/// give one; otherwise the whole literal.
fn template_span(template: &LitStr, range: Range<usize>) -> Span {
    let token = template.token();
    let source = token.to_string();
    // Byte offsets of the value match the source only for a plain "..." literal without escapes.
    let plain = source.len() == template.value().len() + 2
        && source.starts_with('"')
        && source[1..source.len() - 1] == template.value();
    if plain && !range.is_empty() {
        if let Some(span) = token.subspan(range.start + 1..range.end + 1) {
            return span;
        }
    }
    template.span()
}

/// The receiver must be `&self`: the generated body borrows the client from it.
fn check_receiver(endpoint: &Endpoint, diagnostics: &mut Diagnostics) -> Option<Token![self]> {
    let sig = &endpoint.sig;
    let name = &sig.ident;
    let Some(FnArg::Receiver(receiver)) = sig.inputs.first() else {
        diagnostics.error_at(
            sig.paren_token.span.join(),
            format!(
                "endpoint methods take `&self` first, to reach the client: \
                 write `fn {name}(&self, ...)`"
            ),
        );
        return None;
    };
    let problem = if receiver.colon_token.is_some() {
        Some(format!("`self: {}`", written(&receiver.ty)))
    } else if receiver.reference.is_none() {
        Some("`self`".to_owned())
    } else if receiver.mutability.is_some() {
        Some("`&mut self`".to_owned())
    } else {
        None
    };
    match problem {
        Some(found) => {
            diagnostics.error_spanned_by(
                receiver,
                format!("endpoint methods take `&self`, not {found}: write `&self`"),
            );
            None
        }
        None => Some(receiver.self_token),
    }
}

/// `async fn` without generics, qualifiers or a body of its own.
fn check_qualifiers(endpoint: &Endpoint, diagnostics: &mut Diagnostics) {
    let sig = &endpoint.sig;
    let name = &sig.ident;
    if sig.asyncness.is_none() {
        diagnostics.error_spanned_by(
            sig.fn_token,
            format!("endpoint methods are declared `async fn`: write `async fn {name}`"),
        );
    }
    if let Some(constness) = &sig.constness {
        diagnostics.error_spanned_by(constness, "remove `const`: endpoint methods are `async fn`");
    }
    if let Some(unsafety) = &sig.unsafety {
        diagnostics.error_spanned_by(unsafety, "remove `unsafe`: endpoint methods are safe");
    }
    if let Some(abi) = &sig.abi {
        diagnostics.error_spanned_by(abi, "remove the ABI: endpoint methods are Rust methods");
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        diagnostics.error_spanned_by(
            &sig.generics,
            "endpoint methods cannot be generic: use concrete argument types \
             (elided lifetimes such as `&str` are fine)",
        );
    }
    if let Some(body) = &endpoint.default_body {
        diagnostics.error_at(
            body.brace_token.span.join(),
            "remove this body: #[endpoint] writes the method body; end the declaration with `;`",
        );
    }
}

/// The declared `Result<T>` and its `T`.
fn check_return_type<'a>(
    endpoint: &'a Endpoint,
    diagnostics: &mut Diagnostics,
) -> Option<(&'a Type, &'a Type)> {
    let sig = &endpoint.sig;
    let ReturnType::Type(_, ty) = &sig.output else {
        diagnostics.error_at(
            sig.paren_token.span.close(),
            "endpoint methods return `heygen_api::Result<T>`: add `-> Result<T>`, \
             where T is decoded from the response's `data`",
        );
        return None;
    };
    let found = written(ty);
    let expected = || {
        format!(
            "endpoint methods return `heygen_api::Result<T>`, found `{found}`: write \
             `-> Result<T>`, where T is decoded from the response's `data`"
        )
    };
    let Type::Path(path) = unwrap_type(ty) else {
        diagnostics.error_spanned_by(ty, expected());
        return None;
    };
    let last = path.path.segments.last()?;
    if path.qself.is_some() || last.ident != kw::RESULT_TYPE {
        diagnostics.error_spanned_by(ty, expected());
        return None;
    }
    let PathArguments::AngleBracketed(arguments) = &last.arguments else {
        diagnostics.error_spanned_by(ty, expected());
        return None;
    };
    let mut types = arguments.args.iter();
    match (types.next(), types.next()) {
        (Some(GenericArgument::Type(output)), None) => Some((&**ty, output)),
        (Some(GenericArgument::Type(output)), Some(extra)) => {
            diagnostics.error_spanned_by(
                extra,
                format!(
                    "`heygen_api::Result` takes one type, the error is always \
                     `heygen_api::Error`: write `Result<{}>`",
                    written(output)
                ),
            );
            None
        }
        _ => {
            diagnostics.error_spanned_by(ty, expected());
            None
        }
    }
}

/// Tokens as a person would write them (`Option<Video>`, `&str`), for messages: the
/// tokenizer's rendering puts spaces around every punctuation mark.
pub fn written(tokens: impl ToTokens) -> String {
    let mut text = tokens.to_token_stream().to_string();
    for (spaced, tight) in [
        (" <", "<"),
        ("< ", "<"),
        (" >", ">"),
        ("& ", "&"),
        (" ,", ","),
        (" ::", "::"),
        (":: ", "::"),
        ("( ", "("),
        (" )", ")"),
        ("[ ", "["),
        (" ]", "]"),
        (" ;", ";"),
    ] {
        text = text.replace(spaced, tight);
    }
    text
}

/// A type without the invisible groups and parentheses macros may wrap it in.
pub fn unwrap_type(ty: &Type) -> &Type {
    match ty {
        Type::Group(group) => unwrap_type(&group.elem),
        Type::Paren(paren) => unwrap_type(&paren.elem),
        _ => ty,
    }
}

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

fn check_args<'a>(
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
            ArgRole::Body | ArgRole::Multipart => {
                check_body(arg, ident, method, &mut body, diagnostics);
                if arg.role == ArgRole::Body {
                    BindingKind::Json
                } else {
                    BindingKind::Multipart
                }
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
    if let Some(route) = route.filter(|r| !r.idempotent) {
        if route.method.is_none_or(|m| m.takes_idempotency_key()) {
            diagnostics.error_spanned_by(
                arg.role_tokens(),
                "#[idempotency_key] needs `idempotent` in the attribute, or the key is never \
                 sent: write e.g. `#[endpoint(POST \"/v3/videos\", idempotent)]`",
            );
        }
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
    let source = template.value();
    let needle = format!("<{placeholder}>");
    let span = match source.find(&needle) {
        Some(start) => template_span(template, start..start + needle.len()),
        None => template.span(),
    };
    diagnostics.error_at(span, message);
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;
    use syn::TraitItemFn;

    /// Checks `method` under `#[endpoint(attr)]`, returning the plan's key facts or the messages.
    fn run(
        attr: proc_macro2::TokenStream,
        method: proc_macro2::TokenStream,
    ) -> Result<Vec<BindingKind>, Vec<String>> {
        let method: TraitItemFn = syn::parse2(method).unwrap();
        let mut diagnostics = Diagnostics::new();
        let endpoint = Endpoint::new(attr, Span::call_site(), method, &mut diagnostics);
        let result = check(&endpoint, &mut diagnostics)
            .map(|plan| plan.bindings.iter().map(|b| b.kind.clone()).collect());
        let rendered = diagnostics.into_compile_errors();
        match result {
            Some(bindings) => {
                assert!(rendered.is_empty());
                Ok(bindings)
            }
            None => Err(messages(rendered)),
        }
    }

    /// The messages inside `compile_error!` invocations.
    fn messages(errors: proc_macro2::TokenStream) -> Vec<String> {
        let file: syn::File = syn::parse2(errors).unwrap();
        file.items
            .iter()
            .map(|item| match item {
                syn::Item::Macro(mac) => syn::parse2::<LitStr>(mac.mac.tokens.clone())
                    .unwrap()
                    .value(),
                _ => panic!("not an error"),
            })
            .collect()
    }

    fn errors(attr: proc_macro2::TokenStream, method: proc_macro2::TokenStream) -> Vec<String> {
        run(attr, method).expect_err("the declaration was accepted")
    }

    #[test]
    fn binds_every_role() {
        let bindings = run(
            quote!(POST "/v3/x/<id>", idempotent),
            quote!(
                async fn f(
                    &self,
                    id: &str,
                    #[query] limit: Option<u32>,
                    #[query(flatten)] q: &Q,
                    #[body] body: &B,
                    #[idempotency_key] key: Option<IdempotencyKey>,
                ) -> Result<T>;
            ),
        )
        .unwrap();
        assert_eq!(
            bindings,
            vec![
                BindingKind::Path("id".into()),
                BindingKind::Query("limit".into()),
                BindingKind::QueryFlatten,
                BindingKind::Json,
                BindingKind::IdempotencyKey { optional: true },
            ]
        );
    }

    #[test]
    fn raw_identifiers_lose_their_prefix() {
        let bindings = run(
            quote!(GET "/v3/<type>"),
            quote!(
                async fn f(&self, r#type: &str, #[query] r#async: bool) -> Result<T>;
            ),
        )
        .unwrap();
        assert_eq!(
            bindings,
            vec![
                BindingKind::Path("type".into()),
                BindingKind::Query("async".into())
            ]
        );
    }

    #[test]
    fn key_argument_forms() {
        let bindings = run(
            quote!(POST "/v3/x", idempotent),
            quote!(
                async fn f(&self, #[idempotency_key] key: heygen_api::IdempotencyKey) -> Result<T>;
            ),
        )
        .unwrap();
        assert_eq!(
            bindings,
            vec![BindingKind::IdempotencyKey { optional: false }]
        );
        let wrong = errors(
            quote!(POST "/v3/x", idempotent),
            quote!(
                async fn f(&self, #[idempotency_key] key: &str) -> Result<T>;
            ),
        );
        assert_eq!(
            wrong,
            [
                "the #[idempotency_key] argument must be `IdempotencyKey` or \
              `Option<IdempotencyKey>`, found `&str`"
            ]
        );
    }

    #[test]
    fn unknown_method_suggests() {
        assert_eq!(
            errors(
                quote!(get "/v3/x"),
                quote!(
                    async fn f(&self) -> Result<T>;
                )
            ),
            ["unknown HTTP method `get`: did you mean `GET`?"]
        );
        assert_eq!(
            errors(
                quote!(HEAD "/v3/x"),
                quote!(
                    async fn f(&self) -> Result<T>;
                )
            ),
            ["unknown HTTP method `HEAD`: expected one of GET, POST, PUT, PATCH, DELETE"]
        );
    }

    #[test]
    fn options_are_checked() {
        assert_eq!(
            errors(
                quote!(POST "/v3/x", idempotant),
                quote!(
                    async fn f(&self) -> Result<T>;
                )
            ),
            [
                "unknown option `idempotant`: expected `idempotent`, `paginated` or \
              `timeout_secs = N`; did you mean `idempotent`?"
            ]
        );
        assert_eq!(
            errors(
                quote!(POST "/v3/x", idempotent, idempotent),
                quote!(
                    async fn f(&self) -> Result<T>;
                )
            ),
            ["`idempotent` is given twice: remove one"]
        );
        for bad in [quote!(0), quote!(-1), quote!("5"), quote!(1.5)] {
            let found = errors(
                quote!(GET "/v3/x", timeout_secs = #bad),
                quote!(
                    async fn f(&self) -> Result<T>;
                ),
            );
            assert_eq!(found.len(), 1);
            assert!(found[0].starts_with("`timeout_secs` must be a positive whole number"));
        }
        assert_eq!(
            errors(
                quote!(GET "/v3/x", timeout_secs),
                quote!(
                    async fn f(&self) -> Result<T>;
                )
            ),
            ["`timeout_secs` needs a value: write `timeout_secs = 30`"]
        );
        assert_eq!(
            errors(
                quote!(GET "/v3/x", paginated = true),
                quote!(
                    async fn f(&self) -> Result<T>;
                )
            ),
            ["`paginated` takes no value: write just `paginated`"]
        );
    }

    #[test]
    fn method_rules() {
        assert!(
            errors(
                quote!(GET "/v3/x", idempotent),
                quote!(
                    async fn f(&self) -> Result<T>;
                )
            )[0]
            .starts_with("`idempotent` means nothing on GET")
        );
        assert!(
            errors(
                quote!(DELETE "/v3/x", idempotent),
                quote!(
                    async fn f(&self) -> Result<T>;
                )
            )[0]
            .starts_with("`idempotent` means nothing on DELETE")
        );
        assert!(
            errors(
                quote!(POST "/v3/x", paginated),
                quote!(
                    async fn f(&self) -> Result<T>;
                )
            )[0]
            .starts_with("`paginated` is for GET list endpoints, not POST")
        );
        assert!(
            errors(
                quote!(GET "/v3/x"),
                quote!(
                    async fn f(&self, #[body] b: &B) -> Result<T>;
                )
            )[0]
            .starts_with("a GET request has no body")
        );
        assert!(
            errors(
                quote!(POST "/v3/x"),
                quote!(
                    async fn f(&self, #[body] a: &B, #[multipart] b: Multipart) -> Result<T>;
                )
            )[0]
            .starts_with("a request has one body, and `a` is already its #[body]")
        );
        assert!(
            errors(
                quote!(POST "/v3/x"),
                quote!(
                    async fn f(&self, #[idempotency_key] k: IdempotencyKey) -> Result<T>;
                )
            )[0]
            .starts_with("#[idempotency_key] needs `idempotent`")
        );
    }

    #[test]
    fn placeholders_and_arguments_match_both_ways() {
        assert_eq!(
            errors(
                quote!(GET "/v3/x/<id>"),
                quote!(
                    async fn f(&self) -> Result<T>;
                )
            ),
            [
                "placeholder `<id>` has no matching argument: add `id: &str` \
              (or another path parameter type) to the method"
            ]
        );
        assert_eq!(
            errors(
                quote!(GET "/v3/x"),
                quote!(
                    async fn f(&self, limit: u32) -> Result<T>;
                )
            ),
            [
                "argument `limit` is bound to nothing: add #[query], #[query(flatten)], #[body], \
              #[multipart] or #[idempotency_key], or a `<limit>` placeholder in the path template"
            ]
        );
        assert_eq!(
            errors(
                quote!(GET "/v3/x/<id>"),
                quote!(
                    async fn f(&self, #[query] id: &str) -> Result<T>;
                )
            ),
            [
                "placeholder `<id>` must be filled by a plain argument, but `id` is marked \
              #[query]: remove that attribute"
            ]
        );
    }

    #[test]
    fn signature_rules() {
        let attr = quote!(GET "/v3/x");
        assert_eq!(
            errors(
                attr.clone(),
                quote!(
                    fn f(&self) -> Result<T>;
                )
            ),
            ["endpoint methods are declared `async fn`: write `async fn f`"]
        );
        assert_eq!(
            errors(
                attr.clone(),
                quote!(
                    async fn f(self) -> Result<T>;
                )
            ),
            ["endpoint methods take `&self`, not `self`: write `&self`"]
        );
        assert_eq!(
            errors(
                attr.clone(),
                quote!(
                    async fn f(&mut self) -> Result<T>;
                )
            ),
            ["endpoint methods take `&self`, not `&mut self`: write `&self`"]
        );
        assert_eq!(
            errors(
                attr.clone(),
                quote!(
                    async fn f() -> Result<T>;
                )
            ),
            ["endpoint methods take `&self` first, to reach the client: write `fn f(&self, ...)`"]
        );
        assert_eq!(
            errors(
                attr.clone(),
                quote!(
                    async fn f(&self) -> Result<T, E>;
                )
            ),
            [
                "`heygen_api::Result` takes one type, the error is always `heygen_api::Error`: \
              write `Result<T>`"
            ]
        );
        assert!(
            errors(
                attr.clone(),
                quote!(
                    async fn f(&self) -> Option<T>;
                )
            )[0]
            .starts_with("endpoint methods return `heygen_api::Result<T>`, found `Option<T>`")
        );
        assert!(
            errors(
                attr.clone(),
                quote!(
                    async fn f(&self);
                )
            )[0]
            .starts_with("endpoint methods return `heygen_api::Result<T>`: add `-> Result<T>`")
        );
        assert!(
            errors(
                attr.clone(),
                quote!(
                    async fn f<X>(&self) -> Result<T>;
                )
            )[0]
            .starts_with("endpoint methods cannot be generic")
        );
        assert!(
            errors(
                attr,
                quote!(
                    async fn f(&self) -> Result<T> {
                        todo!()
                    }
                )
            )[0]
            .starts_with("remove this body")
        );
    }

    #[test]
    fn messages_show_types_as_written() {
        assert_eq!(
            written(quote!(Result<Vec<Video>, String>)),
            "Result<Vec<Video>, String>"
        );
        assert_eq!(written(quote!(&'a [&str])), "&'a [&str]");
        assert_eq!(
            written(quote!(::heygen_api::Page<(u32, u32)>)),
            "::heygen_api::Page<(u32, u32)>"
        );
    }

    #[test]
    fn every_error_of_a_declaration_is_reported() {
        let found = errors(
            quote!(FETCH "/v3/x/<id>", retries = 3),
            quote!(
                async fn f(self, #[query] limit: u32) -> Option<T>;
            ),
        );
        assert_eq!(found.len(), 5, "{found:#?}");
    }

    #[test]
    fn a_broken_template_does_not_cascade_into_argument_errors() {
        assert_eq!(
            errors(
                quote!(GET "/v3/x/<id"),
                quote!(
                    async fn f(&self, id: &str) -> Result<T>;
                )
            ),
            ["unclosed placeholder `<id`: close it with `>`"]
        );
    }

    #[test]
    fn unknown_argument_attributes() {
        assert_eq!(
            errors(
                quote!(GET "/v3/x"),
                quote!(
                    async fn f(&self, #[querry] limit: u32) -> Result<T>;
                )
            ),
            [
                "unknown argument attribute `#[querry]`: expected #[query], #[query(flatten)], \
              #[body], #[multipart] or #[idempotency_key]; did you mean #[query]?"
            ]
        );
        assert_eq!(
            errors(
                quote!(GET "/v3/x"),
                quote!(
                    async fn f(&self, #[query(flaten)] q: &Q) -> Result<T>;
                )
            ),
            [
                "unknown query option `flaten`: write `#[query]` for one parameter or \
              `#[query(flatten)]` for a struct of parameters; did you mean `flatten`?"
            ]
        );
        assert_eq!(
            errors(
                quote!(POST "/v3/x"),
                quote!(
                    async fn f(
                        &self,
                        #[body]
                        #[query]
                        b: &B,
                    ) -> Result<T>;
                )
            ),
            [
                "this argument is already #[body]: an argument is sent one way; keep one of its \
              attributes"
            ]
        );
    }
}
