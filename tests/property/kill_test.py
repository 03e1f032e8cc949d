#!/usr/bin/env python3
"""SIGKILL ns-index in the middle of a large run: the database opens and
answers, and the next run reaches the same articles and answers as a clean
build."""
import os
import random
import signal
import subprocess
import time

import nslib

with nslib.temp_dir() as tmp:
    tree = os.path.join(tmp, "tree")
    print("corpus:", nslib.make_corpus(tree, 4000))
    db, clean = os.path.join(tmp, "db"), os.path.join(tmp, "clean")
    # Kill once right after the first commit, then at random moments of the
    # following runs (mid-batch, mid-commit, mid-reconcile alike). Before
    # each of those every file is touched, so that the run has the whole
    # tree to do again (what the killed runs left was once done in less
    # than the longest wait).
    rng = random.Random(int(os.environ.get("NS_SEED", "7")))
    for attempt in range(4):
        if attempt > 0:
            stamp = time.time() + attempt
            for d, _, names in os.walk(tree):
                for name in names:
                    os.utime(os.path.join(d, name), (stamp, stamp))
        run = subprocess.Popen([nslib.NS_INDEX, "-q", "--db", db, tree],
                               stderr=subprocess.DEVNULL)
        if attempt == 0:
            deadline = time.time() + 60
            while time.time() < deadline and run.poll() is None:
                if os.path.isdir(db) and nslib.search_json(db, "coronavirus", limit=0)[0] == 0:
                    break
                time.sleep(0.02)
        else:
            time.sleep(rng.uniform(0.05, 1.5))
        nslib.check(run.poll() is None, f"kill {attempt + 1}: ns-index is still running")
        run.send_signal(signal.SIGKILL)
        run.wait()
        status, _ = nslib.search_json(db, "coronavirus", limit=0)
        nslib.check(status in (0, 1), f"kill {attempt + 1}: the database opens and answers")
    status, out = nslib.search_json(db, "coronavirus", limit=0)
    nslib.check(status in (0, 1), f"the killed database opens and answers (exit {status})")
    partial = out["total"] if status == 0 else 0
    again = nslib.index(db, tree)
    print("re-run:", again.stderr.strip().splitlines()[-1])
    nslib.index(clean, tree)
    _, full = nslib.search_json(clean, "coronavirus", limit=0)
    nslib.check(partial < full["total"], f"the kill came mid-run ({partial} of {full['total']} hits)")
    held = nslib.held_articles(again.stderr)
    expected = nslib.held_articles(nslib.index(clean, tree).stderr)
    nslib.check(held == expected, f"the re-run reaches {held} articles, a clean build {expected}")
    for q in ("coronavirus", "remdesivir", "SenseTime IPO", "Power Apps", "商汤"):
        nslib.check(nslib.search_json(db, q) == nslib.search_json(clean, q), f"'{q}' answers alike")
