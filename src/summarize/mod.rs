//! Summarizers: the [`Summarizer`] trait, budgets, and the stages every system shares.
//!
//! A summarizer sees a [`ProcessedCluster`] (sentences as interned term vectors) and an
//! [`Input`] naming the candidate sentences and the budget, and returns the sentences it
//! picks, best first. Everything around that is shared so systems are compared fairly:
//! [`candidates`] filters sentences before any system sees them, [`select`] offers the
//! budgeted greedy loop most methods end with, and [`finalize`] orders the picks and
//! renders the summary text within the budget.
//!
//! Adding a system is one file implementing [`Summarizer`] (with
//! [`Summarizer::validate`] built from the checks in [`params`] when it has parameters)
//! and exposing a [`registry::Spec`], plus one line in [`registry::BUILTINS`].
use crate::text::{ProcessedCluster, Sentence};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub mod candidates;
pub mod params;
mod plugin_groups;
pub mod registry;
pub mod select;
pub mod similarity;

pub(crate) mod centroid;
pub(crate) mod centroid_greedy;
pub(crate) mod command;
pub(crate) mod freqsum;
#[cfg_attr(not(sumbench_all_docs), doc(hidden))]
// used by examples/ilp_solve_times.rs; not part of the API (src/lib.rs)
pub mod ilp;
#[cfg_attr(not(sumbench_all_docs), doc(hidden))]
// its public items are used only by unit tests; not part of the API (src/lib.rs)
pub mod klsum;
pub(crate) mod lead;
pub(crate) mod lexrank;
pub(crate) mod lsa;
pub(crate) mod luhn;
pub(crate) mod mmr;
pub(crate) mod oracle;
pub(crate) mod random;
#[cfg_attr(not(sumbench_all_docs), doc(hidden))]
// its public items are used only by unit tests; not part of the API (src/lib.rs)
pub mod submodular;
pub(crate) mod sumbasic;
pub(crate) mod summaries;
pub(crate) mod textrank;

pub use registry::{Registry, Spec};

/// Index of a sentence in [`ProcessedCluster::sentences`].
pub type SentenceId = usize;

/// What a summarizer returns on failure: a message for the report.
pub type Failure = String;

/// The unit a budget counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum BudgetUnit {
    /// Whitespace-separated words (ROUGE `-l`); each Han or kana character is a word.
    Words,
    /// UTF-8 bytes, counting one newline between sentences (ROUGE `-b`).
    Bytes,
    /// Whole sentences.
    Sentences,
}

/// A summary length limit.
///
/// By DUC convention summaries hold whole sentences and never exceed the limit; with
/// `truncate: true` the last sentence may cross the limit and the text is cut at it, as
/// ROUGE's `-l`/`-b` would cut it anyway.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// The unit counted.
    pub unit: BudgetUnit,
    /// The limit in that unit.
    pub limit: usize,
    /// Cut the last sentence at the limit instead of leaving it out.
    #[serde(default)]
    pub truncate: bool,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            unit: BudgetUnit::Words,
            limit: 100,
            truncate: false,
        }
    }
}

impl Budget {
    /// A word budget of `limit` words, whole sentences only.
    pub fn words(limit: usize) -> Self {
        Budget {
            unit: BudgetUnit::Words,
            limit,
            truncate: false,
        }
    }

    /// A byte budget of `limit` bytes, whole sentences only.
    pub fn bytes(limit: usize) -> Self {
        Budget {
            unit: BudgetUnit::Bytes,
            limit,
            truncate: false,
        }
    }

    /// A budget of `limit` whole sentences.
    pub fn sentences(limit: usize) -> Self {
        Budget {
            unit: BudgetUnit::Sentences,
            limit,
            truncate: false,
        }
    }

    /// The cost of adding `s` to a summary that already holds `count` sentences.
    pub fn cost(&self, s: &Sentence, count: usize) -> usize {
        match self.unit {
            BudgetUnit::Words => s.words,
            BudgetUnit::Bytes => s.bytes + usize::from(count > 0),
            BudgetUnit::Sentences => 1,
        }
    }

    /// A fresh meter for this budget.
    pub fn meter(&self) -> Meter {
        Meter {
            budget: *self,
            used: 0,
            count: 0,
        }
    }
}

/// Tracks how much of a budget a growing summary uses.
#[derive(Debug, Clone)]
pub struct Meter {
    budget: Budget,
    used: usize,
    count: usize,
}

impl Meter {
    /// Whether `s` can be added: it fits, or (with truncation) the summary is not yet full.
    pub fn fits(&self, s: &Sentence) -> bool {
        if self.budget.truncate {
            self.used < self.budget.limit
        } else {
            self.used + self.budget.cost(s, self.count) <= self.budget.limit
        }
    }

    /// Adds `s`, returning false (and changing nothing) when it does not fit.
    pub fn try_add(&mut self, s: &Sentence) -> bool {
        if !self.fits(s) {
            return false;
        }
        self.used += self.budget.cost(s, self.count);
        self.count += 1;
        true
    }

    /// Whether no further sentence of cost ≥ 1 can fit.
    pub fn is_full(&self) -> bool {
        self.used >= self.budget.limit
    }

    /// Units used so far.
    pub fn used(&self) -> usize {
        self.used
    }
}

/// Everything a summarizer gets for one cluster.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The preprocessed cluster.
    pub cluster: &'a ProcessedCluster,
    /// Sentences eligible for the summary (after the candidate stage), in reading order.
    pub candidates: &'a [SentenceId],
    /// The length limit.
    pub budget: Budget,
    /// Reference summaries: empty unless the system is an oracle ([`registry::System::summarize`]
    /// withholds them from every other system).
    pub references: &'a [String],
    /// Seed for any randomness, fixed per run so results are reproducible.
    pub seed: u64,
}

impl<'a> Input<'a> {
    /// An input without references and with seed 0; set the other fields with struct
    /// update syntax (`Input { seed: 7, ..Input::new(c, cands, budget) }`).
    pub fn new(
        cluster: &'a ProcessedCluster,
        candidates: &'a [SentenceId],
        budget: Budget,
    ) -> Self {
        Input {
            cluster,
            candidates,
            budget,
            references: &[],
            seed: 0,
        }
    }
}

/// An extractive summarizer.
///
/// Only [`Summarizer::select`] is required. Systems that score sentences independently of
/// the budget also implement [`Summarizer::scores`], which lets rerankers such as MMR sit
/// on top of them.
///
/// # Writing one
///
/// A summarizer whose struct is also its parameter set needs serde for the config's keys
/// and a schemars `JsonSchema` derive, whose doc comments and ranges become `sumbench
/// list`'s documentation and are checked when the config is read. A [`Spec`] names it;
/// [`Registry::register`] adds it to the built-ins. To run it from a config, give the
/// same registry to [`crate::Config::parse_with`] and [`crate::Run::registry`];
/// docs/plugins.md walks through a crate of its own (examples/plugin-crate).
///
/// ```
/// use schemars::JsonSchema;
/// use serde::{Deserialize, Serialize};
/// use sumbench::corpus::{Cluster, Document};
/// use sumbench::summarize::registry::{build_with, params_of, Spec};
/// use sumbench::summarize::{Budget, Failure, Input, Registry, SentenceId, Summarizer};
/// use sumbench::text::{Pipeline, TextOptions};
///
/// /// Longest sentences first, at most `max_per_doc` from any one document.
/// #[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
/// #[serde(deny_unknown_fields, default)]
/// struct Longest {
///     /// Sentences taken from one document at most.
///     #[schemars(range(min = 1))]
///     max_per_doc: usize,
/// }
///
/// impl Default for Longest {
///     fn default() -> Self {
///         Longest { max_per_doc: 1 }
///     }
/// }
///
/// impl Summarizer for Longest {
///     fn select(&self, input: &Input<'_>) -> Result<Vec<SentenceId>, Failure> {
///         let sentences = &input.cluster.sentences;
///         let mut order = input.candidates.to_vec();
///         // Ties in reading order, so the summary is the same on every run.
///         order.sort_by_key(|&id| (std::cmp::Reverse(sentences[id].words), id));
///         let mut meter = input.budget.meter();
///         let mut per_doc = vec![0; input.cluster.docs.len()];
///         let mut picked = Vec::new();
///         for id in order {
///             let s = &sentences[id];
///             if per_doc[s.doc] < self.max_per_doc && meter.try_add(s) {
///                 per_doc[s.doc] += 1;
///                 picked.push(id);
///             }
///         }
///         Ok(picked)
///     }
/// }
///
/// const LONGEST: Spec = Spec {
///     kind: "longest",
///     about: "Longest sentences first, at most `max_per_doc` per document",
///     params: params_of::<Longest>,
///     build: build_with::<Longest>,
/// };
///
/// let mut registry = Registry::default();
/// registry.register(LONGEST)?;
/// // An entry of a config's `summarizers:` list (`serde_yaml` here is the `yaml_serde`
/// // crate, renamed as in sumbench's Cargo.toml); the declared range refuses 0.
/// let entry = |yaml: &str| serde_yaml::from_str(yaml).unwrap();
/// let system = registry.build(&entry("{type: longest, max_per_doc: 1}"))?;
/// assert!(registry.build(&entry("{type: longest, max_per_doc: 0}")).is_err());
///
/// let cluster = Cluster {
///     id: "flood".into(),
///     title: None,
///     docs: vec![
///         Document::new(
///             "a",
///             "The river rose four metres overnight and flooded the old town. \
///              Officials said the water was falling slowly by noon on Sunday.",
///         ),
///         Document::new(
///             "b",
///             "Rescue crews pulled twelve people from rooftops in the old town during the night. \
///              The mayor asked residents to boil their drinking water for a week.",
///         ),
///     ],
///     refs: vec![],
/// };
/// let processed = Pipeline::new(&TextOptions::default())?.process(&cluster);
/// let summary = system.summarize(&processed, Budget::words(30), &[], 0)?;
/// // The longest sentence of b (14 words), then of a (11 words, the first of a tie);
/// // b's second sentence (12 words) is over `max_per_doc`.
/// assert_eq!(
///     summary.text,
///     "Rescue crews pulled twelve people from rooftops in the old town during the night.\n\
///      The river rose four metres overnight and flooded the old town."
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Summarizer: Send + Sync {
    /// Picks the summary's sentences, best first, within `input.budget`.
    fn select(&self, input: &Input<'_>) -> Result<Vec<SentenceId>, Failure>;

    /// [`Summarizer::select`] plus diagnostics to record with the unit's result; only
    /// systems that report some (plugins speaking protocol v2) override it.
    fn select_with_diagnostics(&self, input: &Input<'_>) -> Result<Selection, Failure> {
        Ok(Selection {
            sentences: self.select(input)?,
            diagnostics: None,
        })
    }

    /// Refuses parameter values when the config is read, not per cluster after the run:
    /// what a declared range cannot say (ranges declared on the parameter struct are
    /// checked before this, see [`params::check`]).
    fn validate(&self) -> Result<(), String> {
        Ok(())
    }

    /// Salience of every sentence, indexed by [`SentenceId`] (non-candidates may hold
    /// anything); `None` when the method has no per-sentence score.
    fn scores(&self, _input: &Input<'_>) -> Option<Result<Vec<f64>, Failure>> {
        None
    }

    /// Whether the system reads the references (an upper bound, not a competitor).
    fn is_oracle(&self) -> bool {
        false
    }

    /// A summary written outside sumbench for `cluster` (the `summaries` kind), used as
    /// it is instead of selected sentences; `None` for every extractive system.
    fn precomputed(&self, _cluster: &str, _budget: Budget) -> Option<Result<Summary, Failure>> {
        None
    }

    /// For systems reading summaries written elsewhere: those whose cluster is none of
    /// `clusters` (the run's), so a wrong file is refused before any system runs.
    fn unmatched_clusters(&self, _clusters: &[&str]) -> Vec<String> {
        Vec::new()
    }

    /// Where a system reading summaries written elsewhere reads them from, for messages.
    fn source(&self) -> Option<String> {
        None
    }

    /// The candidate filters this method's paper implies; a config's `candidates:` keys
    /// are laid over them.
    fn default_candidates(&self) -> candidates::CandidateOptions {
        candidates::CandidateOptions::default()
    }
}

/// The order in which picked sentences appear in the summary text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum OutputOrder {
    /// As the summarizer ranked them.
    #[default]
    Rank,
    /// Document by document, in reading order.
    Source,
    /// By document date, then reading order (undated documents last).
    Chronological,
}

/// What [`Summarizer::select_with_diagnostics`] returns.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Selection {
    /// The chosen sentences, best first.
    pub sentences: Vec<SentenceId>,
    /// Free-form diagnostics recorded in the unit's result (`None` for most systems).
    pub diagnostics: Option<serde_json::Value>,
}

/// A finished summary.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[non_exhaustive]
pub struct Summary {
    /// The sentences used, in output order.
    pub sentences: Vec<SentenceId>,
    /// The summary text, one sentence per line.
    pub text: String,
    /// The system's diagnostics for this cluster, when it reports any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diagnostics: Option<serde_json::Value>,
}

/// Orders the picked sentences, enforces the budget and renders the text.
///
/// Sentences that would overflow the budget are skipped (a well-behaved system never
/// returns any; an external plugin might), duplicates and unknown ids are dropped.
pub fn finalize(
    cluster: &ProcessedCluster,
    picked: &[SentenceId],
    budget: Budget,
    order: OutputOrder,
) -> Summary {
    let mut meter = budget.meter();
    let mut seen = vec![false; cluster.sentences.len()];
    let mut kept = Vec::new();
    for &id in picked {
        if id < seen.len() && !seen[id] && meter.try_add(&cluster.sentences[id]) {
            seen[id] = true;
            kept.push(id);
        }
    }
    match order {
        OutputOrder::Rank => {}
        OutputOrder::Source => kept.sort_unstable(),
        OutputOrder::Chronological => kept.sort_by(|&a, &b| {
            let da = cluster.docs[cluster.sentences[a].doc].date.as_deref();
            let db = cluster.docs[cluster.sentences[b].doc].date.as_deref();
            (da.is_none(), da, a).cmp(&(db.is_none(), db, b))
        }),
    }
    let mut text = kept
        .iter()
        .map(|&i| cluster.sentences[i].text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    if budget.truncate {
        text = truncate_text(&text, budget);
    }
    Summary {
        sentences: kept,
        text,
        diagnostics: None,
    }
}

/// Cuts `text` at the budget's word or byte limit (sentence budgets never cut).
pub(crate) fn truncate_text(text: &str, budget: Budget) -> String {
    match budget.unit {
        BudgetUnit::Sentences => text.to_owned(),
        BudgetUnit::Bytes => {
            let mut end = budget.limit.min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text[..end].to_owned()
        }
        BudgetUnit::Words => {
            let mut out = String::new();
            for (i, line) in text.lines().enumerate() {
                let room = budget
                    .limit
                    .saturating_sub(crate::text::tokenize::word_count(&out));
                if room == 0 {
                    break;
                }
                if i > 0 {
                    out.push('\n');
                }
                out.push_str(&crate::text::tokenize::first_words(line, room));
            }
            out
        }
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Small clusters for summarizer unit tests.
    use crate::corpus::{Cluster, Document};
    use crate::text::{Pipeline, ProcessedCluster, TextOptions};

    /// Preprocesses documents given as `(id, date, text)`.
    pub fn cluster(docs: &[(&str, Option<&str>, &str)]) -> ProcessedCluster {
        let c = Cluster {
            id: "test".into(),
            title: None,
            docs: docs
                .iter()
                .map(|(id, date, text)| Document {
                    id: (*id).into(),
                    title: None,
                    date: date.map(Into::into),
                    source: None,
                    text: (*text).into(),
                })
                .collect(),
            refs: vec![],
        };
        Pipeline::new(&TextOptions::default()).unwrap().process(&c)
    }

    /// All sentence ids of `c`.
    pub fn all(c: &ProcessedCluster) -> Vec<usize> {
        (0..c.sentences.len()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    #[test]
    fn finalize_never_exceeds_budget_and_orders_by_source() {
        let c = cluster(&[("a", None, "One two three. Four five six seven. Eight.")]);
        let s = finalize(&c, &[1, 0, 2], Budget::words(5), OutputOrder::Source);
        assert_eq!(s.sentences, [1, 2]);
        assert_eq!(s.text, "Four five six seven.\nEight.");
    }

    #[test]
    fn truncate_cuts_the_last_sentence_at_the_limit() {
        let c = cluster(&[("a", None, "One two three. Four five six seven.")]);
        let budget = Budget {
            unit: BudgetUnit::Words,
            limit: 5,
            truncate: true,
        };
        let s = finalize(&c, &[0, 1], budget, OutputOrder::Rank);
        assert_eq!(s.text, "One two three.\nFour five");
        let bytes = Budget {
            unit: BudgetUnit::Bytes,
            limit: 16,
            truncate: true,
        };
        assert_eq!(
            finalize(&c, &[0, 1], bytes, OutputOrder::Rank).text,
            "One two three.\nF"
        );
    }

    #[test]
    fn byte_budget_counts_newline_separators() {
        let c = cluster(&[("a", None, "Abc. Def.")]);
        let b = Budget {
            unit: BudgetUnit::Bytes,
            limit: 9,
            truncate: false,
        };
        assert_eq!(
            finalize(&c, &[0, 1], b, OutputOrder::Rank).text,
            "Abc.\nDef."
        );
        let b8 = Budget { limit: 8, ..b };
        assert_eq!(finalize(&c, &[0, 1], b8, OutputOrder::Rank).text, "Abc.");
    }
}
