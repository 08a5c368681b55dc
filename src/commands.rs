//! The bodies of the CLI's commands, kept in the library so `main.rs` only parses
//! arguments and dispatches, and so every command is testable without a process.
use crate::config::Config;
use crate::corpus;
use crate::event::{Event, Observer};
use crate::harness::{self, Run, RunOutput};
use crate::report::export::ExportManager;
use crate::report::RunResults;
use crate::scale::assemble::Assembled;
use crate::summarize::{Budget, BudgetUnit, Registry};
use crate::text::{Pipeline, TextOptions};
use crate::util::{verbosity, Verbosity};
use crate::{report, Error, Result};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// How `sumbench run` and `sumbench check` execute a run: threads and display, and
/// what the exit status makes of failures and warnings. Never changes the results.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunOptions {
    /// Worker threads: `None` = one per core, `Some(1)` = serial.
    pub jobs: Option<usize>,
    /// Show a progress bar on stderr (only drawn when stderr is a terminal).
    pub progress: bool,
    /// Accept a run in which systems failed on some clusters (exit 0, not 3); the
    /// failures are still recorded and shown.
    pub allow_failures: bool,
    /// Fail (exit 1, [`Error::Gate`]) when the run recorded any warning that is not
    /// informational; the results are written first. Systems that failed take
    /// precedence (exit 3). See [`crate::report::warnings`].
    pub strict: bool,
    /// Resume from the journal, or run one shard (docs/scale.md).
    pub scale: crate::scale::journaled::Scale,
}

/// `sumbench run`: runs `config` with the summarizer kinds of `registry` (yours, when
/// you registered Rust plugins), prints the table (and every failure) on `out`, writes
/// the results and timings files. Returns the path of the results file.
pub fn run(
    config: &Config,
    registry: &Registry,
    options: RunOptions,
    out: &mut dyn Write,
) -> Result<PathBuf> {
    run_exporting(config, registry, options, &ExportManager::new(), out)
}

/// [`run`] that also writes `exports` after the results file. Their paths were checked
/// when they were added to the manager, so a bad one has failed (exit 2) before this
/// starts; when one goes to stdout (`-`), the table and the file names go to stderr.
pub fn run_exporting(
    config: &Config,
    registry: &Registry,
    options: RunOptions,
    exports: &ExportManager,
    out: &mut dyn Write,
) -> Result<PathBuf> {
    if exports.uses_stdout() {
        let mut stderr = std::io::stderr().lock();
        return run_to(config, registry, options, exports, &mut stderr, Some(out));
    }
    run_to(config, registry, options, exports, out, None)
}

/// [`run_exporting`] with the table on `out` and an export to stdout on `stdout` (or `out`).
fn run_to(
    config: &Config,
    registry: &Registry,
    options: RunOptions,
    exports: &ExportManager,
    out: &mut dyn Write,
    stdout: Option<&mut dyn Write>,
) -> Result<PathBuf> {
    harness::check_output(config)?;
    verbose_start(config);
    let options = RunOptions {
        progress: options.progress && verbosity() != Verbosity::Quiet,
        ..options
    };
    let mut progress = Progress::new(options.progress);
    let run = Run::new(config).registry(registry).jobs(options.jobs);
    let outcome = crate::scale::journaled::execute(config, run, options.scale, &mut progress)?;
    if outcome.resumed > 0 {
        writeln!(
            out,
            "resumed: kept {} units of {}",
            outcome.resumed,
            outcome.journal.display()
        )
        .map_err(|e| Error::io("<stdout>", e))?;
    }
    let Some(output) = outcome.output else {
        // A shard: its journal is its output; `sumbench merge` makes the results.
        writeln!(
            out,
            "shard {}: {} units ({} failed); journal: {}",
            options
                .scale
                .shard
                .map(|s| s.to_string())
                .unwrap_or_default(),
            outcome.units,
            outcome.failures,
            outcome.journal.display()
        )
        .map_err(|e| Error::io("<stdout>", e))?;
        if outcome.failures > 0 && !options.allow_failures {
            return Err(Error::SystemsFailed {
                failures: outcome.failures,
                summary: format!("in shard journal {}", outcome.journal.display()),
            });
        }
        return Ok(outcome.journal);
    };
    let (results_path, timings_path) = harness::output_paths(config);
    verbose_end(&output);
    print_run(config, &output, out)?;
    let exported = write_exports(config, exports, (&output, &outcome.journal), out, stdout)?;
    writeln!(
        out,
        "results: {}\ntimings: {}",
        results_path.display(),
        timings_path.display()
    )
    .map_err(|e| Error::io("<stdout>", e))?;
    for path in exported {
        writeln!(out, "exported: {}", path.display()).map_err(|e| Error::io("<stdout>", e))?;
    }
    run_status(&output.head, &results_path, options)
}

/// Writes `exports` of a run (its results and its journal), one to `stdout` (or `out`).
fn write_exports(
    config: &Config,
    exports: &ExportManager,
    (output, journal): (&Assembled, &Path),
    out: &mut dyn Write,
    stdout: Option<&mut dyn Write>,
) -> Result<Vec<PathBuf>> {
    // The results file was streamed from the journal; the exports that need every
    // summary (JSON, HTML) read the whole run back into memory, the others need not.
    let full = match exports.needs_units() {
        true => Some(crate::scale::journaled::read_results(config, journal)?),
        false => None,
    };
    let report = report::export::Report {
        results: full.as_ref().unwrap_or(&output.head),
        timings: Some(&output.timings),
    };
    exports.write(
        &report,
        match stdout {
            Some(s) => s,
            None => out,
        },
    )
}

/// With `--verbose`: what is about to run.
fn verbose_start(config: &Config) {
    if verbosity() != Verbosity::Verbose {
        return;
    }
    let origin = if config.origin.is_empty() {
        "<config>"
    } else {
        &config.origin
    };
    let datasets: Vec<&str> = config.datasets.iter().map(|d| d.name.as_str()).collect();
    eprintln!(
        "run `{}` ({origin}): datasets {}; {} systems; ROUGE {:?}",
        config.name,
        datasets.join(", "),
        config.summarizers.len(),
        config.rouge.mode
    );
}

/// With `--verbose`: where the time went.
fn verbose_end(output: &Assembled) {
    if verbosity() != Verbosity::Verbose {
        return;
    }
    let t = &output.timings;
    eprintln!(
        "done in {:.0} ms on {} thread(s): preprocessing {:.0} ms, ROUGE {:.0} ms (summed over \
         threads); {} (cluster, system) units",
        t.wall_ms, t.jobs, t.preprocess_ms, t.rouge_ms, output.units
    );
}

/// `sumbench plan`: prints the run's units and each of `shards` shards' estimated work.
pub fn plan(
    config: &Config,
    registry: &Registry,
    shards: usize,
    out: &mut dyn Write,
) -> Result<()> {
    let plan = crate::scale::plan::plan(config, registry, shards)?;
    write!(out, "{}", crate::scale::plan::render(&plan)).map_err(|e| Error::io("<stdout>", e))
}

/// `sumbench merge`: assembles a sharded run's results from its journals, writes the
/// results and timings files (`output`, default `<output>/<name>.json` of the journals'
/// config) and prints the table. Returns the results path.
pub fn merge(
    journals: &[PathBuf],
    output: Option<&Path>,
    allow_failures: bool,
    out: &mut dyn Write,
) -> Result<PathBuf> {
    let merged = crate::scale::journaled::merge(journals, output)?;
    print_run(&merged.config, &merged.output, out)?;
    writeln!(
        out,
        "results: {}\ntimings: {}",
        merged.results.display(),
        merged.timings.display()
    )
    .map_err(|e| Error::io("<stdout>", e))?;
    let options = RunOptions {
        allow_failures,
        ..RunOptions::default()
    };
    run_status(&merged.output.head, &merged.results, options)
}

/// Runs `config` as `options` say, drawing the progress bar when asked.
fn execute(config: &Config, registry: &Registry, options: RunOptions) -> Result<RunOutput> {
    let mut progress = Progress::new(options.progress);
    Run::new(config)
        .registry(registry)
        .jobs(options.jobs)
        .execute_with(&mut progress)
}

/// The run's table, then every failure with its reason.
fn print_run(config: &Config, output: &Assembled, out: &mut dyn Write) -> Result<()> {
    let scorer_metrics: Vec<String> = output
        .head
        .averages
        .first()
        .map(|a| a.scores.iter().map(|s| s.metric.clone()).collect())
        .unwrap_or_default();
    let metrics = config
        .report
        .metrics
        .clone()
        .unwrap_or_else(|| report::table::default_metrics(&scorer_metrics));
    let table = report::table::render(&output.head, &output.timings, &metrics);
    write!(out, "{table}").map_err(|e| Error::io("<stdout>", e))?;
    write!(out, "{}", report::sweep::render(&output.head)).map_err(|e| Error::io("<stdout>", e))?;
    // The table only counts failures; the reasons belong on screen too, not only in JSON.
    for u in &output.failed {
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
    Ok(())
}

/// Prints the warnings' summary on stderr and turns failures (unless allowed) and, with
/// `strict`, warnings into the run's error.
fn run_status(results: &RunResults, results_path: &Path, options: RunOptions) -> Result<PathBuf> {
    let failed: Vec<String> = results
        .averages
        .iter()
        .filter(|a| a.failures > 0)
        .map(|a| {
            format!(
                "{} on {} ({} of {})",
                a.system, a.dataset, a.failures, a.clusters
            )
        })
        .collect();
    let warnings = &results.warnings;
    if let Some(summary) = warnings.summary(results_path) {
        eprint!("{summary}");
    }
    // Failed systems outrank warnings: "broken" (3) says more than "not clean" (1).
    if !failed.is_empty() && !options.allow_failures {
        return Err(Error::SystemsFailed {
            failures: results.averages.iter().map(|a| a.failures).sum(),
            summary: failed.join(", "),
        });
    }
    match warnings.strict_error(results_path) {
        Some(e) if options.strict => Err(e),
        _ => Ok(results_path.to_path_buf()),
    }
}

/// The progress bar as a consumer of the run's events.
struct Progress {
    enabled: bool,
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn new(enabled: bool) -> Self {
        Progress { enabled, bar: None }
    }
}

impl Observer for Progress {
    fn on_event(&mut self, event: &Event<'_>) {
        if let Event::Started(plan) = event {
            self.bar = progress_bar(plan.units() as u64, self.enabled);
        }
        let Some(bar) = &self.bar else {
            return;
        };
        match event {
            Event::DatasetStarted(d) => bar.set_message(d.name().to_owned()),
            Event::UnitFinished(_) => bar.inc(1),
            Event::Finished { .. } => bar.finish_and_clear(),
            _ => {}
        }
    }
}

/// The progress bar, or none when it would not be drawn: even a hidden bar reads the
/// clock on every `inc`, which made a run's instruction count differ between identical
/// runs (see docs/ci.md).
fn progress_bar(total: u64, enabled: bool) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !enabled || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{msg} [{bar:30}] {pos}/{len} summaries ({elapsed}, eta {eta})",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    Some(bar)
}

/// The config at `path`, its summarizers checked against `registry`; `None` is the
/// built-in default config.
pub fn load_config(path: Option<&Path>, registry: &Registry) -> Result<Config> {
    match path {
        Some(p) => Config::load_with(p, registry),
        None => Config::builtin(),
    }
}

/// One line of `sumbench summarize --config`: the stable contract for checking summaries
/// outside sumbench. Sentences are separated by `\n` in `summary`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryLine {
    /// Dataset name from the config.
    pub dataset: String,
    /// Cluster id.
    pub cluster: String,
    /// System name as reported (oracles always carry "oracle" in it).
    pub system: String,
    /// The summary, one sentence per line.
    pub summary: String,
}

/// `sumbench summarize --config FILE`: summarizes every cluster of the configured datasets
/// (or `dataset`) with every configured system (or `system`) and writes one JSON line per
/// (cluster, system), clusters in dataset order and systems in config order. A system
/// that fails on a cluster is reported on stderr and its line left out; the command then
/// fails after writing everything else.
pub fn summarize_config(
    config_path: &Path,
    dataset: Option<&str>,
    system: Option<&str>,
    jobs: Option<usize>,
    out: &mut dyn Write,
) -> Result<()> {
    let config = Config::load(config_path)?;
    let output = Run::new(&config)
        .dataset(dataset)
        .system(system)
        .jobs(jobs)
        .score(false)
        .execute_with(&mut |event: &Event<'_>| {
            // What loading printed before runs captured it; other warnings are the run
            // table's business, not this command's.
            if let Event::Warning(w) = event {
                if w.kind == crate::report::warnings::WarningKind::LossyDecoding {
                    eprintln!("warning: {}", w.message);
                }
            }
        })?;
    let mut failures = 0usize;
    for u in &output.results.results {
        let Some(e) = &u.error else {
            let line = SummaryLine {
                dataset: u.dataset.clone(),
                cluster: u.cluster.clone(),
                system: u.system.clone(),
                summary: u.summary.clone(),
            };
            let json = serde_json::to_string(&line).map_err(|e| Error::Usage(e.to_string()))?;
            writeln!(out, "{json}").map_err(|e| Error::io("<stdout>", e))?;
            continue;
        };
        failures += 1;
        eprintln!(
            "warning: summarizer {} on {}/{}: {e}",
            u.system, u.dataset, u.cluster
        );
    }
    if failures > 0 {
        return Err(Error::SystemsFailed {
            failures,
            summary: "see the warnings above; their lines are missing".into(),
        });
    }
    Ok(())
}

/// `sumbench compare`: paired significance tests between systems `a` and `b` of a results
/// file. `seed` defaults to the run's seed, so the p-value matches the run table's.
#[allow(clippy::too_many_arguments)]
pub fn compare(
    run_path: &Path,
    a: &str,
    b: &str,
    dataset: Option<&str>,
    metric: Option<&str>,
    resamples: u64,
    seed: Option<u64>,
    out: &mut dyn Write,
) -> Result<()> {
    let text =
        report::compare::compare_systems_of_run(run_path, a, b, dataset, metric, resamples, seed)?;
    write!(out, "{text}").map_err(|e| Error::io("<stdout>", e))
}

/// `sumbench compare OLD.json NEW.json`: the change of every shared system and metric
/// between two runs, with its paired significance over the shared clusters and the
/// clusters that changed most. Refused (exit 2) when the runs used different ROUGE
/// settings. `metric` picks one metric (default: recall and F of the table's metrics);
/// `seed` defaults to NEW's.
#[allow(clippy::too_many_arguments)]
pub fn compare_runs(
    old_path: &Path,
    new_path: &Path,
    dataset: Option<&str>,
    metric: Option<&str>,
    resamples: u64,
    seed: Option<u64>,
    top: usize,
    out: &mut dyn Write,
) -> Result<()> {
    let text =
        report::compare::compare_files(old_path, new_path, dataset, metric, resamples, seed, top)?;
    write!(out, "{text}").map_err(|e| Error::io("<stdout>", e))
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

/// `sumbench list`: every registered summarizer with its description and parameters
/// (type, range, default, doc), derived from the parameter structs; `json` prints them as
/// JSON with each parameter struct's JSON Schema.
pub fn list(out: &mut dyn Write, json: bool) -> Result<()> {
    let registry = Registry::default();
    let text = if json {
        // A JSON value always serializes.
        serde_json::to_string_pretty(&registry.describe_json()).unwrap_or_default() + "\n"
    } else {
        registry.describe()
    };
    write!(out, "{text}").map_err(|e| Error::io("<stdout>", e))
}

/// `sumbench plugin example-request`: a sample protocol-2 request line, for piping into
/// a plugin under development.
pub fn example_request(out: &mut dyn Write) -> Result<()> {
    let request = crate::summarize::command::example_request()?;
    out.write_all(request.as_bytes())
        .map_err(|e| Error::io("<stdout>", e))
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
    /// 1-based line in a pairs file (none for `--candidate`/`--reference` files).
    #[serde(skip)]
    line: Option<usize>,
}

/// Reads every pair before any is scored, so a bad line fails the run with no output.
fn read_pairs(source: &PairsSource) -> Result<Vec<Pair>> {
    match source {
        PairsSource::Files {
            candidate,
            references,
        } => {
            let read = |p: &Path| corpus::dir::read_text(p);
            Ok(vec![Pair {
                id: candidate.display().to_string(),
                candidate: read(candidate)?,
                references: references.iter().map(|r| read(r)).collect::<Result<_>>()?,
                line: None,
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
            let (text, lossy) = crate::util::decode_text(bytes, shown)?;
            if let Some(lossy) = lossy {
                crate::util::report_lossy(lossy);
            }
            let mut pairs = Vec::new();
            for (k, line) in text.split('\n').enumerate() {
                let bad = |message: String| Error::input(shown, Some(k + 1), message);
                if line.trim().is_empty() {
                    continue;
                }
                let (line, lone) = crate::util::replace_lone_surrogates(line);
                if lone > 0 {
                    eprintln!(
                        "warning: {}:{}: {lone} unpaired UTF-16 surrogate escape(s) read as U+FFFD, as rouge-score's tokenizer treats them",
                        shown.display(),
                        k + 1
                    );
                }
                let mut pair: Pair = serde_json::from_str(&line).map_err(|e| {
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
                pair.line = Some(k + 1);
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

/// Refuses, before anything is scored, a pair with a text over `max_tokens` tokens,
/// naming the file, line, pair id and text (the LCS of an oversized text would need
/// memory quadratic in its length).
fn check_pair_lengths(
    source: &PairsSource,
    pairs: &[Pair],
    scorer: &crate::rouge::Scorer,
    max_tokens: usize,
) -> Result<()> {
    for pair in pairs {
        let texts = std::iter::once(("candidate".to_string(), &pair.candidate)).chain(
            pair.references
                .iter()
                .enumerate()
                .map(|(k, r)| (format!("references[{k}]"), r)),
        );
        for (k, (what, text)) in texts.enumerate() {
            if let Err(e) = scorer.check_len(text, max_tokens) {
                let message = format!(
                    "pair `{}`: {what} has {e} (--max-tokens; the LCS needs memory \
                     quadratic in a text's tokens): raise --max-tokens or split the text",
                    pair.id
                );
                return Err(match source {
                    PairsSource::Jsonl(path) => {
                        let shown = if path.as_os_str() == "-" {
                            Path::new("<stdin>")
                        } else {
                            path
                        };
                        Error::input(shown, pair.line, message)
                    }
                    PairsSource::Files {
                        candidate,
                        references,
                    } => {
                        let file = if k == 0 {
                            *candidate
                        } else {
                            references[k - 1].as_path()
                        };
                        Error::input(file, None, message)
                    }
                });
            }
        }
    }
    Ok(())
}

/// `sumbench score`: scores every pair with `settings` and writes one JSON object per
/// line, in input order; with `summary`, a final `{"summary": …}` line holds the
/// aggregate over all pairs. A text over `max_tokens` tokens fails the command before
/// any pair is scored.
pub fn score(
    source: &PairsSource,
    settings: &crate::rouge::RougeSettings,
    summary: bool,
    max_tokens: usize,
    out: &mut dyn Write,
) -> Result<()> {
    let scorer = crate::rouge::Scorer::new(settings).map_err(Error::Rouge)?;
    let pairs = read_pairs(source)?;
    check_pair_lengths(source, &pairs, &scorer, max_tokens)?;
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

/// Where `sumbench check` gets the current run from.
pub enum CheckSource<'a> {
    /// Run this config (`None`: the built-in default), writing its results as `run` does.
    Config(Option<&'a Path>),
    /// Read a results file written by `sumbench run`.
    Results(&'a Path),
}

/// The arguments of `sumbench check`.
pub struct CheckArgs<'a> {
    /// The baseline file.
    pub baseline: &'a Path,
    /// The current run.
    pub source: CheckSource<'a>,
    /// Rewrite the baseline from the current run instead of comparing.
    pub update: bool,
    /// Tolerance and significance settings.
    pub options: crate::check::CheckOptions,
    /// How to execute the run (with [`CheckSource::Config`]).
    pub run: RunOptions,
}

/// `sumbench check`: compares the current run with a baseline and fails with
/// [`Error::Gate`] when a score regressed or a system or cluster went missing; with
/// `update`, rewrites the baseline from the run instead.
pub fn check(args: &CheckArgs, out: &mut dyn Write) -> Result<()> {
    use crate::check::{self, baseline::Baseline};
    validate_check_options(&args.options)?;
    let (run, strict) = current_run(&args.source, args.run, out)?;
    if args.update {
        return update_baseline(args, &run, out);
    }
    let base = Baseline::read(args.baseline)?;
    let cur = Baseline::from_run(&run, base.tolerance.clone())?;
    let refused = check::incompatibilities(&base, &cur);
    if !refused.is_empty() {
        return Err(Error::input(
            args.baseline,
            None,
            format!(
                "refusing to compare: the baseline was made with other settings:\n  {}\n\
                 if the change is deliberate, rewrite the baseline with --update",
                refused.join("\n  ")
            ),
        ));
    }
    let report = check::check(&base, &cur, &args.options);
    let header = format!(
        "check: run `{}` against baseline {} (sumbench {}, {} units)\n",
        cur.run,
        args.baseline.display(),
        base.sumbench_version,
        base.units.len()
    );
    write!(out, "{header}{}", check::render::render(&report))
        .map_err(|e| Error::io("<stdout>", e))?;
    let strict = strict.filter(|_| args.run.strict).map(|e| e.to_string());
    if report.failures.is_empty() {
        return strict.map_or(Ok(()), |e| Err(Error::Gate(e)));
    }
    Err(Error::Gate(format!(
        "check against {} failed: {}{}",
        args.baseline.display(),
        report.failures.join("; "),
        strict.map(|e| format!("; {e}")).unwrap_or_default()
    )))
}

fn validate_check_options(o: &crate::check::CheckOptions) -> Result<()> {
    if o.tolerance.is_some_and(|t| t.is_nan() || t < 0.0) {
        return Err(Error::Usage("--tolerance: expected a number >= 0".into()));
    }
    if !(o.alpha > 0.0 && o.alpha <= 1.0) {
        return Err(Error::Usage("--alpha: expected a number in (0, 1]".into()));
    }
    if o.resamples == 0 {
        return Err(Error::Usage("--resamples: expected at least 1".into()));
    }
    Ok(())
}

/// The warnings section of a results file; files written before it existed have none.
#[derive(Deserialize)]
struct WarningsView {
    #[serde(default)]
    warnings: report::warnings::Warnings,
}

/// The current run: read from a results file, or run (writing results like `run`, so a
/// failed check leaves the evidence to inspect, upload or re-check with `--run`). Also
/// the error `--strict` would make of the run's warnings, if any.
fn current_run(
    source: &CheckSource,
    options: RunOptions,
    out: &mut dyn Write,
) -> Result<(crate::check::baseline::RunView, Option<Error>)> {
    use crate::check::baseline::RunView;
    let config_path = match source {
        CheckSource::Results(path) => {
            let run = RunView::read(path)?;
            // RunView::read has just parsed the same file, so this cannot fail on syntax.
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
            let view: WarningsView = serde_json::from_str(&text)
                .map_err(|e| Error::input(path, Some(e.line()), format!("`warnings`: {e}")))?;
            return Ok((run, view.warnings.strict_error(path)));
        }
        CheckSource::Config(path) => *path,
    };
    let registry = Registry::default();
    let config = load_config(config_path, &registry)?;
    harness::check_output(&config)?;
    let output = execute(&config, &registry, options)?;
    let (results_path, _) = harness::write_outputs(&config, &output)?;
    writeln!(out, "results: {}", results_path.display()).map_err(|e| Error::io("<stdout>", e))?;
    let warnings = &output.results.warnings;
    if let Some(summary) = warnings.summary(&results_path) {
        eprint!("{summary}");
    }
    Ok((
        RunView::of(&output.results),
        warnings.strict_error(&results_path),
    ))
}

/// Rewrites the baseline from `run`, keeping the old file's tolerances when it has any.
fn update_baseline(
    args: &CheckArgs,
    run: &crate::check::baseline::RunView,
    out: &mut dyn Write,
) -> Result<()> {
    use crate::check::baseline::{Baseline, Tolerances};
    let mut note = String::new();
    let mut tolerance = match Baseline::read(args.baseline) {
        Ok(old) => old.tolerance,
        Err(Error::Io { ref source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            Tolerances::default()
        }
        Err(e) => {
            note = format!(" (the old file was unreadable, its tolerances are lost: {e})");
            Tolerances::default()
        }
    };
    // Written out, so the file shows where to edit and a later change of the built-in
    // default does not silently loosen a committed gate.
    tolerance.default = args
        .options
        .tolerance
        .or(tolerance.default)
        .or(Some(crate::check::baseline::DEFAULT_TOLERANCE));
    let baseline = Baseline::from_run(run, tolerance)?;
    baseline.write(args.baseline)?;
    writeln!(
        out,
        "baseline {} updated from run `{}`: {} units{note}",
        args.baseline.display(),
        baseline.run,
        baseline.units.len()
    )
    .map_err(|e| Error::io("<stdout>", e))
}
