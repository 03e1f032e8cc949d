#!/usr/bin/env python3
"""Issue 27, points 2, 3 and 14: nothing unreadable is deleted or silently
passed over, and nothing blocks. Over random trees of copies of data/
(NS_SEED), each folder made unreadable in turn (chmod 000, run without
root's capability to ignore it): ns-index reports it (exit 1, "cannot list
DIR/") on a first run and on a later one, and keeps every article indexed
below it; made readable again, the next run equals a fresh build. A FIFO,
a character device or a loop of symbolic links named on the command line
is reported (exit 1) without waiting; a FIFO in a walked folder is passed
over."""
import os
import random
import shutil
import subprocess
import time

import nslib


def run(cmd, prefix=()):
    start = time.monotonic()
    proc = subprocess.run([*prefix, *cmd], capture_output=True, text=True, timeout=20)
    return proc, time.monotonic() - start


def ids(db):
    return {line for line in nslib.dump(db).splitlines() if not line.startswith(" ")}


def make_tree(root, rng):
    """Copies of data/ files spread over nested folders; returns the folders."""
    sources = []
    for base, _, names in os.walk(nslib.DATA):
        sources += [os.path.join(base, n) for n in sorted(names) if n.endswith((".md", ".txt"))]
    folders = [root]
    for i in range(6):
        folders.append(os.path.join(rng.choice(folders), f"d{i}"))
        os.makedirs(folders[-1])
    for i, src in enumerate(sources):
        shutil.copy(src, os.path.join(rng.choice(folders), f"f{i}-{os.path.basename(src)}"))
    return folders[1:]


def check_unreadable_folders(tmp, prefix, rng):
    tree = os.path.join(tmp, "tree")
    folders = make_tree(tree, rng)
    db = os.path.join(tmp, "db")
    nslib.index(db, tree)
    full = ids(db)
    for folder in folders:
        rel = os.path.relpath(folder, tree)
        os.chmod(folder, 0)
        try:
            proc, _ = run([nslib.NS_INDEX, "--db", db, tree], prefix)
            nslib.check(proc.returncode == 1 and f"cannot list {tree}/{rel}/: Permission denied"
                        in proc.stderr and " 0 deleted" in proc.stderr,
                        f"{rel} unreadable: reported, exit 1, nothing deleted")
            nslib.check(ids(db) == full, f"{rel} unreadable: every article kept")
            fresh = os.path.join(tmp, "fresh-db")
            shutil.rmtree(fresh, ignore_errors=True)
            os.makedirs(fresh)
            os.chmod(fresh, 0o777)
            proc, _ = run([nslib.NS_INDEX, "--db", fresh, tree], prefix)
            nslib.check(proc.returncode == 1 and f"cannot list {tree}/{rel}/" in proc.stderr,
                        f"{rel} unreadable on a first run: reported, exit 1")
        finally:
            os.chmod(folder, 0o755)
    rebuilt = os.path.join(tmp, "rebuilt")
    nslib.index(rebuilt, tree)
    proc = nslib.index(db, tree)
    nslib.check(proc.returncode == 0 and nslib.dump(db) == nslib.dump(rebuilt),
                "readable again: the next run equals a fresh build")


def check_special_files(tmp):
    db = os.path.join(tmp, "special-db")
    nslib.index(db, os.path.join(nslib.DATA, "seeds"))
    fifo = os.path.join(tmp, "f.md")
    os.mkfifo(fifo)
    loop = os.path.join(tmp, "loop.md")
    os.symlink("loop.md", loop)
    cases = [(fifo, "not a regular file (a FIFO)"),
             ("/dev/zero", "not a regular file (a character device)"),
             (loop, "cannot read: Too many levels of symbolic links")]
    for path, said in cases:
        proc, took = run([nslib.NS_INDEX, "--db", db, path])
        nslib.check(proc.returncode == 1 and f"ns-index: {path}: {said}" in proc.stderr
                    and took < 10,
                    f"{os.path.basename(path)} named: \"{said}\", exit 1, in {took:.2f} s")
    folder = os.path.join(tmp, "with-fifo")
    os.makedirs(folder)
    os.mkfifo(os.path.join(folder, "g.md"))
    shutil.copy(os.path.join(nslib.DATA, "seeds", sorted(os.listdir(
        os.path.join(nslib.DATA, "seeds")))[0]), folder)
    proc, took = run([nslib.NS_INDEX, "--db", db, folder])
    nslib.check(proc.returncode == 0 and took < 10, "a FIFO in a walked folder: passed over")


def main():
    rng = random.Random(int(os.environ.get("NS_SEED", "27")))
    with nslib.temp_dir() as tmp:
        os.chmod(tmp, 0o755)
        check_special_files(tmp)
        prefix = nslib.unprivileged(tmp)
        if prefix is None:
            print("SKIP part: cannot drop root's file capabilities here (setpriv); "
                  "the unreadable-folder checks did not run")
            return
        check_unreadable_folders(tmp, prefix, rng)


if __name__ == "__main__":
    main()
