//! Seeded random baseline: a uniformly random set of candidate sentences within the budget.
//!
//! Every sentence gets an independent uniform key from SplitMix64 (Steele, Lea & Flood,
//! "Fast splittable pseudorandom number generators", OOPSLA 2014) seeded by the run seed,
//! the cluster id and the sentence id; sentences are taken by descending key while they
//! fit. Sorting by i.i.d. keys is a uniformly random permutation, so this is uniform over
//! candidates, and because each key depends only on (seed, cluster, sentence) the output
//! is the same for the same seed whatever order clusters are processed in. The generator
//! is a dozen lines, so no `rand` dependency is needed; other summarizers that need
//! seeded randomness (k-means initialisation in `submodular`) reuse [`Rng`].
use super::registry::{build_with, defaults_of, Spec};
use super::{select, Failure, Input, SentenceId, Summarizer};
use serde::{Deserialize, Serialize};

/// The random baseline (no parameters: the seed is the run's `seed`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Random {}

/// Registry entry.
pub const SPEC: Spec = Spec {
    kind: "random",
    about: "Random baseline: uniformly random candidate sentences, seeded by the run seed and cluster id",
    params: &[],
    defaults: defaults_of::<Random>,
    build: build_with::<Random>,
};

/// One SplitMix64 step: advances `state` and returns the next output.
pub fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// 64-bit FNV-1a of `bytes`: a fixed hash (unlike std's randomly keyed one) for mixing
/// cluster ids into seeds.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xCBF2_9CE4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3)
    })
}

/// A small deterministic generator (SplitMix64) for seeded choices.
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

impl Rng {
    /// A generator for one cluster: the run seed mixed with the cluster id, so clusters
    /// get unrelated streams.
    pub fn for_cluster(seed: u64, cluster_id: &str) -> Self {
        let mut state = seed ^ fnv1a(cluster_id.as_bytes());
        // One step decorrelates seeds that differ in few bits.
        splitmix64(&mut state);
        Rng { state }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        splitmix64(&mut self.state)
    }

    /// A uniform float in [0, 1) with 53 random bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

impl Random {
    fn keys(input: &Input<'_>) -> Vec<f64> {
        let base = Rng::for_cluster(input.seed, &input.cluster.id).next_u64();
        (0..input.cluster.sentences.len())
            .map(|i| {
                let mut state = base ^ (i as u64).wrapping_mul(0xD1B5_4A32_D192_ED03);
                (splitmix64(&mut state) >> 11) as f64 / (1u64 << 53) as f64
            })
            .collect()
    }
}

impl Summarizer for Random {
    fn select(&self, input: &Input<'_>) -> Result<Vec<SentenceId>, Failure> {
        Ok(select::greedy(input, &Self::keys(input), None))
    }

    fn scores(&self, input: &Input<'_>) -> Option<Result<Vec<f64>, Failure>> {
        Some(Ok(Self::keys(input)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summarize::testing::{all, cluster};
    use crate::summarize::{Budget, BudgetUnit};

    #[test]
    fn splitmix64_matches_the_reference_stream() {
        // Reference outputs of SplitMix64 from state 0 (as in Java's SplittableRandom and
        // Vigna's splitmix64.c).
        let mut s = 0u64;
        assert_eq!(splitmix64(&mut s), 0xE220_A839_7B1D_CDAF);
        assert_eq!(splitmix64(&mut s), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn fnv1a_matches_published_vectors() {
        assert_eq!(fnv1a(b""), 0xCBF2_9CE4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xAF63_DC4C_8601_EC8C);
    }

    fn text() -> String {
        (0..12)
            .map(|i| format!("Sentence number {i} talks about topic {i}."))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn pick(seed: u64, budget: Budget) -> Vec<usize> {
        let t = text();
        let c = cluster(&[("a", None, &t)]);
        let cands = all(&c);
        let input = Input {
            cluster: &c,
            candidates: &cands,
            budget,
            references: &[],
            seed,
        };
        Random::default().select(&input).unwrap()
    }

    fn three() -> Budget {
        Budget {
            unit: BudgetUnit::Sentences,
            limit: 3,
            truncate: false,
        }
    }

    #[test]
    fn same_seed_same_output_and_seeds_differ() {
        let a = pick(7, three());
        assert_eq!(a.len(), 3);
        assert_eq!(a, pick(7, three()));
        // Among several seeds at least two outputs must differ (12 choose 3 ordered
        // outcomes: equal outputs for 5 seeds would be a broken seed mix).
        let outs: Vec<_> = (0..5).map(|s| pick(s, three())).collect();
        assert!(outs.iter().any(|o| o != &outs[0]), "{outs:?}");
    }

    #[test]
    fn first_pick_is_roughly_uniform_and_budget_is_kept() {
        let mut counts = [0usize; 12];
        for seed in 0..2400 {
            let p = pick(seed, three());
            counts[p[0]] += 1;
        }
        // Expected 200 each; a binomial(2400, 1/12) has sd ≈ 13.5, so ±70 is > 5 sd.
        assert!(
            counts.iter().all(|&n| (130..=270).contains(&n)),
            "{counts:?}"
        );
        // Each sentence has 7 words: a 20-word budget holds two, never three.
        assert_eq!(pick(3, Budget::words(20)).len(), 2);
    }
}
