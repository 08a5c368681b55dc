//! Interned tokens and the clipped-count tables of ROUGE-N and ROUGE-S/SU.
//!
//! The script keys its hashes by the n-gram strings. Here every token of the
//! references gets an integer id when they are prepared, every n-gram an id built
//! level by level from (id of its (n-1)-gram prefix, id of its last token), and every
//! skip-bigram an id from its pair of token ids. A candidate's tokens are looked up
//! once; a token or n-gram the references never contain gets [`UNKNOWN`], which can
//! never produce a hit but still counts towards the candidate's totals. Hits are then
//! sums of `min(candidate count, reference count)` over integer ids.

use rustc_hash::FxHashMap;

/// The id of a token or n-gram that no reference contains.
pub const UNKNOWN: u32 = u32::MAX;

/// A multiset of ids (sorted by id) with its size.
#[derive(Debug, Clone, Default)]
pub struct Bag {
    /// (id, count), ids ascending, no [`UNKNOWN`].
    pub items: Vec<(u32, u32)>,
    /// Number of elements, [`UNKNOWN`] ones included (the script's `_cn_`).
    pub total: u32,
}

impl Bag {
    /// Counts `ids`; `total` is the number of ids, unknown ones included.
    pub fn from_ids(ids: impl Iterator<Item = u32>) -> Self {
        let mut v: Vec<u32> = Vec::new();
        let mut total = 0;
        for id in ids {
            total += 1;
            if id != UNKNOWN {
                v.push(id);
            }
        }
        v.sort_unstable();
        let mut items: Vec<(u32, u32)> = Vec::new();
        for id in v {
            match items.last_mut() {
                Some((last, n)) if *last == id => *n += 1,
                _ => items.push((id, 1)),
            }
        }
        Bag { items, total }
    }

    /// `Σ min(self[g], other[g])`, both sorted: the script's clipped hit count.
    pub fn clipped_hits(&self, other: &Bag) -> u32 {
        let (mut i, mut j, mut hits) = (0, 0, 0);
        let (a, b) = (&self.items, &other.items);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    hits += a[i].1.min(b[j].1);
                    i += 1;
                    j += 1;
                }
            }
        }
        hits
    }
}

/// Ids for n-grams (n ≥ 2) and skip-bigrams, grown while references are prepared and
/// read-only afterwards.
#[derive(Debug, Default)]
pub struct GramIds {
    /// `levels[n - 2]`: (id of the (n-1)-gram prefix, last token id) → n-gram id.
    levels: Vec<FxHashMap<(u32, u32), u32>>,
    /// (first token id, second token id) → skip-bigram id.
    pairs: FxHashMap<(u32, u32), u32>,
}

impl GramIds {
    /// An empty table for n-grams up to `max_n`.
    pub fn new(max_n: usize) -> Self {
        GramIds {
            levels: (2..=max_n).map(|_| FxHashMap::default()).collect(),
            pairs: FxHashMap::default(),
        }
    }

    /// The ids of the n-grams of `tokens` for n = 1..=max_n (`out[n-1]`), interning
    /// new ones (references).
    pub fn intern_ngrams(&mut self, tokens: &[u32]) -> Vec<Vec<u32>> {
        let levels = &mut self.levels;
        ngram_ids(tokens, levels.len(), |k, key| {
            let level = &mut levels[k];
            let next = level.len() as u32;
            *level.entry(key).or_insert(next)
        })
    }

    /// The ids of the n-grams of `tokens`, [`UNKNOWN`] for unseen ones (candidates).
    pub fn lookup_ngrams(&self, tokens: &[u32]) -> Vec<Vec<u32>> {
        ngram_ids(tokens, self.levels.len(), |k, key| {
            self.levels[k].get(&key).copied().unwrap_or(UNKNOWN)
        })
    }

    /// [`skip_bigrams`] interning new pairs (references).
    pub fn intern_skip_bigrams(&mut self, tokens: &[u32], distance: i64) -> (Vec<u32>, Vec<u32>) {
        let pairs = &mut self.pairs;
        skip_bigrams(tokens, distance, |key| {
            let next = pairs.len() as u32;
            *pairs.entry(key).or_insert(next)
        })
    }

    /// [`skip_bigrams`] with [`UNKNOWN`] for unseen pairs (candidates).
    pub fn lookup_skip_bigrams(&self, tokens: &[u32], distance: i64) -> (Vec<u32>, Vec<u32>) {
        skip_bigrams(tokens, distance, |key| {
            self.pairs.get(&key).copied().unwrap_or(UNKNOWN)
        })
    }
}

fn ngram_ids(
    tokens: &[u32],
    extra_levels: usize,
    mut id: impl FnMut(usize, (u32, u32)) -> u32,
) -> Vec<Vec<u32>> {
    let mut out = vec![tokens.to_vec()];
    for k in 0..extra_levels {
        let n = k + 2;
        let prev = &out[n - 2];
        let len = (tokens.len() + 1).saturating_sub(n);
        let mut cur = Vec::with_capacity(len);
        for i in 0..len {
            let (p, t) = (prev[i], tokens[i + n - 1]);
            cur.push(if p == UNKNOWN || t == UNKNOWN {
                UNKNOWN
            } else {
                id(k, (p, t))
            });
        }
        out.push(cur);
    }
    out
}

/// The script's `createSkipBigram` as (unigram ids, skip-bigram ids): pairs (i, j)
/// with i < j ≤ i + distance + 1 (any j when `distance` < 0) and, for the unigrams,
/// every token but the last (the script's loop stops one token early).
pub fn skip_bigrams(
    tokens: &[u32],
    distance: i64,
    mut id: impl FnMut((u32, u32)) -> u32,
) -> (Vec<u32>, Vec<u32>) {
    let n = tokens.len();
    let mut unigrams = Vec::new();
    let mut pairs = Vec::new();
    for i in 0..n.saturating_sub(1) {
        unigrams.push(tokens[i]);
        let end = if distance < 0 {
            n
        } else {
            n.min(i.saturating_add(distance as usize).saturating_add(2))
        };
        for j in i + 1..end {
            let (a, b) = (tokens[i], tokens[j]);
            pairs.push(if a == UNKNOWN || b == UNKNOWN {
                UNKNOWN
            } else {
                id((a, b))
            });
        }
    }
    (unigrams, pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clipped_hits_take_the_smaller_count() {
        // candidate: a a a b; reference: a b b c → min(3,1) + min(1,2) = 2.
        let cand = Bag::from_ids([0, 0, 0, 1].into_iter());
        let refs = Bag::from_ids([0, 1, 1, 2].into_iter());
        assert_eq!(cand.clipped_hits(&refs), 2);
        let with_unknown = Bag::from_ids([0, UNKNOWN].into_iter());
        assert_eq!(with_unknown.total, 2);
        assert_eq!(with_unknown.items, vec![(0, 1)]);
    }

    #[test]
    fn skip_bigram_windows() {
        // 4 tokens, distance 1: pairs (0,1) (0,2) (1,2) (1,3) (2,3); unigrams 0,1,2
        // (the last token's unigram is never counted, as in the script).
        let mut g = GramIds::new(1);
        let (u, p) = g.intern_skip_bigrams(&[10, 11, 12, 13], 1);
        assert_eq!(u, vec![10, 11, 12]);
        assert_eq!(p.len(), 5);
        let (_, p) = g.intern_skip_bigrams(&[10, 11, 12, 13], -1);
        assert_eq!(p.len(), 6);
        // A single token has no pair and no unigram.
        let (u, p) = g.intern_skip_bigrams(&[10], 4);
        assert!(u.is_empty() && p.is_empty());
    }

    #[test]
    fn ngram_ids_are_shared_and_unknown_propagates() {
        let mut g = GramIds::new(3);
        let a = g.intern_ngrams(&[1, 2, 3]);
        assert_eq!(a[1].len(), 2);
        assert_eq!(a[2].len(), 1);
        let b = g.lookup_ngrams(&[1, 2, UNKNOWN, 3]);
        assert_eq!(b[1][0], a[1][0]);
        assert_eq!(b[1][1], UNKNOWN);
        assert_eq!(b[2], vec![UNKNOWN, UNKNOWN]);
    }
}
