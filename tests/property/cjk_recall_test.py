#!/usr/bin/env python3
"""Property: CJK substring search has full recall. Every THUCNews headline
in ../shared/corpus/cjk/thucnews-titles/dev.txt (10,000) and every distinct
Korean headline becomes an article; for each, a random contiguous substring
of 2 to 6 characters (holding a letter or digit: a substring of punctuation
alone has nothing to search for; cutting no word of Latin letters or
digits, which are found as words, never by n-grams: "Face" of "Facebook"
or "38" of "1.38" is not what a reader types), searched as plain text (ns-search
--literal, so "-" or a quote in it is not an operator) and as a quoted
phrase, must find it, and
the whole title as a query must rank it first (ties among articles of the
same title allowed).
NS_SEED picks other substrings."""
import html
import os
import random
import re
import sys

import nslib

nslib.skip_under_sanitizers()
cjk = nslib.cjk_folder_or_skip()

seed = int(os.environ.get("NS_SEED", "4"))
rng = random.Random(seed)
print(f"seed {seed}")


def word_spans(title):
    """Where the words of Latin letters or digits are (a number with its
    inner dots and commas): [start, end) pairs."""
    marks = "".join("a" if c.isalnum() and not nslib.is_cjk(c) else c for c in title)
    return [m.span() for m in re.finditer(r"a+(?:[.,]a+)*", marks)]


def substring(title):
    spans = word_spans(title)
    for _ in range(100):
        length = rng.randint(2, min(6, len(title)))
        start = rng.randint(0, len(title) - length)
        end = start + length
        if any(a < start < b or a < end < b for a, b in spans):
            continue
        sub = title[start:end]
        if any(c.isalnum() for c in sub):
            return sub
    return title


with nslib.temp_dir() as tmp:
    lines = []
    for lang, titles in (("zh", nslib.thucnews_titles(cjk, "dev")), ("ko", nslib.korean_titles(cjk))):
        os.makedirs(os.path.join(tmp, "tree", lang))
        for i, title in enumerate(titles):
            title = " ".join(title.split())  # tabs and newlines are not part of a headline
            path = os.path.join(tmp, "tree", lang, f"{i:05d}.md")
            with open(path, "w", encoding="utf-8") as f:
                f.write(f"---\ntitle: {nslib.yaml_quote(title)}\n"
                        f"webUrl: \"https://example.{lang}/{i}\"\n---\n")
            # The file keeps the feed's HTML entities; the article holds them
            # decoded, so substrings are taken from what it holds.
            sub = substring(html.unescape(title))
            lines.append(("found", sub, path))
            lines.append(("quoted", sub, path))  # as a quoted phrase too
            lines.append(("first", title, path))
        print(f"{lang}: {len(titles)} titles")
    db = os.path.join(tmp, "db")
    proc = nslib.index(db, os.path.join(tmp, "tree"))
    print(proc.stderr.strip().splitlines()[-1])
    status, failures, summary = nslib.probe(db, lines)
    for line in failures[:20]:
        print(line)
    print(summary)
    nslib.check(status == 0, "every substring finds its article; every title ranks it first")
