//! Parameter sweeps: a config entry whose parameter is a list or a range expands into
//! one named system per value, before any parameter struct is deserialized.
//!
//! ```yaml
//! summarizers:
//!   - {type: lexrank, threshold: [0.05, 0.1, 0.2, 0.3]}          # 4 systems
//!   - {type: lexrank, threshold: {from: 0.05, to: 0.3, step: 0.05}}  # 6 systems
//!   - {type: mmr, lambda: [0.5, 0.7], candidates: {min_words: 8}}  # shared keys kept
//! ```
//!
//! **What is a sweep.** A parameter is swept when its default value (the registry's
//! `defaults`) is a scalar or null and the config gives a list, or a mapping with
//! exactly the keys `from`, `to` and `step`. Parameters whose own value is a list or a
//! mapping (`command`, `metrics`, `base`, `params`) are never swept, so their lists keep
//! their meaning; nor are the shared keys (`type`, `name`, `candidates`, `order`).
//!
//! **Ranges** are computed in decimal, not by adding floating-point steps: `from`, `to`
//! and `step` are read as the shortest decimals that print them (0.05 is 5 × 10⁻²), the
//! values are `from + k·step` for k = 0, 1, … while ≤ `to` (so `to` is included when it
//! falls on a step), and each is then the number that decimal denotes, exactly what
//! writing it in a list would give (0.15, never 0.15000000000000002). `step` must be
//! positive and `from` ≤ `to`; integers throughout give integers (`max_iter`).
//!
//! **Names.** Each expanded system is `BASE[key=value,key=value]`, BASE being the entry's
//! `name` (default: its type), keys in the order the entry gives them, values as written
//! (`lexrank[threshold=0.1]`). Two or more swept keys give the cartesian product, the
//! first key varying slowest. A config expanding into more than [`MAX_SYSTEMS`] systems
//! is refused with the count. Every expanded system is then validated like any other
//! (ranges, duplicate names), when the config is read.
use crate::summarize::Registry;
use serde::Serialize;
use serde_yaml::{Mapping, Value};

/// Most systems a config may expand into.
pub const MAX_SYSTEMS: usize = 1000;

/// Where an expanded system comes from, recorded in the results (`systems[].sweep`) so
/// a report can draw a metric against each parameter.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct SweepPoint {
    /// The entry's name before expansion (its `name:`, else its type): every point of
    /// one sweep shares it.
    pub base: String,
    /// The swept parameters and this system's value of each (a JSON object, keys
    /// sorted; numbers stay numbers).
    pub values: serde_json::Map<String, serde_json::Value>,
}

/// Expands every sweep of `entries` (the config's `summarizers:`), returning the new list
/// and, parallel to it, each system's sweep point (`None` for entries without a sweep).
/// Errors name the entry's index and key.
pub fn expand(
    entries: &[Value],
    registry: &Registry,
) -> Result<(Vec<Value>, Vec<Option<SweepPoint>>), String> {
    expand_with_origins(entries, registry).map(|(v, p, _)| (v, p))
}

/// Rewrites the `summarizers[k]` an error about the expanded list starts with into the
/// index of the entry the user wrote (`origins[k]`), so the message points at the config.
pub fn original_index(message: String, origins: &[usize]) -> String {
    let Some(rest) = message.strip_prefix("summarizers[") else {
        return message;
    };
    let Some((k, tail)) = rest.split_once(']') else {
        return message;
    };
    match k.parse::<usize>().ok().and_then(|k| origins.get(k)) {
        Some(o) => format!("summarizers[{o}]{tail}"),
        None => message,
    }
}

/// Expanded entries, each one's sweep point, and each one's index in the entries written.
pub type Expanded = (Vec<Value>, Vec<Option<SweepPoint>>, Vec<usize>);

/// [`expand`], also returning each expanded entry's index in `entries`.
pub fn expand_with_origins(entries: &[Value], registry: &Registry) -> Result<Expanded, String> {
    let mut origins = Vec::new();
    let mut out = Vec::new();
    let mut points = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let err = |m: String| format!("summarizers[{i}]: {m}");
        let Some(sweep) = find_sweep(entry, registry).map_err(err)? else {
            out.push(entry.clone());
            points.push(None);
            origins.push(i);
            continue;
        };
        let count = sweep_size(&sweep.keys, out.len()).map_err(err)?;
        let base = match sweep.map.get("name") {
            Some(Value::String(s)) => s.clone(),
            _ => sweep.kind.to_owned(),
        };
        for k in 0..count {
            let (system, point) = sweep_system(&sweep, &base, k);
            out.push(system);
            origins.push(i);
            points.push(Some(point));
        }
    }
    Ok((out, points, origins))
}

/// A config entry that sweeps: its mapping, its type, and each swept key with its values
/// in the order the entry gives them.
struct Sweep<'a> {
    map: &'a Mapping,
    kind: &'a str,
    keys: Vec<(String, Vec<Value>)>,
}

/// `entry`'s sweep, or `None` when it sweeps nothing (also when it is not a mapping or
/// its kind is unknown: the registry refuses those later, with the list of kinds).
/// Errors name the key.
fn find_sweep<'a>(entry: &'a Value, registry: &Registry) -> Result<Option<Sweep<'a>>, String> {
    let Some(map) = entry.as_mapping() else {
        return Ok(None);
    };
    let Some((kind, spec)) = map
        .get("type")
        .and_then(Value::as_str)
        .and_then(|k| Some((k, registry.get(k)?)))
    else {
        return Ok(None);
    };
    let defaults = spec.defaults();
    let mut keys: Vec<(String, Vec<Value>)> = Vec::new();
    for (k, v) in map {
        let Some(key) = k.as_str() else { continue };
        let scalar_default = defaults
            .get(key)
            .is_some_and(|d| !d.is_array() && !d.is_object());
        if !scalar_default {
            continue;
        }
        if let Some(values) = sweep_values(v).map_err(|m| format!("{key}: {m}"))? {
            if values.is_empty() {
                return Err(format!(
                    "{key}: an empty list sweeps nothing; give at least one value"
                ));
            }
            keys.push((key.to_owned(), values));
        }
    }
    Ok((!keys.is_empty()).then_some(Sweep { map, kind, keys }))
}

/// How many systems the sweep over `keys` expands into, refused when that would take
/// the run (with the `earlier` systems of the entries before it) past [`MAX_SYSTEMS`].
fn sweep_size(keys: &[(String, Vec<Value>)], earlier: usize) -> Result<usize, String> {
    let count = keys
        .iter()
        .try_fold(1usize, |n, (_, v)| n.checked_mul(v.len()))
        .unwrap_or(usize::MAX);
    if count.saturating_add(earlier) > MAX_SYSTEMS {
        return Err(format!(
            "the sweep over {} expands into {count} systems{}; at most {MAX_SYSTEMS} \
             systems are allowed in a run: sweep fewer values",
            keys.iter()
                .map(|(k, v)| format!("{k} ({} values)", v.len()))
                .collect::<Vec<_>>()
                .join(" × "),
            if earlier == 0 {
                String::new()
            } else {
                format!(" (after {earlier} from earlier entries)")
            }
        ));
    }
    Ok(count)
}

/// The `k`-th system of `sweep` (mixed radix over the swept keys, the first varying
/// slowest): the entry with those values and the name `base[key=value,…]`, and its point.
fn sweep_system(sweep: &Sweep<'_>, base: &str, k: usize) -> (Value, SweepPoint) {
    let mut rest = k;
    let mut chosen: Vec<(&str, &Value)> = vec![("", &Value::Null); sweep.keys.len()];
    for (j, (key, values)) in sweep.keys.iter().enumerate().rev() {
        chosen[j] = (key, &values[rest % values.len()]);
        rest /= values.len();
    }
    let mut m: Mapping = sweep.map.clone();
    let mut values = serde_json::Map::new();
    let mut label = Vec::new();
    for (key, v) in &chosen {
        m.insert(Value::from(*key), (*v).clone());
        label.push(format!("{key}={}", show(v)));
        values.insert(
            key.to_string(),
            serde_json::to_value(v).unwrap_or(serde_json::Value::Null),
        );
    }
    m.insert(
        Value::from("name"),
        Value::from(format!("{base}[{}]", label.join(","))),
    );
    let point = SweepPoint {
        base: base.to_owned(),
        values,
    };
    (Value::Mapping(m), point)
}

/// A value as it appears in a system's name.
fn show(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_owned(),
    }
}

/// The values a parameter's config value sweeps, or `None` when it is a plain value.
fn sweep_values(v: &Value) -> Result<Option<Vec<Value>>, String> {
    match v {
        Value::Sequence(items) => Ok(Some(items.clone())),
        Value::Mapping(m) => {
            let keys: Vec<&str> = m.keys().filter_map(Value::as_str).collect();
            let mut sorted = keys.clone();
            sorted.sort_unstable();
            if sorted != ["from", "step", "to"] || keys.len() != m.len() {
                return Err(format!(
                    "a range is {{from: A, to: B, step: S}}; got keys {}",
                    keys.join(", ")
                ));
            }
            range(&m["from"], &m["to"], &m["step"]).map(Some)
        }
        _ => Ok(None),
    }
}

/// A decimal `mantissa × 10^-scale`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Decimal {
    mantissa: i128,
    scale: u32,
}

/// Most decimal places a range bound may have.
const MAX_SCALE: u32 = 18;

impl Decimal {
    /// The shortest decimal that prints `v` (Rust's `Display` of `f64` is the shortest
    /// round-tripping form, never exponent notation).
    fn of(v: &Value, what: &str) -> Result<(Self, bool), String> {
        let n = match v {
            Value::Number(n) => n,
            _ => return Err(format!("{what}: expected a number, got {}", show(v))),
        };
        let text = if let Some(i) = n.as_i64() {
            return Ok((
                Decimal {
                    mantissa: i128::from(i),
                    scale: 0,
                },
                true,
            ));
        } else {
            let f = n.as_f64().unwrap_or(f64::NAN);
            if !f.is_finite() {
                return Err(format!("{what}: expected a finite number"));
            }
            format!("{f}")
        };
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        if frac.len() as u32 > MAX_SCALE {
            return Err(format!(
                "{what}: {text} has more than {MAX_SCALE} decimal places"
            ));
        }
        let digits = format!("{int}{frac}");
        let mantissa: i128 = digits
            .parse()
            .map_err(|_| format!("{what}: {text} is too large for a range"))?;
        Ok((
            Decimal {
                mantissa,
                scale: frac.len() as u32,
            },
            false,
        ))
    }

    fn rescale(self, scale: u32) -> Option<i128> {
        self.mantissa
            .checked_mul(10i128.checked_pow(scale - self.scale)?)
    }
}

/// The values of `{from, to, step}` (see the module documentation).
fn range(from: &Value, to: &Value, step: &Value) -> Result<Vec<Value>, String> {
    let (f, fi) = Decimal::of(from, "from")?;
    let (t, ti) = Decimal::of(to, "to")?;
    let (s, si) = Decimal::of(step, "step")?;
    let scale = f.scale.max(t.scale).max(s.scale);
    let too_big = || "the range's numbers are too large".to_string();
    let (f, t, s) = (
        f.rescale(scale).ok_or_else(too_big)?,
        t.rescale(scale).ok_or_else(too_big)?,
        s.rescale(scale).ok_or_else(too_big)?,
    );
    if s <= 0 {
        return Err(format!("step: {} must be positive", show(step)));
    }
    if f > t {
        return Err(format!(
            "from: {} is above to: {}; expected from ≤ to",
            show(from),
            show(to)
        ));
    }
    let n = (t - f) / s + 1;
    if n > MAX_SYSTEMS as i128 {
        return Err(format!(
            "the range has {n} values; at most {MAX_SYSTEMS} systems are allowed in a run"
        ));
    }
    let integers = fi && ti && si;
    Ok((0..n)
        .map(|k| {
            let m = f + k * s;
            if integers {
                return Value::from(m as i64);
            }
            let sign = if m < 0 { "-" } else { "" };
            let abs = m.unsigned_abs();
            let p = 10u128.pow(scale);
            let text = format!(
                "{sign}{}.{:0width$}",
                abs / p,
                abs % p,
                width = scale as usize
            );
            // The nearest f64 to the decimal: what writing it in a list gives.
            Value::from(text.parse::<f64>().unwrap_or(f64::NAN))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand_yaml(yaml: &str) -> Result<(Vec<Value>, Vec<Option<SweepPoint>>), String> {
        let entries: Vec<Value> = serde_yaml::from_str(yaml).unwrap();
        expand(&entries, &Registry::default())
    }

    fn names(v: &[Value]) -> Vec<String> {
        v.iter()
            .map(|e| {
                e.get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("-")
                    .to_owned()
            })
            .collect()
    }

    #[test]
    fn a_list_expands_into_named_systems_in_order() {
        let (out, points) =
            expand_yaml("[{type: lead}, {type: lexrank, threshold: [0.05, 0.1, 0.2]}]").unwrap();
        assert_eq!(
            names(&out),
            [
                "-",
                "lexrank[threshold=0.05]",
                "lexrank[threshold=0.1]",
                "lexrank[threshold=0.2]"
            ]
        );
        assert_eq!(out[2]["threshold"], Value::from(0.1));
        assert_eq!(points[0], None);
        let p = points[3].as_ref().unwrap();
        assert_eq!(p.base, "lexrank");
        assert_eq!(p.values["threshold"], serde_json::json!(0.2));
    }

    #[test]
    fn a_decimal_range_gives_the_values_written_out() {
        let (out, _) = expand_yaml(
            "[{type: lexrank, name: lr, threshold: {from: 0.05, to: 0.3, step: 0.05}}]",
        )
        .unwrap();
        let got: Vec<f64> = out
            .iter()
            .map(|e| e["threshold"].as_f64().unwrap())
            .collect();
        // Bit for bit the literals (0.05 + 0.05 + 0.05 in f64 would be 0.15000000000000002).
        assert_eq!(got, [0.05, 0.1, 0.15, 0.2, 0.25, 0.3]);
        assert_eq!(names(&out)[2], "lr[threshold=0.15]");
        // `to` off the grid: the last value at or below it.
        let (out, _) =
            expand_yaml("[{type: lexrank, threshold: {from: 0, to: 1, step: 0.3}}]").unwrap();
        let got: Vec<f64> = out
            .iter()
            .map(|e| e["threshold"].as_f64().unwrap())
            .collect();
        assert_eq!(got, [0.0, 0.3, 0.6, 0.9]);
        // Integers stay integers.
        let (out, _) =
            expand_yaml("[{type: textrank, max_iter: {from: 10, to: 30, step: 10}}]").unwrap();
        assert_eq!(out[1]["max_iter"], Value::from(20));
    }

    #[test]
    fn two_swept_keys_give_the_cartesian_product_first_key_slowest() {
        let (out, points) =
            expand_yaml("[{type: lexrank, threshold: [0.1, 0.2], damping: [0.8, 0.85, 0.9]}]")
                .unwrap();
        assert_eq!(out.len(), 6);
        assert_eq!(names(&out)[0], "lexrank[threshold=0.1,damping=0.8]");
        assert_eq!(names(&out)[1], "lexrank[threshold=0.1,damping=0.85]");
        assert_eq!(names(&out)[3], "lexrank[threshold=0.2,damping=0.8]");
        let keys: Vec<&String> = points[5].as_ref().unwrap().values.keys().collect();
        assert_eq!(keys, ["damping", "threshold"]);
    }

    #[test]
    fn list_valued_parameters_and_shared_keys_are_not_sweeps() {
        let yaml =
            "[{type: oracle, metrics: [rouge1, rouge2]}, {type: lead, candidates: {min_words: 3}}]";
        let (out, points) = expand_yaml(yaml).unwrap();
        assert_eq!(out, serde_yaml::from_str::<Vec<Value>>(yaml).unwrap());
        assert!(points.iter().all(Option::is_none));
    }

    #[test]
    fn bad_sweeps_are_refused_naming_entry_and_key() {
        for (yaml, needle) in [
            (
                "[{type: lexrank, threshold: []}]",
                "summarizers[0]: threshold: an empty list",
            ),
            (
                "[{type: lead}, {type: lexrank, threshold: {from: 0.3, to: 0.1, step: 0.1}}]",
                "summarizers[1]: threshold: from: 0.3 is above to: 0.1",
            ),
            (
                "[{type: lexrank, threshold: {from: 0, to: 1, step: 0}}]",
                "step: 0 must be positive",
            ),
            (
                "[{type: lexrank, threshold: {from: 0, to: 1}}]",
                "a range is {from: A, to: B, step: S}",
            ),
            (
                "[{type: lexrank, threshold: {from: 0, to: 1, step: 0.0001}}]",
                "the range has 10001 values",
            ),
            (
                "[{type: lexrank, threshold: {from: a, to: 1, step: 0.1}}]",
                "from: expected a number",
            ),
        ] {
            let err = expand_yaml(yaml).unwrap_err();
            assert!(err.contains(needle), "{yaml}: {err}");
        }
        let many: Vec<String> = (0..40).map(|k| format!("0.{k:02}")).collect();
        let yaml = format!(
            "[{{type: lexrank, threshold: [{}], damping: [{}]}}]",
            many.join(", "),
            many[1..].join(", ")
        );
        let err = expand_yaml(&yaml).unwrap_err();
        assert!(
            err.contains("threshold (40 values) × damping (39 values) expands into 1560 systems")
                && err.contains("at most 1000"),
            "{err}"
        );
    }
}
