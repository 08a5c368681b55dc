//! Reading a text the way the script reads a sentence-per-line (`-z SPL`) file.
//!
//! The script reads each text twice. `readText` joins the sentences with spaces and
//! applies the length limit to the whole (the n-gram, skip-bigram and clipping view);
//! `readText_LCS` keeps the sentences apart for ROUGE-L/W, applying the limit sentence by
//! sentence — and, with `-b`, with a bug: it never adds up the bytes already taken, so
//! every sentence shorter than the limit is kept and the first longer one is cut. Both
//! views are reproduced here, limits applied to the lower-cased lines before any further
//! tokenization, exactly where the script applies them. Bytes are bytes: the script
//! runs without any encoding layer, so every non-ASCII byte is a separator.

use std::borrow::Cow;

use super::perl::split_ws;

/// The script's length limits (`-l` words, `-b` bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// No limit.
    None,
    /// `-l N`: the first N whitespace-separated words.
    Words(usize),
    /// `-b N`: the first N bytes.
    Bytes(usize),
}

/// The script's SPL lines: split on `\n`, empty lines dropped, `tr/A-Z/a-z/` applied.
/// With `unicode`, every letter is lower-cased and every Unicode space becomes ` ` so the
/// word limit counts words of every script.
pub fn lines(text: &str, unicode: bool) -> Vec<Cow<'_, [u8]>> {
    text.split('\n')
        .filter(|l| !l.is_empty())
        .map(|l| {
            if unicode {
                let lower: String = l
                    .chars()
                    .flat_map(char::to_lowercase)
                    .map(|c| if c.is_whitespace() { ' ' } else { c })
                    .collect();
                Cow::Owned(lower.into_bytes())
            } else if l.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(l.as_bytes().to_ascii_lowercase())
            } else {
                Cow::Borrowed(l.as_bytes())
            }
        })
        .collect()
}

fn join_words(words: &[&[u8]]) -> Vec<u8> {
    words.join(&b' ')
}

/// `readText`: the sentences joined by spaces, cut to the limit. Empty when the script's
/// text is undefined (no line survived).
pub fn flat(lines: &[Cow<'_, [u8]>], limit: Limit) -> Vec<u8> {
    let mut out = Vec::new();
    match limit {
        Limit::None => {
            for (i, s) in lines.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                out.extend_from_slice(s);
            }
        }
        Limit::Words(max) => {
            let mut taken = 0;
            for s in lines {
                let words = split_ws(s);
                if taken + words.len() < max {
                    if taken != 0 {
                        out.push(b' ');
                    }
                    out.extend_from_slice(s);
                    taken += words.len();
                } else {
                    if taken > 0 {
                        out.push(b' ');
                    }
                    out.extend(join_words(&words[..max - taken]));
                    break;
                }
            }
        }
        Limit::Bytes(max) => {
            let mut taken = 0;
            for s in lines {
                if taken + s.len() < max {
                    if taken != 0 {
                        out.push(b' ');
                    }
                    out.extend_from_slice(s);
                    taken += s.len();
                } else {
                    if taken > 0 {
                        out.push(b' ');
                    }
                    out.extend_from_slice(&s[..max - taken]);
                    break;
                }
            }
        }
    }
    out
}

/// `readText_LCS`: the sentences kept apart, cut to the limit (with the script's `-b`
/// behaviour described in the module documentation).
pub fn sentences<'a>(lines: &'a [Cow<'a, [u8]>], limit: Limit) -> Vec<Cow<'a, [u8]>> {
    match limit {
        Limit::None => lines.iter().map(|l| Cow::Borrowed(&**l)).collect(),
        Limit::Words(max) => {
            let mut out = Vec::new();
            let mut taken = 0;
            for s in lines {
                let words = split_ws(s);
                if taken + words.len() < max {
                    taken += words.len();
                    out.push(Cow::Borrowed(&**s));
                } else {
                    out.push(Cow::Owned(join_words(&words[..max - taken])));
                    break;
                }
            }
            out
        }
        Limit::Bytes(max) => {
            let mut out = Vec::new();
            for s in lines {
                // The script compares each sentence alone with the limit (it never
                // increments its running byte count here).
                if s.len() < max {
                    out.push(Cow::Borrowed(&**s));
                } else {
                    out.push(Cow::Borrowed(&s[..max]));
                    break;
                }
            }
            out
        }
    }
}

/// Calls `f` on each token of a (lower-cased, cut) text in order.
///
/// Default: the script's `s/-/ - /g; s/[^A-Za-z0-9\-]/ /g` followed by its
/// `/^[a-z0-9\$]/` filter, which together keep exactly the maximal runs of `[a-z0-9]`
/// (a hyphen becomes a token of its own and is then dropped).
/// Unicode: runs of letters, digits and combining marks of any script; Han, kana and
/// other unspaced ideographic characters are one token each.
pub fn for_each_token(text: &[u8], unicode: bool, mut f: impl FnMut(&[u8])) {
    if !unicode {
        for tok in text.split(|b| !(b.is_ascii_lowercase() || b.is_ascii_digit())) {
            if !tok.is_empty() {
                f(tok);
            }
        }
        return;
    }
    let s = String::from_utf8_lossy(text);
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if is_ideograph(c) {
            if let Some(st) = start.take() {
                f(&s.as_bytes()[st..i]);
            }
            f(&s.as_bytes()[i..i + c.len_utf8()]);
        } else if is_word_char(c) {
            start.get_or_insert(i);
        } else if let Some(st) = start.take() {
            f(&s.as_bytes()[st..i]);
        }
    }
    if let Some(st) = start {
        f(&s.as_bytes()[st..]);
    }
}

/// Letters, digits and the combining marks (vowel signs, viramas, diacritics, zero-width
/// joiners) that are part of words in many scripts but not `char::is_alphanumeric`.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric()
        || matches!(c,
            '\u{0300}'..='\u{036F}'   // combining diacritical marks
            | '\u{0483}'..='\u{0489}' // Cyrillic combining marks
            | '\u{0591}'..='\u{05C7}' // Hebrew points
            | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}'
            | '\u{06D6}'..='\u{06ED}' // Arabic marks
            | '\u{0900}'..='\u{0963}' | '\u{0966}'..='\u{0DFF}' // Indic blocks, dandas excluded
            | '\u{0E31}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}' // Thai marks
            | '\u{0F18}'..='\u{0F19}' | '\u{0F71}'..='\u{0F84}' // Tibetan marks
            | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}' // combining mark supplements
            | '\u{200C}' | '\u{200D}' // ZWNJ, ZWJ
        )
}

/// Characters of scripts written without spaces between words, scored one by one.
fn is_ideograph(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'     // hiragana, katakana
        | '\u{3400}'..='\u{4DBF}'   // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}'   // CJK compatibility ideographs
        | '\u{20000}'..='\u{2FFFF}' // CJK extensions B and later
    )
}

/// The number of words the word limit counts in `s`.
#[cfg(test)]
fn words(s: &[u8]) -> usize {
    split_ws(s).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str, unicode: bool) -> Vec<String> {
        let mut out = Vec::new();
        for_each_token(text.as_bytes(), unicode, |t| {
            out.push(String::from_utf8_lossy(t).into_owned())
        });
        out
    }

    fn owned(ls: &[&str]) -> Vec<Cow<'static, [u8]>> {
        ls.iter()
            .map(|l| Cow::Owned(l.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn default_tokens_are_ascii_alphanumeric_runs() {
        // "1997-style" → "1997 - style", the hyphen token is then filtered out;
        // "é" is two non-ASCII bytes → separators, so "café" → "caf".
        assert_eq!(
            toks("some 100,000 1997-style caf\u{e9} n't 24/7", false),
            ["some", "100", "000", "1997", "style", "caf", "n", "t", "24", "7"]
        );
        assert!(toks("التعليقات والاراء", false).is_empty());
    }

    #[test]
    fn unicode_tokens_keep_every_script() {
        assert_eq!(
            toks("песков заявил, что", true),
            ["песков", "заявил", "что"]
        );
        assert_eq!(toks("नमस्ते दुनिया", true), ["नमस्ते", "दुनिया"]);
        assert_eq!(
            toks("東京タワー abc-def", true),
            ["東", "京", "タ", "ワ", "ー", "abc", "def"]
        );
    }

    #[test]
    fn lines_drop_empty_and_lowercase_ascii_only() {
        let ls = lines("A\n\nB\u{c9}\n", false);
        assert_eq!(ls.len(), 2);
        assert_eq!(&*ls[1], "b\u{c9}".as_bytes());
    }

    #[test]
    fn word_limit_counts_perl_split_fields() {
        // Two sentences, limit 4: "a b c" (3 words) is kept, then the first word of
        // the next sentence; a leading space counts as an empty first field.
        let ls = owned(&["a b c", "d e"]);
        assert_eq!(flat(&ls, Limit::Words(4)), b"a b c d");
        let ls = owned(&[" x y z"]);
        assert_eq!(words(&ls[0]), 4);
        assert_eq!(flat(&ls, Limit::Words(2)), b" x");
        let s = sentences(&ls, Limit::Words(2));
        assert_eq!(&*s[0], b" x");
    }

    #[test]
    fn byte_limit_views_differ_like_the_script() {
        // flat: 4 + 4 bytes < 10, then 2 bytes of the third sentence.
        // sentences: each sentence alone is < 10 bytes, so all are kept whole.
        let ls = owned(&["abcd", "efgh", "ijkl"]);
        assert_eq!(flat(&ls, Limit::Bytes(10)), b"abcd efgh ij");
        let s = sentences(&ls, Limit::Bytes(10));
        assert_eq!(s.len(), 3);
        assert_eq!(&*s[2], b"ijkl");
        let ls = owned(&["abcdefghijkl", "mn"]);
        let s = sentences(&ls, Limit::Bytes(10));
        assert_eq!(s.len(), 1);
        assert_eq!(&*s[0], b"abcdefghij");
    }
}
