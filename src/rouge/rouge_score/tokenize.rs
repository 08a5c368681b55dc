//! rouge-score's tokenizer and the interner that turns its tokens into integers.
//!
//! rouge-score lowercases with Python's `str.lower`, replaces every run of characters
//! outside `[a-z0-9]` by a space, splits, and stems tokens longer than three characters.
//! Tokenizing character by character gives the same tokens: lowercasing is per character
//! (the only context-dependent rule, final sigma, yields a non-ASCII letter either way),
//! and the few non-ASCII characters whose lowercase is ASCII (`İ` → `i̇`, the Kelvin sign
//! → `k`) are kept exactly as Python keeps them. Newlines are recorded as sentence breaks
//! for rougeLsum, which tokenizes each line separately; since a newline is itself a token
//! boundary, the tokens of the lines concatenated are the tokens of the whole text.
//!
//! Every distinct raw token is stemmed once and mapped to an integer id under a lock
//! taken once per text, so scoring compares integers and never re-stems a word.
use super::porter;
use crate::rouge::TokenizerKind;
use rustc_hash::FxHashMap;
use std::sync::RwLock;

/// The tokens of one text, before interning: lowercased token text and sentence breaks.
#[derive(Default)]
pub(crate) struct RawTokens {
    /// All tokens' bytes back to back.
    buf: String,
    /// End offset in `buf` of each token.
    ends: Vec<usize>,
    /// Number of tokens seen before each newline.
    breaks: Vec<usize>,
}

impl RawTokens {
    fn clear(&mut self) {
        self.buf.clear();
        self.ends.clear();
        self.breaks.clear();
    }

    fn close_token(&mut self) {
        if self.buf.len() > self.ends.last().copied().unwrap_or(0) {
            self.ends.push(self.buf.len());
        }
    }

    fn token(&self, k: usize) -> &str {
        let start = if k == 0 { 0 } else { self.ends[k - 1] };
        &self.buf[start..self.ends[k]]
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    /// Tokenizes `text` into `self` (replacing what was there).
    pub(crate) fn fill(&mut self, text: &str, kind: TokenizerKind) {
        self.clear();
        for c in text.chars() {
            if c.is_ascii() {
                let b = c.to_ascii_lowercase();
                if b.is_ascii_alphanumeric() {
                    self.buf.push(b);
                } else {
                    self.close_token();
                    if b == '\n' {
                        self.breaks.push(self.ends.len());
                    }
                }
                continue;
            }
            for lc in c.to_lowercase() {
                let keep = match kind {
                    TokenizerKind::Default => lc.is_ascii_alphanumeric(),
                    TokenizerKind::Unicode => lc.is_alphanumeric(),
                };
                if keep {
                    self.buf.push(lc);
                } else {
                    self.close_token();
                }
            }
        }
        self.close_token();
    }

    /// Token-index ranges of the text's lines that have at least one token.
    pub(crate) fn sentences(&self) -> Vec<std::ops::Range<u32>> {
        let mut out = Vec::with_capacity(self.breaks.len() + 1);
        let mut start = 0;
        for &end in self.breaks.iter().chain(std::iter::once(&self.ends.len())) {
            if end > start {
                out.push(start as u32..end as u32);
            }
            start = end;
        }
        out
    }
}

#[derive(Default)]
struct Table {
    /// Raw token → id of its (stemmed) form.
    raw: FxHashMap<Box<str>, u32>,
    /// Stemmed form → id; used only with the stemmer, where several raw tokens share one.
    forms: FxHashMap<Box<str>, u32>,
}

/// Maps tokens to dense integer ids, stemming each distinct token once.
pub(crate) struct Interner {
    stem: bool,
    table: RwLock<Table>,
}

impl Interner {
    /// An empty interner; `stem` applies NLTK's Porter stemmer as rouge-score does.
    pub(crate) fn new(stem: bool) -> Self {
        Interner {
            stem,
            table: RwLock::new(Table::default()),
        }
    }

    /// The ids of `tokens`, appended to `out`.
    pub(crate) fn intern(&self, tokens: &RawTokens, out: &mut Vec<u32>) {
        out.clear();
        let mut missing = Vec::new();
        {
            // A poisoned lock only means another thread panicked mid-insert; the table
            // is still a valid map (insertion is the last step), so keep using it.
            let table = self.table.read().unwrap_or_else(|e| e.into_inner());
            for k in 0..tokens.len() {
                match table.raw.get(tokens.token(k)) {
                    Some(&id) => out.push(id),
                    None => {
                        missing.push(k);
                        out.push(u32::MAX);
                    }
                }
            }
        }
        if missing.is_empty() {
            return;
        }
        let mut table = self.table.write().unwrap_or_else(|e| e.into_inner());
        for k in missing {
            let token = tokens.token(k);
            out[k] = self.insert(&mut table, token);
        }
    }

    fn insert(&self, table: &mut Table, token: &str) -> u32 {
        if let Some(&id) = table.raw.get(token) {
            return id;
        }
        let id = if self.stem {
            // rouge-score stems only tokens longer than three characters; our stemmer
            // leaves non-ASCII tokens (unicode tokenizer only) unchanged.
            let form = if token.chars().count() > 3 {
                porter::stem(token)
            } else {
                token.to_owned()
            };
            let next = table.forms.len() as u32;
            *table.forms.entry(form.into_boxed_str()).or_insert(next)
        } else {
            table.raw.len() as u32
        };
        table.raw.insert(token.into(), id);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str, kind: TokenizerKind) -> Vec<String> {
        let mut t = RawTokens::default();
        t.fill(text, kind);
        (0..t.len()).map(|k| t.token(k).to_owned()).collect()
    }

    /// Expected tokens worked out from rouge-score's `tokenize.py` by hand.
    #[test]
    fn default_tokenizer_is_rouge_scores() {
        assert_eq!(
            toks("Don't STOP-me: 3.5% café", TokenizerKind::Default),
            ["don", "t", "stop", "me", "3", "5", "caf"]
        );
        // Python lowercases U+0130 to "i" + U+0307 and the Kelvin sign to "k".
        assert_eq!(
            toks("İstanbul 5\u{212A}", TokenizerKind::Default),
            ["i", "stanbul", "5k"]
        );
        assert_eq!(
            toks("Москва мир", TokenizerKind::Default),
            Vec::<String>::new()
        );
    }

    #[test]
    fn unicode_tokenizer_keeps_every_script() {
        assert_eq!(
            toks("Москва, Café! 東京 ٣", TokenizerKind::Unicode),
            ["москва", "café", "東京", "٣"]
        );
    }

    #[test]
    fn lines_become_sentences() {
        let mut t = RawTokens::default();
        t.fill("a b\n\n!!\nc\n", TokenizerKind::Default);
        assert_eq!(t.sentences(), vec![0..2, 2..3]);
    }

    #[test]
    fn stems_once_and_shares_ids() {
        let interner = Interner::new(true);
        let mut t = RawTokens::default();
        t.fill("talks talk talked was cats", TokenizerKind::Default);
        let mut ids = Vec::new();
        interner.intern(&t, &mut ids);
        // "talks" → "talk", "talked" → "talk"; "was" is too short to stem.
        assert_eq!(ids[0], ids[1]);
        assert_eq!(ids[0], ids[2]);
        assert_ne!(ids[3], ids[0]);
        // "cats" → "cat" differs from all others.
        assert!(!ids[..4].contains(&ids[4]));
    }
}
