#!/usr/bin/env python3
"""Property: typo tolerance over the English articles of ../shared/corpus.
For random title words of 5 or more letters, one random edit (a letter
inserted, deleted, replaced, or two neighbours swapped) in the title,
searched as a query of every word, finds the article in the top 10 (no
collapsing) for at least 95% of them; the title as typed ranks the article
at least as high as the edited title does, and as high as it did without
typo tolerance; in the list of each word alone, edited or not, the
articles holding the word as typed rank above those matching only a
correction of it.
Skipped (exit 77) when the corpus is not there.
NS_TYPO_SAMPLES sets how many words (default 600)."""
import json
import os
import random
import re
import subprocess

import nslib

dirs = nslib.corpus_news_dirs_or_skip()
rng = random.Random(20261205)
SAMPLES = int(os.environ.get("NS_TYPO_SAMPLES", "600"))
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def titles():
    """(title, path) for each article file with a title."""
    paths = [os.path.join(d, name) for d in dirs for name in sorted(os.listdir(d))]
    return [(t, p) for t, p in ((nslib.title_of(p), p) for p in paths) if t]


def pick(titles):
    """SAMPLES of (title, path, start, end): a title and the span of one of
    its words of 5+ letters."""
    spans = [(t, p, m.start(), m.end()) for t, p in titles
             for m in re.finditer(r"\b[A-Za-z]{5,}\b", t)]
    return rng.sample(spans, SAMPLES)


def edited(word):
    """word with one random edit, never word itself."""
    while True:
        kind, i = rng.choice("idst"), rng.randrange(len(word))
        if kind == "i":
            out = word[:i] + rng.choice(LETTERS) + word[i:]
        elif kind == "d":
            out = word[:i] + word[i + 1:]
        elif kind == "s":
            out = word[:i] + rng.choice(LETTERS) + word[i + 1:]
        elif i + 1 < len(word):
            out = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        else:
            continue
        if out != word:
            return out


def batch(db, queries, *extra):
    """Each query's hits, through one ns-search --batch."""
    proc = subprocess.run([nslib.NS_SEARCH, "--db", db, "--batch", "--no-collapse", *extra],
                          input="".join(q + "\n" for q in queries), capture_output=True,
                          text=True)
    if proc.returncode == 2:
        nslib.fail(f"ns-search --batch: {proc.stderr}")
    return [json.loads(line)["hits"] for line in proc.stdout.splitlines()]


def rank(hits, path):
    """The article's rank in hits, or None."""
    return next((h["rank"] for h in hits if h["id"] == path), None)


def exact_first(hits):
    """Whether no hit found as typed follows one found through a correction."""
    flags = [h["typo"] for h in hits]
    return flags == sorted(flags)


with nslib.temp_dir() as tmp:
    db = os.path.join(tmp, "db")
    print(nslib.index(db, *dirs).stderr.strip().splitlines()[-1])
    picked = pick(titles())
    words = [t[a:b].lower() for t, _, a, b in picked]
    typos = [edited(w) for w in words]
    typo_titles = [t[:a] + x + t[b:] for (t, _, a, b), x in zip(picked, typos)]
    # Every word must match (no "some of the words" fill, which finds
    # nearly every article whatever one word says).
    typo_hits = batch(db, typo_titles, "-n", "10")
    title_hits = batch(db, [t for t, _, _, _ in picked], "-n", "10")
    before = batch(db, [t for t, _, _, _ in picked], "-n", "10", "--typos", "off")
    untolerated = sum(1 for (_, path, _, _), hits in
                      zip(picked, batch(db, typo_titles, "-n", "10", "--typos", "off"))
                      if rank(hits, path) is not None)
    found, lower, worse, missed = 0, [], [], []
    for (title, path, _, _), typo, hits, exact, plain in zip(picked, typo_titles, typo_hits,
                                                             title_hits, before):
        r_typo, r_title, r_before = rank(hits, path), rank(exact, path), rank(plain, path)
        if r_typo is not None:
            found += 1
            if r_title is None or r_title > r_typo:
                lower.append(f"{title!r} (rank {r_title}) < {typo!r} (rank {r_typo})")
        else:
            missed.append(typo)
        if r_before is not None and (r_title is None or r_title > r_before):
            worse.append(f"{title!r}: rank {r_before} without typos, {r_title} with")
    print(f"{found} of {SAMPLES} titles with one word edited find their article in the top 10 "
          f"({100 * found / SAMPLES:.1f}%; {untolerated} with --typos off); missed, for "
          f"example: {missed[:8]}")
    nslib.check(found >= 0.95 * SAMPLES, "at least 95% of edited titles find their article")
    nslib.check(not lower, f"the title as typed ranks its article at least as high as the edited "
                           f"title ({len(lower)} not: {lower[:5]})")
    nslib.check(not worse, f"typo tolerance ranks no article lower for its title as typed "
                           f"({len(worse)} lower: {worse[:5]})")
    singles = typos + words
    lists = batch(db, singles, "-n", "50")
    unordered = [q for q, hits in zip(singles, lists) if not exact_first(hits)]
    corrected = sum(1 for hits in lists if any(h["typo"] for h in hits))
    nslib.check(not unordered, f"articles holding a word rank above its corrections, in all "
                               f"{len(lists)} lists of one word ({corrected} with corrections; "
                               f"{len(unordered)} not: {unordered[:5]})")
