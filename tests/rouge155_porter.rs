//! The script's stemming, word by word: `tests/data/porter_rouge155.tsv` was produced by
//! the stemming subs of ROUGE-1.5.5.pl itself (`tests/data/porter_rouge155.pl`) for ~4000
//! words (MultiLing 2011 vocabulary, WordNet exception words, hand-picked edge cases).
use sumbench::rouge::rouge155::{lexicon, porter};

const TABLE: &str = include_str!("data/porter_rouge155.tsv");

#[test]
fn stemmer_matches_the_script_word_by_word() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "bad line {line:?}");
        let (word, stem, token) = (cols[0], cols[1], cols[2]);
        let got_stem = porter::stem(word.as_bytes());
        let got_token = lexicon::stemmed(word.as_bytes());
        if got_stem != stem.as_bytes() || &*got_token != token.as_bytes() {
            failures.push(format!(
                "{word}: stem {} (script {stem}), token {} (script {token})",
                String::from_utf8_lossy(&got_stem),
                String::from_utf8_lossy(&got_token)
            ));
        }
        checked += 1;
    }
    assert!(checked > 4000, "only {checked} words");
    assert!(
        failures.is_empty(),
        "{} words differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
