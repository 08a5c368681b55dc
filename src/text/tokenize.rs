//! Word tokenization for the summarizers' features (not for ROUGE, which has its own,
//! reference-exact tokenizers in [`crate::rouge`]).
//!
//! The text is NFC-normalized first, so "café" typed with a combining accent and "café"
//! precomposed are one term, and Snowball stemmers (written for precomposed letters) see
//! what they expect. A token is then a maximal run of letters or digits of any script;
//! combining marks stay in the token of the letter they follow (Thai tone marks, the
//! Devanagari virama are marks, not letters, and splitting at them cut words in two); an
//! apostrophe or hyphen between two such characters stays inside the token ("don't",
//! "Russia-NATO"), because splitting them would create junk tokens ("t", "s") that pollute
//! term statistics.
//!
//! Invisible format characters: U+200B ZERO WIDTH SPACE separates tokens (it is an
//! invisible word break); U+200C/U+200D (ZWNJ, ZWJ), U+2060 WORD JOINER, U+FEFF (BOM) and
//! U+00AD SOFT HYPHEN are dropped without splitting, because they sit inside words
//! (Persian and Indic spelling, pasted text) and the same word must match with or without.
//!
//! Scripts written without spaces between words (Han, Hiragana, Katakana, Thai, Lao,
//! Khmer, Myanmar) become overlapping character bigrams ("北京举行" → 北京, 京举, 举行),
//! a lone character staying a unigram. A run would otherwise be one giant "word" shared
//! by no other sentence. Bigrams rather than single characters, as in Lucene's
//! CJKAnalyzer: most Chinese words are two characters, so a bigram is usually a word or
//! part of one, while single characters are dominated by function characters (的, 了, の)
//! for which there is no stopword list; and bigrams need no dictionary, unlike word
//! segmentation. A Thai "character" here is a base letter with its combining marks.
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Characters dropped before tokenizing, without ending the token they sit in.
fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Whether `c` belongs to a script written without spaces between words.
pub fn is_spaceless(c: char) -> bool {
    matches!(c,
        '\u{3005}' | '\u{3007}'              // 々 iteration mark, 〇
        | '\u{3040}'..='\u{30FF}'            // Hiragana, Katakana
        | '\u{31F0}'..='\u{31FF}'            // Katakana phonetic extensions
        | '\u{3400}'..='\u{4DBF}'            // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'            // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}'            // CJK compatibility ideographs
        | '\u{FF66}'..='\u{FF9F}'            // halfwidth Katakana
        | '\u{20000}'..='\u{3134F}'          // CJK extensions B–G
        | '\u{0E00}'..='\u{0EFF}'            // Thai, Lao
        | '\u{1000}'..='\u{109F}'            // Myanmar
        | '\u{1780}'..='\u{17FF}'            // Khmer
    )
}

/// Splits `text` into lowercased word tokens.
pub fn tokenize(text: &str) -> Vec<String> {
    if text.is_ascii() {
        return tokenize_ascii(text);
    }
    // Most text is already NFC (all ASCII is); the quick check skips the composer.
    let chars: Vec<char> = if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text.chars().filter(|&c| !is_ignorable(c)).collect()
    } else {
        text.nfc().filter(|&c| !is_ignorable(c)).collect()
    };
    let mut out = Vec::new();
    let mut cur = String::new();
    // The current run of a spaceless script, one entry per character with its marks.
    let mut run: Vec<String> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if is_spaceless(c) && !is_combining_mark(c) {
            flush(&mut cur, &mut out);
            run.push(c.to_string());
        } else if is_combining_mark(c) {
            // A mark belongs to the character before it; a stray mark is dropped.
            if let Some(last) = run.last_mut() {
                last.push(c);
            } else if !cur.is_empty() {
                cur.push(c);
            }
        } else if c.is_alphanumeric() {
            flush_run(&mut run, &mut out);
            cur.extend(c.to_lowercase());
        } else {
            flush_run(&mut run, &mut out);
            if matches!(c, '\'' | '’' | '-')
                && !cur.is_empty()
                && chars
                    .get(i + 1)
                    .is_some_and(|&n| n.is_alphanumeric() && !is_spaceless(n))
            {
                cur.push(if c == '’' { '\'' } else { c });
            } else {
                flush(&mut cur, &mut out);
            }
        }
    }
    flush(&mut cur, &mut out);
    flush_run(&mut run, &mut out);
    out
}

/// [`tokenize`] for ASCII text, which has no composed forms, ignorable characters,
/// combining marks or spaceless scripts: the same tokens from a byte loop. Most news text
/// is ASCII, and the general path's per-character Unicode tests made preprocessing about
/// a fifth costlier (the instruction-count gate's `preprocess` workloads).
fn tokenize_ascii(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut cur = String::new();
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_alphanumeric() {
            cur.push(char::from(b.to_ascii_lowercase()));
        } else if matches!(b, b'\'' | b'-')
            && !cur.is_empty()
            && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
        {
            cur.push(char::from(b));
        } else {
            flush(&mut cur, &mut out);
        }
    }
    flush(&mut cur, &mut out);
    out
}

fn flush(cur: &mut String, out: &mut Vec<String>) {
    if !cur.is_empty() {
        out.push(std::mem::take(cur));
    }
}

/// Emits a spaceless run as overlapping bigrams (a single character as itself).
fn flush_run(run: &mut Vec<String>, out: &mut Vec<String>) {
    match run.len() {
        0 => {}
        1 => out.push(run[0].to_lowercase()),
        _ => out.extend(
            run.windows(2)
                .map(|w| (w[0].clone() + &w[1]).to_lowercase()),
        ),
    }
    run.clear();
}

/// Han and kana: the characters that count one word each in [`word_count`].
pub fn is_han_or_kana(c: char) -> bool {
    is_spaceless(c)
        && !matches!(c, '\u{0E00}'..='\u{0EFF}' | '\u{1000}'..='\u{109F}' | '\u{1780}'..='\u{17FF}')
}

/// Counts words, the unit of word budgets and of the candidate length filter:
/// whitespace-separated words (as ROUGE's `-l` counts), except that each Han or kana
/// character counts as a word of its own, as word processors count Chinese and Japanese.
/// Otherwise a Chinese sentence would be one "word", a 100-word budget would take whole
/// articles, and `min_words` would drop every sentence.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().map(units).sum()
}

/// Words in one whitespace-separated word: 1, unless it holds Han or kana characters;
/// then each of those, plus each run of other characters with a letter or digit in it.
fn units(word: &str) -> usize {
    if word.is_ascii() || !word.chars().any(is_han_or_kana) {
        return 1;
    }
    unit_starts(word).count()
}

/// Byte offsets in `word` (which holds Han or kana) where a [`word_count`] word starts.
fn unit_starts(word: &str) -> impl Iterator<Item = usize> + '_ {
    let mut in_run = false;
    word.char_indices().filter_map(move |(b, c)| {
        if is_han_or_kana(c) {
            in_run = false;
            Some(b)
        } else if c.is_alphanumeric() && !std::mem::replace(&mut in_run, true) {
            Some(b)
        } else {
            None
        }
    })
}

/// The first `n` words of `text` as [`word_count`] counts them, joined by single spaces;
/// a word holding Han or kana may be cut between two of its words.
pub fn first_words(text: &str, n: usize) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut room = n;
    for word in text.split_whitespace() {
        if room == 0 {
            break;
        }
        let k = units(word);
        if k <= room {
            out.push(word);
            room -= k;
        } else {
            let cut = unit_starts(word).nth(room).unwrap_or(word.len());
            out.push(&word[..cut]);
            room = 0;
        }
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_path_gives_the_general_paths_tokens() {
        // The general path, forced by one non-ASCII character at the end (a separator).
        let general = |t: &str| {
            let mut v = tokenize(&format!("{t} \u{00a0}"));
            v.retain(|x| !x.is_empty());
            v
        };
        for t in [
            "Russia-NATO talks: don't  stop! 100,000 troops' -- Peskov's view",
            "a-b- -c 'd' e'f x-'y US$5 I.B.M. 3-4",
            "",
            "  -- '' ",
        ] {
            assert_eq!(tokenize(t), general(t), "{t:?}");
        }
    }

    #[test]
    fn keeps_inner_apostrophes_and_hyphens_and_lowercases() {
        assert_eq!(
            tokenize("Russia-NATO talks: don't  stop! 100,000 troops’ — Peskov’s view"),
            [
                "russia-nato",
                "talks",
                "don't",
                "stop",
                "100",
                "000",
                "troops",
                "peskov's",
                "view"
            ]
        );
    }

    #[test]
    fn keeps_letters_of_every_script() {
        assert_eq!(tokenize("Привет, мир; café"), ["привет", "мир", "café"]);
        assert_eq!(
            tokenize("قال الوزير إن المحادثات"),
            ["قال", "الوزير", "إن", "المحادثات"]
        );
    }

    #[test]
    fn han_and_kana_runs_become_overlapping_bigrams() {
        assert_eq!(
            tokenize("北京举行会谈。"),
            ["北京", "京举", "举行", "行会", "会谈"]
        );
        assert_eq!(tokenize("東京で"), ["東京", "京で"]);
        assert_eq!(tokenize("雨"), ["雨"]);
    }

    #[test]
    fn mixed_scripts_split_at_the_script_change() {
        assert_eq!(
            tokenize("G20峰会在Rome举行"),
            ["g20", "峰会", "会在", "rome", "举行"]
        );
        assert_eq!(
            tokenize("وزير الخارجية Sergei Lavrov قال"),
            ["وزير", "الخارجية", "sergei", "lavrov", "قال"]
        );
    }

    #[test]
    fn thai_bigrams_keep_tone_marks_with_their_letter() {
        // น้ำ = น + ◌้ (tone mark) + ำ: two units, so one bigram.
        assert_eq!(tokenize("น้ำ"), ["น\u{0E49}ำ"]);
        assert_eq!(tokenize("ฝนตก"), ["ฝน", "นต", "ตก"]);
    }

    #[test]
    fn combining_marks_stay_in_their_word_and_compose() {
        // "café" with U+0301 COMBINING ACUTE ACCENT is the precomposed "café".
        assert_eq!(tokenize("cafe\u{301} noir"), ["caf\u{e9}", "noir"]);
        // Devanagari virama (U+094D) is a mark: "स्वतंत्र" is one token.
        assert_eq!(tokenize("भारत स्वतंत्र है"), ["भारत", "स्वतंत्र", "है"]);
    }

    #[test]
    fn zero_width_characters() {
        // ZWSP separates; ZWNJ, ZWJ, BOM and soft hyphen vanish inside a word.
        assert_eq!(tokenize("peace\u{200B}talks"), ["peace", "talks"]);
        assert_eq!(tokenize("\u{FEFF}Geneva"), ["geneva"]);
        assert_eq!(tokenize("nego\u{00AD}tiations"), ["negotiations"]);
        assert_eq!(tokenize("می\u{200C}خواهم"), ["میخواهم"]);
        assert_eq!(tokenize("क्\u{200D}ष"), ["क्ष"]);
    }

    #[test]
    fn word_count_uses_whitespace() {
        assert_eq!(word_count(" a  b\tc\nd "), 4);
        assert_eq!(word_count("Russia-NATO talks — 3.5%"), 4);
    }

    #[test]
    fn han_and_kana_characters_count_as_words() {
        // 四 川 发 生 (4) + "6.1" (1) + 级 地 震 (3); "。" is no word.
        assert_eq!(word_count("四川发生6.1级地震。"), 8);
        assert_eq!(word_count("東京で G20 会議"), 6);
        // Thai and Arabic are counted by spaces.
        assert_eq!(word_count("ฝนตกหนัก มาก"), 2);
        assert_eq!(first_words("四川发生6.1级地震。", 5), "四川发生6.1");
        assert_eq!(first_words("四川发生6.1级地震。", 4), "四川发生");
        assert_eq!(first_words("one two 三四五 six", 4), "one two 三四");
        assert_eq!(first_words("one  two three", 2), "one two");
        assert_eq!(first_words("one two", 5), "one two");
    }
}
