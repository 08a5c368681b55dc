//! The script's command-line flags, parsed with its own syntax (`Getopt::Std`,
//! `getopts('ahHb:c:de:f:l:mMn:p:st:r:2:3:w:uUvxz:')`): switches may be bundled
//! (`-mx`), a value follows its letter directly or as the next argument (`-n4`, `-n 4`,
//! `-2 -1`), a repeated flag overrides the earlier one.

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

const SWITCHES: &str = "ahHdmMsuUvx";
const WITH_VALUE: &str = "bcefln prt23wz";

fn number(flag: char, v: &str, what: &str) -> Result<f64, String> {
    v.parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| format!("-{flag} expects {what}, got `{v}`"))
}

fn integer(flag: char, v: &str, what: &str) -> Result<i64, String> {
    v.parse::<i64>()
        .map_err(|_| format!("-{flag} expects {what}, got `{v}`"))
}

impl Options {
    /// Parses the script's flags; `stem` adds `-m` (from `RougeSettings.stem`).
    pub fn parse(flags: &str, stem: Option<bool>) -> Result<Self, String> {
        let mut switches = String::new();
        let mut values: Vec<(char, String)> = Vec::new();
        let mut args = flags.split_whitespace();
        while let Some(arg) = args.next() {
            if arg == "--" {
                if let Some(extra) = args.next() {
                    return Err(unexpected(extra));
                }
                break;
            }
            let Some(body) = arg.strip_prefix('-').filter(|b| !b.is_empty()) else {
                return Err(unexpected(arg));
            };
            for (i, c) in body.char_indices() {
                if SWITCHES.contains(c) {
                    switches.push(c);
                } else if WITH_VALUE.contains(c) && c != ' ' {
                    let rest = &body[i + c.len_utf8()..];
                    let value = if rest.is_empty() {
                        args.next()
                            .ok_or_else(|| format!("flag -{c} needs a value"))?
                            .to_string()
                    } else {
                        rest.to_string()
                    };
                    values.push((c, value));
                    break;
                } else {
                    return Err(format!(
                        "unknown ROUGE-1.5.5 flag -{c} (in `{arg}`); known flags: \
                         -n -m -s -l -b -x -w -2 -u -U -c -r -f -p -t -z -a -d"
                    ));
                }
            }
        }
        let value = |c: char| {
            values
                .iter()
                .rev()
                .find(|(f, _)| *f == c)
                .map(|(_, v)| v.as_str())
        };
        for c in switches.chars() {
            match c {
                'h' | 'H' => return Err(format!("-{c} (usage) is not a scoring flag")),
                'v' => return Err("-v (debug output of the script) is not supported".into()),
                'M' => return Err("-M (stem the references only) is not supported; use -m".into()),
                _ => {}
            }
        }
        for (c, v) in &values {
            match c {
                'e' => {
                    return Err(format!(
                        "-e {v}: not needed, the script's data files are built in"
                    ))
                }
                '3' => return Err(format!("-3 {v} (Basic Elements) is not supported")),
                _ => {}
            }
        }
        let has = |c: char| switches.contains(c);

        let max_n = match value('n') {
            None => 0,
            Some(v) => {
                let n = integer('n', v, "an n-gram size from 1 to 9")?;
                if !(1..=9).contains(&n) {
                    return Err(format!("-n expects an n-gram size from 1 to 9, got `{v}`"));
                }
                n as usize
            }
        };
        let stem = match (stem, has('m')) {
            (Some(false), true) => {
                return Err("stem: false contradicts -m in the ROUGE-1.5.5 flags".into())
            }
            (s, m) => m || s == Some(true),
        };
        let count = |c: char, v: &str| -> Result<usize, String> {
            let n = integer(c, v, "a non-negative integer")?;
            usize::try_from(n)
                .map_err(|_| format!("-{c} expects a non-negative integer, got `{v}`"))
        };
        let limit = match (value('l'), value('b')) {
            (Some(_), Some(_)) => {
                return Err("-l and -b both given: limit in words or in bytes, not both".into())
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
        let weight = match value('w') {
            None => None,
            Some(v) => {
                let w = number('w', v, "a weight greater than 0")?;
                if w <= 0.0 {
                    return Err(format!("-w expects a weight greater than 0, got `{v}`"));
                }
                Some((w, v.to_string()))
            }
        };
        let skip = match value('2') {
            None => {
                if has('u') || has('U') {
                    return Err("-u / -U only take effect together with -2 (skip distance)".into());
                }
                None
            }
            Some(v) => Some(Skip {
                distance: integer('2', v, "a maximum skip distance (negative: unlimited)")?,
                text: v.to_string(),
                unigrams: has('u'),
                both: has('U'),
            }),
        };
        let confidence = match value('c') {
            None => (95.0, "95".to_string()),
            Some(v) => {
                let c = number('c', v, "a confidence level from 0 to 100")?;
                if !(0.0..=100.0).contains(&c) {
                    return Err(format!(
                        "-c expects a confidence level from 0 to 100, got `{v}`"
                    ));
                }
                (c, v.to_string())
            }
        };
        let resamples = match value('r') {
            None => 1000,
            Some(v) => match count('r', v)? {
                0 => return Err("-r expects at least 1 bootstrap sample, got `0`".into()),
                n => n,
            },
        };
        let formula = match value('f') {
            None | Some("A") => Formula::Average,
            Some("B") => Formula::Best,
            Some(v) => {
                return Err(format!(
                    "-f expects A (model average) or B (best model), got `{v}`"
                ))
            }
        };
        let alpha = match value('p') {
            None => (0.5, "0.5".to_string()),
            Some(v) => {
                let a = number('p', v, "alpha from 0 to 1")?;
                if !(0.0..=1.0).contains(&a) {
                    return Err(format!("-p expects alpha from 0 to 1, got `{v}`"));
                }
                (a, v.to_string())
            }
        };
        match value('t') {
            None | Some("0") => {}
            Some(v @ ("1" | "2")) => {
                return Err(format!(
                    "-t {v} (token-level counting) is not supported; use -t 0 (average over units)"
                ))
            }
            Some(v) => return Err(format!("-t expects 0, got `{v}`")),
        }
        match value('z') {
            None | Some("SPL") => {}
            Some(v) => {
                return Err(format!(
                    "-z {v} is not supported: texts are given one sentence per line (-z SPL)"
                ))
            }
        }
        let options = Options {
            max_n,
            stem,
            stopwords: has('s'),
            limit,
            lcs: !has('x'),
            weight,
            skip,
            confidence,
            resamples,
            formula,
            alpha,
        };
        if options.metric_names().is_empty() {
            return Err(
                "these ROUGE-1.5.5 flags select no metric (give -n, -w or -2, or drop -x)".into(),
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

fn unexpected(arg: &str) -> String {
    format!(
        "unexpected argument `{arg}` in the ROUGE-1.5.5 flags: give flags only \
         (sumbench passes the texts itself)"
    )
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
            ("-n 4 -l 10 -b 20", "-l and -b"),
            ("-n 12", "-n"),
            ("-n 4 -f C", "-f"),
            ("-n 4 -p 2", "-p"),
            ("-n 4 -u", "-u"),
            ("-n 4 -e /data", "-e"),
            ("-n 4 -3 HM", "-3"),
            ("-n 4 -z SEE", "-z"),
            ("-n", "-n needs a value"),
            ("-x", "no metric"),
            ("-n 2 config.xml", "config.xml"),
        ] {
            let e = Options::parse(flags, None).unwrap_err();
            assert!(e.contains(needle), "{flags}: {e}");
        }
        assert!(Options::parse("-n 2 -m", Some(false)).is_err());
    }
}
