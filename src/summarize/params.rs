//! Range checks shared by the summarizers' [`super::Summarizer::validate`], so every
//! system refuses a bad parameter with the same message shape when its config is read:
//! `damping: 5 is out of range; expected a number in (0, 1)`.
//!
//! NaN and infinities fail every check: no parameter of a built-in system has a meaning
//! for them, and NaN would otherwise slip through comparisons silently.

/// The common refusal: the key, the value given and what is expected.
fn refuse(key: &str, value: impl std::fmt::Display, expected: &str) -> String {
    format!("{key}: {value} is out of range; expected {expected}")
}

fn check(key: &str, value: f64, ok: bool, expected: &str) -> Result<(), String> {
    if ok && value.is_finite() {
        Ok(())
    } else {
        Err(refuse(key, value, expected))
    }
}

/// A probability-like value strictly between 0 and 1.
pub fn in_open_unit(key: &str, value: f64) -> Result<(), String> {
    check(key, value, value > 0.0 && value < 1.0, "a number in (0, 1)")
}

/// A value in [0, 1], such as a cosine threshold or a mixing weight.
pub fn in_unit(key: &str, value: f64) -> Result<(), String> {
    check(
        key,
        value,
        (0.0..=1.0).contains(&value),
        "a number in [0, 1]",
    )
}

/// A value in (0, 1], such as a fraction that must keep something.
pub fn in_unit_above_zero(key: &str, value: f64) -> Result<(), String> {
    check(
        key,
        value,
        value > 0.0 && value <= 1.0,
        "a number in (0, 1]",
    )
}

/// A value in [0, 1), such as a threshold that must let something through.
pub fn in_unit_below_one(key: &str, value: f64) -> Result<(), String> {
    check(
        key,
        value,
        (0.0..1.0).contains(&value),
        "a number in [0, 1)",
    )
}

/// A finite value above 0, such as a tolerance or a smoothing constant.
pub fn positive(key: &str, value: f64) -> Result<(), String> {
    check(key, value, value > 0.0, "a finite number > 0")
}

/// A finite value of at least 0, such as a weight.
pub fn finite_non_negative(key: &str, value: f64) -> Result<(), String> {
    check(key, value, value >= 0.0, "a finite number ≥ 0")
}

/// A count of at least `min`.
pub fn at_least(key: &str, value: u64, min: u64) -> Result<(), String> {
    if value >= min {
        Ok(())
    } else {
        Err(refuse(key, value, &format!("an integer ≥ {min}")))
    }
}

/// A graph method's cap on stored similarity edges: at least 1 (0 would refuse every
/// cluster) and at most `u32::MAX`, because edges are indexed with 32 bits.
pub fn max_edges(value: usize) -> Result<(), String> {
    if (1..=u32::MAX as usize).contains(&value) {
        Ok(())
    } else {
        Err(refuse(
            "max_edges",
            value,
            &format!("an integer in [1, {}]", u32::MAX),
        ))
    }
}

/// An optional cosine threshold (`null`: off), in [0, 1] when given.
pub fn optional_unit(key: &str, value: Option<f64>) -> Result<(), String> {
    value.map_or(Ok(()), |v| in_unit(key, v))
}

/// The error `T`'s builder gives for the parameter mapping `yaml` (panics if it builds),
/// for the summarizers' tests of their [`super::Summarizer::validate`].
#[cfg(test)]
pub(crate) fn refused<T>(yaml: &str) -> String
where
    T: super::Summarizer + serde::Serialize + serde::de::DeserializeOwned + 'static,
{
    let value = serde_yaml::from_str(yaml).unwrap();
    match super::registry::build_with::<T>(value, &super::Registry::default()) {
        Ok(_) => panic!("{yaml} was accepted"),
        Err(e) => e,
    }
}

/// Panics with the builder's error unless `T` builds from `yaml`: boundary values that
/// must stay valid.
#[cfg(test)]
pub(crate) fn accepted<T>(yaml: &str)
where
    T: super::Summarizer + serde::Serialize + serde::de::DeserializeOwned + 'static,
{
    let value = serde_yaml::from_str(yaml).unwrap();
    if let Err(e) = super::registry::build_with::<T>(value, &super::Registry::default()) {
        panic!("{yaml} was refused: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_key_value_and_range() {
        assert_eq!(
            in_open_unit("damping", 5.0).unwrap_err(),
            "damping: 5 is out of range; expected a number in (0, 1)"
        );
        assert_eq!(
            at_least("max_iter", 0, 1).unwrap_err(),
            "max_iter: 0 is out of range; expected an integer ≥ 1"
        );
    }

    #[test]
    fn bounds_are_open_or_closed_as_named_and_nan_fails_everywhere() {
        assert!(in_open_unit("k", 0.0).is_err() && in_open_unit("k", 1.0).is_err());
        assert!(in_unit("k", 0.0).is_ok() && in_unit("k", 1.0).is_ok());
        assert!(in_unit_above_zero("k", 0.0).is_err() && in_unit_above_zero("k", 1.0).is_ok());
        assert!(in_unit_below_one("k", 0.0).is_ok() && in_unit_below_one("k", 1.0).is_err());
        assert!(positive("k", 0.0).is_err() && positive("k", f64::INFINITY).is_err());
        assert!(finite_non_negative("k", 0.0).is_ok() && finite_non_negative("k", -1.0).is_err());
        assert!(optional_unit("k", None).is_ok() && optional_unit("k", Some(1.5)).is_err());
        type Check = fn(&str, f64) -> Result<(), String>;
        let checks: [Check; 6] = [
            in_open_unit,
            in_unit,
            in_unit_above_zero,
            in_unit_below_one,
            positive,
            finite_non_negative,
        ];
        for check in checks {
            let err = check("k", f64::NAN).unwrap_err();
            assert!(err.starts_with("k: NaN is out of range"), "{err}");
        }
    }
}
