//! ROUGE scoring, exactly as ROUGE-1.5.5.pl and Google's rouge-score 0.1.2 compute it:
//! the workspace crate `sumbench-rouge` (`crates/sumbench-rouge`), re-exported whole so
//! that `sumbench::rouge::…` paths keep working. The engines live in their own crate so
//! that they can be used without sumbench's CLI, terminal or YAML dependencies, and so
//! that they cannot depend on the summarizers.
pub use sumbench_rouge::*;
