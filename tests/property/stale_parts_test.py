#!/usr/bin/env python3
"""Issue 27, points 5 and 6. A --rebuild killed (SIGKILL) at random moments
leaves its work folders (DB.part-PID.N, DB.rebuild-PID) beside the
database; the next run removes every one whose process is gone and keeps
those of live processes, whatever their kind (part, rebuild, plan, old),
and never the only copy of a database. A first run killed early leaves a
database ns-search opens."""
import glob
import os
import random
import signal
import subprocess
import time

import nslib


def work_folders(db):
    return sorted(p for p in glob.glob(db + ".*") if os.path.isdir(p))


def dead_pid():
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def main():
    rng = random.Random(int(os.environ.get("NS_SEED", "5")))
    with nslib.temp_dir() as tmp:
        tree = os.path.join(tmp, "tree")
        print("corpus:", nslib.make_corpus(tree, 1500))
        db = os.path.join(tmp, "db")
        nslib.index(db, tree)
        left = 0
        for kill in range(6):
            run = subprocess.Popen([nslib.NS_INDEX, "-q", "--rebuild", "--db", db, tree],
                                   stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.1, 1.0))
            if run.poll() is None:
                run.send_signal(signal.SIGKILL)
            run.wait()
            left = len(work_folders(db))
        print(f"figures: {left} work folders left after 6 kills")
        # A live process's folders of every kind stay; a dead one's go.
        live, gone = os.getpid(), dead_pid()
        for pid in (live, gone):
            for kind in (f"part-{pid}.0", f"part-{pid}.1", f"rebuild-{pid}", f"plan-{pid}",
                         f"old-{pid}"):
                os.makedirs(f"{db}.{kind}", exist_ok=True)
        os.makedirs(f"{db}.part-{gone}.x", exist_ok=True)  # not a name ns gives
        proc = nslib.index(db, tree)
        after = [os.path.basename(p) for p in work_folders(db)]
        expected = sorted(os.path.basename(f"{db}.{k}") for k in (
            f"part-{live}.0", f"part-{live}.1", f"rebuild-{live}", f"plan-{live}", f"old-{live}",
            f"part-{gone}.x"))
        nslib.check(proc.returncode == 0 and after == expected,
                    f"the next run removed the dead runs' folders, kept the live one's ({after})")
        # The database gone, DB.old-PID may be its only copy: kept.
        for name in after:
            os.rmdir(os.path.join(tmp, name))
        os.rename(db, f"{db}.old-{gone}")
        nslib.index(os.path.join(tmp, "other"), os.path.join(nslib.DATA, "seeds"))
        os.makedirs(f"{db}.part-{gone}.0")
        subprocess.run([nslib.NS_INDEX, "-q", "--db", db, os.path.join(nslib.DATA, "seeds")],
                       capture_output=True)
        nslib.check(os.path.isdir(f"{db}.old-{gone}") and not os.path.isdir(f"{db}.part-{gone}.0"),
                    "with the database gone, DB.old-PID is kept")
        check_early_kill(tmp)


def check_early_kill(tmp):
    """Point 6: a first run killed at once, at many moments: ns-search opens
    what it left (exit 0 or 1), never \"ns did not write\"."""
    tree = os.path.join(nslib.DATA)
    bad = 0
    for i in range(15):
        db = os.path.join(tmp, f"early-{i}")
        run = subprocess.Popen([nslib.NS_INDEX, "-q", "--db", db, tree],
                               stderr=subprocess.DEVNULL)
        time.sleep(0.002 * i)
        run.send_signal(signal.SIGKILL)
        run.wait()
        if not os.path.exists(db):
            continue
        proc = subprocess.run([nslib.NS_SEARCH, "--db", db, "ipo"], capture_output=True,
                              text=True)
        if proc.returncode == 2 and "no database here" not in proc.stderr:
            bad += 1
            print(f"kill after {2 * i} ms: {proc.stderr.strip()}")
    nslib.check(bad == 0, "a first run killed early leaves a database ns-search opens")


if __name__ == "__main__":
    main()
