//! Sparse sentence vectors and similarity graphs over interned terms.
//!
//! Graph methods compare every pair of sentences. Doing that with dense vectors or string
//! sets is quadratic in both sentences and vocabulary; here each sentence is a sorted
//! sparse vector and pairwise dot products are accumulated through an inverted index, so
//! the cost is proportional to the number of term co-occurrences actually present.
//!
//! Graph methods should build a [`Graph`] with [`similarity_graph`] and rank it with
//! [`Graph::pagerank`]: the graph is stored in compressed-row form (one flat array of
//! `u32` targets, weights only when they are not all 1), because at scale the power
//! iteration streams the whole edge list every round and is bound by memory bandwidth.
//! A 5,000-sentence news cluster has about nine million edges.
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
        let mut row: Vec<(usize, f64)> = Vec::with_capacity(touched.len());
        drain_sorted(&mut acc, 0, &mut touched, |o, d| row.push((o, d)));
        out.push(row);
    }
    out
}

/// Calls `emit(node, value)` for every touched accumulator slot in increasing node order
/// (skipping exact zeros), then resets those slots and clears `touched`; every touched
/// slot is `≥ lo`. A row touching a large share of the nodes is read by a linear scan
/// instead of a sort: on dense graphs sorting would cost more than the accumulation.
fn drain_sorted(
    acc: &mut [f64],
    lo: usize,
    touched: &mut Vec<usize>,
    mut emit: impl FnMut(usize, f64),
) {
    if touched.len() * 16 > acc.len() - lo {
        for (o, slot) in acc.iter_mut().enumerate().skip(lo) {
            if *slot != 0.0 {
                emit(o, *slot);
                *slot = 0.0;
            }
        }
    } else {
        touched.sort_unstable();
        for &o in touched.iter() {
            if acc[o] != 0.0 {
                emit(o, acc[o]);
            }
            acc[o] = 0.0;
        }
    }
    touched.clear();
}

/// A weighted graph in compressed-row form: the stored edges of node `i` are
/// `targets[offsets[i]..offsets[i + 1]]`, sorted, with `weights` at the same positions
/// (`None` when every weight is 1, which halves the memory the power iteration reads).
///
/// A *symmetric* graph (what [`similarity_graph`] builds) stores each undirected edge
/// once, in the row of its smaller endpoint (`j ≥ i`, self-loops included), so both
/// building it and every PageRank round touch half the edges.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Graph {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Option<Vec<f64>>,
    symmetric: bool,
}

impl Graph {
    /// A directed graph from adjacency lists `rows[i] = [(j, w), …]` (weights > 0).
    pub fn from_rows(rows: &[Vec<(usize, f64)>]) -> Graph {
        let mut g = Graph::with_capacity(rows.len(), false);
        for row in rows {
            let mut row = row.clone();
            row.sort_by_key(|&(j, _)| j);
            for (j, w) in row {
                g.push(j, w);
            }
            g.end_row();
        }
        g.finish()
    }

    fn with_capacity(nodes: usize, symmetric: bool) -> Graph {
        let mut offsets = Vec::with_capacity(nodes + 1);
        offsets.push(0);
        Graph {
            offsets,
            targets: Vec::new(),
            weights: Some(Vec::new()),
            symmetric,
        }
    }

    fn push(&mut self, j: usize, w: f64) {
        self.targets.push(j as u32);
        if let Some(ws) = &mut self.weights {
            ws.push(w);
        }
    }

    fn end_row(&mut self) {
        self.offsets.push(self.targets.len());
    }

    /// Drops the weight array when every weight is 1.
    fn finish(mut self) -> Graph {
        if self
            .weights
            .as_ref()
            .is_some_and(|w| w.iter().all(|&x| x == 1.0))
        {
            self.weights = None;
        }
        self
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Whether the graph has no node.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of stored edges (each undirected edge once in a symmetric graph).
    pub fn stored_edges(&self) -> usize {
        self.targets.len()
    }

    /// Every stored edge as `(i, j, weight)`, by `i` then `j`.
    pub fn stored(&self) -> impl Iterator<Item = (usize, usize, f64)> + '_ {
        (0..self.len()).flat_map(move |i| {
            let range = self.offsets[i]..self.offsets[i + 1];
            range.map(move |k| {
                let w = self.weights.as_ref().map_or(1.0, |w| w[k]);
                (i, self.targets[k] as usize, w)
            })
        })
    }

    /// A symmetric graph from full adjacency lists (`rows[i]` holds `(j, w)` for every
    /// neighbour, both directions, weights > 0): only the entries `j ≥ i` are stored.
    pub fn symmetric_from_rows(rows: &[Vec<(usize, f64)>]) -> Graph {
        let mut g = Graph::with_capacity(rows.len(), true);
        for (i, row) in rows.iter().enumerate() {
            let mut row: Vec<(usize, f64)> = row.iter().copied().filter(|e| e.0 >= i).collect();
            row.sort_by_key(|&(j, _)| j);
            for (j, w) in row {
                g.push(j, w);
            }
            g.end_row();
        }
        g.finish()
    }

    #[inline]
    fn weight_at(&self, k: usize) -> f64 {
        self.weights.as_ref().map_or(1.0, |w| w[k])
    }

    /// Full adjacency lists (both directions of a symmetric graph's edges), sorted.
    pub fn to_rows(&self) -> Vec<Vec<(usize, f64)>> {
        let mut rows = vec![Vec::new(); self.len()];
        for (i, j, w) in self.stored() {
            rows[i].push((j, w));
            if self.symmetric && i != j {
                rows[j].push((i, w));
            }
        }
        rows.iter_mut().for_each(|r| r.sort_by_key(|e| e.0));
        rows
    }

    /// Row `i`'s stored targets and weights (all 1 when unweighted), with a leading
    /// self-loop split off as its weight.
    #[inline]
    fn split_row(&self, i: usize) -> (f64, &[u32], Option<&[f64]>) {
        let range = self.offsets[i]..self.offsets[i + 1];
        let mut targets = &self.targets[range.clone()];
        let mut weights = self.weights.as_ref().map(|w| &w[range]);
        let mut diag = 0.0;
        if targets.first() == Some(&(i as u32)) {
            diag = weights.map_or(1.0, |w| w[0]);
            targets = &targets[1..];
            weights = weights.map(|w| &w[1..]);
        }
        (diag, targets, weights)
    }

    /// `next[i] += Σ_j w_ji · share[j]` over every edge `j → i` (both directions of a
    /// symmetric graph's edges). Written out per storage kind because this loop is where
    /// PageRank spends its time.
    fn propagate(&self, share: &[f64], next: &mut [f64]) {
        for i in 0..self.len() {
            let (diag, targets, weights) = self.split_row(i);
            let qi = share[i];
            next[i] += diag * qi;
            match (weights, self.symmetric) {
                (Some(ws), true) => {
                    let mut pulled = 0.0;
                    for (&j, &w) in targets.iter().zip(ws) {
                        pulled += w * share[j as usize];
                        next[j as usize] += w * qi;
                    }
                    next[i] += pulled;
                }
                (None, true) => {
                    let mut pulled = 0.0;
                    for &j in targets {
                        pulled += share[j as usize];
                        next[j as usize] += qi;
                    }
                    next[i] += pulled;
                }
                (Some(ws), false) => {
                    for (&j, &w) in targets.iter().zip(ws) {
                        next[j as usize] += w * qi;
                    }
                }
                (None, false) => {
                    for &j in targets {
                        next[j as usize] += qi;
                    }
                }
            }
        }
    }

    /// Total weight of the edges leaving each node.
    fn out_weights(&self) -> Vec<f64> {
        let mut out = vec![0.0f64; self.len()];
        for i in 0..self.len() {
            let (diag, targets, weights) = self.split_row(i);
            let row: f64 = weights.map_or(targets.len() as f64, |w| w.iter().sum());
            out[i] += diag + row;
            if self.symmetric {
                match weights {
                    Some(ws) => {
                        for (&j, &w) in targets.iter().zip(ws) {
                            out[j as usize] += w;
                        }
                    }
                    None => {
                        for &j in targets {
                            out[j as usize] += 1.0;
                        }
                    }
                }
            }
        }
        out
    }

    /// Weighted PageRank by power iteration.
    ///
    /// Each node's score is `(1 - d) / n + d * Σ_j w_ji / out_j * score_j`, where `out_j`
    /// is the total weight of the edges leaving `j`: the normalised form whose scores sum
    /// to 1. Dangling nodes spread their mass uniformly. Iterates until the largest change
    /// is below `tolerance` or `max_iter` rounds have run.
    pub fn pagerank(&self, damping: f64, tolerance: f64, max_iter: usize) -> Vec<f64> {
        let n = self.len();
        if n == 0 {
            return Vec::new();
        }
        let out_weight = self.out_weights();
        let mut score = vec![1.0 / n as f64; n];
        let mut next = vec![0.0; n];
        let mut share = vec![0.0; n];
        for _ in 0..max_iter {
            let mut dangling = 0.0;
            for j in 0..n {
                if out_weight[j] == 0.0 {
                    dangling += score[j];
                    share[j] = 0.0;
                } else {
                    share[j] = damping * score[j] / out_weight[j];
                }
            }
            let base = (1.0 - damping) / n as f64 + damping * dangling / n as f64;
            next.iter_mut().for_each(|x| *x = base);
            self.propagate(&share, &mut next);
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
}

/// A symmetric [`Graph`] whose rows can be read whole (both directions, in increasing
/// neighbour order) while each undirected edge's weight is still stored once: each node
/// also lists where its edges to smaller nodes live, 8 bytes per edge instead of a
/// second 12-byte copy (methods such as submodular coverage need every row whole, and
/// at scale the edges are nearly all of their memory).
#[derive(Debug, Clone, Default)]
pub struct FullRows {
    graph: Graph,
    lower_offsets: Vec<usize>,
    /// `(smaller endpoint, position of the edge in graph)`, grouped by larger endpoint.
    lower: Vec<(u32, u32)>,
}

impl FullRows {
    /// Indexes a symmetric graph (as [`similarity_graph`] builds it); panics on a
    /// directed graph or one of more than `u32::MAX` edges, which callers cap well below.
    pub fn new(graph: Graph) -> FullRows {
        assert!(graph.symmetric, "FullRows needs a symmetric graph");
        assert!(
            graph.stored_edges() <= u32::MAX as usize,
            "FullRows indexes edges with u32"
        );
        let n = graph.len();
        let mut lower_offsets = vec![0usize; n + 1];
        for (i, j, _) in graph.stored() {
            if j != i {
                lower_offsets[j + 1] += 1;
            }
        }
        for j in 0..n {
            lower_offsets[j + 1] += lower_offsets[j];
        }
        let mut cursor = lower_offsets.clone();
        let mut lower = vec![(0u32, 0u32); lower_offsets[n]];
        for i in 0..n {
            for k in graph.offsets[i]..graph.offsets[i + 1] {
                let j = graph.targets[k] as usize;
                if j != i {
                    lower[cursor[j]] = (i as u32, k as u32);
                    cursor[j] += 1;
                }
            }
        }
        FullRows {
            graph,
            lower_offsets,
            lower,
        }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.graph.len()
    }

    /// Whether there is no node.
    pub fn is_empty(&self) -> bool {
        self.graph.is_empty()
    }

    /// Number of stored edges (each undirected edge once, self-loops included).
    pub fn stored_edges(&self) -> usize {
        self.graph.stored_edges()
    }

    /// Every `(neighbour, weight)` of node `j`, self-loop included, by neighbour.
    #[inline]
    pub fn row(&self, j: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let g = &self.graph;
        let below = self.lower[self.lower_offsets[j]..self.lower_offsets[j + 1]]
            .iter()
            .map(move |&(i, k)| (i as usize, g.weight_at(k as usize)));
        let above =
            (g.offsets[j]..g.offsets[j + 1]).map(move |k| (g.targets[k] as usize, g.weight_at(k)));
        below.chain(above)
    }
}

/// The undirected similarity graph over `nodes` (indices into `vectors`; graph node `i`
/// is `nodes[i]`): for every pair `i ≤ j` whose vectors share a term, the diagonal
/// included, `edge(i, j, dot)` gives the weight of the edge between them (`None`: no
/// edge). `edge` is only ever asked with `i ≤ j`, so the graph is symmetric by
/// construction.
///
/// Dot products are accumulated through an inverted index whose postings are in node
/// order, so the pairs `j ≥ i` are a suffix of each posting list: only pairs sharing a
/// term are visited, each once, and rows go straight into the compressed form.
pub fn similarity_graph(
    vectors: &[SparseVec],
    nodes: &[usize],
    edge: impl FnMut(usize, usize, f64) -> Option<f64>,
) -> Graph {
    match similarity_graph_capped(vectors, nodes, usize::MAX, edge) {
        Ok(g) => g,
        Err(_) => unreachable!("no graph can hold more than usize::MAX edges"),
    }
}

/// The similarity graph would store more than its cap of edges: building stopped there,
/// so the memory spent stays proportional to the cap, not to the square of the nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct EdgeCapExceeded {
    /// The cap (`max_edges`).
    pub cap: usize,
    /// Nodes of the graph (candidate sentences).
    pub nodes: usize,
    /// Rows built before the cap was passed.
    pub rows_built: usize,
}

impl EdgeCapExceeded {
    /// The failure message of a summarizer whose graph hit the cap.
    pub fn message(&self) -> String {
        format!(
            "the sentence similarity graph of {} sentences needs more than max_edges = {} \
             stored edges (the cap was passed after {} of {} rows; a stored edge costs about \
             12 bytes, 20 in submodular); raise the system's `max_edges` parameter, or make \
             the cluster smaller (fewer documents, or `candidates: {{min_words: …}}`)",
            self.nodes, self.cap, self.rows_built, self.nodes
        )
    }
}

/// [`similarity_graph`] that gives up as soon as more than `max_edges` edges are stored
/// (checked after each row, so at most one row of `nodes.len()` edges beyond the cap is
/// ever held): a dense graph over a huge cluster fails with a clear error instead of
/// exhausting memory.
pub fn similarity_graph_capped(
    vectors: &[SparseVec],
    nodes: &[usize],
    max_edges: usize,
    mut edge: impl FnMut(usize, usize, f64) -> Option<f64>,
) -> Result<Graph, EdgeCapExceeded> {
    let max_term = nodes
        .iter()
        .flat_map(|&n| vectors[n].entries.last().map(|&(t, _)| t as usize + 1))
        .max()
        .unwrap_or(0);
    // Postings in compressed form: (node position, weight) for each term.
    let mut start = vec![0usize; max_term + 1];
    for &n in nodes {
        for &(t, _) in &vectors[n].entries {
            start[t as usize + 1] += 1;
        }
    }
    for t in 0..max_term {
        start[t + 1] += start[t];
    }
    let mut cursor = start.clone();
    let total = start[max_term];
    let mut post_node = vec![0u32; total];
    let mut post_weight = vec![0.0f64; total];
    for (pos, &n) in nodes.iter().enumerate() {
        for &(t, w) in &vectors[n].entries {
            let k = &mut cursor[t as usize];
            post_node[*k] = pos as u32;
            post_weight[*k] = w;
            *k += 1;
        }
    }
    // cursor[t] now walks each posting list from its start: when node `pos` is reached,
    // its own entry is the first not yet passed, so the suffix from there holds j ≥ pos.
    cursor.copy_from_slice(&start);
    let mut g = Graph::with_capacity(nodes.len(), true);
    let mut acc = vec![0.0f64; nodes.len()];
    let mut touched: Vec<usize> = Vec::new();
    for (pos, &n) in nodes.iter().enumerate() {
        for &(t, w) in &vectors[n].entries {
            let from = cursor[t as usize];
            cursor[t as usize] += 1;
            let range = from..start[t as usize + 1];
            for (&other, &w2) in post_node[range.clone()].iter().zip(&post_weight[range]) {
                let other = other as usize;
                if acc[other] == 0.0 {
                    touched.push(other);
                }
                acc[other] += w * w2;
            }
        }
        drain_sorted(&mut acc, pos, &mut touched, |j, dot| {
            if let Some(w) = edge(pos, j, dot) {
                g.push(j, w);
            }
        });
        g.end_row();
        if g.stored_edges() > max_edges {
            return Err(EdgeCapExceeded {
                cap: max_edges,
                nodes: nodes.len(),
                rows_built: pos + 1,
            });
        }
    }
    Ok(g.finish())
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
    Graph::from_rows(edges).pagerank(damping, tolerance, max_iter)
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
    fn similarity_graph_matches_pairwise_dots_plus_diagonal() {
        let vs = vec![
            v(&[(0, 1.0), (3, 1.0)]),
            v(&[(1, 2.0)]),
            v(&[(0, 2.0), (1, 1.0), (3, 0.5)]),
            v(&[]),
        ];
        let g = similarity_graph(&vs, &[0, 1, 2, 3], |_, _, dot| Some(dot));
        // Each undirected edge is stored once, in its smaller endpoint's row.
        assert_eq!(g.stored_edges(), 5);
        // Diagonals are the squared norms: 2, 4, 5.25; the empty vector has no edge.
        let rows = g.to_rows();
        assert_eq!(rows[0], vec![(0, 2.0), (2, 2.5)]);
        assert_eq!(rows[1], vec![(1, 4.0), (2, 2.0)]);
        assert_eq!(rows[2], vec![(0, 2.5), (1, 2.0), (2, 5.25)]);
        assert!(rows[3].is_empty());
        // Subsets of nodes are renumbered by position; a filter drops edges.
        let g = similarity_graph(&vs, &[2, 0], |i, j, dot| {
            (i != j && dot > 1.0).then_some(1.0)
        });
        assert_eq!(g.to_rows(), vec![vec![(1, 1.0)], vec![(0, 1.0)]]);
    }

    #[test]
    fn a_capped_graph_stops_past_its_cap_and_full_rows_read_both_directions() {
        let vs = vec![
            v(&[(0, 1.0), (3, 1.0)]),
            v(&[(1, 2.0)]),
            v(&[(0, 2.0), (1, 1.0), (3, 0.5)]),
            v(&[]),
        ];
        let nodes = [0, 1, 2, 3];
        // Rows store 2, 2 and 1 edges: the cap of 4 is passed by the third row.
        let err = similarity_graph_capped(&vs, &nodes, 4, |_, _, dot| Some(dot)).unwrap_err();
        assert_eq!(
            err,
            EdgeCapExceeded {
                cap: 4,
                nodes: 4,
                rows_built: 3
            }
        );
        assert!(err.message().starts_with(
            "the sentence similarity graph of 4 sentences needs more than max_edges = 4 stored edges"
        ));
        let g = similarity_graph_capped(&vs, &nodes, 5, |_, _, dot| Some(dot)).unwrap();
        assert_eq!(g.stored_edges(), 5);
        let full = FullRows::new(g);
        assert_eq!(full.stored_edges(), 5);
        let rows: Vec<Vec<(usize, f64)>> = (0..4).map(|i| full.row(i).collect()).collect();
        assert_eq!(
            rows,
            vec![
                vec![(0, 2.0), (2, 2.5)],
                vec![(1, 4.0), (2, 2.0)],
                vec![(0, 2.5), (1, 2.0), (2, 5.25)],
                vec![],
            ]
        );
    }

    #[test]
    fn symmetric_and_directed_storage_rank_alike() {
        // The same undirected weighted graph with a self-loop, stored both ways.
        let rows = vec![
            vec![(0, 1.0), (1, 0.5), (2, 2.0)],
            vec![(0, 0.5)],
            vec![(0, 2.0), (3, 1.0)],
            vec![(2, 1.0)],
        ];
        let vs = vec![v(&[(0, 1.0)]); 4];
        let weight = |i: usize, j: usize| rows[i].iter().find(|e| e.0 == j).map(|e| e.1);
        let sym = similarity_graph(&vs, &[0, 1, 2, 3], |i, j, _| weight(i, j));
        assert_eq!(sym.to_rows(), rows);
        let a = sym.pagerank(0.85, 1e-14, 1000);
        let b = Graph::from_rows(&rows).pagerank(0.85, 1e-14, 1000);
        for (x, y) in a.iter().zip(&b) {
            assert!((x - y).abs() < 1e-12, "{a:?} vs {b:?}");
        }
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
