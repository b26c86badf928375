//! Cursor pagination: one page at a time, or every item as a lazy stream.
//!
//! A `paginated` endpoint returns one page ([`Page<T>`], or any [`Paginated`] type). The macro also
//! generates a `<name>_stream` method that walks all pages as a [`Stream`] of items: it sends
//! nothing until polled, fetches the next page only when the items of the previous one are used
//! up, and stops when `has_more` is false, the cursor is missing or empty, or a cursor repeats
//! (a server bug that would otherwise loop forever).
//!
//! A walk holds one page at a time: its memory does not grow with the number of pages.

use std::future::Future;
use std::hash::{DefaultHasher, Hash, Hasher};

use futures_util::Stream;
use futures_util::stream;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::runtime::error::Result;

/// A response that is one page of a cursor-paginated list.
pub trait Paginated: DeserializeOwned + Send + 'static {
    /// The type of the listed items.
    type Item: Send + 'static;

    /// Whether more pages follow.
    fn has_more(&self) -> bool;

    /// The cursor of the next page (sent as the `token` query parameter).
    fn next_token(&self) -> Option<&str>;

    /// The items of this page.
    fn into_items(self) -> Vec<Self::Item>;
}

/// The common list shape: `{"data": [...], "has_more": bool, "next_token": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The items of this page.
    pub data: Vec<T>,
    /// Whether more pages follow.
    #[serde(default)]
    pub has_more: bool,
    /// The cursor of the next page.
    #[serde(default)]
    pub next_token: Option<String>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page {
            data: Vec::new(),
            has_more: false,
            next_token: None,
        }
    }
}

impl<T: DeserializeOwned + Send + 'static> Paginated for Page<T> {
    type Item = T;

    fn has_more(&self) -> bool {
        self.has_more
    }

    fn next_token(&self) -> Option<&str> {
        self.next_token.as_deref()
    }

    fn into_items(self) -> Vec<T> {
        self.data
    }
}

/// The state of a page walk between two polls.
struct Walk<P: Paginated, F> {
    fetch: F,
    items: std::vec::IntoIter<P::Item>,
    /// The cursor of the page to fetch when `items` runs out; `None` once the walk is over.
    next: Option<Option<String>>,
    seen: SeenCursors,
}

/// Walks the pages that `fetch` returns for each cursor (`None` for the first page) as a lazy
/// stream of items. An error ends the stream after it is yielded.
pub fn paginate<P, F, Fut>(fetch: F) -> impl Stream<Item = Result<P::Item>> + Send
where
    P: Paginated,
    F: FnMut(Option<String>) -> Fut + Send,
    Fut: Future<Output = Result<P>> + Send,
{
    let walk = Walk::<P, F> {
        fetch,
        items: Vec::new().into_iter(),
        next: Some(None),
        seen: SeenCursors::default(),
    };
    stream::unfold(walk, |mut walk| async move {
        loop {
            if let Some(item) = walk.items.next() {
                return Some((Ok(item), walk));
            }
            let cursor = walk.next.take()?;
            // The used-up page's buffer goes now rather than after the next page has arrived.
            walk.items = Vec::new().into_iter();
            match (walk.fetch)(cursor).await {
                Ok(page) => {
                    walk.next = next_cursor(&page, &mut walk.seen);
                    walk.items = page.into_items().into_iter();
                }
                Err(error) => return Some((Err(error), walk)),
            }
        }
    })
}

/// The cursor to fetch after `page`, or `None` when the walk is over.
fn next_cursor<P: Paginated>(page: &P, seen: &mut SeenCursors) -> Option<Option<String>> {
    if !page.has_more() {
        return None;
    }
    let token = page.next_token().filter(|token| !token.is_empty())?;
    if seen.repeats(token) {
        tracing::warn!("a paginated response repeated an earlier cursor; stopping the walk");
        return None;
    }
    Some(Some(token.to_owned()))
}

/// How many of the latest cursors are remembered exactly.
const RECENT_CURSORS: usize = 16;

/// Recognises a cursor the walk has been given before, in constant memory.
///
/// Remembering every cursor would make a long walk grow by one entry per page. Instead, the
/// latest [`RECENT_CURSORS`] are remembered, which stops every loop a server bug plausibly makes
/// (the same cursor again, or a short cycle) at its first repeat; a longer cycle is caught by
/// Brent's method, a checkpoint cursor moved at doubling distances, which ends it within a few
/// turns (before `2 * p + cycle` cursors, `p` being the first power of two at least as large as
/// the cycle and the cursors before it). Cursors are kept as 64-bit fingerprints, so their length
/// does not matter either.
struct SeenCursors {
    /// Fingerprints of the latest cursors, the newest first.
    recent: [u64; RECENT_CURSORS],
    /// How many entries of `recent` are filled.
    filled: usize,
    /// The checkpoint of Brent's method.
    checkpoint: Option<u64>,
    /// Cursors seen since the checkpoint last moved.
    since_checkpoint: u64,
    /// How many cursors after the last move the checkpoint moves again (1, 2, 4, ...).
    distance: u64,
}

impl Default for SeenCursors {
    fn default() -> Self {
        SeenCursors {
            recent: [0; RECENT_CURSORS],
            filled: 0,
            checkpoint: None,
            since_checkpoint: 0,
            distance: 1,
        }
    }
}

impl SeenCursors {
    /// Records `cursor`, and says whether it was seen before.
    fn repeats(&mut self, cursor: &str) -> bool {
        let mut hasher = DefaultHasher::new();
        cursor.hash(&mut hasher);
        let fingerprint = hasher.finish();
        if self.recent[..self.filled].contains(&fingerprint) || self.checkpoint == Some(fingerprint)
        {
            return true;
        }
        self.recent.rotate_right(1);
        self.recent[0] = fingerprint;
        self.filled = (self.filled + 1).min(RECENT_CURSORS);
        // Once the distance reaches the cycle's length, the checkpoint sits on the cycle and is
        // met again before it moves on.
        self.since_checkpoint += 1;
        if self.since_checkpoint == self.distance {
            self.checkpoint = Some(fingerprint);
            self.since_checkpoint = 0;
            self.distance = self.distance.saturating_mul(2);
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::StreamExt;
    use std::sync::{Arc, Mutex};

    fn page(data: &[u32], has_more: bool, next: Option<&str>) -> Page<u32> {
        Page {
            data: data.to_vec(),
            has_more,
            next_token: next.map(str::to_owned),
        }
    }

    /// A walk over `pages` (keyed by the cursor that fetches them) that records the cursors asked.
    async fn walk(
        pages: Vec<(Option<&'static str>, Page<u32>)>,
        take: usize,
    ) -> (Vec<u32>, Vec<Option<String>>) {
        let asked = Arc::new(Mutex::new(Vec::new()));
        let log = asked.clone();
        let items = paginate(move |cursor: Option<String>| {
            log.lock().unwrap().push(cursor.clone());
            let found = pages
                .iter()
                .find(|(key, _)| key.map(str::to_owned) == cursor)
                .map(|(_, page)| page.clone());
            async move { Ok(found.expect("a page for the cursor")) }
        })
        .take(take)
        .map(|item| item.unwrap())
        .collect::<Vec<_>>()
        .await;
        let asked = asked.lock().unwrap().clone();
        (items, asked)
    }

    #[tokio::test]
    async fn walks_until_has_more_is_false() {
        let (items, asked) = walk(
            vec![
                (None, page(&[1, 2], true, Some("b"))),
                (Some("b"), page(&[], true, Some("c"))),
                (Some("c"), page(&[3], false, Some("d"))),
            ],
            usize::MAX,
        )
        .await;
        assert_eq!(items, [1, 2, 3]);
        assert_eq!(asked, [None, Some("b".into()), Some("c".into())]);
    }

    #[tokio::test]
    async fn stops_on_a_missing_empty_or_repeated_cursor() {
        let (items, asked) = walk(vec![(None, page(&[1], true, None))], usize::MAX).await;
        assert_eq!((items, asked.len()), (vec![1], 1));
        let (items, asked) = walk(vec![(None, page(&[1], true, Some("")))], usize::MAX).await;
        assert_eq!((items, asked.len()), (vec![1], 1));
        let (items, asked) = walk(
            vec![
                (None, page(&[1], true, Some("a"))),
                (Some("a"), page(&[2], true, Some("a"))),
            ],
            usize::MAX,
        )
        .await;
        assert_eq!(items, [1, 2]);
        assert_eq!(asked, [None, Some("a".into())]);
    }

    /// How many cursors `SeenCursors` accepts from `0, 1, ..., lead - 1` followed by a cycle
    /// through `lead, ..., lead + cycle - 1` before it reports a repeat.
    fn accepted_before_repeat(lead: usize, cycle: usize) -> usize {
        let mut seen = SeenCursors::default();
        (0..)
            .map(|step| {
                if step < lead {
                    step
                } else {
                    lead + (step - lead) % cycle
                }
            })
            .take_while(|cursor| !seen.repeats(&format!("c{cursor}")))
            .count()
    }

    #[test]
    fn short_cycles_stop_at_their_first_repeat() {
        for cycle in 1..=RECENT_CURSORS {
            assert_eq!(
                accepted_before_repeat(5, cycle),
                5 + cycle,
                "cycle of {cycle}"
            );
        }
    }

    #[test]
    fn long_cycles_stop_within_a_few_turns() {
        for (lead, cycle, expected) in [
            (0, 17, 47),
            (3, 40, 102),
            (1_000, 300, 1_322),
            (10, 1_000, 2_022),
        ] {
            let accepted = accepted_before_repeat(lead, cycle);
            let bound = 2 * (lead + 1).max(cycle).next_power_of_two() + cycle;
            assert!(
                lead + cycle <= accepted && accepted < bound,
                "{lead} + {cycle}: {accepted}"
            );
            assert_eq!(accepted, expected, "{lead} + {cycle}");
        }
    }

    #[test]
    fn distinct_cursors_are_never_taken_for_repeats() {
        assert_eq!(accepted_before_repeat(100_000, 1), 100_001);
    }

    #[tokio::test]
    async fn fetches_the_next_page_only_when_needed() {
        let (items, asked) = walk(
            vec![
                (None, page(&[1, 2], true, Some("b"))),
                (Some("b"), page(&[3], false, None)),
            ],
            2,
        )
        .await;
        assert_eq!(items, [1, 2]);
        assert_eq!(asked, [None]);
    }

    #[tokio::test]
    async fn an_error_is_yielded_and_ends_the_walk() {
        let calls = Arc::new(Mutex::new(0));
        let counter = calls.clone();
        let results: Vec<Result<u32>> = paginate(move |_cursor: Option<String>| {
            *counter.lock().unwrap() += 1;
            async {
                Err::<Page<u32>, _>(crate::Error::Config(
                    crate::runtime::error::ConfigError::new("boom"),
                ))
            }
        })
        .collect()
        .await;
        assert_eq!(results.len(), 1);
        assert!(results[0].is_err());
        assert_eq!(*calls.lock().unwrap(), 1);
    }
}
