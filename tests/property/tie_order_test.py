#!/usr/bin/env python3
"""Issue 27, point 11: the order of equal scores does not depend on the
order articles were indexed in. The same files copied into two folders
(a file's copies then share their folder's and file's names) are indexed
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
        dirs = nslib.corpus_news_dirs()
        source = next((d for d in dirs if "power-apps" in d), nslib.DATA)
        one, two = os.path.join(tmp, "one", "news"), os.path.join(tmp, "two", "news")
        shutil.copytree(source, one)
        shutil.copytree(source, two)
        one, two = os.path.dirname(one), os.path.dirname(two)
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
