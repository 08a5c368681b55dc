//! A text file read one line at a time under the input policy of
//! [`crate::util::decode_text`], for the formats that hold one cluster per line (JSON
//! Lines, WCEP, Multi-News): a run reads them twice, to check and then to run, and holding
//! a 100 MB file (twice over, as bytes and as text) for the whole run made its memory grow
//! with the dataset.
//!
//! The policy is the whole-file one ([`crate::util::decode_part`] decodes each line as
//! part of its file), applied as the lines come: a NUL byte is refused as binary, naming
//! its line and byte offset; a leading byte-order mark is dropped; invalid UTF-8 is
//! decoded lossily and reported once per file, at the first bad byte, with the same line
//! and offset the whole-file decoder gives. Lines end at `\n` or `\r\n`, as
//! [`str::lines`] splits them.
use super::Cluster;
use crate::util::{decode_part, report_lossy};
use crate::{Error, Result};
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// The lines of one file: `(1-based line number, text)`, or the error that ends them.
pub(crate) struct Lines<R> {
    reader: R,
    path: PathBuf,
    line: usize,
    offset: usize,
    lossy_reported: bool,
    ended: bool,
}

impl<R: BufRead> Lines<R> {
    /// Reads `reader`, naming `path` in errors and warnings.
    pub(crate) fn new(reader: R, path: &Path) -> Self {
        Lines {
            reader,
            path: path.to_owned(),
            line: 0,
            offset: 0,
            lossy_reported: false,
            ended: false,
        }
    }

    /// The file these lines come from.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    fn read_line(&mut self) -> Result<Option<(usize, String)>> {
        let mut bytes = Vec::new();
        let read = self
            .reader
            .read_until(b'\n', &mut bytes)
            .map_err(|e| Error::io(&self.path, e))?;
        if read == 0 {
            return Ok(None);
        }
        self.line += 1;
        let start = self.offset;
        self.offset += read;
        if bytes.last() == Some(&b'\n') {
            bytes.pop();
            if bytes.last() == Some(&b'\r') {
                bytes.pop();
            }
        }
        let (text, lossy) = decode_part(bytes, &self.path, (self.line, start))?;
        if let Some(lossy) = lossy.filter(|_| !self.lossy_reported) {
            self.lossy_reported = true;
            report_lossy(lossy);
        }
        Ok(Some((self.line, text)))
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Result<(usize, String)>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.ended {
            return None;
        }
        let item = self.read_line().transpose();
        // After an error or the end, nothing more: an error is the file's last word.
        self.ended = !matches!(item, Some(Ok(_)));
        item
    }
}

/// The lines of the file at `path`.
pub(crate) fn open(path: &Path) -> Result<Lines<std::io::BufReader<std::fs::File>>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    Ok(Lines::new(std::io::BufReader::new(file), path))
}

/// The lines of text held in memory (a loader's `parse`, the fuzz targets').
pub(crate) fn of_text<'t>(text: &'t str, path: &Path) -> Lines<&'t [u8]> {
    Lines::new(text.as_bytes(), path)
}

/// The clusters of a file holding one per line: `parse` makes each non-blank line's
/// (given its 1-based number); a file with none is an error saying `empty`. The first
/// error ends the clusters, as it ends a whole-file parse.
pub(crate) fn clusters<R: BufRead>(
    mut lines: Lines<R>,
    empty: &'static str,
    mut parse: impl FnMut(usize, &str) -> Result<Cluster>,
) -> impl Iterator<Item = Result<Cluster>> {
    let mut parsed = 0usize;
    let mut ended = false;
    std::iter::from_fn(move || {
        while !ended {
            let item = match lines.next() {
                None if parsed == 0 => Err(Error::input(lines.path(), None, empty)),
                None => break,
                Some(Err(e)) => Err(e),
                Some(Ok((_, line))) if line.trim().is_empty() => continue,
                Some(Ok((i, line))) => parse(i, &line),
            };
            parsed += 1;
            ended = item.is_err();
            return Some(item);
        }
        ended = true;
        None
    })
}

/// How many lines [`str::lines`] would give for the file at `path`, reading it in blocks
/// and keeping none of it.
pub(crate) fn count(path: &Path) -> Result<usize> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    let (mut lines, mut last) = (0usize, b'\n');
    loop {
        let block = reader.fill_buf().map_err(|e| Error::io(path, e))?;
        let Some(&end) = block.last() else { break };
        lines += block.iter().filter(|&&b| b == b'\n').count();
        last = end;
        let n = block.len();
        reader.consume(n);
    }
    Ok(lines + usize::from(last != b'\n'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::LossyDecoding;

    fn all(bytes: &[u8]) -> (Vec<Result<(usize, String)>>, Vec<LossyDecoding>) {
        crate::util::capture_lossy(|| Lines::new(bytes, Path::new("f.txt")).collect())
    }

    #[test]
    fn splits_like_str_lines_and_drops_a_leading_bom() {
        for text in [
            "a\nb\r\nc",
            "a\n\nb\n",
            "",
            "\n",
            "x\r",
            "\u{feff}a\n\u{feff}b",
        ] {
            let (lines, _) = all(text.as_bytes());
            let got: Vec<String> = lines.into_iter().map(|l| l.unwrap().1).collect();
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            let want: Vec<&str> = text.lines().collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn invalid_utf8_is_reported_once_where_the_whole_file_decoder_reports_it() {
        let bytes = b"ok\nCaf\xe9\nbad \xff too\n";
        let (lines, lossy) = all(bytes);
        let texts: Vec<String> = lines.into_iter().map(|l| l.unwrap().1).collect();
        assert_eq!(texts, ["ok", "Caf\u{fffd}", "bad \u{fffd} too"]);
        let (_, whole) = crate::util::decode_text(bytes.to_vec(), Path::new("f.txt")).unwrap();
        assert_eq!(lossy, [whole.unwrap()]);
        assert_eq!((lossy[0].line, lossy[0].offset), (2, 6));
    }

    #[test]
    fn a_nul_byte_ends_the_file_with_an_error_naming_line_and_offset() {
        let (lines, _) = all(b"one\ntw\0o\nthree\n");
        assert_eq!(lines.len(), 2);
        let err = lines[1].as_ref().unwrap_err().to_string();
        assert_eq!(
            err,
            "f.txt:2: looks like a binary file (NUL byte at byte offset 6); expected UTF-8 text"
        );
    }

    #[test]
    fn count_agrees_with_str_lines() {
        let dir = std::env::temp_dir().join(format!("sumbench-lines-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for text in ["", "a", "a\n", "a\nb", "a\n\n", "\n\n\n"] {
            let path = dir.join("f.txt");
            std::fs::write(&path, text).unwrap();
            assert_eq!(count(&path).unwrap(), text.lines().count(), "{text:?}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
