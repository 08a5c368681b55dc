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
use crate::TokenizerKind;
use rustc_hash::FxHashMap;
use std::sync::RwLock;

/// `PREFIX_MASK[n]`: the low n bytes of a `u128` set (a table load is cheaper than a
/// variable 128-bit shift).
const PREFIX_MASK: [u128; 17] = {
    let mut t = [0u128; 17];
    let mut n = 1;
    while n <= 16 {
        t[n] = (t[n - 1] << 8) | 0xFF;
        n += 1;
    }
    t
};

/// `| LOWER` lowercases ASCII letters and leaves digits unchanged.
const LOWER: u128 = u128::from_le_bytes([0x20; 16]);

/// ASCII byte → its lowercase if it is a letter or digit, else 0 (a token boundary).
const ASCII_TOKEN: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = (b as u8).to_ascii_lowercase();
        if c.is_ascii_alphanumeric() {
            t[b] = c;
        }
        b += 1;
    }
    t
};

/// One token: packed into an integer when at most 16 bytes (tokens never contain a
/// zero byte, so zero padding is unambiguous), else a span of [`RawTokens::long`],
/// marked by a 0xFF top byte (never part of UTF-8). One `u128`, no enum tag, so the
/// token list stays compact.
#[derive(Clone, Copy)]
struct Key(u128);

/// A [`Key`] decoded.
enum KeyKind {
    Short(u128),
    Long(u32, u32),
}

impl Key {
    const LONG: u128 = 0xFF << 120;

    fn long(start: u32, end: u32) -> Self {
        Key(Self::LONG | (u128::from(start) << 32) | u128::from(end))
    }

    fn kind(self) -> KeyKind {
        if self.0 & Self::LONG == Self::LONG {
            KeyKind::Long((self.0 >> 32) as u32, self.0 as u32)
        } else {
            KeyKind::Short(self.0)
        }
    }
}

/// For 8 ASCII bytes (`x`, little-endian): bit k of the first result is set iff byte k
/// is a letter or digit, bit k of the second iff it is a newline. SWAR: per byte, adding
/// `0x80 - lo` sets the high bit iff the byte is ≥ lo (bytes are below 0x80, so nothing
/// carries into the next byte); one multiplication gathers the high bits.
fn classify(x: u64) -> (u64, u64) {
    const fn splat(b: u8) -> u64 {
        u64::from_le_bytes([b; 8])
    }
    let ge = |v: u64, lo: u8| v.wrapping_add(splat(0x80 - lo)) & splat(0x80);
    let gather = |high: u64| high.wrapping_mul(0x0002_0408_1020_4081) >> 56;
    let lower = x | splat(0x20);
    let letter = ge(lower, b'a') & !ge(lower, b'z' + 1);
    let digit = ge(x, b'0') & !ge(x, b'9' + 1);
    let newline = !ge(x ^ splat(b'\n'), 1) & splat(0x80);
    (gather(letter | digit), gather(newline))
}

/// The tokens of one text, before interning: packed lowercase tokens and sentence breaks.
#[derive(Default)]
pub(crate) struct RawTokens {
    keys: Vec<Key>,
    /// Bytes of the tokens longer than 16 bytes, back to back.
    long: Vec<u8>,
    /// The token being built character by character (text with non-ASCII characters).
    cur: Vec<u8>,
    /// Number of tokens seen before each newline.
    breaks: Vec<usize>,
    /// Token-byte bit set of the ASCII fast path.
    marks: Vec<u64>,
    /// Newline bit set of the ASCII fast path.
    newline_marks: Vec<u64>,
}

impl RawTokens {
    /// Records the token `text[start..end]`, whose bytes are ASCII letters and digits,
    /// lowercasing them (`| 0x20` lowercases a letter and leaves a digit unchanged).
    fn push_ascii(&mut self, text: &[u8], start: usize, end: usize) {
        let len = end - start;
        if len <= 16 {
            // One 16-byte load when the text extends that far, masked to the token;
            // building the integer byte by byte through memory stalls store forwarding.
            let x = match text.get(start..start + 16) {
                Some(w) => u128::from_le_bytes(w.try_into().unwrap_or_default()),
                None => {
                    let mut b = [0u8; 16];
                    b[..len].copy_from_slice(&text[start..end]);
                    u128::from_le_bytes(b)
                }
            };
            self.keys.push(Key((x | LOWER) & PREFIX_MASK[len]));
        } else {
            let from = self.long.len() as u32;
            self.long.extend(text[start..end].iter().map(|s| s | 0x20));
            self.keys.push(Key::long(from, self.long.len() as u32));
        }
    }

    /// Records the token built in `cur`, if any.
    fn close_cur(&mut self) {
        if self.cur.is_empty() {
            return;
        }
        if self.cur.len() <= 16 {
            let mut b = [0u8; 16];
            b[..self.cur.len()].copy_from_slice(&self.cur);
            self.keys.push(Key(u128::from_le_bytes(b)));
        } else {
            let start = self.long.len() as u32;
            self.long.extend_from_slice(&self.cur);
            self.keys.push(Key::long(start, self.long.len() as u32));
        }
        self.cur.clear();
    }

    /// The bytes of token `k`.
    fn token(&self, k: usize) -> Vec<u8> {
        match self.keys[k].kind() {
            KeyKind::Short(x) => {
                let mut v = x.to_le_bytes().to_vec();
                v.retain(|&b| b != 0);
                v
            }
            KeyKind::Long(s, e) => self.long[s as usize..e as usize].to_vec(),
        }
    }

    /// Number of tokens.
    pub(crate) fn len(&self) -> usize {
        self.keys.len()
    }

    /// Tokenizes `text` into `self` (replacing what was there).
    pub(crate) fn fill(&mut self, text: &str, kind: TokenizerKind) {
        self.keys.clear();
        self.long.clear();
        self.cur.clear();
        self.breaks.clear();
        if text.is_ascii() {
            self.fill_ascii(text.as_bytes());
        } else {
            self.fill_chars(text, kind);
        }
    }

    /// Pure-ASCII text, the common case. Token bytes are first marked in a bit set, 64
    /// bytes per word without branches; tokens are then found with trailing-zero counts,
    /// so the work per token has no data-dependent branch per byte (word lengths are
    /// unpredictable and mispredicted byte loops dominated tokenizing).
    fn fill_ascii(&mut self, bytes: &[u8]) {
        let words = bytes.len().div_ceil(64);
        let mut marks = std::mem::take(&mut self.marks);
        marks.clear();
        let mut newline_marks = std::mem::take(&mut self.newline_marks);
        newline_marks.clear();
        for chunk in bytes.chunks(64) {
            let (mut m, mut nl) = (0u64, 0u64);
            for (k, group) in chunk.chunks(8).enumerate() {
                let mut b = [0u8; 8];
                b[..group.len()].copy_from_slice(group);
                let (a, n) = classify(u64::from_le_bytes(b));
                m |= a << (8 * k);
                nl |= n << (8 * k);
            }
            marks.push(m);
            newline_marks.push(nl);
        }
        // Newline positions in order, from the bit set (padding bytes are not newlines).
        let mut nl_word = 0;
        let mut nl_bits = newline_marks.first().copied().unwrap_or(0);
        let nl_marks = &newline_marks;
        let mut next_newline = move || loop {
            if nl_bits != 0 {
                let p = nl_word * 64 + nl_bits.trailing_zeros() as usize;
                nl_bits &= nl_bits - 1;
                return p;
            }
            nl_word += 1;
            match nl_marks.get(nl_word) {
                Some(&b) => nl_bits = b,
                None => return usize::MAX,
            }
        };
        let mut newline = next_newline();
        let mut pos = 0;
        loop {
            // Next token start: first marked bit at or after pos.
            let mut w = pos / 64;
            if w >= words {
                break;
            }
            let mut bits = marks[w] & (!0u64 << (pos % 64));
            while bits == 0 {
                w += 1;
                if w == words {
                    break;
                }
                bits = marks[w];
            }
            if bits == 0 {
                break;
            }
            let start = w * 64 + bits.trailing_zeros() as usize;
            // Token end: first unmarked bit after start (bits past the text are unmarked).
            let mut bits = !marks[w] & (!0u64 << (start % 64));
            while bits == 0 {
                w += 1;
                bits = if w == words { 1 } else { !marks[w] };
            }
            let end = (w * 64 + bits.trailing_zeros() as usize).min(bytes.len());
            while newline < start {
                self.breaks.push(self.keys.len());
                newline = next_newline();
            }
            self.push_ascii(bytes, start, end);
            pos = end;
        }
        while newline != usize::MAX {
            self.breaks.push(self.keys.len());
            newline = next_newline();
        }
        self.marks = marks;
        self.newline_marks = newline_marks;
    }

    /// Any text, character by character.
    fn fill_chars(&mut self, text: &str, kind: TokenizerKind) {
        let bytes = text.as_bytes();
        let is_token = |b: u8| b < 0x80 && ASCII_TOKEN[b as usize] != 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if ASCII_TOKEN[b as usize] == 0 {
                    self.close_cur();
                    if b == b'\n' {
                        self.breaks.push(self.keys.len());
                    }
                    i += 1;
                } else if !self.cur.is_empty() {
                    self.cur.push(b | 0x20);
                    i += 1;
                } else {
                    // Fast path: a run of ASCII letters and digits.
                    let start = i;
                    while i < bytes.len() && is_token(bytes[i]) {
                        i += 1;
                    }
                    if i == bytes.len() || bytes[i] < 0x80 {
                        self.push_ascii(bytes, start, i);
                    } else {
                        // A non-ASCII character follows and may continue the token.
                        self.cur.extend(bytes[start..i].iter().map(|s| s | 0x20));
                    }
                }
                continue;
            }
            // A non-ASCII character: `i` is on a char boundary because every earlier
            // step advanced by whole characters.
            let c = text[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            for lc in c.to_lowercase() {
                let keep = match kind {
                    TokenizerKind::Default => lc.is_ascii_alphanumeric(),
                    TokenizerKind::Unicode => lc.is_alphanumeric(),
                };
                if keep {
                    let mut utf8 = [0u8; 4];
                    self.cur
                        .extend_from_slice(lc.encode_utf8(&mut utf8).as_bytes());
                } else {
                    self.close_cur();
                }
            }
        }
        self.close_cur();
    }

    /// Token-index ranges of the text's lines that have at least one token.
    pub(crate) fn sentences(&self) -> Vec<std::ops::Range<u32>> {
        let mut out = Vec::with_capacity(self.breaks.len() + 1);
        let mut start = 0;
        for &end in self.breaks.iter().chain(std::iter::once(&self.keys.len())) {
            if end > start {
                out.push(start as u32..end as u32);
            }
            start = end;
        }
        out
    }
}

/// Hasher for packed tokens: a folded 64×64→128-bit multiply mixes every input bit into
/// every output bit. (Fx hashing leaves the bucket bits of a packed word depending on
/// its first few letters only, so words sharing a prefix collide.)
#[derive(Default)]
struct PackedHasher(u64);

impl PackedHasher {
    fn mix(a: u64, b: u64) -> u64 {
        let m = u128::from(a).wrapping_mul(u128::from(b));
        (m as u64) ^ ((m >> 64) as u64)
    }
}

impl std::hash::Hasher for PackedHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = Self::mix(x ^ self.0 ^ 0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7345);
    }

    fn write_u128(&mut self, x: u128) {
        self.0 = Self::mix(
            (x as u64) ^ self.0 ^ 0x243F_6A88_85A3_08D3,
            ((x >> 64) as u64) ^ 0x1319_8A2E_0370_7344,
        );
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type PackedMap<K> = std::collections::HashMap<K, u32, std::hash::BuildHasherDefault<PackedHasher>>;

#[derive(Default)]
struct Table {
    /// Raw tokens of at most 8 bytes, packed → id of the (stemmed) form.
    small: PackedMap<u64>,
    /// Raw tokens of 9 to 16 bytes, packed → id of the (stemmed) form.
    medium: PackedMap<u128>,
    /// Longer raw tokens → id of the (stemmed) form.
    long: FxHashMap<Box<[u8]>, u32>,
    /// Stemmed form → id; used only with the stemmer, where several raw tokens share one.
    forms: FxHashMap<Box<str>, u32>,
    /// Number of ids given out.
    next: u32,
}

impl Table {
    fn get(&self, tokens: &RawTokens, k: usize) -> Option<u32> {
        match tokens.keys[k].kind() {
            KeyKind::Short(x) if x >> 64 == 0 => self.small.get(&(x as u64)).copied(),
            KeyKind::Short(x) => self.medium.get(&x).copied(),
            KeyKind::Long(s, e) => self.long.get(&tokens.long[s as usize..e as usize]).copied(),
        }
    }
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

    /// The ids of `tokens`, written to `out`.
    pub(crate) fn intern(&self, tokens: &RawTokens, out: &mut Vec<u32>) {
        out.clear();
        let mut missing = false;
        {
            // A poisoned lock only means another thread panicked mid-insert; the table
            // is still a valid map (insertion is the last step), so keep using it.
            let table = self.table.read().unwrap_or_else(|e| e.into_inner());
            for k in 0..tokens.len() {
                let id = table.get(tokens, k).unwrap_or(u32::MAX);
                missing |= id == u32::MAX;
                out.push(id);
            }
        }
        if !missing {
            return;
        }
        let mut table = self.table.write().unwrap_or_else(|e| e.into_inner());
        for (k, id) in out.iter_mut().enumerate() {
            if *id == u32::MAX {
                *id = match table.get(tokens, k) {
                    Some(id) => id,
                    None => self.insert(&mut table, tokens, k),
                };
            }
        }
    }

    fn insert(&self, table: &mut Table, tokens: &RawTokens, k: usize) -> u32 {
        let token = tokens.token(k);
        let id = if self.stem {
            // Tokens are whole UTF-8 characters (see `RawTokens::fill`).
            let text = String::from_utf8_lossy(&token);
            // rouge-score stems only tokens longer than three characters; our stemmer
            // leaves non-ASCII tokens (unicode tokenizer only) unchanged.
            let form = if text.chars().count() > 3 {
                porter::stem(&text)
            } else {
                text.into_owned()
            };
            let next = table.next;
            let id = *table.forms.entry(form.into_boxed_str()).or_insert(next);
            if id == next {
                table.next += 1;
            }
            id
        } else {
            table.next += 1;
            table.next - 1
        };
        match tokens.keys[k].kind() {
            KeyKind::Short(x) if x >> 64 == 0 => table.small.insert(x as u64, id),
            KeyKind::Short(x) => table.medium.insert(x, id),
            KeyKind::Long(..) => table.long.insert(token.into(), id),
        };
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str, kind: TokenizerKind) -> Vec<String> {
        let mut t = RawTokens::default();
        t.fill(text, kind);
        (0..t.len())
            .map(|k| String::from_utf8(t.token(k)).unwrap())
            .collect()
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

    /// The ASCII fast path and the character path must agree, across 64-byte word
    /// boundaries, on tokens of every length and on line breaks.
    #[test]
    fn ascii_fast_path_matches_character_path() {
        let mut text = String::new();
        for k in 0..300usize {
            let len = 1 + (k * 7) % 23;
            text.extend((0..len).map(|j| (b'A' + ((k + j) % 26) as u8) as char));
            text.push_str([" ", "--", "\n", " 42 ", ".\n\n", "'"][k % 6]);
        }
        for cut in [0, 1, 63, 64, 65, 127, 128, 500, text.len()] {
            let t = &text[..cut];
            let (mut fast, mut slow) = (RawTokens::default(), RawTokens::default());
            fast.fill(t, TokenizerKind::Default);
            slow.fill_chars(t, TokenizerKind::Default);
            let all = |r: &RawTokens| (0..r.len()).map(|k| r.token(k)).collect::<Vec<_>>();
            assert_eq!(all(&fast), all(&slow), "cut {cut}");
            assert_eq!(fast.breaks, slow.breaks, "cut {cut}");
        }
    }

    #[test]
    fn swar_classifies_every_ascii_byte() {
        for b in 0u8..0x80 {
            for k in 0..8 {
                let mut bytes = [b'.'; 8];
                bytes[k] = b;
                let alnum = u64::from(b.is_ascii_alphanumeric()) << k;
                let newline = u64::from(b == b'\n') << k;
                let got = classify(u64::from_le_bytes(bytes));
                assert_eq!(got, (alnum, newline), "{b:#x} at {k}");
            }
        }
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
        t.fill(
            "talks talk talked was cats internationalizations internationalization",
            TokenizerKind::Default,
        );
        let mut ids = Vec::new();
        interner.intern(&t, &mut ids);
        // "talks" → "talk", "talked" → "talk"; "was" is too short to stem.
        assert_eq!(ids[0], ids[1]);
        assert_eq!(ids[0], ids[2]);
        assert_ne!(ids[3], ids[0]);
        // "cats" → "cat" differs from all others.
        assert!(!ids[..4].contains(&ids[4]));
        // Tokens over 16 bytes take the long-key path and still share their stem.
        assert_eq!(ids[5], ids[6]);
        assert!(!ids[..5].contains(&ids[5]));
    }
}
