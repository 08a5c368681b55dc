//! Statistics shared across sumbench: a seeded random generator and paired significance
//! tests between two systems' per-cluster scores. The generator lives in the
//! `sumbench-rouge` crate (rouge-score mode's bootstrap draws from it) and is re-exported
//! here, so there is still one generator for every random choice.
pub use sumbench_rouge::rng;
pub mod significance;

pub use rng::Rng;
