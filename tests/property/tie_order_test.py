#!/usr/bin/env python3
"""Issue 27, point 11: the order of equal scores does not depend on the
order articles were indexed in. The same files (data/, and the
power-apps corpus folder when there) copied into two folders (a file's
copies then share their folders' and file's names) are indexed
four ways: both folders in one run, with --rebuild (parts written in
parallel), the second folder first and the first added in a later run,
and the folders named the other way round. Every way lists the same hits
in the same order, collapsed and not, for '*' and for queries.

Then the case the score's tie-break cannot settle: copies whose whole
paths hash alike in the prior's last bits (1 pair in 1,024), found by
computing that hash here (FNV-1a, common/ranking.cc). Their scores are
equal to the last bit; indexed in either order, they must still come in
one order (by id) and the same copy must head their story."""
import os
import shutil
import subprocess

import nslib

QUERIES = ["*", "microsoft", "power apps", "ai", "data"]
SEEDS = os.path.join(nslib.DATA, "seeds")


def fnv1a(text):
    h = 14695981039346656037
    for byte in text.encode():
        h = ((h ^ byte) * 1099511628211) % (1 << 64)
    return h


def colliding_folders(parent, name):
    """Two folder names under parent whose copies of name get the same
    prior to the last bit: same folder and name (the 2^-32 step), same
    whole-path hash modulo 1,024 (the sub-step)."""
    seen = {}
    for i in range(100000):
        folder = f"copy{i}"
        sub = fnv1a(os.path.join(parent, folder, "seeds", name)) % 1024
        if sub in seen:
            return seen[sub], folder
        seen[sub] = folder
    nslib.fail("no colliding folder names")


def listing(db, query, extra):
    proc = subprocess.run([nslib.NS_SEARCH, "--db", db, "-f", "tsv", "--fields", "id,score",
                           "-n", "2000", *extra, query], capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        nslib.fail(f"ns-search {query}: {proc.stderr}")
    return proc.stdout


def main():
    with nslib.temp_dir() as tmp:
        # data/ nests its files a folder deeper (one/data/seeds/x.txt).
        sources = [nslib.DATA] + [d for d in nslib.corpus_news_dirs() if "power-apps" in d]
        one, two = os.path.join(tmp, "one"), os.path.join(tmp, "two")
        for source in sources:
            name = os.path.basename(source.rstrip("/"))
            shutil.copytree(source, os.path.join(one, name))
            shutil.copytree(source, os.path.join(two, name))
        ways = {"one run": os.path.join(tmp, "plain"), "rebuild": os.path.join(tmp, "rebuild"),
                "later run": os.path.join(tmp, "later"), "reversed": os.path.join(tmp, "rev")}
        nslib.index(ways["one run"], one, two)
        nslib.index(ways["rebuild"], one, two, extra=("--rebuild",))
        nslib.index(ways["later run"], two)
        nslib.index(ways["later run"], one, two)
        nslib.index(ways["reversed"], two, one)
        for query in QUERIES:
            for extra in ((), ("--no-collapse",)):
                got = {way: listing(db, query, extra) for way, db in ways.items()}
                first = got["one run"]
                differ = [way for way, out in got.items() if out != first]
                nslib.check(not differ and first,
                            f"{query!r} {' '.join(extra)}: {len(first.splitlines())} hits in "
                            f"one order every way (differ: {differ})")

        colliding_copies(tmp)


def colliding_copies(tmp):
    parent = os.path.realpath(os.path.join(tmp, "colliding"))
    name = sorted(os.listdir(SEEDS))[0]
    first, second = colliding_folders(parent, name)
    for folder in (first, second):
        os.makedirs(os.path.join(parent, folder, "seeds"))
        shutil.copy(os.path.join(SEEDS, name), os.path.join(parent, folder, "seeds", name))
    a, b = os.path.join(parent, first), os.path.join(parent, second)
    ways = {"first then second": os.path.join(tmp, "c1"), "second then first": os.path.join(tmp, "c2"),
            "rebuild": os.path.join(tmp, "c3")}
    nslib.index(ways["first then second"], a)
    nslib.index(ways["first then second"], a, b)
    nslib.index(ways["second then first"], b)
    nslib.index(ways["second then first"], b, a)
    nslib.index(ways["rebuild"], b, a, extra=("--rebuild",))
    lead = min(a, b)  # ids ordered as strings: the whole path decides
    for extra in ((), ("--no-collapse",)):
        got = {way: listing(db, "*", extra) for way, db in ways.items()}
        lines = got["first then second"].splitlines()
        differ = [way for way, out in got.items() if out != got["first then second"]]
        nslib.check(not differ and lines and lines[0].startswith(lead + "/"),
                    f"copies {first}/ and {second}/ of {name}, scores equal to the last bit "
                    f"({' '.join(extra) or 'collapsed'}): one order however indexed, "
                    f"{os.path.basename(lead)}/ first (differ: {differ})")

if __name__ == "__main__":
    main()
