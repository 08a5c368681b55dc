//! Small ROUGE-1.5.5 examples worked out by hand (each also confirmed by running the real
//! script on the same texts with `tests/data/run_rouge155.py`).
use sumbench::rouge::{Mode, Prf, RougeSettings, Scorer, Scores, TokenizerKind};

fn scorer(flags: &str) -> Scorer {
    scorer_with(flags, TokenizerKind::Default, None)
}

fn scorer_with(flags: &str, tokenizer: TokenizerKind, metrics: Option<&[&str]>) -> Scorer {
    Scorer::new(&RougeSettings {
        mode: Mode::Rouge155,
        flags: Some(flags.to_string()),
        stem: None,
        metrics: metrics.map(|m| m.iter().map(|s| s.to_string()).collect()),
        tokenizer,
    })
    .unwrap()
}

fn prf(s: &Scores, metric: &str) -> (f64, f64, f64) {
    let Prf { p, r, f } = s.get(metric).unwrap_or_else(|| panic!("{metric} missing"));
    (r, p, f)
}

#[test]
fn one_sentence_all_metrics() {
    // candidate: the cat sat on the mat      reference: the cat lay on the mat
    let s =
        scorer("-n 2 -w 1.2 -2 4 -u").score("the cat sat on the mat", &["the cat lay on the mat"]);
    // ROUGE-1: candidate {the:2 cat sat on mat}, reference {the:2 cat lay on mat};
    // clipped hits 2+1+1+1 = 5 of 6 on both sides → R = P = 5/6 = 0.83333, F = 0.83333.
    assert_eq!(prf(&s, "ROUGE-1"), (0.83333, 0.83333, 0.83333));
    // ROUGE-2: bigrams "the cat", "on the", "the mat" shared: 3 of 5 → 0.6.
    assert_eq!(prf(&s, "ROUGE-2"), (0.6, 0.6, 0.6));
    // ROUGE-L: LCS "the cat on the mat" = 5 tokens of 6 → 0.83333.
    assert_eq!(prf(&s, "ROUGE-L"), (0.83333, 0.83333, 0.83333));
    // ROUGE-W-1.2: the LCS covers reference runs "the cat" (2) and "on the mat" (3):
    // hit = 2^1.2 + 3^1.2 = 6.03459. The script weights the reference length twice,
    // (6^1.2)^1.2 = 13.19888, and the candidate length once, 6^1.2 = 8.58581:
    // R = (6.03459 / 13.19888)^(1/1.2) = 0.52090, P = (6.03459 / 8.58581)^(1/1.2) = 0.74540,
    // F = 0.5209 · 0.7454 / (0.5 · 0.7454 + 0.5 · 0.5209) = 0.61325.
    assert_eq!(prf(&s, "ROUGE-W-1.2"), (0.5209, 0.7454, 0.61325));
    // ROUGE-SU4: gap ≤ 4 covers all 15 pairs of 6 tokens, plus the unigrams of the first
    // 5 tokens (the script skips the last one): 20 per side. Shared pairs: the-cat,
    // the-on, the-the, the-mat ×2, cat-on, cat-the, cat-mat, on-the, on-mat = 10;
    // shared unigrams the ×2, cat, on = 4 → 14 / 20 = 0.7.
    assert_eq!(prf(&s, "ROUGE-SU4"), (0.7, 0.7, 0.7));
}

#[test]
fn multiple_references_stemming_and_stopwords() {
    let cand = "police killed the gunman";
    let refs = ["police kill the gunman", "the gunman was shot"];
    // -m: "killed" and "kill" both stem to "kill". Reference 1 shares 4 of 4 unigrams,
    // reference 2 shares "the", "gunman" (2 of 4).
    // -f A sums hits and counts: R = (4 + 2) / (4 + 4), P = 6 / (4 + 4) = 0.75.
    let s = scorer("-n 1 -m -x -f A").score(cand, &refs);
    assert_eq!(prf(&s, "ROUGE-1"), (0.75, 0.75, 0.75));
    // -f B keeps the reference with the best recall (reference 1): 4/4.
    let s = scorer("-n 1 -m -x -f B").score(cand, &refs);
    assert_eq!(prf(&s, "ROUGE-1"), (1.0, 1.0, 1.0));
    // Without -m, "killed" ≠ "kill": (3 + 2) / 8 = 0.625.
    let s = scorer("-n 1 -x").score(cand, &refs);
    assert_eq!(prf(&s, "ROUGE-1"), (0.625, 0.625, 0.625));
    // -s drops "the" and "was": candidate police kill gunman (3), references
    // "police kill gunman" (3 hits of 3) and "gunman shot" (1 of 2):
    // R = 4 / 5 = 0.8, P = 4 / (3 + 3) = 0.66667,
    // F = 0.66667 · 0.8 / (0.5 · 0.66667 + 0.5 · 0.8) = 0.72727.
    let s = scorer("-n 1 -s -m -x").score(cand, &refs);
    assert_eq!(prf(&s, "ROUGE-1"), (0.8, 0.66667, 0.72727));
}

#[test]
fn summary_level_lcs_and_alpha() {
    // Lin (2004), section 3.2: reference sentence w1 … w5, candidate sentences
    // "w1 w2 w6 w7 w8" and "w1 w3 w8 w9 w5". The union of the two LCS marks w1 w2 w3 w5:
    // R = 4/5 = 0.8, P = 4/10 = 0.4, F(α = 0.5) = 0.32 / (0.2 + 0.4) = 0.53333.
    let cand = "w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5";
    let s = scorer("-n 1").score(cand, &["w1 w2 w3 w4 w5"]);
    assert_eq!(prf(&s, "ROUGE-L"), (0.8, 0.4, 0.53333));
    // α = 0.2: F = P·R / (0.8 P + 0.2 R) = 0.32 / (0.32 + 0.16) = 0.66667.
    let s = scorer("-n 1 -p 0.2").score(cand, &["w1 w2 w3 w4 w5"]);
    assert_eq!(prf(&s, "ROUGE-L"), (0.8, 0.4, 0.66667));
}

#[test]
fn word_limit_applies_to_both_sides_before_tokenizing() {
    // -l 3 keeps the first 3 whitespace-separated words of each text: "russia sent
    // troops" of the candidate's first sentence and "russia sent troops." of the
    // reference, whose second sentence is dropped.
    let s = scorer("-n 1 -l 3").score(
        "Russia sent troops to the border.\nMore came later.",
        &["Russia sent troops.\nThe U.S. said so."],
    );
    assert_eq!(prf(&s, "ROUGE-1"), (1.0, 1.0, 1.0));
    let s = scorer("-n 1 -l 5").score("the U.S. said so", &["the u s said so"]);
    // The limit counts words before tokenization: the candidate has 4 words (all kept),
    // which become 5 tokens the, u, s, said, so; the reference has those 5 as words.
    assert_eq!(prf(&s, "ROUGE-1"), (1.0, 1.0, 1.0));
    // With -l 3 the candidate keeps "the u.s. said" (4 tokens), the reference "the u s"
    // (3 tokens): R = 3/3, P = 3/4, F = 0.75 / 0.875 = 0.85714.
    let s = scorer("-n 1 -l 3").score("the U.S. said so", &["the u s said so"]);
    assert_eq!(prf(&s, "ROUGE-1"), (1.0, 0.75, 0.85714));
}

#[test]
fn unicode_tokenizer_scores_non_latin_text() {
    let cand = "Песков заявил";
    let refs = ["Песков: позиции"];
    // The script's tokenizer sees only spaces in Cyrillic: everything is zero.
    let s = scorer("-n 1 -x").score(cand, &refs);
    assert_eq!(prf(&s, "ROUGE-1"), (0.0, 0.0, 0.0));
    // Unicode tokenizer: {песков, заявил} vs {песков, позиции}: 1 of 2 → 0.5.
    let s = scorer_with("-n 1 -x", TokenizerKind::Unicode, None).score(cand, &refs);
    assert_eq!(prf(&s, "ROUGE-1"), (0.5, 0.5, 0.5));
    assert!(scorer_with("-n 1 -x", TokenizerKind::Unicode, None)
        .describe()
        .ends_with("(tokenizer: unicode)"));
}

#[test]
fn metric_selection_keeps_the_script_order() {
    let s = scorer_with(
        "-n 2 -2 4 -u",
        TokenizerKind::Default,
        Some(&["ROUGE-SU4", "ROUGE-1"]),
    );
    assert_eq!(s.metric_names(), ["ROUGE-1", "ROUGE-SU4"]);
    let scores = s.score("a b", &["a b"]);
    assert_eq!(scores.0.len(), 2);
    let err = Scorer::new(&RougeSettings {
        mode: Mode::Rouge155,
        flags: Some("-n 2".into()),
        stem: None,
        metrics: Some(vec!["ROUGE-L".into(), "ROUGE-3".into()]),
        tokenizer: TokenizerKind::Default,
    })
    .err()
    .unwrap();
    assert!(err.contains("ROUGE-3"), "{err}");
}

#[test]
fn flags_errors_reach_the_facade() {
    let err = Scorer::new(&RougeSettings {
        mode: Mode::Rouge155,
        flags: Some("-n 4 -t 1".into()),
        stem: None,
        metrics: None,
        tokenizer: TokenizerKind::Default,
    })
    .err()
    .unwrap();
    assert!(err.contains("-t 1"), "{err}");
}

#[test]
fn empty_inputs_do_not_panic() {
    let s = scorer("-n 4 -m -2 4 -u -w 1.2");
    for (cand, refs) in [
        ("", vec![""]),
        ("a", vec![]),
        ("!!!", vec!["\n\n"]),
        ("x", vec!["x"]),
    ] {
        let got = s.score(cand, &refs);
        assert_eq!(got.0.len(), 7);
    }
    // ROUGE-W against a reference without tokens: the script divides by zero; 0 here.
    let got = s.score("peace talks", &["...", "!!!"]);
    assert_eq!(prf(&got, "ROUGE-W-1.2"), (0.0, 0.0, 0.0));
    assert!(s.aggregate(&[]).iter().all(|a| a.mean == Prf::default()));
}
