//! KLSum (Haghighi & Vanderwende, "Exploring Content Models for Multi-Document
//! Summarization", NAACL 2009), greedy.
//!
//! P_D is the unigram distribution of the cluster's content terms (stemmed, stopwords
//! removed). The summary's distribution is smoothed additively over the cluster
//! vocabulary V (the distinct content terms):
//! `P_S(w) = (c_S(w) + λ) / (|S| + λ·|V|)` with λ = `smoothing` (default 0.01), so the
//! divergence `KL(P_D || P_S) = Σ_w P_D(w) ln(P_D(w) / P_S(w))` is finite for every
//! summary, including the empty one. Each step adds the fitting candidate whose addition
//! gives the smallest divergence (ties: the earlier sentence) and steps continue until no
//! candidate fits, as the paper's greedy search fills the length limit. Because
//! `KL = −H(P_D) − Σ_w P_D(w) ln(c_S(w) + λ) + ln(|S| + λ|V|)`, the change from adding a
//! sentence only involves its own terms, so a step costs the candidates' total length.
//! There is no per-sentence score: the objective is defined on the summary as a whole.
use super::registry::{build_with, defaults_of, ParamDoc, Spec};
use super::{Failure, Input, SentenceId, Summarizer};
use crate::text::ProcessedCluster;
use serde::{Deserialize, Serialize};

/// Greedy KLSum.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KlSum {
    /// Additive smoothing λ of the summary distribution over the cluster vocabulary.
    pub smoothing: f64,
}

impl Default for KlSum {
    fn default() -> Self {
        KlSum { smoothing: 0.01 }
    }
}

/// Registry entry.
pub const SPEC: Spec = Spec {
    kind: "klsum",
    about: "KLSum (Haghighi & Vanderwende 2009): greedily minimise KL(P_docs || P_summary)",
    params: &[ParamDoc {
        name: "smoothing",
        doc: "additive smoothing λ of the summary unigram distribution over the cluster's content vocabulary (> 0)",
    }],
    defaults: defaults_of::<KlSum>,
    build: build_with::<KlSum>,
};

/// The document distribution: for each term id, P_D (0 for stopwords and unseen ids),
/// and the number of distinct content terms.
fn doc_distribution(c: &ProcessedCluster) -> (Vec<f64>, usize) {
    let mut p = vec![0.0; c.vocab.len()];
    let mut total = 0usize;
    for s in &c.sentences {
        for &t in &s.terms {
            p[t as usize] += 1.0;
        }
        total += s.terms.len();
    }
    let vocab = p.iter().filter(|&&x| x > 0.0).count();
    if total > 0 {
        p.iter_mut().for_each(|x| *x /= total as f64);
    }
    (p, vocab)
}

impl KlSum {
    /// KL(P_D || P_S) for the summary made of `summary` (sentence ids, repeats allowed).
    pub fn divergence(&self, c: &ProcessedCluster, summary: &[SentenceId]) -> f64 {
        let (pd, vocab) = doc_distribution(c);
        let mut counts = vec![0.0; pd.len()];
        let mut len = 0.0;
        for &i in summary {
            for &t in &c.sentences[i].terms {
                counts[t as usize] += 1.0;
            }
            len += c.sentences[i].terms.len() as f64;
        }
        let denom = len + self.smoothing * vocab as f64;
        pd.iter()
            .zip(&counts)
            .filter(|(&p, _)| p > 0.0)
            .map(|(&p, &n)| p * (p / ((n + self.smoothing) / denom)).ln())
            .sum()
    }
}

impl Summarizer for KlSum {
    fn select(&self, input: &Input<'_>) -> Result<Vec<SentenceId>, Failure> {
        if !(self.smoothing > 0.0 && self.smoothing.is_finite()) {
            return Err(format!(
                "klsum: smoothing must be a positive number, got {}",
                self.smoothing
            ));
        }
        let c = input.cluster;
        let (pd, vocab) = doc_distribution(c);
        let lambda = self.smoothing;
        let mut counts = vec![0.0f64; pd.len()];
        let mut len = 0.0f64;
        let mut meter = input.budget.meter();
        let mut left: Vec<SentenceId> = input.candidates.to_vec();
        let mut picked = Vec::new();
        while !meter.is_full() {
            left.retain(|&i| meter.fits(&c.sentences[i]));
            // Maximise Σ_w P_D(w) ln(c(w) + λ) − ln(|S| + λ|V|): KL up to a constant.
            let mut best: Option<(f64, SentenceId)> = None;
            for &i in &left {
                let s = &c.sentences[i];
                let gain: f64 =
                    s.tf.iter()
                        .map(|&(t, n)| {
                            let old = counts[t as usize] + lambda;
                            pd[t as usize] * ((old + n as f64) / old).ln()
                        })
                        .sum::<f64>()
                        - ((len + s.terms.len() as f64 + lambda * vocab as f64)
                            / (len + lambda * vocab as f64))
                            .ln();
                if best.is_none_or(|(g, _)| gain > g) {
                    best = Some((gain, i));
                }
            }
            let Some((_, i)) = best else { break };
            let s = &c.sentences[i];
            meter.try_add(s);
            picked.push(i);
            left.retain(|&j| j != i);
            for &(t, n) in &s.tf {
                counts[t as usize] += n as f64;
            }
            len += s.terms.len() as f64;
        }
        Ok(picked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summarize::testing::{all, cluster};
    use crate::summarize::{Budget, BudgetUnit};

    // Content tokens: zorb ×3, quix ×2, blam, gork, mip (N = 8, |V| = 5).
    const TEXT: &str = "Zorb quix. Zorb quix. Zorb blam. Gork mip.";

    fn sentences(limit: usize) -> Budget {
        Budget {
            unit: BudgetUnit::Sentences,
            limit,
            truncate: false,
        }
    }

    #[test]
    fn picks_the_dominant_words_then_the_uncovered_ones() {
        let c = cluster(&[("a", None, TEXT)]);
        let cands = all(&c);
        let input = Input {
            cluster: &c,
            candidates: &cands,
            budget: sentences(2),
            references: &[],
            seed: 0,
        };
        // Step 1: S0 covers zorb and quix (5/8 of the mass) — best single sentence.
        // Step 2 (every option has |S| = 4, so compare Σ P_D ln(c + .01)):
        //   + S1: 5/8·ln 2.01 + 3/8·ln .01                       ≈ −1.291
        //   + S2: 3/8·ln 2.01 + 3/8·ln 1.01 + 2/8·ln .01          ≈ −0.886
        //   + S3: 7/8·ln 1.01 + 1/8·ln .01 (only blam missing)      ≈ −0.567
        // so the sentence with the two uncovered words wins over a repeat.
        assert_eq!(KlSum::default().select(&input).unwrap(), [0, 3]);
    }

    #[test]
    fn divergence_matches_a_hand_computation() {
        let c = cluster(&[("a", None, TEXT)]);
        let l: f64 = 0.01;
        // Summary {S0}: c(zorb) = c(quix) = 1, |S| = 2, denominator 2 + 5λ.
        let d = 2.0 + 5.0 * l;
        let ps_hit = (1.0 + l) / d;
        let ps_miss = l / d;
        let expected = 3.0 / 8.0 * (3.0f64 / 8.0 / ps_hit).ln()
            + 2.0 / 8.0 * (2.0f64 / 8.0 / ps_hit).ln()
            + 3.0 * (1.0 / 8.0 * (1.0f64 / 8.0 / ps_miss).ln());
        let got = KlSum::default().divergence(&c, &[0]);
        assert!((got - expected).abs() < 1e-12, "{got} vs {expected}");
        // The empty summary is uniform: KL = ln|V| − H(P_D).
        let h = -(3.0f64 / 8.0 * (3.0f64 / 8.0).ln()
            + 2.0 / 8.0 * (2.0f64 / 8.0).ln()
            + 3.0 / 8.0 * (1.0f64 / 8.0).ln());
        let empty = KlSum::default().divergence(&c, &[]);
        assert!((empty - (5.0f64.ln() - h)).abs() < 1e-12);
    }

    #[test]
    fn fills_but_never_exceeds_a_word_budget() {
        let c = cluster(&[("a", None, "Zorb quix blam gork mip. Zorb quix. Mip.")]);
        let cands = all(&c);
        let input = Input {
            cluster: &c,
            candidates: &cands,
            budget: Budget::words(4),
            references: &[],
            seed: 0,
        };
        let picked = KlSum::default().select(&input).unwrap();
        assert_eq!(picked, [1, 2]);
        let bad = KlSum { smoothing: 0.0 };
        assert!(bad.select(&input).unwrap_err().contains("smoothing"));
    }
}
