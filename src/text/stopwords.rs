//! Stopword lists, one per [`Language`]. English is built in (NLTK's list of 179 words, the
//! one most summarization code uses, kept as `stopwords_en.txt` so English results never
//! move with a dependency). Every other Snowball language takes NLTK's list for it through
//! the `stop-words` crate (MIT OR Apache-2.0; NLTK's lists are mostly the Snowball
//! project's, BSD), the same family of lists as the English one. [`Language::None`] has
//! none. `text.stopwords_file` replaces the built-in list.
use super::Language;
use rustc_hash::FxHashSet;

const ENGLISH: &str = include_str!("stopwords_en.txt");

/// A set of lowercased stopwords.
#[derive(Debug, Clone, Default)]
pub struct Stopwords(FxHashSet<String>);

impl Stopwords {
    /// The built-in English list.
    pub fn english() -> Self {
        Self::from_lines(ENGLISH)
    }

    /// The built-in list for `language`; empty for [`Language::None`].
    pub fn for_language(language: Language) -> Self {
        let code = match language {
            Language::English => return Self::english(),
            Language::None => return Self::default(),
            Language::Arabic => "ar",
            Language::Danish => "da",
            Language::Dutch => "nl",
            Language::Finnish => "fi",
            Language::French => "fr",
            Language::German => "de",
            Language::Greek => "el",
            Language::Hungarian => "hu",
            Language::Italian => "it",
            Language::Norwegian => "no",
            Language::Portuguese => "pt",
            Language::Romanian => "ro",
            Language::Russian => "ru",
            Language::Spanish => "es",
            Language::Swedish => "sv",
            Language::Tamil => "ta",
            Language::Turkish => "tr",
        };
        // Every Snowball language has an NLTK list; a crate release that dropped one would
        // be caught by the test below, not by users.
        let words = stop_words::lookup(code).unwrap_or_default();
        Self::from_words(words.iter().copied())
    }

    /// Parses one word per line; `#` starts a comment line.
    pub fn from_lines(text: &str) -> Self {
        Self::from_words(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#')),
        )
    }

    /// Lowercases and NFC-normalizes each word, as the tokenizer does with tokens.
    fn from_words<'a>(words: impl Iterator<Item = &'a str>) -> Self {
        use unicode_normalization::UnicodeNormalization;
        Stopwords(
            words
                .map(|w| w.trim().to_lowercase().nfc().collect::<String>())
                .filter(|w| !w.is_empty())
                .collect(),
        )
    }

    /// Whether `word` (lowercased) is a stopword.
    pub fn contains(&self, word: &str) -> bool {
        self.0.contains(word)
    }

    /// Number of words in the list.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_has_function_words_not_content_words() {
        let s = Stopwords::english();
        assert!(s.contains("the") && s.contains("which") && s.contains("don't"));
        assert!(!s.contains("russia") && !s.contains("talks"));
        assert_eq!(Stopwords::for_language(Language::English).len(), s.len());
    }

    #[test]
    fn every_snowball_language_has_a_list_and_none_has_none() {
        use Language as L;
        let all = [
            L::Arabic,
            L::Danish,
            L::Dutch,
            L::English,
            L::Finnish,
            L::French,
            L::German,
            L::Greek,
            L::Hungarian,
            L::Italian,
            L::Norwegian,
            L::Portuguese,
            L::Romanian,
            L::Russian,
            L::Spanish,
            L::Swedish,
            L::Tamil,
            L::Turkish,
        ];
        for language in all {
            assert!(
                Stopwords::for_language(language).len() > 50,
                "{language:?} has no stopword list"
            );
        }
        assert!(Stopwords::for_language(L::None).is_empty());
    }

    #[test]
    fn lists_hold_each_languages_function_words() {
        let has = |l: Language, words: &[&str]| {
            let s = Stopwords::for_language(l);
            for w in words {
                assert!(s.contains(w), "{l:?} lacks {w}");
            }
        };
        has(Language::German, &["und", "der", "die", "nicht"]);
        has(Language::French, &["le", "la", "et", "les"]);
        has(Language::Russian, &["и", "в", "не", "что"]);
        has(Language::Arabic, &["في", "من", "على"]);
        assert!(!Stopwords::for_language(Language::German).contains("regierung"));
    }
}
