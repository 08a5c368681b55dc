"""``Rouge155``: ROUGE-1.5.5.pl's scores from its own command-line flags.

The flags are the script's (``"-n 2 -m -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a"``, as a
string or a list of arguments), read by the parser of ``sumbench rouge155`` with the
script's own rules, so what the script accepts is accepted (``-n 12``, ``-e DIR``,
``-a``, ``-d``, bundles such as ``-mn4``); flags sumbench does not reproduce (``-3``,
``-z SIMPLE``, ``-M``, ``-v``) or that need files rather than texts (``-t 1|2``,
``-z SEE|ISI``) are refused with a ``ValueError`` saying so. Texts hold one sentence per line, as the script's ``-z SPL`` input.

Per-unit scores match the script's printed 5 decimals. ``evaluate`` also gives the
script's averages and bootstrap intervals, exactly as it prints them for a ``-z SPL``
file list holding the units in the order given (unit ``i`` having evaluation id
``i + 1``): ``mid`` is the average the script prints, which is the mean of its
bootstrap sample means.
"""

import collections

from . import _native
from .scoring import AggregateScore, Score

Rouge155Result = collections.namedtuple("Rouge155Result", ["units", "average"])
Rouge155Result.__doc__ = (
    "Per-unit ``{metric: Score}`` dicts (input order) and ``{metric: "
    "AggregateScore(low, mid, high)}`` with the script's average as ``mid``."
)


class Rouge155:
    """ROUGE-1.5.5 scoring for one set of the script's flags.

    Every unit is ``(references, candidate)``: the reference summaries (a string, or a
    list of strings) and the summary scored, reference first as in rouge-score's
    ``score(target, prediction)``.
    """

    def __init__(self, flags=""):
        if not isinstance(flags, str):
            flags = " ".join(flags)
        self.flags = flags
        self._engine = _native.Rouge155Engine(flags, Score, AggregateScore)

    def __repr__(self):
        return "Rouge155(%r)" % self.flags

    def __getstate__(self):
        return self.flags

    def __setstate__(self, flags):
        self.__init__(flags)

    @property
    def metric_names(self):
        """The metrics computed, in the script's order (``ROUGE-1``, ``ROUGE-L``, …)."""
        return self._engine.metric_names

    def describe(self):
        """The settings in the script's terms."""
        return self._engine.describe()

    def score(self, references, candidate):
        """``{metric: Score}`` of one candidate against its references."""
        return self._engine.score_many([(references, candidate)])[0]

    def score_batch(self, units):
        """``{metric: Score}`` of each ``(references, candidate)`` unit, in input order,
        scored on every core with the GIL released."""
        return self._engine.score_many(units)

    def evaluate(self, units):
        """Per-unit scores and the script's averages with their confidence intervals
        (``-c``, ``-r``) over ``units``, as a :class:`Rouge155Result`."""
        per_unit, average = self._engine.evaluate(units)
        return Rouge155Result(units=per_unit, average=average)
