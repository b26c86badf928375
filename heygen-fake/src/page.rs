//! Cursor pagination of list operations: `limit` and `token` in, `has_more` and `next_token` out.

use std::collections::HashMap;

use axum::response::Response;
use serde::Serialize;

use super::envelope::{ApiError, page};

/// HeyGen's default page size.
const DEFAULT_LIMIT: usize = 10;
/// The largest page the webhook lists accept.
const MAX_LIMIT: usize = 100;
/// Cursors are opaque to clients; this prefix only makes a foreign value easy to reject.
const CURSOR_PREFIX: &str = "cursor_";

/// A query string decoded into its parameters (the last value wins for a repeated name).
pub(super) type QueryMap = HashMap<String, String>;

/// Decodes a raw query string.
pub(super) fn query_map(raw: Option<&str>) -> QueryMap {
    url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
        .into_owned()
        .collect()
}

/// Which page a list request asks for.
#[derive(Debug, Clone, Copy)]
pub(super) struct PageRequest {
    limit: usize,
    /// The sequence number of the last item already returned.
    after: Option<u64>,
}

impl PageRequest {
    /// Reads and validates `limit` and `token`.
    pub(super) fn from_query(query: &QueryMap) -> Result<Self, ApiError> {
        let limit = match query.get("limit") {
            None => DEFAULT_LIMIT,
            Some(raw) => raw
                .parse::<usize>()
                .ok()
                .filter(|limit| (1..=MAX_LIMIT).contains(limit))
                .ok_or_else(|| {
                    ApiError::invalid_parameter(
                        Some("limit"),
                        format!("limit must be an integer from 1 to {MAX_LIMIT}"),
                    )
                })?,
        };
        let after = match query.get("token") {
            None => None,
            Some(token) => Some(
                token
                    .strip_prefix(CURSOR_PREFIX)
                    .and_then(|seq| seq.parse::<u64>().ok())
                    .ok_or_else(|| {
                        ApiError::invalid_parameter(
                            Some("token"),
                            "token is not a next_token returned by this list",
                        )
                    })?,
            ),
        };
        Ok(PageRequest { limit, after })
    }

    /// The page of `items` (in ascending sequence order) this request asks for, as a list body.
    /// A page of `items` (by creation order, oldest first), newest first, as HeyGen lists jobs
    /// and assets: a `next_token` leads on to older ones.
    pub(super) fn respond_newest_first<T: Serialize>(
        self,
        items: impl DoubleEndedIterator<Item = (u64, T)>,
    ) -> Response {
        let items = items
            .rev()
            .filter(|(seq, _)| self.after.is_none_or(|after| *seq < after));
        self.page(items)
    }

    /// A page of `items` in creation order (webhook endpoints and events).
    pub(super) fn respond<T: Serialize>(self, items: impl Iterator<Item = (u64, T)>) -> Response {
        let items = items.filter(|(seq, _)| self.after.is_none_or(|after| *seq > after));
        self.page(items)
    }

    fn page<T: Serialize>(self, mut items: impl Iterator<Item = (u64, T)>) -> Response {
        let chosen: Vec<(u64, T)> = items.by_ref().take(self.limit).collect();
        let has_more = items.next().is_some();
        let next_token = match chosen.last() {
            Some((seq, _)) if has_more => Some(format!("{CURSOR_PREFIX}{seq}")),
            _ => None,
        };
        let data: Vec<T> = chosen.into_iter().map(|(_, item)| item).collect();
        page(data, has_more, next_token)
    }
}
