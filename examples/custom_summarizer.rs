//! A Rust plugin run with built-ins by configs/plugins-rust.yaml (see docs/plugins.md).
use serde::{Deserialize, Serialize};
use sumbench::summarize::registry::{build_with, defaults_of, ParamDoc, Spec};
use sumbench::summarize::{select, Failure, Input, Registry, SentenceId, Summarizer};

/// Ranks sentences by how many of their terms occur in at least `min_docs` documents.
#[derive(Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct SharedTerms {
    min_docs: u32,
}

impl Summarizer for SharedTerms {
    fn select(&self, input: &Input<'_>) -> Result<Vec<SentenceId>, Failure> {
        let shared = |t: &&u32| input.cluster.doc_freq[**t as usize] >= self.min_docs;
        let score = |s: &sumbench::text::Sentence| s.terms.iter().filter(shared).count() as f64;
        let scores: Vec<f64> = input.cluster.sentences.iter().map(score).collect();
        Ok(select::greedy(input, &scores, None))
    }
}

const SPEC: Spec = Spec {
    kind: "shared-terms",
    about: "Sentences with the most terms found in at least `min_docs` documents",
    params: &[ParamDoc {
        name: "min_docs",
        doc: "documents a term must occur in",
    }],
    defaults: defaults_of::<SharedTerms>,
    build: build_with::<SharedTerms>,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut registry = Registry::default();
    registry.register(SPEC)?;
    let path = std::path::Path::new("configs/plugins-rust.yaml");
    let config = sumbench::commands::load_config(Some(path), &registry)?;
    let options = sumbench::commands::RunOptions::default();
    sumbench::commands::run(&config, &registry, options, &mut std::io::stdout())?;
    Ok(())
}
