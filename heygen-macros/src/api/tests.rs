//! `#[api]` expansions of whole traits: what is listed, expanded, kept and rejected.

use super::*;

/// The `#[api]` expansion of `item`: the trait, the constants beside it and the messages of
/// its errors.
struct Expansion {
    item_trait: ItemTrait,
    /// The trait's implementation for every `AsClient`, when it has one.
    implementation: Option<syn::ItemImpl>,
    consts: Vec<syn::ItemConst>,
    messages: Vec<String>,
}

fn expand(item: TokenStream) -> Expansion {
    expand_with(TokenStream::new(), item)
}

fn expand_with(attr: TokenStream, item: TokenStream) -> Expansion {
    let expanded = api(attr, item);
    let file: syn::File = syn::parse2(expanded).unwrap();
    let mut items = file.items.into_iter();
    let Some(syn::Item::Trait(item_trait)) = items.next() else {
        panic!("the trait comes first");
    };
    let mut consts = Vec::new();
    let mut messages = Vec::new();
    let mut implementation = None;
    for item in items {
        match item {
            syn::Item::Impl(item_impl) if implementation.is_none() => {
                implementation = Some(item_impl)
            }
            syn::Item::Const(constant) => consts.push(constant),
            syn::Item::Macro(mac) => {
                messages.push(syn::parse2::<syn::LitStr>(mac.mac.tokens).unwrap().value())
            }
            other => panic!("unexpected item {}", other.to_token_stream()),
        }
    }
    Expansion {
        item_trait,
        implementation,
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
        // Declared without a body: any type may implement the trait (a fake among them).
        assert!(method.default.is_none() && method.sig.asyncness.is_none());
    }
    // The bodies are the implementation's, for every client.
    let implementation = expansion
        .implementation
        .expect("an implementation for clients");
    let bodies: Vec<String> = implementation
        .items
        .iter()
        .filter_map(|item| match item {
            syn::ImplItem::Fn(method) => Some(method.sig.ident.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(bodies, ["get_video", "delete_video"]);
    let bound = implementation
        .generics
        .where_clause
        .as_ref()
        .expect("a where clause")
        .to_token_stream()
        .to_string();
    assert!(bound.contains("AsClient"), "{bound}");
}

#[test]
fn items_the_implementation_for_clients_cannot_give_are_rejected() {
    let Expansion {
        messages,
        implementation,
        ..
    } = expand(quote! {
        pub trait Videos {
            #[endpoint(GET "/v3/videos/<video_id>")]
            async fn get_video(&self, video_id: &str) -> Result<Video>;
            fn helper(&self) -> u32;
            type Output;
        }
    });
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages
            .iter()
            .all(|message| message.contains("needs a default: give it one, or move it")),
        "{messages:?}"
    );
    assert!(implementation.is_none());

    let Expansion { messages, .. } = expand(quote! {
        pub trait Videos<T> {
            #[endpoint(GET "/v3/videos/<video_id>")]
            async fn get_video(&self, video_id: &str) -> Result<T>;
        }
    });
    assert!(
        messages[0].contains("takes no generic parameters"),
        "{messages:?}"
    );
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
    let implementation = expansion.implementation.expect("an implementation");
    assert!(
        implementation
            .attrs
            .iter()
            .any(|attr| attr.path().is_ident("cfg"))
    );
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
    // Not implemented for clients: the broken method's own errors say what is wrong.
    assert!(expansion.implementation.is_none());
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
    assert!(
        expanded.contains("#[api] takes nothing or the path of the runtime"),
        "{expanded}"
    );
    assert!(expanded.contains("#[api] adds `ENDPOINTS`"), "{expanded}");
}

#[test]
fn the_trait_crate_path_reaches_every_method() {
    let expanded = api(
        quote!(crate = "hg"),
        quote! {
            pub trait Videos {
                #[endpoint(GET "/v3/a")]
                async fn a(&self) -> Result<A>;
                #[endpoint(GET "/v3/b", crate = "hg")]
                async fn b(&self) -> Result<B>;
            }
        },
    )
    .to_string();
    assert!(!expanded.contains("heygen_api"), "{expanded}");
    assert!(
        expanded.contains("hg :: __private :: send :: < A >"),
        "{expanded}"
    );
    assert!(
        expanded.contains("hg :: __private :: send :: < B >"),
        "{expanded}"
    );
    assert!(
        expanded.contains("[hg :: __private :: EndpointInfo]"),
        "{expanded}"
    );
}

#[test]
fn a_method_may_not_contradict_the_trait_crate_path() {
    let expansion = expand_with(
        quote!(crate = "hg"),
        quote! {
            pub trait Videos {
                #[endpoint(GET "/v3/a", crate = "::other")]
                async fn a(&self) -> Result<A>;
            }
        },
    );
    assert_eq!(
        expansion.messages,
        [
            "this method says `crate = \"::other\"` but its trait says `#[api(crate = \"hg\")]`: \
             the trait's applies to every method; remove this one"
        ]
    );
    let bad = api(
        quote!(crate = hg),
        quote!(
            pub trait Videos {}
        ),
    )
    .to_string();
    assert!(
        bad.contains("#[api] takes nothing or the path of the runtime"),
        "{bad}"
    );
}
