//! What validation hands to expansion: a method that passed every check, with the user's tokens
//! for spans. Expansion reads only this, never the checks.

use crate::kw::{self, HttpMethod};
use crate::model::Endpoint;
use heygen_rules::template::Segment;
use syn::ext::IdentExt;
use syn::{Ident, LitStr, Token, Type};

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
    /// The generated stream method's name (`<name>_stream`), spanned like the method name.
    pub fn stream_name(&self) -> Ident {
        Ident::new(
            &format!("{}{}", self.name.unraw(), kw::STREAM_SUFFIX),
            self.name.span(),
        )
    }
}
