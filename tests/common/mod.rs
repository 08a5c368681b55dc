//! Helpers shared by the integration tests that run the `sumbench` binary: starting it,
//! scratch folders, the repository root, stderr as text.
#![allow(dead_code)] // each test binary uses its own subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the `sumbench` binary with `args` in `dir`.
pub fn sumbench(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sumbench"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("sumbench runs")
}

/// A fresh, empty temporary folder unique to this test binary (`group`), `name` and
/// process, so concurrent tests and repeated runs never see each other's files.
pub fn temp_dir(group: &str, name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sumbench-{group}-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The repository root, where the bundled corpus, references and configs are.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The process's stderr, decoded lossily.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
