//! The YAML run description (`configs/*.yaml`): datasets, summarizers, budget, text and
//! ROUGE settings, output folder.
//!
//! Parsing is strict: an unknown key or a value of the wrong type is an error naming the
//! file, the key path and what was expected, because a silently ignored typo in a
//! benchmark config produces plausible but wrong numbers.
use crate::limits::Limits;
use crate::rouge::RougeSettings;
use crate::summarize::{Budget, Registry};
use crate::text::TextOptions;
use crate::{Error, Result};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub mod schema;
pub mod sweep;

/// The built-in default config (the bundled seed cluster), used by `sumbench run`.
pub const DEFAULT_YAML: &str = include_str!("../configs/default.yaml");

/// How a dataset is stored on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
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

/// Where a dataset's reference summaries come from.
///
/// A run scores every cluster against its references, so a cluster without any is an
/// error unless the config says the run is summarize-only (`references: none`): a
/// misspelt folder must not quietly score zero and lower every average.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum References {
    /// `references: none`: the clusters are summarized, never scored.
    None,
    /// For `dir`: the folder holding `<cluster-id>/*.txt` reference summaries.
    Folder(PathBuf),
}

impl References {
    /// The references folder, when one is configured.
    pub fn folder(&self) -> Option<&Path> {
        match self {
            References::Folder(p) => Some(p),
            References::None => None,
        }
    }
}

impl Serialize for References {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            References::None => s.serialize_str("none"),
            References::Folder(p) => p.serialize(s),
        }
    }
}

impl JsonSchema for References {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "References".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A references folder, or `none` for a summarize-only run."
        })
    }
}

impl<'de> Deserialize<'de> for References {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Ok(if text == "none" {
            References::None
        } else {
            References::Folder(PathBuf::from(text))
        })
    }
}

/// One dataset of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DatasetConfig {
    /// Name in reports.
    pub name: String,
    /// Storage format.
    pub format: DatasetFormat,
    /// File or folder, relative to the current directory.
    pub path: PathBuf,
    /// For `dir`: the references folder. Any format: `none` for a summarize-only run
    /// (otherwise a cluster without references is an error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub references: Option<References>,
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
    /// Whether the config says this dataset is summarized only, never scored.
    pub fn unscored(&self) -> bool {
        self.references == Some(References::None)
    }

    /// Checks that the keys fit the format and every configured path exists; `origin`
    /// names the config in errors, so a wrong path points at the file to fix.
    pub fn check(&self, index: usize, origin: &str) -> Result<()> {
        let err = |message: String| Error::Config {
            path: origin.to_owned(),
            message: format!("datasets[{index}] ({}): {message}", self.name),
        };
        let format = self.format.name();
        let folder = self.references.as_ref().and_then(References::folder);
        let keys = [
            ("references", folder.is_some(), DatasetFormat::Dir),
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
                    "`{key}` applies to format {} only, not {format}{}",
                    owner.name(),
                    if key == "references" {
                        " (`references: none` marks any format's clusters as unscored)"
                    } else {
                        ""
                    }
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
        let paths = [
            ("path", Some(self.path.as_path())),
            ("references", folder),
            ("models", self.models.as_deref()),
            ("summaries", self.summaries.as_deref()),
        ];
        for (key, path) in paths {
            if let Some(p) = path {
                if !p.exists() {
                    return Err(err(format!(
                        "{key}: {} does not exist (paths are relative to the directory \
                         sumbench runs in, normally the repository root){}",
                        p.display(),
                        if key == "references" {
                            "; write `references: none` for a summarize-only run"
                        } else {
                            ""
                        }
                    )));
                }
            }
        }
        Ok(())
    }
}

/// Report options.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
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

impl ReportOptions {
    /// Checks that every metric named exists among `computed` (the ROUGE settings'
    /// metrics), so a typo is refused before the run rather than shown as `-` after it.
    pub fn check(&self, computed: &[String]) -> std::result::Result<(), String> {
        for (i, m) in self.metrics.iter().flatten().enumerate() {
            if !computed.contains(m) {
                return Err(format!(
                    "report.metrics[{i}]: `{m}` is not computed by these ROUGE settings; expected one of: {}",
                    computed.join(", ")
                ));
            }
        }
        if let Some(h) = &self.headline {
            crate::report::significance::MetricPart::parse(h, computed)
                .map_err(|e| format!("report.headline: {e}"))?;
        }
        Ok(())
    }
}

/// A complete run description.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Run name: results go to `<output>/<name>.json`.
    pub name: String,
    /// Datasets to run on.
    pub datasets: Vec<DatasetConfig>,
    /// Systems, each a mapping `{type: KIND, name: NAME, ...params}`.
    #[schemars(with = "Vec<serde_json::Value>")]
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
    /// Input size limits (article bytes, sentences per cluster, tokens per ROUGE text).
    /// Left out of results files while every limit has its default, so those keep
    /// their bytes.
    #[serde(default, skip_serializing_if = "Limits::is_default")]
    pub limits: Limits,
    /// Where the config came from (its file path), for error messages; not a YAML key.
    #[serde(skip)]
    pub origin: String,
    /// Parallel to `summarizers` once sweeps are expanded: where each system comes from
    /// (`None` for entries that sweep nothing); not a YAML key. See [`sweep`].
    #[serde(skip)]
    pub sweeps: Vec<Option<sweep::SweepPoint>>,
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
        config.limits.validate().map_err(err)?;
        // Before any parameter struct sees them: a swept value is a list or a range.
        let (summarizers, sweeps, origins) =
            sweep::expand_with_origins(&config.summarizers, registry).map_err(err)?;
        config.summarizers = summarizers;
        config.sweeps = sweeps;
        let systems = registry
            .build_all(&config.summarizers)
            .map_err(|m| err(sweep::original_index(m, &origins)))?;
        let scorer =
            crate::rouge::Scorer::new(&config.rouge).map_err(|e| err(format!("rouge: {e}")))?;
        config.report.check(&scorer.metric_names()).map_err(err)?;
        if let Some(oracle) = systems.iter().find(|s| s.is_oracle()) {
            if let Some(d) = config.datasets.iter().find(|d| d.unscored()) {
                return Err(err(format!(
                    "summarizers: `{}` reads the references, but dataset `{}` has `references: none`",
                    oracle.name, d.name
                )));
            }
        }
        Ok(config)
    }

    /// Keeps only the datasets named in `datasets` and the systems named in `systems`
    /// (each an empty list: keep all), as `run --dataset/--system` ask. A system matches
    /// by its reported name or, for a sweep, by its base name (every point). An unknown
    /// name is a usage error listing the known ones; order stays the config's.
    pub fn select(
        &mut self,
        registry: &Registry,
        systems: &[String],
        datasets: &[String],
    ) -> Result<()> {
        if !datasets.is_empty() {
            let known: Vec<&str> = self.datasets.iter().map(|d| d.name.as_str()).collect();
            if let Some(bad) = datasets.iter().find(|d| !known.contains(&d.as_str())) {
                return Err(Error::Usage(format!(
                    "--dataset {bad}: no such dataset in {}; configured: {}",
                    self.origin,
                    known.join(", ")
                )));
            }
            self.datasets.retain(|d| datasets.contains(&d.name));
        }
        if systems.is_empty() {
            return Ok(());
        }
        let built = registry
            .build_all(&self.summarizers)
            .map_err(|message| Error::Config {
                path: self.origin.clone(),
                message,
            })?;
        let base = |k: usize| {
            self.sweeps
                .get(k)
                .and_then(|p| p.as_ref())
                .map(|p| p.base.as_str())
        };
        let mut known: Vec<&str> = Vec::new();
        for (k, s) in built.iter().enumerate() {
            if let Some(b) = base(k) {
                if !known.contains(&b) {
                    known.push(b);
                }
            }
            known.push(&s.name);
        }
        if let Some(bad) = systems.iter().find(|n| !known.contains(&n.as_str())) {
            return Err(Error::Usage(format!(
                "--system {bad}: no such system in {}; configured: {}",
                self.origin,
                known.join(", ")
            )));
        }
        let keep: Vec<bool> = built
            .iter()
            .enumerate()
            .map(|(k, s)| {
                systems
                    .iter()
                    .any(|n| *n == s.name || Some(n.as_str()) == base(k))
            })
            .collect();
        let mut k = 0;
        self.summarizers.retain(|_| {
            k += 1;
            keep[k - 1]
        });
        if !self.sweeps.is_empty() {
            let mut k = 0;
            self.sweeps.retain(|_| {
                k += 1;
                keep[k - 1]
            });
        }
        Ok(())
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
    fn limits_default_and_unknown_or_zero_limits_are_refused() {
        assert_eq!(Config::builtin().unwrap().limits, Limits::default());
        let text = format!("{DEFAULT_YAML}\nlimits: {{max_cluster_sentences: 50}}\n");
        let c = Config::parse(&text, "x.yaml").unwrap();
        assert_eq!(c.limits.max_cluster_sentences, 50);
        assert_eq!(
            c.limits.max_rouge_tokens,
            Limits::default().max_rouge_tokens
        );
        let text = format!("{DEFAULT_YAML}\nlimits: {{max_sentences: 50}}\n");
        let err = Config::parse(&text, "x.yaml").unwrap_err().to_string();
        assert!(err.contains("max_sentences"), "{err}");
        let text = format!("{DEFAULT_YAML}\nlimits: {{max_article_bytes: 0}}\n");
        let err = Config::parse(&text, "x.yaml").unwrap_err().to_string();
        assert_eq!(
            err,
            "x.yaml: limits.max_article_bytes: expected a positive number"
        );
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
