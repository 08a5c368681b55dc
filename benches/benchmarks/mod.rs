//! Criterion benchmark groups, one module per topic.
pub mod rouge;
pub mod summarize;
