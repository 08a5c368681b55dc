//! Statistics shared across sumbench: a seeded random generator and paired significance
//! tests between two systems' per-cluster scores.
pub mod rng;
pub mod significance;

pub use rng::Rng;
