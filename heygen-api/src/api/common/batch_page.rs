// Written by hand, not generated: the page type of the batch reads, and the counts of a batch by status.
// Declared by the generated `mod.rs` beside it (see `codegen/config/layout.toml`).

#[cfg(doc)]
use super::BatchItemState; // named by a doc link
use super::{Batch, BatchItem};
use serde::{Deserialize, Serialize};

/// One page of a batch read: the body `{"data": Batch}` of the `.../batches/{batch_id}` operations.
///
/// Unlike the list operations, these carry their cursor inside `data`, next to the items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BatchPage {
    /// The batch and one page of its items.
    pub data: Batch,
}

impl crate::Paginated for BatchPage {
    type Item = BatchItem;

    fn has_more(&self) -> bool {
        self.data.has_more
    }

    fn next_token(&self) -> Option<&str> {
        self.data.next_token.as_deref()
    }

    fn into_items(self) -> Vec<BatchItem> {
        self.data.items
    }
}

impl Batch {
    /// The number of items in `status` (a [`BatchItemState`] as written on the wire, such as
    /// `"completed"`), or `None` when the batch states no whole number for it.
    pub fn count(&self, status: &str) -> Option<i64> {
        self.counts_by_status.get(status)?.as_i64()
    }
}
