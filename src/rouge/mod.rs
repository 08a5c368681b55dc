//! ROUGE scoring, exactly as the field's two reference implementations compute it.
//!
//! Two modes: [`Mode::Rouge155`] reproduces the original `ROUGE-1.5.5.pl` (the numbers
//! of DUC/TAC-era papers) and [`Mode::RougeScore`] reproduces Google's `rouge-score`
//! 0.1.2 (the numbers of most recent papers). They disagree on tokenization, stemming,
//! multi-reference rules and summary-level LCS, so each mode is a separate engine in its
//! own submodule; this module only holds the shared result types and the [`Scorer`]
//! façade. The module depends on nothing else in the crate but the seeded generator of
//! [`crate::stats`] (for rouge-score mode's bootstrap intervals), never on the
//! summarizers' text pipeline: it has its own tokenizers and Porter stemmers, because
//! exact compatibility is its one job.
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub mod rouge155;
pub mod rouge_score;

/// Which reference implementation to reproduce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Mode {
    /// The original ROUGE-1.5.5 Perl script.
    #[serde(rename = "rouge155")]
    Rouge155,
    /// Google's rouge-score 0.1.2.
    #[serde(rename = "rouge-score")]
    RougeScore,
}

impl std::str::FromStr for Mode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "rouge155" => Ok(Mode::Rouge155),
            "rouge-score" => Ok(Mode::RougeScore),
            _ => Err(format!(
                "unknown ROUGE mode `{s}`; expected rouge155 or rouge-score"
            )),
        }
    }
}

/// Which tokenizer a mode uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum TokenizerKind {
    /// The reference implementation's own tokenizer (ASCII letters and digits only).
    #[default]
    Default,
    /// Keeps letters and digits of every script, so non-Latin text is not scored as
    /// empty. Never the default: scores then differ from the reference implementation.
    Unicode,
}

/// ROUGE settings as configured (`rouge:` in configs, flags on the command line).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RougeSettings {
    /// The implementation to reproduce.
    pub mode: Mode,
    /// rouge155: the script's own flags, e.g. `-n 4 -m -l 100 -c 95 -r 1000 -f A -p 0.5 -t 0 -a`.
    #[serde(default)]
    pub flags: Option<String>,
    /// rouge-score: apply the Porter stemmer (rouge155: same as `-m`).
    #[serde(default)]
    pub stem: Option<bool>,
    /// Metrics to compute, in the mode's names (`rouge1`, `rougeLsum` / `ROUGE-1`, `ROUGE-SU4`).
    #[serde(default)]
    pub metrics: Option<Vec<String>>,
    /// Tokenizer variant.
    #[serde(default)]
    pub tokenizer: TokenizerKind,
}

/// Precision, recall and F-measure of one metric.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Prf {
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F-measure.
    pub f: f64,
}

/// Scores of one evaluation unit (a candidate against its references), metric by metric
/// in the scorer's metric order.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Scores(pub Vec<(String, Prf)>);

impl Scores {
    /// The score of metric `name`, if computed.
    pub fn get(&self, name: &str) -> Option<Prf> {
        self.0.iter().find(|(n, _)| n == name).map(|&(_, p)| p)
    }
}

/// The aggregate of one metric over many units.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Aggregate {
    /// Metric name.
    pub metric: String,
    /// Mean over units.
    pub mean: Prf,
    /// Lower bound of the confidence interval, when computed.
    pub low: Option<Prf>,
    /// Upper bound of the confidence interval, when computed.
    pub high: Option<Prf>,
}

/// References preprocessed once, to be scored against many candidates.
pub enum Prepared {
    /// For [`Mode::Rouge155`].
    Rouge155(rouge155::Prepared),
    /// For [`Mode::RougeScore`].
    RougeScore(rouge_score::Prepared),
}

/// A configured ROUGE scorer in either mode.
pub enum Scorer {
    /// ROUGE-1.5.5 engine.
    Rouge155(rouge155::Scorer),
    /// rouge-score engine.
    RougeScore(rouge_score::Scorer),
}

impl Scorer {
    /// Validates `settings` and builds the scorer.
    pub fn new(settings: &RougeSettings) -> Result<Self, String> {
        Ok(match settings.mode {
            Mode::Rouge155 => Scorer::Rouge155(rouge155::Scorer::new(settings)?),
            Mode::RougeScore => Scorer::RougeScore(rouge_score::Scorer::new(settings)?),
        })
    }

    /// The metrics computed, in output order.
    pub fn metric_names(&self) -> Vec<String> {
        match self {
            Scorer::Rouge155(s) => s.metric_names(),
            Scorer::RougeScore(s) => s.metric_names(),
        }
    }

    /// The exact settings, for reports (e.g. `ROUGE-1.5.5 -n 2 -m …`).
    pub fn describe(&self) -> String {
        match self {
            Scorer::Rouge155(s) => s.describe(),
            Scorer::RougeScore(s) => s.describe(),
        }
    }

    /// Tokens of `text` as this mode's tokenizer counts them (rouge155: after its
    /// `-l`/`-b` cut).
    pub fn count_tokens(&self, text: &str) -> usize {
        match self {
            Scorer::Rouge155(s) => s.count_tokens(text),
            Scorer::RougeScore(s) => s.count_tokens(text),
        }
    }

    /// Checks that `text` has at most `max` tokens (see [`Scorer::count_tokens`]): the
    /// LCS needs memory quadratic in a text's tokens, so an oversized text must be
    /// refused before it is scored. Every token holds at least one byte of the text, so
    /// a text of at most `max` bytes passes without being tokenized: only the rare long
    /// text is tokenized twice. The error gives the count and the limit.
    pub fn check_len(&self, text: &str, max: usize) -> Result<(), String> {
        if text.len() <= max {
            return Ok(());
        }
        match self.count_tokens(text) {
            n if n > max => Err(format!("{n} tokens, over the limit of {max}")),
            _ => Ok(()),
        }
    }

    /// Preprocesses references once.
    pub fn prepare(&self, references: &[&str]) -> Prepared {
        match self {
            Scorer::Rouge155(s) => Prepared::Rouge155(s.prepare(references)),
            Scorer::RougeScore(s) => Prepared::RougeScore(s.prepare(references)),
        }
    }

    /// Scores a candidate against prepared references.
    pub fn score_prepared(&self, candidate: &str, refs: &Prepared) -> Scores {
        match (self, refs) {
            (Scorer::Rouge155(s), Prepared::Rouge155(r)) => s.score_prepared(candidate, r),
            (Scorer::RougeScore(s), Prepared::RougeScore(r)) => s.score_prepared(candidate, r),
            _ => panic!("references prepared by a scorer of another mode"),
        }
    }

    /// Scores `candidate` against `references` (sentences separated by newlines).
    pub fn score(&self, candidate: &str, references: &[&str]) -> Scores {
        self.score_prepared(candidate, &self.prepare(references))
    }

    /// Averages units (macro average) with the mode's confidence intervals, if any.
    pub fn aggregate(&self, units: &[Scores]) -> Vec<Aggregate> {
        match self {
            Scorer::Rouge155(s) => s.aggregate(units),
            Scorer::RougeScore(s) => s.aggregate(units),
        }
    }
}

/// Mean of each metric over `units`, without intervals.
pub fn mean(units: &[Scores]) -> Vec<Aggregate> {
    let Some(first) = units.first() else {
        return Vec::new();
    };
    first
        .0
        .iter()
        .enumerate()
        .map(|(k, (name, _))| {
            let n = units.len() as f64;
            let sum = units.iter().fold(Prf::default(), |acc, u| {
                let x = u.0[k].1;
                Prf {
                    p: acc.p + x.p,
                    r: acc.r + x.r,
                    f: acc.f + x.f,
                }
            });
            Aggregate {
                metric: name.clone(),
                mean: Prf {
                    p: sum.p / n,
                    r: sum.r / n,
                    f: sum.f / n,
                },
                low: None,
                high: None,
            }
        })
        .collect()
}
