//! The whole declared API as data: every endpoint of every group, for printing and for checking
//! against HeyGen's catalog.
//!
//! Each API group's trait lists its endpoints in `ENDPOINTS` (added by [`api`](crate::api));
//! this module gathers them under the group names of HeyGen's catalog (`video`, `webhook`, ...).
//!
//! ```
//! use heygen_api::catalog;
//!
//! let rotate = catalog::declared_endpoints()
//!     .into_iter()
//!     .find(|endpoint| endpoint.info.name == "rotate_webhook_secret")
//!     .expect("declared");
//! assert_eq!(rotate.group, "webhook");
//! assert_eq!(rotate.info.openapi_path(), "/v3/webhooks/endpoints/{endpoint_id}/rotate-secret");
//! assert!(rotate.info.idempotent);
//! ```
//!
//! `cargo run -p heygen-api --example endpoints` prints the list as JSON.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::endpoint::{BodyKind, EndpointInfo};

/// One API group: its name in HeyGen's catalog and the endpoints its trait declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiGroup {
    /// The group's name in HeyGen's catalog (`ai-clipping`, `video-translate`, ...).
    pub name: &'static str,
    /// The endpoints, in declaration order.
    pub endpoints: &'static [EndpointInfo],
}

/// Every API group of the crate, in the order of HeyGen's catalog.
pub static GROUPS: &[ApiGroup] = super::GROUPS;

/// An API group named `name` with `endpoints`.
pub(crate) const fn group(name: &'static str, endpoints: &'static [EndpointInfo]) -> ApiGroup {
    ApiGroup { name, endpoints }
}

/// A declared endpoint with the group it belongs to.
///
/// Serializes as one flat object: `group`, `name`, `method`, `template`, `path` (OpenAPI
/// `{param}` style), `path_params`, `query_params`, `body` (`"none"`, `"json"`,
/// `"multipart"` or `"form"`), `idempotent`, `paginated` and `timeout_secs` (a per-endpoint timeout, or
/// `null`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeclaredEndpoint {
    /// The group's name in HeyGen's catalog.
    pub group: &'static str,
    /// What the endpoint's `#[endpoint]` attribute declares.
    pub info: &'static EndpointInfo,
}

/// Every declared endpoint of every group, group by group in declaration order.
pub fn declared_endpoints() -> Vec<DeclaredEndpoint> {
    GROUPS
        .iter()
        .flat_map(|group| {
            group.endpoints.iter().map(|info| DeclaredEndpoint {
                group: group.name,
                info,
            })
        })
        .collect()
}

/// The name a body encoding has in the listing (and in HeyGen's catalog, `none` aside).
pub fn body_kind_name(body: BodyKind) -> &'static str {
    match body {
        BodyKind::None => "none",
        BodyKind::Json => "json",
        BodyKind::Multipart => "multipart",
        BodyKind::Form => "form",
    }
}

impl Serialize for DeclaredEndpoint {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let info = self.info;
        let mut out = serializer.serialize_struct("DeclaredEndpoint", 11)?;
        out.serialize_field("group", self.group)?;
        out.serialize_field("name", info.name)?;
        out.serialize_field("method", info.method.as_str())?;
        out.serialize_field("template", info.template)?;
        out.serialize_field("path", &info.openapi_path())?;
        out.serialize_field("path_params", &info.path_params().collect::<Vec<_>>())?;
        out.serialize_field("query_params", &info.query_params().collect::<Vec<_>>())?;
        out.serialize_field("body", body_kind_name(info.body))?;
        out.serialize_field("idempotent", &info.idempotent)?;
        out.serialize_field("paginated", &info.paginated)?;
        out.serialize_field("timeout_secs", &info.timeout.map(|t| t.as_secs()))?;
        out.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_group_is_listed_once_with_its_catalog_name() {
        let names: Vec<&str> = GROUPS.iter().map(|group| group.name).collect();
        assert_eq!(
            names,
            [
                "ai-clipping",
                "asset",
                "audio",
                "avatar",
                "avatar-realtime",
                "background-removal",
                "brand",
                "filler-word-removal",
                "hyperframes",
                "lipsync",
                "template",
                "user",
                "video-agent",
                "video-translate",
                "video",
                "voice",
                "webhook",
            ]
        );
        assert!(GROUPS.iter().all(|group| !group.endpoints.is_empty()));
    }

    #[test]
    fn an_endpoint_serializes_as_one_flat_object() {
        let rotate = declared_endpoints()
            .into_iter()
            .find(|endpoint| endpoint.info.name == "rotate_webhook_secret")
            .unwrap();
        assert_eq!(
            serde_json::to_value(rotate).unwrap(),
            serde_json::json!({
                "group": "webhook",
                "name": "rotate_webhook_secret",
                "method": "POST",
                "template": "/v3/webhooks/endpoints/<endpoint_id>/rotate-secret",
                "path": "/v3/webhooks/endpoints/{endpoint_id}/rotate-secret",
                "path_params": ["endpoint_id"],
                "query_params": [],
                "body": "none",
                "idempotent": true,
                "paginated": false,
                "timeout_secs": null,
            })
        );
    }

    #[test]
    fn query_parameters_are_listed_by_name() {
        let events = declared_endpoints()
            .into_iter()
            .find(|endpoint| endpoint.info.name == "list_webhook_events")
            .unwrap();
        let value = serde_json::to_value(events).unwrap();
        assert_eq!(
            value["query_params"],
            serde_json::json!(["event_type", "entity_id", "limit", "token"])
        );
        assert_eq!(value["paginated"], true);
        assert_eq!(value["body"], "none");
    }
}
