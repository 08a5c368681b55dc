//! `shared-terms`: a summarizer written outside sumbench's source tree.
//!
//! It ranks sentences by how many of their terms occur in at least `min_docs` documents
//! of the cluster: facts that several sources report. Everything sumbench needs comes
//! from the parameter struct: serde reads the config's keys, its doc comments and the
//! schemars range become `--list`'s documentation, and the declared range is checked
//! when the config is read, like a built-in's.
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sumbench::summarize::registry::{build_with, params_of, Spec};
use sumbench::summarize::{select, Failure, Input, Registry, SentenceId, Summarizer};

/// Sentences with the most terms that several documents share.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct SharedTerms {
    /// Documents a term must occur in to count as shared (1: every term counts).
    #[schemars(range(min = 1))]
    pub min_docs: u32,
}

impl Default for SharedTerms {
    fn default() -> Self {
        SharedTerms { min_docs: 2 }
    }
}

impl Summarizer for SharedTerms {
    fn select(&self, input: &Input<'_>) -> Result<Vec<SentenceId>, Failure> {
        let c = input.cluster;
        let scores: Vec<f64> = c
            .sentences
            .iter()
            .map(|s| {
                s.terms
                    .iter()
                    .filter(|&&t| c.doc_freq[t as usize] >= self.min_docs)
                    .count() as f64
            })
            .collect();
        Ok(select::greedy(input, &scores, None))
    }
}

/// The registry entry: the config's `type:`, one line for `--list`, and two functions
/// sumbench provides for any struct that is its own parameter set.
pub const SPEC: Spec = Spec {
    kind: "shared-terms",
    about: "Sentences with the most terms found in at least `min_docs` documents",
    params: params_of::<SharedTerms>,
    build: build_with::<SharedTerms>,
};

/// The built-in summarizers plus this crate's.
pub fn registry() -> Result<Registry, String> {
    let mut registry = Registry::default();
    registry.register(SPEC)?;
    Ok(registry)
}

/// Runs the config at `path` with `registry` as `sumbench run --config` would: the table
/// on `out`, the results in the config's output folder, whose path is returned. The one
/// call into sumbench's command line, through its public `cli` module.
pub fn run(
    path: &std::path::Path,
    registry: &Registry,
    out: &mut dyn std::io::Write,
) -> Result<std::path::PathBuf, sumbench::Error> {
    sumbench::cli::run_config(path, registry, out)
}
