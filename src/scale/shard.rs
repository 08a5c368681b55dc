//! Which clusters a shard runs: `--shard K/N` (1-based, `1/4` … `4/4`) or `--shard auto`
//! (from the scheduler's environment), and the deterministic, balanced partition.
//!
//! The partition is by cluster, not by (cluster, system) unit: every system of a
//! cluster runs in the same shard, so each cluster is read, preprocessed and has its
//! references prepared for ROUGE once, as in a single run (splitting a cluster's systems
//! over shards would repeat that work in each). Clusters outnumber shards by far in any
//! dataset worth sharding, so this granularity costs no balance.
//!
//! Balance is by estimated cost ([`super::cost`]), not by count: clusters are taken
//! from the costliest down (ties by their place in the run) and each goes to the shard
//! with the least work so far (ties to the lowest shard), the longest-processing-time
//! rule, within 4/3 of the best possible makespan. Costs are integers, so every machine
//! computes the same partition whatever its floating-point library.
use super::journal::ShardId;
use crate::{Error, Result};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// The environment variables `--shard auto` reads, in the order it tries them.
pub const AUTO_SOURCES: &str = "SUMBENCH_SHARD=K/N; Slurm job arrays \
(SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN, SLURM_ARRAY_TASK_COUNT); Kubernetes Indexed \
Jobs (JOB_COMPLETION_INDEX, 0-based, with SUMBENCH_SHARD_COUNT); CI matrices \
(SUMBENCH_SHARD_INDEX, 1-based, with SUMBENCH_SHARD_COUNT)";

/// Parses `K/N` (1 ≤ K ≤ N), or `auto` through `env` (a lookup such as
/// `|k| std::env::var(k).ok()`).
pub fn parse(spec: &str, env: impl Fn(&str) -> Option<String>) -> Result<ShardId> {
    if spec == "auto" {
        return from_env(env);
    }
    parse_fraction(spec, "--shard")
}

fn parse_fraction(spec: &str, what: &str) -> Result<ShardId> {
    let bad = |why: &str| {
        Error::Usage(format!(
            "{what} {spec}: {why}; expected K/N with 1 <= K <= N (1-based: `1/4` to `4/4`), or `auto`"
        ))
    };
    let (k, n) = spec.split_once('/').ok_or_else(|| bad("no `/`"))?;
    let k: usize = k.trim().parse().map_err(|_| bad("K is not a number"))?;
    let n: usize = n.trim().parse().map_err(|_| bad("N is not a number"))?;
    if n == 0 {
        return Err(bad("N must be at least 1"));
    }
    if k == 0 {
        return Err(bad("K is 1-based, so 0 is not a shard (the first is 1)"));
    }
    if k > n {
        return Err(bad("K is larger than N"));
    }
    Ok(ShardId { index: k, count: n })
}

fn number(env: &impl Fn(&str) -> Option<String>, key: &str) -> Result<Option<usize>> {
    match env(key) {
        None => Ok(None),
        Some(v) => v.trim().parse().map(Some).map_err(|_| {
            Error::Usage(format!(
                "--shard auto: {key}={v:?} is not a non-negative integer"
            ))
        }),
    }
}

fn from_env(env: impl Fn(&str) -> Option<String>) -> Result<ShardId> {
    if let Some(spec) = env("SUMBENCH_SHARD") {
        return parse_fraction(&spec, "--shard auto: SUMBENCH_SHARD=");
    }
    let count = number(&env, "SUMBENCH_SHARD_COUNT")?;
    let need_count = |source: &str| {
        Error::Usage(format!(
            "--shard auto: {source} is set but SUMBENCH_SHARD_COUNT is not; set it to the \
             number of shards (the Job's `completions`, the matrix's size)"
        ))
    };
    let checked = |index: usize, count: usize, source: &str| {
        if count == 0 || index == 0 || index > count {
            Err(Error::Usage(format!(
                "--shard auto: {source} gives shard {index} of {count}; expected 1 <= shard <= count"
            )))
        } else {
            Ok(ShardId { index, count })
        }
    };
    if let Some(id) = number(&env, "SLURM_ARRAY_TASK_ID")? {
        // Arrays may start anywhere (`--array=0-3`, `--array=1-4`): count from the first.
        let min = number(&env, "SLURM_ARRAY_TASK_MIN")?.unwrap_or(0);
        let n = number(&env, "SLURM_ARRAY_TASK_COUNT")?.ok_or_else(|| {
            Error::Usage(
                "--shard auto: SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not".into(),
            )
        })?;
        if let Some(max) = number(&env, "SLURM_ARRAY_TASK_MAX")? {
            if max + 1 < min || max + 1 - min != n {
                return Err(Error::Usage(format!(
                    "--shard auto: the Slurm array {min}-{max} has {n} tasks, not one per \
                     index; submit a contiguous array with step 1 (`--array=1-{n}`)"
                )));
            }
        }
        if id < min {
            return Err(Error::Usage(format!(
                "--shard auto: SLURM_ARRAY_TASK_ID={id} is below SLURM_ARRAY_TASK_MIN={min}"
            )));
        }
        return checked(id - min + 1, n, "Slurm");
    }
    if let Some(index) = number(&env, "JOB_COMPLETION_INDEX")? {
        let n = count.ok_or_else(|| need_count("JOB_COMPLETION_INDEX"))?;
        return checked(index + 1, n, "JOB_COMPLETION_INDEX (0-based)");
    }
    if let Some(index) = number(&env, "SUMBENCH_SHARD_INDEX")? {
        let n = count.ok_or_else(|| need_count("SUMBENCH_SHARD_INDEX"))?;
        return checked(index, n, "SUMBENCH_SHARD_INDEX (1-based)");
    }
    Err(Error::Usage(format!(
        "--shard auto: no shard in the environment; set one of: {AUTO_SOURCES}"
    )))
}

/// Assigns each item (a cluster, by its estimated cost) to one of `shards` shards,
/// longest processing time first; returns each item's 0-based shard, in item order.
pub fn partition(costs: &[u64], shards: usize) -> Vec<usize> {
    let shards = shards.max(1);
    let mut order: Vec<usize> = (0..costs.len()).collect();
    order.sort_by_key(|&i| (Reverse(costs[i]), i));
    let mut loads: BinaryHeap<Reverse<(u128, usize)>> =
        (0..shards).map(|s| Reverse((0, s))).collect();
    let mut out = vec![0; costs.len()];
    for i in order {
        // `shards` >= 1 was checked when the spec was parsed; with none, nothing is dealt.
        let Some(Reverse((load, s))) = loads.pop() else {
            break;
        };
        out[i] = s;
        loads.push(Reverse((load + u128::from(costs[i]), s)));
    }
    out
}

/// Each shard's total cost under `assignment` (from [`partition`]).
pub fn loads(costs: &[u64], assignment: &[usize], shards: usize) -> Vec<u128> {
    let mut loads = vec![0u128; shards.max(1)];
    for (&c, &s) in costs.iter().zip(assignment) {
        loads[s] += u128::from(c);
    }
    loads
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let m: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| m.get(k).cloned()
    }

    fn id(index: usize, count: usize) -> ShardId {
        ShardId { index, count }
    }

    #[test]
    fn fractions_are_one_based() {
        assert_eq!(parse("1/4", env(&[])).unwrap(), id(1, 4));
        assert_eq!(parse("4/4", env(&[])).unwrap(), id(4, 4));
        for bad in ["0/4", "5/4", "1/0", "3", "a/4"] {
            let e = parse(bad, env(&[])).unwrap_err().to_string();
            assert!(e.starts_with(&format!("--shard {bad}: ")), "{e}");
        }
        assert!(parse("0/4", env(&[]))
            .unwrap_err()
            .to_string()
            .contains("1-based"));
    }

    #[test]
    fn auto_reads_each_scheduler() {
        let slurm = env(&[
            ("SLURM_ARRAY_TASK_ID", "0"),
            ("SLURM_ARRAY_TASK_MIN", "0"),
            ("SLURM_ARRAY_TASK_MAX", "3"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ]);
        assert_eq!(parse("auto", slurm).unwrap(), id(1, 4));
        let slurm1 = env(&[
            ("SLURM_ARRAY_TASK_ID", "4"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ]);
        assert_eq!(parse("auto", slurm1).unwrap(), id(4, 4));
        let k8s = env(&[("JOB_COMPLETION_INDEX", "2"), ("SUMBENCH_SHARD_COUNT", "3")]);
        assert_eq!(parse("auto", k8s).unwrap(), id(3, 3));
        let ci = env(&[("SUMBENCH_SHARD_INDEX", "2"), ("SUMBENCH_SHARD_COUNT", "5")]);
        assert_eq!(parse("auto", ci).unwrap(), id(2, 5));
        let explicit = env(&[("SUMBENCH_SHARD", "2/2"), ("JOB_COMPLETION_INDEX", "0")]);
        assert_eq!(parse("auto", explicit).unwrap(), id(2, 2));
    }

    #[test]
    fn auto_refuses_what_it_cannot_use() {
        let none = parse("auto", env(&[])).unwrap_err().to_string();
        assert!(none.contains("SLURM_ARRAY_TASK_ID"), "{none}");
        let k8s = parse("auto", env(&[("JOB_COMPLETION_INDEX", "0")]))
            .unwrap_err()
            .to_string();
        assert!(k8s.contains("SUMBENCH_SHARD_COUNT is not"), "{k8s}");
        let stepped = env(&[
            ("SLURM_ARRAY_TASK_ID", "2"),
            ("SLURM_ARRAY_TASK_MIN", "0"),
            ("SLURM_ARRAY_TASK_MAX", "6"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ]);
        let e = parse("auto", stepped).unwrap_err().to_string();
        assert!(e.contains("contiguous array"), "{e}");
        let e = parse(
            "auto",
            env(&[("SUMBENCH_SHARD_INDEX", "x"), ("SUMBENCH_SHARD_COUNT", "2")]),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("SUMBENCH_SHARD_INDEX=\"x\""), "{e}");
    }

    #[test]
    fn partition_is_longest_first_with_fixed_ties() {
        // 9 and 8 go to shards 0 and 1; 5 joins the lighter (8); the 3s then fill in.
        let costs = [3, 9, 8, 5, 3];
        let a = partition(&costs, 2);
        assert_eq!(a, vec![0, 0, 1, 1, 0]);
        assert_eq!(loads(&costs, &a, 2), vec![15, 13]);
        // Equal costs: by place, round the shards in order.
        assert_eq!(partition(&[1, 1, 1, 1], 3), vec![0, 1, 2, 0]);
        // More shards than items: some stay empty, none is given an item twice.
        assert_eq!(partition(&[5], 3), vec![0]);
    }

    #[test]
    fn partition_balances_skewed_sizes_better_than_counting() {
        // One big cluster and many small: by count, shard 1 of 2 would hold the big one
        // and half the small ones.
        let mut costs = vec![100u64];
        costs.extend(std::iter::repeat_n(10, 20));
        let l = loads(&costs, &partition(&costs, 2), 2);
        assert_eq!(l.iter().sum::<u128>(), 300);
        assert_eq!(l.iter().max(), Some(&150));
    }
}
