//! sumbench: a benchmark harness for multi-document extractive summarizers.
//!
//! The crate follows the data's path. [`corpus`] loads clusters of articles and their
//! reference summaries; [`text`] cleans, segments, tokenizes and stems each cluster once
//! into a [`text::ProcessedCluster`] that every summarizer shares; [`summarize`] holds the
//! [`summarize::Summarizer`] trait, the registry of built-in systems and the shared
//! candidate/selection stages; [`rouge`] scores summaries exactly as ROUGE-1.5.5 or
//! Google's rouge-score would, and depends on no other stage; [`report`] prints tables
//! and writes result files; [`stats`] holds the seeded generator and the significance
//! tests. [`config`] reads the YAML run description and the harness ties the stages
//! together: [`Run`] is the one way to start a run, and tells an [`Observer`] what
//! happens as [`event`]s whose records the results are assembled from.
//!
//! # What is public
//!
//! The modules listed on this page and the re-exports at its root are the API, covered
//! by semantic versioning. The rest (the command line's commands, the baseline gate,
//! sharding and journaling, the `rouge155` command's argument parsing, the file helpers)
//! is hidden: `pub` only because the `sumbench` binary, the tests and the fuzz targets
//! use it, and free to change in any release; the harness behind [`Run`] is private.
//! The results file's types ([`report::RunResults`] and what it holds) keep public
//! fields: those fields are the versioned results schema (`docs/results-schema.md`,
//! [`report::SCHEMA_VERSION`]), so changing one is a schema change whatever the Rust
//! API says; the run's records ([`event`]) are behind accessors instead, and the structs
//! only sumbench builds ([`RunOutput`], [`text::ProcessedCluster`],
//! [`summarize::Summary`], …) are `#[non_exhaustive]`, so fields can be added to them.
//!
//! The one design decision that shapes everything: preprocessing happens once per
//! cluster, terms are interned to integers, and summarizers see only integer term
//! vectors, so no summarizer hashes strings in its inner loop.
//!
//! # Use as a library
//!
//! Depend on it without the `cli` feature (`default-features = false`) to leave out the
//! command line's dependencies. A run is a [`Config`] (a YAML file, or text given to
//! [`Config::parse`]) given to [`Run`]; an [`Observer`] closure follows it. To run your
//! own summarizers, register them in a [`Registry`] (see [`Summarizer`]).
//!
//! ```
//! # // README.md ("Use as a library") shows these same lines: change both together.
//! use std::path::Path;
//! use sumbench::{Config, Event, Run};
//!
//! fn main() -> Result<(), sumbench::Error> {
//!     let config = Config::load(Path::new("configs/default.yaml"))?;
//!     let mut done = 0;
//!     let output = Run::new(&config)
//!         .system(Some("textrank")) // one of the config's systems; None: every one
//!         .execute_with(&mut |event: &Event<'_>| {
//!             if let Event::UnitFinished(unit) = event {
//!                 done += 1;
//!                 eprintln!("{} on {} done", unit.system(), unit.cluster());
//!             }
//!         })?;
//!     assert_eq!(done, output.results.results.len());
//!     for avg in &output.results.averages {
//!         println!("{} {}: F {:.4}", avg.system, avg.scores[0].metric, avg.scores[0].mean.f);
//!     }
//!     Ok(())
//! }
//! ```
#![deny(missing_docs)]
// Production code must not panic on input (docs/reliability.md): every unwrap, expect
// or panic outside tests is refused by clippy unless allowed where its invariant is
// stated.
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

// The public API, covered by semver (cargo-semver-checks in .ci/run, docs/ci.md): the
// re-exports below, and these modules, each documented. Submodules a user has no need to
// name (the built-in summarizers, the HTML/chart/table renderers, the DUC, Multi-News and
// WCEP loaders) are private to the crate.
#[cfg(feature = "cli")]
pub mod cli;
pub mod config;
pub mod corpus;
pub mod error;
pub mod event;
pub mod limits;
pub mod report;
pub mod rouge;
pub mod stats;
pub mod summarize;
pub mod text;

// Internal modules. The binary (src/main.rs is a crate of its own, so it sees only what is
// `pub`), the integration tests, the benches and the examples reach into these, so they
// stay `pub`, but hidden: undocumented, not part of the API, free to change in any
// release, and not checked by cargo-semver-checks (which skips `#[doc(hidden)]` items).
// Hidden items escape `missing_docs`, so CI's `cargo doc` passes `--cfg
// sumbench_all_docs`, which shows them, to keep every `pub` item documented anyway.
// `harness` itself is private, not hidden: rustdoc's JSON (which cargo-semver-checks
// reads) leaves out items defined in a hidden module even when they are re-exported, so
// `Run` and `RunOutput` would escape the semver check; re-exported from a private
// module, they are inlined at the root. The tests' one other need from it is below.
#[cfg_attr(not(sumbench_all_docs), doc(hidden))]
pub mod check;
#[cfg(feature = "cli")]
#[cfg_attr(not(sumbench_all_docs), doc(hidden))]
pub mod commands;
#[cfg_attr(not(sumbench_all_docs), doc(hidden))]
pub mod rouge155_cli;
#[cfg_attr(not(sumbench_all_docs), doc(hidden))]
pub mod scale;
#[cfg_attr(not(sumbench_all_docs), doc(hidden))]
pub mod util;

pub use config::Config;
pub use error::{Error, Result};
pub use event::{aggregate, Event, Observer, Records};
pub use harness::{Run, RunOutput};
pub use summarize::{Registry, Summarizer};

mod harness;
/// Writes a run's results and timings files as `sumbench run` does (hidden: for tests).
#[cfg_attr(not(sumbench_all_docs), doc(hidden))]
pub use harness::write_outputs;

#[cfg(test)]
mod tests {
    /// The lines of the first fenced block opening with `fence` after `heading`.
    fn block_after<'a>(lines: &[&'a str], heading: &str, fence: &str) -> Vec<&'a str> {
        let start = lines.iter().position(|l| *l == heading).expect("heading");
        let open = start
            + lines[start..]
                .iter()
                .position(|l| *l == fence)
                .expect("fence");
        let body = &lines[open + 1..];
        let close = body
            .iter()
            .position(|l| *l == "```")
            .expect("closing fence");
        body[..close].to_vec()
    }

    /// README.md's "Use as a library" code is the crate doc's doctest, line for line, so
    /// `cargo test --doc` tests the README's code too; this fails when the two drift.
    #[test]
    fn readme_library_example_is_the_crate_doctest() {
        let readme: Vec<&str> = include_str!("../README.md").lines().collect();
        let readme = block_after(&readme, "## Use as a library", "```rust");
        // The crate doc without its `//!` prefix; `# `-lines are hidden from the rendered
        // doc (and the README does not show them).
        let doc: Vec<&str> = include_str!("lib.rs")
            .lines()
            .filter_map(|l| l.strip_prefix("//!"))
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect();
        let doctest: Vec<&str> = block_after(&doc, "# Use as a library", "```")
            .into_iter()
            .filter(|l| !(l.starts_with("# ") || *l == "#"))
            .collect();
        assert!(
            doctest.len() >= 10,
            "crate doc example not found: {doctest:?}"
        );
        assert_eq!(
            readme, doctest,
            "README.md's \"Use as a library\" example differs from src/lib.rs's doctest"
        );
    }
}
