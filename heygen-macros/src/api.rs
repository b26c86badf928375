//! `#[api]` on a trait: the checks that need the whole trait, and the `ENDPOINTS` list.
//!
//! The trait attribute expands before the `#[endpoint]` attributes inside it and sees them
//! unexpanded. It reads each endpoint the way its own attribute would and, when it is valid,
//! expands it here: the method's `EndpointInfo` goes into a constant beside the trait, which the
//! method, its stream and `ENDPOINTS` all name, rather than a literal copy in each (the copies
//! made a crate of many endpoints measurably slower to compile, see the benches crate). The
//! method keeps its attribute, reduced to `#[endpoint(__expanded_by_api)]`, which returns it as
//! it is, so that the user's `use heygen_api::endpoint` stays in use. A method with errors keeps
//! its attribute as written: reporting them stays the method attribute's job.

use crate::diagnostics::Diagnostics;
use crate::expand::{endpoint_info, endpoint_items};
use crate::kw::{self, HttpMethod};
use crate::model::{Endpoint, is_endpoint_attr};
use crate::template::route_shape;
use crate::valid::{self, Plan};
use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote};
use std::collections::{HashMap, HashSet};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{ItemTrait, Meta, TraitItem, TraitItemFn};

/// Expands `#[api]` on a trait.
pub fn api(attr: TokenStream, item: TokenStream) -> TokenStream {
    let mut diagnostics = Diagnostics::new();
    if !attr.is_empty() {
        diagnostics.error_spanned_by(attr, "#[api] takes no arguments: write `#[api]`");
    }
    let item_trait: ItemTrait = match syn::parse2(item.clone()) {
        Ok(item_trait) => item_trait,
        Err(_) => {
            diagnostics.error_at(
                // At the attribute: the item is the wrong kind as a whole.
                Span::call_site(),
                "#[api] goes on a trait of #[endpoint] methods, e.g. `#[api] pub trait Videos { ... }`",
            );
            let errors = diagnostics.into_compile_errors();
            return quote!(#item #errors);
        }
    };

    let mut taken_names = item_names(&item_trait);
    let mut routes: HashMap<(HttpMethod, String), String> = HashMap::new();
    let mut items = Vec::with_capacity(item_trait.items.len() + 1);
    let mut info_names = Vec::new();
    let mut info_consts = Vec::new();
    // The constants go wherever the trait goes.
    let trait_cfgs: Vec<_> = item_trait
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("cfg"))
        .collect();
    for item in &item_trait.items {
        let method = match item {
            TraitItem::Fn(method) if method.attrs.iter().any(is_endpoint_attr) => method,
            other => {
                items.push(other.to_token_stream());
                continue;
            }
        };
        // The method's own attribute reports what is wrong with it: only look here.
        let mut own_errors = Diagnostics::new();
        let endpoint = read_endpoint(method.clone(), &mut own_errors);
        let plan = valid::check(&endpoint, &mut own_errors);
        own_errors.discard();
        let Some(mut plan) = plan else {
            items.push(method.to_token_stream());
            continue;
        };
        check_unique_route(&plan, &mut routes, &mut diagnostics);
        if plan.paginated && !claim_stream_name(&plan, &mut taken_names, &mut diagnostics) {
            // Leave out the clashing method.
            plan.stream = false;
        }
        let info_name = format_ident!(
            "{}_{}_{}",
            kw::INFO_CONST_PREFIX,
            item_trait.ident.unraw(),
            plan.name.unraw()
        );
        let info = endpoint_info(&plan);
        info_consts.push(quote! {
            // Named after the trait and method (not upper case), unused if the trait is.
            #(#trait_cfgs)*
            #[doc(hidden)]
            #[allow(non_upper_case_globals, dead_code)]
            const #info_name: ::heygen_api::__private::EndpointInfo = #info;
        });
        let attr_path = method
            .attrs
            .iter()
            .find(|attr| is_endpoint_attr(attr))
            .map(|attr| attr.path());
        let marker = format_ident!("{}", kw::EXPANDED_BY_API);
        let expanded = endpoint_items(&plan, Some(&info_name));
        items.push(quote!(#[#attr_path(#marker)] #expanded));
        info_names.push(info_name);
    }

    let endpoints = format_ident!("{}", kw::ENDPOINTS);
    match item_trait
        .items
        .iter()
        .find(|item| item_name(item).is_some_and(|name| name == kw::ENDPOINTS))
    {
        Some(existing) => diagnostics.error_spanned_by(
            existing,
            "#[api] adds `ENDPOINTS`, the list of this trait's endpoints: rename this item",
        ),
        None => items.push(quote! {
            /// Every endpoint this trait declares, in declaration order.
            const #endpoints: &'static [::heygen_api::__private::EndpointInfo] =
                &[#(#info_names),*];
        }),
    }

    let ItemTrait {
        attrs,
        vis,
        unsafety,
        auto_token,
        trait_token,
        ident,
        generics,
        colon_token,
        supertraits,
        ..
    } = &item_trait;
    let where_clause = &generics.where_clause;
    let errors = diagnostics.into_compile_errors();
    quote! {
        #(#attrs)*
        #vis #unsafety #auto_token #trait_token #ident #generics #colon_token #supertraits
        #where_clause
        {
            #(#items)*
        }
        #(#info_consts)*
        #errors
    }
}

/// Reads a method as its first `#[endpoint(...)]` attribute will.
fn read_endpoint(mut method: TraitItemFn, diagnostics: &mut Diagnostics) -> Endpoint {
    let position = method
        .attrs
        .iter()
        .position(is_endpoint_attr)
        .expect("only called for methods with #[endpoint]");
    let attr = method.attrs.remove(position);
    let tokens = match &attr.meta {
        Meta::List(list) => list.tokens.clone(),
        _ => TokenStream::new(),
    };
    Endpoint::new(tokens, attr.span(), method, diagnostics)
}

/// Two methods must not declare the same METHOD and route.
fn check_unique_route(
    plan: &Plan<'_>,
    routes: &mut HashMap<(HttpMethod, String), String>,
    diagnostics: &mut Diagnostics,
) {
    let key = (plan.method, route_shape(&plan.segments));
    match routes.get(&key) {
        Some(first) => diagnostics.error_spanned_by(
            plan.template,
            format!(
                "`{} {}` is already declared by `{first}`: a trait declares each route once \
                 (placeholder names do not make routes differ); remove one of the two",
                plan.method.keyword(),
                plan.template.value(),
            ),
        ),
        None => {
            routes.insert(key, plan.name.unraw().to_string());
        }
    }
}

/// Reserves `<name>_stream`; reports a clash and returns `false` when the name is taken.
fn claim_stream_name(
    plan: &Plan<'_>,
    taken_names: &mut HashSet<String>,
    diagnostics: &mut Diagnostics,
) -> bool {
    let stream_name = plan.stream_name().to_string();
    if taken_names.insert(stream_name.clone()) {
        return true;
    }
    let paginated_flag = plan
        .endpoint
        .route
        .as_ref()
        .and_then(|route| route.options.iter().find(|o| o.name == kw::PAGINATED))
        .map(|option| option.name.span())
        .unwrap_or_else(|| plan.name.span());
    diagnostics.error_at(
        paginated_flag,
        format!(
            "`paginated` adds a method `{stream_name}` that streams the items of `{}`, but the \
             trait already has an item of that name: rename it",
            plan.name.unraw()
        ),
    );
    false
}

/// The names of the trait's items, taken before any method is generated.
fn item_names(item_trait: &ItemTrait) -> HashSet<String> {
    item_trait.items.iter().filter_map(item_name).collect()
}

fn item_name(item: &TraitItem) -> Option<String> {
    match item {
        TraitItem::Fn(method) => Some(method.sig.ident.unraw().to_string()),
        TraitItem::Const(constant) => Some(constant.ident.unraw().to_string()),
        TraitItem::Type(ty) => Some(ty.ident.unraw().to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `#[api]` expansion of `item`: the trait, the constants beside it and the messages of
    /// its errors.
    struct Expansion {
        item_trait: ItemTrait,
        consts: Vec<syn::ItemConst>,
        messages: Vec<String>,
    }

    fn expand(item: TokenStream) -> Expansion {
        let expanded = api(TokenStream::new(), item);
        let file: syn::File = syn::parse2(expanded).unwrap();
        let mut items = file.items.into_iter();
        let Some(syn::Item::Trait(item_trait)) = items.next() else {
            panic!("the trait comes first");
        };
        let mut consts = Vec::new();
        let mut messages = Vec::new();
        for item in items {
            match item {
                syn::Item::Const(constant) => consts.push(constant),
                syn::Item::Macro(mac) => {
                    messages.push(syn::parse2::<syn::LitStr>(mac.mac.tokens).unwrap().value())
                }
                other => panic!("unexpected item {}", other.to_token_stream()),
            }
        }
        Expansion {
            item_trait,
            consts,
            messages,
        }
    }

    fn method_names(item_trait: &ItemTrait) -> Vec<String> {
        item_trait
            .items
            .iter()
            .filter_map(|item| match item {
                TraitItem::Fn(method) => Some(method.sig.ident.to_string()),
                _ => None,
            })
            .collect()
    }

    /// The `name: "..."` fields of the constants the `ENDPOINTS` list names, in order.
    fn listed_names(expansion: &Expansion) -> Vec<String> {
        let constant = expansion
            .item_trait
            .items
            .iter()
            .find_map(|item| match item {
                TraitItem::Const(constant) if constant.ident == "ENDPOINTS" => Some(constant),
                _ => None,
            })
            .expect("ENDPOINTS is added");
        let syn::Expr::Reference(list) = &constant.default.as_ref().unwrap().1 else {
            panic!("ENDPOINTS is a reference to an array");
        };
        let syn::Expr::Array(list) = &*list.expr else {
            panic!("ENDPOINTS is a reference to an array");
        };
        list.elems
            .iter()
            .map(|element| {
                let syn::Expr::Path(path) = element else {
                    panic!("ENDPOINTS names constants");
                };
                let info = expansion
                    .consts
                    .iter()
                    .find(|constant| path.path.is_ident(&constant.ident))
                    .expect("a constant beside the trait");
                let text = info.expr.to_token_stream().to_string();
                let rest = text.split("name : \"").nth(1).expect("a name field");
                rest.split('"').next().unwrap().to_owned()
            })
            .collect()
    }

    /// The arguments of the method's `#[endpoint]` attribute, as text.
    fn endpoint_attr_arguments(item: &TraitItem) -> String {
        let TraitItem::Fn(method) = item else {
            panic!("a method");
        };
        let attr = method.attrs.iter().find(|attr| is_endpoint_attr(attr));
        match &attr.expect("an #[endpoint] attribute").meta {
            Meta::List(list) => list.tokens.to_string(),
            _ => String::new(),
        }
    }

    #[test]
    fn endpoints_are_listed_in_declaration_order() {
        let expansion = expand(quote! {
            pub trait Videos {
                #[endpoint(GET "/v3/videos/<video_id>")]
                async fn get_video(&self, video_id: &str) -> Result<Video>;
                fn helper(&self) {}
                #[heygen_api::endpoint(DELETE "/v3/videos/<video_id>")]
                async fn delete_video(&self, video_id: &str) -> Result<Video>;
            }
        });
        assert!(expansion.messages.is_empty(), "{:?}", expansion.messages);
        assert_eq!(listed_names(&expansion), ["get_video", "delete_video"]);
        assert_eq!(
            expansion
                .consts
                .iter()
                .map(|constant| constant.ident.to_string())
                .collect::<Vec<_>>(),
            [
                "__HEYGEN_ENDPOINT_Videos_get_video",
                "__HEYGEN_ENDPOINT_Videos_delete_video"
            ]
        );
        // Expanded here; the method attributes stay (the user's import of them stays in use),
        // reduced to the marker that makes them return the method as it is.
        let items = &expansion.item_trait.items;
        for at in [0, 2] {
            assert_eq!(endpoint_attr_arguments(&items[at]), kw::EXPANDED_BY_API);
            let TraitItem::Fn(method) = &items[at] else {
                panic!("a method");
            };
            assert!(method.default.is_some() && method.sig.asyncness.is_none());
        }
    }

    #[test]
    fn the_constants_follow_the_trait_cfg() {
        let expansion = expand(quote! {
            #[cfg(feature = "videos")]
            pub trait Videos {
                #[endpoint(GET "/v3/videos/<video_id>")]
                async fn get_video(&self, video_id: &str) -> Result<Video>;
            }
        });
        let cfgs: Vec<String> = expansion.consts[0]
            .attrs
            .iter()
            .filter(|attr| attr.path().is_ident("cfg"))
            .map(|attr| attr.to_token_stream().to_string())
            .collect();
        assert_eq!(cfgs, ["# [cfg (feature = \"videos\")]"]);
    }

    #[test]
    fn a_broken_method_is_left_to_its_own_attribute() {
        let expansion = expand(quote! {
            pub trait Videos {
                #[endpoint(FETCH "/v3/videos")]
                async fn list_videos(&self) -> Result<Vec<Video>>;
                #[endpoint(GET "/v3/videos/<video_id>")]
                async fn get_video(&self, video_id: &str) -> Result<Video>;
            }
        });
        assert!(expansion.messages.is_empty(), "{:?}", expansion.messages);
        assert_eq!(listed_names(&expansion), ["get_video"]);
        let items = &expansion.item_trait.items;
        assert_eq!(endpoint_attr_arguments(&items[0]), "FETCH \"/v3/videos\"");
        assert_eq!(endpoint_attr_arguments(&items[1]), kw::EXPANDED_BY_API);
    }

    #[test]
    fn the_same_route_twice_is_rejected() {
        let Expansion { messages, .. } = expand(quote! {
            pub trait Videos {
                #[endpoint(GET "/v3/videos/<video_id>")]
                async fn get_video(&self, video_id: &str) -> Result<Video>;
                #[endpoint(GET "/v3/videos/<id>")]
                async fn fetch_video(&self, id: &str) -> Result<Video>;
                #[endpoint(DELETE "/v3/videos/<id>")]
                async fn delete_video(&self, id: &str) -> Result<Video>;
            }
        });
        assert_eq!(
            messages,
            [
                "`GET /v3/videos/<id>` is already declared by `get_video`: a trait declares each \
              route once (placeholder names do not make routes differ); remove one of the two"
            ]
        );
    }

    #[test]
    fn a_stream_name_clash_is_rejected_and_the_stream_left_out() {
        let Expansion {
            item_trait,
            messages,
            ..
        } = expand(quote! {
            pub trait Videos {
                #[endpoint(GET "/v3/videos", paginated)]
                async fn list_videos(&self) -> Result<Page<Video>>;
                fn list_videos_stream(&self) {}
            }
        });
        assert_eq!(
            messages,
            [
                "`paginated` adds a method `list_videos_stream` that streams the items of \
              `list_videos`, but the trait already has an item of that name: rename it"
            ]
        );
        assert_eq!(
            method_names(&item_trait),
            ["list_videos", "list_videos_stream"]
        );
    }

    #[test]
    fn arguments_and_an_existing_endpoints_item_are_rejected() {
        let expanded = api(
            quote!(strict),
            quote! {
                pub trait Videos {
                    const ENDPOINTS: usize = 0;
                }
            },
        )
        .to_string();
        assert!(expanded.contains("#[api] takes no arguments"), "{expanded}");
        assert!(expanded.contains("#[api] adds `ENDPOINTS`"), "{expanded}");
    }
}
