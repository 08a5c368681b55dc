//! The bit-parallel LCS recurrence (Allison & Dix 1986, Hyyrö 2004) that both engines'
//! LCS code is built on.
//!
//! For a sequence `a` and, per symbol `s`, the bit mask `M[s]` of the positions of `s`
//! in `a`, a bit vector `V` (all ones before the first symbol of the other sequence `b`)
//! is advanced once per symbol `b_j` by `V ← (V + (V & M[b_j])) | (V & !M[b_j])`, the
//! addition carried across 64-bit words. Afterwards the zero bits of `V` mark the
//! positions `i` of `a` where the LCS table grows by one down column `j`:
//! `t[i][j] = t[i-1][j] + 1`. That is the whole table in `|b| · ⌈|a|/64⌉` word
//! operations. The step says nothing about which of several LCSs is meant: each engine
//! reads the vectors in its own backtrace, with its reference implementation's
//! tie-breaking (`rouge155::lcs`, `rouge_score::lcs`).

/// One word of the step: `v` and `mask` are word `k` of `V` and `M[b_j]`, `carry` the
/// carry out of word `k - 1` (false for word 0); returns word `k` of the new `V` and
/// its carry out.
#[inline(always)]
pub(crate) fn step_word(v: u64, mask: u64, carry: bool) -> (u64, bool) {
    let u = v & mask;
    let (sum, c1) = v.overflowing_add(u);
    let (sum, c2) = sum.overflowing_add(u64::from(carry));
    (sum | (v & !mask), c1 | c2)
}

/// One step over every word: `v ← (v + (v & mask)) | (v & !mask)`, in place.
#[inline]
pub(crate) fn step(v: &mut [u64], mask: &[u64]) {
    let mut carry = false;
    for (x, &m) in v.iter_mut().zip(mask) {
        (*x, carry) = step_word(*x, m, carry);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every column of the LCS table, by the textbook quadratic recurrence, against the
    /// increments the bit vector encodes, over lengths that cross word boundaries.
    #[test]
    fn vectors_encode_the_lcs_table() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |m: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % m
        };
        for case in 0..400 {
            // Large alphabets leave whole words of a symbol's mask empty, the case where
            // a carry passes through an all-ones word of V unchanged.
            let alphabet = [2, 3, 6, 40, 100][case % 5];
            let a: Vec<u64> = (0..[1, 63, 64, 65, 129, 200][case % 6])
                .map(|_| next(alphabet))
                .collect();
            let b: Vec<u64> = (0..next(90)).map(|_| next(alphabet + 1)).collect();
            let words = a.len().div_ceil(64);
            let mask = |s: u64| {
                let mut m = vec![0u64; words];
                for (i, _) in a.iter().enumerate().filter(|(_, &x)| x == s) {
                    m[i / 64] |= 1 << (i % 64);
                }
                m
            };
            let mut v = vec![!0u64; words];
            // col[i] = t[i][j] for the current column j.
            let mut col = vec![0usize; a.len() + 1];
            for &s in &b {
                step(&mut v, &mask(s));
                let mut next_col = vec![0usize; a.len() + 1];
                for i in 1..=a.len() {
                    next_col[i] = if a[i - 1] == s {
                        col[i - 1] + 1
                    } else {
                        col[i].max(next_col[i - 1])
                    };
                }
                col = next_col;
                for i in 1..=a.len() {
                    let zero = (v[(i - 1) / 64] >> ((i - 1) % 64)) & 1 == 0;
                    assert_eq!(zero, col[i] == col[i - 1] + 1, "a {a:?} b {b:?} row {i}");
                }
            }
        }
    }
}
