//! SumBasic (Nenkova & Vanderwende, "The impact of frequency on summarization",
//! Microsoft Research MSR-TR-2005-101, 2005).
//!
//! Words are the cluster's content terms (stemmed, stopwords removed). Each word gets its
//! probability p(w) = n(w) / N over all content tokens of the cluster; a sentence weighs
//! the average p of its tokens (repeats counted). Each step takes the highest-probability
//! word still present in some candidate that fits the budget, picks the best-weighted
//! fitting candidate containing it, and squares the probability of every word of the
//! picked sentence (p ← p²), so words already said stop attracting picks and the next
//! sentence moves to another topic. That is the paper's original algorithm; with
//! `top_word: false` the step simply takes the best-weighted fitting sentence (the
//! "simplified" variant several reimplementations use). Ties go to the lower term id
//! (first seen in reading order) and then to the earlier sentence. The budget is filled:
//! a sentence that does not fit is passed over, not a reason to stop.
use super::registry::{build_with, params_of, Spec};
use super::{Failure, Input, SentenceId, Summarizer};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// SumBasic.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct SumBasic {
    /// true: pick among the sentences containing the highest-probability word (the paper);
    /// false: the best average probability overall.
    pub top_word: bool,
}

impl Default for SumBasic {
    fn default() -> Self {
        SumBasic { top_word: true }
    }
}

/// Registry entry.
pub const SPEC: Spec = Spec {
    kind: "sumbasic",
    about:
        "SumBasic (Nenkova & Vanderwende 2005): average word probability, p ← p² after each pick",
    params: params_of::<SumBasic>,
    build: build_with::<SumBasic>,
};

/// A sentence's weight: the average probability of its content tokens (0 without any).
/// FreqSum ranks by the same weight, without SumBasic's update.
pub(crate) fn weight(terms: &[u32], p: &[f64]) -> f64 {
    if terms.is_empty() {
        0.0
    } else {
        terms.iter().map(|&t| p[t as usize]).sum::<f64>() / terms.len() as f64
    }
}

impl Summarizer for SumBasic {
    fn select(&self, input: &Input<'_>) -> Result<Vec<SentenceId>, Failure> {
        let c = input.cluster;
        let mut p = c.term_probabilities();
        let mut meter = input.budget.meter();
        let mut left: Vec<SentenceId> = input.candidates.to_vec();
        let mut picked = Vec::new();
        while !meter.is_full() {
            left.retain(|&i| meter.fits(&c.sentences[i]));
            if left.is_empty() {
                break;
            }
            let pool: Vec<SentenceId> = if self.top_word {
                // Highest p among words still reachable; ties to the lower term id.
                let top = left
                    .iter()
                    .flat_map(|&i| c.sentences[i].tf.iter().map(|&(t, _)| t))
                    .max_by(|&a, &b| p[a as usize].total_cmp(&p[b as usize]).then(b.cmp(&a)));
                match top {
                    Some(top) => left
                        .iter()
                        .copied()
                        .filter(|&i| {
                            c.sentences[i]
                                .tf
                                .binary_search_by_key(&top, |e| e.0)
                                .is_ok()
                        })
                        .collect(),
                    // Only term-less sentences are left (the candidate stage normally
                    // removes them): they all weigh 0.
                    None => left.clone(),
                }
            } else {
                left.clone()
            };
            let Some(best) = pool.iter().copied().max_by(|&a, &b| {
                weight(&c.sentences[a].terms, &p)
                    .total_cmp(&weight(&c.sentences[b].terms, &p))
                    .then(b.cmp(&a))
            }) else {
                break;
            };
            meter.try_add(&c.sentences[best]);
            picked.push(best);
            left.retain(|&i| i != best);
            for &(t, _) in &c.sentences[best].tf {
                p[t as usize] *= p[t as usize];
            }
        }
        Ok(picked)
    }

    fn scores(&self, input: &Input<'_>) -> Option<Result<Vec<f64>, Failure>> {
        let p = input.cluster.term_probabilities();
        Some(Ok(input
            .cluster
            .sentences
            .iter()
            .map(|s| weight(&s.terms, &p))
            .collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summarize::testing::{all, cluster};
    use crate::summarize::Budget;

    // Content tokens: zorb ×3, quix ×2, blam, gork ×2, mip ×2 — N = 10.
    const TEXT: &str = "Zorb quix. Zorb quix. Zorb blam. Gork mip. Gork mip.";

    fn run(m: &SumBasic, limit: usize) -> Vec<usize> {
        let c = cluster(&[("a", None, TEXT)]);
        let cands = all(&c);
        let input = Input {
            cluster: &c,
            candidates: &cands,
            budget: Budget::sentences(limit),
            references: &[],
            seed: 0,
        };
        m.select(&input).unwrap()
    }

    #[test]
    fn initial_weights_are_average_probabilities() {
        let c = cluster(&[("a", None, TEXT)]);
        let cands = all(&c);
        let input = Input::new(&c, &cands, Budget::words(100));
        let s = SumBasic::default().scores(&input).unwrap().unwrap();
        // p: zorb .3, quix .2, blam .1, gork .2, mip .2.
        let expected = [0.25, 0.25, 0.2, 0.2, 0.2];
        for (a, b) in s.iter().zip(expected) {
            assert!((a - b).abs() < 1e-12, "{s:?}");
        }
    }

    #[test]
    fn squaring_update_moves_the_second_pick_to_another_topic() {
        // Pick 1: top word zorb (.3); among S0, S1, S2 the best average is S0 (.25, tie
        // with S1 → earlier). Update: zorb .09, quix .04. Now S1 = .065, S2 = .095,
        // S3 = S4 = .2; the top word is gork (.2, ties mip, first seen) → S3.
        assert_eq!(run(&SumBasic::default(), 2), [0, 3]);
        // Third pick: p gork = mip = .04; top word blam (.1) → S2 (.095).
        assert_eq!(run(&SumBasic::default(), 3), [0, 3, 2]);
        // Without the update the second pick would repeat the zorb/quix topic (S1).
    }

    #[test]
    fn top_word_rule_differs_from_the_best_average() {
        // zorb ×4, each time with a once-seen word; quix ×3 and mip ×3 together. N = 14:
        // S0..S3 average (4 + 1) / 28 ≈ .179, S4..S6 average 3/14 ≈ .214. The paper's
        // rule must take a sentence with zorb (the top word); the simplified one S4.
        let text = "Zorb fen. Zorb gat. Zorb hob. Zorb kel. Quix mip. Quix mip. Quix mip.";
        let c = cluster(&[("a", None, text)]);
        let cands = all(&c);
        let input = Input {
            cluster: &c,
            candidates: &cands,
            budget: Budget::sentences(1),
            references: &[],
            seed: 0,
        };
        assert_eq!(SumBasic::default().select(&input).unwrap(), [0]);
        assert_eq!(SumBasic { top_word: false }.select(&input).unwrap(), [4]);
    }

    #[test]
    fn never_exceeds_a_word_budget() {
        let c = cluster(&[("a", None, "Zorb quix blam gork. Zorb quix. Mip.")]);
        let cands = all(&c);
        let input = Input::new(&c, &cands, Budget::words(3));
        // The 4-word sentence can never fit; the 2- and 1-word ones fill the budget.
        assert_eq!(SumBasic::default().select(&input).unwrap(), [1, 2]);
        // A sentence of stopwords only (no content term) weighs 0 and comes last,
        // without tripping the top-word rule.
        let c = cluster(&[("a", None, "The and of it. Zorb quix.")]);
        let cands = all(&c);
        let input = Input::new(&c, &cands, Budget::words(100));
        assert_eq!(SumBasic::default().select(&input).unwrap(), [1, 0]);
    }
}
