//! Stopword lists. English ships built in (NLTK's list, the one most summarization code
//! uses); other languages take a file with one word per line.
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

    /// Parses one word per line; `#` starts a comment line.
    pub fn from_lines(text: &str) -> Self {
        Stopwords(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_lowercase)
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
    }
}
