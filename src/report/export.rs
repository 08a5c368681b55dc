//! `sumbench run --export-markdown/--export-csv/--export-json/--export-html FILE`: the
//! run's results in other formats, several at once, `-` for stdout.
//!
//! Modelled on hyperfine's exporters: one [`Exporter`] trait with a single method that
//! turns a run into bytes, a closed [`ExportFormat`] enum, and an [`ExportManager`] that
//! checks every destination when it is added, before the run starts, so a typo in a path
//! costs nothing. Unlike hyperfine it does not create the files then (a failed run would
//! leave empty ones behind): it proves the folder writable, and writes each file
//! atomically ([`crate::util::write_atomic`]) after the run.
//!
//! None of this uses the terminal table's crate: the library exports without the CLI.
use super::{default_metrics, html, RunResults, RunTimings};
use crate::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What an exporter is given: the run's results, its timings when known, and the
/// metrics to show.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// The deterministic results document.
    pub results: &'a RunResults,
    /// The run's timings (absent when exporting a results file read back from disk).
    pub timings: Option<&'a RunTimings>,
}

impl Report<'_> {
    /// The metrics tables and charts show: the config's `report.metrics`, else ROUGE-1,
    /// ROUGE-2 and ROUGE-L in the mode's naming (as the terminal table).
    pub fn metrics(&self) -> Vec<String> {
        let configured = self
            .results
            .config
            .get("report")
            .and_then(|r| r.get("metrics"))
            .and_then(|m| serde_json::from_value::<Vec<String>>(m.clone()).ok());
        configured.unwrap_or_else(|| {
            let available: Vec<String> = self
                .results
                .averages
                .iter()
                .find(|a| !a.scores.is_empty())
                .map(|a| a.scores.iter().map(|s| s.metric.clone()).collect())
                .unwrap_or_default();
            default_metrics(&available)
        })
    }

    /// The datasets, in run order.
    pub fn datasets(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for a in &self.results.averages {
            if !out.contains(&a.dataset.as_str()) {
                out.push(&a.dataset);
            }
        }
        out
    }

    /// Mean milliseconds per cluster of `system` on `dataset`, when timings are known.
    pub fn mean_ms(&self, dataset: &str, system: &str) -> Option<f64> {
        self.timings?
            .systems
            .iter()
            .find(|t| t.dataset == dataset && t.system == system)
            .map(|t| t.mean_ms)
    }
}

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One markdown table per dataset.
    Markdown,
    /// One row per dataset, system and metric.
    Csv,
    /// The results document itself (the same bytes as `results/<run>.json`).
    Json,
    /// The self-contained HTML report.
    Html,
}

impl ExportFormat {
    /// The command-line flag that asks for this format.
    pub fn flag(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "--export-markdown",
            ExportFormat::Csv => "--export-csv",
            ExportFormat::Json => "--export-json",
            ExportFormat::Html => "--export-html",
        }
    }

    fn exporter(self) -> Box<dyn Exporter> {
        match self {
            ExportFormat::Markdown => Box::new(MarkdownExporter),
            ExportFormat::Csv => Box::new(CsvExporter),
            ExportFormat::Json => Box::new(JsonExporter),
            ExportFormat::Html => Box::new(HtmlExporter),
        }
    }
}

/// Turns a run into the bytes of one export format.
pub trait Exporter {
    /// The export of `report`.
    fn serialize(&self, report: &Report) -> Result<Vec<u8>>;
}

/// [`ExportFormat::Markdown`].
pub struct MarkdownExporter;
/// [`ExportFormat::Csv`].
pub struct CsvExporter;
/// [`ExportFormat::Json`].
pub struct JsonExporter;
/// [`ExportFormat::Html`].
pub struct HtmlExporter;

/// A markdown table cell: pipes escaped, line breaks flattened.
fn md_cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\r', '\n'], " ")
}

impl Exporter for MarkdownExporter {
    fn serialize(&self, report: &Report) -> Result<Vec<u8>> {
        let r = report.results;
        let metrics = report.metrics();
        let mut out = format!("# sumbench run `{}`\n\nROUGE: `{}`\n", r.run, r.rouge);
        for dataset in report.datasets() {
            let rows: Vec<_> = r.averages.iter().filter(|a| a.dataset == dataset).collect();
            let clusters = rows.first().map_or(0, |a| a.clusters);
            let sig = rows
                .iter()
                .find_map(|a| a.significance.as_ref().map(|s| s.metric.clone()));
            let mut header = vec!["system".to_string()];
            let mut align = vec![":---"];
            for m in &metrics {
                for part in ["R", "P", "F"] {
                    header.push(format!("{m} {part}"));
                    align.push("---:");
                }
            }
            if let Some(m) = &sig {
                header.push(format!("p vs best ({m})"));
                align.push("---:");
            }
            if report.timings.is_some() {
                header.push("ms/cluster".into());
                align.push("---:");
            }
            header.push("failed".into());
            align.push("---:");
            out.push_str(&format!(
                "\n## Dataset `{}` ({clusters} clusters)\n\n| {} |\n|{}|\n",
                md_cell(dataset),
                header
                    .iter()
                    .map(|h| md_cell(h))
                    .collect::<Vec<_>>()
                    .join(" | "),
                align.join("|")
            ));
            for a in rows {
                let mut row = vec![if a.oracle {
                    format!("{} (oracle)", md_cell(&a.system))
                } else {
                    md_cell(&a.system)
                }];
                for m in &metrics {
                    match a.scores.iter().find(|s| &s.metric == m) {
                        Some(s) => {
                            row.extend([s.mean.r, s.mean.p, s.mean.f].map(|v| format!("{v:.5}")))
                        }
                        None => row.extend(["-", "-", "-"].map(String::from)),
                    }
                }
                if sig.is_some() {
                    row.push(match &a.significance {
                        Some(s) => format!("{:.4}", s.p_value),
                        None if !a.oracle => "best".into(),
                        None => "-".into(),
                    });
                }
                if report.timings.is_some() {
                    row.push(
                        report
                            .mean_ms(dataset, &a.system)
                            .map(|ms| format!("{ms:.2}"))
                            .unwrap_or_else(|| "-".into()),
                    );
                }
                row.push(format!("{}/{}", a.failures, a.clusters));
                out.push_str(&format!("| {} |\n", row.join(" | ")));
            }
        }
        Ok(out.into_bytes())
    }
}

impl Exporter for CsvExporter {
    fn serialize(&self, report: &Report) -> Result<Vec<u8>> {
        let r = report.results;
        let mut w = csv::Writer::from_writer(Vec::new());
        let header = [
            "dataset",
            "system",
            "type",
            "oracle",
            "clusters",
            "failures",
            "metric",
            "recall",
            "precision",
            "f",
            "recall_low",
            "recall_high",
            "precision_low",
            "precision_high",
            "f_low",
            "f_high",
            "ms_per_cluster",
        ];
        let csv_err = |e: csv::Error| Error::Usage(format!("--export-csv: {e}"));
        w.write_record(header).map_err(csv_err)?;
        let num = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        for a in &r.averages {
            let kind = r
                .systems
                .iter()
                .find(|s| s.name == a.system)
                .map_or("", |s| s.kind.as_str());
            for s in &a.scores {
                let record = [
                    a.dataset.clone(),
                    a.system.clone(),
                    kind.to_owned(),
                    a.oracle.to_string(),
                    a.clusters.to_string(),
                    a.failures.to_string(),
                    s.metric.clone(),
                    s.mean.r.to_string(),
                    s.mean.p.to_string(),
                    s.mean.f.to_string(),
                    num(s.low.map(|l| l.r)),
                    num(s.high.map(|h| h.r)),
                    num(s.low.map(|l| l.p)),
                    num(s.high.map(|h| h.p)),
                    num(s.low.map(|l| l.f)),
                    num(s.high.map(|h| h.f)),
                    num(report.mean_ms(&a.dataset, &a.system)),
                ];
                w.write_record(&record).map_err(csv_err)?;
            }
        }
        w.into_inner()
            .map_err(|e| Error::Usage(format!("--export-csv: {e}")))
    }
}

impl Exporter for JsonExporter {
    fn serialize(&self, report: &Report) -> Result<Vec<u8>> {
        Ok(super::to_json(report.results).into_bytes())
    }
}

impl Exporter for HtmlExporter {
    fn serialize(&self, report: &Report) -> Result<Vec<u8>> {
        Ok(html::render(report)?.into_bytes())
    }
}

/// One requested export: a format and its destination (`None`: stdout).
struct Target {
    format: ExportFormat,
    path: Option<PathBuf>,
}

/// The exports a run was asked for, checked when added and written after the run.
#[derive(Default)]
pub struct ExportManager {
    targets: Vec<Target>,
}

impl ExportManager {
    /// No exports.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether no export was asked for.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// Whether an export needs every unit's result (JSON, HTML), not only the averages.
    pub fn needs_units(&self) -> bool {
        self.targets
            .iter()
            .any(|t| matches!(t.format, ExportFormat::Json | ExportFormat::Html))
    }

    /// Whether an export goes to stdout (then the table belongs on stderr).
    pub fn uses_stdout(&self) -> bool {
        self.targets.iter().any(|t| t.path.is_none())
    }

    /// Adds an export of `format` to `path` (`-`: stdout), refusing, with the flag and
    /// the path, a destination that cannot be written: a folder, a missing or read-only
    /// folder, or a second export to stdout.
    pub fn add(&mut self, format: ExportFormat, path: &Path) -> Result<()> {
        let flag = format.flag();
        let refuse = |why: String| Err(Error::Usage(format!("{flag} {}: {why}", path.display())));
        if path.as_os_str() == "-" {
            if let Some(other) = self.targets.iter().find(|t| t.path.is_none()) {
                return refuse(format!(
                    "{} already writes to stdout; only one export can",
                    other.format.flag()
                ));
            }
            self.targets.push(Target { format, path: None });
            return Ok(());
        }
        if path.is_dir() {
            return refuse("is a folder; expected a file name".into());
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        if !dir.is_dir() {
            return refuse(format!("the folder {} does not exist", dir.display()));
        }
        let probe = dir.join(format!(".sumbench-export-probe-{}", std::process::id()));
        if let Err(e) = std::fs::write(&probe, b"").and_then(|()| std::fs::remove_file(&probe)) {
            return refuse(format!("cannot write in {} ({e})", dir.display()));
        }
        self.targets.push(Target {
            format,
            path: Some(path.to_owned()),
        });
        Ok(())
    }

    /// Writes every export of `report`, files atomically, `-` to `stdout`; returns the
    /// files written.
    pub fn write(&self, report: &Report, stdout: &mut dyn Write) -> Result<Vec<PathBuf>> {
        let mut written = Vec::new();
        for t in &self.targets {
            let bytes = t.format.exporter().serialize(report)?;
            match &t.path {
                Some(path) => {
                    crate::util::write_atomic(path, &bytes)?;
                    written.push(path.clone());
                }
                None => stdout
                    .write_all(&bytes)
                    .map_err(|e| Error::io("<stdout>", e))?,
            }
        }
        Ok(written)
    }
}
