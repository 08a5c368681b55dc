//! The baseline file (`baselines/*.json`): what a run scored, cluster by cluster, plus
//! enough about how it was produced to refuse comparing unlike things.
//!
//! The config is recorded as digests, one per scoring-relevant part (budget, text, rouge,
//! seed, and one per dataset and per system), not as one digest of the whole file: a
//! refusal can then say which part changed, and adding a system or a dataset is a note
//! rather than a reason to throw the baseline away. `name`, `output` and `report` are left
//! out because they never change a score.
//!
//! The digest is FNV-1a 64 (a documented, fixed algorithm, so digests are stable across
//! Rust versions, unlike `std`'s hasher) over the section's compact JSON with object keys
//! sorted. It only has to notice accidental drift, not resist forgery, so a cryptographic
//! hash would add dependencies for nothing.
use crate::report::UnitResult;
use crate::rouge::Prf;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The baseline format version this sumbench reads and writes.
pub const SCHEMA: u32 = 1;

/// Absolute drop of an averaged score that may pass without comment, unless configured.
pub const DEFAULT_TOLERANCE: f64 = 0.005;

/// A committed baseline: per (dataset, cluster, system) summary and scores, and the
/// settings they were produced with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Format version ([`SCHEMA`]).
    pub schema: u32,
    /// sumbench version that produced the scores.
    pub sumbench_version: String,
    /// Run name (informational; not compared).
    pub run: String,
    /// The exact ROUGE settings string of the run (`RunResults::rouge`).
    pub rouge: String,
    /// The run's seed, also the seed of the paired tests.
    pub seed: u64,
    /// Digests of the scoring-relevant config sections.
    pub config_digest: ConfigDigest,
    /// Allowed drops; kept across `--update`.
    #[serde(default)]
    pub tolerance: Tolerances,
    /// Every (dataset, cluster, system), in run order.
    pub units: Vec<BaselineUnit>,
}

/// Digests of the config sections that change scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigDigest {
    /// `budget`.
    pub budget: String,
    /// `text` (the summarizers' pipeline).
    pub text: String,
    /// `rouge` as configured.
    pub rouge: String,
    /// `seed`.
    pub seed: String,
    /// Each `datasets` entry, by dataset name.
    pub datasets: BTreeMap<String, String>,
    /// Each `summarizers` entry as written in the config, by system name.
    pub summarizers: BTreeMap<String, String>,
}

/// Allowed absolute drops of an averaged score, most specific first: per system, per
/// metric part (`ROUGE-2:r`), per metric (`ROUGE-2`), then the default.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tolerances {
    /// Default for every score (`--tolerance` overrides it; absent: [`DEFAULT_TOLERANCE`]).
    #[serde(default)]
    pub default: Option<f64>,
    /// Per system name.
    #[serde(default)]
    pub systems: BTreeMap<String, f64>,
    /// Per metric (`ROUGE-2`) or metric part (`ROUGE-2:r`).
    #[serde(default)]
    pub metrics: BTreeMap<String, f64>,
}

impl Tolerances {
    /// The tolerance for `system` on `metric` part `part`; `cli` replaces the file's
    /// default but not its specific entries, which were decided in review.
    pub fn lookup(&self, system: &str, metric: &str, part: &str, cli: Option<f64>) -> f64 {
        self.systems
            .get(system)
            .or_else(|| self.metrics.get(&format!("{metric}:{part}")))
            .or_else(|| self.metrics.get(metric))
            .copied()
            .or(cli)
            .or(self.default)
            .unwrap_or(DEFAULT_TOLERANCE)
    }

    /// Every configured value, for validation.
    fn values(&self) -> impl Iterator<Item = f64> + '_ {
        self.default
            .iter()
            .copied()
            .chain(self.systems.values().copied())
            .chain(self.metrics.values().copied())
    }
}

/// One system on one cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineUnit {
    /// Dataset name.
    pub dataset: String,
    /// Cluster id.
    pub cluster: String,
    /// System name.
    pub system: String,
    /// The summary, one sentence per line (for the changed-summary diff).
    pub summary: String,
    /// Scores by metric.
    pub scores: BTreeMap<String, Prf>,
    /// The failure, when the system failed on this cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// A configured system as a results file names it.
#[derive(Debug, Clone, Deserialize)]
pub struct SystemName {
    /// Display name.
    pub name: String,
}

/// The parts of a results file a check reads: what `sumbench run` wrote, or holds in
/// memory (`RunResults` is serialize-only, so the check reads this view of it).
#[derive(Debug, Clone, Deserialize)]
pub struct RunView {
    /// sumbench version of the run.
    pub sumbench_version: String,
    /// Run name.
    pub run: String,
    /// ROUGE settings string.
    pub rouge: String,
    /// The config as run.
    pub config: serde_json::Value,
    /// Systems in config order (parallel to `config.summarizers`).
    pub systems: Vec<SystemName>,
    /// Every unit result.
    pub results: Vec<UnitResult>,
}

impl RunView {
    /// The view of an in-memory run.
    pub fn of(r: &crate::report::RunResults) -> Self {
        RunView {
            sumbench_version: r.sumbench_version.clone(),
            run: r.run.clone(),
            rouge: r.rouge.clone(),
            config: r.config.clone(),
            systems: r
                .systems
                .iter()
                .map(|s| SystemName {
                    name: s.name.clone(),
                })
                .collect(),
            results: r.results.clone(),
        }
    }

    /// Reads a results file written by `sumbench run`.
    pub fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let view: RunView = serde_json::from_str(&text).map_err(|e| {
            Error::input(
                path,
                Some(e.line()),
                format!("expected a results file written by `sumbench run`: {e}"),
            )
        })?;
        // Checked here, where the file is known, rather than when the digest is taken.
        ConfigDigest::of(&view.config, &view.systems)
            .map_err(|e| Error::input(path, None, e.to_string()))?;
        Ok(view)
    }
}

/// FNV-1a 64 of `bytes` (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Compact JSON with object keys sorted, whatever serde_json's map order is built with.
fn canonical(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let body: Vec<String> = keys
                .iter()
                .map(|k| format!("{}:{}", Value::from(k.as_str()), canonical(&m[*k])))
                .collect();
            format!("{{{}}}", body.join(","))
        }
        Value::Array(a) => format!(
            "[{}]",
            a.iter().map(canonical).collect::<Vec<_>>().join(",")
        ),
        other => other.to_string(),
    }
}

/// The digest of one config value, as 16 hex digits.
pub fn digest(v: &serde_json::Value) -> String {
    format!("{:016x}", fnv1a64(canonical(v).as_bytes()))
}

impl ConfigDigest {
    /// Digests a run's config; `systems` names `config.summarizers` entry by entry.
    pub fn of(config: &serde_json::Value, systems: &[SystemName]) -> Result<Self> {
        let section = |k: &str| digest(config.get(k).unwrap_or(&serde_json::Value::Null));
        let list = |k: &str| {
            config
                .get(k)
                .and_then(serde_json::Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        let datasets = list("datasets")
            .iter()
            .map(|d| {
                let name = d.get("name").and_then(|n| n.as_str()).unwrap_or_default();
                (name.to_owned(), digest(d))
            })
            .collect();
        let specs = list("summarizers");
        if specs.len() != systems.len() {
            return Err(Error::Usage(format!(
                "the run lists {} systems but its config {} summarizers",
                systems.len(),
                specs.len()
            )));
        }
        let summarizers = systems
            .iter()
            .zip(&specs)
            .map(|(s, spec)| (s.name.clone(), digest(spec)))
            .collect();
        Ok(ConfigDigest {
            budget: section("budget"),
            text: section("text"),
            rouge: section("rouge"),
            seed: section("seed"),
            datasets,
            summarizers,
        })
    }
}

impl Baseline {
    /// The baseline a run would write, with `tolerance` as its tolerances.
    pub fn from_run(run: &RunView, tolerance: Tolerances) -> Result<Self> {
        let units = run
            .results
            .iter()
            .map(|u| BaselineUnit {
                dataset: u.dataset.clone(),
                cluster: u.cluster.clone(),
                system: u.system.clone(),
                summary: u.summary.clone(),
                scores: u.scores.clone(),
                error: u.error.clone(),
            })
            .collect();
        Ok(Baseline {
            schema: SCHEMA,
            sumbench_version: run.sumbench_version.clone(),
            run: run.run.clone(),
            rouge: run.rouge.clone(),
            seed: run.config.get("seed").and_then(|s| s.as_u64()).unwrap_or(0),
            config_digest: ConfigDigest::of(&run.config, &run.systems)?,
            tolerance,
            units,
        })
    }

    /// Reads and validates a baseline file; every problem names the file.
    pub fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let bad = |line: Option<usize>, m: String| Error::input(path, line, m);
        let value: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| bad(Some(e.line()), format!("not a JSON baseline file: {e}")))?;
        match value.get("schema").and_then(|s| s.as_u64()) {
            Some(s) if s == u64::from(SCHEMA) => {}
            Some(s) => {
                return Err(bad(
                    None,
                    format!(
                        "baseline schema {s}, but this sumbench reads schema {SCHEMA}; \
                         rewrite it with `sumbench check --update`"
                    ),
                ))
            }
            None => {
                return Err(bad(
                    None,
                    "no `schema` field: not a sumbench baseline".into(),
                ))
            }
        }
        let baseline: Baseline = serde_json::from_str(&text)
            .map_err(|e| bad(Some(e.line()), format!("malformed baseline: {e}")))?;
        if baseline.tolerance.values().any(|t| t.is_nan() || t < 0.0) {
            return Err(bad(None, "tolerance: expected numbers >= 0".into()));
        }
        Ok(baseline)
    }

    /// Writes the baseline as pretty JSON, atomically.
    pub fn write(&self, path: &Path) -> Result<()> {
        crate::util::write_atomic(path, crate::report::to_json(self).as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a64_matches_the_published_test_vectors() {
        // From the FNV reference test suite (Fowler, Noll, Vo; test_fnv.c, FNV1a_64).
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn digest_ignores_key_order() {
        let a: serde_json::Value =
            serde_json::from_str(r#"{"x": 1, "y": [2, {"b": 1, "a": 2}]}"#).unwrap();
        let b: serde_json::Value =
            serde_json::from_str(r#"{"y": [2, {"a": 2, "b": 1}], "x": 1}"#).unwrap();
        assert_eq!(canonical(&a), r#"{"x":1,"y":[2,{"a":2,"b":1}]}"#);
        assert_eq!(digest(&a), digest(&b));
    }

    #[test]
    fn tolerance_lookup_most_specific_first() {
        let t = Tolerances {
            default: Some(0.01),
            systems: BTreeMap::from([("random".to_string(), 0.05)]),
            metrics: BTreeMap::from([
                ("ROUGE-2".to_string(), 0.02),
                ("ROUGE-2:f".to_string(), 0.03),
            ]),
        };
        assert_eq!(t.lookup("random", "ROUGE-2", "f", None), 0.05);
        assert_eq!(t.lookup("lead", "ROUGE-2", "f", None), 0.03);
        assert_eq!(t.lookup("lead", "ROUGE-2", "r", Some(0.5)), 0.02);
        assert_eq!(t.lookup("lead", "ROUGE-1", "r", Some(0.5)), 0.5);
        assert_eq!(t.lookup("lead", "ROUGE-1", "r", None), 0.01);
        assert_eq!(
            Tolerances::default().lookup("lead", "ROUGE-1", "r", None),
            DEFAULT_TOLERANCE
        );
    }
}
