#!/usr/bin/env python3
"""The bench command runs end to end on a small corpus (a regression: with
fewer than 1,000 files, its incremental step failed to pick the files to
edit) and prints every table, ns beside its peers, and every target of
issue 30 with its ratio."""
import os
import subprocess
import sys

import nslib

# As make bench runs it: Debian's Python, which has python3-xapian (the
# Xapian rows in one process).
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable

with nslib.temp_dir() as tmp:
    run = subprocess.run([PYTHON, os.path.join(nslib.ROOT, "bench", "bench.py"),
                          "--articles", "120", "--queries", "20", "--work", tmp,
                          "--build", nslib.BIN_DIR], capture_output=True, text=True)
    print(run.stdout[-3000:], run.stderr[-3000:])
    nslib.check(run.returncode == 0, "bench.py exits 0")
    for line in ("ns-index ", "scriptindex ", "sqlite3 FTS5 ",
                 "the whole tree with 120 files changed", "ns-search --batch ",
                 "Xapian in-process (as quest)", "Xapian in-process, exact, 3 facets",
                 "quest ", "rg (first word", "Chinese two-character words",
                 "default query p50 ", "default query p99 ", "3 exact facets p99 ",
                 "whole process p50 ", "compacted database "):
        nslib.check(line in run.stdout, f"the output has {line.strip()!r}")
print("ok")
