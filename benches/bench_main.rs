//! Criterion benchmarks (placeholder until the bench groups land).
fn main() {}
