//! The cases of the groups declared by hand (hand-written): `webhooks`, whose `#[query(flatten)]`
//! structs the generator does not write, so it cannot write their cases either. Each calls the
//! operation with every field of its struct set, like the generated cases.

use heygen_api::prelude::*;
use heygen_api::webhooks::{ListWebhookEndpointsQuery, ListWebhookEventsQuery, WebhookEventType};

use super::check::{CallFuture, QueryCase};

/// The cases of the hand-written groups.
pub fn cases() -> Vec<QueryCase> {
    vec![
        QueryCase {
            operation: "webhook_endpoints_list",
            declared: "list_webhook_endpoints",
            method: "GET",
            path: "/v3/webhooks/endpoints",
            run: |client: Client| -> CallFuture {
                Box::pin(async move {
                    let query = ListWebhookEndpointsQuery::new()
                        .limit(3)
                        .token("example-token");
                    client.list_webhook_endpoints(&query).await.err()
                })
            },
        },
        QueryCase {
            operation: "webhook_events_list",
            declared: "list_webhook_events",
            method: "GET",
            path: "/v3/webhooks/events",
            run: |client: Client| -> CallFuture {
                Box::pin(async move {
                    let query = ListWebhookEventsQuery::new()
                        .event_type(WebhookEventType::AvatarVideoSuccess)
                        .entity_id("example-entity_id")
                        .limit(3)
                        .token("example-token");
                    client.list_webhook_events(&query).await.err()
                })
            },
        },
    ]
}
