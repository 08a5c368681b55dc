//! The YAML run description (`configs/*.yaml`): datasets, summarizers, budget, text and
//! ROUGE settings, output folder.
//!
//! Parsing is strict: an unknown key or a value of the wrong type is an error naming the
//! file, the key path and what was expected, because a silently ignored typo in a
//! benchmark config produces plausible but wrong numbers.
use crate::rouge::RougeSettings;
use crate::summarize::{Budget, Registry};
use crate::text::TextOptions;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The built-in default config (the bundled seed cluster), used by `sumbench run`.
pub const DEFAULT_YAML: &str = include_str!("../configs/default.yaml");

/// How a dataset is stored on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatasetFormat {
    /// `path/<cluster>/*.txt` with references in `references/<cluster>/*.txt`.
    Dir,
    /// JSON Lines, one cluster per line, references inline.
    Jsonl,
}

/// One dataset of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetConfig {
    /// Name in reports.
    pub name: String,
    /// Storage format.
    pub format: DatasetFormat,
    /// File or folder, relative to the current directory.
    pub path: PathBuf,
    /// For `dir`: the references folder (default: none, summaries are not scored).
    #[serde(default)]
    pub references: Option<PathBuf>,
}

/// Report options.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReportOptions {
    /// Metrics shown in the table (default: ROUGE-1, ROUGE-2 and ROUGE-L of the mode).
    pub metrics: Option<Vec<String>>,
}

/// A complete run description.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Run name: results go to `<output>/<name>.json`.
    pub name: String,
    /// Datasets to run on.
    pub datasets: Vec<DatasetConfig>,
    /// Systems, each a mapping `{type: KIND, name: NAME, ...params}`.
    pub summarizers: Vec<serde_yaml::Value>,
    /// Summary length limit.
    #[serde(default)]
    pub budget: Budget,
    /// The summarizers' text pipeline.
    #[serde(default)]
    pub text: TextOptions,
    /// ROUGE settings.
    pub rouge: RougeSettings,
    /// Output folder for result files.
    #[serde(default = "default_output")]
    pub output: PathBuf,
    /// Seed for every random choice in the run.
    #[serde(default)]
    pub seed: u64,
    /// Table options.
    #[serde(default)]
    pub report: ReportOptions,
}

fn default_output() -> PathBuf {
    PathBuf::from("results")
}

impl Config {
    /// Parses and validates a config against the built-in summarizers; `origin` names it
    /// in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Self> {
        Self::parse_with(text, origin, &Registry::default())
    }

    /// Parses and validates a config whose summarizers must be kinds of `registry` (the
    /// registry the run will use, so a Rust plugin's kind validates).
    pub fn parse_with(text: &str, origin: &str, registry: &Registry) -> Result<Self> {
        let err = |message: String| Error::Config {
            path: origin.to_owned(),
            message,
        };
        let config: Config = serde_yaml::from_str(text).map_err(|e| err(e.to_string()))?;
        if config.name.is_empty() || config.name.contains(['/', '\\']) {
            return Err(err(format!(
                "name: {:?} must be a non-empty file name",
                config.name
            )));
        }
        if config.datasets.is_empty() {
            return Err(err("datasets: expected at least one dataset".into()));
        }
        if config.summarizers.is_empty() {
            return Err(err("summarizers: expected at least one summarizer".into()));
        }
        if config.budget.limit == 0 {
            return Err(err("budget.limit: expected a positive number".into()));
        }
        let mut names = std::collections::BTreeSet::new();
        for (i, s) in config.summarizers.iter().enumerate() {
            let system = registry
                .build(s)
                .map_err(|e| err(format!("summarizers[{i}]: {e}")))?;
            if !names.insert(system.name.clone()) {
                return Err(err(format!(
                    "summarizers[{i}]: duplicate name `{}`; give one of them `name:`",
                    system.name
                )));
            }
        }
        crate::rouge::Scorer::new(&config.rouge).map_err(|e| err(format!("rouge: {e}")))?;
        Ok(config)
    }

    /// Reads and validates a config file against the built-in summarizers.
    pub fn load(path: &Path) -> Result<Self> {
        Self::load_with(path, &Registry::default())
    }

    /// Reads and validates a config file against `registry`.
    pub fn load_with(path: &Path, registry: &Registry) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::parse_with(&text, &path.display().to_string(), registry)
    }

    /// The built-in default config.
    pub fn builtin() -> Result<Self> {
        Self::parse(DEFAULT_YAML, "<built-in default config>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_default_parses() {
        let c = Config::builtin().unwrap();
        assert!(c.summarizers.len() >= 3);
    }

    #[test]
    fn unknown_key_names_file_and_key() {
        let text = DEFAULT_YAML.replace("budget:", "budgte:");
        let err = Config::parse(&text, "x.yaml").unwrap_err().to_string();
        assert!(
            err.starts_with("x.yaml:") && err.contains("budgte"),
            "{err}"
        );
    }

    #[test]
    fn wrong_type_names_the_key() {
        let text = DEFAULT_YAML.replace("limit: 100", "limit: many");
        let err = Config::parse(&text, "x.yaml").unwrap_err().to_string();
        assert!(err.contains("limit") || err.contains("budget"), "{err}");
    }

    #[test]
    fn misspelt_summarizer_parameter_names_its_index() {
        let text = DEFAULT_YAML.replace("damping: 0.85", "dampin: 0.85");
        let err = Config::parse(&text, "x.yaml").unwrap_err().to_string();
        assert!(
            err.contains("summarizers[") && err.contains("dampin"),
            "{err}"
        );
    }
}
