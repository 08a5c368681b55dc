//! Sentence segmentation tuned for news text.
//!
//! Generic Unicode sentence breaking splits after "Mr.", "Jan." and "U.S.", which news text
//! is full of. This splitter decides each candidate boundary from the words around it:
//!
//! - A blank line always ends a sentence, so a headline without final punctuation is a
//!   sentence of its own.
//! - A single line break ends a sentence unless the line visibly continues: it ends with a
//!   comma, colon, dash or similar, or the next line starts in lowercase (a hard wrap).
//!   After sentence punctuation the break is judged like any other space.
//! - `.`, `!`, `?`, `…` (with any closing quotes or brackets right after them) end a sentence
//!   only when followed by whitespace and then something that is not lowercase.
//! - Before a period, titles that always precede a name ("Mr.", "Dr.", "Gen.", "e.g.") never
//!   end a sentence; abbreviations that may end one ("Inc.", "U.S.", "a.m.", "Jan.", "etc.")
//!   and single-letter initials do so only when the next word is a typical sentence opener
//!   ("The", "He", "But", …) or a quotation starts; a number after them ("No. 5", "Jan. 1")
//!   never starts a new sentence.
//! - An elision mark in brackets ("[…]") never ends a sentence.
//!
//! Other scripts:
//!
//! - The Arabic question mark `؟`, the Urdu full stop `۔` and the Devanagari dandas `।` `॥`
//!   are sentence punctuation like `?` and `.` (none of these scripts has case, so what
//!   follows is never "lowercase").
//! - Chinese and Japanese `。`, `！`, `？` (and halfwidth `｡`) end a sentence with no space
//!   after them, closing brackets such as `」` included, except that `。」` followed by
//!   hiragana (`…。」と述べた`) is a quotation inside the sentence.
//! - Thai, Lao, Khmer and Myanmar have no sentence punctuation and no spaces between words;
//!   a space between two letters of these scripts separates phrases or sentences, so it
//!   ends one.
//! - Invisible format characters (zero-width space, word joiner, BOM, bidi marks such as
//!   the RLM often typed after a period in Arabic or Hebrew) count as spacing around a
//!   boundary and are trimmed from sentence ends.
//! - A piece with no sentence punctuation at all that would exceed [`MAX_UNPUNCTUATED`]
//!   units is cut into chunks of that many units, so text without punctuation (one long
//!   line, an unpunctuated transcript, Chinese written with commas only) cannot become a
//!   single sentence as long as the article. A unit is a whitespace-separated word, or one
//!   Han or kana character (those scripts have no spaces to count by). A chunk ends after
//!   its last comma (or semicolon, colon, `，`, `、`) if that lies in its second half, else
//!   at the space or Han/kana character where the limit is reached. Text with any sentence punctuation is never
//!   cut, so ordinary sentences, however long, are left whole.
//!
//! Sentences are returned as trimmed slices of the input, in order.
use super::tokenize::is_han_or_kana;
use unicode_normalization::char::is_combining_mark;

/// Titles and Latin abbreviations that practically never end a sentence.
const NEVER_FINAL: &[&str] = &[
    "adm", "approx", "atty", "brig", "capt", "cf", "cmdr", "col", "cpl", "det", "dr", "e.g", "fig",
    "gen", "gens", "gov", "govs", "hon", "i.e", "insp", "lt", "maj", "messrs", "mmes", "mr", "mrs",
    "ms", "msgr", "mt", "prof", "pvt", "rep", "reps", "rev", "sen", "sens", "sgt", "supt", "v",
    "viz", "vs",
];

/// Abbreviations that end a sentence only when a typical opener follows: company suffixes,
/// months, "etc.", "No.", and the AP abbreviations of U.S. states.
const MAYBE_FINAL: &[&str] = &[
    "al", "ala", "apr", "ariz", "ark", "aug", "ave", "blvd", "bros", "calif", "co", "colo", "conn",
    "corp", "dec", "del", "dept", "ed", "eds", "est", "etc", "feb", "fla", "ft", "ga", "ill",
    "inc", "ind", "jan", "jr", "jul", "jun", "kan", "ky", "la", "llc", "ltd", "mar", "mass", "md",
    "mich", "minn", "miss", "mo", "mont", "neb", "nev", "no", "nos", "nov", "oct", "okla", "op",
    "ore", "p", "pa", "plc", "pp", "rd", "sep", "sept", "sr", "st", "tenn", "tex", "univ", "va",
    "vol", "vt", "wash", "wis", "wyo",
];

/// Words that typically open a sentence; after an ambiguous abbreviation they tip the
/// decision towards a boundary ("… in the U.S. The talks" vs "U.S. President Biden").
const OPENERS: &[&str] = &[
    "a",
    "according",
    "after",
    "all",
    "also",
    "although",
    "an",
    "and",
    "as",
    "at",
    "before",
    "both",
    "but",
    "by",
    "despite",
    "during",
    "each",
    "earlier",
    "for",
    "from",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "it",
    "its",
    "last",
    "later",
    "many",
    "meanwhile",
    "most",
    "my",
    "no",
    "not",
    "now",
    "on",
    "one",
    "or",
    "our",
    "she",
    "since",
    "so",
    "some",
    "still",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "to",
    "under",
    "we",
    "what",
    "when",
    "where",
    "while",
    "who",
    "why",
    "with",
    "yet",
    "you",
    "your",
];

const TERMINALS: [char; 8] = ['.', '!', '?', '…', '؟', '۔', '।', '॥'];
/// Chinese and Japanese sentence enders, which need no space after them.
const CJK_TERMINALS: [char; 4] = ['。', '！', '？', '｡'];
/// Closing brackets and quotes of Chinese and Japanese text.
const CJK_CLOSERS: [char; 10] = ['」', '』', '）', '】', '〉', '》', '〕', '〗', '〙', '｣'];

/// The largest number of units (words, or Han/kana characters) in a sentence without any
/// sentence punctuation; longer pieces are cut. 40 is a long news sentence in words and
/// a typical Chinese one in characters.
pub const MAX_UNPUNCTUATED: usize = 40;

/// Clause marks where an over-long unpunctuated piece is preferably cut.
const PAUSES: [char; 8] = [',', ';', ':', '，', '、', '；', '：', '،'];

/// Invisible characters treated as spacing around boundaries: ZWSP, ZWNJ, ZWJ, LRM, RLM,
/// the Arabic letter mark, word joiner, BOM and bidi embeddings and isolates.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{061C}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// Letters of scripts whose spaces separate phrases, not words (Thai, Lao, Myanmar, Khmer).
fn is_phrase_spaced(c: char) -> bool {
    matches!(c, '\u{0E00}'..='\u{0EFF}' | '\u{1000}'..='\u{109F}' | '\u{1780}'..='\u{17FF}')
}

const CLOSERS: [char; 8] = ['"', '\'', '’', '”', ')', ']', '»', '}'];
const OPENING: [char; 9] = ['"', '\'', '‘', '“', '`', '(', '[', '«', '{'];

/// Splits `text` into sentences (trimmed slices of `text`).
pub fn split_sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for para in paragraphs(text) {
        split_paragraph(para, &mut out);
    }
    out
}

/// Maximal runs of non-blank lines.
fn paragraphs(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(&text[s..end]);
            }
        } else {
            start.get_or_insert(offset);
            end = offset + line.len();
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push(&text[s..end]);
    }
    out
}

/// The decision at a candidate boundary, from what follows it.
#[derive(Clone, Copy, PartialEq)]
enum Next {
    /// End of the paragraph.
    End,
    /// A lowercase letter.
    Lower,
    /// A digit.
    Digit,
    /// An opening quote or bracket.
    Opening,
    /// More sentence punctuation (". ..." — an ellipsis after a period).
    Terminal,
    /// Anything else (capitalised word, symbol).
    Other,
}

/// Splits one paragraph into sentences (each trimmed and cut into chunks by
/// [`push_chunked`]), scanning it once: CJK terminals, spaced phrase boundaries, line
/// breaks and runs of terminal punctuation each decide whether the sentence ends there.
fn split_paragraph<'a>(para: &'a str, out: &mut Vec<&'a str>) {
    let cs: Vec<(usize, char)> = para.char_indices().collect();
    let mut start = 0; // byte offset of the current sentence
    let mut line_start = 0; // byte offset of the current line
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i].1;
        let step = if CJK_TERMINALS.contains(&c) {
            cjk_terminal_run(para, &cs, i)
        } else if let Some(step) = phrase_space(&cs, i) {
            step
        } else if c == '\n' {
            let step = line_break(para, &cs, i, line_start);
            line_start = byte_at(para, &cs, i + 1);
            step
        } else if TERMINALS.contains(&c) {
            terminal_run(para, &cs, i)
        } else {
            Step {
                cut: None,
                next: i + 1,
            }
        };
        if let Some(end) = step.cut {
            push_chunked(trim(&para[start..end]), out);
            start = end;
        }
        i = step.next;
    }
    push_chunked(trim(&para[start..]), out);
}

/// What [`split_paragraph`] decided at one character: the byte offset where the current
/// sentence ends, if it ends there, and the index of the next character to look at.
struct Step {
    cut: Option<usize>,
    next: usize,
}

/// The byte offset of character `i` (the paragraph's length past its end).
fn byte_at(para: &str, cs: &[(usize, char)], i: usize) -> usize {
    cs.get(i).map_or(para.len(), |&(b, _)| b)
}

/// At a CJK terminal: the run of terminals and the closers after it end the sentence,
/// unless the closers are followed by hiragana (a quoted sentence inside a sentence:
/// 「…。」と言った).
fn cjk_terminal_run(para: &str, cs: &[(usize, char)], i: usize) -> Step {
    let mut k = i;
    while k < cs.len() && (CJK_TERMINALS.contains(&cs[k].1) || TERMINALS.contains(&cs[k].1)) {
        k += 1;
    }
    let run_end = k;
    while k < cs.len()
        && (CJK_CLOSERS.contains(&cs[k].1) || CLOSERS.contains(&cs[k].1) || is_invisible(cs[k].1))
    {
        k += 1;
    }
    let quoted = k > run_end && cs.get(k).is_some_and(|&(_, n)| is_hiragana(n));
    Step {
        cut: (!quoted).then(|| byte_at(para, cs, k)),
        next: k,
    }
}

/// At a space (not a line break) between two phrase-spaced characters: a boundary
/// before the space; `None` anywhere else.
fn phrase_space(cs: &[(usize, char)], i: usize) -> Option<Step> {
    let c = cs[i].1;
    if !(c.is_whitespace() && c != '\n' && i > 0 && is_phrase_spaced(cs[i - 1].1)) {
        return None;
    }
    let m = skip_space(cs, i);
    (m < cs.len() && is_phrase_spaced(cs[m].1)).then(|| Step {
        cut: Some(cs[i].0),
        next: i + 1,
    })
}

/// At a line break: the line (from byte `line_start`) ends a sentence when it is not
/// empty, ends neither in a terminal nor in a character that continues it, and the
/// next line starts neither in lowercase nor at the paragraph's end (a title line).
fn line_break(para: &str, cs: &[(usize, char)], i: usize, line_start: usize) -> Step {
    let line = para[line_start..cs[i].0].trim_end();
    let next = next_kind(cs, i);
    let ends = !line.is_empty()
        && !ends_with_terminal(line)
        && !line.ends_with([',', ';', ':', '-', '–', '—', '(', '/', '&'])
        && next != Next::Lower
        && next != Next::End;
    Step {
        cut: ends.then_some(cs[i].0),
        next: i + 1,
    }
}

/// At terminal punctuation: the run of terminals and the closers glued to it end the
/// sentence when followed by a space and [`is_boundary`] agrees.
fn terminal_run(para: &str, cs: &[(usize, char)], i: usize) -> Step {
    let mut k = i;
    while k < cs.len() && TERMINALS.contains(&cs[k].1) {
        k += 1;
    }
    let run_end = k;
    while k < cs.len() && (CLOSERS.contains(&cs[k].1) || is_invisible(cs[k].1)) {
        k += 1;
    }
    if k < cs.len() && !cs[k].1.is_whitespace() {
        // "3.5", "U.S.-led", "example.com": not a boundary.
        return Step {
            cut: None,
            next: run_end,
        };
    }
    // A closing quote separated by a space ("… result. »") still belongs here.
    let mut m = skip_space(cs, k);
    if m < cs.len()
        && matches!(cs[m].1, '»' | '”')
        && cs.get(m + 1).is_none_or(|&(_, c)| c.is_whitespace())
    {
        k = m + 1;
        m = skip_space(cs, k);
    }
    let next = kind_at(cs, m);
    let run: String = cs[i..run_end].iter().map(|&(_, c)| c).collect();
    let closed = k > run_end;
    Step {
        cut: is_boundary(para, cs, i, &run, closed, next, m).then(|| byte_at(para, cs, k)),
        next: k.max(i + 1),
    }
}

/// Trims whitespace and invisible characters from both ends.
fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || is_invisible(c))
}

fn is_hiragana(c: char) -> bool {
    ('\u{3040}'..='\u{309F}').contains(&c)
}

/// Pushes `s` (already trimmed) if non-empty, cut into chunks of at most
/// [`MAX_UNPUNCTUATED`] units when it has no sentence punctuation at all.
fn push_chunked<'a>(s: &'a str, out: &mut Vec<&'a str>) {
    if s.is_empty() {
        return;
    }
    if s.contains(|c: char| TERMINALS.contains(&c) || CJK_TERMINALS.contains(&c)) {
        out.push(s);
        return;
    }
    let mut units = 0;
    let mut chunk_start = 0;
    let mut in_word = false;
    // The byte after the chunk's last clause mark, and the units before it.
    let mut last_pause: Option<(usize, usize)> = None;
    for (b, c) in s.char_indices() {
        if PAUSES.contains(&c) {
            last_pause = Some((b + c.len_utf8(), units));
        }
        let starts_unit = if is_han_or_kana(c) {
            in_word = false;
            true
        } else if c.is_whitespace() {
            in_word = false;
            false
        } else if !c.is_alphanumeric() && !is_combining_mark(c) {
            // Punctuation (a fullwidth comma between Han characters) is not a unit.
            false
        } else {
            !std::mem::replace(&mut in_word, true)
        };
        if starts_unit {
            if units == MAX_UNPUNCTUATED {
                // Cutting at a comma in the chunk's second half keeps clauses whole.
                let (cut, carried) = match last_pause.take() {
                    Some((p, u)) if u >= MAX_UNPUNCTUATED / 2 => (p, units - u),
                    _ => (b, 0),
                };
                let chunk = trim(&s[chunk_start..cut]);
                if !chunk.is_empty() {
                    out.push(chunk);
                }
                chunk_start = cut;
                units = carried;
            }
            units += 1;
        }
    }
    let rest = trim(&s[chunk_start..]);
    if !rest.is_empty() {
        out.push(rest);
    }
}

fn skip_space(cs: &[(usize, char)], mut k: usize) -> usize {
    while k < cs.len() && (cs[k].1.is_whitespace() || is_invisible(cs[k].1)) {
        k += 1;
    }
    k
}

/// Classifies the first non-space character after index `i`.
fn next_kind(cs: &[(usize, char)], i: usize) -> Next {
    kind_at(cs, skip_space(cs, i + 1))
}

/// Classifies the character at index `m`.
fn kind_at(cs: &[(usize, char)], m: usize) -> Next {
    match cs.get(m).map(|&(_, c)| c) {
        None => Next::End,
        Some(c) if c.is_lowercase() => Next::Lower,
        Some(c) if c.is_ascii_digit() => Next::Digit,
        Some(c) if OPENING.contains(&c) || c == '”' => Next::Opening,
        Some(c) if TERMINALS.contains(&c) => Next::Terminal,
        Some(_) => Next::Other,
    }
}

/// Whether `line` ends with sentence punctuation, possibly inside quotes or brackets.
fn ends_with_terminal(line: &str) -> bool {
    line.trim_end_matches(|c: char| {
        c.is_whitespace() || CLOSERS.contains(&c) || CJK_CLOSERS.contains(&c) || is_invisible(c)
    })
    .ends_with(|c: char| TERMINALS.contains(&c) || CJK_TERMINALS.contains(&c))
}

/// The word (letters, digits, inner dots) ending right before index `i`, openers stripped.
fn word_before(para: &str, cs: &[(usize, char)], i: usize) -> String {
    let end = cs[i].0;
    let begin = para[..end].rfind(char::is_whitespace).map_or(0, |p| {
        p + para[p..].chars().next().map_or(1, char::len_utf8)
    });
    para[begin..end]
        .trim_start_matches(|c: char| OPENING.contains(&c) || c == '—' || c == '–')
        .to_owned()
}

/// The word starting at index `m`, openers and trailing punctuation stripped, lowercased.
fn word_at(cs: &[(usize, char)], m: usize) -> String {
    cs[m..]
        .iter()
        .map(|&(_, c)| c)
        .take_while(|c| !c.is_whitespace())
        .skip_while(|c| OPENING.contains(c))
        .take_while(|c| c.is_alphanumeric() || *c == '\'' || *c == '’')
        .flat_map(char::to_lowercase)
        .collect()
}

/// "U.S", "a.m", "B.J", "Ph.D": letters in groups of one or two joined by dots.
fn is_dotted(word: &str) -> bool {
    word.contains('.')
        && word
            .split('.')
            .all(|p| (1..=2).contains(&p.chars().count()) && p.chars().all(char::is_alphabetic))
}

fn is_boundary(
    para: &str,
    cs: &[(usize, char)],
    i: usize,
    run: &str,
    closed: bool,
    next: Next,
    m: usize,
) -> bool {
    match next {
        Next::End => return true,
        Next::Lower | Next::Terminal => return false,
        _ => {}
    }
    let ellipsis = run.contains('…') || run.starts_with("..");
    if ellipsis {
        // "[…]" marks an elision inside a quotation.
        let before = i.checked_sub(1).map(|j| cs[j].1);
        if matches!(before, Some('[' | '(')) {
            return false;
        }
        return next != Next::Digit;
    }
    if run != "." || closed {
        return true;
    }
    let word = word_before(para, cs, i);
    let lower = word.to_lowercase();
    if NEVER_FINAL.contains(&lower.as_str()) {
        return false;
    }
    let initial = {
        let mut chars = word.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
    };
    if initial || is_dotted(&word) || MAYBE_FINAL.contains(&lower.as_str()) {
        // A quotation may open the next sentence; a bracket rarely does ("Rep. W.J. (Billy)").
        let bracket = cs
            .get(m)
            .is_some_and(|&(_, c)| matches!(c, '(' | '[' | '{'));
        return match next {
            Next::Digit => false,
            Next::Opening => !bracket,
            _ => OPENERS.contains(&word_at(cs, m).as_str()),
        };
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_runs_of_non_blank_lines() {
        assert_eq!(
            paragraphs("a\nb\n\n  \n\nc\r\n\r\nd"),
            ["a\nb\n", "c\r\n", "d"]
        );
    }

    #[test]
    fn dotted_words() {
        assert!(is_dotted("U.S"));
        assert!(is_dotted("a.m"));
        assert!(is_dotted("Ph.D"));
        assert!(!is_dotted("Kremlin"));
        assert!(!is_dotted("3.5"));
        assert!(!is_dotted("www.example"));
    }
}

#[cfg(test)]
mod fixtures {
    use super::split_sentences;
    use std::path::Path;

    /// Splits a fixture into (input, expected sentences); `None` when it has no `---` line.
    fn parse(text: &str) -> Option<(String, Vec<String>)> {
        let mut lines = text.lines().skip_while(|l| l.starts_with('#'));
        let mut input = Vec::new();
        for line in lines.by_ref() {
            if line == "---" {
                let expected = lines
                    .filter(|l| !l.trim().is_empty())
                    .map(str::to_owned)
                    .collect();
                return Some((input.join("\n"), expected));
            }
            input.push(line);
        }
        None
    }

    fn collapse(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn every_fixture_in_tests_data_segment() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/segment");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("tests/data/segment exists")
            .map(|e| e.expect("readable entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        assert!(files.len() >= 25, "only {} fixtures", files.len());
        let mut failures = Vec::new();
        for file in &files {
            let text = std::fs::read_to_string(file).expect("fixture is UTF-8");
            let (input, expected) =
                parse(&text).unwrap_or_else(|| panic!("{}: no `---` line", file.display()));
            let got: Vec<String> = split_sentences(&input).into_iter().map(collapse).collect();
            if got != expected {
                failures.push(format!(
                    "{}:\n  expected {expected:#?}\n  got {got:#?}",
                    file.display()
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn sentences_are_trimmed_slices_of_the_input() {
        let text = "  First one.  Second one?\n\nHeadline here\n";
        let got = split_sentences(text);
        assert_eq!(got, ["First one.", "Second one?", "Headline here"]);
        for s in got {
            let offset = s.as_ptr() as usize - text.as_ptr() as usize;
            assert_eq!(&text[offset..offset + s.len()], s);
        }
    }
}
