//! Which declared endpoint a request calls: the one rule the typed mocks and the faults injected
//! per operation share.

use heygen_api::{EndpointInfo, HttpMethod};
use http::Method;

/// Every endpoint the crate declares.
pub(super) fn declared_endpoints() -> impl Iterator<Item = &'static EndpointInfo> {
    heygen_api::catalog::GROUPS
        .iter()
        .flat_map(|group| group.endpoints.iter())
}

/// Whether `endpoint` is what a request of `method` for `path` calls.
pub(super) fn answers(endpoint: &EndpointInfo, method: &Method, path: &str) -> bool {
    method_of(endpoint.method) == *method && serves(endpoint, path)
}

/// Whether `path` is one `endpoint`'s template gives, by the rule the macro checks templates
/// with (`heygen_rules::template::matches`).
fn serves(endpoint: &EndpointInfo, path: &str) -> bool {
    use heygen_api::endpoint::Segment as Declared;
    use heygen_rules::template::Segment;
    let segments: Vec<Segment> = endpoint
        .segments
        .iter()
        .map(|segment| match segment {
            Declared::Literal(text) => Segment::Literal((*text).to_owned()),
            Declared::Param(name) => Segment::Param((*name).to_owned()),
        })
        .collect();
    heygen_rules::template::matches(&segments, path).is_some()
}

#[allow(unreachable_patterns)] // `HttpMethod` may gain methods.
fn method_of(method: HttpMethod) -> Method {
    match method {
        HttpMethod::Get => Method::GET,
        HttpMethod::Post => Method::POST,
        HttpMethod::Put => Method::PUT,
        HttpMethod::Patch => Method::PATCH,
        HttpMethod::Delete => Method::DELETE,
        _ => Method::OPTIONS,
    }
}

/// The declared endpoint a request of `method` for `path` calls: of those whose template gives
/// the path, the one with the most literal segments (`/v3/videos/statuses` rather than
/// `/v3/videos/{video_id}`).
pub(super) fn operation_of(method: &Method, path: &str) -> Option<&'static EndpointInfo> {
    use heygen_api::endpoint::Segment;
    declared_endpoints()
        .filter(|endpoint| answers(endpoint, method, path))
        .max_by_key(|endpoint| {
            endpoint
                .segments
                .iter()
                .filter(|segment| matches!(segment, Segment::Literal(_)))
                .count()
        })
}
