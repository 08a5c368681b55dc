//! Snowball stemming for the summarizers' features, wrapping rust-stemmers behind our own
//! [`Language`] enum so the dependency's types never leak into configs or the public API.
//!
//! `text.language` also picks the stopword list ([`super::stopwords`]). [`Language::None`]
//! is for languages without a Snowball stemmer (Chinese, Japanese, Thai, Hindi, Hebrew, …):
//! no stemming and no stopwords. We do not alias `chinese` to it, because a name promising
//! Chinese-specific processing that does not exist would mislead; the tokenizer's handling
//! of scripts without spaces depends on the script, not on this setting.
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The language of a dataset: a Snowball stemmer and a stopword list, or neither (`none`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)]
pub enum Language {
    Arabic,
    Danish,
    Dutch,
    #[default]
    English,
    Finnish,
    French,
    German,
    Greek,
    Hungarian,
    Italian,
    Norwegian,
    Portuguese,
    Romanian,
    Russian,
    Spanish,
    Swedish,
    Tamil,
    Turkish,
    /// No stemmer and no stopword list: for languages Snowball does not cover.
    None,
}

impl Language {
    fn algorithm(self) -> Option<rust_stemmers::Algorithm> {
        use rust_stemmers::Algorithm as A;
        Some(match self {
            Language::None => return None,
            Language::Arabic => A::Arabic,
            Language::Danish => A::Danish,
            Language::Dutch => A::Dutch,
            Language::English => A::English,
            Language::Finnish => A::Finnish,
            Language::French => A::French,
            Language::German => A::German,
            Language::Greek => A::Greek,
            Language::Hungarian => A::Hungarian,
            Language::Italian => A::Italian,
            Language::Norwegian => A::Norwegian,
            Language::Portuguese => A::Portuguese,
            Language::Romanian => A::Romanian,
            Language::Russian => A::Russian,
            Language::Spanish => A::Spanish,
            Language::Swedish => A::Swedish,
            Language::Tamil => A::Tamil,
            Language::Turkish => A::Turkish,
        })
    }
}

/// A Snowball stemmer for one language.
pub struct Stemmer(rust_stemmers::Stemmer);

impl Stemmer {
    /// Creates the stemmer for `language`; `None` for [`Language::None`].
    pub fn new(language: Language) -> Option<Self> {
        language
            .algorithm()
            .map(|a| Stemmer(rust_stemmers::Stemmer::create(a)))
    }

    /// Stems one lowercased word.
    pub fn stem<'a>(&self, word: &'a str) -> std::borrow::Cow<'a, str> {
        self.0.stem(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_porter2() {
        let s = Stemmer::new(Language::English).unwrap();
        assert_eq!(s.stem("negotiations"), "negoti");
        assert_eq!(s.stem("running"), "run");
    }

    #[test]
    fn language_names_are_lowercase_in_configs() {
        let l: Language = serde_yaml::from_str("german").unwrap();
        assert_eq!(l, Language::German);
        assert_eq!(Stemmer::new(l).unwrap().stem("häuser"), "haus");
        let none: Language = serde_yaml::from_str("none").unwrap();
        assert_eq!(none, Language::None);
        assert!(Stemmer::new(none).is_none());
    }
}
