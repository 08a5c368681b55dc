//! TextRank (Mihalcea & Tarau, "TextRank: Bringing Order into Texts", EMNLP 2004).
//!
//! Sentences are nodes of an undirected graph weighted by
//! `sim(Si, Sj) = |{w : w ∈ Si and w ∈ Sj}| / (ln|Si| + ln|Sj|)`, where words are the
//! sentence's stemmed content terms (distinct terms for the overlap, all occurrences for
//! |S|). When the denominator is 0 (both sentences hold a single term) the pair gets no
//! edge: a one-word sentence says nothing about centrality, and the paper's formula is
//! undefined there. Weighted PageRank with damping 0.85 then ranks the nodes; iteration
//! stops when no score changes by more than 1e-4 on the paper's (unnormalised) scale.
//! Overlaps come from an inverted index over interned terms, so the cost follows the
//! number of shared terms, not the square of the sentence count.
use super::registry::{build_with, params_of, Spec};
use super::similarity::{similarity_graph_capped, SparseVec};
use super::submodular::DEFAULT_MAX_EDGES;
use super::{select, Failure, Input, SentenceId, Summarizer};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// TextRank with the paper's defaults.
///
/// The damping factor excludes 1 as well as 0 (which ignores the graph): the graph has no
/// self-loops, so without teleportation a two-sided graph oscillates and the iteration
/// ends at `max_iter` instead of converging.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct TextRank {
    /// PageRank damping factor d.
    #[schemars(extend("exclusiveMinimum" = 0, "exclusiveMaximum" = 1))]
    pub damping: f64,
    /// Stop when no score changes by more than this (on the paper's unnormalised scale).
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub tolerance: f64,
    /// Most power iterations, in case the tolerance is never reached.
    #[schemars(range(min = 1))]
    pub max_iter: usize,
    /// TF-IDF cosine with an already picked sentence above which a sentence is skipped as
    /// redundant (null: off, as in the paper).
    #[schemars(range(min = 0, max = 1))]
    pub redundancy: Option<f64>,
    /// Most stored similarity edges (each undirected edge once, ≈12 bytes each); a larger
    /// cluster fails naming the cap.
    #[schemars(range(min = 1, max = u32::MAX))]
    pub max_edges: usize,
}

impl Default for TextRank {
    fn default() -> Self {
        TextRank {
            damping: 0.85,
            tolerance: 1e-4,
            max_iter: 200,
            redundancy: None,
            max_edges: DEFAULT_MAX_EDGES,
        }
    }
}

/// Registry entry.
pub const SPEC: Spec = Spec {
    kind: "textrank",
    about: "TextRank (Mihalcea & Tarau 2004): PageRank over word-overlap sentence similarity",
    params: params_of::<TextRank>,
    build: build_with::<TextRank>,
};

impl TextRank {
    fn rank(&self, input: &Input<'_>) -> Result<Vec<f64>, Failure> {
        let c = input.cluster;
        let binary: Vec<SparseVec> = c
            .sentences
            .iter()
            .map(|s| SparseVec::from_sorted(s.tf.iter().map(|&(t, _)| (t, 1.0)).collect()))
            .collect();
        let nodes = input.candidates;
        let log_len: Vec<f64> = nodes
            .iter()
            .map(|&i| (c.sentences[i].terms.len() as f64).ln())
            .collect();
        let graph = similarity_graph_capped(&binary, nodes, self.max_edges, |i, j, shared| {
            let denom = log_len[i] + log_len[j];
            (i != j && denom > 0.0).then(|| shared / denom)
        })
        .map_err(|e| format!("textrank: {}", e.message()))?;
        let n = nodes.len().max(1) as f64;
        let ranks = graph.pagerank(self.damping, self.tolerance / n, self.max_iter);
        let mut scores = vec![0.0; c.sentences.len()];
        for (pos, &id) in nodes.iter().enumerate() {
            scores[id] = ranks[pos];
        }
        Ok(scores)
    }
}

impl Summarizer for TextRank {
    fn select(&self, input: &Input<'_>) -> Result<Vec<SentenceId>, Failure> {
        let scores = self.rank(input)?;
        match self.redundancy {
            Some(t) => {
                let vecs = select::redundancy_vectors(input.cluster);
                Ok(select::greedy(input, &scores, Some((t, &vecs))))
            }
            None => Ok(select::greedy(input, &scores, None)),
        }
    }

    fn scores(&self, input: &Input<'_>) -> Option<Result<Vec<f64>, Failure>> {
        Some(self.rank(input))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summarize::testing::{all, cluster};
    use crate::summarize::Budget;

    #[test]
    fn central_sentence_ranks_first_and_isolated_one_last() {
        let c = cluster(&[(
            "a",
            None,
            "Russia and NATO held talks in Geneva. \
             Russia demanded NATO guarantees in Geneva talks. \
             NATO rejected the Russia guarantees. \
             Bananas grow on tropical plantations.",
        )]);
        let cands = all(&c);
        let input = Input::new(&c, &cands, Budget::words(100));
        let s = TextRank::default().rank(&input).unwrap();
        assert!(s[1] > s[0] && s[1] > s[2], "{s:?}");
        assert!(s[3] < s[2], "{s:?}");
        let picked = TextRank::default()
            .select(&Input {
                budget: Budget::words(8),
                ..input
            })
            .unwrap();
        assert_eq!(picked[0], 1);
    }

    #[test]
    fn single_term_sentences_get_no_edge() {
        let c = cluster(&[("a", None, "Geneva. Geneva. Talks resumed in Geneva today.")]);
        let cands = all(&c);
        let input = Input::new(&c, &cands, Budget::words(100));
        let s = TextRank::default().rank(&input).unwrap();
        assert!(s.iter().all(|x| x.is_finite()), "{s:?}");
        // The two one-term sentences share a term but the denominator is ln 1 + ln 1 = 0.
        assert!(s[2] > s[0], "{s:?}");
    }

    #[test]
    fn out_of_range_parameters_are_refused_when_built() {
        use crate::summarize::params::{accepted, refused};
        for (yaml, says) in [
            (
                "{damping: 5}",
                "damping: 5 is out of range; expected a number in (0, 1)",
            ),
            ("{damping: 1}", "damping: 1 is out of range"),
            ("{damping: .nan}", "damping: NaN"),
            ("{tolerance: 0}", "tolerance: 0"),
            ("{max_iter: 0}", "max_iter: 0"),
            ("{redundancy: 1.5}", "redundancy: 1.5"),
        ] {
            let err = refused::<TextRank>(yaml);
            assert!(err.contains(says), "{yaml}: {err}");
        }
        accepted::<TextRank>("{damping: 0.5, redundancy: 1, max_iter: 1}");
    }
}
