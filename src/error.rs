//! The crate's error type. Every variant names the file (and, where it applies, the line
//! or key) that caused it, because a benchmark run over hundreds of files is useless if
//! it only says "invalid input".
use std::path::PathBuf;

/// Everything that can go wrong in sumbench, with enough context to fix it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or folder could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// Input data (a corpus, dataset or pairs file) is malformed.
    #[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Input {
        /// The offending file.
        path: PathBuf,
        /// 1-based line number, when the format is line oriented.
        line: Option<usize>,
        /// What was wrong and what was expected.
        message: String,
    },
    /// The run configuration is invalid.
    #[error("{path}: {message}")]
    Config {
        /// The configuration file (or `<built-in default>`).
        path: String,
        /// The key at fault and what was expected.
        message: String,
    },
    /// A summarizer failed on one cluster.
    #[error("summarizer {system} on cluster {cluster}: {message}")]
    Summarize {
        /// The system's display name.
        system: String,
        /// The cluster id.
        cluster: String,
        /// What went wrong.
        message: String,
    },
    /// Invalid ROUGE settings (mode, flags, metric names).
    #[error("ROUGE settings: {0}")]
    Rouge(String),
    /// A command-line usage error not caught by the argument parser.
    #[error("{0}")]
    Usage(String),
    /// A check or gate compared the work with its baseline and found a regression; the
    /// message lists what regressed.
    #[error("{0}")]
    Gate(String),
    /// A run finished and wrote its results, but some systems failed on some clusters.
    #[error("{failures} (system, cluster) units failed: {summary}; results were written, and `--allow-failures` accepts such runs")]
    SystemsFailed {
        /// How many (system, cluster) units failed.
        failures: usize,
        /// The failing systems, with their failure counts.
        summary: String,
    },
}

/// The exit codes of every `sumbench` command, one table for all of them (documented in
/// `docs/ci.md`), so a CI script can tell "worse" from "broken" from "could not run".
pub mod exit {
    /// Success: the command did what was asked and every check passed.
    pub const OK: u8 = 0;
    /// A check or gate ran and failed (`sumbench check`, the instruction-count gate,
    /// `--strict` warnings): the work ran, its outcome is not acceptable.
    pub const GATE: u8 = 1;
    /// Bad input or usage: a config, dataset, argument or file is wrong or unreadable;
    /// nothing was run (or nothing was written).
    pub const INPUT: u8 = 2;
    /// Some systems failed on some clusters; the results were written and name them.
    pub const SYSTEMS_FAILED: u8 = 3;
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The process exit code this error means (see [`exit`]).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Gate(_) => exit::GATE,
            Error::SystemsFailed { .. } | Error::Summarize { .. } => exit::SYSTEMS_FAILED,
            _ => exit::INPUT,
        }
    }

    /// Builds an [`Error::Io`] for `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Builds an [`Error::Input`] for `path`, optionally at a 1-based `line`.
    pub fn input(
        path: impl Into<PathBuf>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Error::Input {
            path: path.into(),
            line,
            message: message.into(),
        }
    }
}
