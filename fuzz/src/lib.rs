//! The properties behind sumbench's fuzz targets, one checking function per target.
//!
//! Each function takes raw fuzzer bytes (or text), runs one stage of sumbench on them and
//! panics when a property fails, so libFuzzer reports the input. The same functions run
//! under proptest in `tests/properties.rs` (which includes this file as a module), so
//! `cargo test` on stable Rust checks exactly what the fuzzers check.
//!
//! Inputs made of several texts separate them with NUL bytes: a NUL never occurs in a
//! text sumbench reads (its file reader refuses binary files), and a seed file stays
//! plain text that a person can edit.

use std::path::Path;

use sumbench::config::Config;
use sumbench::corpus::{duc, jsonl, multinews, wcep};
use sumbench::rouge::rouge155::{lexicon, porter as porter155, text as text155};
use sumbench::rouge::rouge_score::porter as porter_nltk;
use sumbench::rouge::{Mode, Prf, RougeSettings, Scorer, Scores, TokenizerKind};
use sumbench::text::clean::clean_cluster;
use sumbench::text::segment::split_sentences;

/// Slack for comparisons of floating-point results computed by different formulas.
const EPS: f64 = 1e-9;

/// Splits fuzzer bytes into texts at NUL bytes, decoding each lossily.
pub fn texts(data: &[u8]) -> Vec<String> {
    data.split(|&b| b == 0)
        .map(|t| String::from_utf8_lossy(t).into_owned())
        .collect()
}

/// Sentence splitter: every sentence is a non-empty, trimmed slice of the input, the
/// sentences come in text order without overlapping, and no visible character is lost.
pub fn check_segment(text: &str) {
    let sentences = split_sentences(text);
    let base = text.as_ptr() as usize;
    let mut end = 0;
    for s in &sentences {
        assert!(!s.is_empty(), "empty sentence in {text:?}");
        assert_eq!(*s, s.trim(), "untrimmed sentence {s:?}");
        let start = s.as_ptr() as usize - base;
        assert!(
            start >= end && start + s.len() <= text.len(),
            "sentence {s:?} is not a slice after the previous one"
        );
        end = start + s.len();
    }
    let visible = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count();
    let kept: usize = sentences.iter().map(|s| visible(s)).sum();
    assert_eq!(kept, visible(text), "characters lost splitting {text:?}");
}

/// Cleaner: on any cluster, each document's kept lines are its own trimmed lines in
/// order, and the report accounts for every non-blank line exactly once.
pub fn check_clean(docs: &[&str]) {
    let cleaned = clean_cluster(docs);
    assert_eq!(cleaned.len(), docs.len());
    for (doc, c) in docs.iter().zip(&cleaned) {
        let lines: Vec<&str> = doc.lines().collect();
        assert_eq!(c.report.lines, lines.len());
        assert_eq!(c.report.dropped, c.report.dropped_lines.len());
        assert_eq!(c.report.by_rule.values().sum::<usize>(), c.report.dropped);
        let mut dropped = c.report.dropped_lines.iter().peekable();
        let mut kept = c.text.lines().filter(|l| !l.is_empty()).peekable();
        for (i, line) in lines.iter().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            if dropped.peek().is_some_and(|d| d.line == i + 1) {
                let d = dropped.next().expect("peeked");
                assert_eq!(d.text, line, "dropped line {} misreported", i + 1);
            } else {
                assert_eq!(
                    kept.next(),
                    Some(line),
                    "line {} neither kept nor dropped",
                    i + 1
                );
            }
        }
        assert!(dropped.next().is_none(), "a dropped line out of order");
        assert!(
            kept.next().is_none(),
            "a kept line that was not in the input"
        );
    }
}

/// Both ROUGE stemmers (and ROUGE-1.5.5's WordNet-then-Porter lookup): no panic on any
/// input, and every non-empty run of ASCII letters stems to a non-empty ASCII word.
pub fn check_stem(data: &[u8]) {
    let _ = porter155::stem(data);
    let _ = lexicon::stemmed(data);
    let _ = lexicon::stemmed_any(data);
    let text = String::from_utf8_lossy(data);
    let _ = porter_nltk::stem(&text);
    for word in text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
    {
        let lower = word.to_ascii_lowercase();
        for stem in [
            porter155::stem(lower.as_bytes()),
            lexicon::stemmed(lower.as_bytes()).into_owned(),
            porter_nltk::stem(word).into_bytes(),
        ] {
            assert!(!stem.is_empty(), "{word:?} stems to nothing");
            assert!(stem.is_ascii(), "{word:?} stems to non-ASCII {stem:?}");
        }
    }
}

/// ROUGE-1.5.5's text reading: no panic under every limit, and every token is a
/// non-empty run of lowercase ASCII letters and digits (the script's `[a-z0-9]+`).
pub fn check_rouge155_text(text: &str) {
    for limit in [
        text155::Limit::None,
        text155::Limit::Words(0),
        text155::Limit::Words(7),
        text155::Limit::Bytes(0),
        text155::Limit::Bytes(40),
    ] {
        for unicode in [false, true] {
            let lines = text155::lines(text, unicode);
            let flat = text155::flat(&lines, limit);
            let mut check = |t: &[u8]| {
                assert!(!t.is_empty(), "empty token from {text:?}");
                if !unicode {
                    assert!(
                        t.iter()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
                        "token {t:?} outside [a-z0-9]"
                    );
                }
            };
            text155::for_each_token(&flat, unicode, &mut check);
            for s in text155::sentences(&lines, limit) {
                text155::for_each_token(&s, unicode, &mut check);
            }
        }
    }
}

/// One scorer configuration under test and what its definitions guarantee.
struct Engine {
    scorer: Scorer,
    /// Metrics whose P and R swap exactly when candidate and single reference swap.
    symmetric: Vec<String>,
    /// Metrics that swap only when both texts are one line (summary-level LCS reduces to
    /// plain LCS, which is symmetric; across several lines the union LCS is not).
    symmetric_one_line: Vec<String>,
    /// Whether F is symmetric in P and R (harmonic mean; rouge155 only with `-p 0.5`).
    f_symmetric: bool,
    /// Whether identical texts with at least four tokens score exactly 1 on every metric
    /// but those of `not_reflexive`.
    identity: bool,
    /// Metrics whose P and R differ on a text scored against itself. ROUGE-1.5.5's
    /// ROUGE-W raises the reference's weighted length to the weight a second time (the
    /// script's own formula, reproduced on purpose), so its R is below 1 there.
    not_reflexive: Vec<String>,
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn rouge155(flags: &str) -> Scorer {
    Scorer::new(&RougeSettings {
        mode: Mode::Rouge155,
        flags: Some(flags.into()),
        stem: None,
        metrics: None,
        tokenizer: TokenizerKind::Default,
    })
    .expect("valid ROUGE-1.5.5 flags")
}

fn rouge_score(stem: bool, tokenizer: TokenizerKind) -> Scorer {
    Scorer::new(&RougeSettings {
        mode: Mode::RougeScore,
        flags: None,
        stem: Some(stem),
        metrics: Some(names(&[
            "rouge1",
            "rouge2",
            "rouge4",
            "rougeL",
            "rougeLsum",
        ])),
        tokenizer,
    })
    .expect("valid rouge-score settings")
}

/// The configurations every ROUGE check runs: the DUC flags, stopword removal with a
/// word limit and an unequal alpha, a byte limit with ROUGE-S and best-reference
/// pooling, and rouge-score with and without its stemmer and with the Unicode tokenizer.
fn engines() -> Vec<Engine> {
    let rouge_score_engine = |stem, tokenizer| Engine {
        scorer: rouge_score(stem, tokenizer),
        symmetric: names(&["rouge1", "rouge2", "rouge4", "rougeL"]),
        symmetric_one_line: names(&["rougeLsum"]),
        f_symmetric: true,
        identity: tokenizer == TokenizerKind::Default,
        not_reflexive: Vec::new(),
    };
    vec![
        Engine {
            scorer: rouge155("-n 4 -m -2 4 -u -w 1.2 -p 0.5"),
            symmetric: names(&["ROUGE-1", "ROUGE-2", "ROUGE-3", "ROUGE-4", "ROUGE-SU4"]),
            symmetric_one_line: names(&["ROUGE-L"]),
            f_symmetric: true,
            identity: true,
            not_reflexive: names(&["ROUGE-W-1.2"]),
        },
        Engine {
            scorer: rouge155("-n 2 -s -l 12 -p 0.3"),
            symmetric: names(&["ROUGE-1", "ROUGE-2"]),
            symmetric_one_line: Vec::new(),
            f_symmetric: false,
            identity: false,
            not_reflexive: Vec::new(),
        },
        Engine {
            scorer: rouge155("-n 1 -x -2 -1 -U -b 60 -f B"),
            symmetric: names(&["ROUGE-1", "ROUGE-S*", "ROUGE-SU*"]),
            symmetric_one_line: Vec::new(),
            f_symmetric: true,
            identity: false,
            not_reflexive: Vec::new(),
        },
        rouge_score_engine(false, TokenizerKind::Default),
        rouge_score_engine(true, TokenizerKind::Default),
        rouge_score_engine(true, TokenizerKind::Unicode),
    ]
}

thread_local! {
    /// Built once: parsing flags and loading the lexicons per input would dominate.
    static ENGINES: Vec<Engine> = engines();
}

/// Tokens of `text` as both engines' default tokenizers count them (lowercased ASCII
/// letter-and-digit runs), or `None` when the text holds a non-ASCII character, whose
/// lowercase the engines may treat differently.
fn ascii_tokens(text: &str) -> Option<usize> {
    if !text.is_ascii() {
        return None;
    }
    let lines = text155::lines(text, false);
    let flat = text155::flat(&lines, text155::Limit::None);
    let mut n = 0;
    text155::for_each_token(&flat, false, |_| n += 1);
    Some(n)
}

fn check_bounds(what: &str, scores: &Scores) {
    for (metric, Prf { p, r, f }) in &scores.0 {
        for (name, x) in [("P", p), ("R", r), ("F", f)] {
            assert!(
                (0.0..=1.0).contains(x),
                "{what}: {metric} {name} = {x} outside [0, 1]"
            );
        }
        // Both F definitions are weighted harmonic means of P and R.
        let (lo, hi) = (p.min(*r), p.max(*r));
        assert!(
            *f >= lo - EPS && *f <= hi + EPS,
            "{what}: {metric} F = {f} not between P = {p} and R = {r}"
        );
    }
}

/// Both ROUGE engines on a candidate and its references, in every configuration of
/// [`engines`]: scores in [0, 1], F between P and R, identical texts scoring 1 where
/// that is defined, and P and R swapping with a single reference where the metric's
/// definition is symmetric.
pub fn check_rouge(candidate: &str, references: &[&str]) {
    ENGINES.with(|engines| {
        for e in engines {
            let what = e.scorer.describe();
            let scores = e.scorer.score(candidate, references);
            assert_eq!(scores.0.len(), e.scorer.metric_names().len());
            check_bounds(&what, &scores);

            let same = e.scorer.score(candidate, &[candidate]);
            check_bounds(&what, &same);
            let defined = ascii_tokens(candidate).is_some_and(|n| n >= 4);
            for (metric, s) in &same.0 {
                if e.not_reflexive.contains(metric) {
                    continue;
                }
                assert!(
                    s.p == s.r,
                    "{what}: {metric} of a text against itself has P {} ≠ R {}",
                    s.p,
                    s.r
                );
                if e.identity && defined {
                    assert!(
                        *s == Prf {
                            p: 1.0,
                            r: 1.0,
                            f: 1.0
                        },
                        "{what}: {metric} of {candidate:?} against itself is {s:?}"
                    );
                }
            }

            if let [reference] = references {
                let swapped = e.scorer.score(reference, &[candidate]);
                let one_line = !candidate.contains('\n') && !reference.contains('\n');
                for ((metric, a), (_, b)) in scores.0.iter().zip(&swapped.0) {
                    let symmetric = e.symmetric.contains(metric)
                        || (one_line && e.symmetric_one_line.contains(metric));
                    if !symmetric {
                        continue;
                    }
                    assert!(
                        a.p == b.r && a.r == b.p && (!e.f_symmetric || a.f == b.f),
                        "{what}: {metric} does not swap: {a:?} then {b:?}"
                    );
                }
            }
        }
    });
}

/// ROUGE from fuzzer bytes: the first text is the candidate, the rest its references.
pub fn check_rouge_bytes(data: &[u8]) {
    let texts = texts(data);
    let refs: Vec<&str> = texts[1..].iter().map(String::as_str).collect();
    check_rouge(&texts[0], &refs);
}

/// The config loader: any text gives a config or an error, never a panic.
pub fn check_config(text: &str) {
    let _ = Config::parse(text, "<fuzz>");
}

/// The text-level dataset readers (JSON Lines, WCEP, Multi-News, DUC SGML) and the
/// shared file decoder: any bytes give clusters or an error, never a panic, and every
/// cluster read has at least one document.
pub fn check_readers(data: &[u8]) {
    let path = Path::new("<fuzz>");
    let _ = sumbench::util::decode_text(data.to_vec(), path);
    let text = String::from_utf8_lossy(data);
    for clusters in [jsonl::parse(&text, path), wcep::parse(&text, path)]
        .into_iter()
        .flatten()
    {
        assert!(clusters.iter().all(|c| !c.docs.is_empty()));
    }
    let _ = duc::parse_docs(&text, path);
    let _ = duc::docset_key(&text);
    let (sources, summaries) = text.split_once('\0').unwrap_or((&text, ""));
    if let Ok(clusters) = multinews::parse(sources, path, summaries, path) {
        assert!(clusters
            .iter()
            .all(|c| !c.docs.is_empty() && c.refs.len() == 1));
    }
}

/// The folder readers (a cluster folder with `cluster.yaml`, articles and references;
/// DUC docsets with model summaries), on files written from fuzzer bytes under `root`:
/// the texts are, in order, the cluster metadata, an article, a reference and a DUC
/// SGML file, which also serves as a model summary. Any content gives clusters or an
/// error, never a panic.
pub fn check_reader_files(data: &[u8], root: &Path) {
    let parts: Vec<&[u8]> = data.splitn(4, |&b| b == 0).collect();
    let part = |i: usize| parts.get(i).copied().unwrap_or_default();
    let _ = std::fs::remove_dir_all(root);
    let write = |rel: &str, bytes: &[u8]| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("relative path has a parent"))
            .expect("create fuzz folder");
        std::fs::write(path, bytes).expect("write fuzz file");
    };
    write("cluster/cluster.yaml", part(0));
    write("cluster/a1.txt", part(1));
    write("refs/A.txt", part(2));
    write("docs/d30001t/APW19981016.0240", part(3));
    write("models/D30001.M.100.T.A", part(3));
    let _ = sumbench::corpus::dir::load_cluster(&root.join("cluster"), Some(&root.join("refs")));
    let _ = duc::load(&root.join("docs"), Some(&root.join("models")));
}

/// [`check_reader_files`] in a folder of this process's own under the temp directory.
pub fn check_reader_files_in_temp(data: &[u8]) {
    let root = std::env::temp_dir().join(format!("sumbench-fuzz-{}", std::process::id()));
    check_reader_files(data, &root);
}

/// A target's check on the fuzzer's bytes; panics when a property fails.
pub type Check = fn(&[u8]);

/// Every fuzz target: its name (also its folder under `fuzz/corpus/` and its binary
/// under `fuzz/fuzz_targets/`) and the check it runs on the fuzzer's bytes.
pub const TARGETS: &[(&str, Check)] = &[
    ("segment", |d| check_segment(&String::from_utf8_lossy(d))),
    ("clean", |d| {
        let docs = texts(d);
        check_clean(&docs.iter().map(String::as_str).collect::<Vec<_>>());
    }),
    ("stem", check_stem),
    ("rouge155_text", |d| {
        check_rouge155_text(&String::from_utf8_lossy(d))
    }),
    ("rouge", check_rouge_bytes),
    ("config", |d| check_config(&String::from_utf8_lossy(d))),
    ("readers", check_readers),
    ("reader_files", check_reader_files_in_temp),
];

/// Runs target `name`'s check on `data`.
pub fn run(name: &str, data: &[u8]) {
    let (_, check) = TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .expect("a target listed in TARGETS");
    check(data);
}
