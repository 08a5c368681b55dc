#!/usr/bin/env python3
"""A sumbench `command` plugin: the first candidate sentence of each document, in
document order, as long as the budget allows (a lead baseline over all documents).

Protocol (docs/plugins.md): one JSON object on stdin, one JSON object on stdout.
Standard library only. Run it by hand with:

    echo '{"protocol": 1, "cluster": {"id": "c", "docs": [{"id": "d", "title": null,
      "date": null, "sentences": [{"id": 0, "text": "One two three.", "words": 3,
      "bytes": 14, "candidate": true}]}]},
      "budget": {"unit": "words", "limit": 100, "truncate": false}, "seed": 0}' \
      | python3 examples/plugins/first_sentences.py
"""
import json
import sys


def cost(sentence, unit, count):
    """What `sentence` adds to a summary that already holds `count` sentences."""
    if unit == "words":
        return sentence["words"]
    if unit == "bytes":
        # Sentences are joined by one newline, which the byte budget counts.
        return sentence["bytes"] + (1 if count else 0)
    return 1  # "sentences"


def summarize(request):
    budget = request["budget"]
    unit, limit, truncate = budget["unit"], budget["limit"], budget["truncate"]
    used, picked = 0, []
    for doc in request["cluster"]["docs"]:
        first = next((s for s in doc["sentences"] if s["candidate"]), None)
        if first is None:
            continue
        c = cost(first, unit, len(picked))
        # With truncate, the last sentence may cross the limit and sumbench cuts it.
        if used + c <= limit or (truncate and used < limit):
            picked.append(first["id"])
            used += c
    return {"sentences": picked}


def main():
    request = json.load(sys.stdin)
    if request.get("protocol") != 1:
        print(f"unsupported protocol {request.get('protocol')!r}", file=sys.stderr)
        return 2
    json.dump(summarize(request), sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
