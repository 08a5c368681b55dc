//! ROUGE-1.5.5 mode (interim: not yet implemented; rejects construction).
use super::{Aggregate, RougeSettings, Scores};

/// References preprocessed once.
pub struct Prepared;

/// ROUGE-1.5.5 engine.
pub struct Scorer;

impl Scorer {
    /// Builds the scorer.
    pub fn new(_settings: &RougeSettings) -> Result<Self, String> {
        Err("rouge155 mode is not implemented yet".into())
    }

    /// Metric names.
    pub fn metric_names(&self) -> Vec<String> {
        Vec::new()
    }

    /// Settings description.
    pub fn describe(&self) -> String {
        String::new()
    }

    /// Prepares references.
    pub fn prepare(&self, _references: &[&str]) -> Prepared {
        Prepared
    }

    /// Scores a candidate.
    pub fn score_prepared(&self, _candidate: &str, _refs: &Prepared) -> Scores {
        Scores::default()
    }

    /// Aggregates units.
    pub fn aggregate(&self, units: &[Scores]) -> Vec<Aggregate> {
        super::mean(units)
    }
}
