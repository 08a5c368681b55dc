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
    },
    /// Summarize one cluster folder with one summarizer and print the summary.
    #[command(
        after_help = "Examples:\n  sumbench summarize --cluster corpus/ukraine-talks-2022-01 --summarizer textrank --words 100\n  sumbench summarize --cluster corpus/ukraine-talks-2022-01 --summarizer '{type: lead, variant: round-robin}' --sentences 3"
    )]
    Summarize {
        /// Folder of *.txt articles.
        #[arg(long)]
        cluster: PathBuf,
        /// A summarizer kind (see `sumbench list`) or a YAML mapping with parameters.
        #[arg(long)]
        summarizer: String,
        /// Word budget (default 100).
        #[arg(long, conflicts_with_all = ["bytes", "sentences"])]
        words: Option<usize>,
        /// Byte budget.
        #[arg(long, conflicts_with = "sentences")]
        bytes: Option<usize>,
        /// Sentence budget.
        #[arg(long)]
        sentences: Option<usize>,
        /// Seed for randomized summarizers.
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
    /// List the registered summarizers with their parameters and defaults.
    #[command(after_help = "Example:\n  sumbench list")]
    List,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut stdout = std::io::stdout().lock();
    let result = match cli.command {
        Command::Run { config } => {
            sumbench::commands::run(config.as_deref(), &mut stdout).map(|_| ())
        }
        Command::Summarize {
            cluster,
            summarizer,
            words,
            bytes,
            sentences,
            seed,
        } => {
            let budget = sumbench::commands::budget_from_flags(words, bytes, sentences);
            sumbench::commands::summarize_cluster(&cluster, &summarizer, budget, seed, &mut stdout)
        }
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
