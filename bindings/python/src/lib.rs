//! `sumbench_rouge._native`: sumbench's two ROUGE engines as a Python extension module.
//!
//! The Python package (`python/sumbench_rouge`) gives these engines rouge-score's and
//! ROUGE-1.5.5's interfaces; this module only scores texts and builds the result
//! objects. Every scoring call releases the GIL, and the batch calls spread their units
//! over every core with rayon, returning results in input order. The Python classes
//! used for results (`Score`, `AggregateScore`) are passed in by the package, so the
//! namedtuples users see are the package's own, built here without a Python-level loop.
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use rayon::prelude::*;

// The one place naming the crate that holds the engines (see Cargo.toml).
use sumbench_rouge as rouge;

use rouge::{Aggregate, Mode, Prf, RougeSettings, Scorer, Scores, TokenizerKind};

/// One unit to score: its references and its candidate.
type Unit = (Vec<String>, String);

/// Builds `{metric: score_cls(precision, recall, fmeasure)}` in metric order.
fn to_dict<'py>(
    py: Python<'py>,
    names: &[Py<PyString>],
    score_cls: &Py<PyAny>,
    scores: &Scores,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (name, (_, prf)) in names.iter().zip(&scores.0) {
        dict.set_item(name.bind(py), score(py, score_cls, prf)?)?;
    }
    Ok(dict)
}

/// `score_cls(precision, recall, fmeasure)`.
fn score<'py>(py: Python<'py>, score_cls: &Py<PyAny>, prf: &Prf) -> PyResult<Bound<'py, PyAny>> {
    score_cls.bind(py).call1((prf.p, prf.r, prf.f))
}

/// Interned Python strings of the scorer's metric names (built once, reused per result).
fn metric_names(py: Python<'_>, scorer: &Scorer) -> Vec<Py<PyString>> {
    scorer
        .metric_names()
        .iter()
        .map(|n| PyString::intern(py, n).unbind())
        .collect()
}

/// Reads one `(references, candidate)` item of a batch: references are a string (one
/// reference) or a sequence of strings (at least one).
fn unit(item: &Bound<'_, PyAny>, index: usize) -> PyResult<Unit> {
    let (refs, candidate): (Bound<'_, PyAny>, String) = item.extract().map_err(|e| {
        PyTypeError::new_err(format!(
            "item {index}: expected a (target, prediction) pair of strings \
             (target may be a list of strings): {e}"
        ))
    })?;
    let refs: Vec<String> = if refs.is_instance_of::<PyString>() {
        vec![refs.extract()?]
    } else {
        refs.extract().map_err(|e| {
            PyTypeError::new_err(format!(
                "item {index}: the target must be a string or a list of strings: {e}"
            ))
        })?
    };
    if refs.is_empty() {
        return Err(PyValueError::new_err(format!(
            "item {index}: the list of targets is empty; give at least one"
        )));
    }
    Ok((refs, candidate))
}

/// Reads a whole batch before any scoring, so a bad item is reported before work starts.
fn units(items: &Bound<'_, PyAny>) -> PyResult<Vec<Unit>> {
    let mut out = Vec::new();
    for (i, item) in items.try_iter()?.enumerate() {
        out.push(unit(&item?, i)?);
    }
    Ok(out)
}

/// Scores every unit on every core, without the GIL; results in input order.
fn score_all(py: Python<'_>, scorer: &Scorer, units: &[Unit]) -> Vec<Scores> {
    py.detach(|| {
        units
            .par_iter()
            .map(|(refs, cand)| {
                let refs: Vec<&str> = refs.iter().map(String::as_str).collect();
                scorer.score(cand, &refs)
            })
            .collect()
    })
}

/// rouge-score 0.1.2's scoring (`RougeScorer`'s engine) for one metric list and stemmer
/// setting, tokenizing with rouge-score's default tokenizer.
#[pyclass(frozen, module = "sumbench_rouge._native")]
struct RougeScoreEngine {
    scorer: Scorer,
    names: Vec<Py<PyString>>,
    score_cls: Py<PyAny>,
}

#[pymethods]
impl RougeScoreEngine {
    /// Validates the metric names (`rouge1` … `rouge9`, `rougeL`, `rougeLsum`, no repeats).
    #[new]
    fn new(
        py: Python<'_>,
        rouge_types: Vec<String>,
        use_stemmer: bool,
        score_cls: Py<PyAny>,
    ) -> PyResult<Self> {
        let scorer = Scorer::new(&RougeSettings {
            mode: Mode::RougeScore,
            flags: None,
            stem: Some(use_stemmer),
            metrics: Some(rouge_types),
            tokenizer: TokenizerKind::Default,
        })
        .map_err(PyValueError::new_err)?;
        Ok(RougeScoreEngine {
            names: metric_names(py, &scorer),
            scorer,
            score_cls,
        })
    }

    /// `{metric: Score}` of `prediction` against one `target`.
    fn score<'py>(
        &self,
        py: Python<'py>,
        target: &str,
        prediction: &str,
    ) -> PyResult<Bound<'py, PyDict>> {
        let scorer = &self.scorer;
        let s = py.detach(|| scorer.score(prediction, &[target]));
        to_dict(py, &self.names, &self.score_cls, &s)
    }

    /// `{metric: Score}` against the best of several targets, metric by metric (highest
    /// F, the first on ties: rouge-score's `score_multi`).
    fn score_multi<'py>(
        &self,
        py: Python<'py>,
        targets: Vec<String>,
        prediction: &str,
    ) -> PyResult<Bound<'py, PyDict>> {
        if targets.is_empty() {
            // What rouge-score's np.argmax over no scores raises.
            return Err(PyValueError::new_err(
                "attempt to get argmax of an empty sequence (score_multi needs at least one target)",
            ));
        }
        let scorer = &self.scorer;
        let s = py.detach(|| {
            let refs: Vec<&str> = targets.iter().map(String::as_str).collect();
            scorer.score(prediction, &refs)
        });
        to_dict(py, &self.names, &self.score_cls, &s)
    }

    /// One `{metric: Score}` per `(target, prediction)` pair, in input order; a target
    /// given as a list of strings is scored as `score_multi` does.
    fn score_batch<'py>(
        &self,
        py: Python<'py>,
        pairs: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let units = units(pairs)?;
        let scores = score_all(py, &self.scorer, &units);
        let list = PyList::empty(py);
        for s in &scores {
            list.append(to_dict(py, &self.names, &self.score_cls, s)?)?;
        }
        Ok(list)
    }
}

/// ROUGE-1.5.5's scoring for one set of the script's flags.
#[pyclass(frozen, module = "sumbench_rouge._native")]
struct Rouge155Engine {
    scorer: Scorer,
    names: Vec<Py<PyString>>,
    score_cls: Py<PyAny>,
    aggregate_cls: Py<PyAny>,
}

#[pymethods]
impl Rouge155Engine {
    /// Parses the flags with the script's own syntax.
    #[new]
    fn new(
        py: Python<'_>,
        flags: String,
        score_cls: Py<PyAny>,
        aggregate_cls: Py<PyAny>,
    ) -> PyResult<Self> {
        let scorer = Scorer::new(&RougeSettings {
            mode: Mode::Rouge155,
            flags: Some(flags),
            stem: None,
            metrics: None,
            tokenizer: TokenizerKind::Default,
        })
        .map_err(PyValueError::new_err)?;
        Ok(Rouge155Engine {
            names: metric_names(py, &scorer),
            scorer,
            score_cls,
            aggregate_cls,
        })
    }

    /// The metrics computed, in the script's order (e.g. `ROUGE-1`, `ROUGE-L`, `ROUGE-SU4`).
    #[getter]
    fn metric_names(&self) -> Vec<String> {
        self.scorer.metric_names()
    }

    /// The settings in the script's terms, e.g. `ROUGE-1.5.5 -n 2 -m …`.
    fn describe(&self) -> String {
        self.scorer.describe()
    }

    /// Per-unit `{metric: Score}` of each `(references, candidate)` unit, in input order.
    fn score_many<'py>(
        &self,
        py: Python<'py>,
        units: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let units = self::units(units)?;
        let scores = score_all(py, &self.scorer, &units);
        let list = PyList::empty(py);
        for s in &scores {
            list.append(to_dict(py, &self.names, &self.score_cls, s)?)?;
        }
        Ok(list)
    }

    /// Per-unit scores and the script's averages with their bootstrap intervals:
    /// `(units, {metric: AggregateScore(low, mid, high)})`, `mid` being the average the
    /// script prints.
    fn evaluate<'py>(
        &self,
        py: Python<'py>,
        units: &Bound<'py, PyAny>,
    ) -> PyResult<(Bound<'py, PyList>, Bound<'py, PyDict>)> {
        let units = self::units(units)?;
        let scorer = &self.scorer;
        let scores = score_all(py, scorer, &units);
        let aggregates: Vec<Aggregate> = py.detach(|| scorer.aggregate(&scores));
        let list = PyList::empty(py);
        for s in &scores {
            list.append(to_dict(py, &self.names, &self.score_cls, s)?)?;
        }
        let averages = PyDict::new(py);
        for (name, a) in self.names.iter().zip(&aggregates) {
            let mid = score(py, &self.score_cls, &a.mean)?;
            let low = score(py, &self.score_cls, &a.low.unwrap_or(a.mean))?;
            let high = score(py, &self.score_cls, &a.high.unwrap_or(a.mean))?;
            averages.set_item(
                name.bind(py),
                self.aggregate_cls.bind(py).call1((low, mid, high))?,
            )?;
        }
        Ok((list, averages))
    }
}

/// The native half of the `sumbench_rouge` package.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<RougeScoreEngine>()?;
    m.add_class::<Rouge155Engine>()?;
    Ok(())
}
