"""A protocol-2 sumbench plugin: sentences with the most words several documents share.

Speaks protocol 2 (docs/plugins.md): prints the handshake {"protocol": 2} first, then
answers each request line on stdin with one reply line on stdout, until stdin closes. The
same program therefore works with `mode: persistent` (one process, many clusters) and
with the default `mode: per-cluster` (one request, then end of input).

Parameters (the config entry's `params:`):
  min_docs       a word counts as shared when at least this many documents use it (2)
  max_sentences  at most this many sentences, 0 for no limit (0)

Each reply carries `diagnostics`: the number of candidates and the best sentence's score.
Like the reply, they depend on the request only, never on which process served it.
Standard library only.
"""
import json
import sys

PROTOCOL = 2


def words(text):
    """Lowercased words of `text`, punctuation stripped from their ends."""
    out = (w.strip(".,;:!?\"'()[]“”‘’").lower() for w in text.split())
    return [w for w in out if w]


def cost(sentence, unit, count):
    """What `sentence` adds to a summary that already holds `count` sentences."""
    if unit == "words":
        return sentence["words"]
    if unit == "bytes":
        return sentence["bytes"] + (1 if count else 0)
    return 1  # "sentences"


def summarize(request):
    params = request["params"]
    min_docs = int(params.get("min_docs", 2))
    max_sentences = int(params.get("max_sentences", 0))
    docs = request["cluster"]["docs"]
    doc_freq = {}
    for doc in docs:
        for w in {w for s in doc["sentences"] for w in words(s["text"])}:
            doc_freq[w] = doc_freq.get(w, 0) + 1

    def score(sentence):
        return sum(doc_freq[w] >= min_docs for w in set(words(sentence["text"])))

    candidates = [s for d in docs for s in d["sentences"] if s["candidate"]]
    ranked = sorted(candidates, key=lambda s: (-score(s), s["id"]))
    budget = request["budget"]
    unit, limit, truncate = budget["unit"], budget["limit"], budget["truncate"]
    used, picked = 0, []
    for s in ranked:
        if max_sentences and len(picked) == max_sentences:
            break
        c = cost(s, unit, len(picked))
        if used + c <= limit or (truncate and used < limit):
            picked.append(s["id"])
            used += c
    best = score(ranked[0]) if ranked else None
    return {
        "sentences": picked,
        "diagnostics": {"candidates": len(candidates), "best_score": best},
    }


def main():
    print(json.dumps({"protocol": PROTOCOL}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        if request.get("protocol") != PROTOCOL:
            print(f"unsupported protocol {request.get('protocol')!r}", file=sys.stderr)
            return 2
        # One line per reply, flushed: sumbench waits for it before the next request.
        print(json.dumps(summarize(request)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
