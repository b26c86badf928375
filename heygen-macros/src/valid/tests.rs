//! The checks on whole declarations: what a method binds to, or the messages it gets.

use super::*;
use crate::plan::BindingKind;
use proc_macro2::Span;
use quote::quote;
use syn::{LitStr, TraitItemFn};

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
            "unknown option `idempotant`: expected `idempotent`, `paginated`, \
          `timeout_secs = N`, `header(..)`, `crate = \"..\"`, `end_event = \"..\"` or \
          `reconnect`; did you mean `idempotent`?"
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
          #[form], #[multipart], #[header(\"..\")] or #[idempotency_key], or a `<limit>` \
          placeholder in the path template"
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
          #[body], #[form], #[multipart], #[header(\"..\")] or #[idempotency_key]; did you \
          mean #[query]?"
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

/// How an accepted declaration reads its answer, as `entry::<type>`, and its event-stream call.
fn reading(
    attr: proc_macro2::TokenStream,
    method: proc_macro2::TokenStream,
) -> (String, Option<(Option<String>, bool)>) {
    use crate::plan::Reading;
    use quote::ToTokens;
    let method: TraitItemFn = syn::parse2(method).unwrap();
    let mut diagnostics = Diagnostics::new();
    let endpoint = Endpoint::new(attr, Span::call_site(), method, &mut diagnostics);
    let plan = check(&endpoint, &mut diagnostics);
    diagnostics.discard();
    let plan = plan.expect("the declaration was accepted");
    let written = |ty: &syn::Type| crate::types::written(ty.to_token_stream());
    let read = match plan.reading {
        Reading::Data if plan.paginated => format!("send_paginated::<{}>", written(plan.output)),
        Reading::Data => format!("send::<{}>", written(plan.output)),
        Reading::Form => format!("send_form::<{}>", written(plan.output)),
        Reading::DataWithMeta(inner) => format!("send_with_meta::<{}>", written(inner)),
        Reading::FormWithMeta(inner) => format!("send_form_with_meta::<{}>", written(inner)),
    };
    (read, plan.event_stream.clone())
}

fn read_as(output: proc_macro2::TokenStream) -> String {
    reading(
        quote!(GET "/v3/x"),
        quote!(async fn f(&self) -> Result<#output>;),
    )
    .0
}

#[test]
fn the_return_type_chooses_the_reading() {
    assert_eq!(read_as(quote!(Video)), "send::<Video>");
    assert_eq!(read_as(quote!(Vec<Video>)), "send::<Vec<Video>>");
    assert_eq!(read_as(quote!(Option<String>)), "send::<Option<String>>");
    assert_eq!(read_as(quote!(())), "send_form::<()>");
    assert_eq!(read_as(quote!(Json<Video>)), "send_form::<Json<Video>>");
    assert_eq!(
        read_as(quote!(heygen_api::Json<Video>)),
        "send_form::<heygen_api::Json<Video>>"
    );
    assert_eq!(read_as(quote!(Bytes)), "send_form::<Bytes>");
    assert_eq!(read_as(quote!(String)), "send_form::<String>");
    assert_eq!(
        read_as(quote!(::std::string::String)),
        "send_form::<::std::string::String>"
    );
    assert_eq!(read_as(quote!(ByteStream)), "send_form::<ByteStream>");
    assert_eq!(
        read_as(quote!(EventStream<Tick>)),
        "send_form::<EventStream<Tick>>"
    );
    assert_eq!(read_as(quote!(Response<Video>)), "send_with_meta::<Video>");
    assert_eq!(
        read_as(quote!(Response<Bytes>)),
        "send_form_with_meta::<Bytes>"
    );
    assert_eq!(read_as(quote!(Response<()>)), "send_form_with_meta::<()>");
    assert_eq!(
        read_as(quote!(heygen_api::Response<Json<Video>>)),
        "send_form_with_meta::<Json<Video>>"
    );
    assert_eq!(
        reading(
            quote!(GET "/v3/x", paginated),
            quote!(
                async fn f(&self) -> Result<Page<Video>>;
            ),
        )
        .0,
        "send_paginated::<Page<Video>>"
    );
}

fn answer_errors(output: proc_macro2::TokenStream) -> Vec<String> {
    errors(
        quote!(GET "/v3/x"),
        quote!(async fn f(&self) -> Result<#output>;),
    )
}

#[test]
fn response_forms_written_wrong_say_what_to_write() {
    assert_eq!(
        answer_errors(quote!(Json)),
        ["`Json` takes one type, what the whole body decodes into: write `Json<T>`, found `Json`"]
    );
    assert_eq!(
        answer_errors(quote!(EventStream<A, B>)),
        [
            "`EventStream` takes one type, what each event's data decodes into: write \
             `EventStream<T>`, found `EventStream<A, B>`"
        ]
    );
    assert_eq!(
        answer_errors(quote!(Response)),
        [
            "`Response` takes one type, the answer it adds the status and headers to: write \
             `Response<T>`, found `Response`"
        ]
    );
    assert_eq!(
        answer_errors(quote!(Bytes<u8>)),
        ["`Bytes` takes no type arguments: write `Bytes`, found `Bytes<u8>`"]
    );
    assert_eq!(
        answer_errors(quote!(String<A>)),
        ["`String` takes no type arguments: write `String`, found `String<A>`"]
    );
    assert_eq!(
        answer_errors(quote!(Response<ByteStream<u8>>)),
        ["`ByteStream` takes no type arguments: write `ByteStream`, found `ByteStream<u8>`"]
    );
    assert_eq!(
        answer_errors(quote!(Response<Response<Video>>)),
        [
            "a `Response` already carries the status and headers: write `Response<T>` once, \
             not `Response<Response<T>>`"
        ]
    );
    assert_eq!(
        answer_errors(quote!(&str)),
        ["answers are owned: use `String` or `Bytes`, not `&str`"]
    );
    assert_eq!(
        answer_errors(quote!(Response<&'static [u8]>)),
        ["answers are owned: use `String` or `Bytes`, not `&'static [u8]`"]
    );
}

#[test]
fn paginated_reads_a_page_only() {
    for output in [
        quote!(Bytes),
        quote!(Json<Page<Video>>),
        quote!(Response<Page<Video>>),
        quote!(()),
    ] {
        let found = errors(
            quote!(GET "/v3/x", paginated),
            quote!(async fn f(&self) -> Result<#output>;),
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("paginated endpoints decode the whole body as a page type, not `"),
            "{found:?}"
        );
        assert!(found[0].ends_with("write e.g. `Result<Page<T>>`, or remove `paginated`"));
    }
}

#[test]
fn event_stream_options() {
    assert_eq!(
        reading(
            quote!(GET "/v3/x", end_event = "end", reconnect),
            quote!(
                async fn f(&self) -> Result<EventStream<Tick>>;
            ),
        ),
        (
            "send_form::<EventStream<Tick>>".to_owned(),
            Some((Some("end".to_owned()), true))
        )
    );
    assert_eq!(
        reading(
            quote!(GET "/v3/x", reconnect),
            quote!(
                async fn f(&self) -> Result<Response<EventStream<Tick>>>;
            ),
        ),
        (
            "send_form_with_meta::<EventStream<Tick>>".to_owned(),
            Some((None, true))
        )
    );
    assert_eq!(
        reading(
            quote!(GET "/v3/x"),
            quote!(
                async fn f(&self) -> Result<EventStream<Tick>>;
            ),
        )
        .1,
        None
    );
    assert_eq!(
        errors(
            quote!(GET "/v3/x", end_event = "end", reconnect),
            quote!(
                async fn f(&self) -> Result<Video>;
            ),
        ),
        [
            "`end_event` is for event streams, and this answer, `Video`, is not one: return \
             `Result<EventStream<T>>` (or `Result<Response<EventStream<T>>>`), or remove \
             `end_event`",
            "`reconnect` is for event streams, and this answer, `Video`, is not one: return \
             `Result<EventStream<T>>` (or `Result<Response<EventStream<T>>>`), or remove \
             `reconnect`",
        ]
    );
    assert_eq!(
        errors(
            quote!(GET "/v3/x", end_event = end, reconnect = true),
            quote!(
                async fn f(&self) -> Result<EventStream<Tick>>;
            ),
        ),
        [
            "`end_event` takes a string literal, found `end`: write `end_event = \"done\"`",
            "`reconnect` takes no value: write just `reconnect`",
        ]
    );
}

#[test]
fn header_and_form_roles_bind() {
    let bindings = run(
        quote!(POST "/v3/x", header("X-Feature" = "beta")),
        quote!(
            async fn f(
                &self,
                #[header("X-Trace-Id")] trace: Option<&str>,
                #[form] body: &F,
            ) -> Result<T>;
        ),
    )
    .unwrap();
    assert_eq!(
        bindings,
        vec![BindingKind::Header("X-Trace-Id".into()), BindingKind::Form]
    );
}

#[test]
fn header_arguments_are_checked() {
    let header_errors = |attr: proc_macro2::TokenStream| {
        errors(
            quote!(GET "/v3/x"),
            quote!(async fn f(&self, #attr trace: &str) -> Result<T>;),
        )
    };
    assert_eq!(
        header_errors(quote!(#[header])),
        ["expected `#[header(\"X-Name\")]`: the header's name as a string literal"]
    );
    assert_eq!(
        header_errors(quote!(#[header()])),
        ["expected `#[header(\"X-Name\")]`: the header's name as a string literal"]
    );
    assert_eq!(
        header_errors(quote!(#[header(X-Trace)])),
        ["expected `#[header(\"X-Name\")]`: the header's name as a string literal"]
    );
    assert_eq!(
        header_errors(quote!(#[header = "X"])),
        ["expected `#[header(\"X-Name\")]`: the header's name as a string literal"]
    );
    assert_eq!(
        header_errors(quote!(#[header("X Trace")])),
        [
            "`X Trace` is not a valid HTTP header name: a space is not allowed; a header name \
             is letters, digits and any of !#$%&'*+-.^_`|~"
        ]
    );
    assert_eq!(
        header_errors(quote!(#[header("authorization")])),
        [
            "an endpoint cannot declare the `authorization` header: the client sends the \
             credential: use ClientBuilder::api_key or bearer_token"
        ]
    );
    assert_eq!(
        errors(
            quote!(GET "/v3/x", header("x-trace-id" = "1")),
            quote!(
                async fn f(
                    &self,
                    #[header("X-Trace-Id")] a: &str,
                    #[header("X-Other")] b: &str,
                    #[header("x-other")] c: &str,
                ) -> Result<T>;
            ),
        ),
        [
            "the `X-Trace-Id` header is already sent by the attribute's `header(..)`: a header \
             is sent once; remove one",
            "the `x-other` header is already sent by `b`: a header is sent once; remove one",
        ]
    );
}

#[test]
fn static_headers_are_checked() {
    let option_errors = |attr: proc_macro2::TokenStream| {
        errors(
            attr,
            quote!(
                async fn f(&self) -> Result<T>;
            ),
        )
    };
    let form = "expected `header(\"X-Name\" = \"value\")`: the header's name and value as string \
                literals";
    assert_eq!(option_errors(quote!(GET "/x", header)), [form]);
    assert_eq!(option_errors(quote!(GET "/x", header("X-A"))), [form]);
    assert_eq!(option_errors(quote!(GET "/x", header("X-A" = 1))), [form]);
    assert_eq!(option_errors(quote!(GET "/x", header = "X-A")), [form]);
    assert_eq!(
        option_errors(quote!(GET "/x", header("Content-Type" = "text/plain"))),
        [
            "an endpoint cannot declare the `Content-Type` header: the body role sets it: use a `#[body]`, `#[form]` or `#[multipart]` argument"
        ]
    );
    assert_eq!(
        option_errors(quote!(GET "/x", header("X-A" = "a\r\nB: c"))),
        [
            "the value of the `X-A` header contains `\\r`: a header value is visible ASCII, \
             spaces and tabs (no line breaks or other control characters)"
        ]
    );
    assert_eq!(
        option_errors(quote!(GET "/x", header("X-A" = "1"), header("x-a" = "2"))),
        [
            "the `x-a` header is already given by an earlier `header(..)`: a header is sent \
             once; remove one"
        ]
    );
    // Repeatable, unlike other options.
    let bindings = run(
        quote!(GET "/x", header("X-A" = "1"), header("X-B" = "two words\tand a tab")),
        quote!(
            async fn f(&self) -> Result<T>;
        ),
    );
    assert_eq!(bindings, Ok(vec![]));
    assert_eq!(
        option_errors(quote!(GET "/x", idempotent())),
        ["`idempotent` takes no parentheses: write just `idempotent`"]
    );
}

#[test]
fn form_counts_as_a_body() {
    assert_eq!(
        errors(
            quote!(POST "/v3/x"),
            quote!(
                async fn f(&self, #[body] a: &B, #[form] b: &F) -> Result<T>;
            ),
        ),
        [
            "a request has one body, and `a` is already its #[body]: remove #[form] from `b` \
             or merge the two"
        ]
    );
    assert_eq!(
        errors(
            quote!(DELETE "/v3/x"),
            quote!(
                async fn f(&self, #[form] b: &F) -> Result<T>;
            ),
        ),
        [
            "a DELETE request has no body: send `b` as #[query] arguments or a \
             #[query(flatten)] struct, or declare the endpoint with POST, PUT or PATCH"
        ]
    );
    assert_eq!(
        errors(
            quote!(POST "/v3/x"),
            quote!(
                async fn f(&self, #[form(x)] b: &F) -> Result<T>;
            ),
        ),
        ["#[form] takes no arguments: write `#[form]`"]
    );
}

#[test]
fn crate_paths() {
    let crate_of = |attr: proc_macro2::TokenStream| {
        let method: TraitItemFn = syn::parse2(quote!(
            async fn f(&self) -> Result<T>;
        ))
        .unwrap();
        let mut diagnostics = Diagnostics::new();
        let endpoint = Endpoint::new(attr, Span::call_site(), method, &mut diagnostics);
        let plan = check(&endpoint, &mut diagnostics);
        let messages = messages(diagnostics.into_compile_errors());
        plan.map(|plan| plan.crate_path().to_string())
            .ok_or(messages)
    };
    assert_eq!(crate_of(quote!(GET "/x")), Ok(":: heygen_api".to_owned()));
    assert_eq!(
        crate_of(quote!(GET "/x", crate = "::hg")),
        Ok(":: hg".to_owned())
    );
    assert_eq!(
        crate_of(quote!(GET "/x", crate = "hg")),
        Ok("hg".to_owned())
    );
    assert_eq!(
        crate_of(quote!(GET "/x", crate = "my::reexport")),
        Ok("my :: reexport".to_owned())
    );
    assert_eq!(
        crate_of(quote!(GET "/x", crate = "not a path")),
        Err(vec![
            "`crate` takes the path of a crate or module re-exporting heygen_api, found \
             \"not a path\": write e.g. `crate = \"::heygen_api\"` or `crate = \"my::reexport\"`"
                .to_owned()
        ])
    );
    assert_eq!(
        crate_of(quote!(GET "/x", crate = hg)),
        Err(vec![
            "`crate` takes a string literal, found `hg`: write `crate = \"heygen_api\"`".to_owned()
        ])
    );
}
