//! DUC/TAC-style datasets as NIST distributes them: a folder per docset
//! (`docs/d30001t/`) holding SGML article files (`APW19981016.0240`), each with one or
//! more `<DOC>` elements, and a flat folder of model summaries named
//! `<DOCSET>.M.<len>.<selector>.<assessor>` (`D30001.M.100.T.A`).
//!
//! A docset folder and its models are matched case-insensitively on the docset id without
//! NIST's trailing selector letter (`d30001t` ↔ `D30001`), because that is the only thing
//! the two naming schemes share. Articles keep their `<P>` paragraphs; the hard line
//! wraps inside a paragraph are joined, so the sentence splitter never sees a line break
//! in the middle of a sentence.
use super::dir::read_text;
use super::{validate, Cluster, Document, Reference};
use crate::{Error, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The text between `<TAG>` and `</TAG>` (case-insensitive), with the 1-based line the
/// opening tag is on; `None` when the element is absent.
fn element<'a>(sgml: &'a str, tag: &str) -> Option<(&'a str, usize, bool)> {
    let upper = sgml.to_ascii_uppercase();
    let open = format!("<{tag}>");
    let start = upper.find(&open)?;
    let body = start + open.len();
    let line = sgml[..start].matches('\n').count() + 1;
    match upper[body..].find(&format!("</{tag}>")) {
        Some(end) => Some((&sgml[body..body + end], line, true)),
        None => Some((&sgml[body..], line, false)),
    }
}

/// Decodes the few SGML entities found in newswire text.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let known = [
            ("&amp;", '&'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&quot;", '"'),
            ("&apos;", '\''),
        ];
        match known
            .iter()
            // Compared as bytes: `rest[..e.len()]` would panic when a multi-byte character
            // straddles that length (`&é…`); a match is ASCII, so slicing past it is safe.
            .find(|(e, _)| {
                rest.as_bytes()
                    .get(..e.len())
                    .is_some_and(|b| b.eq_ignore_ascii_case(e.as_bytes()))
            }) {
            Some((e, c)) => {
                out.push(*c);
                rest = &rest[e.len()..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Turns a `<TEXT>` body into paragraphs separated by blank lines: `<P>` tags and blank
/// lines end paragraphs, other tags are dropped, whitespace inside a paragraph collapses.
fn paragraphs(body: &str) -> String {
    let mut paras: Vec<String> = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, paras: &mut Vec<String>| {
        let p = current.split_whitespace().collect::<Vec<_>>().join(" ");
        if !p.is_empty() {
            paras.push(decode_entities(&p));
        }
        current.clear();
    };
    let mut rest = body;
    while !rest.is_empty() {
        // A tag starts with a letter or `/`; any other `<` is text ("x < y").
        let tag_start = rest
            .strip_prefix('<')
            .filter(|a| a.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/'));
        if let Some(after) = tag_start {
            if let Some(end) = after.find('>') {
                let tag = after[..end]
                    .trim()
                    .trim_start_matches('/')
                    .to_ascii_uppercase();
                if tag == "P" {
                    flush(&mut current, &mut paras);
                } else {
                    current.push(' ');
                }
                rest = &after[end + 1..];
                continue;
            }
        }
        // Skip at least one whole character, which may be several bytes long.
        let first = rest.chars().next().map_or(1, char::len_utf8);
        let next = rest[first..].find('<').map_or(rest.len(), |i| i + first);
        let chunk = &rest[..next];
        for (k, line) in chunk.split('\n').enumerate() {
            if k > 0 && line.trim().is_empty() {
                flush(&mut current, &mut paras);
            }
            current.push(' ');
            current.push_str(line);
        }
        rest = &rest[next..];
    }
    flush(&mut current, &mut paras);
    paras.join("\n\n")
}

/// An ISO date from a newswire DOCNO such as `APW19981016.0240` or `NYT19981016.0001`.
fn date_from_docno(docno: &str) -> Option<String> {
    let letters = docno.bytes().take_while(u8::is_ascii_alphabetic).count();
    let digits = docno.get(letters..letters + 8)?;
    if letters == 0 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(format!(
        "{}-{}-{}",
        &digits[..4],
        &digits[4..6],
        &digits[6..]
    ))
}

/// Parses the `<DOC>` elements of one SGML file.
pub fn parse_docs(sgml: &str, path: &Path) -> Result<Vec<Document>> {
    let mut docs = Vec::new();
    let mut offset = 0;
    let mut line_base = 1;
    loop {
        let rest = &sgml[offset..];
        let Some((doc, line, closed)) = element(rest, "DOC") else {
            break;
        };
        let doc_line = line_base + line - 1;
        if !closed {
            return Err(Error::input(
                path,
                Some(doc_line),
                "<DOC> is never closed; expected </DOC>",
            ));
        }
        docs.push(parse_doc(doc, doc_line, path)?);
        // Continue after this element's closing tag.
        let close = rest
            .to_ascii_uppercase()
            .find("</DOC>")
            .unwrap_or(rest.len());
        line_base += rest[..close].matches('\n').count();
        offset += close + "</DOC>".len();
        if offset >= sgml.len() {
            break;
        }
    }
    if docs.is_empty() {
        return Err(Error::input(
            path,
            None,
            "no <DOC> element; expected a DUC/TREC SGML article",
        ));
    }
    Ok(docs)
}

/// An element of one `<DOC>`: its trimmed text, the file line its opening tag is on,
/// and whether it is closed.
type Field<'a> = (&'a str, usize, bool);

/// One `<DOC>` element's body (its opening tag on line `doc_line` of `path`) as a
/// document: DOCNO and TEXT required, HEADLINE and the date optional.
fn parse_doc(doc: &str, doc_line: usize, path: &Path) -> Result<Document> {
    let field = |tag: &str| element(doc, tag).map(|(t, l, c)| (t.trim(), doc_line + l - 1, c));
    let docno = doc_id(field("DOCNO"), doc_line, path)?;
    let text = article_text(field("TEXT"), &docno, doc_line, path)?;
    let title = field("HEADLINE")
        .map(|(t, _, _)| paragraphs(t).replace("\n\n", " "))
        .filter(|t| !t.is_empty());
    let date = date_from_docno(&docno).or_else(|| {
        field("DATE_TIME")
            .or_else(|| field("DATE"))
            .map(|(t, _, _)| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
    });
    Ok(Document {
        id: docno,
        title,
        date,
        source: None,
        text,
    })
}

/// The document id from its `<DOCNO>` element, which must be present, closed and
/// non-empty.
fn doc_id(field: Option<Field<'_>>, doc_line: usize, path: &Path) -> Result<String> {
    match field {
        Some((t, _, true)) if !t.is_empty() => Ok(t.to_owned()),
        Some((_, l, _)) => Err(Error::input(
            path,
            Some(l),
            "DOCNO: expected <DOCNO> id </DOCNO>",
        )),
        None => Err(Error::input(
            path,
            Some(doc_line),
            "DOCNO: missing; every <DOC> needs a <DOCNO>",
        )),
    }
}

/// The article's paragraphs from its `<TEXT>` element, which must be present, closed
/// and hold some text.
fn article_text(
    field: Option<Field<'_>>,
    docno: &str,
    doc_line: usize,
    path: &Path,
) -> Result<String> {
    let Some((t, l, closed)) = field else {
        return Err(Error::input(
            path,
            Some(doc_line),
            format!("TEXT of {docno}: missing; expected <TEXT> ... </TEXT>"),
        ));
    };
    if !closed {
        return Err(Error::input(
            path,
            Some(l),
            format!("TEXT of {docno}: <TEXT> is never closed; expected </TEXT>"),
        ));
    }
    let t = paragraphs(t);
    if t.is_empty() {
        return Err(Error::input(
            path,
            Some(l),
            format!("TEXT of {docno}: empty; expected the article text"),
        ));
    }
    Ok(t)
}

/// The docset key shared by document folders and model file names: lowercase, without
/// NIST's trailing selector letter (`d30001t` → `d30001`, `D30001` → `d30001`).
pub fn docset_key(id: &str) -> String {
    let lower = id.to_ascii_lowercase();
    let trimmed = match lower.as_bytes() {
        [.., d, l] if d.is_ascii_digit() && l.is_ascii_alphabetic() => &lower[..lower.len() - 1],
        _ => &lower[..],
    };
    trimmed.to_owned()
}

fn sorted_entries(dir: &Path, want_dirs: bool) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut out = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if !hidden && path.is_dir() == want_dirs {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The text of a DUC summary file (a model or a peer), one sentence per line: some are
/// SGML-wrapped, so only their text is kept; blank lines and surrounding spaces go.
pub fn summary_text(raw: &str) -> String {
    if raw.trim_start().starts_with('<') {
        paragraphs(raw).replace("\n\n", "\n")
    } else {
        raw.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Reads the model summaries of `models`, grouped by docset key, each list sorted by
/// assessor id.
pub fn load_models(models: &Path) -> Result<BTreeMap<String, Vec<Reference>>> {
    let mut out: BTreeMap<String, Vec<Reference>> = BTreeMap::new();
    for file in sorted_entries(models, false)? {
        let name = file_name(&file);
        let parts: Vec<&str> = name.split('.').collect();
        if parts.len() < 5 || !parts[1].eq_ignore_ascii_case("M") {
            return Err(Error::input(
                &file,
                None,
                "not a model summary name; expected <DOCSET>.M.<length>.<selector>.<assessor>, \
                 e.g. D30001.M.100.T.A",
            ));
        }
        let text = summary_text(&read_text(&file)?);
        if text.trim().is_empty() {
            return Err(Error::input(&file, None, "model summary is empty"));
        }
        out.entry(docset_key(parts[0]))
            .or_default()
            .push(Reference {
                id: parts[parts.len() - 1].to_owned(),
                text,
            });
    }
    for refs in out.values_mut() {
        refs.sort_by(|a, b| a.id.cmp(&b.id));
    }
    Ok(out)
}

/// Loads every docset folder under `docs`, with references from `models` when given.
/// Every models file must belong to a docset, so a wrong folder is caught, not ignored.
pub fn load(docs: &Path, models: Option<&Path>) -> Result<Vec<Cluster>> {
    stream(docs, models)?.collect()
}

/// Reads the docset folders under `docs` one at a time (see [`load`]). The folders are
/// listed and the model summaries (a few KB per docset) read first, so a models file
/// without a docset is refused before any docset is read.
pub fn stream(docs: &Path, models: Option<&Path>) -> Result<impl Iterator<Item = Result<Cluster>>> {
    let dirs = sorted_entries(docs, true)?;
    if dirs.is_empty() {
        return Err(Error::input(
            docs,
            None,
            "no docset folders; expected <docs>/<docset>/<DOCNO> SGML files such as d30001t/APW19981016.0240",
        ));
    }
    let mut refs = match models {
        Some(m) => load_models(m)?,
        None => BTreeMap::new(),
    };
    let keys: std::collections::BTreeSet<String> =
        dirs.iter().map(|d| docset_key(&file_name(d))).collect();
    if let (Some(m), Some(key)) = (models, refs.keys().find(|k| !keys.contains(*k))) {
        return Err(Error::input(
            m,
            None,
            format!(
                "model summaries for docset {} but no such folder under {}",
                key.to_ascii_uppercase(),
                docs.display()
            ),
        ));
    }
    Ok(dirs.into_iter().map(move |dir| {
        let id = file_name(&dir);
        let mut docs_in = Vec::new();
        for file in sorted_entries(&dir, false)? {
            let text = read_text(&file)?;
            docs_in.extend(parse_docs(&text, &file)?);
        }
        let mut cluster = Cluster {
            refs: refs.remove(&docset_key(&id)).unwrap_or_default(),
            id,
            title: None,
            docs: docs_in,
        };
        validate(&cluster, &dir)?;
        super::date::normalize_cluster(&mut cluster).map_err(|e| Error::input(&dir, None, e))?;
        Ok(cluster)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/datasets/duc");

    /// Found by the `readers` fuzz target: a multi-byte character right after `&` made
    /// the entity comparison slice inside it and panic.
    #[test]
    fn entity_followed_by_multibyte_character_is_kept_as_text() {
        assert_eq!(
            decode_entities("&A\u{fffd}P; &amp;é &é"),
            "&A\u{fffd}P; &é &é"
        );
        let docs = parse_docs(
            "<DOC><DOCNO>X1</DOCNO><TEXT>&A\u{fffd}P; a small solar panel.</TEXT></DOC>",
            Path::new("x"),
        )
        .unwrap();
        assert_eq!(docs[0].text, "&A\u{fffd}P; a small solar panel.");
    }

    #[test]
    fn loads_fixture_docsets_with_models_matched_by_docset_key() {
        let root = Path::new(ROOT);
        let clusters = load(&root.join("docs"), Some(&root.join("models"))).unwrap();
        let ids: Vec<&str> = clusters.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["d90001t", "d90002t"]);
        let c = &clusters[0];
        let docs: Vec<&str> = c.docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(docs, ["APW19990101.0001", "NYT19990102.0002"]);
        // Date from the DOCNO, headline kept, <P> paragraphs kept, line wraps joined.
        assert_eq!(c.docs[0].date.as_deref(), Some("1999-01-01"));
        assert_eq!(
            c.docs[0].title.as_deref(),
            Some("Lighthouse keeper retires")
        );
        assert_eq!(
            c.docs[0].text,
            "The last keeper of the Gull Point lighthouse retired on Friday after thirty years.\n\n\
             The light will be run by an automatic timer & a small solar panel."
        );
        // No <P>: one paragraph, whitespace collapsed.
        assert_eq!(
            c.docs[1].text,
            "Gull Point's lighthouse goes automatic this week. Residents plan a farewell dinner."
        );
        let refs: Vec<(&str, &str)> = c
            .refs
            .iter()
            .map(|r| (r.id.as_str(), r.text.as_str()))
            .collect();
        assert_eq!(
            refs,
            [
                (
                    "A",
                    "The Gull Point lighthouse keeper retired.\nThe light is now automatic."
                ),
                ("B", "After thirty years the keeper of Gull Point retired."),
            ]
        );
        // Second docset: two <DOC>s in one file, a <DATE_TIME> only used when the DOCNO has no date.
        let c = &clusters[1];
        assert_eq!(c.docs.len(), 2);
        assert_eq!(c.docs[1].id, "XIE-0042");
        // Normalized to ISO so it sorts with the DOCNO dates (corpus::date).
        assert_eq!(c.docs[1].date.as_deref(), Some("1999-01-05 10:00:00"));
        assert_eq!(c.refs.len(), 1);
    }

    #[test]
    fn non_ascii_text_and_stray_angle_brackets_survive() {
        let sgml = "<DOC><DOCNO>X</DOCNO><TEXT>é<P>Zürich < Genève</P>\nça</TEXT></DOC>";
        let docs = parse_docs(sgml, Path::new("f")).unwrap();
        assert_eq!(docs[0].text, "é\n\nZürich < Genève\n\nça");
    }

    #[test]
    fn docset_keys_match_across_naming_schemes() {
        assert_eq!(docset_key("d30001t"), "d30001");
        assert_eq!(docset_key("D30001"), "d30001");
        assert_eq!(docset_key("D0701A"), "d0701");
        assert_eq!(docset_key("d061j"), "d061");
    }

    #[test]
    fn missing_text_names_file_line_and_field() {
        let sgml = "<DOC>\n<DOCNO> APW1 </DOCNO>\n<TEXT>\nNo end.\n</DOC>\n";
        let err = parse_docs(sgml, Path::new("x/APW1"))
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "x/APW1:3: TEXT of APW1: <TEXT> is never closed; expected </TEXT>"
        );
        let sgml = "\n\n<DOC>\n<DOCNO>A</DOCNO>\n</DOC>\n";
        let err = parse_docs(sgml, Path::new("f")).unwrap_err().to_string();
        assert_eq!(err, "f:3: TEXT of A: missing; expected <TEXT> ... </TEXT>");
        let sgml = "<DOC><TEXT>x</TEXT></DOC>\n<DOC>\n<TEXT>y</TEXT></DOC>";
        let err = parse_docs(sgml, Path::new("f")).unwrap_err().to_string();
        assert_eq!(err, "f:1: DOCNO: missing; every <DOC> needs a <DOCNO>");
    }

    #[test]
    fn second_doc_errors_report_its_own_line() {
        let sgml =
            "<DOC>\n<DOCNO>A</DOCNO>\n<TEXT>a</TEXT>\n</DOC>\n<DOC>\n<DOCNO>B</DOCNO>\n</DOC>\n";
        let err = parse_docs(sgml, Path::new("f")).unwrap_err().to_string();
        assert_eq!(err, "f:5: TEXT of B: missing; expected <TEXT> ... </TEXT>");
    }

    #[test]
    fn orphan_model_summary_is_an_error_naming_the_docset() {
        let root = Path::new(ROOT);
        let err = load(&root.join("docs"), Some(&root.join("models-orphan")))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("models-orphan") && err.contains("D90009"),
            "{err}"
        );
    }

    #[test]
    fn badly_named_model_file_is_an_error() {
        let root = Path::new(ROOT);
        let err = load_models(&root.join("models-badname"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("summary.txt") && err.contains("D30001.M.100.T.A"),
            "{err}"
        );
    }
}
