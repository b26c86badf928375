//! Cursor pagination: one page at a time, or every item as a lazy stream.
//!
//! A `paginated` endpoint returns one page ([`Page<T>`], or any [`Paginated`] type). The macro also
//! generates a `<name>_stream` method that walks all pages as a [`Stream`] of items: it sends
//! nothing until polled, fetches the next page only when the items of the previous one are used
//! up, and stops when `has_more` is false, the cursor is missing or empty, or a cursor repeats
//! (a server bug that would otherwise loop forever).

use std::collections::HashSet;
use std::future::Future;

use futures_util::Stream;
use futures_util::stream;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::Result;

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
    seen: HashSet<String>,
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
        seen: HashSet::new(),
    };
    stream::unfold(walk, |mut walk| async move {
        loop {
            if let Some(item) = walk.items.next() {
                return Some((Ok(item), walk));
            }
            let cursor = walk.next.take()?;
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
fn next_cursor<P: Paginated>(page: &P, seen: &mut HashSet<String>) -> Option<Option<String>> {
    if !page.has_more() {
        return None;
    }
    let token = page.next_token().filter(|token| !token.is_empty())?;
    if !seen.insert(token.to_owned()) {
        tracing::warn!("a paginated response repeated an earlier cursor; stopping the walk");
        return None;
    }
    Some(Some(token.to_owned()))
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
                Err::<Page<u32>, _>(crate::Error::Invalid(crate::error::InvalidInput::Config(
                    "boom".into(),
                )))
            }
        })
        .collect()
        .await;
        assert_eq!(results.len(), 1);
        assert!(results[0].is_err());
        assert_eq!(*calls.lock().unwrap(), 1);
    }
}
