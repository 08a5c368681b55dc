"""Exact, fast ROUGE from sumbench's Rust engines.

Two scorers, each reproducing a reference implementation to the last digit:

* :class:`RougeScorer` (also as ``sumbench_rouge.rouge_scorer.RougeScorer``) is a
  drop-in for Google's ``rouge_score.rouge_scorer.RougeScorer`` 0.1.2; ``scoring``
  holds the matching ``Score``, ``AggregateScore`` and ``BootstrapAggregator``.
  Replace ``from rouge_score import rouge_scorer, scoring`` with
  ``from sumbench_rouge import rouge_scorer, scoring``.
* :class:`Rouge155` takes ROUGE-1.5.5.pl's flags and gives the script's per-unit
  scores, averages and bootstrap intervals.

Both have batch calls (``score_batch``, ``Rouge155.evaluate``) that release the GIL
and score on every core. See docs/python.md in the sumbench repository.
"""

from . import rouge_scorer, scoring
from .rouge155 import Rouge155, Rouge155Result
from .rouge_scorer import RougeScorer
from .scoring import AggregateScore, BootstrapAggregator, Score

__all__ = [
    "AggregateScore",
    "BootstrapAggregator",
    "Rouge155",
    "Rouge155Result",
    "RougeScorer",
    "Score",
    "rouge_scorer",
    "scoring",
]
