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
    run_with_registry(config_path, &Registry::default(), out)
}

/// [`run`] with the summarizer kinds of `registry`: the entry point for programs that
/// register their own (Rust plugin) summarizers. `None` runs the built-in default config.
pub fn run_with_registry(
    config_path: Option<&Path>,
    registry: &Registry,
    out: &mut dyn Write,
) -> Result<std::path::PathBuf> {
    let config = match config_path {
        Some(p) => Config::load_with(p, registry)?,
        None => Config::builtin()?,
    };
    run_config(&config, registry, out)
}

/// Runs an already parsed config with `registry`, prints the table (and every failure),
/// writes results. Returns the path of the results file.
pub fn run_config(
    config: &Config,
    registry: &Registry,
    out: &mut dyn Write,
) -> Result<std::path::PathBuf> {
    harness::check_output(config)?;
    let output = harness::run(config, registry)?;
    let (results_path, timings_path) = harness::write_outputs(config, &output)?;
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
    // The table only counts failures; the reasons belong on screen too, not only in JSON.
    for u in output.results.results.iter().filter(|u| u.error.is_some()) {
        let message = u
            .error
            .as_deref()
            .unwrap_or_default()
            .replace('\n', "\n    ");
        writeln!(
            out,
            "failed: {} on {}/{}: {message}",
            u.system, u.dataset, u.cluster
        )
        .map_err(|e| Error::io("<stdout>", e))?;
    }
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
