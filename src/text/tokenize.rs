//! Word tokenization for the summarizers' features (not for ROUGE, which has its own,
//! reference-exact tokenizers in [`crate::rouge`]).
//!
//! A token is a maximal run of letters or digits of any script; an apostrophe or hyphen
//! between two such characters stays inside the token ("don't", "Russia-NATO"), because
//! splitting them would create junk tokens ("t", "s") that pollute term statistics.

/// Splits `text` into lowercased word tokens.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '’' | '-')
            && !cur.is_empty()
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric())
        {
            cur.push(if c == '’' { '\'' } else { c });
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Counts whitespace-separated words, the unit of word budgets (as ROUGE's `-l` counts).
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    #[test]
    fn word_count_uses_whitespace() {
        assert_eq!(word_count(" a  b\tc\nd "), 4);
    }
}
