//! `#[api]` on a trait: the checks that need the whole trait, and the `ENDPOINTS` list.
//!
//! The trait attribute expands before the `#[endpoint]` attributes inside it and sees them
//! unexpanded. It works in the same stages as a method on its own: read the trait and each
//! endpoint into a model ([`ApiTrait`]), validate the whole of it into a plan ([`TraitPlan`]),
//! collecting every error, and only then write code. A valid endpoint is expanded here: its
//! `EndpointInfo` goes into a constant beside the trait, which the method, its stream and
//! `ENDPOINTS` all name, rather than a literal copy in each (the copies made a crate of many
//! endpoints measurably slower to compile, see the benches crate). The method keeps its
//! attribute, reduced to `#[endpoint(__expanded_by_api)]`, which returns it as it is, so that the
//! user's `use heygen_api::endpoint` stays in use. A method with errors keeps its attribute as
//! written: reporting them stays the method attribute's job.

use crate::diagnostics::Diagnostics;
use crate::expand::{endpoint_info, interface_items};
use crate::kw::{self, HttpMethod};
use crate::model::{Endpoint, is_endpoint_attr};
use crate::plan::{Plan, crate_tokens};
use crate::types::written;
use crate::valid;
use heygen_rules::template::route_shape;
use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote};
use std::collections::{HashMap, HashSet};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::spanned::Spanned;
use syn::{Ident, ItemTrait, LitStr, Meta, Path, Token, TraitItem, TraitItemFn};

/// Expands `#[api]` on a trait.
pub fn api(attr: TokenStream, item: TokenStream) -> TokenStream {
    let mut diagnostics = Diagnostics::new();
    let crate_path = read_attr(attr, &mut diagnostics);
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
    let model = ApiTrait::new(&item_trait, crate_path);
    let plan = validate(&model, &mut diagnostics);
    let expanded = expand(&plan);
    let errors = diagnostics.into_compile_errors();
    quote!(#expanded #errors)
}

/// What `#[api(...)]` says: nothing, or `crate = "path"`; a mistake is reported and the
/// default kept.
fn read_attr(attr: TokenStream, diagnostics: &mut Diagnostics) -> Option<Path> {
    if attr.is_empty() {
        return None;
    }
    let parser = |input: ParseStream<'_>| {
        let name = input.call(Ident::parse_any)?;
        if name != kw::CRATE {
            return Err(syn::Error::new(name.span(), "not `crate`"));
        }
        input.parse::<Token![=]>()?;
        let literal: LitStr = input.parse()?;
        input.parse::<Option<Token![,]>>()?;
        Ok(literal)
    };
    match parser.parse2(attr.clone()) {
        Ok(literal) => valid::check_crate_path(&literal, diagnostics),
        Err(_) => {
            diagnostics.error_spanned_by(
                attr,
                "#[api] takes nothing or the path of the runtime: write `#[api]` or \
                 `#[api(crate = \"heygen_api\")]`",
            );
            None
        }
    }
}

/// A trait under `#[api]`, read: its items in order, each endpoint as its attribute reads it.
struct ApiTrait<'t> {
    item_trait: &'t ItemTrait,
    items: Vec<ApiItem<'t>>,
    /// `#[api(crate = "path")]`, for every endpoint of the trait.
    crate_path: Option<Path>,
}

/// One item of the trait.
struct ApiItem<'t> {
    /// The item as written, kept as is unless it is a valid endpoint.
    item: &'t TraitItem,
    /// What a method with `#[endpoint]` says.
    endpoint: Option<ApiEndpoint<'t>>,
}

/// A method with `#[endpoint]`, read.
struct ApiEndpoint<'t> {
    /// The path of its `#[endpoint]` attribute as written (`endpoint`, `heygen_api::endpoint`...).
    attr_path: &'t Path,
    /// The method as its attribute reads it.
    endpoint: Endpoint,
}

impl<'t> ApiTrait<'t> {
    fn new(item_trait: &'t ItemTrait, crate_path: Option<Path>) -> Self {
        let items = item_trait
            .items
            .iter()
            .map(|item| {
                let endpoint =
                    match item {
                        TraitItem::Fn(method) => method
                            .attrs
                            .iter()
                            .find(|a| is_endpoint_attr(a))
                            .map(|attr| ApiEndpoint {
                                attr_path: attr.path(),
                                endpoint: read_endpoint(method.clone()),
                            }),
                        _ => None,
                    };
                ApiItem { item, endpoint }
            })
            .collect();
        ApiTrait {
            item_trait,
            items,
            crate_path,
        }
    }
}

/// Reads a method as its first `#[endpoint(...)]` attribute will.
///
/// What cannot be read is that attribute's to report: the errors are dropped here, and the
/// endpoint, marked malformed, fails validation.
fn read_endpoint(mut method: TraitItemFn) -> Endpoint {
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
    let mut own_errors = Diagnostics::new();
    let endpoint = Endpoint::new(tokens, attr.span(), method, &mut own_errors);
    own_errors.discard();
    endpoint
}

/// The validated trait: everything expansion needs, decided.
struct TraitPlan<'m> {
    item_trait: &'m ItemTrait,
    /// `#[api(crate = "path")]`.
    crate_path: Option<&'m Path>,
    items: Vec<PlannedItem<'m>>,
    /// Whether `ENDPOINTS` can be added: no item of the trait has that name.
    add_endpoints: bool,
    /// Whether the trait can be implemented for every `AsClient`: every endpoint is valid and
    /// every other item has a default.
    implement: bool,
}

/// One item of the validated trait.
enum PlannedItem<'m> {
    /// Emitted as written: not an endpoint, or one whose own attribute reports its errors.
    AsWritten(&'m TraitItem),
    /// A valid endpoint, expanded here.
    Endpoint {
        plan: Box<Plan<'m>>,
        attr_path: &'m Path,
        /// Whether to add its `<name>_stream`: paginated, and the name is free.
        stream: bool,
    },
}

/// Checks each endpoint as its own attribute would (reporting nothing: that attribute will), and
/// the trait as a whole: no route declared twice, no `<name>_stream` clashing with another item,
/// and `ENDPOINTS` free.
fn validate<'m>(model: &'m ApiTrait<'_>, diagnostics: &mut Diagnostics) -> TraitPlan<'m> {
    let mut taken_names = item_names(model.item_trait);
    let mut routes: HashMap<(HttpMethod, String), String> = HashMap::new();
    let mut items = Vec::with_capacity(model.items.len());
    let mut implement = check_implementable(model.item_trait, diagnostics);
    for ApiItem { item, endpoint } in &model.items {
        let Some(ApiEndpoint {
            attr_path,
            endpoint,
        }) = endpoint
        else {
            implement &= has_default(item, diagnostics);
            items.push(PlannedItem::AsWritten(item));
            continue;
        };
        let mut own_errors = Diagnostics::new();
        let plan = valid::check(endpoint, &mut own_errors);
        own_errors.discard();
        let Some(mut plan) = plan else {
            // Its own attribute reports why; an implementation missing it would only add noise.
            implement = false;
            items.push(PlannedItem::AsWritten(item));
            continue;
        };
        check_same_crate(&mut plan, model.crate_path.as_ref(), diagnostics);
        check_unique_route(&plan, &mut routes, diagnostics);
        // On a clash the method is still expanded, without its stream.
        let stream = plan.paginated && claim_stream_name(&plan, &mut taken_names, diagnostics);
        items.push(PlannedItem::Endpoint {
            plan: Box::new(plan),
            attr_path,
            stream,
        });
    }

    let existing = model
        .item_trait
        .items
        .iter()
        .find(|item| item_name(item).is_some_and(|name| name == kw::ENDPOINTS));
    if let Some(existing) = existing {
        diagnostics.error_spanned_by(
            existing,
            "#[api] adds `ENDPOINTS`, the list of this trait's endpoints: rename this item",
        );
    }
    TraitPlan {
        item_trait: model.item_trait,
        crate_path: model.crate_path.as_ref(),
        items,
        add_endpoints: existing.is_none(),
        implement,
    }
}

/// `#[api]` implements the trait for every `AsClient`, which a generic trait cannot be.
fn check_implementable(item_trait: &ItemTrait, diagnostics: &mut Diagnostics) -> bool {
    if item_trait.generics.params.is_empty() {
        return true;
    }
    diagnostics.error_spanned_by(
        &item_trait.generics,
        "an #[api] trait is implemented for every client (`AsClient`), so it takes no generic \
         parameters: move them to the methods' argument types, or declare the endpoints in a \
         trait without #[api]",
    );
    false
}

/// Whether an item other than an endpoint has a default, which the implementation for every
/// `AsClient` relies on; reports the one that has none.
fn has_default(item: &TraitItem, diagnostics: &mut Diagnostics) -> bool {
    let missing = match item {
        TraitItem::Fn(method) => method.default.is_none(),
        TraitItem::Const(constant) => constant.default.is_none(),
        TraitItem::Type(ty) => ty.default.is_none(),
        _ => false,
    };
    if missing {
        diagnostics.error_spanned_by(
            item,
            "an #[api] trait is implemented for every client (`AsClient`), so an item that is \
             not an #[endpoint] needs a default: give it one, or move it to another trait",
        );
    }
    !missing
}

/// A method's `crate = ".."` may repeat the trait's `#[api(crate = "..")]`, not contradict it;
/// a method without one takes the trait's.
fn check_same_crate(
    plan: &mut Plan<'_>,
    trait_crate: Option<&Path>,
    diagnostics: &mut Diagnostics,
) {
    let Some(trait_crate) = trait_crate else {
        return;
    };
    match &plan.crate_path {
        Some(own)
            if own.to_token_stream().to_string() != trait_crate.to_token_stream().to_string() =>
        {
            diagnostics.error_spanned_by(
                own,
                format!(
                    "this method says `crate = \"{}\"` but its trait says \
                     `#[api(crate = \"{}\")]`: the trait's applies to every method; remove \
                     this one",
                    written(own),
                    written(trait_crate)
                ),
            );
        }
        Some(_) => return,
        None => {}
    }
    // Also on a contradiction, so that the error is not followed by unresolved paths.
    plan.crate_path = Some(trait_crate.clone());
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

/// The trait with its endpoints expanded and `ENDPOINTS` added, then the constants beside it.
fn expand(plan: &TraitPlan<'_>) -> TokenStream {
    let item_trait = plan.item_trait;
    // The constants go wherever the trait goes.
    let trait_cfgs: Vec<_> = item_trait
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("cfg"))
        .collect();
    let marker = format_ident!("{}", kw::EXPANDED_BY_API);
    // `ENDPOINTS` names the trait's runtime; without `#[api(crate = "..")]`, the first
    // endpoint's (they all name one in practice), else `::heygen_api`.
    let first_crate = plan.items.iter().find_map(|item| match item {
        PlannedItem::Endpoint { plan, .. } => plan.crate_path.as_ref(),
        PlannedItem::AsWritten(_) => None,
    });
    let krate = crate_tokens(plan.crate_path.or(first_crate));
    let runtime = quote!(#krate::__private);
    let mut items = Vec::with_capacity(plan.items.len() + 1);
    let mut bodies = Vec::new();
    let mut info_names = Vec::new();
    let mut info_consts = Vec::new();
    for item in &plan.items {
        let (plan, attr_path, stream) = match item {
            PlannedItem::AsWritten(item) => {
                items.push(item.to_token_stream());
                continue;
            }
            PlannedItem::Endpoint {
                plan,
                attr_path,
                stream,
            } => (plan, attr_path, *stream),
        };
        let info_name = info_const_name(&item_trait.ident, plan.name);
        let info = endpoint_info(plan);
        let plan_crate = plan.crate_path();
        info_consts.push(quote! {
            // Named after the trait and method (not upper case), unused if the trait is.
            #(#trait_cfgs)*
            #[doc(hidden)]
            #[allow(non_upper_case_globals, dead_code)]
            const #info_name: #plan_crate::__private::EndpointInfo = #info;
        });
        let (declared, body) = interface_items(plan, &info_name, stream);
        items.push(quote!(#[#attr_path(#marker)] #declared));
        bodies.push(body);
        info_names.push(info_name);
    }
    if plan.add_endpoints {
        let endpoints = format_ident!("{}", kw::ENDPOINTS);
        items.push(quote! {
            /// Every endpoint this trait declares, in declaration order.
            const #endpoints: &'static [#runtime::EndpointInfo] =
                &[#(#info_names),*];
        });
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
    } = item_trait;
    let where_clause = &generics.where_clause;
    // Every client gets the declared bodies: `Client`, and any type of the user's that gives
    // access to one. A fake implements the trait itself, with no client inside.
    let implementation = plan.implement.then(|| {
        let client = Ident::new("__HeygenClient", Span::mixed_site());
        let bounds = supertraits.iter();
        let predicates = where_clause
            .iter()
            .flat_map(|clause| clause.predicates.iter());
        quote! {
            #(#trait_cfgs)*
            #unsafety impl<#client> #ident for #client
            where
                #client: #runtime::AsClient #(+ #bounds)*,
                #(#predicates,)*
            {
                #(#bodies)*
            }
        }
    });
    quote! {
        #(#attrs)*
        #vis #unsafety #auto_token #trait_token #ident #generics #colon_token #supertraits
        #where_clause
        {
            #(#items)*
        }
        #implementation
        #(#info_consts)*
    }
}

/// The constant holding an endpoint's `EndpointInfo`, beside the trait.
fn info_const_name(trait_name: &Ident, method: &Ident) -> Ident {
    format_ident!(
        "{}_{}_{}",
        kw::INFO_CONST_PREFIX,
        trait_name.unraw(),
        method.unraw()
    )
}

#[cfg(test)]
mod tests;
