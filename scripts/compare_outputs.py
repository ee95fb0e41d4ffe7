#!/usr/bin/env python3
"""Checks that two restock output sets are the same night: every file byte for byte, and
summary.json apart from what differs between any two runs (timings_seconds, finished_at).

    python3 scripts/compare_outputs.py SINGLE_OUT MERGED_OUT   # exit 0 equal, 1 different

Two nights of the same rows stored differently (sales.csv against gzip-compressed part files)
describe their inputs differently: `--ignore-inputs` leaves summary.json's `inputs` (names and
digests as stored) out, and `--ignore FILE` (repeatable) a file such as the what-if snapshot's
`state/baseline.v1/meta.json` and `sales-index.csv`. Two nights run with different thread
counts (one process on every core against shards on one core each) record them in summary.json:
`--ignore-key threads` (repeatable) leaves such a top-level key out.
"""
import argparse
import json
import os
import sys

VOLATILE = ("timings_seconds", "finished_at")


def files(root):
    out = {}
    for d, _, names in os.walk(root):
        for n in names:
            p = os.path.join(d, n)
            out[os.path.relpath(p, root)] = p
    return out


def main(a, b, ignore=(), ignore_inputs=False, ignore_keys=()):
    fa, fb = files(a), files(b)
    for rel in ignore:
        fa.pop(rel, None)
        fb.pop(rel, None)
    problems = []
    for rel in sorted(set(fa) ^ set(fb)):
        problems.append(f"only in {a if rel in fa else b}: {rel}")
    for rel in sorted(set(fa) & set(fb)):
        if rel == "summary.json":
            ja, jb = (json.load(open(fa[rel])), json.load(open(fb[rel])))
            for k in VOLATILE + (("inputs",) if ignore_inputs else ()) + tuple(ignore_keys):
                ja.pop(k, None)
                jb.pop(k, None)
            if ja != jb:
                keys = sorted(k for k in set(ja) | set(jb) if ja.get(k) != jb.get(k))
                problems.append(f"summary.json differs in {', '.join(keys)}")
        elif open(fa[rel], "rb").read() != open(fb[rel], "rb").read():
            problems.append(f"{rel} differs")
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{len(fa)} files compared: " + ("identical (summary.json timings apart)" if not problems else f"{len(problems)} differences"))
    return 1 if problems else 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--ignore", action="append", default=[], metavar="FILE")
    ap.add_argument("--ignore-inputs", action="store_true")
    ap.add_argument("--ignore-key", action="append", default=[], metavar="KEY")
    args = ap.parse_args()
    sys.exit(main(args.a, args.b, args.ignore, args.ignore_inputs, args.ignore_key))
