#!/usr/bin/env python3
"""pyrouge pointed at the real ROUGE-1.5.5.pl, then at sumbench's shim: same output?

    python rouge155_pyrouge.py --perl /tmp/r155 --sumbench target/release/sumbench

Needs pyrouge (pip install pyrouge) and a ROUGE-1.5.5 release directory whose data/ is
built (docs/rouge155.md). Takes the made-up summaries of tests/data/rouge155_cli/spl
(system "1", evaluations 1-10), lets pyrouge convert them to SEE html and write its XML
config, runs its default command line and also a published one, once per ROUGE, and
compares pyrouge's raw output text and parsed dict.
"""
import argparse
import os
import shutil
import stat
import sys
import tempfile

from pyrouge import Rouge155

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SPL = os.path.join(REPO, "tests", "data", "rouge155_cli", "spl")


def shim_dir(tmp, sumbench):
    """A directory shaped like a ROUGE install: ROUGE-1.5.5.pl (the shim) and data/."""
    d = os.path.join(tmp, "sumbench-rouge")
    os.makedirs(os.path.join(d, "data"))
    shutil.copy(os.path.join(REPO, "scripts", "ROUGE-1.5.5.pl"), d)
    os.chmod(os.path.join(d, "ROUGE-1.5.5.pl"), stat.S_IRWXU)
    os.environ["SUMBENCH"] = os.path.abspath(sumbench)
    return d


def inputs(tmp):
    sys_dir, model_dir = os.path.join(tmp, "system"), os.path.join(tmp, "model")
    os.makedirs(sys_dir)
    os.makedirs(model_dir)
    for name in sorted(os.listdir(SPL)):
        parts = name.split(".")
        if not parts[0].isdigit():
            continue
        if parts[1] == "1":
            shutil.copy(os.path.join(SPL, name), os.path.join(sys_dir, "sum.%s.txt" % parts[0]))
        elif parts[1] == "M":
            shutil.copy(os.path.join(SPL, name), os.path.join(model_dir, "sum.%s.%s.txt" % (parts[2], parts[0])))
    return sys_dir, model_dir


def evaluate(rouge_dir, sys_dir, model_dir, args):
    r = Rouge155(rouge_dir=rouge_dir, rouge_args=args)
    r.system_dir, r.model_dir = sys_dir, model_dir
    r.system_filename_pattern = r"sum.(\d+).txt"
    r.model_filename_pattern = "sum.[A-Z].#ID#.txt"
    out = r.convert_and_evaluate()
    return out, r.output_to_dict(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--perl", required=True, help="ROUGE-1.5.5 release directory")
    ap.add_argument("--sumbench", required=True, help="the sumbench binary")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp()
    sys_dir, model_dir = inputs(tmp)
    shim = shim_dir(tmp, a.sumbench)
    ok = True
    for args in [None, "-n 4 -w 1.2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a -d"]:
        real = evaluate(a.perl, sys_dir, model_dir, args and "-e %s/data %s" % (a.perl, args))
        ours = evaluate(shim, sys_dir, model_dir, args and "-e %s/data %s" % (shim, args))
        same = real[0] == ours[0] and real[1] == ours[1]
        ok &= same
        print("%-10s %s: %d output bytes, %d numbers, %s" % (
            "default" if args is None else "published", args or "(pyrouge's own flags)",
            len(real[0]), len(real[1]), "identical" if same else "DIFFERENT"))
    shutil.rmtree(tmp)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
