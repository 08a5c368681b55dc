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

use super::counting::Bag;

const DIAG: u8 = 1;
const UP: u8 = 2;
const LEFT: u8 = 3;

/// `lcs_inner` + `markLCS`: marks in `mask` the reference positions of the script's LCS
/// of `model` and `peer`.
fn mark_lcs(model: &[u32], peer: &[u32], mask: &mut [bool], dirs: &mut Vec<u8>) {
    let (m, n) = (model.len(), peer.len());
    if m == 0 || n == 0 {
        return;
    }
    let w = n + 1;
    dirs.clear();
    dirs.resize((m + 1) * w, 0);
    let mut prev = vec![0u32; w];
    let mut cur = vec![0u32; w];
    for i in 1..=m {
        cur[0] = 0;
        for j in 1..=n {
            let (c, d) = if model[i - 1] == peer[j - 1] {
                (prev[j - 1] + 1, DIAG)
            } else if prev[j] >= cur[j - 1] {
                (prev[j], UP)
            } else {
                (cur[j - 1], LEFT)
            };
            cur[j] = c;
            dirs[i * w + j] = d;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    backtrace(dirs, w, m, n, mask);
}

/// `wlcs_inner` + `markLCS`: the weighted DP (weight `f(k) = k^weight`).
fn mark_wlcs(model: &[u32], peer: &[u32], weight: f64, mask: &mut [bool], dirs: &mut Vec<u8>) {
    let (m, n) = (model.len(), peer.len());
    if m == 0 || n == 0 {
        return;
    }
    let w = n + 1;
    dirs.clear();
    dirs.resize((m + 1) * w, 0);
    let mut prev = vec![0f64; w];
    let mut cur = vec![0f64; w];
    let mut prev_run = vec![0u32; w];
    let mut cur_run = vec![0u32; w];
    for i in 1..=m {
        cur[0] = 0.0;
        cur_run[0] = 0;
        for j in 1..=n {
            if model[i - 1] == peer[j - 1] {
                let k = prev_run[j - 1];
                // Same operation order as the script: (c + f(k+1)) - f(k).
                cur[j] = prev[j - 1] + f64::from(k + 1).powf(weight) - f64::from(k).powf(weight);
                cur_run[j] = k + 1;
                dirs[i * w + j] = DIAG;
            } else if prev[j] >= cur[j - 1] {
                cur[j] = prev[j];
                cur_run[j] = 0;
                dirs[i * w + j] = UP;
            } else {
                cur[j] = cur[j - 1];
                cur_run[j] = 0;
                dirs[i * w + j] = LEFT;
            }
        }
        std::mem::swap(&mut prev, &mut cur);
        std::mem::swap(&mut prev_run, &mut cur_run);
    }
    backtrace(dirs, w, m, n, mask);
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
pub fn lcs(model: &[Vec<u32>], peer: &[Vec<u32>], model_uni: &Bag, peer_uni: &Bag) -> (u32, u32) {
    let mut mb = Budget::new(model_uni);
    let mut pb = Budget::new(peer_uni);
    let mut dirs = Vec::new();
    let (mut hit, mut base) = (0, 0);
    for sent in model {
        let mut mask = vec![false; sent.len()];
        base += sent.len() as u32;
        for p in peer {
            mark_lcs(sent, p, &mut mask, &mut dirs);
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
    let mut dirs = Vec::new();
    let (mut hit, mut base) = (0.0, 0.0);
    for sent in model {
        let len = sent.len();
        let mut mask = vec![false; len];
        base += (len as f64).powf(weight);
        for p in peer {
            mark_wlcs(sent, p, weight, &mut mask, &mut dirs);
        }
        // The script's run accounting: a run is credited when the next position is
        // unmarked or the sentence ends; a marked but clipped token neither extends
        // nor closes the run.
        let mut run: u32 = 0;
        for j in 0..len {
            if mask[j] && take(&mut mb, &mut pb, sent[j]) {
                run += 1;
                if (j + 1 < len && !mask[j + 1]) || j + 1 == len {
                    hit += f64::from(run).powf(weight);
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

    #[test]
    fn union_lcs_over_candidate_sentences() {
        // Reference sentence: w1 w2 w3 w4 w5; candidate sentences: "w1 w2 w6 w7 w8"
        // and "w1 w3 w8 w9 w5" (Lin 2004's example). LCS with the first marks w1 w2,
        // with the second w1 w3 w5; the union w1 w2 w3 w5 gives 4 hits of 5.
        let model = vec![vec![1, 2, 3, 4, 5]];
        let peer = vec![vec![1, 2, 6, 7, 8], vec![1, 3, 8, 9, 5]];
        let pu = bag(&[1, 2, 6, 7, 8, 1, 3, 8, 9, 5]);
        assert_eq!(lcs(&model, &peer, &bag(&[1, 2, 3, 4, 5]), &pu), (4, 5));
    }

    #[test]
    fn hits_are_clipped_by_unigram_counts() {
        // Reference "a a" in two sentences; candidate "a" once: the union marks both
        // reference tokens, but the candidate has only one "a" to give.
        let model = vec![vec![1], vec![1]];
        let peer = vec![vec![1]];
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
