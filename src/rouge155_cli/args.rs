//! `ROUGE-1.5.5.pl`'s command line: the script's options, read by the engine's own
//! parser ([`crate::rouge::rouge155::flags`], shared with `score --flags` and the Python
//! package, faithful to the script's `Getopt::Std`), then `CONFIG [SYSTEM_ID]` and the
//! rules the script applies to them (`-z` gives the system id `X` and drops `-a`).
//!
//! Where the script would run on regardless of nonsense (an unknown letter only warns)
//! or would die half-way through its output, this reader refuses up front with exit 2.
//! Flags whose machinery is not reproduced are refused with a message saying so:
//! `-3` (Basic Elements need an external parser's output), `-z SIMPLE` (the BE format),
//! `-M` and `-v`.

use std::path::PathBuf;

use crate::rouge::rouge155::flags::{Flags, Options};

/// Sentence-file formats of `-z` and of the config's `INPUT-FORMAT TYPE`.
pub use crate::rouge::rouge155::flags::InputFormat as Format;

/// A parsed `ROUGE-1.5.5.pl` command line.
#[derive(Debug, Clone)]
pub struct CommandLine {
    /// The scoring options (what the engine needs).
    pub options: Options,
    /// `-a`: evaluate every peer of the config (ignored with `-z`, as by the script).
    pub all: bool,
    /// `-d`: print the per-evaluation scores.
    pub per_eval: bool,
    /// `-z`: the config is a file list in this format rather than XML.
    pub file_list: Option<Format>,
    /// The `-z` value as written (the script stores it as each evaluation's format).
    pub file_list_text: Option<String>,
    /// `-e`: the script's data directory.
    pub data_dir: Option<PathBuf>,
    /// The configuration file (XML, or with `-z` the file list).
    pub config: PathBuf,
    /// The system id argument (`X` with `-z` when absent).
    pub system_id: Option<String>,
    /// `-t 1` (1) or `-t 2` (2): count tokens over the corpus instead of averaging
    /// units (any other `-t`, as in the script, is the default).
    pub token_mode: Option<u8>,
}

/// What `sumbench rouge155 -h` prints.
pub const USAGE: &str = "\
usage: sumbench rouge155 [ROUGE-1.5.5.pl options] CONFIG [SYSTEM_ID]

A drop-in for ROUGE-1.5.5.pl: same options, same XML config (or -z file list), same
output bytes. Options (the script's):
  -a        evaluate all systems of CONFIG        -d        print per-evaluation scores
  -e DIR    the script's data directory (accepted; sumbench has the data built in)
  -n N      ROUGE-1..N                            -x        no ROUGE-L
  -w W      ROUGE-W with weight W                 -2 D      ROUGE-S with gap D (<0: any)
  -u        ROUGE-SU instead of ROUGE-S           -U        both ROUGE-S and ROUGE-SU
  -m        Porter stemmer                        -s        remove stopwords
  -l N      first N words                         -b N      first N bytes
  -c CF     confidence interval (default 95)      -r N      bootstrap samples (default 1000)
  -f A|B    model average / best model            -p ALPHA  F-measure alpha (default 0.5)
  -t 0|1|2  average over units / count tokens / print raw counts
  -z FMT    CONFIG is a file list (SEE|SPL|ISI)
Not supported (refused): -3 (Basic Elements), -z SIMPLE, -M, -v.
See docs/rouge155.md.
";

/// Reads a whole command line: flags, then `CONFIG [SYSTEM_ID]`.
pub fn parse_command_line(args: &[String]) -> Result<CommandLine, String> {
    // Getopt::Std answers --help with its usage too.
    if args.iter().any(|a| a == "--help") {
        return Err(USAGE.to_string());
    }
    let Some(flags) = Flags::parse(args)? else {
        return Err(USAGE.to_string());
    };
    flags.check_data_dir()?;
    let (file_list, file_list_text) = match flags.file_list {
        None => (None, None),
        Some((format, text)) => (Some(format), Some(text)),
    };
    let Some(config) = flags.operands.first() else {
        return Err(format!(
            "missing the ROUGE configuration file (the script's last arguments are \
             CONFIG [SYSTEM_ID])\n\n{USAGE}"
        ));
    };
    let system_id = match (flags.operands.get(1), file_list.is_some()) {
        (Some(id), _) => Some(id.clone()),
        (None, true) => Some("X".to_string()),
        (None, false) => None,
    };
    // The script drops -a with -z: a file list has one system, named by SYSTEM_ID.
    let all = flags.all && file_list.is_none();
    if !all && system_id.is_none() {
        return Err(
            "Please specify a system ID to evaluate or use option '-a' to evaluate \
                    all systems (as ROUGE-1.5.5.pl says)"
                .into(),
        );
    }
    Ok(CommandLine {
        options: flags.options,
        all,
        per_eval: flags.per_eval,
        file_list,
        file_list_text,
        data_dir: flags.data_dir,
        config: PathBuf::from(config),
        system_id,
        token_mode: flags.token_mode,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rouge::rouge155::flags::Formula;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn published_command_lines_parse() {
        let cl = parse_command_line(&args(
            "-e /opt/rouge/data -n 4 -w 1.2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -d -a c.xml",
        ))
        .unwrap();
        assert!(cl.all && cl.per_eval);
        assert_eq!(cl.data_dir, Some(PathBuf::from("/opt/rouge/data")));
        assert_eq!(
            cl.options.metric_names(),
            [
                "ROUGE-1",
                "ROUGE-2",
                "ROUGE-3",
                "ROUGE-4",
                "ROUGE-L",
                "ROUGE-W-1.2",
                "ROUGE-SU4"
            ]
        );
        // pyrouge's default options.
        let cl = parse_command_line(&args(
            "-e data -c 95 -2 -1 -U -r 1000 -n 4 -w 1.2 -a -m c.xml",
        ))
        .unwrap();
        assert_eq!(
            cl.options.metric_names(),
            [
                "ROUGE-1",
                "ROUGE-2",
                "ROUGE-3",
                "ROUGE-4",
                "ROUGE-L",
                "ROUGE-W-1.2",
                "ROUGE-S*",
                "ROUGE-SU*"
            ]
        );
    }

    #[test]
    fn getopt_rules() {
        // Options stop at the config: a later "-a" is the system id.
        let cl = parse_command_line(&args("-n2 -mx c.xml -a")).unwrap();
        assert_eq!(cl.system_id.as_deref(), Some("-a"));
        assert!(!cl.all && cl.options.stem && !cl.options.lcs && cl.options.max_n == 2);
        // -z: the default system id is X and -a is dropped.
        let cl = parse_command_line(&args("-a -z spl list.txt")).unwrap();
        assert_eq!(cl.system_id.as_deref(), Some("X"));
        assert!(!cl.all);
        assert_eq!(cl.file_list, Some(Format::Spl));
        // -n above 9 is fine, -n 0 computes no ROUGE-N.
        let cl = parse_command_line(&args("-n 12 -x -a c.xml")).unwrap();
        assert_eq!(cl.options.metric_names().len(), 12);
        let cl = parse_command_line(&args("-n 0 -x -a c.xml")).unwrap();
        assert!(cl.options.metric_names().is_empty());
        // -f other than B is the model average, as in the script.
        let cl = parse_command_line(&args("-f b -a c.xml")).unwrap();
        assert_eq!(cl.options.formula, Formula::Average);
    }

    #[test]
    fn refusals_say_why() {
        for (line, needle) in [
            ("-3 HM -a c.xml", "Basic Elements"),
            ("-z SIMPLE c.txt", "-3"),
            ("-z XML c.txt", "SEE, SPL or ISI"),
            ("-q -a c.xml", "unknown option -q"),
            ("-l 10 -b 20 -a c.xml", "not both"),
            ("-n 2 c.xml", "system ID"),
            ("-a", "configuration file"),
            ("-n", "needs a value"),
            ("-c 101 -a c.xml", "-c 101"),
            ("-h", "usage"),
            ("-n 2 --help", "usage"),
        ] {
            let e = parse_command_line(&args(line)).unwrap_err();
            assert!(e.contains(needle), "{line}: {e}");
        }
    }
}
