//! The script's command-line flags, read the way `ROUGE-1.5.5.pl` reads them, for every
//! caller: the `sumbench rouge155` drop-in (a whole command line), `score --flags`, a
//! config's `flags` and the Python package's `Rouge155` (flags alone).
//!
//! The script calls `getopts('ahHb:c:de:f:l:mMn:p:st:r:2:3:w:uUvxz:')` (Perl's
//! `Getopt::Std`): options stop at the first argument that does not start with `-` (or
//! at `--`); switches bundle (`-mx`); a value follows its letter or is the next argument
//! whatever it looks like (`-n4`, `-2 -1`); a repeated option overrides the earlier one.
//! Values are then checked as the script checks them (`-n` of any size, `-n 0` or
//! negative: no ROUGE-N; `-f` other than `B` is A; `-t` other than 1 or 2 is the
//! default; `-u`/`-U` without `-2` do nothing), and the texts the script prints (`-c 95`,
//! `-w 1.2`, `-2 4`) are kept as written because it prints them as written.
//!
//! Where the script runs on regardless of nonsense (an unknown letter only warns, a
//! non-numeric value is read as a number with a warning) or dies half-way (`-r 0`), the
//! parser refuses up front. Flags whose machinery is not reproduced are refused with the
//! reason: `-3` (Basic Elements need an external parser's output), `-z SIMPLE` (the BE
//! format), `-M` and `-v`. Callers scoring texts rather than files ([`Options::parse`])
//! additionally refuse what only makes sense for files: `-t 1`/`-t 2` (counting over a
//! corpus of files), `-z` other than SPL and arguments other than flags.

use std::path::{Path, PathBuf};

use super::text::Limit;
/// How several references combine (`-f`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Formula {
    /// `-f A`: hits and counts summed over the references ("model average").
    Average,
    /// `-f B`: the reference with the best recall.
    Best,
}

/// Skip-bigram settings (`-2`, `-u`, `-U`).
#[derive(Debug, Clone, PartialEq)]
pub struct Skip {
    /// Maximum gap; negative means unlimited.
    pub distance: i64,
    /// The distance as written, which the script prints in metric names.
    pub text: String,
    /// `-u`: count unigrams too (ROUGE-SU only).
    pub unigrams: bool,
    /// `-U`: report both ROUGE-S and ROUGE-SU.
    pub both: bool,
}

/// Validated ROUGE-1.5.5 options.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// `-n`: ROUGE-1 … ROUGE-n (0: none).
    pub max_n: usize,
    /// `-m`: Porter stemming.
    pub stem: bool,
    /// `-s`: stopword removal.
    pub stopwords: bool,
    /// `-l` / `-b`.
    pub limit: Limit,
    /// ROUGE-L (off with `-x`).
    pub lcs: bool,
    /// `-w`: ROUGE-W weight and its text (for the metric name).
    pub weight: Option<(f64, String)>,
    /// `-2`, `-u`, `-U`.
    pub skip: Option<Skip>,
    /// `-c`: confidence level in percent and its text.
    pub confidence: (f64, String),
    /// `-r`: number of bootstrap samples.
    pub resamples: usize,
    /// `-f`.
    pub formula: Formula,
    /// `-p`: alpha and its text.
    pub alpha: (f64, String),
}

/// The script's `getopts` specification: letters followed by `:` take a value.
pub const SPEC: &str = "ahHb:c:de:f:l:mMn:p:st:r:2:3:w:uUvxz:";

/// Sentence-file formats of `-z` and of the XML config's `INPUT-FORMAT TYPE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// SEE html: one `<a name="i">[i]</a> <a href="#i" id=i>sentence</a>` line each.
    See,
    /// One sentence per line.
    Spl,
    /// `<S SNTNO="i">sentence</S>` lines.
    Isi,
}

impl InputFormat {
    /// Reads a format name as the script does (case-insensitive); `SIMPLE`, valid for
    /// the script only with `-3`, is refused with the reason.
    pub fn parse(name: &str) -> Result<Self, String> {
        match name.to_ascii_uppercase().as_str() {
            "SEE" => Ok(InputFormat::See),
            "SPL" => Ok(InputFormat::Spl),
            "ISI" => Ok(InputFormat::Isi),
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

/// A whole `ROUGE-1.5.5.pl` command line as the script's `getopts` leaves it, its
/// values checked: the scoring options plus what only a run over files uses.
#[derive(Debug, Clone)]
pub struct Flags {
    /// The scoring options (what the engine needs).
    pub options: Options,
    /// `-a`: evaluate every peer of the config.
    pub all: bool,
    /// `-d`: print the per-evaluation scores.
    pub per_eval: bool,
    /// `-z`: the file-list format, checked, and its value as written (the script stores
    /// the text as each evaluation's format).
    pub file_list: Option<(InputFormat, String)>,
    /// `-e`: the script's data directory.
    pub data_dir: Option<PathBuf>,
    /// `-t 1` (1) or `-t 2` (2): count tokens over the corpus instead of averaging
    /// units (any other `-t`, as in the script, is the default).
    pub token_mode: Option<u8>,
    /// The arguments after the options (`CONFIG [SYSTEM_ID]` for the script).
    pub operands: Vec<String>,
}

/// Options as `getopts` leaves them: letter and value, the last occurrence only, in
/// order of last appearance.
struct Given(Vec<(char, Option<String>)>);

impl Given {
    fn value(&self, c: char) -> Option<&str> {
        self.0
            .iter()
            .find(|(o, _)| *o == c)
            .and_then(|(_, v)| v.as_deref())
    }

    fn has(&self, c: char) -> bool {
        self.0.iter().any(|(o, _)| *o == c)
    }
}

/// Splits `args` as `Getopt::Std::getopts` does: the options and the remaining
/// arguments. An unknown letter, which the script only warns about, is refused.
fn getopts(args: &[String]) -> Result<(Given, Vec<String>), String> {
    let mut opts: Vec<(char, Option<String>)> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        let Some(body) = arg.strip_prefix('-').filter(|b| !b.is_empty()) else {
            break;
        };
        i += 1;
        if arg == "--" {
            break;
        }
        for (at, c) in body.char_indices() {
            let Some(pos) = SPEC.find(c).filter(|_| c != ':') else {
                return Err(format!(
                    "unknown option -{c} (in `{arg}`); ROUGE-1.5.5.pl's options are \
                     -a -b -c -d -e -f -h -H -l -m -M -n -p -r -s -t -u -U -v -w -x -z -2 -3"
                ));
            };
            let takes_value = SPEC[pos + c.len_utf8()..].starts_with(':');
            let rest = &body[at + c.len_utf8()..];
            let value = match (takes_value, rest.is_empty()) {
                (false, _) => None,
                (true, false) => Some(rest.to_string()),
                (true, true) => {
                    let v = args
                        .get(i)
                        .ok_or_else(|| format!("option -{c} needs a value"))?;
                    i += 1;
                    Some(v.clone())
                }
            };
            opts.retain(|(o, _)| *o != c);
            opts.push((c, value));
            if takes_value {
                break;
            }
        }
    }
    Ok((Given(opts), args[i..].to_vec()))
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

fn count(flag: char, v: &str) -> Result<usize, String> {
    usize::try_from(integer(flag, v, "a non-negative integer")?)
        .map_err(|_| format!("-{flag} expects a non-negative integer, got `{v}`"))
}

impl Flags {
    /// Reads a command line as the script does: `Ok(None)` when it asks for the usage
    /// (`-h`, `-H`, which the script answers before checking anything else).
    pub fn parse(args: &[String]) -> Result<Option<Self>, String> {
        let (given, operands) = getopts(args)?;
        if given.has('h') || given.has('H') {
            return Ok(None);
        }
        let options = options(&given)?;
        let file_list = match given.value('z') {
            None => None,
            Some(z) => Some((InputFormat::parse(z)?, z.to_string())),
        };
        Ok(Some(Flags {
            options,
            all: given.has('a'),
            per_eval: given.has('d'),
            file_list,
            data_dir: given.value('e').map(PathBuf::from),
            token_mode: token_mode(&given)?,
            operands,
        }))
    }

    /// `-e DIR` is accepted whatever it holds, since the data are built in; the one case
    /// refused is a stopword list that differs from the standard one while `-s` uses it,
    /// because the script's numbers would then differ from ours.
    pub fn check_data_dir(&self) -> Result<(), String> {
        match &self.data_dir {
            Some(dir) if self.options.stopwords => check_stopwords(dir),
            _ => Ok(()),
        }
    }
}

fn check_stopwords(dir: &Path) -> Result<(), String> {
    let path = dir.join("smart_common_words.txt");
    match std::fs::read(&path) {
        Ok(theirs) if theirs != super::lexicon::STOPWORDS.as_bytes() => Err(format!(
            "{}: differs from ROUGE-1.5.5's standard smart_common_words.txt, which \
             sumbench has built in and uses for -s; remove -e or use the standard data \
             directory",
            path.display()
        )),
        _ => Ok(()),
    }
}

/// The script's numeric `-t`: 1 and 2 count tokens over the corpus, anything else is
/// the default (average over units).
fn token_mode(given: &Given) -> Result<Option<u8>, String> {
    let Some(v) = given.value('t') else {
        return Ok(None);
    };
    let t = number('t', v, "0, 1 or 2")?;
    Ok([1u8, 2].into_iter().find(|&m| f64::from(m) == t))
}

/// The flags whose machinery sumbench does not reproduce, refused with the reason.
fn refuse_unsupported(given: &Given) -> Result<(), String> {
    if let Some(v) = given.value('3') {
        return Err(format!(
            "-3 {v} (Basic Elements) is not supported: it scores BE triples produced by an \
             external parser (Minipar/Charniak BE breakers), which sumbench does not run"
        ));
    }
    if given.has('M') {
        return Err("-M (stem the models only) is not supported; use -m".into());
    }
    if given.has('v') {
        return Err("-v (the script's debugging traces) is not supported".into());
    }
    Ok(())
}

/// `-l` / `-b` (0: no limit, as in the script).
fn limit(given: &Given) -> Result<Limit, String> {
    Ok(match (given.value('l'), given.value('b')) {
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
    })
}

/// A number checked against the script's range, kept with its text.
fn ranged(
    given: &Given,
    flag: char,
    default: (f64, &str),
    what: &str,
    ok: impl Fn(f64) -> bool,
    script_says: &str,
) -> Result<(f64, String), String> {
    let Some(v) = given.value(flag) else {
        return Ok((default.0, default.1.to_string()));
    };
    let x = number(flag, v, what)?;
    if !ok(x) {
        return Err(format!("{script_says} (-{flag} {v})"));
    }
    Ok((x, v.to_string()))
}

/// `-r` (default 1000).
fn resamples(given: &Given) -> Result<usize, String> {
    match given.value('r') {
        None => Ok(1000),
        Some(v) => match count('r', v)? {
            // The script divides by the number of samples: it dies on 0.
            0 => Err("-r expects at least 1 bootstrap sample, got `0`".into()),
            n => Ok(n),
        },
    }
}

/// `-2`, with `-u` / `-U`, which do nothing without it (as in the script).
fn skip(given: &Given) -> Result<Option<Skip>, String> {
    let Some(v) = given.value('2') else {
        return Ok(None);
    };
    Ok(Some(Skip {
        distance: integer('2', v, "a maximum skip distance (negative: unlimited)")?,
        text: v.to_string(),
        unigrams: given.has('u'),
        both: given.has('U'),
    }))
}

/// The largest `-n` taken: the script accepts any, but a huge one would only make every
/// caller allocate and print millions of all-zero metrics (or run out of memory).
const MAX_N: usize = 1000;

/// Checks the option values as the script does and builds the engine's options.
fn options(given: &Given) -> Result<Options, String> {
    refuse_unsupported(given)?;
    // The script loops `for ($n = 1; $n <= $opt_n; ...)`: 0 or below computes no ROUGE-N.
    let max_n = match given.value('n') {
        None => 0,
        Some(v) => match usize::try_from(integer('n', v, "a maximum n-gram size")?) {
            Err(_) => 0,
            Ok(n) if n > MAX_N => {
                return Err(format!(
                    "-n {v}: sumbench computes ROUGE-N up to n = {MAX_N} (the script would \
                     print every ROUGE-N up to {v}, all 0 beyond the longest text)"
                ))
            }
            Ok(n) => n,
        },
    };
    let confidence = ranged(
        given,
        'c',
        (95.0, "95"),
        "a confidence level from 0 to 100",
        |c| (0.0..=100.0).contains(&c),
        "Confidence interval should be within 0 and 100",
    )?;
    let weight = match given.value('w') {
        None => None,
        Some(_) => Some(ranged(
            given,
            'w',
            (0.0, ""),
            "a weight greater than 0",
            |w| w > 0.0,
            "ROUGE-W weight factor must greater than 0",
        )?),
    };
    let alpha = ranged(
        given,
        'p',
        (0.5, "0.5"),
        "alpha from 0 to 1",
        |a| (0.0..=1.0).contains(&a),
        "Relative importance of ROUGE recall and precision has to be between 0 and 1 \
         inclusively",
    )?;
    Ok(Options {
        max_n,
        stem: given.has('m'),
        stopwords: given.has('s'),
        limit: limit(given)?,
        lcs: !given.has('x'),
        weight,
        skip: skip(given)?,
        confidence,
        resamples: resamples(given)?,
        // The script compares `eq "B"`; anything else is the model average.
        formula: if given.value('f') == Some("B") {
            Formula::Best
        } else {
            Formula::Average
        },
        alpha,
    })
}

impl Options {
    /// Parses the script's flags alone (whitespace-separated, as a config's `flags` or a
    /// Python caller gives them) for scoring texts; `stem` adds `-m` (from
    /// `RougeSettings.stem`). Accepts what the script accepts (`-a`, `-d`, `-e DIR` and
    /// `-z SPL` change nothing here) except what needs files or selects nothing to score.
    pub fn parse(flags: &str, stem: Option<bool>) -> Result<Self, String> {
        let args: Vec<String> = flags.split_whitespace().map(String::from).collect();
        let Some(parsed) = Flags::parse(&args)? else {
            return Err("-h / -H ask for the script's usage; they are not scoring flags".into());
        };
        if let Some(extra) = parsed.operands.first() {
            return Err(format!(
                "unexpected argument `{extra}` in the ROUGE-1.5.5 flags: give flags only \
                 (sumbench passes the texts itself)"
            ));
        }
        if let Some(t) = parsed.token_mode {
            return Err(format!(
                "-t {t} (token-level counting over a corpus of files) is not available when \
                 scoring texts; use -t 0 (average over units) or `sumbench rouge155`"
            ));
        }
        if let Some((format, z)) = &parsed.file_list {
            if *format != InputFormat::Spl {
                return Err(format!(
                    "-z {z}: texts are given one sentence per line (-z SPL); files in other \
                     formats are read by `sumbench rouge155`"
                ));
            }
        }
        parsed.check_data_dir()?;
        let mut options = parsed.options;
        match (stem, options.stem) {
            (Some(false), true) => {
                return Err("stem: false contradicts -m in the ROUGE-1.5.5 flags".into())
            }
            (s, m) => options.stem = m || s == Some(true),
        }
        if options.metric_names().is_empty() {
            return Err(
                "these ROUGE-1.5.5 flags select no metric, so the script would print \
                 nothing (give -n, -w or -2, or drop -x)"
                    .into(),
            );
        }
        Ok(options)
    }

    /// The metrics the script prints for these options, in its order.
    pub fn metric_names(&self) -> Vec<String> {
        self.metrics().into_iter().map(|m| m.name(self)).collect()
    }

    /// The metrics the script computes, in its order.
    pub fn metrics(&self) -> Vec<Metric> {
        let mut out: Vec<Metric> = (1..=self.max_n).map(Metric::N).collect();
        if self.lcs {
            out.push(Metric::L);
        }
        if self.weight.is_some() {
            out.push(Metric::W);
        }
        if let Some(s) = &self.skip {
            // The script's own cascade (ROUGE-1.5.5.pl, main loop).
            if s.unigrams {
                out.push(Metric::S { unigrams: true });
            } else {
                out.push(Metric::S { unigrams: false });
                if s.both {
                    out.push(Metric::S { unigrams: true });
                }
            }
        }
        out
    }

    /// The settings in a canonical order, as a valid command line of the script.
    pub fn describe(&self) -> String {
        let mut s = String::from("ROUGE-1.5.5");
        if self.max_n > 0 {
            s += &format!(" -n {}", self.max_n);
        }
        if self.stem {
            s += " -m";
        }
        if self.stopwords {
            s += " -s";
        }
        match self.limit {
            Limit::None => {}
            Limit::Words(n) => s += &format!(" -l {n}"),
            Limit::Bytes(n) => s += &format!(" -b {n}"),
        }
        if !self.lcs {
            s += " -x";
        }
        if let Some((_, w)) = &self.weight {
            s += &format!(" -w {w}");
        }
        if let Some(k) = &self.skip {
            s += &format!(" -2 {}", k.text);
            if k.unigrams {
                s += " -u";
            }
            if k.both {
                s += " -U";
            }
        }
        s += &format!(
            " -c {} -r {} -f {} -p {} -t 0 -a",
            self.confidence.1,
            self.resamples,
            match self.formula {
                Formula::Average => "A",
                Formula::Best => "B",
            },
            self.alpha.1
        );
        s
    }
}

/// One metric family of the script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// ROUGE-N.
    N(usize),
    /// ROUGE-L (summary-level union LCS).
    L,
    /// ROUGE-W (weighted LCS).
    W,
    /// ROUGE-S (`unigrams`: ROUGE-SU).
    S {
        /// Count unigrams as well.
        unigrams: bool,
    },
}

impl Metric {
    /// The name the script prints.
    pub fn name(self, o: &Options) -> String {
        match self {
            Metric::N(n) => format!("ROUGE-{n}"),
            Metric::L => "ROUGE-L".into(),
            Metric::W => format!("ROUGE-W-{}", o.weight.as_ref().map_or("", |w| &w.1)),
            Metric::S { unigrams } => {
                let s = o.skip.as_ref();
                let d = match s {
                    Some(s) if s.distance >= 0 => s.text.as_str(),
                    _ => "*",
                };
                format!("ROUGE-S{}{d}", if unigrams { "U" } else { "" })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duc_flags() {
        let o = Options::parse(
            "-n 4 -m -2 4 -u -w 1.2 -c 95 -r 1000 -f A -p 0.5 -t 0 -a -d",
            None,
        )
        .unwrap();
        assert_eq!(
            o.metric_names(),
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
        assert!(o.stem);
        assert_eq!(
            o.describe(),
            "ROUGE-1.5.5 -n 4 -m -w 1.2 -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a"
        );
    }

    #[test]
    fn describe_matches_the_documented_example() {
        let o = Options::parse("-n 4 -m -l 100 -c 95 -r 1000 -f A -p 0.5 -t 0 -a", None).unwrap();
        assert_eq!(
            o.describe(),
            "ROUGE-1.5.5 -n 4 -m -l 100 -c 95 -r 1000 -f A -p 0.5 -t 0 -a"
        );
        // Defaults are made explicit, stem: true is -m.
        let o = Options::parse("-n 2", Some(true)).unwrap();
        assert_eq!(
            o.describe(),
            "ROUGE-1.5.5 -n 2 -m -c 95 -r 1000 -f A -p 0.5 -t 0 -a"
        );
    }

    #[test]
    fn getopt_syntax() {
        let o = Options::parse("-n2 -mx -2 -1 -U", None).unwrap();
        assert_eq!(o.max_n, 2);
        assert!(o.stem && !o.lcs);
        assert_eq!(
            o.metric_names(),
            ["ROUGE-1", "ROUGE-2", "ROUGE-S*", "ROUGE-SU*"]
        );
        let o = Options::parse("-2 4 -U -n 1 -n 3", None).unwrap();
        assert_eq!(
            o.metric_names(),
            [
                "ROUGE-1",
                "ROUGE-2",
                "ROUGE-3",
                "ROUGE-L",
                "ROUGE-S4",
                "ROUGE-SU4"
            ]
        );
    }

    #[test]
    fn errors_name_the_flag() {
        for (flags, needle) in [
            ("-n 4 -q", "-q"),
            ("-n 4 -t 1", "-t 1"),
            ("-n 4 -t 2.0", "-t 2"),
            ("-n 4 -l 10 -b 20", "not both"),
            ("-n 4 -p 2", "-p 2"),
            ("-n 4 -c 101", "-c 101"),
            ("-n 4 -w 0", "-w 0"),
            ("-n 4 -r 0", "-r"),
            ("-n 4 -3 HM", "-3"),
            ("-n 4 -M", "-M"),
            ("-n 4 -v", "-v"),
            ("-n 4 -z SEE", "-z SEE"),
            ("-n 4 -z SIMPLE", "-3"),
            ("-n 4 -h", "usage"),
            ("-n", "-n needs a value"),
            ("-n two", "-n"),
            ("-n 1000000000000", "up to n = 1000"),
            ("-x", "no metric"),
            ("-n 0 -x", "no metric"),
            ("-n 2 config.xml", "config.xml"),
            ("-n 2 -- -m", "-m"),
        ] {
            let e = Options::parse(flags, None).unwrap_err();
            assert!(e.contains(needle), "{flags}: {e}");
        }
        assert!(Options::parse("-n 2 -m", Some(false)).is_err());
    }

    /// What ROUGE-1.5.5.pl accepts and how it reads it (checked against the script:
    /// `-n 12` prints ROUGE-1 to ROUGE-12, `-n -1` none, `-f C` is A, `-t 3` the
    /// default, `-u` without `-2` nothing, `-e` and `-z spl` change no score).
    #[test]
    fn accepts_what_the_script_accepts() {
        let o = Options::parse("-n 12 -x", None).unwrap();
        assert_eq!(o.metric_names().len(), 12);
        assert_eq!(o.metric_names()[11], "ROUGE-12");
        assert_eq!(
            Options::parse("-n -1", None).unwrap().metric_names(),
            ["ROUGE-L"]
        );
        let plain = Options::parse("-n 2", None).unwrap();
        for same in [
            "-n 2 -f C",
            "-n 2 -t 3",
            "-n 2 -t 0",
            "-n 2 -u",
            "-n 2 -U -a -d",
            "-e /nowhere -n 2",
            "-n 2 -z spl",
            "-n2 -e/opt/rouge/data",
        ] {
            assert_eq!(Options::parse(same, None).unwrap(), plain, "{same}");
        }
    }

    #[test]
    fn a_whole_command_line() {
        let args: Vec<String> = "-e DIR -amd -n 4 -t 1 -z isi list.txt -a"
            .split(' ')
            .map(String::from)
            .collect();
        let f = Flags::parse(&args).unwrap().unwrap();
        assert!(f.all && f.per_eval && f.options.stem);
        assert_eq!(f.data_dir, Some(PathBuf::from("DIR")));
        assert_eq!(f.token_mode, Some(1));
        assert_eq!(f.file_list, Some((InputFormat::Isi, "isi".to_string())));
        // Options stop at the first operand: the later -a is the system id.
        assert_eq!(f.operands, ["list.txt", "-a"]);
        let usage: Vec<String> = vec!["-mh".into(), "c.xml".into()];
        assert!(Flags::parse(&usage).unwrap().is_none());
    }
}
