//! Summary-level ROUGE-L and ROUGE-W hits, as the script's `lcs` and `wlcs` subs count
//! them for one reference.
//!
//! For each reference sentence the script marks, in a hit mask over its tokens, the
//! tokens of one LCS with every candidate sentence (its own DP and backtrace, ties
//! going "up"), takes the union, and then counts a marked token only while both the
//! reference and the candidate still have an unused occurrence of it in their unigram
//! counts (the clipping added in ROUGE 1.4.1). ROUGE-W does the same with its
//! weighted DP and credits each run of consecutive counted tokens with `len^w`. The
//! tie-breaking of the backtrace decides which tokens are marked, so it is reproduced
//! exactly, floating-point comparisons of the weighted DP included.

use rustc_hash::FxHashMap;

use super::counting::Bag;
use crate::bitlcs;

/// A candidate sentence with, for each of its tokens, the bit mask of its positions:
/// the input of the bit-parallel LCS (Hyyrö 2004), built once per candidate.
#[derive(Debug)]
pub struct BitSentence {
    tokens: Vec<u32>,
    words: usize,
    /// Token → offset of its mask (`words` u64s) in `bits`.
    slots: FxHashMap<u32, usize>,
    bits: Vec<u64>,
}

impl BitSentence {
    /// Indexes the positions of each token of `tokens`.
    pub fn new(tokens: &[u32]) -> Self {
        let words = tokens.len().div_ceil(64);
        let mut slots: FxHashMap<u32, usize> = FxHashMap::default();
        let mut bits = Vec::new();
        for (j, &t) in tokens.iter().enumerate() {
            let at = *slots.entry(t).or_insert_with(|| {
                bits.resize(bits.len() + words, 0);
                bits.len() - words
            });
            bits[at + j / 64] |= 1 << (j % 64);
        }
        BitSentence {
            tokens: tokens.to_vec(),
            words,
            slots,
            bits,
        }
    }

    fn mask(&self, token: u32) -> Option<&[u64]> {
        self.slots
            .get(&token)
            .map(|&at| &self.bits[at..at + self.words])
    }
}

/// The script's `lcs_inner` + `markLCS`, computed bit-parallel: marks in `mask` the
/// reference positions of the LCS of `model` and `peer` that the script's backtrace
/// finds.
///
/// The backtrace only ever looks at three things: whether the two tokens are equal
/// (then it always goes diagonally), and otherwise the LCS lengths `c[i-1][j]` and
/// `c[i][j-1]` (up when the first is not smaller). Those lengths are read from the
/// bit-vector rows of Hyyrö's algorithm (one [`bitlcs::step`] per reference token, the
/// peer's positions as the bits), where bit `j` of row `i` is 0 exactly when
/// `c[i][j+1] = c[i][j] + 1`, so `c[i][j]` = `j` − (ones among the row's lowest `j`
/// bits). The rows take `m · ⌈n/64⌉` word operations instead of the `m · n` cells of the
/// script's table.
fn mark_lcs(model: &[u32], peer: &BitSentence, mask: &mut [bool], rows: &mut Vec<u64>) {
    let (m, n, w) = (model.len(), peer.tokens.len(), peer.words);
    if m == 0 || n == 0 {
        return;
    }
    rows.clear();
    rows.resize((m + 1) * w, !0);
    for (i, &tok) in model.iter().enumerate() {
        let (done, next) = rows.split_at_mut((i + 1) * w);
        let (prev, cur) = (&done[i * w..], &mut next[..w]);
        cur.copy_from_slice(prev);
        // A token absent from the peer leaves the row as it was (an all-zero mask).
        if let Some(pm) = peer.mask(tok) {
            bitlcs::step(cur, pm);
        }
    }
    // c[i][j] from row i.
    let lcs_len = |i: usize, j: usize| -> usize {
        let row = &rows[i * w..(i + 1) * w];
        let full = j / 64;
        let mut ones: usize = row[..full].iter().map(|x| x.count_ones() as usize).sum();
        if !j.is_multiple_of(64) {
            ones += (row[full] & ((1u64 << (j % 64)) - 1)).count_ones() as usize;
        }
        j - ones
    };
    // Whether c[i][j] = c[i][j-1] + 1 (bit j-1 of row i is 0).
    let step = |i: usize, j: usize| -> usize {
        ((rows[i * w + (j - 1) / 64] >> ((j - 1) % 64)) & 1 == 0) as usize
    };
    // The backtrace keeps here = c[i][j] and above = c[i-1][j] up to date, so a fresh
    // prefix count is needed only when it moves to a new row.
    let (mut i, mut j) = (m, n);
    let (mut here, mut above) = (lcs_len(m, n), lcs_len(m - 1, n));
    while i != 0 && j != 0 {
        if model[i - 1] == peer.tokens[j - 1] {
            mask[i - 1] = true;
            here = above - step(i - 1, j);
            i -= 1;
            j -= 1;
            above = if i > 0 { lcs_len(i - 1, j) } else { 0 };
        } else if above >= here - step(i, j) {
            here = above;
            i -= 1;
            above = if i > 0 { lcs_len(i - 1, j) } else { 0 };
        } else {
            here -= step(i, j);
            above -= step(i - 1, j);
            j -= 1;
        }
    }
}

const DIAG: u8 = 1;
const UP: u8 = 2;
const LEFT: u8 = 3;

/// Buffers reused across the sentence pairs of one reference.
#[derive(Default)]
struct Scratch {
    dirs: Vec<u8>,
    #[cfg(test)]
    row: Vec<u32>,
    bits: Vec<u64>,
    wrow: Vec<f64>,
    run: Vec<u32>,
}

/// `lcs_inner` + `markLCS` transcribed literally (DP table and backtrace): the reference
/// the bit-parallel [`mark_lcs`] is tested against.
#[cfg(test)]
fn mark_lcs_dp(model: &[u32], peer: &[u32], mask: &mut [bool], sc: &mut Scratch) {
    let (m, n) = (model.len(), peer.len());
    if m == 0 || n == 0 {
        return;
    }
    let w = n + 1;
    sc.dirs.clear();
    sc.dirs.resize((m + 1) * w, 0);
    // One DP row updated in place: before the update row[j] is c[i-1][j] ("up"), the
    // value it replaces is kept as the next cell's diagonal.
    sc.row.clear();
    sc.row.resize(w, 0);
    for (i, &tok) in model.iter().enumerate() {
        let dirs = &mut sc.dirs[(i + 1) * w + 1..(i + 2) * w];
        let (mut diag, mut left) = (0u32, 0u32);
        for ((cell, dir), &p) in sc.row[1..].iter_mut().zip(dirs).zip(peer) {
            let up = *cell;
            // Written without branches on the data: ties go up, as in the script.
            let (keep, keep_dir) = if up >= left { (up, UP) } else { (left, LEFT) };
            let hit = tok == p;
            let c = if hit { diag + 1 } else { keep };
            *dir = if hit { DIAG } else { keep_dir };
            diag = up;
            left = c;
            *cell = c;
        }
    }
    backtrace(&sc.dirs, w, m, n, mask);
}

/// `wlcs_inner` + `markLCS`: the weighted DP, `pow[k]` = `k^weight` (the script's
/// `wlcsWeight`, computed by the same `pow`).
fn mark_wlcs(model: &[u32], peer: &[u32], pow: &[f64], mask: &mut [bool], sc: &mut Scratch) {
    let (m, n) = (model.len(), peer.len());
    if m == 0 || n == 0 {
        return;
    }
    let w = n + 1;
    sc.dirs.clear();
    sc.dirs.resize((m + 1) * w, 0);
    sc.wrow.clear();
    sc.wrow.resize(w, 0.0);
    sc.run.clear();
    sc.run.resize(w, 0);
    for (i, &tok) in model.iter().enumerate() {
        let dirs = &mut sc.dirs[(i + 1) * w + 1..(i + 2) * w];
        let (mut diag, mut left) = (0f64, 0f64);
        let mut diag_run = 0u32;
        let cells = sc.wrow[1..].iter_mut().zip(&mut sc.run[1..]);
        for (((cell, run), dir), &p) in cells.zip(dirs).zip(peer) {
            let (up, up_run) = (*cell, *run);
            let (c, k, d) = if tok == p {
                let k = diag_run as usize;
                // Same operation order as the script: (c + f(k+1)) - f(k).
                (diag + pow[k + 1] - pow[k], diag_run + 1, DIAG)
            } else if up >= left {
                (up, 0, UP)
            } else {
                (left, 0, LEFT)
            };
            diag = up;
            diag_run = up_run;
            left = c;
            *cell = c;
            *run = k;
            *dir = d;
        }
    }
    backtrace(&sc.dirs, w, m, n, mask);
}

fn backtrace(dirs: &[u8], w: usize, mut i: usize, mut j: usize, mask: &mut [bool]) {
    while i != 0 && j != 0 {
        match dirs[i * w + j] {
            DIAG => {
                i -= 1;
                j -= 1;
                mask[i] = true;
            }
            UP => i -= 1,
            _ => j -= 1,
        }
    }
}

/// Unigram counts that hits use up, as the script's `%model_1grams` / `%peer_1grams`.
struct Budget<'a> {
    bag: &'a Bag,
    left: Vec<u32>,
}

impl<'a> Budget<'a> {
    fn new(bag: &'a Bag) -> Self {
        Budget {
            bag,
            left: bag.items.iter().map(|&(_, n)| n).collect(),
        }
    }

    fn slot(&self, id: u32) -> Option<usize> {
        self.bag.items.binary_search_by_key(&id, |&(t, _)| t).ok()
    }
}

/// Takes one occurrence of `id` from both budgets when both still have one.
fn take(model: &mut Budget, peer: &mut Budget, id: u32) -> bool {
    match (model.slot(id), peer.slot(id)) {
        (Some(a), Some(b)) if model.left[a] > 0 && peer.left[b] > 0 => {
            model.left[a] -= 1;
            peer.left[b] -= 1;
            true
        }
        _ => false,
    }
}

/// ROUGE-L for one reference: (hits, reference length in tokens).
pub fn lcs(
    model: &[Vec<u32>],
    peer: &[BitSentence],
    model_uni: &Bag,
    peer_uni: &Bag,
) -> (u32, u32) {
    let mut mb = Budget::new(model_uni);
    let mut pb = Budget::new(peer_uni);
    let mut sc = Scratch::default();
    let mut mask = Vec::new();
    let (mut hit, mut base) = (0, 0);
    for sent in model {
        mask.clear();
        mask.resize(sent.len(), false);
        base += sent.len() as u32;
        for p in peer {
            mark_lcs(sent, p, &mut mask, &mut sc.bits);
        }
        for (j, &tok) in sent.iter().enumerate() {
            if mask[j] && take(&mut mb, &mut pb, tok) {
                hit += 1;
            }
        }
    }
    (hit, base)
}

/// ROUGE-W for one reference: (weighted hits, `Σ len(sentence)^w` over its sentences).
pub fn wlcs(
    model: &[Vec<u32>],
    peer: &[Vec<u32>],
    model_uni: &Bag,
    peer_uni: &Bag,
    weight: f64,
) -> (f64, f64) {
    let mut mb = Budget::new(model_uni);
    let mut pb = Budget::new(peer_uni);
    let mut sc = Scratch::default();
    let mut mask = Vec::new();
    // k^weight for every run length and sentence length that can occur.
    let longest = model.iter().chain(peer).map(Vec::len).max().unwrap_or(0);
    let pow: Vec<f64> = (0..=longest + 1).map(|k| (k as f64).powf(weight)).collect();
    let (mut hit, mut base) = (0.0, 0.0);
    for sent in model {
        let len = sent.len();
        mask.clear();
        mask.resize(len, false);
        base += pow[len];
        for p in peer {
            mark_wlcs(sent, p, &pow, &mut mask, &mut sc);
        }
        // The script's run accounting: a run is credited when the next position is
        // unmarked or the sentence ends; a marked but clipped token neither extends
        // nor closes the run.
        let mut run: u32 = 0;
        for j in 0..len {
            if mask[j] && take(&mut mb, &mut pb, sent[j]) {
                run += 1;
                if (j + 1 < len && !mask[j + 1]) || j + 1 == len {
                    hit += pow[run as usize];
                    run = 0;
                }
            }
        }
    }
    (hit, base)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bag(ids: &[u32]) -> Bag {
        Bag::from_ids(ids.iter().copied())
    }

    fn bits(sents: &[&[u32]]) -> Vec<BitSentence> {
        sents.iter().map(|s| BitSentence::new(s)).collect()
    }

    #[test]
    fn bit_parallel_marks_equal_the_scripts_table() {
        // Random pairs over small alphabets (many ties), lengths across word boundaries.
        let mut rng = crate::rouge155::perl::Drand48::new(2004);
        let mut sc = Scratch::default();
        for case in 0..3000 {
            let alphabet = 2 + case % 6;
            let m = rng.index(90);
            let n = rng.index(if case % 10 == 0 { 200 } else { 70 });
            let model: Vec<u32> = (0..m).map(|_| rng.index(alphabet) as u32).collect();
            let peer: Vec<u32> = (0..n).map(|_| rng.index(alphabet) as u32).collect();
            let mut want = vec![false; m];
            mark_lcs_dp(&model, &peer, &mut want, &mut sc);
            let mut got = vec![false; m];
            mark_lcs(&model, &BitSentence::new(&peer), &mut got, &mut sc.bits);
            assert_eq!(got, want, "model {model:?} peer {peer:?}");
        }
    }

    #[test]
    fn union_lcs_over_candidate_sentences() {
        // Reference sentence: w1 w2 w3 w4 w5; candidate sentences: "w1 w2 w6 w7 w8"
        // and "w1 w3 w8 w9 w5" (Lin 2004's example). LCS with the first marks w1 w2,
        // with the second w1 w3 w5; the union w1 w2 w3 w5 gives 4 hits of 5.
        let model = vec![vec![1, 2, 3, 4, 5]];
        let peer = bits(&[&[1, 2, 6, 7, 8], &[1, 3, 8, 9, 5]]);
        let pu = bag(&[1, 2, 6, 7, 8, 1, 3, 8, 9, 5]);
        assert_eq!(lcs(&model, &peer, &bag(&[1, 2, 3, 4, 5]), &pu), (4, 5));
    }

    #[test]
    fn hits_are_clipped_by_unigram_counts() {
        // Reference "a a" in two sentences; candidate "a" once: the union marks both
        // reference tokens, but the candidate has only one "a" to give.
        let model = vec![vec![1], vec![1]];
        let peer = bits(&[&[1]]);
        assert_eq!(lcs(&model, &peer, &bag(&[1, 1]), &bag(&[1])), (1, 2));
    }

    #[test]
    fn weighted_runs() {
        // Reference a b c d, candidate a b x d: marked a b (run of 2) and d (run of 1):
        // hit = 2^1.2 + 1^1.2, base = 4^1.2.
        let model = vec![vec![1, 2, 3, 4]];
        let peer = vec![vec![1, 2, 9, 4]];
        let (hit, base) = wlcs(&model, &peer, &bag(&[1, 2, 3, 4]), &bag(&[1, 2, 9, 4]), 1.2);
        assert_eq!(hit, 2f64.powf(1.2) + 1.0);
        assert_eq!(base, 4f64.powf(1.2));
    }
}
