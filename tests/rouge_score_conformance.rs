//! rouge-score mode against Google's rouge-score 0.1.2 itself: every vector of
//! `tests/data/conformance/public.rouge_score.jsonl` (a copy of the shared conformance
//! file, produced by the Python package) must match within 1e-9 on P, R and F.
use serde_json::Value;
use sumbench::rouge::{Mode, RougeSettings, Scorer, TokenizerKind};

fn scorer(stem: bool) -> Scorer {
    Scorer::new(&RougeSettings {
        mode: Mode::RougeScore,
        flags: None,
        stem: Some(stem),
        metrics: None,
        tokenizer: TokenizerKind::Default,
    })
    .expect("default rouge-score settings are valid")
}

#[test]
fn every_public_vector_matches_rouge_score() {
    let data = include_str!("data/conformance/public.rouge_score.jsonl");
    let scorers = [scorer(false), scorer(true)];
    let mut failures = Vec::new();
    let mut checked = 0;
    for (lineno, line) in data.lines().enumerate() {
        let case: Value = serde_json::from_str(line).expect("valid JSON line");
        let id = case["id"].as_str().unwrap();
        let stem = case["options"]["use_stemmer"].as_bool().unwrap();
        let multi = case["options"]["multi_reference"].as_str().unwrap();
        let refs: Vec<&str> = case["references"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect();
        assert!(
            multi == "max-f" || (multi == "single" && refs.len() == 1),
            "line {}: unexpected multi_reference {multi}",
            lineno + 1
        );
        let candidate = case["candidate"].as_str().unwrap();
        let got = scorers[stem as usize].score(candidate, &refs);
        for (metric, expected) in case["expected"].as_object().unwrap() {
            let g = got
                .get(metric)
                .unwrap_or_else(|| panic!("{id}: metric {metric} missing"));
            for (k, value) in [("p", g.p), ("r", g.r), ("f", g.f)] {
                let want = expected[k].as_f64().unwrap();
                if (value - want).abs() > 1e-9 {
                    failures.push(format!(
                        "line {} {id} stem={stem} {metric}.{k}: expected {want}, got {value}",
                        lineno + 1
                    ));
                }
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 600 * 4, "every case has four metrics");
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Scores worked out by hand from rouge-score's definitions.
mod hand_worked {
    use super::*;
    use sumbench::rouge::Prf;

    fn close(got: Prf, p: f64, r: f64) {
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        assert!(
            (got.p - p).abs() < 1e-12 && (got.r - r).abs() < 1e-12 && (got.f - f).abs() < 1e-12,
            "got {got:?}, expected p={p} r={r} f={f}"
        );
    }

    #[test]
    fn ngrams_are_clipped() {
        // cand: the cat the cat on the mat (7 tokens); ref: the cat sat on the mat (6).
        // Unigrams: the min(3,2)=2, cat min(2,1)=1, on 1, mat 1 → 5 hits.
        // Bigrams: cand {the cat ×2, cat the, cat on, on the, the mat}, ref {the cat,
        // cat sat, sat on, on the, the mat} → the cat 1 + on the 1 + the mat 1 = 3.
        let s = scorer(false).score("The cat, the cat on the mat.", &["the cat sat on the mat"]);
        close(s.get("rouge1").unwrap(), 5.0 / 7.0, 5.0 / 6.0);
        close(s.get("rouge2").unwrap(), 3.0 / 6.0, 3.0 / 5.0);
        // LCS: the cat … on the mat = 5.
        close(s.get("rougeL").unwrap(), 5.0 / 7.0, 5.0 / 6.0);
    }

    #[test]
    fn lsum_unions_lcs_over_candidate_lines() {
        // Reference lines: "a b c d" / "e f"; candidate lines: "a b x" / "c d e".
        // Ref line 1: LCS with cand line 1 = a b (positions 0,1), with line 2 = c d
        // (2,3): union = 4 hits. Ref line 2: LCS with line 2 = e → 1 hit.
        // hits 5, m = 6, n = 6. Whole-text rougeL: LCS(a b c d e f, a b x c d e) = 5.
        let s = scorer(false).score("a b x\nc d e", &["a b c d\ne f"]);
        close(s.get("rougeLsum").unwrap(), 5.0 / 6.0, 5.0 / 6.0);
        close(s.get("rougeL").unwrap(), 5.0 / 6.0, 5.0 / 6.0);
        // A repeated reference token is hit at most as often as the candidate has it:
        // ref "a a" / "a"; cand "a": each ref line's LCS is one "a", but the candidate
        // holds only one → 1 hit; m = 3, n = 1.
        let s = scorer(false).score("a", &["a a\na"]);
        close(s.get("rougeLsum").unwrap(), 1.0, 1.0 / 3.0);
    }

    #[test]
    fn best_reference_per_metric() {
        // Ref 1 "x y z w" shares only "x"; ref 2 "x q" shares "x" and is shorter.
        // rouge1: ref1 p=1/2 r=1/4 (F 1/3), ref2 p=1/2 r=1/2 (F 1/2) → ref 2.
        let s = scorer(false).score("x y2", &["x y z w", "x q"]);
        close(s.get("rouge1").unwrap(), 0.5, 0.5);
    }

    #[test]
    fn prepared_references_are_independent() {
        // Interleaved preparations must not share token ids: "x y" vs itself is a
        // perfect match; vs "y z w" only "y" matches (P = 1/2, R = 1/3).
        let s = scorer(false);
        let a = s.prepare(&["x y"]);
        let b = s.prepare(&["y z w"]);
        close(s.score_prepared("x y", &a).get("rouge1").unwrap(), 1.0, 1.0);
        close(
            s.score_prepared("x y", &b).get("rouge1").unwrap(),
            0.5,
            1.0 / 3.0,
        );
        close(s.score_prepared("x y", &a).get("rougeL").unwrap(), 1.0, 1.0);
    }

    #[test]
    fn stemming_and_empty_texts() {
        // "talks" and "talked" both stem to "talk"; "was" (3 letters) is not stemmed.
        let s = scorer(true).score("talks was", &["talked was"]);
        close(s.get("rouge1").unwrap(), 1.0, 1.0);
        let s = scorer(false).score("talks was", &["talked was"]);
        close(s.get("rouge1").unwrap(), 0.5, 0.5);
        for (c, r) in [("", "a b"), ("a b", ""), ("!!!", "a"), ("a", "\n\n")] {
            for (_, prf) in scorer(false).score(c, &[r]).0 {
                assert_eq!(prf, Prf::default(), "{c:?} vs {r:?}");
            }
        }
    }

    #[test]
    fn settings_are_validated() {
        let mut settings = RougeSettings {
            mode: Mode::RougeScore,
            flags: None,
            stem: Some(true),
            metrics: Some(vec!["rouge1".into(), "rouge9".into(), "rougeL".into()]),
            tokenizer: TokenizerKind::Default,
        };
        let s = Scorer::new(&settings).unwrap();
        assert_eq!(s.metric_names(), ["rouge1", "rouge9", "rougeL"]);
        assert_eq!(
            s.describe(),
            "rouge-score 0.1.2: rouge1 rouge9 rougeL, stemmer on, multi-reference max-F"
        );
        for bad in ["rouge0", "ROUGE-1", "rouge10", "rougeW"] {
            settings.metrics = Some(vec![bad.into()]);
            let err = Scorer::new(&settings).err().unwrap();
            assert!(err.contains(bad) && err.contains("rougeLsum"), "{err}");
        }
        settings.metrics = None;
        settings.flags = Some("-n 2".into());
        assert!(Scorer::new(&settings)
            .err()
            .unwrap()
            .contains("ROUGE-1.5.5"));
    }

    #[test]
    fn unicode_tokenizer_scores_non_latin_text() {
        let settings = RougeSettings {
            mode: Mode::RougeScore,
            flags: None,
            stem: None,
            metrics: Some(vec!["rouge1".into()]),
            tokenizer: TokenizerKind::Unicode,
        };
        // Default tokenizer: Cyrillic vanishes, everything scores 0.
        let text = "Москва приняла решение";
        let s = scorer(false).score("Москва решение", &[text]);
        close(s.get("rouge1").unwrap(), 0.0, 0.0);
        let s = Scorer::new(&settings)
            .unwrap()
            .score("Москва решение", &[text]);
        close(s.get("rouge1").unwrap(), 1.0, 2.0 / 3.0);
    }
}
