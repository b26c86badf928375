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
