//! sumbench: a benchmark harness for multi-document extractive summarizers.
//!
//! The crate follows the data's path. [`corpus`] loads clusters of articles and their
//! reference summaries; [`text`] cleans, segments, tokenizes and stems each cluster once
//! into a [`text::ProcessedCluster`] that every summarizer shares; [`summarize`] holds the
//! [`summarize::Summarizer`] trait, the registry of built-in systems and the shared
//! candidate/selection stages; [`rouge`] scores summaries exactly as ROUGE-1.5.5 or
//! Google's rouge-score would, and depends on no other stage; [`report`] prints tables
//! and writes result files; [`stats`] holds the seeded generator and the significance
//! tests. [`config`] reads the YAML run description and [`harness`] ties the stages
//! together: [`Run`] is the one way to start a run, and tells an [`Observer`] what
//! happens as [`event`]s whose records the results are assembled from. [`check`] gates a
//! run against a committed baseline.
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

pub mod check;
#[cfg(feature = "cli")]
pub mod commands;
pub mod config;
pub mod corpus;
pub mod error;
pub mod event;
pub mod harness;
pub mod limits;
pub mod report;
pub mod rouge;
pub mod rouge155_cli;
pub mod scale;
pub mod stats;
pub mod summarize;
pub mod text;
pub mod util;

pub use config::Config;
pub use error::{Error, Result};
pub use event::{aggregate, Event, Observer, Records};
pub use harness::{Run, RunOutput};
pub use summarize::{Registry, Summarizer};
