//! The shared candidate stage: which sentences any summarizer may pick.
//!
//! Filtering here, once, rather than inside each method keeps comparisons fair: every
//! system chooses from the same pool. Two filters run, in this order:
//!
//! 1. Length: sentences outside `min_words..=max_words` words, or without a content term,
//!    are dropped (headlines, datelines, run-ons from broken segmentation).
//! 2. Near-duplicates across sources: news clusters repeat the same agency copy and the
//!    same quotes across outlets, and an extractive summary that picks a sentence twice
//!    wastes its budget. A sentence whose set of distinct tokens (interned, stemmed,
//!    stopwords included, so word choice must really match) has Jaccard similarity
//!    `≥ dedup` with an earlier kept sentence is dropped; the first occurrence in reading
//!    order (document order, then position) survives.
//!
//! Near-duplicate search is a set-similarity self-join done with prefix filtering
//! (Bayardo, Ma & Srikant, "Scaling up all pairs similarity search", WWW 2007): tokens are
//! ordered rarest first, and two sets with Jaccard ≥ t must share a token among the first
//! `|x| − ⌈t·|x|⌉ + 1` of each, so only those prefix tokens are indexed. Common words never
//! generate candidate pairs, and the cost stays near-linear even when every sentence
//! shares stopwords with every other.
//!
//! This is distinct from the *selection-time* redundancy threshold of
//! [`super::select::greedy`] (cosine of TF-IDF vectors, `> redundancy` skips), which judges
//! a sentence against what a system has already picked, not against the whole pool.
use super::{params, SentenceId};
use crate::text::{ProcessedCluster, TermId};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Candidate filters, configurable per summarizer under `candidates:`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct CandidateOptions {
    /// Sentences with fewer words are never picked (headlines, datelines, fragments).
    pub min_words: usize,
    /// Sentences with more words are never picked (run-ons from broken segmentation).
    #[schemars(range(min = 1))]
    pub max_words: usize,
    /// Drop a sentence whose token-set Jaccard similarity with an earlier kept sentence
    /// is at least this; `null` keeps near-duplicates.
    #[schemars(range(max = 1), extend("exclusiveMinimum" = 0))]
    pub dedup: Option<f64>,
}

impl Default for CandidateOptions {
    fn default() -> Self {
        CandidateOptions {
            min_words: 5,
            max_words: 80,
            dedup: Some(0.8),
        }
    }
}

impl CandidateOptions {
    /// Refuses filters that would silently empty or not filter the pool, when the config
    /// is read: `min_words > max_words` keeps no sentence, a `dedup` of 0 would merge
    /// unrelated sentences and one above 1 would disable the filter.
    pub fn validate(&self) -> Result<(), String> {
        params::check(self)?;
        if self.min_words > self.max_words {
            return Err(format!(
                "min_words: {} is larger than max_words: {}; expected min_words ≤ max_words",
                self.min_words, self.max_words
            ));
        }
        Ok(())
    }
}

/// The eligible sentences of `cluster`, in reading order.
pub fn candidates(cluster: &ProcessedCluster, options: &CandidateOptions) -> Vec<SentenceId> {
    let by_length: Vec<SentenceId> = cluster
        .sentences
        .iter()
        .filter(|s| {
            s.words >= options.min_words && s.words <= options.max_words && !s.terms.is_empty()
        })
        .map(|s| s.id)
        .collect();
    match options.dedup {
        Some(t) => drop_near_duplicates(cluster, &by_length, t),
        None => by_length,
    }
}

/// Keeps the first of every group of sentences (in the order of `ids`) whose distinct
/// token sets have Jaccard similarity `≥ threshold`.
pub fn drop_near_duplicates(
    cluster: &ProcessedCluster,
    ids: &[SentenceId],
    threshold: f64,
) -> Vec<SentenceId> {
    let sets: Vec<Vec<TermId>> = ids
        .iter()
        .map(|&i| {
            let mut v = cluster.sentences[i].tokens.clone();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    let vocab = sets
        .iter()
        .filter_map(|s| s.last())
        .map(|&t| t as usize + 1)
        .max()
        .unwrap_or(0);
    let mut freq = vec![0u32; vocab];
    for s in &sets {
        for &t in s {
            freq[t as usize] += 1;
        }
    }
    // postings[t]: kept sentences (positions in `ids`) with token t in their prefix.
    let mut postings: Vec<Vec<usize>> = vec![Vec::new(); vocab];
    let mut probed = vec![usize::MAX; ids.len()];
    let mut kept = Vec::with_capacity(ids.len());
    for (k, set) in sets.iter().enumerate() {
        let mut rare_first = set.clone();
        rare_first.sort_unstable_by_key(|&t| (freq[t as usize], t));
        let prefix = &rare_first[..prefix_len(set.len(), threshold)];
        let mut duplicate = false;
        'probe: for &t in prefix {
            for &j in &postings[t as usize] {
                if probed[j] == k {
                    continue;
                }
                probed[j] = k;
                if jaccard(set, &sets[j]) >= threshold {
                    duplicate = true;
                    break 'probe;
                }
            }
        }
        if !duplicate {
            for &t in prefix {
                postings[t as usize].push(k);
            }
            kept.push(ids[k]);
        }
    }
    kept
}

/// Length of the prefix that must hold a shared token when Jaccard ≥ `t`: the overlap is
/// then at least ⌈t·n⌉, so at most n − ⌈t·n⌉ tokens can be missing from it. The small
/// epsilon keeps rounding (0.8 · 5 = 4.000…01) from shortening the prefix.
fn prefix_len(n: usize, t: f64) -> usize {
    let need = (t * n as f64 - 1e-9).ceil().max(1.0) as usize;
    (n + 1).saturating_sub(need).clamp(usize::from(n > 0), n)
}

/// Jaccard similarity of two sorted, deduplicated sets.
fn jaccard(a: &[TermId], b: &[TermId]) -> f64 {
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - inter;
    if union == 0 {
        1.0
    } else {
        inter as f64 / union as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summarize::testing::{all, cluster};

    #[test]
    fn length_filter_drops_short_and_long_sentences() {
        let c = cluster(&[(
            "a",
            None,
            "Short one. This sentence has exactly six words. One two three four five six seven eight nine ten.",
        )]);
        let o = CandidateOptions {
            min_words: 3,
            max_words: 9,
            dedup: None,
        };
        assert_eq!(candidates(&c, &o), [1]);
    }

    #[test]
    fn repeated_quote_keeps_first_occurrence_only() {
        // Sentence 1 (doc b) repeats sentence 0 word for word; sentence 3 changes one of
        // its 9 distinct tokens: 8 shared of 10 in the union, Jaccard 0.8 exactly.
        // Sentence 2 is unrelated.
        let q = "Peskov said the positions were completely different paths today.";
        let near = "Peskov said the positions were completely different routes today.";
        let c = cluster(&[
            ("a", None, q),
            (
                "b",
                None,
                &format!("{q} Talks in Geneva ended without progress."),
            ),
            ("c", None, near),
        ]);
        assert_eq!(c.sentences.len(), 4);
        let mut o = CandidateOptions {
            min_words: 1,
            ..CandidateOptions::default()
        };
        assert_eq!(candidates(&c, &o), [0, 2]);
        o.dedup = Some(0.81);
        assert_eq!(candidates(&c, &o), [0, 2, 3], "0.8 < 0.81: near copy stays");
        o.dedup = None;
        assert_eq!(candidates(&c, &o), all(&c));
    }

    #[test]
    fn jaccard_and_prefix_by_hand() {
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[1], &[1]), 1.0);
        // n = 5, t = 0.8: overlap ≥ 4, so a 2-token prefix must intersect.
        assert_eq!(prefix_len(5, 0.8), 2);
        assert_eq!(prefix_len(10, 1.0), 1);
        assert_eq!(prefix_len(3, 0.01), 3);
    }

    #[test]
    fn prefix_filter_agrees_with_all_pairs() {
        // Brute force over every pair must give the same survivors as the indexed join.
        let text = "Alpha beta gamma delta. Alpha beta gamma delta epsilon. \
                    Beta gamma delta zeta. Alpha beta gamma delta. Eta theta iota kappa. \
                    Eta theta iota kappa lambda. Alpha gamma delta epsilon.";
        let c = cluster(&[("a", None, text)]);
        let ids = all(&c);
        for t in [0.5, 0.6, 0.75, 0.8, 1.0] {
            let mut brute: Vec<usize> = Vec::new();
            for &i in &ids {
                let si: Vec<u32> = {
                    let mut v = c.sentences[i].tokens.clone();
                    v.sort_unstable();
                    v.dedup();
                    v
                };
                let dup = brute.iter().any(|&j| {
                    let mut sj = c.sentences[j].tokens.clone();
                    sj.sort_unstable();
                    sj.dedup();
                    jaccard(&si, &sj) >= t
                });
                if !dup {
                    brute.push(i);
                }
            }
            assert_eq!(drop_near_duplicates(&c, &ids, t), brute, "t = {t}");
        }
    }

    #[test]
    fn out_of_range_filters_are_clear_errors() {
        let parse = |yaml: &str| serde_yaml::from_str::<CandidateOptions>(yaml).unwrap();
        let e = parse("{dedup: 1.5}").validate().unwrap_err();
        assert!(e.contains("dedup: 1.5") && e.contains("(0, 1]"), "{e}");
        let e = parse("{dedup: 0}").validate().unwrap_err();
        assert!(e.contains("dedup: 0"), "{e}");
        let e = parse("{min_words: 9, max_words: 8}")
            .validate()
            .unwrap_err();
        assert!(
            e.contains("min_words: 9") && e.contains("max_words: 8"),
            "{e}"
        );
        let e = parse("{min_words: 0, max_words: 0}")
            .validate()
            .unwrap_err();
        assert!(e.contains("max_words: 0"), "{e}");
        assert_eq!(parse("{dedup: null}").validate(), Ok(()));
        assert_eq!(parse("{min_words: 8, max_words: 8}").validate(), Ok(()));
        assert_eq!(CandidateOptions::default().validate(), Ok(()));
    }
}
