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
mod header;
mod route;
mod signature;

pub(crate) use route::check_crate_path;

use crate::diagnostics::Diagnostics;
use crate::kw;
use crate::model::Endpoint;
use crate::plan::{Answer, AnswerForm, Plan, Reading};
use crate::types::written;
use route::Route;

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
    let answer = return_type.and_then(|(_, output)| signature::check_answer(output, diagnostics));
    if let (Some(route), Some(answer), Some((_, output))) = (&route, answer, return_type) {
        check_answer_options(route, answer, output, diagnostics);
    }
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
        reading: answer?.reading,
        headers: route
            .headers
            .into_iter()
            .map(|header| (header.name, header.value))
            .collect(),
        crate_path: route.crate_path,
        event_stream: (route.end_event.is_some() || route.reconnect.is_some()).then(|| {
            (
                route.end_event.map(|(_, name)| name),
                route.reconnect.is_some(),
            )
        }),
    })
}

/// The options that depend on how the answer is read: `paginated` reads a whole page, and
/// `end_event` / `reconnect` only mean something for an event stream.
fn check_answer_options(
    route: &Route<'_>,
    answer: Answer<'_>,
    output: &syn::Type,
    diagnostics: &mut Diagnostics,
) {
    if route.paginated && answer.reading != Reading::Data {
        diagnostics.error_spanned_by(
            output,
            format!(
                "paginated endpoints decode the whole body as a page type, not `{}`: write \
                 e.g. `Result<Page<T>>`, or remove `paginated`",
                written(output)
            ),
        );
    }
    if answer.form == AnswerForm::EventStream {
        // Resuming sends the request again: only where a repeat is safe.
        let repeat_is_safe = route.method.is_some_and(|method| {
            method != kw::HttpMethod::Post && method != kw::HttpMethod::Patch
        }) || route.idempotent;
        if let (Some(reconnect), false) = (route.reconnect, repeat_is_safe) {
            diagnostics.error_spanned_by(
                reconnect,
                "`reconnect` sends the request again, which is safe only for GET, PUT and \
                 DELETE, or an `idempotent` POST or PATCH: add `idempotent`, or remove \
                 `reconnect`",
            );
        }
        return;
    }
    let options = [
        route.end_event.as_ref().map(|(name, _)| *name),
        route.reconnect,
    ];
    for option in options.into_iter().flatten() {
        diagnostics.error_spanned_by(
            option,
            format!(
                "`{option}` is for event streams, and this answer, `{}`, is not one: return \
                 `Result<{}<T>>` (or `Result<Response<{}<T>>>`), or remove `{option}`",
                written(output),
                kw::EVENT_STREAM_TYPE,
                kw::EVENT_STREAM_TYPE,
            ),
        );
    }
}

#[cfg(test)]
mod tests;
