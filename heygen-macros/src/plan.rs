//! What validation hands to expansion: a method that passed every check, with the user's tokens
//! for spans. Expansion reads only this, never the checks.

use crate::kw::{self, HttpMethod};
use crate::model::Endpoint;
use heygen_rules::template::Segment;
use proc_macro2::TokenStream;
use quote::quote;
use syn::ext::IdentExt;
use syn::{Ident, LitStr, Path, Token, Type};

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
    /// How the answer is read, from `T`.
    pub reading: Reading<'a>,
    /// `header("Name" = "value")` options, in order.
    pub headers: Vec<(String, String)>,
    /// `crate = "path"`, or the trait's `#[api(crate = "path")]`; `None` for `::heygen_api`.
    pub crate_path: Option<Path>,
    /// `end_event = "name"` and `reconnect`, when either is given (event streams only).
    pub event_stream: Option<(Option<String>, bool)>,
}

/// `T` of the declared `Result<T>`, read.
#[derive(Debug, Clone, Copy)]
pub struct Answer<'a> {
    /// The runtime entry point that reads it.
    pub reading: Reading<'a>,
    /// What `T` (or `X` of `Response<X>`) is.
    pub form: AnswerForm,
}

/// What an answer type is, as far as reading it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerForm {
    /// Anything decoded from `{"data": T}` (or, `paginated`, a whole page).
    Data,
    /// `()`: any success status; the body is read and ignored.
    Unit,
    /// `Json<X>`, `Bytes`, `String` or `ByteStream`, by name.
    Named(&'static str),
    /// `EventStream<X>`.
    EventStream,
}

/// The runtime entry point reading an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading<'a> {
    /// `send::<T>` (`send_paginated::<T>` when paginated): `{"data": T}`, or a whole page.
    Data,
    /// `send_form::<T>`: `T` implements `ResponseForm`.
    Form,
    /// `send_with_meta::<X>` for `Response<X>`, `X` from `{"data": X}`.
    DataWithMeta(&'a Type),
    /// `send_form_with_meta::<X>` for `Response<X>`, `X` a response form.
    FormWithMeta(&'a Type),
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
    /// The form-urlencoded body.
    Form,
    /// The multipart body.
    Multipart,
    /// A request header of this name (as written).
    Header(String),
    /// The caller's key; `optional` when declared `Option<IdempotencyKey>`.
    IdempotencyKey {
        /// Declared as `Option<IdempotencyKey>`.
        optional: bool,
    },
}

impl Plan<'_> {
    /// The crate generated code reaches the runtime through: `crate = ".."`, or `::heygen_api`.
    pub fn crate_path(&self) -> TokenStream {
        crate_tokens(self.crate_path.as_ref())
    }

    /// The generated stream method's name (`<name>_stream`), spanned like the method name.
    pub fn stream_name(&self) -> Ident {
        Ident::new(
            &format!("{}{}", self.name.unraw(), kw::STREAM_SUFFIX),
            self.name.span(),
        )
    }
}

/// `path`, or `::heygen_api`.
pub fn crate_tokens(path: Option<&Path>) -> TokenStream {
    match path {
        Some(path) => quote!(#path),
        None => quote!(::heygen_api),
    }
}
