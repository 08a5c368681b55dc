//! LexRank (Erkan & Radev, "LexRank: Graph-based Lexical Centrality as Salience in Text
//! Summarization", JAIR 22, 2004).
//!
//! Sentences are nodes; two sentences are linked by their *idf-modified cosine*
//! `Σ_w tf_w,x · tf_w,y · idf_w² / (‖x‖ ‖y‖)`, i.e. the cosine of their tf·idf vectors.
//! Every node also links to itself (cosine 1), exactly as the paper's algorithm fills the
//! whole similarity matrix, diagonal included, before thresholding.
//!
//! * `threshold` variant (the paper's "LexRank with threshold", Algorithm 3): an edge
//!   exists when the cosine is strictly greater than `threshold` (0.1, the paper's best on
//!   DUC); edges are binary and each row is divided by the node's degree.
//! * `continuous` variant (§3.3): every pair with a positive cosine is linked with the
//!   cosine as weight, rows normalised by their weight sum; `threshold` is not used.
//!
//! Scores are the stationary distribution of `p = (1 − d)/N + d · Mᵀ p`, where M is the
//! row-normalised matrix and **d (`damping`, default 0.85) is the probability of following
//! an edge** (PageRank's convention). The paper writes the same equation with its `d` as
//! the *jump* probability (`p = d/N + (1 − d) Bᵀ p`, d in [0.1, 0.2]); our 0.85 is its 0.15.
//! Iteration stops when no score changes by more than `tolerance` on the unnormalised
//! scale (scores × N), as in [`super::textrank`].
//!
//! IDF: the paper took idf from a large background corpus. We have only the cluster, and
//! there the document-level idf takes at most (documents + 1) distinct values, so in a
//! five-article cluster almost every topical word gets the same weight. The default is
//! therefore the cluster's smoothed **sentence-level** idf
//! ([`crate::text::ProcessedCluster::isf`]), treating each sentence as a document, as
//! sumy and the `lexrank` Python package do; `idf: document` switches to the smoothed
//! document-level idf. Both are smoothed so that no term gets weight 0.
//!
//! Pairwise similarities come from [`similarity_graph_capped`] over an inverted index of
//! interned terms, so only pairs that share a term are ever touched, and the threshold
//! variant's binary graph is stored without weights.
use super::registry::{build_with, params_of, Spec};
use super::similarity::{similarity_graph_capped, tf_weighted, Graph, SparseVec};
use super::submodular::DEFAULT_MAX_EDGES;
use super::{params, select, Failure, Input, SentenceId, Summarizer};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How edges are weighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LexRankVariant {
    /// Binary edges where the cosine exceeds the threshold, degree-normalised.
    #[default]
    Threshold,
    /// Cosine-weighted edges, weight-normalised.
    Continuous,
}

/// Which inverse frequency weights the cosine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum IdfLevel {
    /// Smoothed inverse sentence frequency over the cluster.
    #[default]
    Sentence,
    /// Smoothed inverse document frequency over the cluster.
    Document,
}

/// LexRank with the paper's defaults.
///
/// d = 1 stays allowed: every node has a self-loop, so the walk without jumps is aperiodic
/// and converges (the paper's plain degree-based random walk). A threshold of 1 or more
/// would leave only self-loops, i.e. uniform scores, so it is refused.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct LexRank {
    /// How edges are weighted.
    pub variant: LexRankVariant,
    /// Cosine above which the threshold variant links two sentences (paper: 0.1).
    #[schemars(range(min = 0), extend("exclusiveMaximum" = 1))]
    pub threshold: f64,
    /// Probability d of following an edge rather than jumping, p = (1-d)/N + d·Mᵀp
    /// (PageRank's convention; the paper's jump probability is 1 - d).
    #[schemars(range(max = 1), extend("exclusiveMinimum" = 0))]
    pub damping: f64,
    /// Stop when no score × N changes by more than this.
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub tolerance: f64,
    /// Most power iterations.
    #[schemars(range(min = 1))]
    pub max_iter: usize,
    /// Which inverse frequency weights the cosine.
    pub idf: IdfLevel,
    /// TF-IDF cosine with a picked sentence above which a sentence is skipped as redundant
    /// (null: off, as in the paper).
    #[schemars(range(min = 0, max = 1))]
    pub redundancy: Option<f64>,
    /// Most stored similarity edges (each undirected edge once, self-loops included,
    /// ≈12 bytes each); a larger cluster fails naming the cap.
    #[schemars(range(min = 1, max = u32::MAX))]
    pub max_edges: usize,
}

impl Default for LexRank {
    fn default() -> Self {
        LexRank {
            variant: LexRankVariant::Threshold,
            threshold: 0.1,
            damping: 0.85,
            tolerance: 1e-4,
            max_iter: 200,
            idf: IdfLevel::Sentence,
            redundancy: None,
            max_edges: DEFAULT_MAX_EDGES,
        }
    }
}

/// Registry entry.
pub const SPEC: Spec = Spec {
    kind: "lexrank",
    about:
        "LexRank (Erkan & Radev 2004): PageRank over idf-modified cosine, threshold or continuous",
    params: params_of::<LexRank>,
    build: build_with::<LexRank>,
};

impl LexRank {
    /// The similarity graph over `nodes` (positions into `nodes`), self-loops included.
    fn graph(&self, vectors: &[SparseVec], nodes: &[usize]) -> Result<Graph, Failure> {
        similarity_graph_capped(vectors, nodes, self.max_edges, |i, j, dot| {
            if i == j {
                // cos(s, s) = 1 whatever rounding says: always an edge, of weight 1.
                return Some(1.0);
            }
            let cos = dot / (vectors[nodes[i]].norm * vectors[nodes[j]].norm);
            match self.variant {
                LexRankVariant::Threshold => (cos > self.threshold).then_some(1.0),
                LexRankVariant::Continuous => (cos > 0.0).then_some(cos),
            }
        })
        .map_err(|e| format!("lexrank: {}", e.message()))
    }

    /// LexRank scores of the candidates, indexed by sentence id (others 0).
    fn rank(&self, input: &Input<'_>) -> Result<Vec<f64>, Failure> {
        params::check(self)?;
        let c = input.cluster;
        let vectors = match self.idf {
            IdfLevel::Sentence => tf_weighted(c, |t| c.isf(t)),
            IdfLevel::Document => tf_weighted(c, |t| c.idf(t)),
        };
        let nodes = input.candidates;
        let edges = self.graph(&vectors, nodes)?;
        let n = nodes.len().max(1) as f64;
        let ranks = edges.pagerank(self.damping, self.tolerance / n, self.max_iter);
        let mut scores = vec![0.0; c.sentences.len()];
        for (pos, &id) in nodes.iter().enumerate() {
            scores[id] = ranks[pos];
        }
        Ok(scores)
    }
}

impl Summarizer for LexRank {
    fn select(&self, input: &Input<'_>) -> Result<Vec<SentenceId>, Failure> {
        let scores = self.rank(input)?;
        Ok(match self.redundancy {
            Some(t) => {
                let vecs = select::redundancy_vectors(input.cluster);
                select::greedy(input, &scores, Some((t, &vecs)))
            }
            None => select::greedy(input, &scores, None),
        })
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

    /// a = e0, b = e0 + e1, c = e1: cos(a,b) = cos(b,c) = 1/√2 ≈ 0.707, cos(a,c) = 0.
    fn path() -> Vec<SparseVec> {
        vec![
            SparseVec::from_sorted(vec![(0, 1.0)]),
            SparseVec::from_sorted(vec![(0, 1.0), (1, 1.0)]),
            SparseVec::from_sorted(vec![(1, 1.0)]),
        ]
    }

    fn stationary(m: &LexRank, vs: &[SparseVec]) -> Vec<f64> {
        let edges = m.graph(vs, &[0, 1, 2]).unwrap();
        edges.pagerank(m.damping, 1e-13, 10_000)
    }

    #[test]
    fn threshold_graph_stationary_distribution_by_hand() {
        // Degrees with self-loops: a {a,b} 2, b {a,b,c} 3, c {b,c} 2.
        // By symmetry p_a = p_c = x, p_b = 1 − 2x, and
        // x = 0.15/3 + 0.85 (x/2 + (1 − 2x)/3)  ⇒  x = 1/3.425.
        let m = LexRank::default();
        let p = stationary(&m, &path());
        let x = 1.0 / 3.425;
        assert!((p[0] - x).abs() < 1e-9 && (p[2] - x).abs() < 1e-9, "{p:?}");
        assert!((p[1] - (1.0 - 2.0 * x)).abs() < 1e-9, "{p:?}");
        // Without jumps the walk's stationary law is degree / Σ degree = 2/7, 3/7, 2/7.
        let p = stationary(&LexRank { damping: 1.0, ..m }, &path());
        assert!(
            (p[0] - 2.0 / 7.0).abs() < 1e-9 && (p[1] - 3.0 / 7.0).abs() < 1e-9,
            "{p:?}"
        );
    }

    #[test]
    fn threshold_above_every_cosine_leaves_only_self_loops() {
        let m = LexRank {
            threshold: 0.75,
            ..LexRank::default()
        };
        let p = stationary(&m, &path());
        assert!(p.iter().all(|x| (x - 1.0 / 3.0).abs() < 1e-12), "{p:?}");
    }

    #[test]
    fn continuous_graph_stationary_distribution_by_hand() {
        // Weighted degrees: a = 1 + 1/√2, b = 1 + 2/√2, c = 1 + 1/√2; with d = 1 the
        // stationary law of a symmetric weighted walk is proportional to them.
        let m = LexRank {
            variant: LexRankVariant::Continuous,
            damping: 1.0,
            ..LexRank::default()
        };
        let p = stationary(&m, &path());
        let h = 1.0 / 2f64.sqrt();
        let total = 3.0 + 4.0 * h;
        assert!((p[0] - (1.0 + h) / total).abs() < 1e-9, "{p:?}");
        assert!((p[1] - (1.0 + 2.0 * h) / total).abs() < 1e-9, "{p:?}");
    }

    #[test]
    fn sentence_idf_cosine_by_hand() {
        // Three one-word-pair sentences over terms geneva (sf 2), talk (sf 3), nato (sf 1)
        // with S = 3: isf = ln(4/(1+sf)) + 1.
        let c = cluster(&[("a", None, "Geneva talks. Geneva talks talks. NATO talks.")]);
        let v = tf_weighted(&c, |t| c.isf(t));
        let g = c.vocab.get("geneva").unwrap();
        let isf_g = (4.0f64 / 3.0).ln() + 1.0;
        let isf_t = 1.0; // ln(4/4) + 1
        assert!((c.isf(g) - isf_g).abs() < 1e-12);
        // cos(s0, s1) = (g² + 2t²) / (√(g² + t²) · √(g² + 4t²))
        let (g2, t2) = (isf_g * isf_g, isf_t * isf_t);
        let want = (g2 + 2.0 * t2) / ((g2 + t2).sqrt() * (g2 + 4.0 * t2).sqrt());
        let got = super::super::similarity::cosine(&v[0], &v[1]);
        assert!((got - want).abs() < 1e-12, "{got} vs {want}");
    }

    #[test]
    fn central_sentence_wins_on_text() {
        let c = cluster(&[(
            "a",
            None,
            "Russia and NATO held talks in Geneva. \
             Russia demanded NATO guarantees in Geneva talks. \
             NATO rejected the Russia guarantees. \
             Bananas grow on tropical plantations. \
             The demands were written.",
        )]);
        // Threshold degrees with self-loops: s0 3, s1 4 (s4 shares only "demand" with
        // it), s2 3, s3 1, s4 2. On a complete triangle alone the walk would be uniform.
        let cands = all(&c);
        let input = Input::new(&c, &cands, Budget::words(8));
        for variant in [LexRankVariant::Threshold, LexRankVariant::Continuous] {
            let m = LexRank {
                variant,
                ..LexRank::default()
            };
            let s = m.rank(&input).unwrap();
            assert!((s.iter().sum::<f64>() - 1.0).abs() < 1e-6, "{s:?}");
            // (The isolated s3 keeps exactly 1/N: its self-loop returns all its mass.)
            assert!(s.iter().all(|&x| x <= s[1]), "{variant:?} {s:?}");
            assert_eq!(m.select(&input).unwrap(), [1]);
        }
    }

    #[test]
    fn bad_damping_is_an_error_not_a_panic() {
        let c = cluster(&[("a", None, "Talks resumed in Geneva today.")]);
        let cands = all(&c);
        let input = Input::new(&c, &cands, Budget::words(8));
        let m = LexRank {
            damping: 1.5,
            ..LexRank::default()
        };
        assert!(m.select(&input).unwrap_err().contains("damping"));
    }

    #[test]
    fn out_of_range_parameters_are_refused_when_built() {
        use crate::summarize::params::{accepted, refused};
        for (yaml, says) in [
            (
                "{threshold: 1}",
                "threshold: 1 is out of range; expected a number in [0, 1)",
            ),
            (
                "{damping: 0}",
                "damping: 0 is out of range; expected a number in (0, 1]",
            ),
            ("{tolerance: -1}", "tolerance: -1"),
            ("{max_iter: 0}", "max_iter: 0"),
            ("{redundancy: -0.1}", "redundancy: -0.1"),
        ] {
            let err = refused::<LexRank>(yaml);
            assert!(err.contains(says), "{yaml}: {err}");
        }
        accepted::<LexRank>("{damping: 1, threshold: 0, variant: continuous}");
    }
}
