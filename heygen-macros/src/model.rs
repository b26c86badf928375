//! One `#[endpoint]` method as a typed model that keeps the original syntax nodes for spans.
//!
//! Building the model records what cannot even be read (an attribute that does not parse, an
//! unknown argument attribute); judging what was read is left to the `valid` module.

use crate::attr::{EndpointAttr, missing_route_message};
use crate::diagnostics::Diagnostics;
use crate::{kw, suggest};
use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::{Attribute, Block, FnArg, Ident, LitStr, Meta, Pat, Signature, TraitItemFn, Type};

/// A trait method carrying `#[endpoint(...)]`.
pub struct Endpoint {
    /// The method's other attributes (doc comments included), kept on the generated method.
    pub attrs: Vec<Attribute>,
    /// The parsed attribute, or `None` when it did not parse (that error is already recorded).
    pub route: Option<EndpointAttr>,
    /// The signature as written, minus the argument attributes this macro consumes.
    pub sig: Signature,
    /// A body the user wrote, which is an error: the macro writes it.
    pub default_body: Option<Block>,
    /// The arguments after the receiver, in order.
    pub args: Vec<Arg>,
    /// Whether reading the method already found errors (recorded in the diagnostics).
    pub malformed: bool,
}

/// One argument after the receiver.
pub struct Arg {
    /// The name, when the pattern is a plain identifier.
    pub ident: Option<Ident>,
    /// The pattern as written, for errors about it.
    pub pat: Pat,
    /// The declared type.
    pub ty: Type,
    /// What the argument is sent as.
    pub role: ArgRole,
    /// The attribute that declared the role (`None` for a plain argument), for errors about it.
    pub role_attr: Option<Attribute>,
    /// The name literal of a `#[header("X-Name")]` argument.
    pub header: Option<LitStr>,
}

/// What an argument is sent as, from its attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgRole {
    /// No attribute: it must fill a `<name>` placeholder.
    Plain,
    /// `#[query]`
    Query,
    /// `#[query(flatten)]`
    QueryFlatten,
    /// `#[body]`
    Body,
    /// `#[form]`
    Form,
    /// `#[multipart]`
    Multipart,
    /// `#[header("X-Name")]` (the name is [`Arg::header`])
    Header,
    /// `#[idempotency_key]`
    IdempotencyKey,
    /// An attribute that was already reported as wrong: no further checks on this argument.
    Rejected,
}

impl Arg {
    /// What errors about the argument's role point at: its attribute, or the argument.
    pub fn role_tokens(&self) -> TokenStream {
        match &self.role_attr {
            Some(attr) => attr.to_token_stream(),
            None => self.pat.to_token_stream(),
        }
    }
}

impl ArgRole {
    /// The attribute as the user writes it, for messages.
    pub fn attribute(self) -> &'static str {
        match self {
            ArgRole::Plain | ArgRole::Rejected => "no attribute",
            ArgRole::Query => "#[query]",
            ArgRole::QueryFlatten => "#[query(flatten)]",
            ArgRole::Body => "#[body]",
            ArgRole::Form => "#[form]",
            ArgRole::Multipart => "#[multipart]",
            ArgRole::Header => "#[header(\"..\")]",
            ArgRole::IdempotencyKey => "#[idempotency_key]",
        }
    }
}

/// Whether an attribute is `#[endpoint]` under any path (`#[heygen_api::endpoint]` too).
pub fn is_endpoint_attr(attr: &Attribute) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|segment| segment.ident == kw::ENDPOINT)
}

impl Endpoint {
    /// Reads a method whose `#[endpoint(...)]` attribute held `attr_tokens`; `attr_span` points
    /// at that attribute for errors about it as a whole.
    pub fn new(
        attr_tokens: TokenStream,
        attr_span: Span,
        method: TraitItemFn,
        diagnostics: &mut Diagnostics,
    ) -> Endpoint {
        let errors_before = diagnostics.count();
        let route = if attr_tokens.is_empty() {
            diagnostics.error_at(attr_span, missing_route_message());
            None
        } else {
            syn::parse2::<EndpointAttr>(attr_tokens)
                .map_err(|error| diagnostics.push(error))
                .ok()
        };

        let mut attrs = Vec::with_capacity(method.attrs.len());
        for attr in method.attrs {
            if is_endpoint_attr(&attr) {
                diagnostics.error_spanned_by(
                    &attr,
                    "repeated #[endpoint]: a method declares one endpoint; remove this one",
                );
            } else {
                attrs.push(attr);
            }
        }

        let mut sig = method.sig;
        let mut args = Vec::new();
        for input in sig.inputs.iter_mut() {
            if let FnArg::Typed(typed) = input {
                let (role, header, role_attr) = match take_role(&mut typed.attrs, diagnostics) {
                    Some((role, header, attr)) => (role, header, Some(attr)),
                    None => (ArgRole::Plain, None, None),
                };
                let ident = match &*typed.pat {
                    Pat::Ident(pat)
                        if pat.by_ref.is_none()
                            && pat.mutability.is_none()
                            && pat.subpat.is_none() =>
                    {
                        Some(pat.ident.clone())
                    }
                    _ => None,
                };
                args.push(Arg {
                    ident,
                    pat: (*typed.pat).clone(),
                    ty: (*typed.ty).clone(),
                    role,
                    role_attr,
                    header,
                });
            }
        }

        Endpoint {
            attrs,
            route,
            sig,
            default_body: method.default,
            args,
            malformed: diagnostics.count() > errors_before,
        }
    }
}

/// Removes this macro's attributes (and unknown ones, reported) from an argument, returning its
/// role, a header's name literal, and the attribute that declared it.
fn take_role(
    attrs: &mut Vec<Attribute>,
    diagnostics: &mut Diagnostics,
) -> Option<(ArgRole, Option<LitStr>, Attribute)> {
    let mut found: Option<(ArgRole, Option<LitStr>, Attribute)> = None;
    let mut unknown: Option<Attribute> = None;
    let mut kept = Vec::new();
    for attr in attrs.drain(..) {
        let name = attr.path().get_ident().map(Ident::to_string);
        let Some(name) = name
            .as_ref()
            .filter(|name| kw::ARG_ATTRS.contains(&name.as_str()))
        else {
            if name
                .as_deref()
                .is_some_and(|name| kw::LINT_ATTRS.contains(&name))
            {
                kept.push(attr);
            } else {
                report_unknown_attribute(&attr, diagnostics);
                // Most likely a misspelt role: no further checks, which would only guess.
                unknown.get_or_insert(attr);
            }
            continue;
        };
        let (role, header) = read_role(name, &attr, diagnostics);
        match &found {
            Some((first, _, _)) => diagnostics.error_spanned_by(
                &attr,
                format!(
                    "this argument is already {}: an argument is sent one way; \
                     keep one of its attributes",
                    first.attribute()
                ),
            ),
            None => found = Some((role, header, attr)),
        }
    }
    *attrs = kept;
    found.or(unknown.map(|attr| (ArgRole::Rejected, None, attr)))
}

fn report_unknown_attribute(attr: &Attribute, diagnostics: &mut Diagnostics) {
    let written = attr.path().to_token_stream().to_string().replace(' ', "");
    let hint = suggest::closest(&written, kw::ARG_ATTRS)
        .map(|name| format!("; did you mean #[{name}]?"))
        .unwrap_or_default();
    diagnostics.error_spanned_by(
        attr,
        format!(
            "unknown argument attribute `#[{written}]`: expected {}{hint}",
            kw::ARG_ATTRS_LIST
        ),
    );
}

/// The role one of this macro's attributes declares, with a header's name literal; a malformed
/// one is reported and gives [`ArgRole::Rejected`].
fn read_role(
    name: &str,
    attr: &Attribute,
    diagnostics: &mut Diagnostics,
) -> (ArgRole, Option<LitStr>) {
    if name == kw::HEADER {
        return read_header(attr, diagnostics);
    }
    let role = match name {
        kw::QUERY => ArgRole::Query,
        kw::BODY => ArgRole::Body,
        kw::FORM => ArgRole::Form,
        kw::MULTIPART => ArgRole::Multipart,
        _ => ArgRole::IdempotencyKey,
    };
    let role = match (&attr.meta, role) {
        (Meta::Path(_), _) => role,
        (Meta::List(list), ArgRole::Query) => match syn::parse2::<Ident>(list.tokens.clone()) {
            Ok(word) if word == kw::FLATTEN => ArgRole::QueryFlatten,
            Ok(word) => {
                let hint = suggest::closest(&word.to_string(), &[kw::FLATTEN])
                    .map(|_| "; did you mean `flatten`?")
                    .unwrap_or_default();
                diagnostics.error_spanned_by(
                    &word,
                    format!(
                        "unknown query option `{word}`: write `#[query]` for one parameter or \
                         `#[query(flatten)]` for a struct of parameters{hint}"
                    ),
                );
                ArgRole::Rejected
            }
            Err(_) => {
                diagnostics.error_spanned_by(
                    &list.tokens,
                    "expected `#[query]` for one parameter or `#[query(flatten)]` for a struct \
                     of parameters",
                );
                ArgRole::Rejected
            }
        },
        (_, role) => {
            diagnostics.error_spanned_by(
                attr,
                format!(
                    "{} takes no arguments: write `{}`",
                    role.attribute(),
                    role.attribute()
                ),
            );
            ArgRole::Rejected
        }
    };
    (role, None)
}

/// `#[header("X-Name")]`: the name must be there, as one string literal (judged in `valid`).
fn read_header(attr: &Attribute, diagnostics: &mut Diagnostics) -> (ArgRole, Option<LitStr>) {
    let message = "expected `#[header(\"X-Name\")]`: the header's name as a string literal";
    match &attr.meta {
        Meta::List(list) => match syn::parse2::<LitStr>(list.tokens.clone()) {
            Ok(name) => (ArgRole::Header, Some(name)),
            Err(_) if list.tokens.is_empty() => {
                diagnostics.error_spanned_by(attr, message);
                (ArgRole::Rejected, None)
            }
            Err(_) => {
                diagnostics.error_spanned_by(&list.tokens, message);
                (ArgRole::Rejected, None)
            }
        },
        _ => {
            diagnostics.error_spanned_by(attr, message);
            (ArgRole::Rejected, None)
        }
    }
}
