//! Benchmark groups.
pub mod summarize;
