//! Property tests: the fuzz targets' checks (`fuzz/src/lib.rs`, included here as a
//! module so both run the same code) under proptest, with a bounded number of cases, so
//! `cargo test` exercises them on stable Rust without libFuzzer. Generators build texts
//! from pieces that reach the interesting branches (abbreviations, quotes, terminals,
//! blank lines, non-ASCII letters, stopwords, words the stemmers rewrite) far more often
//! than uniformly random strings would; a share of fully arbitrary strings keeps the
//! rest honest. Crashes the fuzzers found are pinned as plain regression tests below.

#[path = "../fuzz/src/lib.rs"]
mod checks;

use proptest::prelude::*;
use sumbench::config::Config;

/// Pieces of English news text that stress the splitter, the cleaner and both ROUGE
/// tokenizers and stemmers.
const PIECES: &[&str] = &[
    "the",
    "a",
    "of",
    "and",
    "Talks",
    "resumed",
    "ponies",
    "caresses",
    "generalization",
    "running",
    "sky",
    "skies",
    "dying",
    "ied",
    "ies",
    "sss",
    "yyy",
    "y",
    "Mr.",
    "U.S.",
    "e.g.",
    "Inc.",
    "J.",
    "3.5",
    "$1.2",
    "p.m.",
    "No.",
    "etc.",
    "Corp.",
    "Jan.",
    "said",
    "Kyiv",
    "Moscow",
    "élan",
    "İstanbul",
    "\u{212a}elvin",
    "日本語",
    "Ελλάδα",
    "—",
    "-",
    ".",
    "!",
    "?",
    "…",
    "...",
    ",",
    ":",
    ";",
    "\"",
    "'",
    "“",
    "”",
    "‘",
    "’",
    "(",
    ")",
    "[",
    "]",
    "«",
    "»",
    "Photo: Reuters",
    "Advertisement",
    "Share this article",
    "123",
    "\t",
    "\u{a0}",
    "\r",
];

/// Separators between pieces: spaces, line breaks and paragraph breaks.
const GAPS: &[&str] = &[" ", " ", " ", "", "\n", "\n\n", "  ", " \n "];

fn news_text(max_pieces: usize) -> impl Strategy<Value = String> {
    let piece = prop::sample::select(PIECES);
    let gap = prop::sample::select(GAPS);
    prop::collection::vec((piece, gap), 0..max_pieces)
        .prop_map(|v| v.into_iter().flat_map(|(p, g)| [p, g]).collect())
}

/// News-like text most of the time, any string otherwise.
fn any_text(max_pieces: usize) -> impl Strategy<Value = String> {
    prop_oneof![4 => news_text(max_pieces), 1 => any::<String>()]
}

/// Words none of which is a SMART stopword, so a text of n of them has n tokens.
fn content_words(range: std::ops::Range<usize>) -> impl Strategy<Value = Vec<&'static str>> {
    let words = prop::sample::select(
        &[
            "talks",
            "resumed",
            "Kyiv",
            "troops",
            "border",
            "ponies",
            "generalization",
            "running",
            "skies",
            "market",
            "fell",
            "sharply",
            "2022",
        ][..],
    );
    prop::collection::vec(words, range)
}

/// YAML fragments in the config's vocabulary, so parses get past the syntax into
/// validation.
const YAML: &[&str] = &[
    "name: x\n",
    "name: a/b\n",
    "datasets:\n",
    "  - name: d\n",
    "    path: corpus\n",
    "    format: jsonl\n",
    "    format: duc\n",
    "    references: none\n",
    "summarizers:\n",
    "  - kind: lead\n",
    "  - kind: oracle\n",
    "  - kind: textrank\n    damping: 2\n",
    "  - kind: mmr\n    lambda: -1\n",
    "budget:\n",
    "  limit: 0\n",
    "  limit: 100\n",
    "  unit: words\n",
    "rouge:\n",
    "  mode: rouge155\n",
    "  mode: rouge-score\n",
    "  flags: \"-n 2 -m\"\n",
    "  flags: \"-z\"\n",
    "  metrics: [rouge1, rougeX]\n",
    "report:\n",
    "  sort_by: ROUGE-2:r\n",
    "a: &a [1, 2]\n",
    "b: *a\n",
    "c: *zz\n",
    "? [1]\n",
    "!!binary x\n",
    "{",
    "}",
    "[",
    "]",
    ":",
    "- ",
    "  ",
    "\n",
    "'",
    "\"",
    "#",
    "~",
    "null",
    "-1",
    "1e999",
    ".nan",
];

fn yaml_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(prop::sample::select(YAML), 0..30).prop_map(|v| v.concat()),
        1 => any::<String>(),
    ]
}

/// JSON, SGML and Multi-News fragments, so the readers' parsers get past the syntax.
const DATASET: &[&str] = &[
    "{\"id\": \"c1\", ",
    "\"docs\": [",
    "{\"id\": \"d\", \"text\": \"Talks.\"}",
    "]",
    "\"refs\": [{\"id\": \"A\", \"text\": \"x\"}]",
    "}",
    "\n",
    "\"date\": \"2022-13-45\", ",
    "\"articles\": [",
    "\"summary\": \"s\", ",
    "\"events\": ",
    "\\ud800",
    "null",
    ",",
    "<DOC>",
    "</DOC>",
    "<DOCNO> APW1 </DOCNO>",
    "<TEXT>",
    "</TEXT>",
    "<P>",
    "</P>",
    "<HEADLINE>",
    "<DATE_TIME> 1998-10-16 </DATE_TIME>",
    "<",
    ">",
    "&amp;",
    "Talks resumed.",
    "story_separator_special_tag",
    "NEWLINE_CHAR",
    "–",
    "\0",
    " ",
];

fn dataset_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop::collection::vec(prop::sample::select(DATASET), 0..30)
            .prop_map(|v| v.concat().into_bytes()),
        1 => any::<Vec<u8>>(),
    ]
}

/// `n` cases, and no regression file written next to the tests: a failure found here
/// becomes a named test below instead.
fn cases(n: u32) -> ProptestConfig {
    ProptestConfig {
        cases: n,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn segment_keeps_every_character_in_order(text in any_text(60)) {
        checks::check_segment(&text);
    }

    #[test]
    fn clean_accounts_for_every_line(docs in prop::collection::vec(any_text(40), 1..4)) {
        let docs: Vec<&str> = docs.iter().map(String::as_str).collect();
        checks::check_clean(&docs);
    }

    #[test]
    fn stems_are_nonempty_ascii(text in any_text(10)) {
        checks::check_stem(text.as_bytes());
    }

    #[test]
    fn stems_of_letter_runs(word in "[a-zA-Z]{1,12}") {
        checks::check_stem(word.as_bytes());
    }

    #[test]
    fn rouge155_tokens_are_lowercase_alphanumeric(text in any_text(40)) {
        checks::check_rouge155_text(&text);
    }

    #[test]
    fn rouge_bounds_identity_and_symmetry(
        candidate in any_text(30),
        references in prop::collection::vec(any_text(30), 1..3),
    ) {
        let refs: Vec<&str> = references.iter().map(String::as_str).collect();
        checks::check_rouge(&candidate, &refs);
    }

    /// Reorderings of shared words: partial overlaps, where a wrong clipping or LCS
    /// would show up as asymmetry or a score above 1.
    #[test]
    fn rouge_on_overlapping_word_lists(
        a in content_words(0..12),
        b in content_words(0..12),
        lines in prop::bool::ANY,
    ) {
        let sep = if lines { "\n" } else { " " };
        checks::check_rouge(&a.join(sep), &[&b.join(sep)]);
    }

    #[test]
    fn config_parse_never_panics(text in yaml_text()) {
        checks::check_config(&text);
    }

    #[test]
    fn readers_never_panic(data in dataset_bytes()) {
        checks::check_readers(&data);
    }
}

proptest! {
    // Each case writes and reads a handful of files: fewer cases keep this fast.
    #![proptest_config(cases(32))]

    #[test]
    fn folder_readers_never_panic(data in dataset_bytes()) {
        let root = std::env::temp_dir().join(format!("sumbench-properties-{}", std::process::id()));
        checks::check_reader_files(&data, &root);
        let _ = std::fs::remove_dir_all(&root);
    }
}

/// Identical texts of at least four countable tokens score exactly 1 in every
/// configuration that defines it; pinned on its own so a regression names this property.
#[test]
fn identical_texts_score_one() {
    let text = "Talks resumed in Kyiv on Monday.\nTroops left the border.";
    checks::check_rouge(text, &[text]);
}

/// A YAML "billion laughs" expands to 10^9 strings if aliases are followed blindly. It
/// sits under `summarizers`, which the loader reads as untyped YAML values, the one place
/// where expansion would not stop at a type error; the loader must refuse it quickly
/// instead of exhausting memory.
#[test]
fn yaml_bomb_is_refused() {
    let mut yaml = String::from(
        "summarizers:\n  - kind: lead\n    a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    let mut prev = 'a';
    for name in 'b'..='i' {
        let refs = vec![format!("*{prev}"); 9].join(", ");
        yaml += &format!("    {name}: &{name} [{refs}]\n");
        prev = name;
    }
    yaml += "name: bomb\ndatasets: [{name: d, path: corpus}]\nrouge: {mode: rouge155}\n";
    let started = std::time::Instant::now();
    let err = Config::parse(&yaml, "bomb.yaml").expect_err("a YAML bomb is not a config");
    // The YAML library's alias-expansion limit, not a later validation error.
    assert!(err.to_string().contains("repetition limit"), "{err}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "took {:?} to refuse: {err}",
        started.elapsed()
    );
}

/// Every input kept in `fuzz/corpus/<target>/` (the seeds, and each crash the fuzzers
/// found, minimized) passes its target's check, so the fuzzers' findings stay fixed
/// without nightly Rust.
#[test]
fn fuzz_corpus_inputs_pass() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let mut seen = 0;
    for (name, _) in checks::TARGETS {
        let dir = root.join(name);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("corpus entry").path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{}: no seed inputs", dir.display());
        for file in files {
            let data = std::fs::read(&file).expect("corpus file");
            let outcome = std::panic::catch_unwind(|| checks::run(name, &data));
            assert!(outcome.is_ok(), "{} fails its check", file.display());
            seen += 1;
        }
    }
    assert!(seen >= checks::TARGETS.len());
}
