# Generates tests/data/conformance/rouge_score_higher_n.jsonl: rouge-score 0.1.2's own
# rouge3, rouge4 and rouge9 (the public vectors only cover rouge1/rouge2/rougeL/rougeLsum)
# on every 5th case of tests/data/conformance/public.rouge_score.jsonl, stemmer on and off.
# Usage: /tmp/venv-rs/bin/python docs/rouge_n_vectors.py > tests/data/conformance/rouge_score_higher_n.jsonl
import json
from rouge_score import rouge_scorer

types = ["rouge3", "rouge4", "rouge9"]
scorers = {s: rouge_scorer.RougeScorer(types, use_stemmer=s) for s in (False, True)}
seen = set()
for k, line in enumerate(open("tests/data/conformance/public.rouge_score.jsonl")):
    case = json.loads(line)
    if k % 5 or case["id"] in seen:
        continue
    seen.add(case["id"])
    for stem in (False, True):
        scores = scorers[stem].score_multi(case["references"], case["candidate"])
        expected = {t: {"p": v.precision, "r": v.recall, "f": v.fmeasure} for t, v in scores.items()}
        print(json.dumps({"id": case["id"], "candidate": case["candidate"],
                          "references": case["references"], "use_stemmer": stem,
                          "expected": expected}, sort_keys=True))
