//! The shared candidate stage: which sentences any summarizer may pick.
//!
//! Filtering here, once, rather than inside each method keeps comparisons fair: every
//! system chooses from the same pool.
use super::SentenceId;
use crate::text::ProcessedCluster;
use serde::{Deserialize, Serialize};

/// Candidate filters, configurable per summarizer under `candidates:`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CandidateOptions {
    /// Sentences with fewer words are never picked (headlines, datelines, fragments).
    pub min_words: usize,
    /// Sentences with more words are never picked (run-ons from broken segmentation).
    pub max_words: usize,
}

impl Default for CandidateOptions {
    fn default() -> Self {
        CandidateOptions {
            min_words: 5,
            max_words: 80,
        }
    }
}

/// The eligible sentences of `cluster`, in reading order.
pub fn candidates(cluster: &ProcessedCluster, options: &CandidateOptions) -> Vec<SentenceId> {
    cluster
        .sentences
        .iter()
        .filter(|s| {
            s.words >= options.min_words && s.words <= options.max_words && !s.terms.is_empty()
        })
        .map(|s| s.id)
        .collect()
}
