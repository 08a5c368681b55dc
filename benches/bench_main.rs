//! Criterion benchmarks, one module per topic under `benchmarks/`:
//! `cargo bench --bench bench_main -- <filter>` (e.g. `summarize`, `rouge`).
mod benchmarks;
criterion::criterion_main!(benchmarks::summarize::group, benchmarks::rouge::group);
