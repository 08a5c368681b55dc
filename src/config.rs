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
    /// DUC/TAC: `path/<docset>/<DOCNO>` SGML files, model summaries in `models`.
    Duc,
    /// Multi-News: one cluster per line, documents split by `|||||`, summaries in `summaries`.
    Multinews,
    /// WCEP JSON Lines: `{id, summary, articles: [{title, text, time}]}`.
    Wcep,
}

impl DatasetFormat {
    /// The format's name in configs.
    pub fn name(self) -> &'static str {
        match self {
            DatasetFormat::Dir => "dir",
            DatasetFormat::Jsonl => "jsonl",
            DatasetFormat::Duc => "duc",
            DatasetFormat::Multinews => "multinews",
            DatasetFormat::Wcep => "wcep",
        }
    }
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
    /// For `duc`: the folder of model summaries such as `D30001.M.100.T.A`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub models: Option<PathBuf>,
    /// For `multinews`: the summaries file, line `i` summarizing line `i` of `path`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summaries: Option<PathBuf>,
    /// Use only the first `limit` clusters (default: all), for quick trial runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<usize>,
}

impl DatasetConfig {
    /// Checks that the keys fit the format and every configured path exists; `origin`
    /// names the config in errors, so a wrong path points at the file to fix.
    pub fn check(&self, index: usize, origin: &str) -> Result<()> {
        let err = |message: String| Error::Config {
            path: origin.to_owned(),
            message: format!("datasets[{index}] ({}): {message}", self.name),
        };
        let format = self.format.name();
        let keys = [
            ("references", self.references.is_some(), DatasetFormat::Dir),
            ("models", self.models.is_some(), DatasetFormat::Duc),
            (
                "summaries",
                self.summaries.is_some(),
                DatasetFormat::Multinews,
            ),
        ];
        for (key, present, owner) in keys {
            if present && self.format != owner {
                return Err(err(format!(
                    "`{key}` applies to format {} only, not {format}",
                    owner.name()
                )));
            }
        }
        if self.format == DatasetFormat::Multinews && self.summaries.is_none() {
            return Err(err(
                "format multinews needs `summaries: FILE` (the parallel summaries file)".into(),
            ));
        }
        if self.limit == Some(0) {
            return Err(err("limit: expected a positive number of clusters".into()));
        }
        // A missing `references` folder is allowed for `dir`: the clusters are then only
        // summarized, not scored, as that reader always did.
        let paths = [
            ("path", Some(&self.path)),
            ("models", self.models.as_ref()),
            ("summaries", self.summaries.as_ref()),
        ];
        for (key, path) in paths {
            if let Some(p) = path {
                if !p.exists() {
                    return Err(err(format!(
                        "{key}: {} does not exist (paths are relative to the directory \
                         sumbench runs in, normally the repository root)",
                        p.display()
                    )));
                }
            }
        }
        Ok(())
    }
}

/// Report options.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReportOptions {
    /// Metrics shown in the table (default: ROUGE-1, ROUGE-2 and ROUGE-L of the mode).
    pub metrics: Option<Vec<String>>,
    /// Metric of the significance column, `NAME` (recall) or `NAME:p|r|f` (default:
    /// ROUGE-2 recall).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    /// Resamples of the significance column's paired test (default 10000; 0 turns the
    /// column off).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resamples: Option<u64>,
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
    /// Where the config came from (its file path), for error messages; not a YAML key.
    #[serde(skip)]
    pub origin: String,
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
        let mut config: Config = serde_yaml::from_str(text).map_err(|e| err(e.to_string()))?;
        config.origin = origin.to_owned();
        if config.name.is_empty() || config.name.contains(['/', '\\']) {
            return Err(err(format!(
                "name: {:?} must be a non-empty file name",
                config.name
            )));
        }
        if config.datasets.is_empty() {
            return Err(err("datasets: expected at least one dataset".into()));
        }
        let mut dataset_names = std::collections::BTreeSet::new();
        for (i, d) in config.datasets.iter().enumerate() {
            if !dataset_names.insert(d.name.as_str()) {
                return Err(err(format!(
                    "datasets[{i}]: duplicate dataset name `{}`",
                    d.name
                )));
            }
        }
        if config.summarizers.is_empty() {
            return Err(err("summarizers: expected at least one summarizer".into()));
        }
        if config.budget.limit == 0 {
            return Err(err("budget.limit: expected a positive number".into()));
        }
        registry.build_all(&config.summarizers).map_err(err)?;
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
