#!/bin/sh
# Reproduces the "Against Python sumy" numbers of docs/performance.md: sumbench's textrank
# and lexrank against sumy 0.13's TextRankSummarizer and LexRankSummarizer on the same
# sentences (the seed cluster repeated COPIES times, 50 by default, near-duplicate
# removal off), CPU time, then prints the ratios with the load average before and after.
# sumy runs once per method (minutes each on ~4,300 sentences), niced.
# Run from the repository root. Nothing is installed into the repository: the venv is
# /tmp/venv-sumy and the sentences go to /tmp.
set -eu
COPIES=${COPIES:-50}
SENTENCES=${SENTENCES:-/tmp/sumy_sentences.txt}
LOG=${LOG:-/tmp/sumy_speed.log}
: > "$LOG"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$LOG"
cargo build --release -q --example sumy_speed
./target/release/examples/sumy_speed "$COPIES" "$SENTENCES" | tee -a "$LOG"

[ -x /tmp/venv-sumy/bin/python ] || {
    python3 -m venv /tmp/venv-sumy
    /tmp/venv-sumy/bin/pip install -q sumy==0.13.0 numpy
}
/tmp/venv-sumy/bin/pip list 2>/dev/null | grep -E -i '^(sumy|numpy|nltk) ' | tee -a "$LOG"
for method in textrank lexrank; do
    nice /tmp/venv-sumy/bin/python docs/sumy_speed.py "$SENTENCES" "$method" | tee -a "$LOG"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$LOG"

python3 - "$LOG" <<'PY'
import re, sys
ours, sumy = {}, {}
for line in open(sys.argv[1]):
    m = re.match(r"(sumbench|sumy) (\w+): .*CPU ([0-9.]+) s", line)
    if m:
        (ours if m.group(1) == "sumbench" else sumy)[m.group(2)] = float(m.group(3))
print("\n| method | sumy CPU | sumbench CPU | sumbench is |")
print("|---|---|---|---|")
for k in ours:
    if k in sumy:
        print("| %s | %.1f s | %.4f s | %.0fx faster |" % (k, sumy[k], ours[k], sumy[k] / ours[k]))
PY
