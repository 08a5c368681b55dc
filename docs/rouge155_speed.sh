#!/bin/sh
# Reproduces the "ROUGE-1.5.5 drop-in" figures of docs/performance.md: one 500-unit
# ROUGE-1.5.5 evaluation (SEE files and an XML config laid out as pyrouge writes them;
# 4 references of ~100 words and 1 peer per unit) with a published DUC command line,
# run by the real ROUGE-1.5.5.pl and by `sumbench rouge155` side by side in one run:
# CPU time (user + system, from the exited child's rusage) and wall time of each, the
# ratio, and a byte comparison of their outputs, with the load average before and after.
# Usage: docs/rouge155_speed.sh /path/to/RELEASE-1.5.5   (its data/ built: docs/rouge155.md)
# Run from the repository root; the workload is written under /tmp. SUMBENCH=BINARY
# times that binary instead of building target/release/sumbench.
set -eu
ROUGE=${1:?usage: docs/rouge155_speed.sh /path/to/RELEASE-1.5.5}
W=${W:-/tmp/rouge155_speed}
FLAGS=${FLAGS:--n 4 -w 1.2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a}
if [ -z "${SUMBENCH:-}" ]; then
    cargo build --release -q --bin sumbench
    SUMBENCH=./target/release/sumbench
fi
export SUMBENCH
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$W" <<'PY'
import os, random, sys
w = sys.argv[1]
rng = random.Random(500)
# A Zipf-like vocabulary of made-up words, capitalised and punctuated now and then.
vocab = ["".join(rng.choice("abcdefghiklmnoprstuwy") for _ in range(rng.randint(2, 9))) for _ in range(3000)]
weights = [1 / (i + 1) for i in range(len(vocab))]
def text(words):
    out, sents = [], []
    for word in rng.choices(vocab, weights, k=words):
        out.append(word.capitalize() if rng.random() < 0.05 else word)
        if rng.random() < 0.06:
            sents.append(" ".join(out) + "."); out = []
    if out:
        sents.append(" ".join(out) + ".")
    return sents
def see(sents):
    return ("<html>\n<head>\n<title>dummy title</title>\n</head>\n<body bgcolor=\"white\">\n" +
            "\n".join('<a name="%d">[%d]</a> <a href="#%d" id=%d>%s</a>' % (i, i, i, i, s)
                      for i, s in enumerate(sents, 1)) + "\n</body>\n</html>")
for d in ("models", "peers"):
    os.makedirs(os.path.join(w, d), exist_ok=True)
evals = []
for u in range(1, 501):
    models = []
    for m in "ABCD":
        open(os.path.join(w, "models", "%d.%s.html" % (u, m)), "w").write(see(text(100)))
        models.append('<M ID="%s">%d.%s.html</M>' % (m, u, m))
    open(os.path.join(w, "peers", "%d.html" % u), "w").write(see(text(100)))
    evals.append('\n    <EVAL ID="%d">\n        <MODEL-ROOT>%s/models</MODEL-ROOT>\n        <PEER-ROOT>%s/peers</PEER-ROOT>\n'
                 '        <INPUT-FORMAT TYPE="SEE">\n        </INPUT-FORMAT>\n        <PEERS>\n            <P ID="1">%d.html</P>\n'
                 '        </PEERS>\n        <MODELS>\n            %s\n        </MODELS>\n    </EVAL>\n'
                 % (u, w, w, u, "\n\t\t\t".join(models)))
open(os.path.join(w, "config.xml"), "w").write('<ROUGE-EVAL version="1.55">' + "".join(evals) + "</ROUGE-EVAL>")
PY
python3 - "$W" "$ROUGE" "$FLAGS" <<'PY'
import os, resource, subprocess, sys, time
w, rouge, flags = sys.argv[1], sys.argv[2], sys.argv[3].split()
def run(name, cmd, env=None):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    out = subprocess.run(cmd, stdout=subprocess.PIPE, check=True, env=env).stdout
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    print("%-34s CPU %8.2f s  wall %8.2f s" % (name, cpu, wall))
    return out, cpu, wall
data = os.path.join(rouge, "data")
cfg = os.path.join(w, "config.xml")
print("500 units, 4 references + 1 peer of ~100 words each, flags: -e DATA " + " ".join(flags))
perl, pc, pw = run("ROUGE-1.5.5.pl (perl)", ["perl", os.path.join(rouge, "ROUGE-1.5.5.pl"), "-e", data] + flags + [cfg])
one, sc, sw = run("sumbench rouge155, 1 thread", [os.environ["SUMBENCH"], "rouge155", "-e", data] + flags + [cfg],
                  dict(os.environ, RAYON_NUM_THREADS="1"))
many, mc, mw = run("sumbench rouge155, all cores", [os.environ["SUMBENCH"], "rouge155", "-e", data] + flags + [cfg])
print("output bytes identical to the script's: %s (%d bytes)" % (perl == one == many, len(perl)))
print("CPU ratio perl / sumbench (1 thread): %.0fx; wall ratio (all cores): %.0fx" % (pc / sc, pw / mw))
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
