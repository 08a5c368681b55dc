//! What a binary that extends sumbench needs of its command line, and nothing more. A
//! plugin crate's own binary (examples/plugin-crate, docs/plugins.md) registers its kinds
//! and then runs a config exactly as `sumbench run --config` does: the journal beside the
//! results, the results and timings files, the table. The rest of the command line stays
//! internal (free to change in any release); this module is the public, semver-covered
//! door to it. Only with the `cli` feature.
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Config, Registry, Result};

/// Runs the config at `path`, read with `registry`'s kinds, as `sumbench run --config`
/// would, with the table on `out`; returns the results file's path.
pub fn run_config(path: &Path, registry: &Registry, out: &mut dyn Write) -> Result<PathBuf> {
    let config = Config::load_with(path, registry)?;
    crate::commands::run(
        &config,
        registry,
        crate::commands::RunOptions::default(),
        out,
    )
}
