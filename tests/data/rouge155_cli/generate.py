#!/usr/bin/env python3
"""Writes the rouge155 drop-in fixtures and, given the real script, their expected output.

    python3 generate.py                       # (re)write the inputs only
    python3 generate.py --perl /path/to/RELEASE-1.5.5   # also run ROUGE-1.5.5.pl -> expected/
    python3 generate.py --perl DIR --check BIN          # compare BIN rouge155 with the script
                                                        # on many more random flag sets

Inputs are made-up sentences from a fixed vocabulary (seeded, so regenerating gives the
same bytes): SEE html as pyrouge writes it, plus SPL and ISI copies. See README.md.
"""
import argparse
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SYSTEMS = ["1", "B", "sys-c"]

WORDS = (
    "the a of and to in is was were that it for on with as by at from this "
    "cat cats dog dogs running runs ran runner better best good bank banks river rivers "
    "council voted vote votes voting plan plans city cities water supply supplies storm "
    "storms flooded flooding 1998 2004 42 state-run mid-year U.S. Mr. O'Brien report "
    "reported reports reporting agreed agreement leaders leader talks talked peace "
    "officials official said says saying new old president election elections caf\u00e9 "
    "na\u00efve \u0645\u0631\u062d\u0628\u0627 tested testes geese mice happily happier"
).split()


def sentence(rng, pool=None):
    n = rng.randint(2, 14)
    words = [rng.choice(pool if pool and rng.random() < 0.7 else WORDS) for _ in range(n)]
    if rng.random() < 0.3:
        words[0] = words[0].capitalize()
    if rng.random() < 0.2:
        words.insert(rng.randint(0, len(words)), rng.choice([",", ";", "--", "(x)", "\"q\""]))
    return " ".join(words) + rng.choice([".", ".", "!", "?", ""])


def see(sentences):
    """pyrouge's Rouge155.convert_text_to_rouge_format, verbatim in effect."""
    elems = [
        '<a name="{i}">[{i}]</a> <a href="#{i}" id={i}>{t}</a>'.format(i=i, t=s)
        for i, s in enumerate(sentences, start=1)
    ]
    return (
        "<html>\n<head>\n<title>dummy title</title>\n</head>\n"
        '<body bgcolor="white">\n' + "\n".join(elems) + "\n</body>\n</html>"
    )


def isi(sentences):
    return "".join('<S SNTNO="{}">{}</S>\n'.format(i, s) for i, s in enumerate(sentences, 1))


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def units(seed=20261129, n=12):
    """[(eval id, {system: sentences}, [model sentences...])]"""
    rng = random.Random(seed)
    out = []
    ids = [str(i) for i in range(1, n - 1)] + ["D30", "D4"]
    for k, eid in enumerate(ids):
        pool = [rng.choice(WORDS) for _ in range(12)]
        models = [[sentence(rng, pool) for _ in range(rng.randint(1, 5))] for _ in range(1 + k % 4)]
        peers = {}
        for s in SYSTEMS:
            if s == "sys-c" and k == 3:
                continue  # a peer missing from one evaluation (the script warns)
            sents = []
            for _ in range(rng.randint(1, 5)):
                if rng.random() < 0.5:
                    src = rng.choice(rng.choice(models)).split()
                    if len(src) > 3 and rng.random() < 0.5:
                        del src[rng.randrange(len(src))]
                    sents.append(" ".join(src))
                else:
                    sents.append(sentence(rng, pool))
            if k == 5 and s == "1":
                sents = ["", "An EMPTY line above; and  tabs\there."]
            if k == 6 and s == "B":
                sents = ["-- ; !"]  # no token at all
            peers[s] = sents
        out.append((eid, peers, models))
    return out


def write_inputs():
    data = units()
    evals = []
    see_list, spl_list, isi_list = [], [], []
    for eid, peers, models in data:
        mnames = []
        for m, sents in enumerate(models):
            name = "%s.M.%s.html" % (eid, chr(65 + m))
            write(os.path.join(HERE, "models", name), see(sents))
            write(os.path.join(HERE, "spl", "%s.M.%s.txt" % (eid, chr(65 + m))), "\n".join(sents) + "\n")
            write(os.path.join(HERE, "isi", "%s.M.%s.isi" % (eid, chr(65 + m))), isi(sents))
            mnames.append(name)
        pe = []
        for s, sents in peers.items():
            name = "%s.%s.html" % (eid, s)
            write(os.path.join(HERE, "peers", name), see(sents))
            write(os.path.join(HERE, "spl", "%s.%s.txt" % (eid, s)), "\n".join(sents) + "\n")
            write(os.path.join(HERE, "isi", "%s.%s.isi" % (eid, s)), isi(sents))
            pe.append('<P ID="{}">{}</P>'.format(s, name))
        if "1" in peers:
            ms = " ".join("%s.M.%s" % (eid, chr(65 + m)) for m in range(len(models)))
            see_list.append("peers/%s.1.html " % eid + " ".join("models/%s.html" % x for x in ms.split()))
            spl_list.append("spl/%s.1.txt " % eid + " ".join("spl/%s.txt" % x for x in ms.split()))
            isi_list.append("isi/%s.1.isi " % eid + " ".join("isi/%s.isi" % x for x in ms.split()))
        model_elems = "\n\t\t\t".join('<M ID="{}">{}</M>'.format(chr(65 + i), n) for i, n in enumerate(mnames))
        # pyrouge's __get_eval_string layout, with relative roots and several peers.
        evals.append(
            '\n    <EVAL ID="{id}">\n        <MODEL-ROOT>models</MODEL-ROOT>\n'
            "        <PEER-ROOT>peers</PEER-ROOT>\n"
            '        <INPUT-FORMAT TYPE="SEE">\n        </INPUT-FORMAT>\n'
            "        <PEERS>\n            {p}\n        </PEERS>\n"
            "        <MODELS>\n            {m}\n        </MODELS>\n    </EVAL>\n".format(
                id=eid, p="\n            ".join(pe), m=model_elems
            )
        )
    write(os.path.join(HERE, "config.xml"), '<ROUGE-EVAL version="1.55">' + "".join(evals) + "</ROUGE-EVAL>")
    write(os.path.join(HERE, "list-see.txt"), "# peer model1 model2 ...\n" + "\n".join(see_list) + "\n\n")
    write(os.path.join(HERE, "list-spl.txt"), "\n".join(spl_list) + "\n")
    write(os.path.join(HERE, "list-isi.txt"), "\n".join(isi_list) + "\n")


def cases():
    """[(name, args)] from cases.txt; DATA stands for the data directory."""
    out = []
    with open(os.path.join(HERE, "cases.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                name, args = line.split("\t")
                out.append((name, args.split()))
    return out


def run_perl(rouge_dir, args):
    script = os.path.join(rouge_dir, "ROUGE-1.5.5.pl")
    data = os.path.join(rouge_dir, "data")
    args = [data if a == "DATA" else a for a in args]
    env = dict(os.environ, ROUGE_EVAL_HOME=data)
    return subprocess.run(["perl", script] + args, cwd=HERE, env=env, capture_output=True)


def run_ours(binary, args):
    args = ["data" if a == "DATA" else a for a in args]
    return subprocess.run([binary, "rouge155"] + args, cwd=HERE, capture_output=True)


def random_flags(rng):
    f = []
    if rng.random() < 0.8:
        f += ["-n", str(rng.choice([1, 2, 3, 4, 4, 9, 11]))]
    if rng.random() < 0.5:
        f.append("-m")
    if rng.random() < 0.3:
        f.append("-s")
    r = rng.random()
    if r < 0.25:
        f += ["-l", str(rng.choice([1, 3, 10, 25, 100]))]
    elif r < 0.5:
        f += ["-b", str(rng.choice([1, 5, 30, 75, 665]))]
    if rng.random() < 0.2:
        f.append("-x")
    if rng.random() < 0.4:
        f += ["-w", rng.choice(["1.2", "1.5", "2"])]
    if rng.random() < 0.5:
        f += ["-2", rng.choice(["-1", "0", "1", "4", "9"])]
        if rng.random() < 0.5:
            f.append(rng.choice(["-u", "-U"]))
    f += ["-c", rng.choice(["95", "90", "99.5"]), "-r", rng.choice(["1000", "200", "1"])]
    f += ["-f", rng.choice(["A", "B"]), "-p", rng.choice(["0.5", "0.2", "1", "0"])]
    f += ["-t", rng.choice(["0", "0", "1", "2"])]
    if rng.random() < 0.5:
        f.append("-d")
    target = rng.choice(["xml-a", "xml-id", "see", "spl", "isi", "spl-id"])
    if target == "xml-a":
        tail = ["-a", "config.xml"]
    elif target == "xml-id":
        tail = ["config.xml", rng.choice(SYSTEMS)]
    elif target == "see":
        tail = ["-z", "SEE", "list-see.txt"]
    elif target == "spl":
        tail = ["-z", "SPL", "list-spl.txt"]
    elif target == "isi":
        tail = ["-z", "ISI", "list-isi.txt"]
    else:
        tail = ["-z", "SPL", "list-spl.txt", "mysys"]
    return ["-e", "DATA"] + f + tail


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--perl", help="ROUGE-1.5.5 release directory (with data/ built)")
    ap.add_argument("--check", help="sumbench binary to compare with the script")
    ap.add_argument("--random", type=int, default=300, help="random flag sets for --check")
    a = ap.parse_args()
    write_inputs()
    if not a.perl:
        return
    if not a.check:
        os.makedirs(os.path.join(HERE, "expected"), exist_ok=True)
        for name, args in cases():
            p = run_perl(a.perl, args)
            if p.returncode != 0:
                sys.exit("%s: the script failed: %s" % (name, p.stderr.decode()))
            with open(os.path.join(HERE, "expected", name + ".out"), "wb") as f:
                f.write(p.stdout)
        return
    rng = random.Random(7)
    sets = [args for _, args in cases()] + [random_flags(rng) for _ in range(a.random)]
    bad = 0
    for args in sets:
        p, o = run_perl(a.perl, args), run_ours(a.check, args)
        if p.returncode != 0:
            print("script failed (skipped):", " ".join(args), p.stderr.decode()[:200])
            continue
        if p.stdout != o.stdout:
            bad += 1
            print("DIFFER:", " ".join(args))
            if bad <= 3:
                import difflib
                sys.stdout.writelines(list(difflib.unified_diff(
                    p.stdout.decode().splitlines(True), o.stdout.decode().splitlines(True)))[:20])
                print(o.stderr.decode()[:300])
    print("%d flag sets compared, %d differ" % (len(sets), bad))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
