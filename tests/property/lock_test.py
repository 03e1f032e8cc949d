#!/usr/bin/env python3
"""A second writer gets a clear "locked by another ns-index" error and exit
2, or waits with --wait; ns-search keeps answering while ns-index writes."""
import fcntl
import os
import subprocess
import threading
import time

import nslib

with nslib.temp_dir() as tmp:
    db = os.path.join(tmp, "db")
    seeds = os.path.join(nslib.DATA, "seeds")
    nslib.index(db, seeds)
    # Xapian's write lock is a POSIX record lock on the flintlock file.
    with open(os.path.join(db, "flintlock"), "r+") as lock:
        fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        proc = nslib.index(db, seeds, check=False)
        nslib.check(proc.returncode == 2, f"a locked database: exit {proc.returncode}")
        nslib.check(proc.stderr == f"ns-index: {db}: locked by another ns-index; wait for it "
                    "to finish, or run with --wait\n", f"the message: {proc.stderr.strip()}")
        waiting = subprocess.Popen([nslib.NS_INDEX, "--wait", "--db", db, seeds],
                                   stderr=subprocess.PIPE, text=True)
        time.sleep(1.0)
        nslib.check(waiting.poll() is None, "--wait waits while the lock is held")
        fcntl.lockf(lock, fcntl.LOCK_UN)
    waiting.communicate(timeout=30)
    nslib.check(waiting.returncode == 0, f"--wait then indexes (exit {waiting.returncode})")

    tree = os.path.join(tmp, "tree")
    print("corpus:", nslib.make_corpus(tree, 4000))
    big = os.path.join(tmp, "big")
    nslib.index(big, seeds)
    writer = subprocess.Popen([nslib.NS_INDEX, "-q", "--db", big, tree])
    statuses = []
    while writer.poll() is None:
        statuses.append(nslib.search_json(big, "SenseTime", limit=5)[0])
    nslib.check(writer.returncode == 0, "the writer finished")
    nslib.check(statuses and all(s == 0 for s in statuses),
                f"{len(statuses)} searches during the write all answered (exits {set(statuses)})")
