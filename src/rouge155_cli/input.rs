//! Summary files in the script's formats (SEE, SPL, ISI), turned into the
//! sentence-per-line text the ROUGE-1.5.5 engine reads.
//!
//! The script reads files as bytes with Perl's line reader and keeps, per format:
//! - SEE (what pyrouge writes): lines matching
//!   `^<a size="N" name="N">[N]</a>\s+<a href="#N" id=N>([^<]+)` or the same without
//!   `size="N"`; the sentence is the capture, up to the next `<`;
//! - ISI: lines matching `^<S SNTNO="[0-9a-z,]+">([^<]+)</S>`;
//! - SPL: every non-empty line.
//!
//! The engine takes sentences joined by `\n` as UTF-8. Two byte substitutions make any
//! file fit without changing a score: a byte ≥ 0x80 becomes `#` (for the script both are
//! one byte that is neither whitespace nor part of a `[a-z0-9]` token), and a `\n`
//! captured inside a sentence (an unterminated SEE line) becomes `\x0B` (both are one
//! byte of Perl `\s`), so `-l` and `-b` count exactly what the script counts.

use std::path::Path;

use super::args::Format;
use crate::{Error, Result};

/// Reads the summary at `path` in `format` into the engine's text.
pub fn read_summary(path: &Path, format: Format) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    Ok(to_engine_text(&bytes, format))
}

/// The sentences of a file's bytes, as the engine's sentence-per-line text.
pub fn to_engine_text(bytes: &[u8], format: Format) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    match format {
        Format::Spl => out.extend_from_slice(bytes),
        Format::See | Format::Isi => {
            for line in bytes.split_inclusive(|&b| b == b'\n') {
                let sentence = match format {
                    Format::See => see_sentence(line),
                    _ => isi_sentence(line),
                };
                if let Some(s) = sentence {
                    if !out.is_empty() {
                        out.push(b'\n');
                    }
                    out.extend(s.iter().map(|&b| if b == b'\n' { 0x0B } else { b }));
                }
            }
        }
    }
    for b in &mut out {
        if *b >= 0x80 {
            *b = b'#';
        }
    }
    // Only ASCII bytes remain, so the lossy conversion never replaces anything.
    String::from_utf8_lossy(&out).into_owned()
}

/// A cursor over one line, matching the pieces of the script's regular expressions.
struct Cursor<'a> {
    s: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn lit(&mut self, l: &str) -> Option<()> {
        let l = l.as_bytes();
        if self.s[self.at..].starts_with(l) {
            self.at += l.len();
            Some(())
        } else {
            None
        }
    }

    /// `[class]+` (greedy; every use is followed by a byte outside the class).
    fn many(&mut self, class: impl Fn(u8) -> bool) -> Option<&'a [u8]> {
        let start = self.at;
        while self.at < self.s.len() && class(self.s[self.at]) {
            self.at += 1;
        }
        (self.at > start).then(|| &self.s[start..self.at])
    }

    fn digits(&mut self) -> Option<()> {
        self.many(|b| b.is_ascii_digit()).map(|_| ())
    }
}

/// Perl's `\s` on bytes.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// The sentence of a SEE line, if the line is a sentence line.
fn see_sentence(line: &[u8]) -> Option<&[u8]> {
    let mut c = Cursor { s: line, at: 0 };
    c.lit("<a ")?;
    if c.lit("size=\"").is_some() {
        c.digits()?;
        c.lit("\" ")?;
    }
    c.lit("name=\"")?;
    c.digits()?;
    c.lit("\">[")?;
    c.digits()?;
    c.lit("]</a>")?;
    c.many(is_space)?;
    c.lit("<a href=\"#")?;
    c.digits()?;
    c.lit("\" id=")?;
    c.digits()?;
    c.lit(">")?;
    c.many(|b| b != b'<')
}

/// The sentence of an ISI line, if the line is a sentence line.
fn isi_sentence(line: &[u8]) -> Option<&[u8]> {
    let mut c = Cursor { s: line, at: 0 };
    c.lit("<S SNTNO=\"")?;
    c.many(|b| b.is_ascii_digit() || b.is_ascii_lowercase() || b == b',')?;
    c.lit("\">")?;
    let s = c.many(|b| b != b'<')?;
    c.lit("</S>")?;
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn see_as_pyrouge_writes_it() {
        let html = "<html>\n<head>\n<title>t</title>\n</head>\n<body bgcolor=\"white\">\n\
<a name=\"1\">[1]</a> <a href=\"#1\" id=1>The Cat sat.</a>\n\
<a name=\"2\">[2]</a> <a href=\"#2\" id=2></a>\n\
<a size=\"5\" name=\"3\">[3]</a>\t<a href=\"#3\" id=3>caf\u{e9} x<y</a>\n\
<a name=\"4\">[4]</a> <a href=\"#4\" id=4>open";
        assert_eq!(
            to_engine_text(html.as_bytes(), Format::See),
            "The Cat sat.\ncaf## x\nopen"
        );
        let html = "<a name=\"4\">[4]</a> <a href=\"#4\" id=4>open\n";
        assert_eq!(to_engine_text(html.as_bytes(), Format::See), "open\x0B");
    }

    #[test]
    fn isi_and_spl() {
        let isi = "<S SNTNO=\"1,a\">One two.</S>\n<S SNTNO=\"B\">no</S>\n<S SNTNO=\"2\">x</S >\n";
        assert_eq!(to_engine_text(isi.as_bytes(), Format::Isi), "One two.");
        assert_eq!(
            to_engine_text(b"a\xff\n\nb\r\n", Format::Spl),
            "a#\n\nb\r\n"
        );
    }
}
