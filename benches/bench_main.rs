//! Criterion benchmarks: one module per topic under `benchmarks/`.
mod benchmarks;
criterion::criterion_main!(benchmarks::summarize::group);
