//! The evaluation list: the script's XML config (what pyrouge and other wrappers write)
//! or, with `-z`, its file list, read into the structure the script builds.
//!
//! The XML is walked as the script's `readEvals` walks its DOM: element names match
//! case-insensitively; an `EVAL` (attribute `ID`) opens an evaluation, or reopens it when
//! the id repeats; `INPUT-FORMAT TYPE`, `PEER-ROOT`, `MODEL-ROOT`, `PEERS/P ID` and
//! `MODELS/M ID` fill the evaluation they sit in, their text trimmed of whitespace;
//! any other element is descended into. Evaluations keep the order of first appearance,
//! models the order of their `M` elements. XML is parsed with `roxmltree` (read-only DOM,
//! no dependencies), which fits this walk directly.
//!
//! A `-z` file list has one evaluation per line, `peer model1 model2 ...`; `#` lines and
//! blank lines are skipped; evaluations are numbered 1, 2, ... and the models `M.1`, ...

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use roxmltree::{Node, NodeType};

use super::args::Format;
use crate::{Error, Result};

/// One evaluation (`EVAL`): a peer file per system and the model (reference) files.
#[derive(Debug, Clone, Default)]
pub struct Eval {
    /// The evaluation id (`EVAL ID`, or the line number of a `-z` list).
    pub id: String,
    /// The input format as written (`INPUT-FORMAT TYPE` or the `-z` value).
    pub format: Option<String>,
    /// `PEER-ROOT` (XML only).
    pub peer_root: Option<String>,
    /// `MODEL-ROOT` (XML only).
    pub model_root: Option<String>,
    /// Peer id → file name.
    pub peers: HashMap<String, String>,
    /// Model ids in order (a repeated id is repeated, as in the script).
    pub model_ids: Vec<String>,
    /// Model id → file name.
    pub models: HashMap<String, String>,
    /// Whether paths are given whole (`-z`) rather than under the roots.
    pub whole_paths: bool,
}

impl Eval {
    /// The peer's file as the script builds its path (`PEER-ROOT/file`).
    pub fn peer_path(&self, peer: &str) -> Option<PathBuf> {
        let file = self.peers.get(peer)?;
        Some(if self.whole_paths {
            PathBuf::from(file)
        } else {
            PathBuf::from(format!(
                "{}/{file}",
                self.peer_root.as_deref().unwrap_or("")
            ))
        })
    }

    /// The model files in order, or the first model id without a file.
    pub fn model_paths(&self) -> std::result::Result<Vec<PathBuf>, String> {
        self.model_ids
            .iter()
            .map(|id| {
                let file = self.models.get(id).ok_or_else(|| id.clone())?;
                Ok(if self.whole_paths {
                    PathBuf::from(file)
                } else {
                    PathBuf::from(format!(
                        "{}/{file}",
                        self.model_root.as_deref().unwrap_or("")
                    ))
                })
            })
            .collect()
    }
}

/// Every evaluation of a config and every peer id it names.
#[derive(Debug, Clone, Default)]
pub struct Evaluations {
    /// In order of first appearance.
    pub evals: Vec<Eval>,
    /// Every peer id (sorted, as `-a` evaluates them).
    pub peer_ids: BTreeSet<String>,
}

/// Perl's `s/^[\n\s]+//; s/[\n\s]+$//`.
fn trim_perl(s: &str) -> String {
    s.trim_matches(|c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0B' | '\x0C'))
        .to_string()
}

/// Reads the XML config at `path`.
pub fn read_xml(path: &Path) -> Result<Evaluations> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8_lossy(&bytes);
    let doc = roxmltree::Document::parse_with_options(
        &text,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .map_err(|e| Error::input(path, None, format!("not a ROUGE XML config: {e}")))?;
    let mut walker = Walker {
        out: Evaluations::default(),
        index: HashMap::new(),
        path,
    };
    walker.walk(doc.root(), None)?;
    Ok(walker.out)
}

fn attr(node: Node<'_, '_>, name: &str, path: &Path) -> Result<String> {
    node.attribute(name).map(str::to_string).ok_or_else(|| {
        Error::input(
            path,
            Some(node.document().text_pos_at(node.range().start).row as usize),
            format!("<{}> needs the attribute {name}", node.tag_name().name()),
        )
    })
}

fn texts<'a>(node: Node<'a, '_>) -> impl Iterator<Item = &'a str> {
    node.children()
        .filter(|c| c.node_type() == NodeType::Text)
        .filter_map(|c| c.text())
}

/// The script's `readEvals` walk over the DOM, filling `out`.
struct Walker<'p> {
    out: Evaluations,
    /// Evaluation id → its index in `out.evals` (a repeated id reopens it).
    index: HashMap<String, usize>,
    path: &'p Path,
}

fn line(n: Node<'_, '_>) -> Option<usize> {
    Some(n.document().text_pos_at(n.range().start).row as usize)
}

impl Walker<'_> {
    /// Visits `node` inside the evaluation `eval` (if any).
    fn walk(&mut self, node: Node<'_, '_>, eval: Option<usize>) -> Result<()> {
        if !node.is_element() {
            return self.children(node, eval);
        }
        let name = node.tag_name().name().to_ascii_uppercase();
        match name.as_str() {
            "EVAL" => {
                let k = self.open_eval(node)?;
                self.children(node, Some(k))
            }
            "INPUT-FORMAT" => self.input_format(node, eval),
            "PEER-ROOT" | "MODEL-ROOT" => self.root(node, eval, &name),
            "PEERS" => self.members(node, eval, "PEERS", "P"),
            "MODELS" => self.members(node, eval, "MODELS", "M"),
            _ => self.children(node, eval),
        }
    }

    fn children(&mut self, node: Node<'_, '_>, eval: Option<usize>) -> Result<()> {
        for child in node.children() {
            self.walk(child, eval)?;
        }
        Ok(())
    }

    fn outside(&self, n: Node<'_, '_>, what: &str) -> Error {
        Error::input(
            self.path,
            line(n),
            format!("<{what}> outside an <EVAL ID=\"...\"> element"),
        )
    }

    /// `EVAL ID`: a new evaluation, or the earlier one with the same id.
    fn open_eval(&mut self, node: Node<'_, '_>) -> Result<usize> {
        let id = attr(node, "ID", self.path)?;
        let out = &mut self.out;
        Ok(*self.index.entry(id.clone()).or_insert_with(|| {
            out.evals.push(Eval {
                id,
                ..Eval::default()
            });
            out.evals.len() - 1
        }))
    }

    /// `INPUT-FORMAT TYPE`, checked against the script's list.
    fn input_format(&mut self, node: Node<'_, '_>, eval: Option<usize>) -> Result<()> {
        let t = attr(node, "TYPE", self.path)?;
        if !["SEE", "ISI", "SPL", "SIMPLE"].contains(&t.to_ascii_uppercase().as_str()) {
            return Err(Error::input(
                self.path,
                line(node),
                format!("Unknown input type: {t} (expected SEE, SPL or ISI)"),
            ));
        }
        let k = eval.ok_or_else(|| self.outside(node, "INPUT-FORMAT"))?;
        self.out.evals[k].format = Some(t);
        Ok(())
    }

    /// `PEER-ROOT` / `MODEL-ROOT`: each text child sets the root (the last one wins).
    fn root(&mut self, node: Node<'_, '_>, eval: Option<usize>, name: &str) -> Result<()> {
        for t in texts(node) {
            let k = eval.ok_or_else(|| self.outside(node, name))?;
            let root = Some(trim_perl(t));
            if name == "PEER-ROOT" {
                self.out.evals[k].peer_root = root;
            } else {
                self.out.evals[k].model_root = root;
            }
        }
        Ok(())
    }

    /// `PEERS/P ID` or `MODELS/M ID`: the ids and their file names.
    fn members(
        &mut self,
        node: Node<'_, '_>,
        eval: Option<usize>,
        name: &str,
        tag: &str,
    ) -> Result<()> {
        let peers = tag == "P";
        for child in node
            .children()
            .filter(|c| c.is_element() && c.tag_name().name().eq_ignore_ascii_case(tag))
        {
            let id = attr(child, "ID", self.path)?;
            let k = eval.ok_or_else(|| self.outside(node, name))?;
            let e = &mut self.out.evals[k];
            if peers {
                self.out.peer_ids.insert(id.clone());
            } else {
                e.model_ids.push(id.clone());
            }
            for t in texts(child) {
                let file = trim_perl(t);
                if peers {
                    e.peers.insert(id.clone(), file);
                } else {
                    e.models.insert(id.clone(), file);
                }
            }
        }
        Ok(())
    }
}

/// Reads a `-z` file list for the system `system_id` (evaluation ids 1, 2, ...).
pub fn read_file_list(path: &Path, format: &str, system_id: &str) -> Result<Evaluations> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8_lossy(&bytes);
    let mut out = Evaluations::default();
    out.peer_ids.insert(system_id.to_string());
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let is_space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0B' | '\x0C');
        if line.starts_with('#') || line.chars().all(is_space) {
            continue;
        }
        let files: Vec<&str> = line.split(is_space).filter(|f| !f.is_empty()).collect();
        if files.len() < 2 {
            return Err(Error::input(
                path,
                Some(n + 1),
                "File list has to have at least 2 filenames per line (peer model1 model2 ... modelN)",
            ));
        }
        let mut e = Eval {
            id: (out.evals.len() + 1).to_string(),
            format: Some(format.to_string()),
            whole_paths: true,
            ..Eval::default()
        };
        e.peers.insert(system_id.to_string(), files[0].to_string());
        for (m, f) in files[1..].iter().enumerate() {
            let id = format!("M.{}", m + 1);
            e.model_ids.push(id.clone());
            e.models.insert(id, f.to_string());
        }
        out.evals.push(e);
    }
    Ok(out)
}

/// The format of an evaluation, checked before anything is read.
pub fn eval_format(e: &Eval, config: &Path) -> Result<Format> {
    match &e.format {
        None => Err(Error::input(
            config,
            None,
            format!(
                "evaluation {} has no <INPUT-FORMAT TYPE=\"...\"> (SEE, SPL or ISI)",
                e.id
            ),
        )),
        Some(f) => Format::parse(f)
            .map_err(|m| Error::input(config, None, format!("evaluation {}: {m}", e.id))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pyrouge_config_is_read_like_the_script() {
        let dir = std::env::temp_dir().join(format!("sumbench-r155cfg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("c.xml");
        std::fs::write(
            &p,
            r#"<ROUGE-EVAL version="1.0">
<EVAL ID="2">
<MODEL-ROOT>
 /m </MODEL-ROOT>
<PEER-ROOT>/p</PEER-ROOT>
<INPUT-FORMAT TYPE="SEE">
</INPUT-FORMAT>
<PEERS>
<P ID="1">d2.html</P>
</PEERS>
<MODELS>
<M ID="B">d2.B.html</M>
<m ID="A">d2.A.html</m>
</MODELS>
</EVAL>
<eval ID="10"><peers><p ID="z">x</p></peers></eval>
</ROUGE-EVAL>"#,
        )
        .unwrap();
        let ev = read_xml(&p).unwrap();
        assert_eq!(ev.evals.len(), 2);
        let e = &ev.evals[0];
        assert_eq!(e.id, "2");
        assert_eq!(e.peer_path("1"), Some(PathBuf::from("/p/d2.html")));
        assert_eq!(
            e.model_paths().unwrap(),
            [PathBuf::from("/m/d2.B.html"), PathBuf::from("/m/d2.A.html")]
        );
        assert_eq!(
            ev.peer_ids.iter().collect::<Vec<_>>(),
            [&"1".to_string(), &"z".to_string()]
        );
        // No roots: the script builds "/x".
        assert_eq!(ev.evals[1].peer_path("z"), Some(PathBuf::from("/x")));
        assert!(eval_format(&ev.evals[1], &p).is_err());
        std::fs::write(&p, "<ROUGE-EVAL><EVAL><PEERS/></EVAL></ROUGE-EVAL>").unwrap();
        let e = read_xml(&p).unwrap_err().to_string();
        assert!(e.contains("c.xml:1") && e.contains("ID"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
