//! Lead baselines for multi-document input.
//!
//! `latest` takes the first sentences of the most recent document: the DUC 2004 baseline
//! ("the first 665 bytes of the most recent document"). `round-robin` takes the first
//! sentence of every document, then the second of every document, and so on, in document
//! order: a stronger baseline on clusters whose sources each lead with a different fact.
use super::candidates::CandidateOptions;
use super::registry::{build_with, params_of, Spec};
use super::{Failure, Input, SentenceId, Summarizer};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Which lead baseline to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LeadVariant {
    /// First sentences of the most recent document (DUC baseline).
    #[default]
    Latest,
    /// The first sentence of each document in turn, then the second of each, and so on.
    RoundRobin,
}

/// The lead baseline.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Lead {
    /// Which sentences: the latest document's first ones, or each document's i-th in turn.
    pub variant: LeadVariant,
}

/// Registry entry.
pub const SPEC: Spec = Spec {
    kind: "lead",
    about:
        "Lead baseline: first sentences of the latest document (DUC) or round-robin over documents",
    params: params_of::<Lead>,
    build: build_with::<Lead>,
};

impl Summarizer for Lead {
    fn select(&self, input: &Input<'_>) -> Result<Vec<SentenceId>, Failure> {
        let c = input.cluster;
        let eligible = {
            let mut e = vec![false; c.sentences.len()];
            input.candidates.iter().for_each(|&i| e[i] = true);
            e
        };
        let order: Vec<SentenceId> = match self.variant {
            LeadVariant::Latest => c.docs[c.latest_doc()].sentences.clone().collect(),
            LeadVariant::RoundRobin => {
                let longest = c.docs.iter().map(|d| d.sentences.len()).max().unwrap_or(0);
                (0..longest)
                    .flat_map(|k| {
                        c.docs
                            .iter()
                            .filter_map(move |d| d.sentences.clone().nth(k))
                    })
                    .collect()
            }
        };
        let mut meter = input.budget.meter();
        let mut picked = Vec::new();
        for id in order.into_iter().filter(|&i| eligible[i]) {
            // A lead stops at the first sentence that does not fit: it is a prefix.
            if !meter.try_add(&c.sentences[id]) {
                break;
            }
            picked.push(id);
        }
        Ok(picked)
    }

    /// A lead is a prefix of the source, as in the DUC baseline: no length filter and no
    /// near-duplicate removal, which would empty the lead of a latest document that
    /// updates an earlier one.
    fn default_candidates(&self) -> CandidateOptions {
        CandidateOptions {
            min_words: 1,
            max_words: usize::MAX,
            dedup: None,
        }
    }

    fn scores(&self, input: &Input<'_>) -> Option<Result<Vec<f64>, Failure>> {
        Some(Ok(input
            .cluster
            .sentences
            .iter()
            .map(|s| 1.0 / (1.0 + s.position as f64))
            .collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summarize::testing::{all, cluster};
    use crate::summarize::Budget;

    fn run(variant: LeadVariant, words: usize) -> Vec<usize> {
        let c = cluster(&[
            ("a", Some("2022-01-10"), "A one two. A three four."),
            (
                "b",
                Some("2022-01-12"),
                "B one two. B three four. B five six.",
            ),
            ("c", None, "C one two."),
        ]);
        let cands = all(&c);
        let input = Input::new(&c, &cands, Budget::words(words));
        Lead { variant }.select(&input).unwrap()
    }

    #[test]
    fn latest_takes_the_prefix_of_the_most_recent_document() {
        assert_eq!(run(LeadVariant::Latest, 7), [2, 3]);
    }

    #[test]
    fn round_robin_takes_first_sentences_of_each_document() {
        assert_eq!(run(LeadVariant::RoundRobin, 9), [0, 2, 5]);
        assert_eq!(run(LeadVariant::RoundRobin, 12), [0, 2, 5, 1]);
    }
}
