//! Every check on one endpoint, collected; a method that passes them all becomes a [`Plan`].
//!
//! Checks never stop at the first problem: each records its errors and the others still run, so a
//! declaration with three mistakes shows three errors in one compile. A check that depends on
//! something already reported as broken (the placeholders of a malformed template, say) is
//! skipped rather than guessed at, so that one mistake gives one error.
//!
//! The checks are grouped by what they read: [`route`] the attribute, [`signature`] the method's
//! receiver, qualifiers and return type, [`args`] the arguments against the route.

mod args;
mod route;
mod signature;

use crate::diagnostics::Diagnostics;
use crate::model::Endpoint;
use crate::plan::Plan;

/// Checks one endpoint; `Some` only when it has no error at all.
pub fn check<'a>(endpoint: &'a Endpoint, diagnostics: &mut Diagnostics) -> Option<Plan<'a>> {
    let before = diagnostics.count();
    let route = endpoint
        .route
        .as_ref()
        .map(|attr| route::check_route(attr, diagnostics));
    let self_token = signature::check_receiver(endpoint, diagnostics);
    signature::check_qualifiers(endpoint, diagnostics);
    let return_type = signature::check_return_type(endpoint, diagnostics);
    let bindings = args::check_args(endpoint, route.as_ref(), diagnostics);

    if endpoint.malformed || diagnostics.count() > before {
        return None;
    }
    let route = route?;
    Some(Plan {
        endpoint,
        name: &endpoint.sig.ident,
        self_token: self_token?,
        method: route.method?,
        template: route.template,
        segments: route.segments?,
        idempotent: route.idempotent,
        paginated: route.paginated,
        timeout_secs: route.timeout_secs,
        return_type: return_type?.0,
        output: return_type?.1,
        bindings,
    })
}

#[cfg(test)]
mod tests;
