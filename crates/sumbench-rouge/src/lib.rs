//! ROUGE scoring, exactly as the field's two reference implementations compute it.
//!
//! [`Mode::Rouge155`] reproduces the original `ROUGE-1.5.5.pl` (the numbers of
//! DUC/TAC-era papers), per-unit scores and bootstrap intervals included, and
//! [`Mode::RougeScore`] reproduces Google's `rouge-score` 0.1.2 (the numbers of most
//! recent papers), to the last printed digit; conformance vectors produced by both
//! reference implementations pin them down in the tests.
//!
//! **The one design decision: two engines, not one with switches.** The two
//! implementations disagree on tokenization, stemming (each has its own Porter
//! variant), multi-reference rules (`-f A` sums over references where rouge-score keeps
//! the best F) and summary-level LCS, and each of those differences moves scores in the
//! fourth decimal. Sharing a tokenizer or a counting path between them would make each
//! harder to prove exact, so each mode is a separate engine with its own tokenizer and
//! stemmer ([`rouge155`], [`rouge_score`]); this crate root only holds the shared result
//! types and the [`Scorer`] façade. The one piece of code both engines share is the
//! bit-parallel LCS step, whose result does not depend on how a tie is broken. The crate
//! depends on nothing of sumbench (it holds the seeded generator, [`rng`], that sumbench
//! re-exports), has no CLI, terminal or YAML dependency, and serializes its settings and
//! score types only with the `serde` feature.
//!
//! # Example
//!
//! One candidate against four references in both modes (the `edge-multi-ref-4` case of
//! the conformance vectors in `tests/data/conformance/`, where the expected numbers were
//! printed by rouge-score and by `ROUGE-1.5.5.pl`): rouge-score keeps the best
//! reference's scores, the script averages over all four.
//!
//! ```
//! use sumbench_rouge::{Mode, RougeSettings, Scorer};
//!
//! let candidate = "Russia said it has no plans to attack Ukraine.";
//! let references = [
//!     "Russia has no plans to attack Ukraine, Ryabkov said.",
//!     "Moscow denies it will invade.",
//!     "Ryabkov: no intention to attack Ukraine.",
//!     "The US warned of costs if Russia attacks.",
//! ];
//! let settings = RougeSettings {
//!     mode: Mode::RougeScore,
//!     flags: None,
//!     stem: Some(true),
//!     metrics: None, // rouge1, rouge2, rougeL, rougeLsum
//!     tokenizer: Default::default(),
//! };
//! let scores = Scorer::new(&settings)?.score(candidate, &references);
//! assert!((scores.get("rouge2").unwrap().f - 0.625).abs() < 1e-12);
//! assert!((scores.get("rougeL").unwrap().f - 0.7777777777777778).abs() < 1e-12);
//!
//! let script = Scorer::new(&RougeSettings {
//!     mode: Mode::Rouge155,
//!     flags: Some("-n 4 -m -2 4 -u -w 1.2 -c 95 -r 1000 -f A -p 0.5 -t 0 -a".into()),
//!     stem: None, // -m above
//!     metrics: None, // every metric the flags ask for
//!     tokenizer: Default::default(),
//! })?;
//! let rouge1 = script.score(candidate, &references).get("ROUGE-1").unwrap();
//! // The script prints 5 decimals, and so does this engine.
//! assert_eq!((rouge1.r, rouge1.p, rouge1.f), (0.53571, 0.41667, 0.46875));
//! # Ok::<(), String>(())
//! ```
#![deny(missing_docs)]
// Production code must not panic on input (docs/reliability.md): every unwrap, expect
// or panic outside tests is refused by clippy unless allowed where its invariant is
// stated.
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

mod bitlcs;
pub mod rng;
pub mod rouge155;
pub mod rouge_score;

// The README's example is compiled and run with the doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExample;

/// Which reference implementation to reproduce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum Mode {
    /// The original ROUGE-1.5.5 Perl script.
    #[cfg_attr(feature = "serde", serde(rename = "rouge155"))]
    Rouge155,
    /// Google's rouge-score 0.1.2.
    #[cfg_attr(feature = "serde", serde(rename = "rouge-score"))]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum TokenizerKind {
    /// The reference implementation's own tokenizer (ASCII letters and digits only).
    #[default]
    Default,
    /// Keeps letters and digits of every script, so non-Latin text is not scored as
    /// empty. Never the default: scores then differ from the reference implementation.
    Unicode,
}

/// ROUGE settings as configured (`rouge:` in configs, flags on the command line).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct RougeSettings {
    /// The implementation to reproduce.
    pub mode: Mode,
    /// rouge155: the script's own flags, e.g. `-n 4 -m -l 100 -c 95 -r 1000 -f A -p 0.5 -t 0 -a`.
    #[cfg_attr(feature = "serde", serde(default))]
    pub flags: Option<String>,
    /// rouge-score: apply the Porter stemmer (rouge155: same as `-m`).
    #[cfg_attr(feature = "serde", serde(default))]
    pub stem: Option<bool>,
    /// Metrics to compute, in the mode's names (`rouge1`, `rougeLsum` / `ROUGE-1`, `ROUGE-SU4`).
    #[cfg_attr(feature = "serde", serde(default))]
    pub metrics: Option<Vec<String>>,
    /// Tokenizer variant.
    #[cfg_attr(feature = "serde", serde(default))]
    pub tokenizer: TokenizerKind,
}

/// Precision, recall and F-measure of one metric.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
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
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Scores(pub Vec<(String, Prf)>);

impl Scores {
    /// The score of metric `name`, if computed.
    pub fn get(&self, name: &str) -> Option<Prf> {
        self.0.iter().find(|(n, _)| n == name).map(|&(_, p)| p)
    }
}

/// The aggregate of one metric over many units.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
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
    ///
    /// # Panics
    /// When `refs` were prepared by a scorer of the other mode: a caller's bug that no
    /// score could answer honestly (a zero would be silent).
    #[allow(clippy::panic)]
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
    ///
    /// In rouge155 mode these are the script's own numbers: the average it prints (the
    /// mean of its bootstrap sample means) and the `-c` interval from `-r` resamples
    /// drawn with Perl's generator, for units given in the order of a `-z SPL` file
    /// list. rouge-score mode gives the plain mean and a seeded 95% bootstrap interval.
    ///
    /// # Example
    ///
    /// ROUGE-2 of system ID1 on the ten MultiLing 2011 clusters, per cluster as the
    /// script printed it, and the average and 95% interval it printed for them
    /// (`tests/data/multiling2011-en/rouge155_reference.json`):
    ///
    /// ```
    /// use sumbench_rouge::{Mode, Prf, RougeSettings, Scorer, Scores};
    ///
    /// let scorer = Scorer::new(&RougeSettings {
    ///     mode: Mode::Rouge155,
    ///     flags: Some("-a -x -2 4 -u -c 95 -r 1000 -n 2 -f A -p 0.5 -t 0".into()),
    ///     stem: None,
    ///     metrics: Some(vec!["ROUGE-2".into()]),
    ///     tokenizer: Default::default(),
    /// })?;
    /// let per_cluster = [
    ///     (0.09585, 0.09867, 0.09724),
    ///     (0.10345, 0.10117, 0.1023),
    ///     (0.12886, 0.17582, 0.14872),
    ///     (0.22356, 0.21916, 0.22134),
    ///     (0.20658, 0.20685, 0.20671),
    ///     (0.08069, 0.07367, 0.07702),
    ///     (0.0651, 0.06588, 0.06549),
    ///     (0.10814, 0.10588, 0.107),
    ///     (0.14436, 0.14379, 0.14407),
    ///     (0.0589, 0.05663, 0.05774),
    /// ];
    /// let units: Vec<Scores> = per_cluster
    ///     .iter()
    ///     .map(|&(r, p, f)| Scores(vec![("ROUGE-2".into(), Prf { p, r, f })]))
    ///     .collect();
    /// let rouge2 = &scorer.aggregate(&units)[0];
    /// let (low, high) = (rouge2.low.unwrap(), rouge2.high.unwrap());
    /// // The script prints 5 decimals.
    /// let printed = |x: f64| (x * 1e5).round() / 1e5;
    /// assert_eq!(printed(rouge2.mean.r), 0.12166);
    /// assert_eq!((printed(low.r), printed(high.r)), (0.08998, 0.15459));
    /// assert_eq!((printed(low.f), printed(rouge2.mean.f), printed(high.f)), (0.09079, 0.12288, 0.15576));
    /// # Ok::<(), String>(())
    /// ```
    pub fn aggregate(&self, units: &[Scores]) -> Vec<Aggregate> {
        match self {
            Scorer::Rouge155(s) => s.aggregate(units),
            Scorer::RougeScore(s) => s.aggregate(units),
        }
    }
}

/// Mean of each metric over `units`, without intervals.
pub(crate) fn mean(units: &[Scores]) -> Vec<Aggregate> {
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
