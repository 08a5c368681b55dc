"""Result types and the bootstrap aggregator, as ``rouge_score.scoring`` has them.

``Score`` and ``AggregateScore`` are namedtuples with rouge-score's names and fields,
so code that unpacks, indexes or reads ``.fmeasure`` works unchanged (they compare
equal to rouge-score's, being tuples of the same values).

``BootstrapAggregator`` follows rouge-score 0.1.2's algorithm step for step and draws
from NumPy's global generator the same way (``numpy.random.choice`` once per resample,
score types in the order first added), so after the same ``numpy.random.seed(...)`` it
returns the same intervals as rouge-score's, bit for bit. That is deliberately not
sumbench's own rouge-score-mode bootstrap (``sumbench score`` / ``run``), which uses a
fixed seed of its own and reports the plain mean rather than the median of the
resampled means: see docs/python.md.
"""

import abc
import collections

Score = collections.namedtuple("Score", ["precision", "recall", "fmeasure"])
Score.__doc__ = "Precision, recall and F-measure of one metric (rouge_score.scoring.Score)."

AggregateScore = collections.namedtuple("AggregateScore", ["low", "mid", "high"])
AggregateScore.__doc__ = (
    "Lower bound, middle and upper bound of a bootstrap interval, each a Score "
    "(rouge_score.scoring.AggregateScore)."
)


def fmeasure(precision, recall):
    """F1 of ``precision`` and ``recall``, 0 when both are 0 (rouge_score.scoring.fmeasure)."""
    if precision + recall > 0:
        return 2 * precision * recall / (precision + recall)
    return 0.0


class BaseScorer(metaclass=abc.ABCMeta):
    """A scorer of a prediction against a target (rouge_score.scoring.BaseScorer)."""

    @abc.abstractmethod
    def score(self, target, prediction):
        """Returns ``{score_type: Score}`` of ``prediction`` against ``target``."""


class BootstrapAggregator:
    """Bootstrap confidence intervals over many ``{score_type: Score}`` results.

    ``aggregate()`` returns ``{score_type: AggregateScore(low, mid, high)}``: the
    percentiles ``(1 - confidence_interval) / 2``, 50 and ``1 - (1 - ci) / 2`` of the
    means of ``n_samples`` resamples (with replacement) of the added results.
    """

    def __init__(self, confidence_interval=0.95, n_samples=1000):
        if n_samples <= 0:
            raise ValueError("n_samples must be positive")
        if not 0 <= confidence_interval <= 1:
            raise ValueError("confidence_interval must be in range [0, 1]")
        self._n_samples = n_samples
        self._confidence_interval = confidence_interval
        self._scores = collections.defaultdict(list)

    def add_scores(self, scores):
        """Adds one ``{score_type: Score}`` result."""
        for score_type, score in scores.items():
            self._scores[score_type].append(score)

    def aggregate(self):
        """``{score_type: AggregateScore}``, score types in the order first added."""
        import numpy as np

        result = {}
        for score_type, scores in self._scores.items():
            matrix = np.vstack(tuple(scores))
            bounds = self._percentiles(np, matrix)
            # The class of the added scores, as rouge-score does (Score of NumPy floats).
            cls = scores[0].__class__
            low, mid, high = (cls(*bounds[j, :]) for j in range(3))
            result[score_type] = AggregateScore(low=low, mid=mid, high=high)
        return result

    def _percentiles(self, np, matrix):
        # The same NumPy calls in the same order as rouge-score 0.1.2, which is what
        # makes the draws (and so the intervals) identical after the same seed.
        rows = matrix.shape[0]
        means = np.zeros((self._n_samples, matrix.shape[1]))
        population = np.arange(rows)
        for i in range(self._n_samples):
            picked = np.random.choice(population, size=rows)
            means[i, :] = np.mean(matrix[picked, :], axis=0)
        delta = (1 - self._confidence_interval) / 2
        q = 100 * np.array([delta, 0.5, 1 - delta])
        return np.percentile(means, q, axis=0)
