//! The cost model that balances shards and that `sumbench plan` reports: what a cluster
//! of a given size costs each system, from the committed instruction counts of the
//! performance gate (`benches/instructions.baseline.json`, see docs/ci.md).
//!
//! The gate measures every built-in summarizer, preprocessing and ROUGE scoring on the
//! bundled seed cluster and on ten copies of it. From those two points each system's
//! cost is fitted as `cost(n) = cost(seed) · (n / n_seed)^e` over a cluster's sentences
//! `n`, the exponent `e` rounded to a half (graph methods come out near 1.5, the linear
//! ones near 1, lead near 0). A cluster's sentences are estimated from its bytes (the
//! seed cluster's bytes per sentence), so the estimate needs no preprocessing: each
//! shard of a run computes the whole partition, and reading is all it can afford.
//!
//! Everything is integer arithmetic: two machines must agree on the partition to the
//! last cluster, and floating-point `pow` may differ between C libraries.
use crate::rouge::Mode;
use std::collections::BTreeMap;

/// The committed instruction counts this build was released with.
const BASELINE: &str = include_str!("../../benches/instructions.baseline.json");

/// Bytes of article text in the bundled seed cluster (`corpus/ukraine-talks-2022-01`),
/// as loaded (a unit test checks it).
pub const SEED_BYTES: u64 = 14_549;

/// Sentences of the seed cluster after preprocessing with the default text options (a
/// unit test checks it).
pub const SEED_SENTENCES: u64 = 91;

/// One system's fitted cost: instructions on the seed cluster and the exponent in halves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fit {
    /// Instructions on the seed cluster.
    pub seed: u64,
    /// Twice the exponent of the cost in the cluster's sentences (0 to 4).
    pub half_exponent: u32,
}

impl Fit {
    /// From instructions on the seed cluster and on ten copies of it.
    fn from_points(seed: u64, ten: u64) -> Self {
        // h = round(2·log10(ten/seed)): h steps past k when (ten/seed)^4 >= 10^(2k+1),
        // compared in integers; an overflowing right side is simply larger.
        let ten4 = u128::from(ten).pow(4);
        let seed4 = u128::from(seed.max(1)).pow(4);
        let mut h = 0;
        while h < 4
            && 10u128
                .pow(2 * h + 1)
                .checked_mul(seed4)
                .is_some_and(|bound| ten4 >= bound)
        {
            h += 1;
        }
        Fit {
            seed,
            half_exponent: h,
        }
    }

    /// Instructions for a cluster of `n` sentences.
    pub fn at(&self, n: u64) -> u64 {
        // (n / seed_n)^(h/2) in 20-bit fixed point, as isqrt((n/seed_n)^h · 2^40).
        let n = u128::from(n.clamp(1, 10_000_000));
        let s = u128::from(SEED_SENTENCES);
        let h = self.half_exponent;
        let fixed = if h == 0 {
            1u128 << 20
        } else {
            (((n.pow(h)) << 40) / s.pow(h)).isqrt()
        };
        let cost = (u128::from(self.seed) * fixed) >> 20;
        u64::try_from(cost).unwrap_or(u64::MAX)
    }
}

/// The fitted costs of every measured system, preprocessing and scoring.
#[derive(Debug, Clone)]
pub struct Model {
    kinds: BTreeMap<String, Fit>,
    preprocess: Fit,
    rouge155_unit: u64,
    rouge_score_unit: u64,
    unmeasured: Fit,
    digest: String,
}

/// A number from the baseline's `workloads`, or 0 when absent.
fn ir(workloads: &serde_json::Value, name: &str) -> u64 {
    workloads
        .get(name)
        .and_then(|w| w.get("ir"))
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0)
}

impl Model {
    /// The model of the instruction counts committed with this build.
    pub fn measured() -> Self {
        // The file is committed with this build and parsed by the tests; were it broken,
        // the model would know no system and `plan` would say so, not panic.
        let value: serde_json::Value = serde_json::from_str(BASELINE).unwrap_or_default();
        let workloads = value.get("workloads").cloned().unwrap_or_default();
        let mut kinds = BTreeMap::new();
        if let Some(map) = workloads.as_object() {
            for name in map.keys() {
                let Some(kind) = name
                    .strip_prefix("summarize/")
                    .and_then(|k| k.strip_suffix("/seed"))
                else {
                    continue;
                };
                let seed = ir(&workloads, name);
                let ten = ir(&workloads, &format!("summarize/{kind}/seed-x10"));
                kinds.insert(kind.to_owned(), Fit::from_points(seed, ten));
            }
        }
        // A system without a figure (a `command` plugin, a Rust plugin) counts as linear
        // in sentences at the mean seed cost of the measured non-oracle systems.
        let measured: Vec<u64> = kinds
            .iter()
            .filter(|(k, _)| k.as_str() != "oracle")
            .map(|(_, f)| f.seed)
            .collect();
        let unmeasured = Fit {
            seed: measured.iter().sum::<u64>() / (measured.len().max(1) as u64),
            half_exponent: 2,
        };
        let preprocess = Fit::from_points(
            ir(&workloads, "preprocess/seed"),
            ir(&workloads, "preprocess/seed-x10"),
        );
        let mut model = Model {
            kinds,
            preprocess,
            rouge155_unit: ir(&workloads, "rouge155/score/1000-pairs") / 1000,
            rouge_score_unit: ir(&workloads, "rouge-score/score/1000-pairs") / 1000,
            unmeasured,
            digest: String::new(),
        };
        model.digest = crate::check::baseline::digest(&serde_json::Value::String(format!(
            "{:?}{:?}{}{}{:?}{SEED_BYTES}/{SEED_SENTENCES}",
            model.kinds,
            model.preprocess,
            model.rouge155_unit,
            model.rouge_score_unit,
            model.unmeasured
        )));
        model
    }

    /// A digest of the fitted figures: shards partitioned under different models would
    /// not agree on who runs what, so a merge refuses to mix them.
    pub fn digest(&self) -> &str {
        &self.digest
    }

    /// The fit of summarizer `kind`, and whether it was measured.
    pub fn fit(&self, kind: &str) -> (Fit, bool) {
        match self.kinds.get(kind) {
            Some(f) => (*f, true),
            None => (self.unmeasured, false),
        }
    }

    /// Estimated sentences of a cluster with `bytes` bytes of article text.
    pub fn sentences(bytes: u64) -> u64 {
        (bytes * SEED_SENTENCES / SEED_BYTES).max(1)
    }

    /// Estimated instructions of one cluster of `bytes` bytes: preprocessing once, then
    /// each of `kinds` and the scoring of its summary (`mode`, or none when unscored).
    pub fn cluster(&self, bytes: u64, kinds: &[&str], mode: Option<Mode>) -> u64 {
        let n = Self::sentences(bytes);
        let rouge = match mode {
            Some(Mode::Rouge155) => self.rouge155_unit,
            Some(Mode::RougeScore) => self.rouge_score_unit,
            None => 0,
        };
        kinds.iter().fold(self.preprocess.at(n), |total, k| {
            total
                .saturating_add(self.fit(k).0.at(n))
                .saturating_add(rouge)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_constants_match_the_bundled_cluster() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let cluster =
            crate::corpus::dir::load_cluster(&root.join("corpus/ukraine-talks-2022-01"), None)
                .unwrap();
        let pipeline = crate::text::Pipeline::new(&Default::default()).unwrap();
        let processed = pipeline.process(&cluster);
        assert_eq!(
            (
                crate::corpus::Shape::of(&cluster).bytes,
                processed.sentences.len() as u64
            ),
            (SEED_BYTES, SEED_SENTENCES)
        );
    }

    #[test]
    fn fits_round_the_exponent_to_halves() {
        assert_eq!(Fit::from_points(100, 100).half_exponent, 0);
        assert_eq!(Fit::from_points(100, 1_000).half_exponent, 2);
        assert_eq!(Fit::from_points(100, 3_162).half_exponent, 3);
        assert_eq!(Fit::from_points(100, 10_000).half_exponent, 4);
        // Cheaper on more input (noise around a constant): no negative exponents.
        assert_eq!(Fit::from_points(100, 50).half_exponent, 0);
        // Just under and over the midpoint between 1 and 1.5 (10^1.25 = 17.78).
        assert_eq!(Fit::from_points(100, 1_770).half_exponent, 2);
        assert_eq!(Fit::from_points(100, 1_790).half_exponent, 3);
    }

    #[test]
    fn costs_scale_with_the_fitted_exponent() {
        let s = SEED_SENTENCES;
        let linear = Fit {
            seed: 1_000,
            half_exponent: 2,
        };
        assert_eq!(linear.at(s), 1_000);
        assert_eq!(linear.at(4 * s), 4_000);
        let square = Fit {
            seed: 1_000,
            half_exponent: 4,
        };
        assert_eq!(square.at(4 * s), 16_000);
        let three_halves = Fit {
            seed: 1_000,
            half_exponent: 3,
        };
        assert_eq!(three_halves.at(4 * s), 8_000);
        let flat = Fit {
            seed: 1_000,
            half_exponent: 0,
        };
        assert_eq!(flat.at(40 * s), 1_000);
    }

    #[test]
    fn the_committed_baseline_gives_every_built_in_a_fit() {
        let m = Model::measured();
        let registry = crate::summarize::Registry::default();
        // `command` runs someone else's program and `summaries` reads summaries written
        // elsewhere: neither has a workload of ours to count.
        for spec in registry
            .specs()
            .iter()
            .filter(|s| !matches!(s.kind, "command" | "summaries"))
        {
            let (fit, measured) = m.fit(spec.kind);
            assert!(
                measured && fit.seed > 0,
                "{}: no instruction count",
                spec.kind
            );
        }
        assert!(!m.fit("command").1);
        // The graph methods grow faster than lead, as measured.
        assert!(m.fit("textrank").0.half_exponent > m.fit("lead").0.half_exponent);
        assert_eq!(m.digest().len(), 16);
    }
}
