//! The script's word lists and its per-token rules (`-s` stopwords, `-m` stemming).
//!
//! Both lists ship inside the binary so that scoring needs no data directory:
//! `smart_common_words.txt` is the script's stopword list verbatim and
//! `wordnet_exceptions.txt` the part of its WordNet exception database a token can
//! ever hit (see README.md in this folder for origin and licences).
use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::porter;

/// ROUGE-1.5.5's `data/smart_common_words.txt`, verbatim.
pub const STOPWORDS: &str = include_str!("smart_common_words.txt");
const EXCEPTIONS: &str = include_str!("wordnet_exceptions.txt");

fn stopwords() -> &'static FxHashSet<&'static [u8]> {
    static SET: OnceLock<FxHashSet<&'static [u8]>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.lines().map(str::as_bytes).collect())
}

fn exceptions() -> &'static FxHashMap<&'static [u8], &'static [u8]> {
    static MAP: OnceLock<FxHashMap<&'static [u8], &'static [u8]>> = OnceLock::new();
    MAP.get_or_init(|| {
        EXCEPTIONS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once(' '))
            .map(|(k, v)| (k.as_bytes(), v.as_bytes()))
            .collect()
    })
}

/// Whether the script's `-s` drops `token` (compared before stemming, as the script does).
pub fn is_stopword(token: &[u8]) -> bool {
    stopwords().contains(token)
}

/// The form under which the script counts `token` with `-m`: tokens longer than 3 bytes
/// go through `MorphStem` (WordNet exception list first, else the script's Porter);
/// shorter ones are kept as they are.
pub fn stemmed(token: &[u8]) -> Cow<'_, [u8]> {
    if token.len() <= 3 {
        return Cow::Borrowed(token);
    }
    match exceptions().get(token) {
        Some(base) => Cow::Borrowed(base),
        None => Cow::Owned(porter::stem(token)),
    }
}

/// Porter for the Unicode tokenizer: only all-ASCII tokens are stemmed (the script's
/// stemmer knows English only).
pub fn stemmed_any(token: &[u8]) -> Cow<'_, [u8]> {
    if token.is_ascii() {
        stemmed(token)
    } else {
        Cow::Borrowed(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_loaded() {
        // smart_common_words.txt starts with "reuters", "ap", "jan"; "the" is in it.
        assert!(is_stopword(b"reuters"));
        assert!(is_stopword(b"the"));
        assert!(!is_stopword(b"ukraine"));
        // noun.exc: "aardwolves aardwolf"; verb.exc: "abetted abet".
        assert_eq!(&*stemmed(b"aardwolves"), b"aardwolf");
        assert_eq!(&*stemmed(b"abetted"), b"abet");
        // 3 bytes or fewer: never stemmed ("ran" is in verb.exc as "ran run").
        assert_eq!(&*stemmed(b"ran"), b"ran");
        assert_eq!(&*stemmed(b"running"), b"run");
    }
}
