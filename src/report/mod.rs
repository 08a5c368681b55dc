//! Run results: the serde types that are the results-file schema, the comparison table
//! printed on the terminal, and atomic writing of result files.
//!
//! The results file (`results/<run>.json`) is deterministic, byte for byte, for the same
//! inputs and config: it holds scores, summaries and settings. Wall-clock timings vary
//! from run to run, so they go to a sibling file (`results/<run>.timings.json`) and the
//! printed table, never into the results file.
//!
//! The same document is the `--export-json` export ([`export`]); its fields are
//! documented in `docs/results-schema.md` and its JSON Schema, generated from these
//! types by [`json_schema`], is committed as `docs/results.schema.json`.
use crate::rouge::{Aggregate, Prf};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub(crate) mod chart;
#[cfg_attr(not(sumbench_all_docs), doc(hidden))]
// used by the binary; not part of the API (src/lib.rs)
pub mod compare;
#[cfg_attr(not(sumbench_all_docs), doc(hidden))]
// used by the binary and tests; not part of the API (src/lib.rs)
pub mod export;
pub(crate) mod html;
pub mod significance;
#[cfg(feature = "cli")]
pub(crate) mod sweep;
#[cfg(feature = "cli")]
pub(crate) mod table;
pub mod warnings;

/// The results file's schema version ([`RunResults::schema_version`]). Raised when a
/// field is removed or changes meaning; fields added with a default keep it.
pub const SCHEMA_VERSION: u32 = 1;

/// The JSON Schema of the results file, generated from [`RunResults`]: the content of
/// `docs/results.schema.json` (a test fails when the committed file is stale).
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(RunResults);
    to_json(&schema)
}

/// How [`Prf`] serializes, for the JSON Schema only: the ROUGE module stays free of
/// report concerns (a test checks that the two serialize alike).
#[derive(JsonSchema)]
#[allow(dead_code)]
struct PrfSchema {
    /// Precision.
    p: f64,
    /// Recall.
    r: f64,
    /// F-measure.
    f: f64,
}

/// How [`Aggregate`] serializes, for the JSON Schema only (see [`PrfSchema`]).
#[derive(JsonSchema)]
#[allow(dead_code)]
struct AggregateSchema {
    /// Metric name, in the ROUGE mode's naming (`ROUGE-2`, `rouge2`).
    metric: String,
    /// Macro average over the clusters.
    mean: PrfSchema,
    /// Lower bound of the 95% confidence interval, when the ROUGE mode computes one.
    low: Option<PrfSchema>,
    /// Upper bound of the 95% confidence interval, when the ROUGE mode computes one.
    high: Option<PrfSchema>,
}

/// One system on one cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
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
    #[schemars(with = "BTreeMap<String, PrfSchema>")]
    pub scores: BTreeMap<String, Prf>,
    /// The failure, if the system failed on this cluster.
    pub error: Option<String>,
    /// What the system reported about this cluster (protocol-v2 plugins); absent, not
    /// `null`, for every other system, so their results files are unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diagnostics: Option<serde_json::Value>,
}

/// A system's averages on one dataset.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
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
    #[schemars(with = "Vec<AggregateSchema>")]
    pub scores: Vec<Aggregate>,
    /// Paired test against the best non-oracle system on the headline metric (`null`
    /// for that best system itself).
    pub significance: Option<significance::Significance>,
}

/// A configured system, as recorded in results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
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
    /// For a system expanded from a parameter sweep: the sweep's base name and this
    /// system's swept values (absent otherwise), so a report can plot a metric against
    /// each parameter. See `config::sweep`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sweep: Option<crate::config::sweep::SweepPoint>,
}

/// Per-document cleaning statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DocStats {
    /// Document id.
    pub doc: String,
    /// Id of the document's first sentence: its sentences are the ids
    /// `first_sentence .. first_sentence + sentences` of [`UnitResult::sentences`].
    pub first_sentence: usize,
    /// Lines in the raw text.
    pub lines: usize,
    /// Lines dropped as boilerplate.
    pub dropped: usize,
    /// Dropped lines per cleaning rule, so a surprising drop can be traced to its rule.
    pub dropped_by_rule: BTreeMap<String, usize>,
    /// Sentences after segmentation.
    pub sentences: usize,
    /// Every line dropped as boilerplate, in document order (absent when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dropped_lines: Vec<DroppedLine>,
}

/// One line the boilerplate cleaner dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DroppedLine {
    /// 1-based line number in the raw document.
    pub line: usize,
    /// The cleaning rule that dropped it (a key of `dropped_by_rule`).
    pub rule: String,
    /// The line, trimmed.
    pub text: String,
}

/// One reference summary, as scored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ReferenceText {
    /// Reference id (its file name or its index in the input).
    pub id: String,
    /// The reference text.
    pub text: String,
}

/// Per-cluster preprocessing statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ClusterStats {
    /// Dataset name.
    pub dataset: String,
    /// Cluster id.
    pub cluster: String,
    /// Number of references.
    pub references: usize,
    /// The references' texts, in input order (absent when the cluster has none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reference_texts: Vec<ReferenceText>,
    /// Documents.
    pub docs: Vec<DocStats>,
}

/// The results file.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RunResults {
    /// The schema version of this document ([`SCHEMA_VERSION`]); files written before
    /// versioning lack it and are version 0.
    pub schema_version: u32,
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[allow(clippy::expect_used)] // serde_json fails only on non-string map keys or a failing
                              // Serialize impl; the results types have neither.
pub fn to_json<T: Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).expect("results are always serializable");
    s.push('\n');
    s
}

/// The default table metrics for a scorer's metric names: ROUGE-1, ROUGE-2 and ROUGE-L
/// under either mode's naming, with ROUGE-SU4 standing in for ROUGE-L when `-x` drops
/// it (the DUC/TAC/MultiLing trio). Here, not in `table`, because the exports need it
/// without the `cli` feature's tabled.
pub fn default_metrics(available: &[String]) -> Vec<String> {
    [
        "ROUGE-1",
        "ROUGE-2",
        "ROUGE-L",
        "ROUGE-SU4",
        "rouge1",
        "rouge2",
        "rougeLsum",
        "rougeL",
    ]
    .iter()
    .filter(|m| available.iter().any(|a| a == *m))
    .map(|m| m.to_string())
    .take(3)
    .collect()
}

/// `items` deduplicated, in first-seen order (the run's order of datasets, systems,
/// metrics).
fn first_seen<'a>(items: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}
