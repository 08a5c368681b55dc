//! rouge-score 0.1.2 mode: Google's `rouge_score.rouge_scorer.RougeScorer`, exactly.
//!
//! Semantics (from rouge-score's `tokenize.py` and `rouge_scorer.py`): tokens are the
//! lowercased `[a-z0-9]+` runs, stemmed with NLTK's Porter stemmer when longer than
//! three characters (submodules `tokenize` and [`porter`]); `rougeN` is clipped n-gram
//! overlap;
//! `rougeL` the LCS of the whole token sequences; `rougeLsum` splits texts on `\n` and,
//! for each reference line, takes the union of its LCS positions with every candidate
//! line, counting a hit only while the token is still unused on both sides; with several
//! references each metric keeps the reference with the highest F (`score_multi`, first
//! wins ties). P, R and F = 2PR/(P+R) are computed with the same floating-point
//! operations in the same order, so results are bit-identical.
//!
//! Speed comes from doing each piece of work once: tokens are interned to integers (a
//! word is stemmed once per scorer); [`Scorer::prepare`] gives each reference dense
//! local ids, its unigram counts and one position bit set per token, which locate every
//! n-gram (`row(c0) & row(c1) >> 1 & …`) without hashing n-grams and drive the
//! bit-parallel LCS (submodule `lcs`); candidates are mapped onto the references' ids
//! (a candidate token absent from every reference can never match and gets no id).
use super::{Aggregate, Prf, RougeSettings, Scores, TokenizerKind};
use std::ops::Range;

mod lcs;
pub mod porter;
mod tokenize;

use tokenize::{Interner, RawTokens};

/// One rouge-score metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Metric {
    /// `rouge1` … `rouge9`.
    N(usize),
    /// `rougeL`.
    L,
    /// `rougeLsum`.
    Lsum,
}

impl Metric {
    fn parse(name: &str) -> Result<Self, String> {
        match name {
            "rougeL" => Ok(Metric::L),
            "rougeLsum" => Ok(Metric::Lsum),
            _ => match name.strip_prefix("rouge").map(str::as_bytes) {
                Some(&[d]) if (b'1'..=b'9').contains(&d) => Ok(Metric::N((d - b'0') as usize)),
                _ => Err(format!(
                    "unknown rouge-score metric `{name}`; expected rouge1 … rouge9, rougeL or rougeLsum"
                )),
            },
        }
    }
}

/// Marker id of a candidate token or n-gram that occurs in no reference.
const NONE: u32 = u32::MAX;

/// One reference, tokenized and counted.
struct RefText {
    /// Token ids (the [`Prepared`]'s local ids).
    tokens: Vec<u32>,
    /// Token ranges of its non-empty lines, for rougeLsum.
    sentences: Vec<Range<u32>>,
    /// Occurrences of each token (by local id), for rouge1.
    counts: Vec<u32>,
    /// Position bit sets of each token, for rougeL and rougeN with n ≥ 2.
    masks: Option<lcs::Masks>,
}

/// References tokenized once, with their n-gram counts and LCS masks.
pub struct Prepared {
    /// Local id → interned token id, over all references (local ids are dense, so
    /// counts and LCS masks are plain arrays).
    globals: Vec<u32>,
    refs: Vec<RefText>,
}

impl Prepared {
    fn n_symbols(&self) -> usize {
        self.globals.len()
    }
}

/// rouge-score engine.
pub struct Scorer {
    metrics: Vec<Metric>,
    names: Vec<String>,
    stem: bool,
    tokenizer: TokenizerKind,
    /// Highest n among the rougeN metrics (0 if none).
    max_n: usize,
    /// Boxed: its maps would make every `rouge::Scorer` value large.
    interner: Box<Interner>,
}

/// P, R and F with rouge-score's exact floating-point operations.
fn prf(hits: usize, cand: usize, reference: usize) -> Prf {
    let p = hits as f64 / cand.max(1) as f64;
    let r = hits as f64 / reference.max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    Prf { p, r, f }
}

/// Interned id → local id of one [`Prepared`], as a dense array whose entries are valid
/// only when stamped with the current generation: switching to another `Prepared`
/// costs one increment, and lookups are array reads instead of hashing.
#[derive(Default)]
struct LocalIds {
    generation: u32,
    slots: Vec<(u32, u32)>,
}

impl LocalIds {
    /// Forgets every mapping.
    fn begin(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.slots.fill((0, 0));
            self.generation = 1;
        }
    }

    fn set(&mut self, global: u32, local: u32) {
        let g = global as usize;
        if g >= self.slots.len() {
            self.slots.resize(g + 1, (0, 0));
        }
        self.slots[g] = (self.generation, local);
    }

    fn get(&self, global: u32) -> u32 {
        match self.slots.get(global as usize) {
            Some(&(gen, local)) if gen == self.generation => local,
            _ => NONE,
        }
    }

    /// The local id of `global`, giving it the next one (and recording it) if new.
    fn get_or_insert(&mut self, global: u32, globals: &mut Vec<u32>) -> u32 {
        let l = self.get(global);
        if l != NONE {
            return l;
        }
        let l = globals.len() as u32;
        globals.push(global);
        self.set(global, l);
        l
    }
}

/// Runs `f` with this thread's [`LocalIds`] (a fresh one if it is already in use).
fn with_local_ids<R>(f: impl FnOnce(&mut LocalIds) -> R) -> R {
    thread_local! {
        static LOCAL: std::cell::RefCell<LocalIds> = Default::default();
    }
    LOCAL.with(|cell| match cell.try_borrow_mut() {
        Ok(mut map) => f(&mut map),
        Err(_) => f(&mut LocalIds::default()),
    })
}

/// The candidate, tokenized onto a [`Prepared`]'s ids.
struct Candidate {
    tokens: Vec<u32>,
    sentences: Vec<Range<u32>>,
}

impl Scorer {
    /// Validates the settings (rouge-score takes `stem`, `metrics`, `tokenizer`; no flags).
    pub fn new(settings: &RougeSettings) -> Result<Self, String> {
        if let Some(flags) = &settings.flags {
            return Err(format!(
                "`flags` ({flags}) are ROUGE-1.5.5 options; rouge-score mode takes `stem`, `metrics` and `tokenizer` instead"
            ));
        }
        let names: Vec<String> = match &settings.metrics {
            Some(m) => m.clone(),
            None => ["rouge1", "rouge2", "rougeL", "rougeLsum"]
                .map(String::from)
                .to_vec(),
        };
        if names.is_empty() {
            return Err(
                "`metrics` is empty; name at least one of rouge1 … rouge9, rougeL, rougeLsum"
                    .into(),
            );
        }
        let mut metrics = Vec::with_capacity(names.len());
        for (k, name) in names.iter().enumerate() {
            if names[..k].contains(name) {
                return Err(format!("metric `{name}` is listed twice"));
            }
            metrics.push(Metric::parse(name)?);
        }
        let max_n = metrics
            .iter()
            .map(|m| if let Metric::N(n) = m { *n } else { 0 })
            .max()
            .unwrap_or(0);
        let stem = settings.stem.unwrap_or(false);
        Ok(Scorer {
            metrics,
            names,
            stem,
            tokenizer: settings.tokenizer,
            max_n,
            interner: Box::new(Interner::new(stem)),
        })
    }

    /// Metric names, in output order.
    pub fn metric_names(&self) -> Vec<String> {
        self.names.clone()
    }

    /// The exact settings, e.g. `rouge-score 0.1.2: rouge1 rouge2 rougeL rougeLsum,
    /// stemmer on, multi-reference max-F`.
    pub fn describe(&self) -> String {
        let tokenizer = match self.tokenizer {
            TokenizerKind::Default => "",
            TokenizerKind::Unicode => {
                ", unicode tokenizer (letters and digits of every script; not rouge-score's)"
            }
        };
        format!(
            "rouge-score 0.1.2: {}, stemmer {}, multi-reference max-F{tokenizer}",
            self.names.join(" "),
            if self.stem { "on" } else { "off" },
        )
    }

    fn wants(&self, m: Metric) -> bool {
        self.metrics.contains(&m)
    }

    /// Interned token ids of `text` and, for rougeLsum, the token ranges of its
    /// non-empty lines.
    fn tokenize(&self, text: &str) -> (Vec<u32>, Vec<Range<u32>>) {
        thread_local! {
            /// Tokenizer buffers reused across texts, so tokenizing does not allocate.
            static RAW: std::cell::RefCell<RawTokens> = Default::default();
        }
        let run = |raw: &mut RawTokens| {
            raw.fill(text, self.tokenizer);
            let mut ids = Vec::with_capacity(raw.len());
            self.interner.intern(raw, &mut ids);
            let sentences = if self.wants(Metric::Lsum) {
                raw.sentences()
            } else {
                Vec::new()
            };
            (ids, sentences)
        };
        RAW.with(|cell| match cell.try_borrow_mut() {
            Ok(mut raw) => run(&mut raw),
            Err(_) => run(&mut RawTokens::default()),
        })
    }

    /// Tokens of `text` as this scorer tokenizes it.
    pub fn count_tokens(&self, text: &str) -> usize {
        self.tokenize(text).0.len()
    }

    /// Tokenizes and counts the references once.
    pub fn prepare(&self, references: &[&str]) -> Prepared {
        // Sized for about one token per 6 bytes, so the maps rarely rehash.
        let guess = references.iter().map(|r| r.len() / 6).sum::<usize>();
        let mut globals = Vec::with_capacity(guess);
        let mut texts = Vec::with_capacity(references.len());
        with_local_ids(|map| {
            map.begin();
            for text in references {
                let (mut tokens, sentences) = self.tokenize(text);
                for t in tokens.iter_mut() {
                    *t = map.get_or_insert(*t, &mut globals);
                }
                texts.push((tokens, sentences));
            }
        });
        let n_symbols = globals.len();
        let refs = texts
            .into_iter()
            .map(|(tokens, sentences)| {
                let mut counts = vec![0u32; n_symbols];
                for &t in &tokens {
                    counts[t as usize] += 1;
                }
                let masks =
                    (self.wants(Metric::L) || self.max_n >= 2).then(|| lcs::Masks::new(&tokens));
                RefText {
                    tokens,
                    sentences,
                    counts,
                    masks,
                }
            })
            .collect();
        Prepared { globals, refs }
    }

    fn candidate(&self, text: &str, refs: &Prepared) -> Candidate {
        let (mut tokens, sentences) = self.tokenize(text);
        with_local_ids(|map| {
            map.begin();
            for (l, &g) in refs.globals.iter().enumerate() {
                map.set(g, l as u32);
            }
            for t in tokens.iter_mut() {
                *t = map.get(*t);
            }
        });
        Candidate { sentences, tokens }
    }

    /// Scores a candidate against each reference and keeps, per metric, the reference
    /// with the highest F (the first on ties), as rouge-score's `score_multi` does.
    pub fn score_prepared(&self, candidate: &str, refs: &Prepared) -> Scores {
        let mut best: Vec<Option<Prf>> = vec![None; self.metrics.len()];
        if !refs.refs.is_empty() {
            let cand = self.candidate(candidate, refs);
            let mut scratch = Scratch::default();
            for r in &refs.refs {
                for (k, &m) in self.metrics.iter().enumerate() {
                    let s = match m {
                        Metric::N(n) => score_ngrams(&cand, r, n, &mut scratch),
                        Metric::L => score_lcs(&cand, r),
                        Metric::Lsum => score_lsum(&cand, r, refs.n_symbols(), &mut scratch),
                    };
                    if best[k].is_none_or(|b| s.f > b.f) {
                        best[k] = Some(s);
                    }
                }
            }
        }
        Scores(
            self.names
                .iter()
                .zip(best)
                .map(|(n, s)| (n.clone(), s.unwrap_or_default()))
                .collect(),
        )
    }

    /// Macro average of every metric, with a 95% bootstrap interval computed the way
    /// rouge-score's `BootstrapAggregator` does (1,000 resamples of the units with
    /// replacement; the 2.5th and 97.5th percentiles of the resampled means, linear
    /// interpolation as NumPy's `percentile`). rouge-score draws with unseeded NumPy
    /// randomness, so its intervals cannot be reproduced draw for draw; ours use a fixed
    /// seed ([`BOOTSTRAP_SEED`]), so they are the same on every run. The mean is the
    /// plain mean of the units (exact), not rouge-score's median of resampled means.
    pub fn aggregate(&self, units: &[Scores]) -> Vec<Aggregate> {
        let mut out = super::mean(units);
        if units.len() < 2 {
            return out;
        }
        let mut rng = crate::rng::Rng::new(BOOTSTRAP_SEED);
        let draws: Vec<Vec<usize>> = (0..BOOTSTRAP_SAMPLES)
            .map(|_| {
                (0..units.len())
                    .map(|_| rng.below(units.len() as u64) as usize)
                    .collect()
            })
            .collect();
        for (k, agg) in out.iter_mut().enumerate() {
            let resampled = |pick: fn(&Prf) -> f64| -> Vec<f64> {
                let mut means: Vec<f64> = draws
                    .iter()
                    .map(|d| {
                        d.iter().map(|&i| pick(&units[i].0[k].1)).sum::<f64>() / d.len() as f64
                    })
                    .collect();
                means.sort_by(f64::total_cmp);
                means
            };
            let (p, r, f) = (resampled(|x| x.p), resampled(|x| x.r), resampled(|x| x.f));
            let at = |q: f64| Prf {
                p: percentile(&p, q),
                r: percentile(&r, q),
                f: percentile(&f, q),
            };
            agg.low = Some(at(2.5));
            agg.high = Some(at(97.5));
        }
        out
    }
}

/// Seed of the bootstrap behind [`Scorer::aggregate`]'s intervals.
pub const BOOTSTRAP_SEED: u64 = 0x726f_7567_6531;

/// Resamples behind [`Scorer::aggregate`]'s intervals (rouge-score's default).
pub const BOOTSTRAP_SAMPLES: usize = 1000;

/// The `q`-th percentile (0–100) of sorted values, interpolating linearly between the
/// two nearest ranks as NumPy's default does.
fn percentile(sorted: &[f64], q: f64) -> f64 {
    let pos = q / 100.0 * (sorted.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// Work buffers reused across references and metrics of one candidate.
#[derive(Default)]
struct Scratch {
    used: Vec<u32>,
    acc: Vec<u64>,
    cols: Vec<u64>,
    hit: Vec<bool>,
}

/// Clipped n-gram overlap: each candidate n-gram takes one not yet matched occurrence
/// of itself in the reference, if any, so an n-gram contributes min(candidate count,
/// reference count) hits, as rouge-score's Counter intersection does. For n ≥ 2 the
/// reference positions starting the n-gram are found with the token bit sets:
/// `row(c₀) & row(c₁) >> 1 & … & row(cₙ₋₁) >> (n-1)`, no n-gram hashing.
fn score_ngrams(cand: &Candidate, r: &RefText, n: usize, scratch: &mut Scratch) -> Prf {
    let c = &cand.tokens;
    let cand_total = (c.len() + 1).saturating_sub(n);
    let ref_total = (r.tokens.len() + 1).saturating_sub(n);
    let mut hits = 0;
    if n == 1 {
        let used = &mut scratch.used;
        used.clear();
        used.resize(r.counts.len(), 0);
        for &t in c {
            if t != NONE {
                let u = &mut used[t as usize];
                if *u < r.counts[t as usize] {
                    hits += 1;
                }
                *u += 1;
            }
        }
    } else if let Some(masks) = &r.masks {
        let w = masks.words();
        let Scratch {
            cols: taken, acc, ..
        } = scratch;
        taken.clear();
        taken.resize(w, 0);
        acc.resize(w, 0);
        for i in 0..cand_total {
            let gram = &c[i..i + n];
            if gram.contains(&NONE) {
                continue;
            }
            acc.copy_from_slice(masks.row(gram[0]));
            for (k, &t) in gram.iter().enumerate().skip(1) {
                let row = masks.row(t);
                // Bit p of (row >> k) is bit p + k of row.
                for j in 0..w {
                    let next = if j + 1 < w { row[j + 1] << (64 - k) } else { 0 };
                    acc[j] &= (row[j] >> k) | next;
                }
            }
            for j in 0..w {
                let free = acc[j] & !taken[j];
                if free != 0 {
                    taken[j] |= free & free.wrapping_neg();
                    hits += 1;
                    break;
                }
            }
        }
    }
    prf(hits, cand_total, ref_total)
}

#[allow(clippy::expect_used)] // `prepare` builds masks for every reference when rougeL is
                              // wanted, and only then is this called.
fn score_lcs(cand: &Candidate, r: &RefText) -> Prf {
    if cand.tokens.is_empty() || r.tokens.is_empty() {
        return Prf::default();
    }
    let masks = r
        .masks
        .as_ref()
        .expect("masks are built when rougeL is wanted");
    let l = lcs::lcs_len(masks, &cand.tokens);
    prf(l, cand.tokens.len(), r.tokens.len())
}

/// rouge-score's `_summary_level_lcs`. A reference token can be hit at most as often as
/// the candidate holds it: the clipping by remaining counts reduces to that, because the
/// union positions of a reference line are distinct positions of the reference.
fn score_lsum(cand: &Candidate, r: &RefText, n_symbols: usize, scratch: &mut Scratch) -> Prf {
    let m = r.tokens.len();
    let n = cand.tokens.len();
    if m == 0 || n == 0 || r.sentences.is_empty() || cand.sentences.is_empty() {
        return Prf::default();
    }
    let Scratch {
        used, cols, hit, ..
    } = scratch;
    // used[t] counts down the candidate's remaining occurrences of token t.
    used.clear();
    used.resize(n_symbols, 0);
    for &t in &cand.tokens {
        if t != NONE {
            used[t as usize] += 1;
        }
    }
    let mut hits = 0;
    for s in &r.sentences {
        let rs = &r.tokens[s.start as usize..s.end as usize];
        let masks = lcs::Masks::new(rs);
        hit.clear();
        hit.resize(rs.len(), false);
        for c in &cand.sentences {
            let cs = &cand.tokens[c.start as usize..c.end as usize];
            lcs::mark_lcs(&masks, rs, cs, cols, hit);
        }
        for (i, _) in hit.iter().enumerate().filter(|(_, &h)| h) {
            let left = &mut used[rs[i] as usize];
            if *left > 0 {
                hits += 1;
                *left -= 1;
            }
        }
    }
    prf(hits, n, m)
}

#[cfg(test)]
mod bootstrap_tests {
    use super::*;

    #[test]
    fn percentile_interpolates_like_numpy() {
        // numpy.percentile([1, 2, 3, 4], [0, 25, 50, 97.5]) = [1, 1.75, 2.5, 3.925]
        let v = [1.0, 2.0, 3.0, 4.0];
        for (q, want) in [(0.0, 1.0), (25.0, 1.75), (50.0, 2.5), (97.5, 3.925)] {
            assert!((percentile(&v, q) - want).abs() < 1e-12, "{q}");
        }
    }

    fn unit(r: f64) -> Scores {
        Scores(vec![("rouge1".into(), Prf { p: r, r, f: r })])
    }

    #[test]
    fn interval_brackets_the_mean_and_is_reproducible() {
        let scorer = Scorer::new(&RougeSettings {
            mode: crate::Mode::RougeScore,
            flags: None,
            stem: None,
            metrics: Some(vec!["rouge1".into()]),
            tokenizer: Default::default(),
        })
        .unwrap();
        let units: Vec<Scores> = [0.1, 0.2, 0.3, 0.4, 0.5].iter().map(|&r| unit(r)).collect();
        let a = scorer.aggregate(&units);
        assert!((a[0].mean.r - 0.3).abs() < 1e-12);
        let (low, high) = (a[0].low.unwrap().r, a[0].high.unwrap().r);
        // Resampled means of five values in [0.1, 0.5] lie in that range; a 95% interval
        // of them must be strictly inside it and contain the mean.
        assert!(
            (0.1..0.3).contains(&low) && high > 0.3 && high <= 0.5,
            "{low} {high}"
        );
        assert_eq!(a, scorer.aggregate(&units));
        // Identical units: no spread at all.
        let same: Vec<Scores> = (0..5).map(|_| unit(0.25)).collect();
        let b = scorer.aggregate(&same);
        assert_eq!((b[0].low.unwrap().r, b[0].high.unwrap().r), (0.25, 0.25));
        // One unit: no interval.
        assert_eq!(scorer.aggregate(&units[..1])[0].low, None);
    }
}
