//! Paired significance tests between two systems scored on the same clusters.
//!
//! Both tests work on the per-cluster differences `d_i = a_i - b_i` and are two-sided
//! (H0: the systems are equally good; no direction assumed):
//!
//! - **Approximate randomisation** (Noreen 1989; Riezler & Maxwell 2005): under H0 the
//!   labels A/B of each cluster are exchangeable, so each `d_i` flips sign with
//!   probability 1/2. The p-value is the share of sign-flipped samples whose |mean| is at
//!   least the observed |mean|, with the usual +1 correction `(c + 1) / (R + 1)`. When
//!   `2^n` does not exceed the resample count, all `2^n` sign patterns are enumerated and
//!   the p-value is exact.
//! - **Paired bootstrap** (Efron & Tibshirani 1993, §16.4; Koehn 2004): clusters are
//!   resampled with replacement; the p-value is the share of resampled means that lie at
//!   least |observed mean| away from the observed mean (the bootstrap distribution
//!   shifted to H0), again `(c + 1) / (R + 1)`.
//!
//! Comparisons use a tolerance relative to the scores' scale, because sums of the same
//! numbers in another order can differ in the last bit and a tie must count as a tie.
use super::Rng;
use serde::{Deserialize, Serialize};

/// The outcome of comparing system A with system B.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Comparison {
    /// Number of paired clusters.
    pub clusters: usize,
    /// Mean of A's scores.
    pub mean_a: f64,
    /// Mean of B's scores.
    pub mean_b: f64,
    /// Mean of `a_i - b_i`.
    pub mean_diff: f64,
    /// Clusters on which A scored higher, equal, lower.
    pub wins_ties_losses: (usize, usize, usize),
    /// Two-sided p-value of the approximate randomisation (sign-flip) test.
    pub permutation_p: f64,
    /// Whether `permutation_p` is exact (all `2^n` sign patterns enumerated).
    pub permutation_exact: bool,
    /// Sign patterns evaluated (resamples, or `2^n` when exact).
    pub permutation_samples: u64,
    /// Two-sided p-value of the paired bootstrap test.
    pub bootstrap_p: f64,
    /// Bootstrap resamples drawn.
    pub bootstrap_samples: u64,
}

fn tolerance(d: &[f64]) -> f64 {
    1e-9 * d.iter().map(|x| x.abs()).sum::<f64>().max(1e-12)
}

/// Exact two-sided sign-flip p-value: the share of all `2^n` sign patterns whose |sum|
/// is at least the observed |sum|. `d` must hold at most 30 values.
pub fn exact_permutation_p(d: &[f64]) -> f64 {
    assert!(d.len() <= 30, "exact enumeration is limited to 30 clusters");
    let observed = d.iter().sum::<f64>().abs();
    let tol = tolerance(d);
    let patterns = 1u64 << d.len();
    let mut count = 0u64;
    for mask in 0..patterns {
        let s: f64 = d
            .iter()
            .enumerate()
            .map(|(i, &x)| if mask >> i & 1 == 1 { -x } else { x })
            .sum();
        if s.abs() >= observed - tol {
            count += 1;
        }
    }
    count as f64 / patterns as f64
}

/// Approximate randomisation p-value with `resamples` random sign patterns, or the exact
/// p-value when `2^n <= resamples`. Returns `(p, exact, patterns evaluated)`.
pub fn permutation_p(d: &[f64], resamples: u64, rng: &mut Rng) -> (f64, bool, u64) {
    if d.len() < 64 && (1u64 << d.len()) <= resamples {
        return (exact_permutation_p(d), true, 1u64 << d.len());
    }
    let observed = d.iter().sum::<f64>().abs();
    let tol = tolerance(d);
    let mut count = 0u64;
    for _ in 0..resamples {
        let mut s = 0.0;
        for &x in d {
            s += if rng.coin() { -x } else { x };
        }
        if s.abs() >= observed - tol {
            count += 1;
        }
    }
    (
        (count + 1) as f64 / (resamples + 1) as f64,
        false,
        resamples,
    )
}

/// Paired bootstrap p-value with `resamples` resamples of the clusters.
pub fn bootstrap_p(d: &[f64], resamples: u64, rng: &mut Rng) -> f64 {
    let n = d.len();
    if n == 0 {
        return 1.0;
    }
    let observed: f64 = d.iter().sum();
    let tol = tolerance(d);
    let mut count = 0u64;
    for _ in 0..resamples {
        let mut s = 0.0;
        for _ in 0..n {
            s += d[rng.below(n as u64) as usize];
        }
        // Sums, not means: |mean* - mean| >= |mean|  <=>  |s* - s| >= |s|.
        if (s - observed).abs() >= observed.abs() - tol {
            count += 1;
        }
    }
    (count + 1) as f64 / (resamples + 1) as f64
}

/// Compares paired scores `a` and `b` (same clusters, same order) with both tests, each
/// drawing `resamples` samples from its own stream derived from `seed`.
pub fn compare(a: &[f64], b: &[f64], resamples: u64, seed: u64) -> Comparison {
    assert_eq!(a.len(), b.len(), "paired scores must have equal length");
    let n = a.len();
    let d: Vec<f64> = a.iter().zip(b).map(|(x, y)| x - y).collect();
    let mean = |v: &[f64]| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let tol = tolerance(&d) / n.max(1) as f64;
    let wins = d.iter().filter(|&&x| x > tol).count();
    let losses = d.iter().filter(|&&x| x < -tol).count();
    let (permutation_p, permutation_exact, permutation_samples) =
        permutation_p(&d, resamples, &mut Rng::derived(seed, "permutation"));
    Comparison {
        clusters: n,
        mean_a: mean(a),
        mean_b: mean(b),
        mean_diff: mean(&d),
        wins_ties_losses: (wins, n - wins - losses, losses),
        permutation_p,
        permutation_exact,
        permutation_samples,
        bootstrap_p: bootstrap_p(&d, resamples, &mut Rng::derived(seed, "bootstrap")),
        bootstrap_samples: resamples,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_systems_have_p_one() {
        let a = [0.1, 0.25, 0.3, 0.05, 0.4, 0.12, 0.33, 0.2, 0.21, 0.09];
        let c = compare(&a, &a, 1000, 42);
        assert_eq!(c.mean_diff, 0.0);
        assert_eq!(c.permutation_p, 1.0);
        assert_eq!(c.bootstrap_p, 1.0);
        assert_eq!(c.wins_ties_losses, (0, 10, 0));
    }

    #[test]
    fn exact_sign_flip_counts_by_hand() {
        // d = (1, 2, 3), observed sum 6. The 8 signed sums are 6, 4, 2, 0, 0, -2, -4, -6;
        // two of them have |sum| >= 6, so p = 2/8.
        assert_eq!(exact_permutation_p(&[1.0, 2.0, 3.0]), 0.25);
        // d = (3, 1): sums 4, 2, -2, -4; |sum| >= 4 twice out of 4.
        assert_eq!(exact_permutation_p(&[3.0, 1.0]), 0.5);
        // d = (1, -1, 2): observed 2; sums ±1±1±2 = 4,2,2,0,0,-2,-2,-4; |sum| >= 2: 6 of 8.
        assert_eq!(exact_permutation_p(&[1.0, -1.0, 2.0]), 0.75);
        // Decimal scores whose sums round differently still tie: d = (0.1, 0.2, 0.3)
        // has signed sums 0.6, 0.4, 0.2, 0.0 (twice), -0.2, -0.4, -0.6: p = 2/8.
        assert_eq!(exact_permutation_p(&[0.1, 0.2, 0.3]), 0.25);
    }

    #[test]
    fn exact_and_randomised_agree_with_an_independent_enumeration() {
        // Enumerated independently (Python, itertools.product over the 1024 sign
        // patterns): 100 patterns reach |sum| >= 20, p = 100/1024.
        let d = [5.0, -2.0, 3.0, 4.0, -1.0, 6.0, 2.0, -3.0, 1.0, 5.0];
        assert_eq!(exact_permutation_p(&d), 100.0 / 1024.0);
        // 1000 < 2^10 resamples: the randomised test, within three standard errors
        // (sqrt(0.098 * 0.902 / 1000) = 0.0094) of the exact value.
        let (p, exact, n) = permutation_p(&d, 1000, &mut Rng::new(5));
        assert!(!exact && n == 1000);
        assert!((p - 100.0 / 1024.0).abs() < 0.03, "{p}");
    }

    #[test]
    fn bootstrap_matches_a_hand_computed_distribution() {
        // d = (1, 0): resampled sums 2, 1, 1, 0 with probability 1/4 each; the sums at
        // least |1| away from the observed 1 are 2 and 0, so p tends to 1/2.
        let p = bootstrap_p(&[1.0, 0.0], 20_000, &mut Rng::new(11));
        assert!((p - 0.5).abs() < 0.015, "{p}");
    }

    #[test]
    fn small_samples_are_enumerated_exactly() {
        let (p, exact, n) = permutation_p(&[1.0, 2.0, 3.0], 1000, &mut Rng::new(1));
        assert_eq!((p, exact, n), (0.25, true, 8));
    }

    #[test]
    fn better_on_every_one_of_twenty_clusters_is_significant() {
        // 2^20 > 10_000, so this is the randomised test. Only the all-plus and all-minus
        // patterns reach |mean| = 0.1: chance 2 / 2^20, so nearly every sample falls
        // short and p is about 1 / (R + 1).
        let b: Vec<f64> = (0..20).map(|i| 0.2 + 0.01 * i as f64).collect();
        let a: Vec<f64> = b.iter().map(|x| x + 0.1).collect();
        let c = compare(&a, &b, 10_000, 7);
        assert!(!c.permutation_exact);
        assert!(c.permutation_p < 0.001, "{c:?}");
        // Every bootstrap resample of twenty +0.1 differences has mean exactly 0.1, never
        // 0.1 away from the observed mean.
        assert!(c.bootstrap_p < 0.001, "{c:?}");
        assert_eq!(c.wins_ties_losses, (20, 0, 0));
        assert!((c.mean_diff - 0.1).abs() < 1e-12);
    }

    #[test]
    fn mixed_differences_are_not_significant() {
        // Ten wins and ten losses of the same size: mean 0, every sample is as extreme.
        let a: Vec<f64> = (0..20)
            .map(|i| if i % 2 == 0 { 0.3 } else { 0.1 })
            .collect();
        let b: Vec<f64> = (0..20)
            .map(|i| if i % 2 == 0 { 0.1 } else { 0.3 })
            .collect();
        let c = compare(&a, &b, 2000, 3);
        assert_eq!(c.permutation_p, 1.0);
        assert_eq!(c.bootstrap_p, 1.0);
    }

    #[test]
    fn same_seed_same_p_values() {
        let a: Vec<f64> = (0..30).map(|i| ((i * 7) % 11) as f64 / 10.0).collect();
        let b: Vec<f64> = (0..30).map(|i| ((i * 5) % 13) as f64 / 12.0).collect();
        assert_eq!(compare(&a, &b, 500, 9), compare(&a, &b, 500, 9));
    }
}
