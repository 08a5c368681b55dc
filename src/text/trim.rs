//! Rule-based trimming of English news sentences, after the sentence cleaner of the ICSI
//! summarizer (Gillick, Favre et al., "The ICSI/UTD Summarization System at TAC 2009"; its
//! released `sentence_cleaner.py`), which the published ICSISumm DUC 2004 summaries show.
//!
//! Words that carry no content a reader of a multi-document summary needs are cut, so an
//! extractive summary spends its length limit on content:
//!
//! - a weekday phrase: "on Friday", "last Sunday night" (`on|last|this|next|late` + weekday
//!   + an optional `morning|afternoon|evening|night`);
//! - a final attribution clause after the last comma: ", a Saudi official said." and, as
//!   AP style dates it, ", the commission said Saturday." (the clause holds no comma or
//!   quotation mark and ends in `said` or `reported`, optionally followed by a weekday);
//! - a leading connective ("However,", "But", "And") and ", however," inside the sentence.
//!
//! Sentences of 8 words or fewer are left alone (ICSI's guard), and the attribution rule
//! only applies to sentences of more than 10 words. The rules are English-only.

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Splits a word into its body and its trailing `,` or `.` (if any).
fn split_punct(w: &str) -> (&str, &str) {
    match w.strip_suffix([',', '.']) {
        Some(body) => (body, &w[body.len()..]),
        None => (w, ""),
    }
}

fn is_weekday(w: &str) -> bool {
    WEEKDAYS.contains(&w.to_lowercase().as_str())
}

/// Attaches the punctuation `p` (`,`, `.` or empty) that closed a removed phrase to the
/// word before it: "talks, on Friday, ended" becomes "talks ended", "met on Friday." becomes
/// "met.", "met on Friday, and" becomes "met, and".
fn reattach(words: &mut [String], at: usize, p: &str) {
    if at == 0 || p.is_empty() {
        return;
    }
    let prev = &mut words[at - 1];
    if p == "." {
        if let Some(body) = prev.strip_suffix(',') {
            *prev = body.to_owned();
        }
        if !prev.ends_with('.') {
            prev.push('.');
        }
    } else if prev.ends_with(',') {
        // The phrase sat between two commas: drop both.
        prev.pop();
    } else if !prev.ends_with(['.', ':', ';']) {
        prev.push_str(p);
    }
}

/// Removes weekday phrases ("on Friday", "late Sunday night").
fn drop_weekdays(words: &mut Vec<String>) {
    let mut i = 0;
    while i + 1 < words.len() {
        let lead = words[i].to_lowercase();
        let (day, mut punct) = split_punct(&words[i + 1]);
        if !matches!(lead.as_str(), "on" | "last" | "this" | "next" | "late") || !is_weekday(day) {
            i += 1;
            continue;
        }
        let mut end = i + 2;
        if punct.is_empty() {
            if let Some(next) = words.get(i + 2) {
                let (part, p) = split_punct(next);
                if matches!(
                    part.to_lowercase().as_str(),
                    "morning" | "afternoon" | "evening" | "night"
                ) {
                    punct = p;
                    end = i + 3;
                }
            }
        }
        let punct = punct.to_owned();
        words.drain(i..end);
        reattach(words, i, &punct);
    }
}

/// Removes a final `, <clause> said.` / `, <clause> reported Saturday.` attribution.
fn drop_final_attribution(words: &mut Vec<String>) {
    let n = words.len();
    let Some(last) = words.last() else { return };
    if !last.ends_with('.') || last.ends_with("..") {
        return;
    }
    // The verb is the last word, or the one before a final weekday.
    let (tail_body, _) = split_punct(last);
    let verb_at = if is_weekday(tail_body) { n - 2 } else { n - 1 };
    if verb_at == 0 {
        return;
    }
    let (verb, vp) = split_punct(&words[verb_at]);
    if !matches!(verb.to_lowercase().as_str(), "said" | "reported") {
        return;
    }
    if verb_at != n - 1 && !vp.is_empty() {
        return;
    }
    // The clause starts after the last word that ends with a comma, and needs at least one
    // word before the verb.
    let Some(comma) = (0..verb_at).rev().find(|&k| words[k].ends_with(',')) else {
        return;
    };
    if comma + 1 >= verb_at {
        return;
    }
    let quoted = words[comma + 1..n]
        .iter()
        .any(|w| w.contains(['"', '“', '”']) || w.contains("``") || w.contains("''"));
    if quoted {
        return;
    }
    words.truncate(comma + 1);
    if let Some(prev) = words.last_mut() {
        prev.pop();
        prev.push('.');
    }
}

/// Removes leading connectives and ", however," / ", though," / ", meanwhile,".
fn drop_connectives(words: &mut Vec<String>) {
    if let Some(first) = words.first() {
        let lower = first.to_lowercase();
        let drop = matches!(
            lower.as_str(),
            "however," | "still," | "so," | "nonetheless," | "and" | "and," | "but" | "but,"
        );
        if drop && words.len() > 1 {
            words.remove(0);
        }
    }
    let mut k = 1;
    while k < words.len() {
        if words[k - 1].ends_with(',')
            && matches!(words[k].as_str(), "however," | "though," | "meanwhile,")
        {
            words.remove(k);
            let prev = &mut words[k - 1];
            prev.pop();
        } else {
            k += 1;
        }
    }
}

/// Trims one sentence (whitespace-normalised); returns it unchanged when no rule applies.
pub fn trim_sentence(text: &str) -> String {
    let mut words: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
    if words.len() <= 8 {
        return words.join(" ");
    }
    drop_weekdays(&mut words);
    if words.len() > 10 {
        drop_final_attribution(&mut words);
    }
    drop_connectives(&mut words);
    let mut out = words.join(" ");
    // Capitalise the new first letter (after an opening quotation mark, if any).
    if let Some((i, c)) = out.char_indices().find(|(_, c)| c.is_alphanumeric()) {
        if c.is_lowercase() {
            let upper: String = c.to_uppercase().collect();
            out.replace_range(i..i + c.len_utf8(), &upper);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::trim_sentence;

    #[test]
    fn drops_weekday_phrases_keeping_punctuation() {
        assert_eq!(
            trim_sentence(
                "Cambodian leader Hun Sen on Friday rejected opposition parties' demands for talks."
            ),
            "Cambodian leader Hun Sen rejected opposition parties' demands for talks."
        );
        assert_eq!(
            trim_sentence("The two leaders met in the capital of the country late Sunday night."),
            "The two leaders met in the capital of the country."
        );
        assert_eq!(
            trim_sentence("The talks, on Monday, ended without any agreement on the budget."),
            "The talks ended without any agreement on the budget."
        );
        // No leading preposition, or not a weekday ("Fridays"): kept.
        let s = "The Friday prayers in the capital drew crowds of worshippers on Fridays.";
        assert_eq!(trim_sentence(s), s);
    }

    #[test]
    fn drops_a_final_attribution_clause() {
        assert_eq!(
            trim_sentence(
                "At least 231 people have been confirmed dead in Honduras from Mitch, \
                 the National Emergency Commission said Saturday."
            ),
            "At least 231 people have been confirmed dead in Honduras from Mitch."
        );
        assert_eq!(
            trim_sentence(
                "Saudi Arabia is considering sending a small team to the games, a Saudi official said."
            ),
            "Saudi Arabia is considering sending a small team to the games."
        );
        // A quotation in the clause, or no word before the verb: kept.
        let quoted = "The talks will go on for a long time to come, ``we hope,'' he said.";
        assert_eq!(trim_sentence(quoted), quoted);
        let bare = "The talks will go on for a long time to come and then end, said.";
        assert_eq!(trim_sentence(bare), bare);
        // 10 words or fewer: the clause stays.
        let short = "The storm killed 231 people, the commission said.";
        assert_eq!(trim_sentence(short), short);
    }

    #[test]
    fn drops_connectives_and_recapitalises() {
        assert_eq!(
            trim_sentence("But the opposition leader refused to return to the country for talks."),
            "The opposition leader refused to return to the country for talks."
        );
        assert_eq!(
            trim_sentence("However, the opposition leader refused to return for the talks."),
            "The opposition leader refused to return for the talks."
        );
        assert_eq!(
            trim_sentence("The leader, however, refused to return to the country for talks."),
            "The leader refused to return to the country for talks."
        );
    }

    #[test]
    fn short_sentences_are_left_alone() {
        assert_eq!(
            trim_sentence("But he came on Friday."),
            "But he came on Friday."
        );
    }
}
