#!/usr/bin/env python3
"""Property: over the English articles of ../shared/corpus, each file's
title as a phrase ranks its article first (ties among articles of the same
title allowed), and each word of the title, as written and searched as plain
text (ns-search --literal), finds it."""
import os

import nslib

dirs = nslib.corpus_news_dirs_or_skip()


with nslib.temp_dir() as tmp:
    db = os.path.join(tmp, "db")
    print(nslib.index(db, *dirs).stderr.strip().splitlines()[-1])
    lines, titles = [], 0
    for d in dirs:
        for name in sorted(os.listdir(d)):
            path = os.path.join(d, name)
            title = nslib.title_of(path)
            if not title:
                continue
            titles += 1
            lines.append(("phrase", title, path))
            for word in title.split():
                if any(c.isalnum() for c in word):
                    lines.append(("found", word, path))
    print(f"{titles} titles, {len(lines) - titles} words")
    status, failures, summary = nslib.probe(db, lines)
    for line in failures[:20]:
        print(line)
    print(summary)
    nslib.check(status == 0, "every title as a phrase ranks first; every word finds its article")
