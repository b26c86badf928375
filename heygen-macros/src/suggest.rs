//! "Did you mean ...?" for misspelled keywords.

/// The candidate closest to `word`, if it is close enough to be what the user meant: the same
/// word in another case, a candidate that the word begins (`timeout` for `timeout_secs`), or one
/// at most one edit away per three characters (at least one edit).
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if let Some(same) = candidates.iter().find(|c| c.eq_ignore_ascii_case(word)) {
        return Some(same);
    }
    let lowered = word.to_ascii_lowercase();
    if lowered.len() >= 4
        && let Some(longer) = candidates
            .iter()
            .find(|c| c.to_ascii_lowercase().starts_with(&lowered))
    {
        return Some(longer);
    }
    let allowed = (word.chars().count() / 3).max(1);
    candidates
        .iter()
        .map(|c| (edit_distance(&lowered, &c.to_ascii_lowercase()), *c))
        .filter(|(distance, _)| *distance <= allowed)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

/// Levenshtein distance, counting a swap of two neighbours as one edit (typists swap letters).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // rows[i][j]: distance between a[..i] and b[..j]
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let substitution = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + substitution);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];
    const OPTIONS: &[&str] = &["idempotent", "paginated", "timeout_secs"];

    #[test]
    fn another_case_is_a_match() {
        assert_eq!(closest("get", METHODS), Some("GET"));
        assert_eq!(closest("Delete", METHODS), Some("DELETE"));
    }

    #[test]
    fn typos_are_matched() {
        assert_eq!(closest("idempotant", OPTIONS), Some("idempotent"));
        assert_eq!(closest("paginate", OPTIONS), Some("paginated"));
        assert_eq!(closest("timeout", OPTIONS), Some("timeout_secs"));
        assert_eq!(closest("timeout_sec", OPTIONS), Some("timeout_secs"));
        assert_eq!(closest("PSOT", METHODS), Some("POST"));
        assert_eq!(closest("PUTT", METHODS), Some("PUT"));
    }

    #[test]
    fn unrelated_words_are_not() {
        assert_eq!(closest("HEAD", METHODS), None);
        assert_eq!(closest("retries", OPTIONS), None);
        assert_eq!(closest("x", METHODS), None);
        assert_eq!(closest("pag", OPTIONS), None);
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("abc", "abc"), 0);
        assert_eq!(edit_distance("abc", "abd"), 1);
        assert_eq!(edit_distance("abc", "acb"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
