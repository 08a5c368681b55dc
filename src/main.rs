//! The `sumbench` command line: parses arguments and dispatches to the library.
// Production code must not panic on input (docs/reliability.md): every unwrap, expect
// or panic outside tests is refused by clippy unless allowed where its invariant is
// stated.
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Benchmark multi-document extractive summarizers with exact ROUGE.
#[derive(Parser)]
#[command(name = "sumbench", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Say less on stderr: no progress bar (warnings and errors still print).
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Say more on stderr: what is run and where the time went.
    #[arg(long, short, global = true)]
    verbose: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Run every configured summarizer on every cluster, score with ROUGE, report.
    #[command(
        after_help = "Examples:\n  sumbench run                                        # built-in default: the bundled seed cluster\n  sumbench run --config configs/multiling2011.yaml    # bundled MultiLing 2011 English, 10 clusters\n  sumbench run --config configs/duc2004.yaml --jobs 2 # DUC 2004, read from ../shared/data/duc2004-task2\n  sumbench run --config configs/duc2004-published.yaml # the 13 published DUC 2004 systems beside ours\n  sumbench run --config configs/multiling2011.yaml --system lead --system textrank   # a subset\n  sumbench run --config configs/multiling2011.yaml --export-html report.html --export-csv scores.csv\n\nWrites <output>/<name>.json (deterministic) and <output>/<name>.timings.json. A bad --export-* path\nfails (exit 2) before the run starts; with `-` an export goes to stdout and the table to stderr."
    )]
    Run(RunArgs),
    /// Print summaries: one cluster folder with one summarizer, or every configured
    /// system on every cluster of a config as JSON Lines.
    #[command(
        after_help = "Examples:\n  sumbench summarize --cluster corpus/ukraine-talks-2022-01 --summarizer textrank --words 100\n  sumbench summarize --cluster corpus/ukraine-talks-2022-01 --summarizer '{type: lead, variant: round-robin}' --sentences 3\n  sumbench summarize --config configs/multiling2011.yaml --system textrank > summaries.jsonl\n\nWith --config, each output line is {\"dataset\", \"cluster\", \"system\", \"summary\"} with the\nsummary's sentences separated by newlines; oracle systems always have \"oracle\" in their name."
    )]
    Summarize(SummarizeArgs),
    /// Compare two runs (OLD.json NEW.json: every shared system and metric, with the paired
    /// test over the shared clusters), or two systems of one run (--run FILE A B).
    #[command(
        after_help = "Examples:\n  sumbench compare results/old.json results/multiling2011.json      # what changed between two runs\n  sumbench compare old.json new.json --metric ROUGE-1:f --top 10\n  sumbench compare --run results/multiling2011.json ilp lead        # two systems of one run\n  sumbench compare --run results/duc2004.json centroid lead --metric ROUGE-1:f --resamples 100000\n\nTwo runs made with different ROUGE settings are refused (exit 2), naming the setting.\nWith too few shared clusters for a paired test (fewer than 6), no p-value is printed."
    )]
    Compare(CompareArgs),
    /// Quality gate: compare a run with a committed baseline; exit 1 when a score
    /// regressed significantly beyond the tolerance, or a system or cluster went missing.
    #[command(
        after_help = "Examples:\n  sumbench check --baseline baselines/default.json                          # runs the built-in default config\n  sumbench check --baseline baselines/multiling2011.json --config configs/multiling2011.yaml\n  sumbench check --baseline baselines/multiling2011.json --run results/multiling2011.json --tolerance 0.01\n  sumbench check --baseline baselines/default.json --update                 # deliberately accept the current scores\n\nCompares recall and F of every metric, per dataset and system. A score regresses when its\nmean drops by more than the tolerance and the paired test over clusters gives p < alpha;\nwith too few clusters for the test, the tolerance alone decides (and the output says so).\nExit codes: 0 passed (or --update done), 1 regressed or missing, 2 bad input or a baseline\nmade with other ROUGE or config settings (refused, naming what differs). docs/ci.md"
    )]
    Check(CheckArgs),
    /// Score candidate summaries against references with ROUGE, one JSON line per pair.
    #[command(
        long_about = "Score candidate summaries against references with ROUGE.\n\n\
Input (--pairs): JSON Lines, one object per line: {\"id\": str, \"candidate\": str, \"references\": [str, ...]}; \
other keys are ignored, blank lines skipped, newlines inside texts separate sentences (rougeLsum, ROUGE-1.5.5's ROUGE-L). \
Every line is read and checked before anything is scored: a malformed line or missing field is reported with its \
line number and the command exits with code 2 without writing any output.\n\n\
Output (stdout): JSON Lines in input order, {\"id\": str, \"<metric>\": {\"p\": f, \"r\": f, \"f\": f}, ...} with the \
mode's metric names (rouge-score: rouge1 rouge2 rougeL rougeLsum by default; rouge155: ROUGE-1 ... ROUGE-SU4). \
With --summary, one final line {\"summary\": {\"rouge\": settings, \"pairs\": n, \"metrics\": [{\"metric\", \"mean\", \"low\", \"high\"}, ...]}} \
holds the macro average over all pairs with 95% bootstrap intervals (low/high): in rouge155 mode ROUGE-1.5.5's own \
(-c/-r, reproduced exactly); in rouge-score mode 1,000 resamples as rouge-score's BootstrapAggregator draws them, \
with a fixed seed (rouge-score's own are unseeded, so they vary from run to run). low/high are null for a single pair.",
        after_help = "Examples (from the repository root):\n  sumbench score --pairs examples/score/pairs.jsonl > scores.jsonl\n  cat examples/score/pairs.jsonl | sumbench score --pairs - --stem --metrics rouge1,rouge2,rougeL --summary\n  sumbench score --candidate examples/score/candidate.txt --reference examples/score/reference1.txt examples/score/reference2.txt\n  sumbench score --pairs examples/score/pairs.jsonl --mode rouge155 --flags \"-n 2 -m -c 95 -r 1000 -f A -p 0.5 -t 0 -a\""
    )]
    Score(ScoreArgs),
    /// Estimate a run's work per shard before running it: units, each of N shards'
    /// estimated instructions (from the committed instruction counts) and the imbalance.
    #[command(
        after_help = "Examples:\n  sumbench plan --config configs/duc2004.yaml --shards 4\n\nThe shards are the ones `sumbench run --shard K/N` runs (docs/scale.md)."
    )]
    Plan(PlanArgs),
    /// Merge the journals of a sharded run (`run --shard K/N`) into its results file.
    #[command(
        after_help = "Examples:\n  sumbench merge results/big.shard-*-of-4.journal.jsonl\n  sumbench merge results/big.shard-*-of-4.journal.jsonl -o results/big.json\n\nRefuses (exit 2) parts of different configs, versions or partitions, and names every\nmissing shard, missing unit and duplicated unit. docs/scale.md"
    )]
    Merge(MergeArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(
        after_help = "Examples:\n  sumbench completions bash > ~/.local/share/bash-completion/completions/sumbench\n  sumbench completions zsh > ~/.zfunc/_sumbench\n  sumbench completions fish > ~/.config/fish/completions/sumbench.fish"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// A drop-in for ROUGE-1.5.5.pl: its options, XML config and output (docs/rouge155.md).
    #[command(disable_help_flag = true)]
    Rouge155 {
        /// ROUGE-1.5.5.pl's own arguments: [options] CONFIG [SYSTEM_ID] (`-h` for its usage).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// List the registered summarizers with their parameters: type, range, default, doc.
    #[command(after_help = "Example:\n  sumbench list\n  sumbench list --json")]
    List {
        /// Print JSON (each parameter struct's JSON Schema included).
        #[arg(long)]
        json: bool,
    },
    /// Tools for writing `command` plugins (docs/plugins.md).
    Plugin {
        #[command(subcommand)]
        action: PluginAction,
    },
}

/// The arguments of `sumbench run`.
#[derive(Args)]
struct RunArgs {
    /// YAML config (default: the built-in config over the bundled seed cluster).
    #[arg(long, short)]
    config: Option<PathBuf>,
    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long, short, conflicts_with = "serial")]
    jobs: Option<usize>,
    /// Run on one thread (same as --jobs 1).
    #[arg(long)]
    serial: bool,
    /// Only this system (its name in the table, or a sweep's base name for all its
    /// points); repeatable. Unknown names are refused with the list of known ones.
    #[arg(long = "system", value_name = "NAME")]
    systems: Vec<String>,
    /// Only this dataset; repeatable.
    #[arg(long = "dataset", value_name = "NAME")]
    datasets: Vec<String>,
    /// Exit 0 even when systems failed on some clusters (default: exit 3). The
    /// failures are recorded in the results and listed under the table either way.
    #[arg(long)]
    allow_failures: bool,
    /// Exit 1 when the run recorded warnings (empty summaries, documents without
    /// sentences, lossily decoded files); results are written first. Failed systems
    /// still exit 3. Clusters of `references: none` datasets are not counted.
    #[arg(long)]
    strict: bool,
    /// Also write the averages as markdown tables to FILE (`-`: stdout).
    #[arg(long, value_name = "FILE")]
    export_markdown: Option<PathBuf>,
    /// Also write the averages as CSV, one row per dataset, system and metric (`-`: stdout).
    #[arg(long, value_name = "FILE")]
    export_csv: Option<PathBuf>,
    /// Also write the results document (as results/<run>.json; docs/results-schema.md) to FILE.
    #[arg(long, value_name = "FILE")]
    export_json: Option<PathBuf>,
    /// Also write the self-contained HTML report (charts, significance, every summary) to FILE.
    #[arg(long, value_name = "FILE")]
    export_html: Option<PathBuf>,
    /// Keep the units of the run's journal (same config and sumbench version) and run
    /// only the rest; without a journal, start. docs/scale.md
    #[arg(long)]
    resume: bool,
    /// Run only shard K of N (1-based, `1/4` to `4/4`), or `auto` from the scheduler's
    /// environment (Slurm, Kubernetes, SUMBENCH_SHARD*); writes its journal, not results.
    #[arg(long, value_name = "K/N|auto")]
    shard: Option<String>,
}

/// The arguments of `sumbench plan`.
#[derive(Args)]
struct PlanArgs {
    /// YAML config (default: the built-in config).
    #[arg(long, short)]
    config: Option<PathBuf>,
    /// Number of shards to estimate.
    #[arg(long, default_value_t = 1)]
    shards: usize,
}

/// The arguments of `sumbench merge`.
#[derive(Args)]
struct MergeArgs {
    /// The shards' journals (`<output>/<name>.shard-K-of-N.journal.jsonl`).
    #[arg(required = true)]
    journals: Vec<PathBuf>,
    /// Results file (default: `<output>/<name>.json` of the journals' config).
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Exit 0 even when systems failed on some clusters (default: exit 3).
    #[arg(long)]
    allow_failures: bool,
}

/// The arguments of `sumbench summarize`.
#[derive(Args)]
struct SummarizeArgs {
    /// Folder of *.txt articles.
    #[arg(
        long,
        conflicts_with = "config",
        required_unless_present = "config",
        requires = "summarizer"
    )]
    cluster: Option<PathBuf>,
    /// A summarizer kind (see `sumbench list`) or a YAML mapping with parameters.
    #[arg(long, conflicts_with = "config")]
    summarizer: Option<String>,
    /// Word budget (default 100).
    #[arg(long, conflicts_with_all = ["bytes", "sentences", "config"])]
    words: Option<usize>,
    /// Byte budget.
    #[arg(long, conflicts_with_all = ["sentences", "config"])]
    bytes: Option<usize>,
    /// Sentence budget.
    #[arg(long, conflicts_with = "config")]
    sentences: Option<usize>,
    /// Seed for randomized summarizers.
    #[arg(long, default_value_t = 42, conflicts_with = "config")]
    seed: u64,
    /// Summarize every cluster of a run config (its budget, text options and seed).
    #[arg(long, short)]
    config: Option<PathBuf>,
    /// With --config: only this dataset.
    #[arg(long, requires = "config")]
    dataset: Option<String>,
    /// With --config: only this system (its reported name).
    #[arg(long, requires = "config")]
    system: Option<String>,
    /// With --config: worker threads (default: one per core).
    #[arg(long, short, requires = "config")]
    jobs: Option<usize>,
}

/// The arguments of `sumbench compare`.
#[derive(Args)]
struct CompareArgs {
    /// Compare two systems of this results file (then A and B are system names).
    #[arg(long)]
    run: Option<PathBuf>,
    /// OLD results file, or system A with --run.
    a: String,
    /// NEW results file, or system B with --run.
    b: String,
    /// Dataset (with --run: required when the run has several; else: only this one).
    #[arg(long)]
    dataset: Option<String>,
    /// Metric as NAME (recall) or NAME:p|r|f (default with --run: ROUGE-2 recall;
    /// between runs: R and F of the table's metrics).
    #[arg(long)]
    metric: Option<String>,
    /// Resamples of each test.
    #[arg(long, default_value_t = sumbench::report::significance::DEFAULT_RESAMPLES)]
    resamples: u64,
    /// Seed (default: the run's seed, so p-values match the run table's; between runs, NEW's).
    #[arg(long)]
    seed: Option<u64>,
    /// Between runs: clusters listed per system under "changed most".
    #[arg(long, default_value_t = sumbench::report::compare::DEFAULT_TOP, conflicts_with = "run")]
    top: usize,
}

/// The arguments of `sumbench check`.
#[derive(Args)]
struct CheckArgs {
    /// The baseline file (JSON; written by --update).
    #[arg(long)]
    baseline: PathBuf,
    /// Run this YAML config, writing its results as `run` does (default: the built-in config).
    #[arg(long, short, conflicts_with = "run")]
    config: Option<PathBuf>,
    /// Read the current run from a results file written by `sumbench run` instead.
    #[arg(long)]
    run: Option<PathBuf>,
    /// Rewrite the baseline from the current run (keeping its tolerances), then exit 0.
    #[arg(long)]
    update: bool,
    /// Allowed absolute drop of a mean score (default: the baseline's, else 0.005);
    /// the baseline's per-system and per-metric entries still win. With --update,
    /// stored as the baseline's default.
    #[arg(long)]
    tolerance: Option<f64>,
    /// Significance level of the paired test over clusters.
    #[arg(long, default_value_t = sumbench::check::DEFAULT_ALPHA)]
    alpha: f64,
    /// Resamples of the paired test (exact enumeration when 2^clusters fits).
    #[arg(long, default_value_t = sumbench::report::significance::DEFAULT_RESAMPLES)]
    resamples: u64,
    /// Worker threads for the run (default: one per core).
    #[arg(long, short)]
    jobs: Option<usize>,
    /// Also fail (exit 1) when the run, or the results file of --run, recorded
    /// warnings (see `sumbench run --strict`).
    #[arg(long, conflicts_with = "update")]
    strict: bool,
}

/// The arguments of `sumbench score`.
#[derive(Args)]
struct ScoreArgs {
    /// JSON Lines file of {"id", "candidate", "references"} objects (`-` reads stdin).
    #[arg(
        long,
        required_unless_present = "candidate",
        conflicts_with = "candidate"
    )]
    pairs: Option<PathBuf>,
    /// One candidate summary file (one sentence per line), scored against --reference.
    #[arg(long, requires = "reference")]
    candidate: Option<PathBuf>,
    /// Reference summary files for --candidate.
    #[arg(long, num_args = 1.., requires = "candidate")]
    reference: Vec<PathBuf>,
    /// ROUGE implementation to reproduce: rouge-score (Google's 0.1.2) or rouge155.
    #[arg(long, default_value = "rouge-score")]
    mode: sumbench::rouge::Mode,
    /// Apply the mode's Porter stemmer (rouge-score: use_stemmer=True; rouge155: -m).
    #[arg(long)]
    stem: bool,
    /// Comma-separated metrics in the mode's names, e.g. rouge1,rouge2,rougeL.
    #[arg(long, value_delimiter = ',')]
    metrics: Option<Vec<String>>,
    /// ROUGE-1.5.5 command-line flags (rouge155 mode only), e.g. "-n 2 -m -a".
    #[arg(long, allow_hyphen_values = true)]
    flags: Option<String>,
    /// Tokenizer: the mode's own (default) or unicode (keeps every script's letters).
    #[arg(long, default_value = "default", value_parser = ["default", "unicode"])]
    tokenizer: String,
    /// Also print the aggregate over all pairs as a final {"summary": ...} line.
    #[arg(long)]
    summary: bool,
    /// Most tokens of one candidate or reference (the mode's tokenizer); a longer text
    /// fails the command (exit 2) before anything is scored, because the LCS needs
    /// memory quadratic in a text's length (20,000 tokens: at most ~400 MB a pair).
    #[arg(long, default_value_t = sumbench::limits::DEFAULT_MAX_ROUGE_TOKENS as u64,
          value_parser = clap::value_parser!(u64).range(1..))]
    max_tokens: u64,
}

/// What `sumbench plugin` does.
#[derive(Subcommand)]
enum PluginAction {
    /// Print a sample protocol-2 request (one JSON line, from a tiny built-in cluster).
    #[command(
        after_help = "Example:\n  sumbench plugin example-request | python3 examples/plugins/shared_words.py\n\nThe first line the plugin prints must be its handshake, {\"protocol\": 2}, then one reply line."
    )]
    ExampleRequest,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    sumbench::util::set_verbosity(if cli.quiet {
        sumbench::util::Verbosity::Quiet
    } else if cli.verbose {
        sumbench::util::Verbosity::Verbose
    } else {
        sumbench::util::Verbosity::Normal
    });
    let mut stdout = std::io::stdout().lock();
    exit_code(dispatch(cli.command, &mut stdout))
}

/// Runs one command, writing its output to `out`.
fn dispatch(command: Command, out: &mut dyn Write) -> sumbench::Result<()> {
    match command {
        Command::Run(args) => run(args, out),
        Command::Summarize(args) => summarize(args, out),
        Command::Compare(args) => compare(args, out),
        Command::Check(args) => check(args, out),
        Command::Score(args) => score(args, out),
        Command::Plan(args) => {
            let registry = sumbench::Registry::default();
            let config = sumbench::commands::load_config(args.config.as_deref(), &registry)?;
            sumbench::commands::plan(&config, &registry, args.shards, out)
        }
        Command::Merge(args) => sumbench::commands::merge(
            &args.journals,
            args.output.as_deref(),
            args.allow_failures,
            out,
        )
        .map(|_| ()),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(shell, &mut Cli::command(), "sumbench", out);
            Ok(())
        }
        Command::Rouge155 { args } => sumbench::rouge155_cli::run(&args, out),
        Command::List { json } => sumbench::commands::list(out, json),
        Command::Plugin {
            action: PluginAction::ExampleRequest,
        } => sumbench::commands::example_request(out),
    }
}

/// The documented exit code of a command's outcome (`sumbench::error::exit`); a closed
/// stdout (`sumbench list | head`) is not an error.
fn exit_code(result: sumbench::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(sumbench::Error::Io { ref source, .. })
            if source.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

/// `sumbench run`.
fn run(args: RunArgs, out: &mut dyn Write) -> sumbench::Result<()> {
    use sumbench::report::export::{ExportFormat, ExportManager};
    // Export paths first: a bad one fails before the config is even read.
    let mut exports = ExportManager::new();
    for (format, path) in [
        (ExportFormat::Markdown, &args.export_markdown),
        (ExportFormat::Csv, &args.export_csv),
        (ExportFormat::Json, &args.export_json),
        (ExportFormat::Html, &args.export_html),
    ] {
        if let Some(path) = path {
            exports.add(format, path)?;
        }
    }
    let options = sumbench::commands::RunOptions {
        jobs: if args.serial { Some(1) } else { args.jobs },
        progress: true,
        allow_failures: args.allow_failures,
        strict: args.strict,
        scale: sumbench::scale::journaled::Scale {
            resume: args.resume,
            shard: args
                .shard
                .as_deref()
                .map(|s| sumbench::scale::shard::parse(s, |k| std::env::var(k).ok()))
                .transpose()?,
        },
    };
    let registry = sumbench::Registry::default();
    let mut config = sumbench::commands::load_config(args.config.as_deref(), &registry)?;
    config.select(&registry, &args.systems, &args.datasets)?;
    sumbench::commands::run_exporting(&config, &registry, options, &exports, out).map(|_| ())
}

/// `sumbench summarize`.
fn summarize(args: SummarizeArgs, out: &mut dyn Write) -> sumbench::Result<()> {
    match (args.config, args.cluster, args.summarizer) {
        (Some(config), _, _) => sumbench::commands::summarize_config(
            &config,
            args.dataset.as_deref(),
            args.system.as_deref(),
            args.jobs,
            out,
        ),
        (None, Some(cluster), Some(summarizer)) => {
            let budget =
                sumbench::commands::budget_from_flags(args.words, args.bytes, args.sentences);
            sumbench::commands::summarize_cluster(&cluster, &summarizer, budget, args.seed, out)
        }
        _ => Err(sumbench::Error::Usage(
            "summarize: give --config FILE, or --cluster DIR with --summarizer KIND".into(),
        )),
    }
}

/// `sumbench compare`.
fn compare(args: CompareArgs, out: &mut dyn Write) -> sumbench::Result<()> {
    match &args.run {
        Some(run) => sumbench::commands::compare(
            run,
            &args.a,
            &args.b,
            args.dataset.as_deref(),
            args.metric.as_deref(),
            args.resamples,
            args.seed,
            out,
        ),
        None => sumbench::commands::compare_runs(
            args.a.as_ref(),
            args.b.as_ref(),
            args.dataset.as_deref(),
            args.metric.as_deref(),
            args.resamples,
            args.seed,
            args.top,
            out,
        ),
    }
}

/// `sumbench check`.
fn check(args: CheckArgs, out: &mut dyn Write) -> sumbench::Result<()> {
    let source = match &args.run {
        Some(r) => sumbench::commands::CheckSource::Results(r),
        None => sumbench::commands::CheckSource::Config(args.config.as_deref()),
    };
    let check = sumbench::commands::CheckArgs {
        baseline: &args.baseline,
        source,
        update: args.update,
        options: sumbench::check::CheckOptions {
            tolerance: args.tolerance,
            alpha: args.alpha,
            resamples: args.resamples,
        },
        run: sumbench::commands::RunOptions {
            jobs: args.jobs,
            progress: true,
            // The check itself reports systems that newly fail.
            allow_failures: true,
            strict: args.strict,
            scale: Default::default(),
        },
    };
    sumbench::commands::check(&check, out)
}

/// `sumbench score`.
fn score(args: ScoreArgs, out: &mut dyn Write) -> sumbench::Result<()> {
    let source = match (&args.pairs, &args.candidate) {
        (Some(p), _) => sumbench::commands::PairsSource::Jsonl(p),
        (None, Some(c)) => sumbench::commands::PairsSource::Files {
            candidate: c,
            references: &args.reference,
        },
        (None, None) => {
            return Err(sumbench::Error::Usage(
                "score: give --pairs FILE, or --candidate FILE --reference FILE...".into(),
            ))
        }
    };
    let settings = sumbench::rouge::RougeSettings {
        mode: args.mode,
        flags: args.flags.clone(),
        stem: args.stem.then_some(true),
        metrics: args.metrics.clone(),
        tokenizer: if args.tokenizer == "unicode" {
            sumbench::rouge::TokenizerKind::Unicode
        } else {
            sumbench::rouge::TokenizerKind::Default
        },
    };
    sumbench::commands::score(
        &source,
        &settings,
        args.summary,
        args.max_tokens as usize,
        out,
    )
}
