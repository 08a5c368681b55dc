//! Luhn's method (H. P. Luhn, "The Automatic Creation of Literature Abstracts", IBM
//! Journal of Research and Development 2(2), 1958).
//!
//! A content term (stemmed, never a stopword) is *significant* when its frequency in the
//! cluster lies between two cut-offs: it occurs at least `min_count` times (Luhn's lower
//! cut-off) and in at most `max_share` of the sentences (his upper cut-off, for words so
//! common in the input that they no longer discriminate). Within a sentence, read as all
//! its tokens (stopwords included, since they count as insignificant words), significant
//! words are grouped into clusters: a cluster starts and ends on a significant word and
//! two consecutive significant words belong to the same cluster when at most `max_gap`
//! (Luhn: 4) insignificant words separate them. A cluster scores
//! (significant words in it)² / (words it spans, ends included); a sentence scores its best
//! cluster (0 with none). Sentences are then taken by score while they fit.
//! Luhn fixed his cut-offs by inspection for single articles; our defaults (at least 3
//! occurrences, in at most half the sentences) are a choice for news clusters of about
//! ten documents, not values from the paper.
use super::registry::{build_with, params_of, Spec};
use super::{select, Failure, Input, SentenceId, Summarizer};
use crate::text::ProcessedCluster;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Luhn's significant-word clusters.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Luhn {
    /// Lower cut-off: a significant term occurs at least this many times in the cluster
    /// (0 would behave as 1, so 1 is asked for).
    #[schemars(range(min = 1))]
    pub min_count: usize,
    /// Upper cut-off: a significant term occurs in at most this fraction of the sentences
    /// (1: no upper cut-off; 0 would make no term significant).
    #[schemars(range(max = 1), extend("exclusiveMinimum" = 0))]
    pub max_share: f64,
    /// Most insignificant words between two significant words of one cluster (Luhn: 4).
    pub max_gap: usize,
}

impl Default for Luhn {
    fn default() -> Self {
        Luhn {
            min_count: 3,
            max_share: 0.5,
            max_gap: 4,
        }
    }
}

/// Registry entry.
pub const SPEC: Spec = Spec {
    kind: "luhn",
    about: "Luhn (1958): clusters of significant words, score = significant² / span",
    params: params_of::<Luhn>,
    build: build_with::<Luhn>,
};

impl Luhn {
    /// Which term ids are significant in `c`.
    pub fn significant(&self, c: &ProcessedCluster) -> Vec<bool> {
        let mut count = vec![0usize; c.vocab.len()];
        for s in &c.sentences {
            for &t in &s.terms {
                count[t as usize] += 1;
            }
        }
        let n = c.sentences.len().max(1) as f64;
        count
            .iter()
            .enumerate()
            .map(|(t, &k)| {
                k > 0 && k >= self.min_count && c.sent_freq[t] as f64 / n <= self.max_share
            })
            .collect()
    }

    /// The score of a token sequence given which terms are significant.
    pub fn sentence_score(&self, tokens: &[u32], significant: &[bool]) -> f64 {
        let mut best = 0.0f64;
        // (first position, last position, significant count) of the open cluster.
        let mut open: Option<(usize, usize, usize)> = None;
        for (pos, &t) in tokens.iter().enumerate() {
            if !significant[t as usize] {
                continue;
            }
            open = match open {
                Some((first, last, k)) if pos - last - 1 <= self.max_gap => {
                    Some((first, pos, k + 1))
                }
                Some(done) => {
                    best = best.max(cluster_score(done));
                    Some((pos, pos, 1))
                }
                None => Some((pos, pos, 1)),
            };
        }
        if let Some(done) = open {
            best = best.max(cluster_score(done));
        }
        best
    }

    fn all_scores(&self, c: &ProcessedCluster) -> Vec<f64> {
        let sig = self.significant(c);
        c.sentences
            .iter()
            .map(|s| self.sentence_score(&s.tokens, &sig))
            .collect()
    }
}

/// Deliberate waste for `.ci/perf-gate-selftest` (feature `gate-selftest`, never on in
/// real builds): proportional to the input so it shows on every cluster size, and far
/// above the gate's 5% tolerance, proving the gate catches a regression in one system.
#[cfg(feature = "gate-selftest")]
fn gate_selftest_extra_work(c: &ProcessedCluster) {
    let mut acc = 0u64;
    for s in &c.sentences {
        for &t in &s.tokens {
            for k in 0..200u64 {
                acc = std::hint::black_box(acc.wrapping_mul(31).wrapping_add(u64::from(t) ^ k));
            }
        }
    }
    std::hint::black_box(acc);
}

fn cluster_score((first, last, k): (usize, usize, usize)) -> f64 {
    (k * k) as f64 / (last - first + 1) as f64
}

impl Summarizer for Luhn {
    fn select(&self, input: &Input<'_>) -> Result<Vec<SentenceId>, Failure> {
        #[cfg(feature = "gate-selftest")]
        gate_selftest_extra_work(input.cluster);
        Ok(select::greedy(input, &self.all_scores(input.cluster), None))
    }

    fn scores(&self, input: &Input<'_>) -> Option<Result<Vec<f64>, Failure>> {
        Some(Ok(self.all_scores(input.cluster)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summarize::testing::{all, cluster};
    use crate::summarize::Budget;

    fn loose() -> Luhn {
        Luhn {
            min_count: 2,
            max_share: 1.0,
            max_gap: 4,
        }
    }

    #[test]
    fn gap_of_four_joins_and_gap_of_five_splits() {
        // zorb, quix and blam occur twice (significant with min_count 2); the fillers
        // once, "the"/"of" are stopwords: all insignificant.
        let c = cluster(&[(
            "a",
            None,
            "Zorb fen quix the of gat hob blam. Zorb quix blam mip dap lun pim rok. \
             Zorb kip quix the of vex wop jun blam.",
        )]);
        let sig = loose().significant(&c);
        let scores: Vec<f64> = c
            .sentences
            .iter()
            .map(|s| loose().sentence_score(&s.tokens, &sig))
            .collect();
        // S0: Z . Q . . . . B — gaps 1 and 4 → one cluster, 3² / 8 words.
        assert!((scores[0] - 9.0 / 8.0).abs() < 1e-12, "{scores:?}");
        // S1: Z Q B adjacent, then five fillers: 3² / 3.
        assert!((scores[1] - 3.0).abs() < 1e-12, "{scores:?}");
        // S2: Z . Q then five insignificant words before B → clusters 2²/3 and 1²/1.
        assert!((scores[2] - 4.0 / 3.0).abs() < 1e-12, "{scores:?}");
    }

    #[test]
    fn cut_offs_decide_significance() {
        let c = cluster(&[(
            "a",
            None,
            "Zorb quix blam. Zorb quix fen. Zorb gat hob. Mip dap.",
        )]);
        let m = Luhn {
            min_count: 2,
            max_share: 0.5,
            max_gap: 4,
        };
        let sig = m.significant(&c);
        let id = |w: &str| c.vocab.get(w).unwrap() as usize;
        // zorb: 3 of 4 sentences > 0.5 → too common; quix: 2 of 4 → significant;
        // blam: once → too rare.
        assert!(!sig[id("zorb")] && sig[id("quix")] && !sig[id("blam")]);
        let cands = all(&c);
        let input = Input::new(&c, &cands, Budget::words(3));
        // Only S0 and S1 hold a significant word (score 1 each): the earlier one wins.
        assert_eq!(m.select(&input).unwrap(), [0]);
    }

    #[test]
    fn out_of_range_cut_offs_are_refused_when_built() {
        use crate::summarize::params::{accepted, refused};
        for (yaml, says) in [
            (
                "{min_count: 0}",
                "min_count: 0 is out of range; expected an integer ≥ 1",
            ),
            (
                "{max_share: 0}",
                "max_share: 0 is out of range; expected a number in (0, 1]",
            ),
            ("{max_share: 1.5}", "max_share: 1.5"),
        ] {
            let err = refused::<Luhn>(yaml);
            assert!(err.contains(says), "{yaml}: {err}");
        }
        accepted::<Luhn>("{min_count: 1, max_share: 1, max_gap: 0}");
    }
}
