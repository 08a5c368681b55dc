//! Centroid-based summarization as in MEAD (Radev, Jing, Styś & Tam, "Centroid-based
//! summarization of multiple documents", Information Processing & Management 40, 2004).
//!
//! The cluster centroid holds, for each term, its average count per document times its
//! IDF, keeping the `centroid_size` heaviest terms. A sentence scores
//! `wc·C + wp·P + wf·F`: C is the sum of the centroid values of its distinct terms, P the
//! position score `(n − i) / n · Cmax` within its document (i 0-based, n the document's
//! sentence count, Cmax the best C in that document), F its term-frequency dot product
//! with its document's first sentence. MEAD's reranker then walks sentences by score and
//! skips any whose cosine with a picked sentence exceeds `redundancy` (0.7).
//! IDF is computed over the cluster's documents with smoothing (`ln((1+N)/(1+df)) + 1`),
//! because a term in every document is the cluster's topic, not noise.
use super::registry::{build_with, params_of, Spec};
use super::similarity::tf_weighted;
use super::{select, Failure, Input, SentenceId, Summarizer};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// MEAD centroid summarizer.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Centroid {
    /// Number of highest-weighted TF-IDF terms kept in the centroid (0: all).
    pub centroid_size: usize,
    /// Weight wc of the centroid score C.
    #[schemars(range(min = 0))]
    pub centroid_weight: f64,
    /// Weight wp of the position score P.
    #[schemars(range(min = 0))]
    pub position_weight: f64,
    /// Weight wf of the overlap F with the document's first sentence.
    #[schemars(range(min = 0))]
    pub first_weight: f64,
    /// The redundancy reranker skips a sentence whose TF-IDF cosine with a picked sentence
    /// exceeds this.
    #[schemars(range(min = 0, max = 1))]
    pub redundancy: f64,
}

impl Default for Centroid {
    fn default() -> Self {
        Centroid {
            centroid_size: 100,
            centroid_weight: 1.0,
            position_weight: 1.0,
            first_weight: 1.0,
            redundancy: 0.7,
        }
    }
}

/// Registry entry.
pub const SPEC: Spec = Spec {
    kind: "centroid",
    about: "MEAD centroid (Radev et al. 2004): TF-IDF centroid + position + first-sentence overlap, cosine reranker",
    params: params_of::<Centroid>,
    build: build_with::<Centroid>,
};

impl Centroid {
    /// MEAD scores of every sentence.
    pub fn mead_scores(&self, input: &Input<'_>) -> Vec<f64> {
        let c = input.cluster;
        let n_docs = c.docs.len().max(1) as f64;
        let mut centroid = vec![0.0f64; c.vocab.len()];
        for s in &c.sentences {
            for &(t, n) in &s.tf {
                centroid[t as usize] += n as f64;
            }
        }
        for (t, v) in centroid.iter_mut().enumerate() {
            *v = *v / n_docs * c.idf(t as u32);
        }
        if self.centroid_size > 0 && self.centroid_size < centroid.len() {
            let mut sorted: Vec<(usize, f64)> = centroid.iter().copied().enumerate().collect();
            sorted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            for &(t, _) in &sorted[self.centroid_size..] {
                centroid[t] = 0.0;
            }
        }
        let cscore: Vec<f64> = c
            .sentences
            .iter()
            .map(|s| s.tf.iter().map(|&(t, _)| centroid[t as usize]).sum())
            .collect();
        let mut scores = vec![0.0; c.sentences.len()];
        for doc in &c.docs {
            // A document that yields no sentences (all boilerplate, say) has no first
            // sentence to compare with, and nothing to score.
            if doc.sentences.is_empty() {
                continue;
            }
            let n = doc.sentences.len() as f64;
            let cmax = doc.sentences.clone().map(|i| cscore[i]).fold(0.0, f64::max);
            let first = &c.sentences[doc.sentences.start].tf;
            for i in doc.sentences.clone() {
                let s = &c.sentences[i];
                let p = (n - s.position as f64) / n * cmax;
                let f = dot_tf(&s.tf, first);
                scores[i] = self.centroid_weight * cscore[i]
                    + self.position_weight * p
                    + self.first_weight * f;
            }
        }
        scores
    }
}

fn dot_tf(a: &[(u32, u32)], b: &[(u32, u32)]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += (a[i].1 * b[j].1) as f64;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

impl Summarizer for Centroid {
    /// Weights are non-negative (their declared range: a negative one would reward the
    /// opposite of its feature) and not all zero, which would score every sentence 0 and
    /// leave the ranking to ties.
    fn validate(&self) -> Result<(), String> {
        if self.centroid_weight + self.position_weight + self.first_weight == 0.0 {
            return Err(
                "centroid_weight, position_weight, first_weight: all are 0; expected at least one > 0"
                    .into(),
            );
        }
        Ok(())
    }

    fn select(&self, input: &Input<'_>) -> Result<Vec<SentenceId>, Failure> {
        let scores = self.mead_scores(input);
        let vecs = tf_weighted(input.cluster, |t| input.cluster.idf(t));
        Ok(select::greedy(
            input,
            &scores,
            Some((self.redundancy, &vecs)),
        ))
    }

    fn scores(&self, input: &Input<'_>) -> Option<Result<Vec<f64>, Failure>> {
        Some(Ok(self.mead_scores(input)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summarize::testing::{all, cluster};
    use crate::summarize::Budget;

    #[test]
    fn redundant_copy_is_skipped_and_topical_sentence_wins() {
        let c = cluster(&[
            ("a", None, "Peskov said talks with NATO stalled. Weather was mild in Moscow."),
            ("b", None, "Peskov said talks with NATO stalled. NATO talks in Geneva stalled over guarantees."),
        ]);
        let cands = all(&c);
        let input = Input::new(&c, &cands, Budget::words(100));
        let m = Centroid::default();
        let picked = m.select(&input).unwrap();
        // Sentences 0 and 2 are identical: only one may appear.
        assert!(!(picked.contains(&0) && picked.contains(&2)), "{picked:?}");
        let s = m.mead_scores(&input);
        assert!(s[0] > s[1], "topical sentence must beat the weather: {s:?}");
    }

    #[test]
    fn position_only_weights_rank_by_position() {
        let c = cluster(&[(
            "a",
            None,
            "Alpha beta gamma. Delta epsilon zeta. Eta theta iota.",
        )]);
        let cands = all(&c);
        let input = Input::new(&c, &cands, Budget::words(100));
        let m = Centroid {
            centroid_weight: 0.0,
            first_weight: 0.0,
            ..Centroid::default()
        };
        let s = m.mead_scores(&input);
        assert!(s[0] > s[1] && s[1] > s[2], "{s:?}");
    }

    #[test]
    fn out_of_range_parameters_are_refused_when_built() {
        use crate::summarize::params::{accepted, refused};
        for (yaml, says) in [
            (
                "{centroid_weight: -1}",
                "centroid_weight: -1 is out of range; expected a finite number ≥ 0",
            ),
            ("{position_weight: .inf}", "position_weight: inf"),
            ("{first_weight: -0.5}", "first_weight: -0.5"),
            (
                "{centroid_weight: 0, position_weight: 0, first_weight: 0}",
                "all are 0",
            ),
            ("{redundancy: 2}", "redundancy: 2"),
        ] {
            let err = refused::<Centroid>(yaml);
            assert!(err.contains(says), "{yaml}: {err}");
        }
        accepted::<Centroid>(
            "{centroid_size: 0, centroid_weight: 0, first_weight: 0, redundancy: 1}",
        );
    }
}
