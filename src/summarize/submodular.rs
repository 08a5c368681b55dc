//! Submodular summarization (Lin & Bilmes, "A Class of Submodular Functions for Document
//! Summarization", ACL 2011).
//!
//! The summary S maximises `F(S) = L(S) + λ·R(S)` within the budget, where
//! - coverage `L(S) = Σ_{i∈V} min(C_i(S), α·C_i(V))` with `C_i(S) = Σ_{j∈S} w_ij`, V every
//!   sentence of the cluster, w_ij the cosine of TF-IDF vectors (cluster IDF, w_ii = 1),
//!   and `α = a / N` (N = |V|);
//! - diversity `R(S) = Σ_k sqrt(Σ_{j∈P_k∩S} r_j)` over a partition P_1..P_K of V from
//!   k-means on the TF-IDF vectors (cosine, K = round(`cluster_fraction` · N)), with the
//!   singleton reward `r_j = (1/N) Σ_{i∈V} w_ij`, j's average similarity to the input.
//!
//! Optimisation is the paper's budgeted greedy: repeatedly take the candidate with the
//! largest `gain / cost^r` (cost in the budget's unit), keep it if it fits, drop it
//! otherwise; finally compare with the best feasible single sentence and keep the better.
//! Gains are evaluated lazily (a priority queue of stale upper bounds, valid because F
//! is submodular and costs are fixed) and incrementally: adding j only touches the rows
//! of the sparse similarity graph that j appears in. Similarities come from the inverted
//! index of [`similarity_graph_capped`], never dense comparisons, and each undirected
//! edge is stored once ([`FullRows`]): about 20 bytes per edge. A cluster whose graph
//! would exceed `max_edges` stored edges (default 20 million, about 400 MB) fails with
//! an error naming its size and the cap, rather than growing with the square of its
//! sentence count until memory runs out.
//!
//! Defaults are the paper's DUC-04 setting: a = 5, λ = 6, r = 0.3, K = 0.2·N clusters
//! (the same constants, r_j and singleton step appear in Mogren's public reimplementation,
//! `multsum`). Known difference: that reimplementation notes the paper's TF-IDF vectors
//! also held bigrams; ours are the shared pipeline's unigram content terms with its
//! smoothed IDF, so every system sees the same features. k-means is seeded k-means++
//! (Arthur & Vassilvitskii 2007) on unit TF-IDF vectors, seeded with the run seed and the
//! cluster id, then at most `kmeans_iter` Lloyd rounds; ties go to the lower index
//! everywhere, so the output is deterministic. There is no per-sentence score: the
//! objective is set-valued.
use super::registry::{build_with, params_of, Spec};
use super::similarity::{similarity_graph_capped, tf_weighted, FullRows, SparseVec};
use super::{params, Failure, Input, SentenceId, Summarizer};
use crate::stats::Rng;
use crate::text::ProcessedCluster;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BinaryHeap;

/// Lin & Bilmes' coverage + diversity objective, greedily maximised.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Submodular {
    /// Coverage saturation numerator: α = a / N for N sentences (paper, DUC 2004: 5).
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub a: f64,
    /// Weight λ of the diversity reward R(S) (paper: 6).
    #[schemars(range(min = 0))]
    pub lambda: f64,
    /// Cost scaling exponent: the greedy picks argmax gain / cost^r (paper: 0.3).
    #[schemars(range(min = 0))]
    pub r: f64,
    /// k-means clusters of the diversity partition as a fraction of the sentence count,
    /// K = round(fraction · N) (paper: 0.2).
    #[schemars(range(max = 1), extend("exclusiveMinimum" = 0))]
    pub cluster_fraction: f64,
    /// Most Lloyd iterations of k-means (seeded k-means++ start).
    #[schemars(range(min = 1))]
    pub kmeans_iter: usize,
    /// Most stored similarity edges (each undirected edge once, self-loops included,
    /// ≈20 bytes each); a larger cluster fails naming the cap.
    #[schemars(range(min = 1, max = u32::MAX))]
    pub max_edges: usize,
}

/// The default cap on stored similarity edges of the graph methods: about 240 MB of
/// graph (12 bytes an edge; 400 MB in submodular), reached by a dense news cluster of
/// roughly 7,500 sentences.
pub const DEFAULT_MAX_EDGES: usize = 20_000_000;

impl Default for Submodular {
    fn default() -> Self {
        Submodular {
            a: 5.0,
            lambda: 6.0,
            r: 0.3,
            cluster_fraction: 0.2,
            kmeans_iter: 20,
            max_edges: DEFAULT_MAX_EDGES,
        }
    }
}

/// Registry entry.
pub const SPEC: Spec = Spec {
    kind: "submodular",
    about: "Submodular coverage + diversity (Lin & Bilmes 2011), budgeted greedy with cost scaling",
    params: params_of::<Submodular>,
    build: build_with::<Submodular>,
};

/// The objective F over a ground set indexed 0..N (sentence ids).
#[derive(Debug, Clone)]
pub struct Objective {
    /// Row i: `(j, w_ij)` for every j with w_ij > 0, by j; each edge stored once.
    rows: FullRows,
    /// α·C_i(V).
    cap: Vec<f64>,
    /// Partition block of each element.
    part: Vec<usize>,
    /// Singleton reward r_j.
    reward: Vec<f64>,
    lambda: f64,
}

/// C_i(S) and the per-block reward sums of a growing summary.
#[derive(Debug, Clone)]
struct State {
    cover: Vec<f64>,
    block: Vec<f64>,
}

impl Objective {
    /// Builds F from full symmetric adjacency lists (diagonal included), a partition and
    /// the parameters a (α = a/N) and λ.
    pub fn new(rows: Vec<Vec<(usize, f64)>>, part: Vec<usize>, a: f64, lambda: f64) -> Self {
        let graph = super::similarity::Graph::symmetric_from_rows(&rows);
        Self::from_graph(FullRows::new(graph), part, a, lambda)
    }

    /// Builds F from a symmetric similarity graph (diagonal included).
    pub fn from_graph(rows: FullRows, part: Vec<usize>, a: f64, lambda: f64) -> Self {
        let n = rows.len().max(1) as f64;
        let sums: Vec<f64> = (0..rows.len())
            .map(|j| rows.row(j).map(|(_, w)| w).sum())
            .collect();
        Objective {
            cap: sums.iter().map(|s| a / n * s).collect(),
            reward: sums.iter().map(|s| s / n).collect(),
            rows,
            part,
            lambda,
        }
    }

    fn empty(&self) -> State {
        State {
            cover: vec![0.0; self.rows.len()],
            block: vec![0.0; self.part.iter().max().map_or(0, |m| m + 1)],
        }
    }

    fn gain(&self, st: &State, j: usize) -> f64 {
        let coverage: f64 = self
            .rows
            .row(j)
            .map(|(i, w)| (st.cover[i] + w).min(self.cap[i]) - st.cover[i].min(self.cap[i]))
            .sum();
        let b = st.block[self.part[j]];
        coverage + self.lambda * ((b + self.reward[j]).sqrt() - b.sqrt())
    }

    fn add(&self, st: &mut State, j: usize) {
        for (i, w) in self.rows.row(j) {
            st.cover[i] += w;
        }
        st.block[self.part[j]] += self.reward[j];
    }

    /// F(S), computed from scratch.
    pub fn value(&self, s: &[usize]) -> f64 {
        let mut st = self.empty();
        s.iter().for_each(|&j| self.add(&mut st, j));
        let coverage: f64 = st.cover.iter().zip(&self.cap).map(|(c, m)| c.min(*m)).sum();
        let diversity: f64 = st.block.iter().map(|b| b.sqrt()).sum();
        coverage + self.lambda * diversity
    }
}

/// A lazy-greedy queue entry: an upper bound on j's ratio, computed after `stamp` picks.
#[derive(Debug, PartialEq)]
struct Entry {
    ratio: f64,
    id: usize,
    stamp: usize,
}

impl Eq for Entry {}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        // Max-heap on ratio; among equals the lower sentence id comes first.
        self.ratio
            .total_cmp(&other.ratio)
            .then(other.id.cmp(&self.id))
    }
}

/// The paper's budgeted greedy (without the final singleton comparison): candidates by
/// decreasing `gain / cost^r`, kept when they fit.
pub fn budgeted_greedy(obj: &Objective, input: &Input<'_>, r: f64) -> Vec<SentenceId> {
    greedy_from(obj, input, r, &singletons(obj, input))
}

/// F({j}) for every candidate j, in candidate order.
fn singletons(obj: &Objective, input: &Input<'_>) -> Vec<f64> {
    let empty = obj.empty();
    input
        .candidates
        .iter()
        .map(|&j| obj.gain(&empty, j))
        .collect()
}

/// The greedy loop, given the singleton values (the first round's gains).
fn greedy_from(obj: &Objective, input: &Input<'_>, r: f64, singles: &[f64]) -> Vec<SentenceId> {
    let c = input.cluster;
    let scaled = |j: usize| (input.budget.cost(&c.sentences[j], 0).max(1) as f64).powf(r);
    let mut st = obj.empty();
    let mut heap: BinaryHeap<Entry> = input
        .candidates
        .iter()
        .zip(singles)
        .map(|(&j, &g)| Entry {
            ratio: g / scaled(j),
            id: j,
            stamp: 0,
        })
        .collect();
    let mut meter = input.budget.meter();
    let mut picked = Vec::new();
    while let Some(top) = heap.pop() {
        if meter.is_full() {
            break;
        }
        let s = &c.sentences[top.id];
        if !meter.fits(s) {
            // It will never fit later either: the summary only grows.
            continue;
        }
        if top.stamp != picked.len() {
            heap.push(Entry {
                ratio: obj.gain(&st, top.id) / scaled(top.id),
                id: top.id,
                stamp: picked.len(),
            });
            continue;
        }
        meter.try_add(s);
        obj.add(&mut st, top.id);
        picked.push(top.id);
    }
    picked
}

/// Greedy, then the best feasible singleton if it beats the greedy summary.
pub fn maximise(obj: &Objective, input: &Input<'_>, r: f64) -> Vec<SentenceId> {
    let singles = singletons(obj, input);
    let greedy = greedy_from(obj, input, r, &singles);
    let fresh = input.budget.meter();
    let best_single = input
        .candidates
        .iter()
        .zip(&singles)
        .filter(|(&v, _)| fresh.fits(&input.cluster.sentences[v]))
        .map(|(&v, &f)| (f, v))
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    match best_single {
        Some((f, v)) if f > obj.value(&greedy) => vec![v],
        _ => greedy,
    }
}

/// Spherical k-means with seeded k-means++ initialisation over unit vectors; `graph`
/// holds the pairwise cosines (row i: (j, cos)) used to seed without extra products.
/// Returns each vector's block (empty vectors: block 0).
pub fn kmeans(
    unit: &[SparseVec],
    graph: &FullRows,
    k: usize,
    iterations: usize,
    rng: &mut Rng,
) -> Vec<usize> {
    let n = unit.len();
    let points: Vec<usize> = (0..n).filter(|&i| !unit[i].entries.is_empty()).collect();
    let mut assign = vec![0usize; n];
    if points.is_empty() {
        return assign;
    }
    let k = k.clamp(1, points.len());
    let centres = kmeans_pp_centres(graph, &points, n, k, rng);
    let mut centroids: Vec<Vec<(u32, f64)>> =
        centres.iter().map(|&c| unit[c].entries.clone()).collect();
    let n_terms = points
        .iter()
        .filter_map(|&p| unit[p].entries.last().map(|&(t, _)| t as usize + 1))
        .max()
        .unwrap_or(0);
    let mut dense = vec![0.0f64; n_terms];
    let mut acc = vec![0.0f64; centres.len()];
    for iteration in 0..iterations.max(1) {
        let changed = assign_to_nearest(
            unit,
            &points,
            &centroids,
            n_terms,
            iteration,
            &mut acc,
            &mut assign,
        );
        if (iteration > 0 && !changed) || iteration + 1 == iterations.max(1) {
            break;
        }
        recompute_centroids(unit, &points, &assign, &mut centroids, &mut dense);
    }
    assign
}

/// k-means++ seeding: up to `k` centres among `points`, the first uniform, each next one
/// drawn with probability ∝ (1 − max cosine to a centre)²; fewer when every point
/// coincides with a centre.
fn kmeans_pp_centres(
    graph: &FullRows,
    points: &[usize],
    n: usize,
    k: usize,
    rng: &mut Rng,
) -> Vec<usize> {
    let mut dist = vec![1.0f64; n];
    let mut centres: Vec<usize> = Vec::with_capacity(k);
    let first = points[(rng.next_f64() * points.len() as f64) as usize % points.len()];
    add_centre(graph, first, &mut dist, &mut centres);
    while centres.len() < k {
        let total: f64 = points.iter().map(|&p| dist[p] * dist[p]).sum();
        if total <= 1e-12 {
            break; // every point coincides with a centre
        }
        let target = rng.next_f64() * total;
        let mut acc = 0.0;
        let mut next = None;
        for &p in points {
            let d2 = dist[p] * dist[p];
            if d2 > 0.0 {
                next = Some(p);
                acc += d2;
                if acc > target {
                    break;
                }
            }
        }
        match next {
            Some(p) => add_centre(graph, p, &mut dist, &mut centres),
            None => break,
        }
    }
    centres
}

/// Takes `c` as a centre and lowers every point's distance to the nearest centre.
fn add_centre(graph: &FullRows, c: usize, dist: &mut [f64], centres: &mut Vec<usize>) {
    centres.push(c);
    dist[c] = 0.0;
    for (j, w) in graph.row(c) {
        dist[j] = dist[j].min((1.0 - w).max(0.0));
    }
}

/// Lloyd's assignment step: moves each point to the centroid of highest cosine (ties to
/// the lower block) through a term index of the centroids; `acc` is all zeros on entry
/// and exit. Returns whether any point changed block.
fn assign_to_nearest(
    unit: &[SparseVec],
    points: &[usize],
    centroids: &[Vec<(u32, f64)>],
    n_terms: usize,
    iteration: usize,
    acc: &mut [f64],
    assign: &mut [usize],
) -> bool {
    let mut postings: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n_terms];
    for (ci, cent) in centroids.iter().enumerate() {
        for &(t, w) in cent {
            postings[t as usize].push((ci, w));
        }
    }
    let mut changed = false;
    for &p in points {
        let mut touched: Vec<usize> = Vec::new();
        for &(t, w) in &unit[p].entries {
            for &(ci, cw) in &postings[t as usize] {
                if acc[ci] == 0.0 {
                    touched.push(ci);
                }
                acc[ci] += w * cw;
            }
        }
        // A point sharing no term with any centroid stays put (block 0 at first).
        let best = touched
            .iter()
            .copied()
            .max_by(|&a, &b| acc[a].total_cmp(&acc[b]).then(b.cmp(&a)))
            .unwrap_or(if iteration == 0 { 0 } else { assign[p] });
        for &ci in &touched {
            acc[ci] = 0.0;
        }
        changed |= best != assign[p];
        assign[p] = best;
    }
    changed
}

/// Lloyd's update step: each centroid becomes its members' normalised sum; an emptied
/// block keeps its centroid. `dense` is all zeros on entry and exit.
fn recompute_centroids(
    unit: &[SparseVec],
    points: &[usize],
    assign: &[usize],
    centroids: &mut [Vec<(u32, f64)>],
    dense: &mut [f64],
) {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); centroids.len()];
    for &p in points {
        members[assign[p]].push(p);
    }
    for (ci, ms) in members.iter().enumerate() {
        if ms.is_empty() {
            continue;
        }
        let mut terms: Vec<u32> = Vec::new();
        for &p in ms {
            for &(t, w) in &unit[p].entries {
                if dense[t as usize] == 0.0 {
                    terms.push(t);
                }
                dense[t as usize] += w;
            }
        }
        terms.sort_unstable();
        let norm = terms
            .iter()
            .map(|&t| dense[t as usize].powi(2))
            .sum::<f64>()
            .sqrt();
        centroids[ci] = terms
            .iter()
            .map(|&t| (t, dense[t as usize] / norm))
            .collect();
        terms.iter().for_each(|&t| dense[t as usize] = 0.0);
    }
}

impl Submodular {
    /// The objective of Lin & Bilmes for `c` (partition seeded by `seed` and the cluster
    /// id); fails when the similarity graph would exceed `max_edges`.
    pub fn objective(&self, c: &ProcessedCluster, seed: u64) -> Result<Objective, Failure> {
        let unit: Vec<SparseVec> = tf_weighted(c, |t| c.idf(t))
            .into_iter()
            .map(|v| {
                let norm = v.norm;
                SparseVec::from_sorted(v.entries.into_iter().map(|(t, w)| (t, w / norm)).collect())
            })
            .collect();
        let nodes: Vec<usize> = (0..unit.len()).collect();
        // w_ii = 1 exactly for every non-empty vector (only those share a term with
        // themselves); other pairs keep their positive cosine.
        let graph = similarity_graph_capped(&unit, &nodes, self.max_edges, |i, j, dot| {
            if i == j {
                Some(1.0)
            } else {
                (dot > 0.0).then_some(dot)
            }
        })
        .map_err(|e| format!("submodular: {}", e.message()))?;
        let rows = FullRows::new(graph);
        let k = (self.cluster_fraction * unit.len() as f64).round().max(1.0) as usize;
        let mut rng = Rng::derived(seed, &c.id);
        let part = kmeans(&unit, &rows, k, self.kmeans_iter, &mut rng);
        Ok(Objective::from_graph(rows, part, self.a, self.lambda))
    }
}

impl Summarizer for Submodular {
    /// The declared ranges, which `select` checks again for structs built in code: a ≤ 0
    /// caps coverage at nothing, and negative λ or r would turn the diversity reward and
    /// the cost scaling into penalties, breaking the monotone submodular objective the
    /// greedy's guarantee rests on.
    fn validate(&self) -> Result<(), String> {
        params::check(self)
    }

    fn select(&self, input: &Input<'_>) -> Result<Vec<SentenceId>, Failure> {
        // Structs built in code skip the builder: check here too.
        self.validate()?;
        let obj = self.objective(input.cluster, input.seed)?;
        Ok(maximise(&obj, input, self.r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summarize::testing::{all, cluster};
    use crate::summarize::{Budget, BudgetUnit};

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    /// W = [[1, .5, 0], [.5, 1, .2], [0, .2, 1]], blocks {0, 1} and {2}.
    fn toy(a: f64, lambda: f64) -> Objective {
        let rows = vec![
            vec![(0, 1.0), (1, 0.5)],
            vec![(0, 0.5), (1, 1.0), (2, 0.2)],
            vec![(1, 0.2), (2, 1.0)],
        ];
        Objective::new(rows, vec![0, 0, 1], a, lambda)
    }

    #[test]
    fn objective_by_hand() {
        // a = 1.5, N = 3 → α = .5; C(V) = (1.5, 1.7, 1.2) → caps (.75, .85, .6);
        // r = C(V)/3 = (.5, .5667, .4).
        let f = toy(1.5, 6.0);
        // S = {0, 2}: C = (1, .7, 1) → L = .75 + .7 + .6 = 2.05; R = √.5 + √.4.
        let want = 2.05 + 6.0 * (0.5f64.sqrt() + 0.4f64.sqrt());
        assert!(
            close(f.value(&[0, 2]), want),
            "{} vs {want}",
            f.value(&[0, 2])
        );
        // S = {0, 1}: C = (1.5, 1.5, .2) → L = .75 + .85 + .2 = 1.8; one block:
        // R = √(.5 + 1.7/3). Same-block picks earn less diversity.
        let want = 1.8 + 6.0 * (0.5 + 1.7 / 3.0f64).sqrt();
        assert!(close(f.value(&[0, 1]), want));
        assert!(f.value(&[0, 2]) > f.value(&[0, 1]));
        // Empty summary: 0. Gains agree with differences of F.
        assert!(close(f.value(&[]), 0.0));
        let mut st = f.empty();
        f.add(&mut st, 0);
        assert!(close(f.gain(&st, 2), f.value(&[0, 2]) - f.value(&[0])));
    }

    #[test]
    fn best_singleton_replaces_a_worse_greedy_summary() {
        // Sentence 0 (10 words) is similar to the two long sentences 3 and 4 (30 words,
        // never affordable); 1 and 2 (2 words) only to themselves. With α = 1 (a = N),
        // λ = 0, r = 1: ratios are 3/10 for 0 and 1/2 for 1 and 2, so the greedy takes 1
        // and 2 (F = 2) and then 0 no longer fits; F({0}) = 3 wins.
        // Capitalised so the segmenter sees sentence starts (lowercase after a period
        // continues a sentence); tokens are lowercased anyway.
        let long = format!("Word {}.", vec!["word"; 29].join(" "));
        let text = format!(
            "One two three four five six seven eight nine ten. Ab cd. Ef gh. {long} {long}"
        );
        let c = cluster(&[("a", None, &text)]);
        assert_eq!(c.sentences.len(), 5);
        let rows = vec![
            vec![(0, 1.0), (3, 1.0), (4, 1.0)],
            vec![(1, 1.0)],
            vec![(2, 1.0)],
            vec![(0, 1.0), (3, 1.0)],
            vec![(0, 1.0), (4, 1.0)],
        ];
        let obj = Objective::new(rows, vec![0; 5], 5.0, 0.0);
        let cands = all(&c);
        let input = Input::new(&c, &cands, Budget::words(10));
        assert_eq!(budgeted_greedy(&obj, &input, 1.0), [1, 2]);
        assert!(close(obj.value(&[1, 2]), 2.0) && close(obj.value(&[0]), 3.0));
        assert_eq!(maximise(&obj, &input, 1.0), [0]);
        // With the paper's r = 0.3 the ratio of 0 is 3/10^.3 ≈ 1.50 > 1/2^.3 ≈ .81, so
        // the greedy itself starts with 0 and fills nothing else.
        assert_eq!(budgeted_greedy(&obj, &input, 0.3), [0]);
    }

    #[test]
    fn lazy_incremental_greedy_equals_the_plain_greedy() {
        // The plain algorithm straight from the paper: recompute every gain from F each
        // round, take argmax gain / cost^r (ties: lower id), keep it if it fits.
        let c = cluster(&[
            ("a", None, "Storm floods hit the coast on Monday. Rescue teams reached the flooded town. Power lines fell across the region. The storm weakened by Tuesday night."),
            ("b", None, "The storm flooded coastal towns. Rescue teams evacuated hundreds from the coast. Officials said power would return by Friday. Schools stayed closed."),
            ("c", None, "Flood damage reached the capital. The government promised aid to flooded towns. Rescue teams found no victims. Power returned to most homes on Friday."),
        ]);
        let cands = all(&c);
        let m = Submodular::default();
        let obj = m.objective(&c, 3).unwrap();
        let input = Input {
            seed: 3,
            ..Input::new(&c, &cands, Budget::words(30))
        };
        let cost = |j: usize| (c.sentences[j].words as f64).powf(m.r);
        let (mut plain, mut used, mut left) = (Vec::new(), 0, cands.clone());
        while !left.is_empty() {
            let f = obj.value(&plain);
            let ratio = |j: usize| {
                let mut with = plain.clone();
                with.push(j);
                (obj.value(&with) - f) / cost(j)
            };
            let best = *left
                .iter()
                .max_by(|&&a, &&b| ratio(a).total_cmp(&ratio(b)).then(b.cmp(&a)))
                .unwrap();
            if used + c.sentences[best].words <= 30 {
                used += c.sentences[best].words;
                plain.push(best);
            }
            left.retain(|&j| j != best);
        }
        assert!(plain.len() >= 2, "{plain:?}");
        assert_eq!(budgeted_greedy(&obj, &input, m.r), plain);
    }

    #[test]
    fn a_graph_over_max_edges_fails_naming_the_cluster_size_and_cap() {
        // Three sentences sharing "storm": 3 self-loops and 3 pairs, 6 stored edges.
        let c = cluster(&[(
            "a",
            None,
            "Storm hit the coast. The storm weakened. Storm damage was light.",
        )]);
        let cands = all(&c);
        let input = Input::new(&c, &cands, Budget::words(10));
        let capped = Submodular {
            max_edges: 5,
            ..Submodular::default()
        };
        let err = capped.select(&input).unwrap_err();
        assert!(
            err.starts_with(
                "submodular: the sentence similarity graph of 3 sentences needs more than \
                 max_edges = 5 stored edges"
            ),
            "{err}"
        );
        let enough = Submodular {
            max_edges: 6,
            ..Submodular::default()
        };
        assert_eq!(
            enough.select(&input).unwrap(),
            Submodular::default().select(&input).unwrap()
        );
    }

    #[test]
    fn kmeans_separates_disjoint_topics() {
        // Three identical "zorb quix" sentences and two about gork/mip: after the first
        // centre every zorb point is at distance 0, so k-means++ must take a gork
        // sentence next, and Lloyd keeps the two topics apart.
        let c = cluster(&[(
            "a",
            None,
            "Zorb quix. Gork mip fen. Zorb quix. Gork mip gat. Zorb quix.",
        )]);
        for seed in 0..5 {
            let obj = Submodular {
                cluster_fraction: 0.4,
                ..Submodular::default()
            }
            .objective(&c, seed)
            .unwrap();
            let p = &obj.part;
            assert!(
                p[0] == p[2] && p[2] == p[4] && p[1] == p[3] && p[0] != p[1],
                "{p:?}"
            );
        }
    }

    #[test]
    fn real_text_is_deterministic_and_within_budget() {
        let c = cluster(&[
            ("a", None, "Storm floods hit the coast on Monday. Rescue teams reached the flooded town. Power lines fell across the region."),
            ("b", None, "The storm flooded coastal towns. Rescue teams evacuated hundreds. Officials said power would return by Friday."),
        ]);
        let cands = all(&c);
        let budget = Budget {
            unit: BudgetUnit::Words,
            limit: 12,
            truncate: false,
        };
        let input = Input {
            seed: 42,
            ..Input::new(&c, &cands, budget)
        };
        let m = Submodular::default();
        let a = m.select(&input).unwrap();
        assert_eq!(a, m.select(&input).unwrap());
        let words: usize = a.iter().map(|&i| c.sentences[i].words).sum();
        assert!(!a.is_empty() && words <= 12, "{a:?}");
        let bad = Submodular {
            cluster_fraction: 0.0,
            ..m
        };
        assert!(bad.select(&input).unwrap_err().contains("cluster_fraction"));
    }

    #[test]
    fn out_of_range_parameters_are_refused_when_built() {
        use crate::summarize::params::{accepted, refused};
        for (yaml, says) in [
            (
                "{a: -1}",
                "a: -1 is out of range; expected a finite number > 0",
            ),
            ("{lambda: -6}", "lambda: -6"),
            ("{r: .inf}", "r: inf"),
            (
                "{cluster_fraction: 0}",
                "cluster_fraction: 0 is out of range; expected a number in (0, 1]",
            ),
            ("{kmeans_iter: 0}", "kmeans_iter: 0"),
            (
                "{max_edges: 0}",
                "max_edges: 0 is out of range; expected an integer in [1, 4294967295]",
            ),
        ] {
            let err = refused::<Submodular>(yaml);
            assert!(err.contains(says), "{yaml}: {err}");
        }
        accepted::<Submodular>("{lambda: 0, r: 0, cluster_fraction: 1, kmeans_iter: 1}");
    }
}
