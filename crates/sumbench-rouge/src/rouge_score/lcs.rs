//! Longest common subsequence, bit-parallel (Allison & Dix 1986, Hyyrö 2004), with the
//! exact backtracking of rouge-score's `_backtrack_norec`.
//!
//! Sequence `a` (the reference side, rows of rouge-score's table) is encoded as one bit
//! per position; each symbol of `b` (the candidate, columns) updates the bit vector `V`
//! in O(|a|/64) word operations: `V ← (V + (V & M[b_j])) | (V & !M[b_j])`. After column
//! j the zero bits of `V` mark the rows i where `t[i][j] = t[i-1][j] + 1`, so
//! `t[i][j]` is the number of zero bits below i. That is all the backtracking needs:
//! keeping each column's vector reproduces rouge-score's path (take a match diagonally,
//! go left only if `t[i][j-1] > t[i-1][j]`, else up) without the quadratic table.
//! The step itself is [`crate::bitlcs`], shared with the ROUGE-1.5.5 engine.

use crate::bitlcs;

/// Per-symbol match masks of a sequence `a`.
pub(crate) struct Masks {
    /// 64-bit words per mask.
    words: usize,
    /// Length of `a`.
    len: usize,
    /// The mask of symbol s at row s + 1; row 0 is all zeros, for symbols beyond the
    /// largest of `a` (dense ids keep this small; no symbol → row indirection to load).
    rows: Vec<u64>,
}

impl Masks {
    /// Masks of `a`.
    pub(crate) fn new(a: &[u32]) -> Self {
        let words = a.len().div_ceil(64).max(1);
        let n_rows = a.iter().max().map_or(1, |&s| s as usize + 2);
        let mut rows = vec![0u64; n_rows * words];
        for (i, &s) in a.iter().enumerate() {
            rows[(s as usize + 1) * words + i / 64] |= 1 << (i % 64);
        }
        Masks {
            words,
            len: a.len(),
            rows,
        }
    }

    /// 64-bit words per mask.
    pub(crate) fn words(&self) -> usize {
        self.words
    }

    /// The positions of `symbol` in `a`, as a bit set (all zeros if absent).
    #[inline]
    pub(crate) fn row(&self, symbol: u32) -> &[u64] {
        let r = (symbol as usize).wrapping_add(1);
        let r = if r * self.words < self.rows.len() {
            r
        } else {
            0
        };
        &self.rows[r * self.words..(r + 1) * self.words]
    }

    /// One column step of the bit-parallel recurrence.
    #[inline]
    fn step(&self, v: &mut [u64], symbol: u32) {
        bitlcs::step(v, self.row(symbol));
    }

    /// Mask of the valid bits of the last word.
    fn last_word_mask(&self) -> u64 {
        match self.len % 64 {
            0 => !0,
            r => (1u64 << r) - 1,
        }
    }

    /// Number of zero (increment) bits among the first `len` bits of `v`.
    fn zeros(&self, v: &[u64]) -> usize {
        let last = self.words - 1;
        let mut ones = 0;
        for (k, &x) in v.iter().enumerate() {
            let x = if k == last {
                x & self.last_word_mask()
            } else {
                x
            };
            ones += x.count_ones() as usize;
        }
        self.len - ones
    }
}

/// Length of the LCS of `a` (encoded in `masks`) and `b`.
pub(crate) fn lcs_len(masks: &Masks, b: &[u32]) -> usize {
    if masks.len == 0 || b.is_empty() {
        return 0;
    }
    let mut v = vec![!0u64; masks.words];
    for &s in b {
        masks.step(&mut v, s);
    }
    masks.zeros(&v)
}

/// Marks in `hit` (indexed by position in `a`) the positions of `a` on the LCS that
/// rouge-score's `_backtrack_norec(_lcs_table(a, b), a, b)` returns.
pub(crate) fn mark_lcs(masks: &Masks, a: &[u32], b: &[u32], cols: &mut Vec<u64>, hit: &mut [bool]) {
    let (n, w) = (b.len(), masks.words);
    if a.is_empty() || n == 0 {
        return;
    }
    if w == 1 {
        return mark_lcs_short(masks, a, b, cols, hit);
    }
    // cols[j] = increments of column j (j = 0 is the empty column), as bit vectors.
    cols.clear();
    cols.resize((n + 1) * w, 0);
    let mut v = vec![!0u64; w];
    let lw = masks.last_word_mask();
    for (j, &s) in b.iter().enumerate() {
        masks.step(&mut v, s);
        let col = &mut cols[(j + 1) * w..(j + 2) * w];
        for (c, &x) in col.iter_mut().zip(&v) {
            *c = !x;
        }
        col[w - 1] &= lw;
    }
    let col = |j: usize| &cols[j * w..(j + 1) * w];
    // t[i][j]: increments of column j in rows 1..=i.
    let prefix = |j: usize, i: usize| -> usize {
        let c = col(j);
        let full = i / 64;
        let mut t: usize = c[..full].iter().map(|x| x.count_ones() as usize).sum();
        if !i.is_multiple_of(64) {
            t += (c[full] & ((1u64 << (i % 64)) - 1)).count_ones() as usize;
        }
        t
    };
    let bit = |j: usize, r: usize| (col(j)[r / 64] >> (r % 64)) & 1 == 1;
    let (mut i, mut j) = (a.len(), n);
    let mut cur = prefix(j, i);
    while i > 0 && j > 0 {
        if a[i - 1] == b[j - 1] {
            hit[i - 1] = true;
            i -= 1;
            j -= 1;
            cur -= 1;
        } else {
            let left = prefix(j - 1, i);
            let up = cur - bit(j, i - 1) as usize;
            if left > up {
                j -= 1;
                cur = left;
            } else {
                i -= 1;
                cur = up;
            }
        }
    }
}

/// [`mark_lcs`] for `a` of at most 64 tokens (one word per column), the common case
/// of a sentence: the same recurrence and path, on scalars.
fn mark_lcs_short(masks: &Masks, a: &[u32], b: &[u32], cols: &mut Vec<u64>, hit: &mut [bool]) {
    let valid = masks.last_word_mask();
    cols.clear();
    cols.push(0);
    let mut v = !0u64;
    for &s in b {
        // One word: no carry in, and the carry out of the top word is dropped.
        v = bitlcs::step_word(v, masks.row(s)[0], false).0;
        cols.push(!v & valid);
    }
    let below = |i: usize| if i >= 64 { !0u64 } else { (1u64 << i) - 1 };
    let (mut i, mut j) = (a.len(), b.len());
    let mut cur = (cols[j] & below(i)).count_ones();
    while i > 0 && j > 0 {
        if a[i - 1] == b[j - 1] {
            hit[i - 1] = true;
            i -= 1;
            j -= 1;
            cur -= 1;
        } else {
            let left = (cols[j - 1] & below(i)).count_ones();
            let up = cur - ((cols[j] >> (i - 1)) & 1) as u32;
            if left > up {
                j -= 1;
                cur = left;
            } else {
                i -= 1;
                cur = up;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// rouge-score's quadratic table and backtracking, transcribed for comparison.
    fn table(a: &[u32], b: &[u32]) -> Vec<Vec<usize>> {
        let mut t = vec![vec![0; b.len() + 1]; a.len() + 1];
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                t[i][j] = if a[i - 1] == b[j - 1] {
                    t[i - 1][j - 1] + 1
                } else {
                    t[i - 1][j].max(t[i][j - 1])
                };
            }
        }
        t
    }

    fn backtrack(a: &[u32], b: &[u32]) -> Vec<usize> {
        let t = table(a, b);
        let (mut i, mut j, mut out) = (a.len(), b.len(), Vec::new());
        while i > 0 && j > 0 {
            if a[i - 1] == b[j - 1] {
                out.insert(0, i - 1);
                i -= 1;
                j -= 1;
            } else if t[i][j - 1] > t[i - 1][j] {
                j -= 1;
            } else {
                i -= 1;
            }
        }
        out
    }

    fn marked(a: &[u32], b: &[u32]) -> Vec<usize> {
        let masks = Masks::new(a);
        let mut hit = vec![false; a.len()];
        mark_lcs(&masks, a, b, &mut Vec::new(), &mut hit);
        (0..a.len()).filter(|&i| hit[i]).collect()
    }

    #[test]
    fn hand_worked() {
        // a b c b d a b  vs  b d c a b a: the textbook LCS length 4 (e.g. b c b a).
        let a = [0, 1, 2, 1, 3, 0, 1];
        let b = [1, 3, 2, 0, 1, 0];
        assert_eq!(lcs_len(&Masks::new(&a), &b), 4);
        // "a b" vs "b a": both LCSs have length 1; rouge-score's path goes up on the
        // tie at (2,2) then matches a at row 1, so it returns position 0 (a).
        assert_eq!(marked(&[0, 1], &[1, 0]), vec![0]);
        assert_eq!(lcs_len(&Masks::new(&[]), &b), 0);
    }

    /// Deterministic pseudo-random sequences over small alphabets (many ties), lengths
    /// crossing the 64-bit word boundaries; the transcription above is the oracle.
    #[test]
    fn matches_quadratic_table_and_backtracking() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |m: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % m
        };
        for case in 0..400 {
            let alphabet = [2, 3, 5, 8][case % 4];
            let la = [0, 1, 7, 63, 64, 65, 130][case % 7] + next(3) as usize;
            let lb = next(140) as usize;
            let a: Vec<u32> = (0..la).map(|_| next(alphabet) as u32).collect();
            let b: Vec<u32> = (0..lb).map(|_| next(alphabet + 1) as u32).collect();
            let t = table(&a, &b);
            assert_eq!(
                lcs_len(&Masks::new(&a), &b),
                t[a.len()][b.len()],
                "{a:?} {b:?}"
            );
            assert_eq!(marked(&a, &b), backtrack(&a, &b), "{a:?} {b:?}");
        }
    }
}
