//! Expansion snapshots: each accepted form of declaration under `tests/snapshots/<form>.rs`,
//! expanded as the compiler would and pretty-printed, must equal `<form>.expanded.rs` next to it.
//! Run with `UPDATE_SNAPSHOTS=1` to rewrite the expected files after a deliberate change.

use crate::model::is_endpoint_attr;
use crate::{api, endpoint};
use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use std::path::PathBuf;
use syn::{Item, ItemTrait, Meta, TraitItem};

/// The tokens inside an attribute's parentheses (none for a bare `#[name]`).
fn attribute_arguments(meta: Meta) -> TokenStream {
    match meta {
        Meta::List(list) => list.tokens,
        _ => TokenStream::new(),
    }
}

/// Expands every `#[api]` trait and every `#[endpoint]` method of a source file.
fn expand_source(source: &str) -> String {
    let file: syn::File = syn::parse_str(source).expect("the snapshot input parses");
    let mut expanded = TokenStream::new();
    for item in file.items {
        let Item::Trait(mut item_trait) = item else {
            item.to_tokens(&mut expanded);
            continue;
        };
        // What `#[api]` puts beside the trait, after it.
        let mut beside = TokenStream::new();
        if let Some(at) = item_trait
            .attrs
            .iter()
            .position(|a| a.path().is_ident("api"))
        {
            let attr = item_trait.attrs.remove(at);
            let tokens = item_trait.to_token_stream();
            let file: syn::File = syn::parse2(api::api(attribute_arguments(attr.meta), tokens))
                .expect("#[api] expands to items");
            let mut items = file.items.into_iter();
            let Some(Item::Trait(expanded)) = items.next() else {
                panic!("#[api] expands to a trait first");
            };
            item_trait = expanded;
            items.for_each(|item| item.to_tokens(&mut beside));
        }
        // The compiler then expands each method attribute on its own.
        let mut items = TokenStream::new();
        for trait_item in item_trait.items.drain(..) {
            match trait_item {
                TraitItem::Fn(mut method) if method.attrs.iter().any(is_endpoint_attr) => {
                    let at = method.attrs.iter().position(is_endpoint_attr).unwrap();
                    let attr = method.attrs.remove(at);
                    let tokens = method.to_token_stream();
                    items.extend(endpoint::endpoint(attribute_arguments(attr.meta), tokens));
                }
                other => other.to_tokens(&mut items),
            }
        }
        let reassembled: ItemTrait = syn::parse2(quote!(trait Reassembled { #items }))
            .expect("the expansion is a list of trait items");
        item_trait.items = reassembled.items;
        item_trait.to_tokens(&mut expanded);
        expanded.extend(beside);
    }
    let file: syn::File = syn::parse2(expanded).expect("the expansion parses as a file");
    prettyplease::unparse(&file)
}

fn check_snapshot(form: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let input = dir.join(format!("{form}.rs"));
    let expected_path = dir.join(format!("{form}.expanded.rs"));
    let source = std::fs::read_to_string(&input)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", input.display()));
    let actual = expand_source(&source);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&expected_path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|error| {
        panic!(
            "cannot read {}: {error}; run with UPDATE_SNAPSHOTS=1 to create it",
            expected_path.display()
        )
    });
    if actual != expected {
        panic!(
            "the expansion of {} changed; if that is intended, run with UPDATE_SNAPSHOTS=1 and \
             review the diff.\n--- expected\n{expected}\n--- actual\n{actual}",
            input.display()
        );
    }
}

macro_rules! snapshots {
    ($($form:ident),* $(,)?) => {
        $(
            #[test]
            fn $form() {
                check_snapshot(stringify!($form));
            }
        )*
    };
}

snapshots!(
    plain_get,
    path_params,
    query,
    query_flatten,
    json_body,
    multipart,
    idempotent,
    idempotent_with_key,
    paginated,
    timeout_secs,
    api_trait,
    headers,
    form_body,
    answer_unit,
    answer_json,
    answer_bytes,
    answer_string,
    answer_byte_stream,
    answer_event_stream,
    answer_response,
    answer_response_bytes,
    crate_path,
);
