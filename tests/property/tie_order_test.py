#!/usr/bin/env python3
"""Issue 27, point 11: the order of equal scores does not depend on the
order articles were indexed in. The same files (data/, and the
power-apps corpus folder when there) copied into two folders (a file's
copies then share their folders' and file's names) are indexed
four ways: both folders in one run, with --rebuild (parts written in
parallel), the second folder first and the first added in a later run,
and the folders named the other way round. Every way lists the same hits
in the same order, collapsed and not, for '*' and for queries."""
import os
import shutil
import subprocess

import nslib

QUERIES = ["*", "microsoft", "power apps", "ai", "data"]


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


if __name__ == "__main__":
    main()
