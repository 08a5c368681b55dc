//! `ROUGE-1.5.5.pl`'s command line, read the way the script reads it.
//!
//! The script calls `getopts('ahHb:c:de:f:l:mMn:p:st:r:2:3:w:uUvxz:')` (Perl's
//! `Getopt::Std`): options stop at the first argument that does not start with `-` (or
//! at `--`), so a flag written after the config file is the system id, not a flag;
//! switches bundle (`-mx`); a value follows its letter or is the next argument whatever
//! it looks like (`-2 -1`); a repeated option overrides the earlier one. Values are then
//! checked as the script checks them, and the texts the script prints (`-c 95`,
//! `-w 1.2`, `-2 4`) are kept as written because it prints them as written.
//!
//! Where the script would run on regardless of nonsense (an unknown letter only warns)
//! or would die half-way through its output, this reader refuses up front with exit 2.
//! Flags whose machinery is not reproduced are refused with a message saying so:
//! `-3` (Basic Elements need an external parser's output), `-z SIMPLE` (the BE format),
//! `-M` and `-v`.

use std::path::PathBuf;

use crate::rouge::rouge155::flags::{Formula, Options, Skip};
use crate::rouge::rouge155::text::Limit;

/// The script's `getopts` specification: letters followed by `:` take a value.
const SPEC: &str = "ahHb:c:de:f:l:mMn:p:st:r:2:3:w:uUvxz:";

/// Sentence-file formats of `-z` and of the config's `INPUT-FORMAT TYPE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// SEE html: one `<a name="i">[i]</a> <a href="#i" id=i>sentence</a>` line each.
    See,
    /// One sentence per line.
    Spl,
    /// `<S SNTNO="i">sentence</S>` lines.
    Isi,
}

impl Format {
    /// Reads a format name as the script does (case-insensitive); `SIMPLE`, valid for
    /// the script only with `-3`, is refused with the reason.
    pub fn parse(name: &str) -> Result<Self, String> {
        match name.to_ascii_uppercase().as_str() {
            "SEE" => Ok(Format::See),
            "SPL" => Ok(Format::Spl),
            "ISI" => Ok(Format::Isi),
            "SIMPLE" => Err(
                "input format SIMPLE holds Basic Element triples, which the script \
                 reads only with -3 (Basic Elements); sumbench does not support -3"
                    .into(),
            ),
            _ => Err(format!(
                "unknown input format `{name}`: expected SEE, SPL or ISI"
            )),
        }
    }
}

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

/// Options as `getopts` leaves them: letter and value, the last occurrence only.
type Opts = Vec<(char, Option<String>)>;

/// Splits `args` as `Getopt::Std::getopts` does: the options (last value wins, in
/// order of last appearance) and the remaining arguments.
fn getopts(args: &[String]) -> Result<(Opts, Vec<String>), String> {
    let mut opts: Vec<(char, Option<String>)> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        let Some(body) = arg.strip_prefix('-').filter(|b| !b.is_empty()) else {
            break;
        };
        if arg == "--" {
            i += 1;
            break;
        }
        i += 1;
        for (at, c) in body.char_indices() {
            let Some(pos) = SPEC.find(c).filter(|_| c != ':') else {
                return Err(format!(
                    "unknown option -{c} (in `{arg}`); ROUGE-1.5.5.pl's options are \
                     -a -b -c -d -e -f -h -H -l -m -M -n -p -r -s -t -u -U -v -w -x -z -2 -3"
                ));
            };
            let takes_value = SPEC[pos + c.len_utf8()..].starts_with(':');
            let value = if takes_value {
                let rest = &body[at + c.len_utf8()..];
                let v = if rest.is_empty() {
                    let v = args
                        .get(i)
                        .ok_or_else(|| format!("option -{c} needs a value"))?;
                    i += 1;
                    v.clone()
                } else {
                    rest.to_string()
                };
                Some(v)
            } else {
                None
            };
            opts.retain(|(o, _)| *o != c);
            opts.push((c, value.clone()));
            if takes_value {
                break;
            }
        }
    }
    Ok((opts, args[i..].to_vec()))
}

/// Perl's reading of a number the script compares: a finite decimal.
fn number(flag: char, v: &str, what: &str) -> Result<f64, String> {
    v.trim()
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| format!("-{flag} expects {what}, got `{v}`"))
}

fn integer(flag: char, v: &str, what: &str) -> Result<i64, String> {
    v.trim()
        .parse::<i64>()
        .map_err(|_| format!("-{flag} expects {what}, got `{v}`"))
}

/// Reads the script's flags alone (no config, no system id) into the engine's options:
/// the part of the command line a library caller (e.g. Python bindings taking
/// `"-n 4 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a"`) needs. `-d`, `-a`, `-e` and
/// `-z` are accepted and ignored here; `-t 1` and `-t 2` are refused, since
/// [`Options`] scores units.
pub fn parse_flags(args: &[String]) -> Result<Options, String> {
    let (opts, rest) = getopts(args)?;
    if let Some(extra) = rest.first() {
        return Err(format!("unexpected argument `{extra}`: give flags only"));
    }
    if let Some(t) = token_mode(&opts)? {
        return Err(format!(
            "-t {t} (token-level counting over the corpus) is not available here; use -t 0"
        ));
    }
    options(&opts)
}

/// The script's numeric `-t`: 1 and 2 count tokens over the corpus, anything else is
/// the default (average over units).
fn token_mode(opts: &[(char, Option<String>)]) -> Result<Option<u8>, String> {
    let Some((_, Some(v))) = opts.iter().find(|(o, _)| *o == 't') else {
        return Ok(None);
    };
    let t = number('t', v, "0, 1 or 2")?;
    Ok(if t == 1.0 {
        Some(1)
    } else if t == 2.0 {
        Some(2)
    } else {
        None
    })
}

/// Reads a whole command line: flags, then `CONFIG [SYSTEM_ID]`.
pub fn parse_command_line(args: &[String]) -> Result<CommandLine, String> {
    // Getopt::Std answers --help with its usage too.
    if args.iter().any(|a| a == "--help") {
        return Err(USAGE.to_string());
    }
    let (opts, rest) = getopts(args)?;
    let value = |c: char| {
        opts.iter()
            .find(|(o, _)| *o == c)
            .and_then(|(_, v)| v.as_deref())
    };
    let has = |c: char| opts.iter().any(|(o, _)| *o == c);
    if has('h') || has('H') {
        return Err(USAGE.to_string());
    }
    let options = options(&opts)?;
    let token_mode = token_mode(&opts)?;
    let (file_list, file_list_text) = match value('z') {
        None => (None, None),
        Some(z) => (Some(Format::parse(z)?), Some(z.to_string())),
    };
    let Some(config) = rest.first() else {
        return Err(format!(
            "missing the ROUGE configuration file (the script's last arguments are \
             CONFIG [SYSTEM_ID])\n\n{USAGE}"
        ));
    };
    let system_id = match (rest.get(1), file_list.is_some()) {
        (Some(id), _) => Some(id.clone()),
        (None, true) => Some("X".to_string()),
        (None, false) => None,
    };
    // The script drops -a with -z: a file list has one system, named by SYSTEM_ID.
    let all = has('a') && file_list.is_none();
    if !all && system_id.is_none() {
        return Err(
            "Please specify a system ID to evaluate or use option '-a' to evaluate \
                    all systems (as ROUGE-1.5.5.pl says)"
                .into(),
        );
    }
    Ok(CommandLine {
        options,
        all,
        per_eval: has('d'),
        file_list,
        file_list_text,
        data_dir: value('e').map(PathBuf::from),
        config: PathBuf::from(config),
        system_id,
        token_mode,
    })
}

/// Checks the option values as the script does and builds the engine's options.
fn options(opts: &[(char, Option<String>)]) -> Result<Options, String> {
    let value = |c: char| {
        opts.iter()
            .find(|(o, _)| *o == c)
            .and_then(|(_, v)| v.as_deref())
    };
    let has = |c: char| opts.iter().any(|(o, _)| *o == c);
    if let Some(v) = value('3') {
        return Err(format!(
            "-3 {v} (Basic Elements) is not supported: it scores BE triples produced by an \
             external parser (Minipar/Charniak BE breakers), which sumbench does not run"
        ));
    }
    if has('M') {
        return Err("-M (stem the models only) is not supported; use -m".into());
    }
    if has('v') {
        return Err("-v (the script's debugging traces) is not supported".into());
    }
    let max_n = match value('n') {
        None => 0,
        Some(v) => usize::try_from(integer('n', v, "a maximum n-gram size")?).unwrap_or(0),
    };
    let count = |c: char, v: &str| -> Result<usize, String> {
        usize::try_from(integer(c, v, "a non-negative integer")?)
            .map_err(|_| format!("-{c} expects a non-negative integer, got `{v}`"))
    };
    let limit = match (value('l'), value('b')) {
        (Some(_), Some(_)) => {
            return Err(
                "Please specify length limit in words or bytes but not both (-l, -b)".into(),
            )
        }
        (Some(v), None) => match count('l', v)? {
            0 => Limit::None,
            n => Limit::Words(n),
        },
        (None, Some(v)) => match count('b', v)? {
            0 => Limit::None,
            n => Limit::Bytes(n),
        },
        (None, None) => Limit::None,
    };
    let confidence = match value('c') {
        None => (95.0, "95".to_string()),
        Some(v) => {
            let c = number('c', v, "a confidence level from 0 to 100")?;
            if !(0.0..=100.0).contains(&c) {
                return Err(format!(
                    "Confidence interval should be within 0 and 100 (-c {v})"
                ));
            }
            (c, v.to_string())
        }
    };
    let weight = match value('w') {
        None => None,
        Some(v) => {
            let w = number('w', v, "a weight greater than 0")?;
            if w <= 0.0 {
                return Err(format!(
                    "ROUGE-W weight factor must greater than 0 (-w {v})"
                ));
            }
            Some((w, v.to_string()))
        }
    };
    let resamples = match value('r') {
        None => 1000,
        Some(v) => match count('r', v)? {
            // The script divides by the number of samples: it dies on 0.
            0 => return Err("-r expects at least 1 bootstrap sample, got `0`".into()),
            n => n,
        },
    };
    let skip = match value('2') {
        None => None,
        Some(v) => Some(Skip {
            distance: integer('2', v, "a maximum skip distance (negative: unlimited)")?,
            text: v.to_string(),
            unigrams: has('u'),
            both: has('U'),
        }),
    };
    // The script compares `eq "B"`; anything else is the model average.
    let formula = if value('f') == Some("B") {
        Formula::Best
    } else {
        Formula::Average
    };
    let alpha = match value('p') {
        None => (0.5, "0.5".to_string()),
        Some(v) => {
            let a = number('p', v, "alpha from 0 to 1")?;
            if !(0.0..=1.0).contains(&a) {
                return Err(format!(
                    "Relative importance of ROUGE recall and precision has to be between 0 \
                     and 1 inclusively (-p {v})"
                ));
            }
            (a, v.to_string())
        }
    };
    Ok(Options {
        max_n,
        stem: has('m'),
        stopwords: has('s'),
        limit,
        lcs: !has('x'),
        weight,
        skip,
        confidence,
        resamples,
        formula,
        alpha,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let o = parse_flags(&args("-n 12 -x")).unwrap();
        assert_eq!(o.metric_names().len(), 12);
        assert!(parse_flags(&args("-n 0 -x"))
            .unwrap()
            .metric_names()
            .is_empty());
        // -f other than B is the model average, as in the script.
        assert_eq!(
            parse_flags(&args("-f b")).unwrap().formula,
            Formula::Average
        );
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
