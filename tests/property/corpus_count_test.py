#!/usr/bin/env python3
"""Indexing all of ../shared/corpus/*/_news: every file is indexed or
reported, and the database holds exactly the articles an independent count
(tests/corpus/count_articles.py, no YAML, no ns code) finds. The one
corpus-scale test that make check-sanitize runs too."""
import os

import nslib

dirs = nslib.corpus_news_dirs_or_skip(under_sanitizers=True)

with nslib.temp_dir() as tmp:
    db = os.path.join(tmp, "db")
    proc = nslib.index(db, *dirs)
    print(proc.stderr.strip().splitlines()[-1])
    files = sum(len([n for n in os.listdir(d) if n.endswith(".md")]) for d in dirs)
    reported = [line for line in proc.stderr.splitlines() if "indexed" not in line]
    nslib.check(all(":" in line.split(": ", 1)[1] for line in reported),
                f"every skipped file is reported with its path and line ({len(reported)} reported)")
    indexed = int(proc.stderr.split("indexed ")[1].split(" ")[0])
    nslib.check(indexed + len(reported) == files,
                f"{files} files: {indexed} indexed + {len(reported)} reported")
    expected = nslib.independent_count(*dirs)
    held = nslib.held_articles(proc.stderr)
    nslib.check(held == expected, f"the database holds {held} articles; independent count {expected}")
    status, out = nslib.search_json(db, "Sweden conservatives preferred coronavirus response")
    c1 = "2020-05-07-sweden-is-testing-conservatives-preferred-coronavirus-response-and-its-not-going-well.md"
    nslib.check(status == 0 and any(h["path"].endswith(c1) for h in out["hits"]),
                "the file with a C1 control character is indexed and found")
