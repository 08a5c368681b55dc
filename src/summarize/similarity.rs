//! Sparse sentence vectors and similarity graphs over interned terms.
//!
//! Graph methods compare every pair of sentences. Doing that with dense vectors or string
//! sets is quadratic in both sentences and vocabulary; here each sentence is a sorted
//! sparse vector and pairwise dot products are accumulated through an inverted index, so
//! the cost is proportional to the number of term co-occurrences actually present.
use crate::text::{ProcessedCluster, TermId};

/// A sparse vector sorted by term id, with its Euclidean norm cached.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseVec {
    /// (term, weight) pairs, sorted by term, weights non-zero.
    pub entries: Vec<(TermId, f64)>,
    /// Euclidean norm of the weights.
    pub norm: f64,
}

impl SparseVec {
    /// Builds a vector from (term, weight) pairs already sorted by term.
    pub fn from_sorted(entries: Vec<(TermId, f64)>) -> Self {
        let entries: Vec<_> = entries.into_iter().filter(|&(_, w)| w != 0.0).collect();
        let norm = entries.iter().map(|&(_, w)| w * w).sum::<f64>().sqrt();
        SparseVec { entries, norm }
    }

    /// Dot product by merging the two sorted term lists.
    pub fn dot(&self, other: &SparseVec) -> f64 {
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        let (a, b) = (&self.entries, &other.entries);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }
}

/// Cosine similarity; 0 when either vector is empty.
pub fn cosine(a: &SparseVec, b: &SparseVec) -> f64 {
    if a.norm == 0.0 || b.norm == 0.0 {
        0.0
    } else {
        a.dot(b) / (a.norm * b.norm)
    }
}

/// One vector per sentence of `cluster`: term frequency × `weight(term)`.
pub fn tf_weighted(cluster: &ProcessedCluster, weight: impl Fn(TermId) -> f64) -> Vec<SparseVec> {
    cluster
        .sentences
        .iter()
        .map(|s| {
            SparseVec::from_sorted(
                s.tf.iter()
                    .map(|&(t, n)| (t, n as f64 * weight(t)))
                    .collect(),
            )
        })
        .collect()
}

/// Dot products between all pairs of `nodes` (indices into `vectors`) that share a term,
/// as a sparse adjacency list indexed by position in `nodes`: `out[i]` holds `(j, dot)`
/// for every `j != i` with a non-zero dot product, sorted by `j`.
pub fn pairwise_dots(vectors: &[SparseVec], nodes: &[usize]) -> Vec<Vec<(usize, f64)>> {
    let max_term = nodes
        .iter()
        .flat_map(|&n| vectors[n].entries.last().map(|&(t, _)| t as usize + 1))
        .max()
        .unwrap_or(0);
    let mut postings: Vec<Vec<(usize, f64)>> = vec![Vec::new(); max_term];
    for (pos, &n) in nodes.iter().enumerate() {
        for &(t, w) in &vectors[n].entries {
            postings[t as usize].push((pos, w));
        }
    }
    let mut acc = vec![0.0f64; nodes.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(nodes.len());
    for (pos, &n) in nodes.iter().enumerate() {
        for &(t, w) in &vectors[n].entries {
            for &(other, w2) in &postings[t as usize] {
                if other != pos {
                    if acc[other] == 0.0 {
                        touched.push(other);
                    }
                    acc[other] += w * w2;
                }
            }
        }
        touched.sort_unstable();
        let row: Vec<(usize, f64)> = touched
            .iter()
            .map(|&o| (o, acc[o]))
            .filter(|&(_, d)| d != 0.0)
            .collect();
        for &o in &touched {
            acc[o] = 0.0;
        }
        touched.clear();
        out.push(row);
    }
    out
}

/// Weighted PageRank by power iteration over a sparse graph.
///
/// `edges[i]` lists `(j, w)` with `w > 0`; the graph is treated as given (callers pass
/// symmetric graphs for undirected methods). Each node's score is
/// `(1 - d) / n + d * Σ_j w_ji / out_j * score_j`, the normalised form whose scores sum
/// to 1; dangling nodes spread their mass uniformly. Iterates until the largest change
/// is below `tolerance` or `max_iter` rounds have run.
pub fn pagerank(
    edges: &[Vec<(usize, f64)>],
    damping: f64,
    tolerance: f64,
    max_iter: usize,
) -> Vec<f64> {
    let n = edges.len();
    if n == 0 {
        return Vec::new();
    }
    let out_weight: Vec<f64> = edges
        .iter()
        .map(|row| row.iter().map(|&(_, w)| w).sum())
        .collect();
    let mut score = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    for _ in 0..max_iter {
        let dangling: f64 = (0..n)
            .filter(|&j| out_weight[j] == 0.0)
            .map(|j| score[j])
            .sum();
        let base = (1.0 - damping) / n as f64 + damping * dangling / n as f64;
        next.iter_mut().for_each(|x| *x = base);
        for (j, row) in edges.iter().enumerate() {
            if out_weight[j] > 0.0 {
                let share = damping * score[j] / out_weight[j];
                for &(i, w) in row {
                    next[i] += share * w;
                }
            }
        }
        let delta = score
            .iter()
            .zip(&next)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        std::mem::swap(&mut score, &mut next);
        if delta < tolerance {
            break;
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(e: &[(TermId, f64)]) -> SparseVec {
        SparseVec::from_sorted(e.to_vec())
    }

    #[test]
    fn cosine_by_hand() {
        let a = v(&[(0, 1.0), (2, 2.0)]);
        let b = v(&[(0, 3.0), (1, 4.0)]);
        // dot = 3, |a| = sqrt 5, |b| = 5
        assert!((cosine(&a, &b) - 3.0 / (5.0f64.sqrt() * 5.0)).abs() < 1e-12);
        assert_eq!(cosine(&a, &SparseVec::default()), 0.0);
    }

    #[test]
    fn pairwise_dots_matches_direct_merge() {
        let vs = vec![
            v(&[(0, 1.0), (3, 1.0)]),
            v(&[(1, 2.0)]),
            v(&[(0, 2.0), (1, 1.0), (3, 0.5)]),
        ];
        let g = pairwise_dots(&vs, &[0, 1, 2]);
        assert_eq!(g[0], vec![(2, 2.5)]);
        assert_eq!(g[1], vec![(2, 2.0)]);
        assert_eq!(g[2], vec![(0, 2.5), (1, 2.0)]);
    }

    #[test]
    fn pagerank_symmetric_star_favours_centre_and_sums_to_one() {
        let edges = vec![vec![(1, 1.0), (2, 1.0)], vec![(0, 1.0)], vec![(0, 1.0)]];
        let s = pagerank(&edges, 0.85, 1e-10, 1000);
        assert!((s.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(s[0] > s[1] && (s[1] - s[2]).abs() < 1e-12);
        // Closed form for this star: c = (1-d)/3 + d(l1+l2), l = (1-d)/3 + d c/2.
        let d = 0.85;
        let c = ((1.0 - d) / 3.0 + 2.0 * d * (1.0 - d) / 3.0) / (1.0 - d * d);
        assert!((s[0] - c).abs() < 1e-9, "{} vs {c}", s[0]);
    }
}
