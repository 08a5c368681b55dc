//! The `sumbench` command line: parses arguments and dispatches to the library.
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Benchmark multi-document extractive summarizers with exact ROUGE.
#[derive(Parser)]
#[command(name = "sumbench", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run every configured summarizer on every cluster, score with ROUGE, report.
    #[command(
        after_help = "Examples:\n  sumbench run                          # built-in default: the bundled seed cluster\n  sumbench run --config configs/default.yaml"
    )]
    Run {
        /// YAML config (default: the built-in config over the bundled seed cluster).
        #[arg(long, short)]
        config: Option<PathBuf>,
        /// Worker threads (default: one per core). Results do not depend on it.
        #[arg(long, short, conflicts_with = "serial")]
        jobs: Option<usize>,
        /// Run on one thread (same as --jobs 1).
        #[arg(long)]
        serial: bool,
        /// No progress bar (it is only drawn when stderr is a terminal anyway).
        #[arg(long, short)]
        quiet: bool,
    },
    /// Print summaries: one cluster folder with one summarizer, or every configured
    /// system on every cluster of a config as JSON Lines.
    #[command(
        after_help = "Examples:\n  sumbench summarize --cluster corpus/ukraine-talks-2022-01 --summarizer textrank --words 100\n  sumbench summarize --cluster corpus/ukraine-talks-2022-01 --summarizer '{type: lead, variant: round-robin}' --sentences 3\n  sumbench summarize --config configs/multiling2011.yaml --system textrank > summaries.jsonl\n\nWith --config, each output line is {\"dataset\", \"cluster\", \"system\", \"summary\"} with the\nsummary's sentences separated by newlines; oracle systems always have \"oracle\" in their name."
    )]
    Summarize {
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
    },
    /// Paired significance tests (approximate randomisation and bootstrap over clusters)
    /// between two systems of a results file.
    #[command(
        after_help = "Examples:\n  sumbench compare --run results/default.json textrank lead\n  sumbench compare --run results/duc2004.json centroid lead --metric ROUGE-1:f --resamples 100000"
    )]
    Compare {
        /// A results file written by `sumbench run`.
        #[arg(long)]
        run: PathBuf,
        /// System A.
        a: String,
        /// System B.
        b: String,
        /// Dataset (required when the run has several).
        #[arg(long)]
        dataset: Option<String>,
        /// Metric as NAME (recall) or NAME:p|r|f (default: ROUGE-2 recall in the run's naming).
        #[arg(long)]
        metric: Option<String>,
        /// Resamples of each test.
        #[arg(long, default_value_t = sumbench::report::significance::DEFAULT_RESAMPLES)]
        resamples: u64,
        /// Seed (default: the run's seed, so p-values match the run table's).
        #[arg(long)]
        seed: Option<u64>,
    },
    /// List the registered summarizers with their parameters and defaults.
    #[command(after_help = "Example:\n  sumbench list")]
    List,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut stdout = std::io::stdout().lock();
    let result = match cli.command {
        Command::Run {
            config,
            jobs,
            serial,
            quiet,
        } => {
            let options = sumbench::harness::RunOptions {
                jobs: if serial { Some(1) } else { jobs },
                progress: !quiet,
            };
            sumbench::commands::run_with(config.as_deref(), options, &mut stdout).map(|_| ())
        }
        Command::Summarize {
            cluster,
            summarizer,
            words,
            bytes,
            sentences,
            seed,
            config,
            dataset,
            system,
            jobs,
        } => match (config, cluster, summarizer) {
            (Some(config), _, _) => sumbench::commands::summarize_config(
                &config,
                dataset.as_deref(),
                system.as_deref(),
                jobs,
                &mut stdout,
            ),
            (None, Some(cluster), Some(summarizer)) => {
                let budget = sumbench::commands::budget_from_flags(words, bytes, sentences);
                sumbench::commands::summarize_cluster(
                    &cluster,
                    &summarizer,
                    budget,
                    seed,
                    &mut stdout,
                )
            }
            _ => Err(sumbench::Error::Usage(
                "summarize: give --config FILE, or --cluster DIR with --summarizer KIND".into(),
            )),
        },
        Command::Compare {
            run,
            a,
            b,
            dataset,
            metric,
            resamples,
            seed,
        } => sumbench::commands::compare(
            &run,
            &a,
            &b,
            dataset.as_deref(),
            metric.as_deref(),
            resamples,
            seed,
            &mut stdout,
        ),
        Command::List => sumbench::commands::list(&mut stdout),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(sumbench::Error::Io { ref source, .. })
            if source.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
