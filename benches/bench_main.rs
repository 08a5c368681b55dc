//! Criterion benchmarks, one module per topic under `benchmarks/`:
//! `cargo bench --bench bench_main -- <filter>` (e.g. `summarize`, `rouge`, `rouge155`,
//! `preprocess`, `oracle`). Compare two states of the code with criterion's own baselines:
//! `-- --save-baseline main` on one, `-- --baseline main` on the other.
mod benchmarks;
criterion::criterion_main!(
    benchmarks::preprocess::group,
    benchmarks::summarize::group,
    benchmarks::oracle::group,
    benchmarks::rouge::group,
    benchmarks::rouge155::group
);
