//! Run results: the serde types that are the results-file schema, the comparison table
//! printed on the terminal, and atomic writing of result files.
//!
//! The results file (`results/<run>.json`) is deterministic, byte for byte, for the same
//! inputs and config: it holds scores, summaries and settings. Wall-clock timings vary
//! from run to run, so they go to a sibling file (`results/<run>.timings.json`) and the
//! printed table, never into the results file.
use crate::rouge::{Aggregate, Prf};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub mod significance;
pub mod table;
pub mod warnings;

/// One system on one cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitResult {
    /// Dataset name.
    pub dataset: String,
    /// Cluster id.
    pub cluster: String,
    /// System name.
    pub system: String,
    /// The summary text (empty when the system failed).
    pub summary: String,
    /// Ids of the sentences used, in output order.
    pub sentences: Vec<usize>,
    /// ROUGE scores by metric (a failed system scores zero).
    pub scores: BTreeMap<String, Prf>,
    /// The failure, if the system failed on this cluster.
    pub error: Option<String>,
    /// What the system reported about this cluster (protocol-v2 plugins); absent, not
    /// `null`, for every other system, so their results files are unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diagnostics: Option<serde_json::Value>,
}

/// A system's averages on one dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SystemAverage {
    /// Dataset name.
    pub dataset: String,
    /// System name.
    pub system: String,
    /// Whether the system is an oracle (excluded from "best system").
    pub oracle: bool,
    /// Clusters evaluated.
    pub clusters: usize,
    /// Clusters on which the system failed (scored as zero).
    pub failures: usize,
    /// Macro averages (with intervals where the ROUGE mode computes them).
    pub scores: Vec<Aggregate>,
    /// Paired test against the best non-oracle system on the headline metric (`null`
    /// for that best system itself).
    pub significance: Option<significance::Significance>,
}

/// A configured system, as recorded in results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SystemInfo {
    /// Display name.
    pub name: String,
    /// Registry kind.
    #[serde(rename = "type")]
    pub kind: String,
    /// Whether it reads the references.
    pub oracle: bool,
    /// Effective parameters, defaults included.
    pub params: serde_json::Value,
}

/// Per-document cleaning statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocStats {
    /// Document id.
    pub doc: String,
    /// Lines in the raw text.
    pub lines: usize,
    /// Lines dropped as boilerplate.
    pub dropped: usize,
    /// Dropped lines per cleaning rule, so a surprising drop can be traced to its rule.
    pub dropped_by_rule: BTreeMap<String, usize>,
    /// Sentences after segmentation.
    pub sentences: usize,
}

/// Per-cluster preprocessing statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterStats {
    /// Dataset name.
    pub dataset: String,
    /// Cluster id.
    pub cluster: String,
    /// Number of references.
    pub references: usize,
    /// Documents.
    pub docs: Vec<DocStats>,
}

/// The results file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunResults {
    /// sumbench version that produced the file.
    pub sumbench_version: String,
    /// Run name.
    pub run: String,
    /// The exact ROUGE settings.
    pub rouge: String,
    /// The configuration as run.
    pub config: serde_json::Value,
    /// Systems, in config order.
    pub systems: Vec<SystemInfo>,
    /// Preprocessing statistics per cluster.
    pub clusters: Vec<ClusterStats>,
    /// Every (dataset, cluster, system) result.
    pub results: Vec<UnitResult>,
    /// Averages per dataset and system.
    pub averages: Vec<SystemAverage>,
    /// What did not stop the run but may weaken its numbers: `counts` per kind (every
    /// kind present) and the `list`, in a fixed order (see [`warnings::Warnings`]).
    pub warnings: warnings::Warnings,
}

/// Timing of one system on one dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SystemTiming {
    /// Dataset name.
    pub dataset: String,
    /// System name.
    pub system: String,
    /// Mean wall-clock milliseconds per cluster (summarizing only).
    pub mean_ms: f64,
    /// Milliseconds per cluster, in cluster order.
    pub per_cluster_ms: Vec<f64>,
}

/// The timings file (varies run to run).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunTimings {
    /// Run name.
    pub run: String,
    /// Milliseconds spent loading and preprocessing all clusters.
    pub preprocess_ms: f64,
    /// Milliseconds spent scoring all summaries.
    pub rouge_ms: f64,
    /// Wall-clock milliseconds of the whole run (the stage sums above add up the time of
    /// every worker thread, so they can exceed it).
    pub wall_ms: f64,
    /// Worker threads used.
    pub jobs: usize,
    /// Per-system timings.
    pub systems: Vec<SystemTiming>,
}

/// Serializes `value` as pretty JSON with a trailing newline.
pub fn to_json<T: Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).expect("results are always serializable");
    s.push('\n');
    s
}
