#!/usr/bin/env python3
"""SIGINT and SIGTERM make ns-index commit what it has done and exit 130
and 143; the next run completes the work."""
import contextlib
import os
import sys
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

    # Every wait ends at a stop signal, nothing written: another writer's
    # lock (--wait) ...
    db = os.path.join(tmp, "db-wait")
    nslib.index(db, nslib.DATA)
    python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
    holder = subprocess.Popen([python, "-c", "import sys, xapian; "
                               "db = xapian.WritableDatabase(sys.argv[1], xapian.DB_OPEN); "
                               "print('locked', flush=True); sys.stdin.read()", db],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    nslib.check(holder.stdout.readline().strip() == "locked", "another writer holds the lock")
    try:
        for extra in ((), ("--rebuild",)):
            run = subprocess.Popen([nslib.NS_INDEX, "--wait", *extra, "--db", db, nslib.DATA],
                                   stderr=subprocess.PIPE, text=True)
            time.sleep(0.6)
            nslib.check(run.poll() is None, f"ns-index --wait {' '.join(extra)} waits")
            sent = time.monotonic()
            run.send_signal(signal.SIGINT)
            _, err = run.communicate(timeout=30)
            nslib.check(run.returncode == 130 and err == (
                f"ns-index: {db}: stopped by SIGINT while waiting for another ns-index to "
                "finish; nothing was written\n"),
                f"--wait {' '.join(extra)}: SIGINT ends the wait, exit 130 after "
                f"{time.monotonic() - sent:.2f} s ({run.returncode}: {err.strip()})")
    finally:
        holder.stdin.close()
        holder.wait()

    # ... and Xapian's check of the database, here held still (SIGSTOP):
    # without the stop it would wait out its deadline, 10 s and more.
    def children(pid):
        try:
            with open(f"/proc/{pid}/task/{pid}/children") as f:
                return [int(c) for c in f.read().split()]
        except OSError:
            return []

    db = os.path.join(tmp, "db-130")  # the 4,000 files indexed, completed above
    caught = None
    for attempt in range(30):
        with contextlib.suppress(FileNotFoundError):  # what makes ns-index check it
            os.remove(os.path.join(db, "ns-checked"))
        run = subprocess.Popen([nslib.NS_INDEX, "--db", db, tree], stderr=subprocess.PIPE,
                               text=True)
        while run.poll() is None and not caught:
            kids = children(run.pid)
            if kids:
                os.kill(kids[0], signal.SIGSTOP)
                caught = kids[0]
        if caught:
            break
        run.communicate()
    nslib.check(caught, f"ns-index's check caught in its child ({attempt + 1} tries)")
    time.sleep(0.3)
    sent = time.monotonic()
    run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=30)
    took = time.monotonic() - sent
    nslib.check(run.returncode == 130 and err == (
        f"ns-index: {db}: stopped by SIGINT while Xapian's check read the database; nothing "
        "was written\n"), f"SIGINT during the check: exit 130 after {took:.2f} s "
        f"({run.returncode}: {err.strip()})")
    nslib.check(not os.path.exists(f"/proc/{caught}") or
                open(f"/proc/{caught}/stat").read().split()[2] == "Z",
                "the check's child is gone")
