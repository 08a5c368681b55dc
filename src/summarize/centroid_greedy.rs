//! The greedy summary-vector centroid method of Gholipour Ghalandari, "Revisiting the
//! Centroid-based Method: A Strong Baseline for Multi-Document Summarization" (EMNLP 2017
//! Workshop on New Frontiers in Summarization).
//!
//! Instead of ranking sentences by their own similarity to the cluster centroid (MEAD,
//! [`super::centroid`]), it ranks *summaries*: starting from an empty summary vector, it
//! repeatedly adds the sentence `s` that maximises `cos(S + s, C)`, where `S` is the sum
//! of the picked sentences' vectors and `C` the centroid, until the budget is full. A
//! sentence that merely repeats what `S` already covers adds little to the cosine, so
//! the method favours complementary sentences without an explicit diversity term.
//!
//! * Vectors: term frequency × the cluster's smoothed document-level idf (the paper took
//!   idf from the DUC collection; one cluster is all we have).
//! * Centroid: the sum of all sentence vectors of the cluster, keeping only the *topic
//!   words* whose weight is at least `topic_threshold` × the heaviest weight (the paper's
//!   topic threshold, applied relative to the maximum as in Rossiello et al.'s released
//!   centroid code the paper builds on, so it does not depend on the idf's scale).
//! * Preselection (the paper's §3.3, for large inputs): `all` sentences (default, the
//!   paper's main system), the `first` `preselect_n` candidates of each document
//!   (N_first), or the `best` `preselect_n` of each document by cosine with the
//!   centroid (N_best).
//! * Redundancy: a sentence whose TF-IDF cosine with a picked one exceeds `redundancy`
//!   (0.95) is never added.
//!
//! Cost: one pass over the candidates' terms per picked sentence (the dot products with
//! the dense summary and centroid vectors are updated incrementally).
use super::registry::{build_with, params_of, Spec};
use super::similarity::{cosine, SparseVec};
use super::{params, select, Failure, Input, SentenceId, Summarizer};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Which sentences enter the greedy search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Preselect {
    /// Every candidate.
    #[default]
    All,
    /// The first `preselect_n` candidates of each document.
    First,
    /// The `preselect_n` candidates of each document most similar to the centroid.
    Best,
}

/// Greedy summary-vector centroid summarizer.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct CentroidGreedy {
    /// Keep centroid terms whose weight is at least this fraction of the heaviest.
    #[schemars(range(min = 0, max = 1))]
    pub topic_threshold: f64,
    /// Which sentences enter the greedy search.
    pub preselect: Preselect,
    /// Sentences per document kept by `first`/`best` preselection (checked even with
    /// `all`, so switching the mode later cannot uncover a value that keeps no sentence).
    #[schemars(range(min = 1))]
    pub preselect_n: usize,
    /// TF-IDF cosine with a picked sentence above which a sentence is never added
    /// (null: off).
    #[schemars(range(min = 0, max = 1))]
    pub redundancy: Option<f64>,
}

impl Default for CentroidGreedy {
    fn default() -> Self {
        CentroidGreedy {
            topic_threshold: 0.3,
            preselect: Preselect::All,
            preselect_n: 10,
            redundancy: Some(0.95),
        }
    }
}

/// Registry entry.
pub const SPEC: Spec = Spec {
    kind: "centroid-greedy",
    about: "Greedy summary-vector centroid (Gholipour Ghalandari 2017): add the sentence maximising cos(summary + s, centroid)",
    params: params_of::<CentroidGreedy>,
    build: build_with::<CentroidGreedy>,
};

impl CentroidGreedy {
    /// Sentence vectors and the thresholded dense centroid.
    fn model(&self, input: &Input<'_>) -> Result<(Vec<SparseVec>, Vec<f64>), Failure> {
        params::check(self)?;
        let c = input.cluster;
        let vectors = select::redundancy_vectors(c);
        let mut centroid = vec![0.0f64; c.vocab.len()];
        for v in &vectors {
            for &(t, w) in &v.entries {
                centroid[t as usize] += w;
            }
        }
        let max = centroid.iter().copied().fold(0.0, f64::max);
        for w in centroid.iter_mut() {
            if *w < self.topic_threshold * max {
                *w = 0.0;
            }
        }
        Ok((vectors, centroid))
    }

    /// The sentences the greedy search may add, in reading order.
    fn pool(&self, input: &Input<'_>, sim: &[f64]) -> Vec<SentenceId> {
        if self.preselect == Preselect::All {
            return input.candidates.to_vec();
        }
        let c = input.cluster;
        let mut by_doc: Vec<Vec<SentenceId>> = vec![Vec::new(); c.docs.len()];
        for &id in input.candidates {
            by_doc[c.sentences[id].doc].push(id);
        }
        let mut pool = Vec::new();
        for mut ids in by_doc {
            if self.preselect == Preselect::Best {
                ids.sort_by(|&a, &b| sim[b].total_cmp(&sim[a]).then(a.cmp(&b)));
            }
            ids.truncate(self.preselect_n);
            pool.extend(ids);
        }
        pool.sort_unstable();
        pool
    }

    /// Greedy search over `pool` with the given vectors and dense centroid.
    fn greedy(
        &self,
        input: &Input<'_>,
        vectors: &[SparseVec],
        centroid: &[f64],
        pool: &[SentenceId],
    ) -> Vec<SentenceId> {
        let dot_c = |v: &SparseVec| -> f64 {
            v.entries
                .iter()
                .map(|&(t, w)| w * centroid[t as usize])
                .sum()
        };
        let c_norm = centroid.iter().map(|w| w * w).sum::<f64>().sqrt();
        let sc: Vec<f64> = pool.iter().map(|&i| dot_c(&vectors[i])).collect();
        let mut summary = vec![0.0f64; centroid.len()];
        let (mut summary_dot_c, mut summary_sq) = (0.0f64, 0.0f64);
        let mut max_sim = vec![0.0f64; pool.len()];
        let mut open = vec![true; pool.len()];
        let mut meter = input.budget.meter();
        let mut picked = Vec::new();
        while !meter.is_full() && c_norm > 0.0 {
            let mut best: Option<(usize, f64)> = None;
            for (k, &id) in pool.iter().enumerate() {
                if !open[k] {
                    continue;
                }
                let v = &vectors[id];
                if v.norm == 0.0 || !meter.fits(&input.cluster.sentences[id]) {
                    continue;
                }
                if self.redundancy.is_some_and(|t| max_sim[k] > t) {
                    continue;
                }
                let cross: f64 = v
                    .entries
                    .iter()
                    .map(|&(t, w)| w * summary[t as usize])
                    .sum();
                let norm = (summary_sq + 2.0 * cross + v.norm * v.norm).sqrt();
                let gain = (summary_dot_c + sc[k]) / (norm * c_norm);
                // Ties go to the earlier sentence: `pool` is in reading order.
                if best.is_none_or(|(_, g)| gain > g) {
                    best = Some((k, gain));
                }
            }
            let Some((k, _)) = best else { break };
            let id = pool[k];
            open[k] = false;
            meter.try_add(&input.cluster.sentences[id]);
            picked.push(id);
            let v = &vectors[id];
            let cross: f64 = v
                .entries
                .iter()
                .map(|&(t, w)| w * summary[t as usize])
                .sum();
            summary_sq += 2.0 * cross + v.norm * v.norm;
            summary_dot_c += sc[k];
            for &(t, w) in &v.entries {
                summary[t as usize] += w;
            }
            if self.redundancy.is_some() {
                for (j, &other) in pool.iter().enumerate() {
                    if open[j] {
                        max_sim[j] = max_sim[j].max(cosine(&vectors[other], v));
                    }
                }
            }
        }
        picked
    }

    /// Cosine of every sentence with the centroid (the original centroid ranking).
    fn centroid_similarity(vectors: &[SparseVec], centroid: &[f64]) -> Vec<f64> {
        let c_norm = centroid.iter().map(|w| w * w).sum::<f64>().sqrt();
        vectors
            .iter()
            .map(|v| {
                if v.norm == 0.0 || c_norm == 0.0 {
                    0.0
                } else {
                    v.entries
                        .iter()
                        .map(|&(t, w)| w * centroid[t as usize])
                        .sum::<f64>()
                        / (v.norm * c_norm)
                }
            })
            .collect()
    }
}

impl Summarizer for CentroidGreedy {
    fn select(&self, input: &Input<'_>) -> Result<Vec<SentenceId>, Failure> {
        let (vectors, centroid) = self.model(input)?;
        let sim = if self.preselect == Preselect::Best {
            Self::centroid_similarity(&vectors, &centroid)
        } else {
            Vec::new()
        };
        let pool = self.pool(input, &sim);
        Ok(self.greedy(input, &vectors, &centroid, &pool))
    }

    fn scores(&self, input: &Input<'_>) -> Option<Result<Vec<f64>, Failure>> {
        Some(
            self.model(input)
                .map(|(v, c)| Self::centroid_similarity(&v, &c)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summarize::testing::{all, cluster};
    use crate::summarize::Budget;

    #[test]
    fn greedy_prefers_the_complementary_sentence_by_hand() {
        // Terms x = 0, y = 1; centroid C = (1, 1).
        // A = (1, 0.5): cos(A, C) = 1.5 / (√1.25 · √2) ≈ 0.949, picked first.
        // B = (1, 0) and D = (0, 1) tie on their own (0.707 each), but
        // cos(A + B, C) = 2.5 / (√4.25 · √2) ≈ 0.857 < cos(A + D, C) = 2.5 / (√3.25 · √2)
        // ≈ 0.981, so D comes second although B is earlier.
        let c = cluster(&[("a", None, "One. Two. Three.")]);
        let vectors = vec![
            SparseVec::from_sorted(vec![(0, 1.0), (1, 0.5)]),
            SparseVec::from_sorted(vec![(0, 1.0)]),
            SparseVec::from_sorted(vec![(1, 1.0)]),
        ];
        let centroid = vec![1.0, 1.0];
        let cands = all(&c);
        let input = Input::new(&c, &cands, Budget::sentences(2));
        let m = CentroidGreedy::default();
        assert_eq!(m.greedy(&input, &vectors, &centroid, &[0, 1, 2]), [0, 2]);
        // cos(A, D) = 0.5 / √1.25 ≈ 0.447: a redundancy threshold of 0.4 forbids D.
        let strict = CentroidGreedy {
            redundancy: Some(0.4),
            ..m
        };
        assert_eq!(strict.greedy(&input, &vectors, &centroid, &[0, 1, 2]), [0]);
    }

    #[test]
    fn topic_threshold_keeps_only_heavy_centroid_terms() {
        // "talk" occurs in every sentence (weight 3·idf), the others once each: with
        // threshold 0.5 only "talk" survives, with 0 every term does.
        let c = cluster(&[("a", None, "Talks began. Talks stalled. Talks resumed.")]);
        let cands = all(&c);
        let input = Input::new(&c, &cands, Budget::sentences(1));
        let talk = c.vocab.get("talk").unwrap() as usize;
        let (_, cen) = CentroidGreedy {
            topic_threshold: 0.5,
            ..CentroidGreedy::default()
        }
        .model(&input)
        .unwrap();
        let kept: Vec<usize> = (0..cen.len()).filter(|&t| cen[t] > 0.0).collect();
        assert_eq!(kept, [talk]);
        let (_, all_terms) = CentroidGreedy {
            topic_threshold: 0.0,
            ..CentroidGreedy::default()
        }
        .model(&input)
        .unwrap();
        assert_eq!(all_terms.iter().filter(|&&w| w > 0.0).count(), 4);
    }

    #[test]
    fn preselection_first_and_best_per_document() {
        let c = cluster(&[
            (
                "a",
                None,
                "Weather was mild today. Russia and NATO talks in Geneva stalled.",
            ),
            (
                "b",
                None,
                "Markets opened flat. NATO rejected Russia demands in Geneva talks.",
            ),
        ]);
        let cands = all(&c);
        let input = Input::new(&c, &cands, Budget::sentences(10));
        let first = CentroidGreedy {
            preselect: Preselect::First,
            preselect_n: 1,
            topic_threshold: 0.0,
            ..CentroidGreedy::default()
        };
        assert_eq!(first.pool(&input, &[]), [0, 2]);
        let best = CentroidGreedy {
            preselect: Preselect::Best,
            ..first
        };
        let (v, cen) = best.model(&input).unwrap();
        let sim = CentroidGreedy::centroid_similarity(&v, &cen);
        assert_eq!(best.pool(&input, &sim), [1, 3]);
        let mut picked = best.select(&input).unwrap();
        picked.sort_unstable();
        assert_eq!(picked, [1, 3]);
    }

    #[test]
    fn out_of_range_parameters_are_refused_when_built() {
        use crate::summarize::params::{accepted, refused};
        for (yaml, says) in [
            (
                "{topic_threshold: 1.2}",
                "topic_threshold: 1.2 is out of range; expected a number in [0, 1]",
            ),
            ("{preselect: best, preselect_n: 0}", "preselect_n: 0"),
            ("{redundancy: -1}", "redundancy: -1"),
        ] {
            let err = refused::<CentroidGreedy>(yaml);
            assert!(err.contains(says), "{yaml}: {err}");
        }
        accepted::<CentroidGreedy>("{topic_threshold: 0, redundancy: null, preselect_n: 1}");
    }
}
