//! Code for validated endpoints. Nothing here runs before every check has passed.
//!
//! Each method expands to one small body: a `const` describing the endpoint, a request builder
//! fed one call per argument, and one call into the runtime, all through
//! `::heygen_api::__private` (or the `__private` of the path given as `crate = ".."`). The
//! runtime does the rest in non-generic code, which keeps a crate declaring hundreds of
//! endpoints quick to compile.

use crate::kw::{self, HttpMethod};
use crate::plan::{Binding, BindingKind, Plan, Reading};
use crate::types::unwrap_type;
use heygen_rules::template::Segment;
use proc_macro2::{Literal, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{FnArg, GenericArgument, Ident, Pat, PathArguments, Type};

/// The runtime module generated code goes through.
fn runtime(plan: &Plan<'_>) -> TokenStream {
    let krate = plan.crate_path();
    quote!(#krate::__private)
}

/// The provided method for a plan, and its `<name>_stream` companion when `stream` (paginated,
/// and the name free); `info` names a constant holding the `EndpointInfo` (`#[api]` puts one
/// beside the trait), or `None` to write the literal into the method.
pub fn endpoint_items(plan: &Plan<'_>, info: Option<&Ident>, stream: bool) -> TokenStream {
    let runtime = runtime(plan);
    let attrs = &plan.endpoint.attrs;
    let name = plan.name;
    let self_token = plan.self_token;
    let args = arguments(plan, None);
    let return_type = plan.return_type;
    let build = build_request(plan, None, info);
    let send = send_call(plan);
    let method = quote! {
        #(#attrs)*
        fn #name(&#self_token, #(#args),*)
            -> impl ::core::future::Future<Output = #return_type> + ::core::marker::Send
        where
            Self: #runtime::AsClient,
        {
            #build
            #send
        }
    };
    if stream {
        let stream = stream_method(plan, info);
        quote!(#method #stream)
    } else {
        method
    }
}

/// An endpoint of an `#[api]` trait, as an interface: its declaration in the trait (which any
/// type may implement, a fake with no client inside among them), the body the trait's blanket
/// implementation over `AsClient` gives it, and, when `stream`, the `<name>_stream` companion,
/// a provided method for clients. `info` names the constant holding its `EndpointInfo`.
pub fn interface_items(plan: &Plan<'_>, info: &Ident, stream: bool) -> (TokenStream, TokenStream) {
    let attrs = &plan.endpoint.attrs;
    let name = plan.name;
    let self_token = plan.self_token;
    let return_type = plan.return_type;
    let declared = arguments(plan, None).into_iter().map(declared_argument);
    let declaration = quote! {
        #(#attrs)*
        fn #name(&#self_token, #(#declared),*)
            -> impl ::core::future::Future<Output = #return_type> + ::core::marker::Send;
    };
    // Docs and deprecation belong to the declaration; `cfg` and lints apply to the body too.
    let body_attrs = attrs
        .iter()
        .filter(|attr| !(attr.path().is_ident("doc") || attr.path().is_ident("deprecated")));
    let args = arguments(plan, None);
    let build = build_request(plan, None, Some(info));
    let send = send_call(plan);
    let body = quote! {
        #(#body_attrs)*
        fn #name(&#self_token, #(#args),*)
            -> impl ::core::future::Future<Output = #return_type> + ::core::marker::Send
        {
            #build
            #send
        }
    };
    let declarations = match stream {
        true => {
            let stream = stream_method(plan, Some(info));
            quote!(#declaration #stream)
        }
        false => declaration,
    };
    (declarations, body)
}

/// An argument as a method without a body declares it: a name (or `_`) and its type, since
/// such a method takes no patterns (`mut name` included).
fn declared_argument(argument: &FnArg) -> TokenStream {
    match argument {
        FnArg::Typed(typed) => {
            let ty = &typed.ty;
            match &*typed.pat {
                Pat::Ident(pat) => {
                    let ident = &pat.ident;
                    quote!(#ident: #ty)
                }
                _ => quote!(_: #ty),
            }
        }
        FnArg::Receiver(receiver) => quote!(#receiver),
    }
}

/// `<name>_stream`: every item of a paginated endpoint, page after page.
fn stream_method(plan: &Plan<'_>, info: Option<&Ident>) -> TokenStream {
    let runtime = runtime(plan);
    let name = plan.name;
    let stream_name = plan.stream_name();
    let doc = format!(
        " Every item of [`{method}`](Self::{method}), page after page: a lazy stream that \
         sends nothing until polled and fetches the next page only when the current one is \
         used up.",
        method = name.unraw()
    );
    // Attributes other than docs (`cfg`, `deprecated`, lints) apply to the companion too.
    let attrs = plan
        .endpoint
        .attrs
        .iter()
        .filter(|attr| !attr.path().is_ident("doc"));
    let self_token = plan.self_token;
    let page_token_arg = page_token_argument(plan);
    let args = arguments(plan, page_token_arg);
    let output = plan.output;
    let item_type = with_output(
        plan.return_type,
        quote!(<#output as #runtime::Paginated>::Item),
    );
    let page_token = Ident::new("__token", Span::mixed_site());
    let build = build_request(plan, Some((&page_token, page_token_arg)), info);
    let send = send_call(plan);
    quote! {
        #[doc = #doc]
        #(#attrs)*
        fn #stream_name(&#self_token, #(#args),*)
            -> impl #runtime::Stream<Item = #item_type> + ::core::marker::Send
        where
            Self: #runtime::AsClient,
        {
            #runtime::paginate(move |#page_token: #runtime::Option<#runtime::String>| {
                #build
                #send
            })
        }
    }
}

/// The call that sends `__req`, spanned at the declared return type: if that `Result` is not
/// `heygen_api::Result`, the type mismatch is reported there. The return type chooses the entry
/// point: `{"data": T}`, a page, a response form, or either of those with the status and headers.
fn send_call(plan: &Plan<'_>) -> TokenStream {
    let runtime = runtime(plan);
    let self_token = plan.self_token;
    let request = request_ident();
    let (send, read) = match plan.reading {
        Reading::Data if plan.paginated => (quote!(send_paginated), plan.output),
        Reading::Data => (quote!(send), plan.output),
        Reading::Form => (quote!(send_form), plan.output),
        Reading::DataWithMeta(inner) => (quote!(send_with_meta), inner),
        Reading::FormWithMeta(inner) => (quote!(send_form_with_meta), inner),
    };
    quote_spanned! {plan.return_type.span()=>
        #runtime::#send::<#read>(#runtime::AsClient::client(#self_token), #request)
    }
}

/// The declared `Result<T>` with `T` replaced, so the stream's items use the same `Result` path.
fn with_output(return_type: &Type, output: TokenStream) -> Type {
    let mut result = unwrap_type(return_type).clone();
    if let Type::Path(path) = &mut result
        && let Some(PathArguments::AngleBracketed(arguments)) = path
            .path
            .segments
            .last_mut()
            .map(|last| &mut last.arguments)
        && let Some(GenericArgument::Type(ty)) = arguments.args.first_mut()
    {
        *ty = Type::Verbatim(output);
    }
    result
}

/// The `#[query] token` argument, which the stream method fills itself.
fn page_token_argument<'p>(plan: &'p Plan<'_>) -> Option<&'p Ident> {
    plan.bindings
        .iter()
        .find_map(|binding| match &binding.kind {
            BindingKind::Query(name) if name == kw::PAGE_TOKEN => Some(binding.ident),
            _ => None,
        })
}

/// The method's arguments after the receiver, as declared (minus this macro's attributes),
/// leaving out `skip`.
fn arguments<'p>(plan: &'p Plan<'_>, skip: Option<&Ident>) -> Vec<&'p FnArg> {
    plan.endpoint
        .sig
        .inputs
        .iter()
        .filter(|input| match input {
            FnArg::Receiver(_) => false,
            FnArg::Typed(typed) => match (&*typed.pat, skip) {
                (Pat::Ident(pat), Some(skip)) => pat.ident != *skip,
                _ => true,
            },
        })
        .collect()
}

/// `__req`, invisible to the user's code (mixed-site hygiene).
fn request_ident() -> Ident {
    Ident::new("__req", Span::mixed_site())
}

/// Statements that declare `__req` and feed it every argument; for a stream, `page` is the
/// closure's cursor variable and the `#[query] token` argument it replaces. `info` is as for
/// [`endpoint_items`].
fn build_request(
    plan: &Plan<'_>,
    page: Option<(&Ident, Option<&Ident>)>,
    info: Option<&Ident>,
) -> TokenStream {
    let runtime = runtime(plan);
    let request = request_ident();
    let info = match info {
        Some(name) => quote!(&#name),
        None => {
            // The constant sits in its own block: items ignore hygiene, so at the body's top
            // level it would shadow an argument of the same name in the calls below.
            let info_const = Ident::new("__INFO", Span::mixed_site());
            let literal = endpoint_info(plan);
            quote!({
                const #info_const: #runtime::EndpointInfo = #literal;
                &#info_const
            })
        }
    };
    let replaced = page.and_then(|(_, replaced)| replaced);

    let mut calls = Vec::new();
    let mut key_given = false;
    for binding in &plan.bindings {
        let ident = binding.ident;
        if Some(ident) == replaced {
            continue;
        }
        calls.push(match &binding.kind {
            BindingKind::Path(name) => quote!(#request.path_param(#name, &#ident);),
            BindingKind::Query(name) => quote!(#request.query(#name, &#ident);),
            BindingKind::QueryFlatten => quote!(#request.query_flatten(&#ident);),
            BindingKind::Json => quote!(#request.json(&#ident);),
            BindingKind::Form => quote!(#request.form(&#ident);),
            BindingKind::Multipart => quote!(#request.multipart(#ident);),
            BindingKind::Header(name) => quote!(#request.header(#name, &#ident);),
            BindingKind::IdempotencyKey { .. } => continue,
        });
    }
    // The key goes last so that every fallible input is handed over before it.
    for binding in &plan.bindings {
        if let BindingKind::IdempotencyKey { optional } = binding.kind {
            let ident = binding.ident;
            key_given = true;
            calls.push(if optional {
                quote!(#request.idempotency_key(#ident);)
            } else {
                quote!(#request.idempotency_key(::core::option::Option::Some(#ident));)
            });
        }
    }
    if plan.idempotent && !key_given {
        calls.push(quote!(#request.idempotency_key(::core::option::Option::None);));
    }
    if let Some((page_token, _)) = page {
        let name = kw::PAGE_TOKEN;
        calls.push(quote!(#request.query(#name, &#page_token);));
    }
    // Last, as it only says how the answer is read.
    if let Some((end_event, reconnect)) = &plan.event_stream {
        let end_event = match end_event {
            Some(name) => quote!(::core::option::Option::Some(#name)),
            None => quote!(::core::option::Option::None),
        };
        calls.push(quote!(#request.event_stream(#end_event, #reconnect);));
    }

    // `mut` only when something is added, so that no `unused_mut` warning reaches the user.
    let mutability = (!calls.is_empty()).then(|| quote!(mut));
    quote! {
        let #mutability #request = #runtime::RequestBuilder::new(#info);
        #(#calls)*
    }
}

/// The `EndpointInfo` literal describing a plan.
///
/// Written token by token: a crate of hundreds of endpoints builds hundreds of these, and each
/// `TokenStream` interpolated into another costs a round trip to the compiler, while a token
/// written in place does not.
pub fn endpoint_info(plan: &Plan<'_>) -> TokenStream {
    let runtime = runtime(plan);
    let name = plan.name.unraw().to_string();
    let method = variant(plan.method.variant());
    let template = plan.template.value();
    let (segment_kinds, segment_values): (Vec<Ident>, Vec<&str>) = plan
        .segments
        .iter()
        .map(|segment| match segment {
            Segment::Literal(text) => (variant("Literal"), text.as_str()),
            Segment::Param(name) => (variant("Param"), name.as_str()),
        })
        .unzip();
    let idempotent = plan.idempotent;
    let paginated = plan.paginated;
    let query = plan
        .bindings
        .iter()
        .filter_map(|binding| query_source(&runtime, binding));
    let has = |kind: BindingKind| plan.bindings.iter().any(|binding| binding.kind == kind);
    let body = variant(if has(BindingKind::Json) {
        "Json"
    } else if has(BindingKind::Form) {
        "Form"
    } else if has(BindingKind::Multipart) {
        "Multipart"
    } else {
        "None"
    });
    let timeout_class = variant(if has(BindingKind::Multipart) {
        "Upload"
    } else if plan.method == HttpMethod::Get {
        "Read"
    } else {
        "Write"
    });
    let timeout = plan.timeout_secs.map(Literal::u64_unsuffixed);
    let timeout = match timeout {
        Some(secs) => {
            quote!(::core::option::Option::Some(::core::time::Duration::from_secs(#secs)))
        }
        None => quote!(::core::option::Option::None),
    };
    let (header_names, header_values): (Vec<&str>, Vec<&str>) = plan
        .headers
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .unzip();
    quote! {
        #runtime::EndpointInfo {
            name: #name,
            method: #runtime::HttpMethod::#method,
            template: #template,
            segments: &[#(#runtime::Segment::#segment_kinds(#segment_values)),*],
            idempotent: #idempotent,
            paginated: #paginated,
            query: &[#(#query),*],
            body: #runtime::BodyKind::#body,
            timeout_class: #runtime::TimeoutClass::#timeout_class,
            timeout: #timeout,
            headers: &[#((#header_names, #header_values)),*],
        }
    }
}

/// A variant name of a runtime enum.
fn variant(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

fn query_source(runtime: &TokenStream, binding: &Binding<'_>) -> Option<TokenStream> {
    match &binding.kind {
        BindingKind::Query(name) => Some(quote!(#runtime::QuerySource::Param(#name))),
        BindingKind::QueryFlatten => {
            let ty = without_references(binding.ty);
            Some(quote!(#runtime::QuerySource::Struct(
                <#ty as #runtime::QueryParams>::NAMES
            )))
        }
        _ => None,
    }
}

/// `Q` for `&Q` or `&&Q`: the struct whose `QueryParams::NAMES` lists the parameters.
fn without_references(ty: &Type) -> &Type {
    match ty {
        Type::Reference(reference) => without_references(&reference.elem),
        Type::Group(group) => without_references(&group.elem),
        Type::Paren(paren) => without_references(&paren.elem),
        _ => ty,
    }
}
