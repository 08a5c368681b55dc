//! The bodies of the CLI's commands, kept in the library so `main.rs` only parses
//! arguments and dispatches, and so every command is testable without a process.
use crate::config::Config;
use crate::corpus;
use crate::summarize::{Budget, BudgetUnit, Registry};
use crate::text::{Pipeline, TextOptions};
use crate::{harness, report, Error, Result};
use std::io::Write;
use std::path::Path;

/// `sumbench run`: runs a config (or the built-in default), prints the table, writes
/// results. Returns the path of the results file.
pub fn run(config_path: Option<&Path>, out: &mut dyn Write) -> Result<std::path::PathBuf> {
    let config = match config_path {
        Some(p) => Config::load(p)?,
        None => Config::builtin()?,
    };
    harness::check_output(&config)?;
    let output = harness::run(&config, &Registry::default())?;
    let (results_path, timings_path) = harness::write_outputs(&config, &output)?;
    let scorer_metrics: Vec<String> = output
        .results
        .averages
        .first()
        .map(|a| a.scores.iter().map(|s| s.metric.clone()).collect())
        .unwrap_or_default();
    let metrics = config
        .report
        .metrics
        .clone()
        .unwrap_or_else(|| report::table::default_metrics(&scorer_metrics));
    let table = report::table::render(&output.results, &output.timings, &metrics);
    write!(out, "{table}").map_err(|e| Error::io("<stdout>", e))?;
    writeln!(
        out,
        "results: {}\ntimings: {}",
        results_path.display(),
        timings_path.display()
    )
    .map_err(|e| Error::io("<stdout>", e))?;
    Ok(results_path)
}

/// `sumbench summarize --cluster DIR`: summarizes one cluster folder with one system and
/// writes the summary, one sentence per line.
pub fn summarize_cluster(
    cluster_dir: &Path,
    summarizer: &str,
    budget: Budget,
    seed: u64,
    out: &mut dyn Write,
) -> Result<()> {
    let cluster = corpus::dir::load_cluster(cluster_dir, None)?;
    let registry = Registry::default();
    let spec: serde_yaml::Value = serde_yaml::from_str(summarizer)
        .ok()
        .filter(serde_yaml::Value::is_mapping)
        .unwrap_or_else(|| {
            let mut m = serde_yaml::Mapping::new();
            m.insert("type".into(), summarizer.into());
            serde_yaml::Value::Mapping(m)
        });
    let system = registry
        .build(&spec)
        .map_err(|e| Error::Usage(format!("--summarizer: {e}")))?;
    let processed = Pipeline::new(&TextOptions::default())?.process(&cluster);
    let summary = system
        .summarize(&processed, budget, &[], seed)
        .map_err(|message| Error::Summarize {
            system: system.name.clone(),
            cluster: cluster.id.clone(),
            message,
        })?;
    writeln!(out, "{}", summary.text).map_err(|e| Error::io("<stdout>", e))
}

/// Builds the budget from the `summarize` command's mutually exclusive flags.
pub fn budget_from_flags(
    words: Option<usize>,
    bytes: Option<usize>,
    sentences: Option<usize>,
) -> Budget {
    let (unit, limit) = match (words, bytes, sentences) {
        (_, Some(b), _) => (BudgetUnit::Bytes, b),
        (_, _, Some(s)) => (BudgetUnit::Sentences, s),
        (w, _, _) => (BudgetUnit::Words, w.unwrap_or(100)),
    };
    Budget {
        unit,
        limit,
        truncate: false,
    }
}

/// `sumbench list`: every registered summarizer with its description and parameters.
pub fn list(out: &mut dyn Write) -> Result<()> {
    let registry = Registry::default();
    let mut text = String::new();
    for spec in registry.specs() {
        text.push_str(&format!("{}\n    {}\n", spec.kind, spec.about));
        let defaults = (spec.defaults)();
        for p in spec.params {
            let default = defaults
                .get(p.name)
                .map(|v| v.to_string())
                .unwrap_or_default();
            text.push_str(&format!(
                "    - {} (default {}): {}\n",
                p.name, default, p.doc
            ));
        }
        text.push('\n');
    }
    write!(out, "{text}").map_err(|e| Error::io("<stdout>", e))
}

/// Where `sumbench score` reads its candidate/reference pairs.
pub enum PairsSource<'a> {
    /// A JSON Lines file of `{"id", "candidate", "references"}` objects; `-` is stdin.
    Jsonl(&'a Path),
    /// One candidate file against one or more reference files (lines are sentences).
    Files {
        /// The candidate summary.
        candidate: &'a Path,
        /// Its references.
        references: &'a [std::path::PathBuf],
    },
}

/// One candidate and its references, as read by `sumbench score`.
#[derive(Debug, serde::Deserialize)]
struct Pair {
    id: String,
    candidate: String,
    references: Vec<String>,
}

/// Reads every pair before any is scored, so a bad line fails the run with no output.
fn read_pairs(source: &PairsSource) -> Result<Vec<Pair>> {
    match source {
        PairsSource::Files {
            candidate,
            references,
        } => {
            let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| Error::io(p, e));
            Ok(vec![Pair {
                id: candidate.display().to_string(),
                candidate: read(candidate)?,
                references: references.iter().map(|r| read(r)).collect::<Result<_>>()?,
            }])
        }
        PairsSource::Jsonl(path) => {
            let (bytes, shown) = if path.as_os_str() == "-" {
                let mut buf = Vec::new();
                std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut buf)
                    .map_err(|e| Error::io("<stdin>", e))?;
                (buf, Path::new("<stdin>"))
            } else {
                (std::fs::read(path).map_err(|e| Error::io(path, e))?, *path)
            };
            let mut pairs = Vec::new();
            for (k, line) in bytes.split(|&b| b == b'\n').enumerate() {
                let bad = |message: String| Error::input(shown, Some(k + 1), message);
                let line =
                    std::str::from_utf8(line).map_err(|e| bad(format!("not UTF-8 ({e})")))?;
                if line.trim().is_empty() {
                    continue;
                }
                let pair: Pair = serde_json::from_str(line).map_err(|e| {
                    // serde's own location counts lines within this one line; say column.
                    let text = e.to_string();
                    let what = text.rsplit_once(" at line ").map_or(&*text, |(w, _)| w);
                    bad(format!(
                        "column {}: {what}; expected {{\"id\": string, \"candidate\": string, \"references\": [string, ...]}}",
                        e.column()
                    ))
                })?;
                if pair.references.is_empty() {
                    return Err(bad(format!(
                        "pair `{}` has no references; expected at least one",
                        pair.id
                    )));
                }
                pairs.push(pair);
            }
            Ok(pairs)
        }
    }
}

/// One output line of `sumbench score`: the id, then each metric in the scorer's order.
struct ScoredPair<'a> {
    id: &'a str,
    scores: &'a crate::rouge::Scores,
}

impl serde::Serialize for ScoredPair<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(1 + self.scores.0.len()))?;
        map.serialize_entry("id", self.id)?;
        for (name, prf) in &self.scores.0 {
            map.serialize_entry(name, prf)?;
        }
        map.end()
    }
}

/// `sumbench score`: scores every pair with `settings` and writes one JSON object per
/// line, in input order; with `summary`, a final `{"summary": …}` line holds the
/// aggregate over all pairs.
pub fn score(
    source: &PairsSource,
    settings: &crate::rouge::RougeSettings,
    summary: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let scorer = crate::rouge::Scorer::new(settings).map_err(Error::Rouge)?;
    let pairs = read_pairs(source)?;
    let mut out = std::io::BufWriter::new(out);
    let io = |e: std::io::Error| Error::io("<stdout>", e);
    let mut all = Vec::with_capacity(if summary { pairs.len() } else { 0 });
    for pair in &pairs {
        let refs: Vec<&str> = pair.references.iter().map(String::as_str).collect();
        let scores = scorer.score(&pair.candidate, &refs);
        let row = ScoredPair {
            id: &pair.id,
            scores: &scores,
        };
        serde_json::to_writer(&mut out, &row).map_err(|e| io(e.into()))?;
        out.write_all(b"\n").map_err(io)?;
        if summary {
            all.push(scores);
        }
    }
    if summary {
        #[derive(serde::Serialize)]
        struct Summary {
            rouge: String,
            pairs: usize,
            metrics: Vec<crate::rouge::Aggregate>,
        }
        #[derive(serde::Serialize)]
        struct Line {
            summary: Summary,
        }
        let line = Line {
            summary: Summary {
                rouge: scorer.describe(),
                pairs: pairs.len(),
                metrics: scorer.aggregate(&all),
            },
        };
        serde_json::to_writer(&mut out, &line).map_err(|e| io(e.into()))?;
        out.write_all(b"\n").map_err(io)?;
    }
    out.flush().map_err(io)
}
