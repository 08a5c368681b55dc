//! Significance of the differences between systems, computed from the per-cluster
//! scores a results file already holds: `sumbench compare` for one pair, and the
//! "p vs best" column (every system against the best non-oracle one) of a run.
//!
//! The headline metric is ROUGE-2 recall unless configured: the DUC/TAC convention and
//! the number most multi-document papers lead with. A metric is written `NAME` (recall)
//! or `NAME:p|r|f`, e.g. `ROUGE-2`, `rouge2:f`.
use super::UnitResult;
use crate::rouge::Prf;
use crate::stats::significance::{compare, Comparison};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// Resamples used for the run table's significance column unless configured.
pub const DEFAULT_RESAMPLES: u64 = 10_000;

/// One system's paired test against the best non-oracle system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Significance {
    /// The metric compared, e.g. `ROUGE-2:r`.
    pub metric: String,
    /// The system compared against (the best non-oracle system on `metric`).
    pub versus: String,
    /// Mean per-cluster difference, this system minus `versus`.
    pub mean_diff: f64,
    /// Two-sided p-value of the paired approximate randomisation test.
    pub p_value: f64,
    /// Sign patterns evaluated (resamples, or `2^n` when enumerated exactly).
    pub samples: u64,
}

/// Which part of a metric's scores a comparison uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Precision.
    P,
    /// Recall.
    R,
    /// F-measure.
    F,
}

impl Part {
    /// This part of `s`.
    pub(crate) fn of(self, s: &Prf) -> f64 {
        match self {
            Part::P => s.p,
            Part::R => s.r,
            Part::F => s.f,
        }
    }
    fn name(self) -> &'static str {
        match self {
            Part::P => "p",
            Part::R => "r",
            Part::F => "f",
        }
    }
}

/// A metric and the part compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetricPart {
    /// The metric's name in the scorer's naming (`ROUGE-2`, `rouge2`).
    pub metric: String,
    /// Precision, recall or F.
    pub part: Part,
}

impl std::fmt::Display for MetricPart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.metric, self.part.name())
    }
}

impl MetricPart {
    /// Parses `NAME` or `NAME:p|r|f` against the metrics a run computed.
    pub fn parse(spec: &str, available: &[String]) -> Result<Self> {
        let (name, part) = match spec.rsplit_once(':') {
            Some((n, p)) => {
                let part = match p.to_ascii_lowercase().as_str() {
                    "p" => Part::P,
                    "r" => Part::R,
                    "f" => Part::F,
                    _ => {
                        return Err(Error::Usage(format!(
                            "--metric {spec}: unknown part `{p}`; expected p, r or f"
                        )))
                    }
                };
                (n, part)
            }
            None => (spec, Part::R),
        };
        if !available.iter().any(|a| a == name) {
            return Err(Error::Usage(format!(
                "--metric {spec}: metric `{name}` not in this run; available: {}",
                available.join(", ")
            )));
        }
        Ok(MetricPart {
            metric: name.to_owned(),
            part,
        })
    }

    /// ROUGE-2 recall in whichever naming the run used, else the first metric's recall.
    pub fn headline(available: &[String]) -> Option<Self> {
        let metric = ["ROUGE-2", "rouge2"]
            .iter()
            .find(|m| available.iter().any(|a| a == *m))
            .map(|m| m.to_string())
            .or_else(|| available.first().cloned())?;
        Some(MetricPart {
            metric,
            part: Part::R,
        })
    }

    /// This metric part of a unit's scores; 0 when the unit has no such score (a failed
    /// summarizer scores zero).
    pub(super) fn of(&self, u: &UnitResult) -> f64 {
        u.scores.get(&self.metric).map_or(0.0, |s| self.part.of(s))
    }
}

/// The metric names present in a run's unit results.
pub fn metric_names(results: &[UnitResult]) -> Vec<String> {
    results
        .first()
        .map(|u| u.scores.keys().cloned().collect())
        .unwrap_or_default()
}

/// A system's per-cluster scores on `dataset`, keyed by cluster id in run order.
pub fn per_cluster(
    results: &[UnitResult],
    dataset: &str,
    system: &str,
    metric: &MetricPart,
) -> Vec<(String, f64)> {
    results
        .iter()
        .filter(|u| u.dataset == dataset && u.system == system)
        .map(|u| (u.cluster.clone(), metric.of(u)))
        .collect()
}

/// Pairs the per-cluster scores of systems `a` and `b` on `dataset` and compares them.
pub fn compare_systems(
    results: &[UnitResult],
    dataset: &str,
    a: &str,
    b: &str,
    metric: &MetricPart,
    resamples: u64,
    seed: u64,
) -> Result<Comparison> {
    let sa = per_cluster(results, dataset, a, metric);
    let sb = per_cluster(results, dataset, b, metric);
    for (name, s) in [(a, &sa), (b, &sb)] {
        if s.is_empty() {
            let mut systems: Vec<&str> = results
                .iter()
                .filter(|u| u.dataset == dataset)
                .map(|u| u.system.as_str())
                .collect();
            systems.dedup();
            systems.sort_unstable();
            systems.dedup();
            return Err(Error::Usage(format!(
                "no results for system `{name}` on dataset `{dataset}`; systems: {}",
                systems.join(", ")
            )));
        }
    }
    let lookup: std::collections::BTreeMap<&str, f64> =
        sb.iter().map(|(c, v)| (c.as_str(), *v)).collect();
    let mut xa = Vec::with_capacity(sa.len());
    let mut xb = Vec::with_capacity(sa.len());
    for (cluster, v) in &sa {
        let w = lookup.get(cluster.as_str()).ok_or_else(|| {
            Error::Usage(format!(
                "cluster `{cluster}` has a result for `{a}` but not for `{b}`"
            ))
        })?;
        xa.push(*v);
        xb.push(*w);
    }
    if sb.len() != sa.len() {
        return Err(Error::Usage(format!(
            "`{a}` has {} clusters but `{b}` has {}; expected the same clusters",
            sa.len(),
            sb.len()
        )));
    }
    Ok(compare(&xa, &xb, resamples, seed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn unit(cluster: &str, system: &str, r: f64) -> UnitResult {
        UnitResult {
            dataset: "d".into(),
            cluster: cluster.into(),
            system: system.into(),
            summary: String::new(),
            sentences: vec![],
            scores: BTreeMap::from([("ROUGE-2".to_string(), Prf { p: 0.0, r, f: 0.0 })]),
            error: None,
            diagnostics: None,
        }
    }

    #[test]
    fn metric_spec_parsing() {
        let avail = vec!["ROUGE-1".to_string(), "ROUGE-2".to_string()];
        assert_eq!(
            MetricPart::parse("ROUGE-1:f", &avail).unwrap().to_string(),
            "ROUGE-1:f"
        );
        assert_eq!(
            MetricPart::headline(&avail).unwrap().to_string(),
            "ROUGE-2:r"
        );
        let err = MetricPart::parse("rouge2", &avail).unwrap_err().to_string();
        assert!(err.contains("available: ROUGE-1, ROUGE-2"), "{err}");
        assert!(MetricPart::parse("ROUGE-1:x", &avail).is_err());
    }

    #[test]
    fn pairs_by_cluster_id_not_position() {
        // b's results are listed in another order; pairing must follow the cluster ids.
        let results = vec![
            unit("c1", "a", 0.3),
            unit("c2", "a", 0.2),
            unit("c3", "a", 0.4),
            unit("c3", "b", 0.1),
            unit("c1", "b", 0.2),
            unit("c2", "b", 0.1),
        ];
        let m = MetricPart::headline(&metric_names(&results)).unwrap();
        let c = compare_systems(&results, "d", "a", "b", &m, 1000, 1).unwrap();
        // Differences 0.1, 0.1, 0.3: all positive; exact sign-flip p = 2/8.
        assert_eq!(c.wins_ties_losses, (3, 0, 0));
        assert!(c.permutation_exact);
        assert_eq!(c.permutation_p, 0.25);
        assert!((c.mean_diff - 0.5 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn unknown_system_lists_the_known_ones() {
        let results = vec![unit("c1", "a", 0.3), unit("c1", "b", 0.1)];
        let m = MetricPart::headline(&metric_names(&results)).unwrap();
        let err = compare_systems(&results, "d", "a", "zz", &m, 10, 1)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("`zz`") && err.contains("systems: a, b"),
            "{err}"
        );
    }
}
