//! Criterion benchmark groups, one module per topic, all built from `workloads.rs` (which
//! the instruction-count gate, `benches/instructions.rs`, shares).
pub mod oracle;
pub mod preprocess;
pub mod rouge;
pub mod rouge155;
pub mod summarize;
pub mod workloads;
