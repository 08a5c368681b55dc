//! Boilerplate removal for scraped web articles, line by line.
//!
//! Scraped news pages keep their site furniture: "Subscribe", "You may also like", comment
//! widgets, photo credits, ad markers, "See also …" teasers. Such lines are not sentences
//! of the story, yet a frequency-based summarizer happily picks them. The cleaner drops a
//! line when one of these rules fires, checked in this order (the first rule that fires names
//! the reason [`CleanReport`] counts):
//!
//! - `no-letters`: no letter at all (".", "–", "* * *", "11:02");
//! - a section of [`BUILTIN_PATTERNS`] (`engagement`, `comments`, `credit`, …): the line
//!   matches one of the data-driven patterns of that section;
//! - `foreign-script`: most of its letters are in another script than the document's
//!   (an Arabic comment widget under an English article);
//! - `menu`: three or more short items separated by `|`, `•` or `·`;
//! - `caption`: a short unpunctuated line next to a photo credit (the person pictured);
//! - `repeated`: a short or unpunctuated line found in two or more documents of the cluster
//!   (shared site furniture; long punctuated lines are kept, they are syndicated copy);
//! - `fragment`: at most three words and no sentence-final punctuation ("news agency").
//!
//! Rules only ever drop whole lines, so a real sentence is never cut in half, and every rule
//! is biased towards keeping: patterns apply only to lines of at most 30 words.
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The built-in boilerplate patterns (see the file's header for the format).
pub const BUILTIN_PATTERNS: &str = include_str!("boilerplate.txt");

/// Patterns never apply to lines longer than this: site furniture is short.
const PATTERN_MAX_WORDS: usize = 30;
/// `fragment`: lines of at most this many words without final punctuation.
const FRAGMENT_MAX_WORDS: usize = 3;
/// `repeated`: lines of at most this many words are furniture even when punctuated.
const REPEATED_SHORT_WORDS: usize = 5;
/// `caption`: the longest unpunctuated line taken for a photo caption.
const CAPTION_MAX_WORDS: usize = 15;
/// The pattern section whose lines are photo credits (their neighbours may be captions).
const CREDIT_SECTION: &str = "credit";

/// One line the cleaner dropped, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DroppedLine {
    /// 1-based line number in the raw document.
    pub line: usize,
    /// The rule (or pattern section) that dropped it.
    pub rule: String,
    /// The line as it was, trimmed.
    pub text: String,
}

/// What the cleaner dropped from one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CleanReport {
    /// Lines in the input (blank ones included).
    pub lines: usize,
    /// Non-blank lines dropped as boilerplate.
    pub dropped: usize,
    /// Dropped lines per rule name, in name order.
    pub by_rule: BTreeMap<String, usize>,
    /// Every dropped line, in document order.
    pub dropped_lines: Vec<DroppedLine>,
}

/// One document after cleaning.
#[derive(Debug, Clone)]
pub struct Cleaned {
    /// The kept text: lines that were adjacent stay on adjacent lines; wherever blank or
    /// dropped lines stood there is a blank line, so the segmenter sees a paragraph break.
    pub text: String,
    /// What was dropped.
    pub report: CleanReport,
}

impl Cleaned {
    /// Keeps `text` unchanged (cleaning disabled).
    pub fn keep_all(text: &str) -> Self {
        Cleaned {
            text: text.to_owned(),
            report: CleanReport {
                lines: text.lines().count(),
                ..CleanReport::default()
            },
        }
    }
}

/// A `*` glob over a normalised line.
#[derive(Debug, Clone)]
struct Glob {
    parts: Vec<String>,
}

impl Glob {
    fn new(pattern: &str) -> Self {
        Glob {
            parts: pattern.split('*').map(str::to_owned).collect(),
        }
    }

    fn matches(&self, text: &str) -> bool {
        let (first, rest) = match self.parts.split_first() {
            Some(x) => x,
            None => return text.is_empty(),
        };
        let Some(mut tail) = text.strip_prefix(first.as_str()) else {
            return false;
        };
        let Some((last, middle)) = rest.split_last() else {
            return tail.is_empty();
        };
        for part in middle {
            match tail.find(part.as_str()) {
                Some(i) => tail = &tail[i + part.len()..],
                None => return false,
            }
        }
        tail.len() >= last.len() && tail.ends_with(last.as_str())
    }
}

#[derive(Debug, Clone)]
struct Pattern {
    section: String,
    max_words: usize,
    glob: Glob,
}

/// A parsed boilerplate pattern file.
#[derive(Debug, Clone)]
pub struct Patterns {
    patterns: Vec<Pattern>,
}

impl Patterns {
    /// Parses a pattern file; an error names the 1-based line and what was expected.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut patterns = Vec::new();
        let mut section: Option<(String, usize)> = None;
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(header) = line.strip_prefix('[') {
                let header = header.strip_suffix(']').ok_or_else(|| {
                    format!(
                        "line {}: expected `[section]` or `[section max-words=N]`",
                        i + 1
                    )
                })?;
                let mut words = header.split_whitespace();
                let name = words
                    .next()
                    .ok_or_else(|| format!("line {}: empty section name", i + 1))?;
                let mut max_words = PATTERN_MAX_WORDS;
                for option in words {
                    let n = option
                        .strip_prefix("max-words=")
                        .and_then(|n| n.parse::<usize>().ok())
                        .ok_or_else(|| {
                            format!(
                                "line {}: unknown section option {option:?}; expected max-words=N",
                                i + 1
                            )
                        })?;
                    max_words = n.min(PATTERN_MAX_WORDS);
                }
                section = Some((name.to_owned(), max_words));
                continue;
            }
            let (name, max_words) = section
                .clone()
                .ok_or_else(|| format!("line {}: pattern before any `[section]` header", i + 1))?;
            // Lines are normalised before matching, so a pattern that is not in normal form
            // could never match; say so instead of silently ignoring it.
            let unmatchable = line.chars().any(char::is_uppercase)
                || line.contains("  ")
                || line.contains(['‘', '’', '“', '”', '«', '»'])
                || (!line.contains('*') && normalise(line) != line);
            if unmatchable {
                return Err(format!(
                    "line {}: pattern {line:?} is not in normal form (lowercase, single spaces, \
                     straight quotes, no leading or trailing punctuation)",
                    i + 1
                ));
            }
            patterns.push(Pattern {
                section: name,
                max_words,
                glob: Glob::new(line),
            });
        }
        Ok(Patterns { patterns })
    }

    /// The built-in patterns of [`BUILTIN_PATTERNS`].
    pub fn builtin() -> &'static Patterns {
        static BUILTIN: OnceLock<Patterns> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            // The file is compiled in and a unit test parses it, so this cannot fail at run
            // time; an empty pattern set keeps the cleaner working if it ever did.
            Patterns::parse(BUILTIN_PATTERNS).unwrap_or(Patterns {
                patterns: Vec::new(),
            })
        })
    }

    /// The section of the first pattern matching the normalised line, if any.
    fn section_of(&self, normalised: &str, words: usize) -> Option<&str> {
        self.patterns
            .iter()
            .find(|p| words <= p.max_words && p.glob.matches(normalised))
            .map(|p| p.section.as_str())
    }
}

/// Lowercases, straightens quotes, collapses whitespace and strips leading bullets and
/// trailing punctuation, so that "Subscribe!", "• SUBSCRIBE" and "Subscribe »" compare equal.
fn normalise(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for word in line.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '‘' | '’' | '`' => out.push('\''),
                '“' | '”' | '«' | '»' => out.push('"'),
                _ => out.extend(c.to_lowercase()),
            }
        }
    }
    out.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '—' | '•' | '·' | '*' | '>' | '"' | '|' | '#')
    })
    .trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')')
    .to_owned()
}

/// Writing systems, coarse enough to tell an Arabic widget from an English article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
    Armenian,
    Hebrew,
    Arabic,
    Indic,
    Thai,
    Georgian,
    Cjk,
    Other,
}

fn script(c: char) -> Script {
    match c as u32 {
        0x0000..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF => Script::Latin,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0400..=0x052F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x0530..=0x058F => Script::Armenian,
        0x0590..=0x05FF => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Script::Arabic
        }
        0x0900..=0x0DFF => Script::Indic,
        0x0E00..=0x0E7F => Script::Thai,
        0x10A0..=0x10FF => Script::Georgian,
        0x1100..=0x11FF
        | 0x3040..=0x30FF
        | 0x3130..=0x318F
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF => Script::Cjk,
        _ => Script::Other,
    }
}

/// Letter counts per script, as a small sorted map.
fn script_counts(text: &str) -> BTreeMap<Script, usize> {
    let mut counts = BTreeMap::new();
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        *counts.entry(script(c)).or_insert(0) += 1;
    }
    counts
}

/// Whether the line ends like a sentence: `.`, `!`, `?`, `…` or the sentence punctuation of
/// another script (`。` `！` `？` `؟` `۔` `।` `॥`), possibly inside quotes or brackets.
fn ends_like_sentence(line: &str) -> bool {
    let end = line.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\'' | '’' | '”' | '»' | ')' | ']' | '」' | '』' | '）'
            )
    });
    end.ends_with([
        '.', '!', '?', '…', '。', '！', '？', '｡', '؟', '۔', '।', '॥',
    ])
}

/// Whether most of the line's letters are Thai.
fn mostly_thai(line: &str) -> bool {
    let counts = script_counts(line);
    let letters: usize = counts.values().sum();
    counts.get(&Script::Thai).copied().unwrap_or(0) * 2 > letters
}

/// `menu`: three or more short items separated by `|`, `•` or `·`.
fn is_menu(line: &str) -> bool {
    let items: Vec<&str> = line
        .split(['|', '•', '·'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    items.len() >= 3
        && items
            .iter()
            .filter(|i| i.split_whitespace().count() <= 4)
            .count()
            * 2
            > items.len()
}

/// The verdict on one line before cluster-level and neighbour rules.
#[derive(Debug, Clone, PartialEq)]
enum Verdict {
    Blank,
    Keep,
    Drop(String),
}

/// Per-document line analysis, shared by the cluster-level pass.
struct Analysed<'a> {
    lines: Vec<&'a str>,
    verdicts: Vec<Verdict>,
}

fn analyse<'a>(text: &'a str, patterns: &Patterns) -> Analysed<'a> {
    let lines: Vec<&str> = text.lines().collect();
    let dominant = script_counts(text)
        .into_iter()
        .max_by_key(|&(s, n)| (n, std::cmp::Reverse(s)))
        .map(|(s, _)| s);
    let verdicts = lines
        .iter()
        .map(|raw| {
            let line = raw.trim();
            if line.is_empty() {
                return Verdict::Blank;
            }
            let counts = script_counts(line);
            let letters: usize = counts.values().sum();
            if letters == 0 {
                return Verdict::Drop("no-letters".into());
            }
            let words = super::tokenize::word_count(line);
            if let Some(section) = patterns.section_of(&normalise(line), words) {
                return Verdict::Drop(section.to_owned());
            }
            if let Some(d) = dominant {
                if counts.get(&d).copied().unwrap_or(0) * 2 < letters {
                    return Verdict::Drop("foreign-script".into());
                }
            }
            if is_menu(line) {
                return Verdict::Drop("menu".into());
            }
            Verdict::Keep
        })
        .collect();
    Analysed { lines, verdicts }
}

/// Index of the nearest non-blank line before or after (`forward`) line `i`.
fn neighbour(verdicts: &[Verdict], i: usize, forward: bool) -> Option<usize> {
    let mut j = i;
    loop {
        j = if forward {
            j.checked_add(1).filter(|&j| j < verdicts.len())?
        } else {
            j.checked_sub(1)?
        };
        if verdicts[j] != Verdict::Blank {
            return Some(j);
        }
    }
}

/// Cleans every document of a cluster with the built-in patterns.
pub fn clean_cluster(texts: &[&str]) -> Vec<Cleaned> {
    clean_cluster_with(texts, Patterns::builtin())
}

/// Cleans every document of a cluster with the given patterns.
pub fn clean_cluster_with(texts: &[&str], patterns: &Patterns) -> Vec<Cleaned> {
    let mut docs: Vec<Analysed> = texts.iter().map(|t| analyse(t, patterns)).collect();

    // Cluster level: a furniture-like line present in two or more documents.
    let mut seen_in: BTreeMap<String, usize> = BTreeMap::new();
    for doc in &docs {
        let mut mine: Vec<String> = doc
            .lines
            .iter()
            .zip(&doc.verdicts)
            .filter(|(_, v)| **v == Verdict::Keep)
            .map(|(l, _)| normalise(l))
            .filter(|n| !n.is_empty())
            .collect();
        mine.sort();
        mine.dedup();
        for n in mine {
            *seen_in.entry(n).or_insert(0) += 1;
        }
    }

    for doc in &mut docs {
        let n = doc.lines.len();
        for i in 0..n {
            if doc.verdicts[i] != Verdict::Keep {
                continue;
            }
            let line = doc.lines[i].trim();
            let words = super::tokenize::word_count(line);
            // Thai has no sentence punctuation, so its absence says nothing there.
            let punctuated = ends_like_sentence(line) || mostly_thai(line);
            let next_to_credit = [false, true].iter().any(|&fwd| {
                neighbour(&doc.verdicts, i, fwd)
                    .is_some_and(|j| doc.verdicts[j] == Verdict::Drop(CREDIT_SECTION.into()))
            });
            let rule = if !punctuated && words <= CAPTION_MAX_WORDS && next_to_credit {
                Some("caption")
            } else if texts.len() > 1
                && seen_in.get(&normalise(line)).copied().unwrap_or(0) > 1
                && (words <= REPEATED_SHORT_WORDS || (!punctuated && words <= PATTERN_MAX_WORDS))
            {
                Some("repeated")
            } else if !punctuated && words <= FRAGMENT_MAX_WORDS {
                Some("fragment")
            } else {
                None
            };
            if let Some(rule) = rule {
                doc.verdicts[i] = Verdict::Drop(rule.into());
            }
        }
    }

    docs.into_iter().map(assemble).collect()
}

/// Joins the kept lines: adjacent kept lines stay adjacent, any gap becomes a blank line.
fn assemble(doc: Analysed) -> Cleaned {
    let mut text = String::new();
    let mut report = CleanReport {
        lines: doc.lines.len(),
        ..CleanReport::default()
    };
    let mut gap = false;
    for (i, (line, verdict)) in doc.lines.iter().zip(doc.verdicts).enumerate() {
        match verdict {
            Verdict::Keep => {
                if !text.is_empty() {
                    text.push_str(if gap { "\n\n" } else { "\n" });
                }
                text.push_str(line.trim());
                gap = false;
            }
            Verdict::Blank => gap = true,
            Verdict::Drop(rule) => {
                gap = true;
                report.dropped += 1;
                *report.by_rule.entry(rule.clone()).or_insert(0) += 1;
                report.dropped_lines.push(DroppedLine {
                    line: i + 1,
                    rule,
                    text: line.trim().to_owned(),
                });
            }
        }
    }
    Cleaned { text, report }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_patterns_parse_and_are_normalised() {
        let p = Patterns::parse(BUILTIN_PATTERNS).expect("built-in patterns parse");
        assert!(p.patterns.len() > 50);
        assert_eq!(p.patterns[0].section, "engagement");
    }

    #[test]
    fn pattern_file_errors_name_the_line() {
        let err = Patterns::parse("# c\nsubscribe\n").unwrap_err();
        assert!(
            err.starts_with("line 2:") && err.contains("[section]"),
            "{err}"
        );
        let err = Patterns::parse("[a]\nok\n[b max=3]\n").unwrap_err();
        assert!(
            err.starts_with("line 3:") && err.contains("max-words"),
            "{err}"
        );
        let err = Patterns::parse("[a]\nSubscribe!\n").unwrap_err();
        assert!(
            err.starts_with("line 2:") && err.contains("normal form"),
            "{err}"
        );
    }

    #[test]
    fn globs_match_whole_lines() {
        assert!(Glob::new("see also *").matches("see also a b"));
        assert!(!Glob::new("see also *").matches("we see also a b"));
        assert!(Glob::new("* getty images").matches("photo: x / getty images"));
        assert!(Glob::new("posted *:*").matches("posted at 11:02"));
        assert!(!Glob::new("posted *:*").matches("posted at noon"));
        assert!(Glob::new("a*a").matches("aa"));
        assert!(!Glob::new("a*a").matches("a"));
        assert!(Glob::new("subscribe").matches("subscribe"));
        assert!(!Glob::new("subscribe").matches("subscribers"));
    }

    #[test]
    fn normalises_case_quotes_bullets_and_trailing_punctuation() {
        assert_eq!(normalise("  • SUBSCRIBE  Now! »"), "subscribe now");
        assert_eq!(
            normalise("Required fields are marked *"),
            "required fields are marked"
        );
        assert_eq!(normalise("Editor’s  Picks:"), "editor's picks");
        assert_eq!(normalise("(c) 2022 AFP"), "(c) 2022 afp");
    }

    #[test]
    fn reports_counts_per_rule_and_keeps_layout() {
        let doc = "Headline of the story here\nFirst paragraph says something.\n\
                   Subscribe\nSecond paragraph.\n\n–\nМы в соцсетях\nThird one.\nClick\n";
        let out = clean_cluster(&[doc]);
        assert_eq!(
            out[0].text,
            "Headline of the story here\nFirst paragraph says something.\n\n\
             Second paragraph.\n\nThird one."
        );
        let r = &out[0].report;
        assert_eq!(r.lines, 9);
        assert_eq!(r.dropped, 4);
        let expected: BTreeMap<String, usize> = [
            ("engagement", 1),
            ("no-letters", 1),
            ("foreign-script", 1),
            ("fragment", 1),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        assert_eq!(r.by_rule, expected);
        assert_eq!(
            r.dropped_lines[2],
            DroppedLine {
                line: 7,
                rule: "foreign-script".into(),
                text: "Мы в соцсетях".into()
            }
        );
    }

    #[test]
    fn a_cyrillic_article_keeps_its_cyrillic_lines_and_an_english_quote() {
        let doc = "Переговоры в Женеве завершились без прорыва.\n\
                   Рябков сказал: «Мы не пойдём на уступки», he said in English.\n\
                   Leave a reply";
        let out = clean_cluster(&[doc]);
        assert_eq!(out[0].report.by_rule.get("foreign-script"), None);
        assert_eq!(out[0].report.by_rule.get("comments"), Some(&1));
        assert_eq!(out[0].text.lines().count(), 2);
    }

    #[test]
    fn repeated_furniture_is_dropped_from_every_document_but_shared_sentences_stay() {
        let a = "Talks began in Geneva on Monday.\nMore World News From Our Desk\n\
                 \"No one is threatening anyone with military action,\" Peskov said on CNN.";
        let b = "Russia sent its deputy foreign minister.\nMore World News From Our Desk\n\
                 \"No one is threatening anyone with military action,\" Peskov said on CNN.";
        let out = clean_cluster(&[a, b]);
        for c in &out {
            assert_eq!(c.report.by_rule.get("repeated"), Some(&1));
            assert!(!c.text.contains("More World News"));
            assert!(c.text.contains("Peskov said on CNN."));
        }
        // A single document has nothing to compare against.
        let alone = clean_cluster(&[a]);
        assert!(alone[0].text.contains("More World News"));
    }

    #[test]
    fn caption_next_to_a_credit_is_dropped_but_a_punctuated_line_is_not() {
        let doc =
            "Body sentence one.\n\nPhoto by Jane Doe, Reuters\n\nPresident Vladimir Putin\n\n\
                   Body sentence two.\n\nPHOTO: AFP\n\nThe talks ended late.";
        let out = clean_cluster(&[doc]);
        let r = &out[0].report;
        assert_eq!(r.by_rule.get("credit"), Some(&2));
        assert_eq!(r.by_rule.get("caption"), Some(&1));
        assert_eq!(
            out[0].text,
            "Body sentence one.\n\nBody sentence two.\n\nThe talks ended late."
        );
    }

    #[test]
    fn menus_and_long_lines_matching_a_pattern_prefix() {
        let doc = "Home | World | Europe | Ukraine crisis\n\
                   Posted on Monday, the statement said that Russia would not withdraw its troops \
                   from the border regions of Ukraine.";
        let out = clean_cluster(&[doc]);
        assert_eq!(out[0].report.by_rule.get("menu"), Some(&1));
        assert_eq!(out[0].report.dropped, 1, "{:?}", out[0].report);
    }

    #[test]
    fn short_lines_in_scripts_without_spaces_are_not_fragments() {
        // One whitespace "word" each, but sentences: 。 is sentence punctuation, and Thai
        // has none to miss. A Latin line of three words without a period still goes.
        for doc in [
            "雅安发生地震。\n救援队已赶到。",
            "นายกรัฐมนตรีเดินทางถึงโตเกียว\nการประชุมเริ่มพรุ่งนี้",
        ] {
            let out = clean_cluster(&[doc]);
            assert_eq!(out[0].text, doc);
        }
        let out = clean_cluster(&["The talks resumed.\nNews agency staff"]);
        assert_eq!(out[0].report.by_rule.get("fragment"), Some(&1));
    }

    #[test]
    fn keep_all_counts_lines_and_drops_nothing() {
        let c = Cleaned::keep_all("a\n\nSubscribe\n");
        assert_eq!(c.text, "a\n\nSubscribe\n");
        assert_eq!(c.report.lines, 3);
        assert_eq!(c.report.dropped, 0);
        assert!(c.report.by_rule.is_empty());
    }
}
#[cfg(test)]
mod seed_cluster {
    //! The five scraped articles of `corpus/ukraine-talks-2022-01`, whose boilerplate was
    //! identified by reading them: each article must lose exactly those lines, for the
    //! stated reason, and keep its body.
    use super::*;

    const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/ukraine-talks-2022-01");
    const FILES: [&str; 5] = [
        "000_41e1909ba2f5f274",
        "001_1e0aafcb7a64bb82",
        "002_7125375718ed6204",
        "003_af0fc12505d22222",
        "004_a1f7b0ff46b15559",
    ];

    fn cleaned() -> Vec<Cleaned> {
        let texts: Vec<String> = FILES
            .iter()
            .map(|f| std::fs::read_to_string(format!("{DIR}/{f}.txt")).expect("seed article"))
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        clean_cluster(&refs)
    }

    /// (line number, rule, text) of every dropped line.
    fn dropped(c: &Cleaned) -> Vec<(usize, &str, &str)> {
        c.report
            .dropped_lines
            .iter()
            .map(|d| (d.line, d.rule.as_str(), d.text.as_str()))
            .collect()
    }

    #[test]
    fn each_article_loses_exactly_its_boilerplate() {
        let c = cleaned();
        assert_eq!(
            dropped(&c[0]),
            [
                (1, "fragment", "news agency"),
                (23, "no-letters", "."),
                (25, "sections", "You may also like"),
                (27, "sections", "Hot News"),
                (29, "sections", "TRENDING NEWS"),
                (31, "engagement", "Subscribe"),
                (33, "engagement", "follow us"),
                (35, "fragment", "Immediate Access Pro"),
            ]
        );
        assert_eq!(dropped(&c[1]), [(2, "dateline", "Posted at 11:02")]);
        assert_eq!(
            dropped(&c[2]),
            [
                (2, "no-letters", "–"),
                (3, "no-letters", "–"),
                (4, "advertising", "Content will continue after the ad"),
                (5, "advertising", "Advertising"),
                (6, "no-letters", "–"),
                (20, "no-letters", "–"),
            ]
        );
        assert_eq!(
            dropped(&c[3]),
            [
                (45, "foreign-script", "التعليقات والاراء"),
                (47, "foreign-script", "اضافة تعليق"),
            ]
        );
        assert_eq!(
            dropped(&c[4]),
            [
                (13, "credit", "Photo by Maxim Shemetov, Reuters"),
                (
                    15,
                    "caption",
                    "Russian Deputy Foreign Minister Sergei Ryabkov"
                ),
                (
                    23,
                    "teaser",
                    "See also\u{a0} England and Scotland exempt European and American travelers \
                     from quarantine | COVID-19 | news | the talk"
                ),
                (35, "comments", "Leave a Reply"),
                (
                    37,
                    "comments",
                    "Your email address will not be published. Required fields are marked *"
                ),
            ]
        );
        let counts: Vec<(usize, usize)> = c
            .iter()
            .map(|c| (c.report.lines, c.report.dropped))
            .collect();
        assert_eq!(counts, [(35, 8), (8, 1), (20, 6), (47, 2), (37, 5)]);
        assert_eq!(
            c[0].report.by_rule,
            [
                ("engagement", 2),
                ("fragment", 2),
                ("no-letters", 1),
                ("sections", 3)
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect::<BTreeMap<_, _>>()
        );
    }

    #[test]
    fn each_article_keeps_its_headline_and_body() {
        let c = cleaned();
        let keeps = [
            (
                0,
                "The West and Russia have “completely different” positions on Ukraine, says \
                 Kremlin spokesman",
            ),
            (
                0,
                "“No one is threatening anyone with military action. It would just be crazy to \
                 do that. But we will be ready to take responsive action,” the official said.",
            ),
            (0, "a conflict that has left more than 13,000 dead."),
            (
                1,
                "“No one is threatening anyone with military action”, “it would be madness”",
            ),
            (1, "we have unfortunately failed to achieve this result. »"),
            (
                1,
                "“It would be a big mistake” because it “would lead to a cessation",
            ),
            (2, "Kremlin spokesman Dmitry Peskov told reporters"),
            (
                2,
                "the deployment of Russian troops in Cuba and Venezuela was not ruled out.",
            ),
            (
                3,
                "Moscow confirms that it does not intend to attack Ukraine",
            ),
            (
                3,
                "\"We made it clear to colleagues that we have no plans and no intention",
            ),
            (3, "the hope is \"to agree on the approach to be taken.\""),
            (
                4,
                "Ukraine | Moscow rejects any “concession” during talks with Washington",
            ),
            (
                4,
                "Several Western officials have described these demands as “unacceptable.”",
            ),
            (4, "Eastern Ukraine has been torn apart since 2014"),
        ];
        for (d, text) in keeps {
            assert!(c[d].text.contains(text), "article {d} lost {text:?}");
        }
        // Every body paragraph survives: the kept paragraphs are exactly the raw ones minus
        // the dropped lines.
        let paragraphs: Vec<usize> = c
            .iter()
            .map(|c| c.text.lines().filter(|l| !l.trim().is_empty()).count())
            .collect();
        assert_eq!(paragraphs, [10, 7, 14, 22, 14]);
    }
}
