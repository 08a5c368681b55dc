//! LSA summarization after Steinberger & Ježek ("Using Latent Semantic Analysis in Text
//! Summarization and Summary Evaluation", ISIM 2004).
//!
//! The candidates form a term × sentence matrix A over content terms (stemmed, stopwords
//! removed). Weights are binary by default (1 when the term occurs) — the local weight
//! Steinberger et al. later found best (Steinberger, Poesio, Kabadjov & Ježek 2007) — or
//! tf·idf with the cluster's smoothed IDF. With A = UΣVᵀ, sentence i scores
//! `sqrt(Σ_k (σ_k · v_{k,i})²)` over the dimensions whose singular value exceeds
//! `min_ratio` × σ₁ (their dimension rule: 0.5, half the largest), and sentences are taken
//! by score while they fit.
//!
//! The SVD is computed here rather than through a dense LAPACK binding: A has a handful
//! of non-zeros per column, so Lanczos iteration on AᵀA (with full re-orthogonalisation,
//! so the Krylov basis stays orthogonal in floating point) needs only sparse products
//! `A x` and `Aᵀ y`. It stops once every Ritz pair above the threshold has a residual
//! below 1e-8·σ₁², or after [`LANCZOS_STEPS`] steps: with the default rule a
//! 5,000-sentence cluster keeps a handful of dimensions and converges in tens of steps
//! (milliseconds); a small `min_ratio` on such a cluster can ask for more dimensions
//! than the cap resolves, and then the trailing ones are approximate (and a run takes
//! about a second). The tridiagonal eigenproblem is
//! solved by implicit QL with Wilkinson shifts. Start vectors come from a fixed-seed
//! SplitMix64 stream, so the result is deterministic; the score is sign-free in v.
use super::registry::{build_with, params_of, Spec};
use super::{params, select, Failure, Input, SentenceId, Summarizer};
use crate::stats::Rng;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Most Lanczos steps (Krylov dimension) per cluster.
pub const LANCZOS_STEPS: usize = 300;

/// Term weights in the term × sentence matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LsaWeighting {
    /// 1 when the term occurs in the sentence.
    #[default]
    Binary,
    /// Term frequency × the cluster's smoothed IDF.
    TfIdf,
}

/// Steinberger & Ježek's LSA summarizer.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Lsa {
    /// Term weights in the term × sentence matrix.
    pub weighting: LsaWeighting,
    /// Keep the SVD dimensions whose singular value exceeds this fraction of the largest,
    /// σ_k > min_ratio · σ₁ (1 or more would keep none: every score 0).
    #[schemars(range(min = 0), extend("exclusiveMaximum" = 1))]
    pub min_ratio: f64,
}

impl Default for Lsa {
    fn default() -> Self {
        Lsa {
            weighting: LsaWeighting::Binary,
            min_ratio: 0.5,
        }
    }
}

/// Registry entry.
pub const SPEC: Spec = Spec {
    kind: "lsa",
    about: "LSA (Steinberger & Ježek 2004): sentence length in the reduced SVD space",
    params: params_of::<Lsa>,
    build: build_with::<Lsa>,
};

/// A singular value and its right singular vector (one entry per matrix column).
#[derive(Debug, Clone)]
pub struct Singular {
    /// σ.
    pub value: f64,
    /// v, unit length.
    pub vector: Vec<f64>,
}

/// The singular triplets of a sparse matrix given by columns (`(row, weight)` entries)
/// whose σ exceeds `ratio` × σ₁, largest first (right vectors only).
pub fn top_singular(columns: &[Vec<(usize, f64)>], n_rows: usize, ratio: f64) -> Vec<Singular> {
    if columns.is_empty() || columns.iter().all(|c| c.iter().all(|&(_, w)| w == 0.0)) {
        return Vec::new();
    }
    match lanczos(columns, n_rows, ratio) {
        Some(krylov) => ritz_pairs(krylov, columns.len(), ratio),
        None => Vec::new(),
    }
}

/// The Lanczos basis of AᵀA and its tridiagonal matrix (diagonal `alpha`, off-diagonal
/// `beta`, a 0 where the basis restarted from a fresh direction).
struct Krylov {
    basis: Vec<Vec<f64>>,
    alpha: Vec<f64>,
    beta: Vec<f64>,
}

/// x ↦ AᵀA x through the sparse columns, with a scratch vector of one entry per row.
struct Gram<'a> {
    columns: &'a [Vec<(usize, f64)>],
    tmp: Vec<f64>,
}

impl Gram<'_> {
    fn apply(&mut self, x: &[f64], out: &mut [f64]) {
        self.tmp.iter_mut().for_each(|v| *v = 0.0);
        for (col, &xj) in self.columns.iter().zip(x) {
            if xj != 0.0 {
                for &(r, w) in col {
                    self.tmp[r] += w * xj;
                }
            }
        }
        for (col, o) in self.columns.iter().zip(out.iter_mut()) {
            *o = col.iter().map(|&(r, w)| w * self.tmp[r]).sum();
        }
    }
}

/// A random unit vector of length `n` orthogonal to `basis`; `None` when none is left
/// (the basis spans the space, up to rounding).
fn random_unit(rng: &mut Rng, n: usize, basis: &[Vec<f64>]) -> Option<Vec<f64>> {
    let mut v: Vec<f64> = (0..n).map(|_| rng.next_f64() - 0.5).collect();
    orthogonalise(&mut v, basis);
    let norm = dot(&v, &v).sqrt();
    (norm > 1e-8).then(|| v.iter().map(|x| x / norm).collect())
}

/// Lanczos on AᵀA from a seeded random start, with full reorthogonalisation, for at
/// most [`LANCZOS_STEPS`] steps or until the Ritz values above the threshold converge;
/// `None` when no start vector exists.
fn lanczos(columns: &[Vec<(usize, f64)>], n_rows: usize, ratio: f64) -> Option<Krylov> {
    let n = columns.len();
    let mut gram = Gram {
        columns,
        tmp: vec![0.0; n_rows],
    };
    let mut rng = Rng::new(0x4C53_415F_5354_4152);
    let steps = LANCZOS_STEPS.min(n);
    let mut basis: Vec<Vec<f64>> = Vec::new();
    let mut alpha: Vec<f64> = Vec::new();
    let mut beta: Vec<f64> = Vec::new();
    let mut q = random_unit(&mut rng, n, &basis)?;
    let mut w = vec![0.0; n];
    loop {
        gram.apply(&q, &mut w);
        let a = dot(&q, &w);
        axpy(&mut w, -a, &q);
        if let (Some(prev), Some(&b)) = (basis.last(), beta.last()) {
            axpy(&mut w, -b, prev);
        }
        basis.push(q);
        alpha.push(a);
        orthogonalise(&mut w, &basis);
        let b = dot(&w, &w).sqrt();
        let k = basis.len();
        if k == steps || (k.is_multiple_of(10) && converged(&alpha, &beta, b, ratio)) {
            break;
        }
        let scale = alpha.iter().fold(0.0f64, |m, x| m.max(x.abs()));
        if b <= 1e-10 * scale {
            // An invariant subspace is exhausted: continue from a fresh direction.
            match random_unit(&mut rng, n, &basis) {
                Some(v) => {
                    beta.push(0.0);
                    q = v;
                }
                None => break,
            }
        } else {
            beta.push(b);
            q = w.iter().map(|x| x / b).collect();
        }
    }
    Some(Krylov { basis, alpha, beta })
}

/// The Ritz pairs of `krylov` whose value exceeds `ratio`² × the largest (and is not
/// rounding noise), largest first, as singular values and right vectors of length `n`.
fn ritz_pairs(krylov: Krylov, n: usize, ratio: f64) -> Vec<Singular> {
    let Krylov { basis, alpha, beta } = krylov;
    let k = alpha.len();
    let mut d = alpha;
    let mut e: Vec<f64> = beta[..k - 1].to_vec();
    e.push(0.0);
    let mut z: Vec<Vec<f64>> = (0..k)
        .map(|i| (0..k).map(|j| f64::from(u8::from(i == j))).collect())
        .collect();
    tridiagonal_eigen(&mut d, &mut e, &mut z);
    let top = d.iter().fold(0.0f64, |m, &x| m.max(x));
    let mut order: Vec<usize> = (0..k)
        .filter(|&i| d[i] > ratio * ratio * top && d[i] > 1e-12 * top)
        .collect();
    order.sort_by(|&a, &b| d[b].total_cmp(&d[a]).then(a.cmp(&b)));
    order
        .into_iter()
        .map(|i| {
            let mut v = vec![0.0; n];
            for (j, qj) in basis.iter().enumerate() {
                axpy(&mut v, z[j][i], qj);
            }
            Singular {
                value: d[i].sqrt(),
                vector: v,
            }
        })
        .collect()
}

/// Whether every Ritz pair of the current tridiagonal matrix above the threshold has a
/// small residual `|b · y_last|`.
fn converged(alpha: &[f64], beta: &[f64], b: f64, ratio: f64) -> bool {
    let k = alpha.len();
    let mut d = alpha.to_vec();
    let mut e: Vec<f64> = beta[..k - 1].to_vec();
    e.push(0.0);
    // Only the last row of the eigenvector matrix is needed for the residuals.
    let mut last = vec![vec![0.0; k]];
    last[0][k - 1] = 1.0;
    tridiagonal_eigen(&mut d, &mut e, &mut last);
    let top = d.iter().fold(0.0f64, |m, &x| m.max(x));
    (0..k)
        .filter(|&i| d[i] > ratio * ratio * top)
        .all(|i| (b * last[0][i]).abs() <= 1e-8 * top)
}

/// Eigenvalues of the symmetric tridiagonal matrix with diagonal `d` and off-diagonal
/// `e` (`e[i]` couples i and i+1, last entry unused) by the implicit QL method with
/// Wilkinson shifts; `d` receives the eigenvalues (unsorted). Each row of `z` is
/// transformed as a row of the eigenvector matrix: start from identity rows to get
/// eigenvectors as columns, or from selected rows to track just those components.
pub fn tridiagonal_eigen(d: &mut [f64], e: &mut [f64], z: &mut [Vec<f64>]) {
    let n = d.len();
    for l in 0..n {
        let mut iter = 0;
        loop {
            let mut m = l;
            while m + 1 < n {
                let dd = d[m].abs() + d[m + 1].abs();
                if e[m].abs() <= f64::EPSILON * dd {
                    break;
                }
                m += 1;
            }
            if m == l || iter == 60 {
                break;
            }
            iter += 1;
            let mut g = (d[l + 1] - d[l]) / (2.0 * e[l]);
            let mut r = g.hypot(1.0);
            g = d[m] - d[l] + e[l] / (g + if g >= 0.0 { r } else { -r });
            let (mut s, mut c, mut p) = (1.0f64, 1.0f64, 0.0f64);
            let mut underflow = false;
            let mut i = m;
            while i > l {
                i -= 1;
                let f = s * e[i];
                let b = c * e[i];
                r = f.hypot(g);
                e[i + 1] = r;
                if r == 0.0 {
                    d[i + 1] -= p;
                    e[m] = 0.0;
                    underflow = true;
                    break;
                }
                s = f / r;
                c = g / r;
                g = d[i + 1] - p;
                r = (d[i] - g) * s + 2.0 * c * b;
                p = s * r;
                d[i + 1] = g + p;
                g = c * r - b;
                for row in z.iter_mut() {
                    let f = row[i + 1];
                    row[i + 1] = s * row[i] + c * f;
                    row[i] = c * row[i] - s * f;
                }
            }
            if underflow {
                continue;
            }
            d[l] -= p;
            e[l] = g;
            e[m] = 0.0;
        }
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn axpy(y: &mut [f64], a: f64, x: &[f64]) {
    y.iter_mut().zip(x).for_each(|(yi, xi)| *yi += a * xi);
}

/// Removes the components along `basis` (twice: one classical Gram–Schmidt pass loses
/// orthogonality in floating point).
fn orthogonalise(v: &mut [f64], basis: &[Vec<f64>]) {
    for _ in 0..2 {
        for q in basis {
            let c = dot(q, v);
            axpy(v, -c, q);
        }
    }
}

impl Lsa {
    fn lsa_scores(&self, input: &Input<'_>) -> Result<Vec<f64>, Failure> {
        // Structs built in code skip the builder: check here too.
        params::check(self)?;
        let c = input.cluster;
        let columns: Vec<Vec<(usize, f64)>> = input
            .candidates
            .iter()
            .map(|&i| {
                c.sentences[i]
                    .tf
                    .iter()
                    .map(|&(t, n)| {
                        let w = match self.weighting {
                            LsaWeighting::Binary => 1.0,
                            LsaWeighting::TfIdf => n as f64 * c.idf(t),
                        };
                        (t as usize, w)
                    })
                    .collect()
            })
            .collect();
        let dims = top_singular(&columns, c.vocab.len(), self.min_ratio);
        let mut scores = vec![0.0; c.sentences.len()];
        for (pos, &id) in input.candidates.iter().enumerate() {
            scores[id] = dims
                .iter()
                .map(|s| (s.value * s.vector[pos]).powi(2))
                .sum::<f64>()
                .sqrt();
        }
        Ok(scores)
    }
}

impl Summarizer for Lsa {
    fn select(&self, input: &Input<'_>) -> Result<Vec<SentenceId>, Failure> {
        Ok(select::greedy(input, &self.lsa_scores(input)?, None))
    }

    fn scores(&self, input: &Input<'_>) -> Option<Result<Vec<f64>, Failure>> {
        Some(self.lsa_scores(input))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summarize::testing::{all, cluster};
    use crate::summarize::Budget;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn tridiagonal_eigenvalues_of_the_discrete_laplacian() {
        // tridiag(1, 2, 1) of order 3 has eigenvalues 2 − √2, 2, 2 + √2 with
        // eigenvector (1, √2, 1)/2 for the largest.
        let mut d = vec![2.0; 3];
        let mut e = vec![1.0, 1.0, 0.0];
        let mut z: Vec<Vec<f64>> = (0..3)
            .map(|i| (0..3).map(|j| f64::from(u8::from(i == j))).collect())
            .collect();
        tridiagonal_eigen(&mut d, &mut e, &mut z);
        let mut sorted = d.clone();
        sorted.sort_by(f64::total_cmp);
        let r2 = 2.0f64.sqrt();
        assert!(close(sorted[0], 2.0 - r2) && close(sorted[1], 2.0) && close(sorted[2], 2.0 + r2));
        let top = (0..3).max_by(|&a, &b| d[a].total_cmp(&d[b])).unwrap();
        let v: Vec<f64> = (0..3).map(|r| z[r][top].abs()).collect();
        assert!(
            close(v[0], 0.5) && close(v[1], r2 / 2.0) && close(v[2], 0.5),
            "{v:?}"
        );
    }

    /// A = [[3, 2, 2], [2, 3, −2]] (2 terms × 3 sentences): σ = 5, 3 with right singular
    /// vectors (1, 1, 0)/√2 and (1, −1, 4)/√18 (AᵀA eigenvalues 25, 9, 0).
    fn textbook() -> Vec<Vec<(usize, f64)>> {
        vec![
            vec![(0, 3.0), (1, 2.0)],
            vec![(0, 2.0), (1, 3.0)],
            vec![(0, 2.0), (1, -2.0)],
        ]
    }

    #[test]
    fn svd_matches_the_closed_form() {
        let s = top_singular(&textbook(), 2, 0.0);
        assert_eq!(s.len(), 2, "the zero singular value is dropped");
        assert!(close(s[0].value, 5.0) && close(s[1].value, 3.0));
        let r2 = 2.0f64.sqrt();
        let r18 = 18.0f64.sqrt();
        let v0: Vec<f64> = s[0].vector.iter().map(|x| x.abs()).collect();
        let v1: Vec<f64> = s[1].vector.iter().map(|x| x.abs()).collect();
        assert!(close(v0[0], 1.0 / r2) && close(v0[1], 1.0 / r2) && close(v0[2], 0.0));
        assert!(close(v1[0], 1.0 / r18) && close(v1[1], 1.0 / r18) && close(v1[2], 4.0 / r18));
        // Signs are free but v1 must have v1[0] = −v1[1] and v1[2] with v1[0]'s sign.
        assert!(close(s[1].vector[0], -s[1].vector[1]) && s[1].vector[0] * s[1].vector[2] > 0.0);
        // The dimension rule: 3 ≤ 0.7 · 5, so only σ = 5 remains.
        let kept = top_singular(&textbook(), 2, 0.7);
        assert_eq!(kept.len(), 1);
        assert!(close(kept[0].value, 5.0));
    }

    #[test]
    fn svd_of_a_scaled_permutation_needs_many_steps() {
        // Column j holds σ_j = j + 1 in row (7j mod 40): singular values 1..40 with
        // v_k = e_k. Keeping σ > 0.5 · 40 = 20 leaves σ = 40, 39, …, 21.
        let n = 40;
        let cols: Vec<Vec<(usize, f64)>> = (0..n)
            .map(|j| vec![((7 * j) % n, (j + 1) as f64)])
            .collect();
        let s = top_singular(&cols, n, 0.5);
        assert_eq!(s.len(), 20);
        for (k, sv) in s.iter().enumerate() {
            let want = (n - k) as f64;
            assert!(
                (sv.value - want).abs() < 1e-7,
                "σ_{k} = {} vs {want}",
                sv.value
            );
            assert!((sv.vector[n - 1 - k].abs() - 1.0).abs() < 1e-6);
        }
    }

    #[test]
    fn sentence_scores_are_lengths_in_the_reduced_space() {
        // Binary matrix of "Zorb quix. Zorb quix blam. Blam gork." over zorb, quix, blam,
        // gork: columns (1,1,0,0), (1,1,1,0), (0,0,1,1), so AᵀA = [[2,2,0],[2,3,1],[0,1,2]]
        // with characteristic polynomial (2 − λ)(λ² − 5λ + 1): λ = (5 ± √21)/2 and 2.
        let c = cluster(&[("a", None, "Zorb quix. Zorb quix blam. Blam gork.")]);
        let cands = all(&c);
        let input = Input::new(&c, &cands, Budget::words(100));
        let all_dims = Lsa {
            weighting: LsaWeighting::Binary,
            min_ratio: 0.0,
        };
        let s = all_dims.scores(&input).unwrap().unwrap();
        // Every dimension kept: Σ_k σ_k² v_{k,i}² = (AᵀA)_{ii}, the squared column norms.
        assert!(
            close(s[0], 2f64.sqrt()) && close(s[1], 3f64.sqrt()) && close(s[2], 2f64.sqrt()),
            "{s:?}"
        );
        // Default rule σ > σ₁/2: σ₁² ≈ 4.79, so λ = 2 stays and λ₃ = (5 − √21)/2 ≈ 0.21
        // goes. Its eigenvector solves (2 − λ)x + 2y = 0, y + (2 − λ)z = 0:
        // v ∝ (1, −(2 − λ)/2, 1/2); each score loses λ₃ v_i².
        let l3 = (5.0 - 21f64.sqrt()) / 2.0;
        let v = [1.0, -(2.0 - l3) / 2.0, 0.5];
        let n2: f64 = v.iter().map(|x| x * x).sum();
        let want: Vec<f64> = [2.0, 3.0, 2.0]
            .iter()
            .zip(v)
            .map(|(d, vi)| (d - l3 * vi * vi / n2).sqrt())
            .collect();
        let s = Lsa::default().scores(&input).unwrap().unwrap();
        for i in 0..3 {
            assert!(close(s[i], want[i]), "{s:?} vs {want:?}");
        }
        // Sentence 1 is the longest vector: picked first.
        assert_eq!(Lsa::default().select(&input).unwrap()[0], 1);
    }

    #[test]
    fn out_of_range_min_ratio_is_refused_when_built() {
        use crate::summarize::params::{accepted, refused};
        let err = refused::<Lsa>("{min_ratio: 1}");
        assert!(
            err.contains("min_ratio: 1 is out of range; expected a number in [0, 1)"),
            "{err}"
        );
        assert!(refused::<Lsa>("{min_ratio: -0.5}").contains("min_ratio: -0.5"));
        accepted::<Lsa>("{min_ratio: 0, weighting: tf-idf}");
    }
}
