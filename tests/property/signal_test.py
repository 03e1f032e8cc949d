#!/usr/bin/env python3
"""SIGINT and SIGTERM make ns-index commit what it has done and exit 130
and 143; the next run completes the work."""
import os
import signal
import subprocess
import time

import nslib

with nslib.temp_dir() as tmp:
    tree = os.path.join(tmp, "tree")
    print("corpus:", nslib.make_corpus(tree, 4000))
    for sig, code in ((signal.SIGINT, 130), (signal.SIGTERM, 143)):
        db = os.path.join(tmp, f"db-{code}")
        run = subprocess.Popen([nslib.NS_INDEX, "--db", db, tree], stderr=subprocess.PIPE,
                               text=True)
        time.sleep(1.0)
        nslib.check(run.poll() is None, f"ns-index still running when sent {sig.name}")
        run.send_signal(sig)
        _, err = run.communicate(timeout=60)
        nslib.check(run.returncode == code, f"{sig.name}: exit {run.returncode}, expected {code}")
        nslib.check("stopped;" in err, f"{sig.name}: the summary says it stopped: {err.strip()}")
        done = int(err.split("indexed ")[1].split(" ")[0])
        again = nslib.index(db, tree)
        unchanged = int(again.stderr.split("), ")[1].split(" ")[0])
        nslib.check(unchanged == done, f"{sig.name}: the {done} files indexed before the stop "
                    f"were committed ({unchanged} unchanged on the next run)")

    # A stopped --rebuild keeps the old database whole and leaves nothing beside it.
    db = os.path.join(tmp, "db-rebuild")
    before = nslib.held_articles(nslib.index(db, os.path.join(nslib.DATA, "seeds")).stderr)
    run = subprocess.Popen([nslib.NS_INDEX, "--rebuild", "--db", db, tree],
                           stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    nslib.check(run.poll() is None, "the rebuild is still running when sent SIGINT")
    run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=60)
    nslib.check(run.returncode == 130, f"a stopped rebuild exits 130 ({run.returncode})")
    nslib.check(nslib.held_articles(err) == before,
                f"the old database is kept whole ({before} articles)")
    leftovers = [n for n in os.listdir(tmp) if n.startswith("db-rebuild.")]
    nslib.check(not leftovers, f"nothing is left beside it ({leftovers})")
    done = nslib.index(db, tree, extra=("--rebuild",))
    nslib.check(nslib.held_articles(done.stderr) > before, "a completed rebuild swaps in")
    nslib.check(not [n for n in os.listdir(tmp) if n.startswith("db-rebuild.")],
                "and leaves nothing beside it")
