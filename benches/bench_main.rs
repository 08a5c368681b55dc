//! Criterion benchmarks: `cargo bench --bench bench_main -- <filter>`.
mod benchmarks;
criterion::criterion_main!(benchmarks::rouge::group);
