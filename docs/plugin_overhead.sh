#!/usr/bin/env bash
# Per-cluster overhead of a `command` plugin started per cluster vs one persistent
# process (docs/plugins.md, "Plugin overhead"). One run holds both systems, the same
# trivial protocol-2 Python plugin in either mode, over 50 tiny clusters on one worker
# thread, so they share the machine's load; `uptime` is printed beside the figures.
#   docs/plugin_overhead.sh [CLUSTERS]      (from the repository root; builds --release)
set -euo pipefail
cd "$(dirname "$0")/.."
clusters="${1:-50}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
python3 - "$clusters" > "$work/data.jsonl" <<'PY'
import json, sys
for i in range(int(sys.argv[1])):
    docs = [{"id": f"d{j}", "text": f"Story {i} says the council met on day {j}. "
             f"Officials in town {i} discussed the budget for hours."} for j in range(2)]
    refs = [{"id": "A", "text": f"The council of town {i} discussed the budget."}]
    print(json.dumps({"id": f"c{i:03}", "docs": docs, "refs": refs}))
PY
# Trivial: handshake, then the first candidate of each request; the time is all overhead.
cat > "$work/first.py" <<'PY'
import json, sys
print(json.dumps({"protocol": 2}), flush=True)
for line in sys.stdin:
    req = json.loads(line)
    ids = [s["id"] for d in req["cluster"]["docs"] for s in d["sentences"] if s["candidate"]]
    print(json.dumps({"sentences": ids[:1]}), flush=True)
PY
cat > "$work/run.yaml" <<YAML
name: overhead
datasets: [{name: tiny, format: jsonl, path: $work/data.jsonl}]
budget: {unit: words, limit: 20}
rouge: {mode: rouge-score}
output: $work/results
summarizers:
  - {type: command, name: per-cluster, command: [python3, $work/first.py], protocol: 2}
  - {type: command, name: persistent, command: [python3, $work/first.py], protocol: 2, mode: persistent}
YAML
echo "load before: $(uptime)"
target/release/sumbench run --config "$work/run.yaml" --jobs 1 --quiet > /dev/null
echo "load after:  $(uptime)"
python3 - "$work/results/overhead.timings.json" "$work/results/overhead.json" <<'PY'
import json, sys
timings = json.load(open(sys.argv[1]))
failed = sum(1 for u in json.load(open(sys.argv[2]))["results"] if u["error"])
by = {s["system"]: s for s in timings["systems"]}
for name in ("per-cluster", "persistent"):
    ms = by[name]["per_cluster_ms"]
    print(f"{name:12} {by[name]['mean_ms']:8.2f} ms/cluster mean, first {ms[0]:.2f} ms, "
          f"median of the rest {sorted(ms[1:])[len(ms[1:]) // 2]:.2f} ms ({len(ms)} clusters)")
print(f"failed units: {failed}")
PY
