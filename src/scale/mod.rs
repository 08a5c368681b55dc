//! Runs past one process and one machine: the streaming journal a run appends each
//! finished unit to ([`journal`]), the deterministic partition of a run's clusters into
//! shards ([`shard`]), and the cost model that balances the shards and lets
//! `sumbench plan` say what each one will cost ([`cost`]).
//!
//! sumbench does not manage a cluster of machines: a shard is an ordinary
//! `sumbench run --shard K/N` that a scheduler already knows how to start (Slurm job
//! arrays, Kubernetes Indexed Jobs, CI matrices, GNU parallel), and `sumbench merge`
//! builds the one results file from their journals. See docs/scale.md.
pub mod assemble;
pub mod cost;
pub mod journal;
pub mod journaled;
pub mod plan;
pub mod shard;
