#!/usr/bin/env python3
"""A hit's story names what it folded. For random collapsed hits with
"+N more" (more > 0), over data/ and then ../shared/corpus when it is
there: `(QUERY) story:ID --no-collapse -c` counts exactly more + 1, and
--expand lists as folded exactly the other articles that query lists
(more the same with it and without).
Queries: title words of random articles, and broad ones (*, lang:en) whose
matches are too many to count all before the page is full."""
import json
import os
import random
import subprocess

import nslib

SEED = int(os.environ.get("NS_SEED", "23"))
BROAD = ["*", "lang:en", "coronavirus", "kind:related"]


def run(db, *args):
    proc = subprocess.run([nslib.NS_SEARCH, "--db", db, *args], capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        nslib.fail(f"ns-search {' '.join(args)}: exit {proc.returncode}: {proc.stderr}")
    return proc.stdout


def title_queries(db, rng, n):
    """Two words of the titles of random articles."""
    hits = json.loads(run(db, "-f", "json", "--no-collapse", "-n", "100000", "*"))["hits"]
    out = []
    for hit in rng.sample(hits, min(n, len(hits))):
        words = [w for w in hit["title"].split() if w.isalnum()]
        if len(words) >= 2:
            out.append(" ".join(rng.sample(words, 2)))
    return out


def check(db, name, rng, per_query=3):
    checked = 0
    for query in BROAD + title_queries(db, rng, 40):
        # With an exact total, every count is exact ("+N more" is a lower
        # bound when the match stops early, as total is; --expand counts).
        first = json.loads(run(db, "-f", "json", "-n", "20", "--", query))
        if not first["total_exact"]:
            low = {h["id"]: h["more"] for h in first["hits"]}
            exact = json.loads(run(db, "-f", "json", "--expand", "-n", "20", "--", query))["hits"]
            if any(low[h["id"]] > h["more"] for h in exact if h["id"] in low):
                nslib.fail(f"{name}: {query!r}: a lower-bound more above the exact count")
        plain = json.loads(run(db, "-f", "json", "-n", "20", "--exact-total", "--", query))["hits"]
        expanded = json.loads(run(db, "-f", "json", "--expand", "-n", "20", "--exact-total", "--",
                                  query))["hits"]
        if [h["id"] for h in plain] != [h["id"] for h in expanded]:
            nslib.fail(f"{name}: {query!r}: --expand changed the hits")
        folding = [(p, e) for p, e in zip(plain, expanded) if p["more"] > 0 or e["more"] > 0]
        for plain_hit, hit in rng.sample(folding, min(per_query, len(folding))):
            if plain_hit["more"] != hit["more"]:
                nslib.fail(f"{name}: {query!r}: hit {hit['id']}: more {plain_hit['more']}, "
                           f"{hit['more']} with --expand")
            story_query = f"({query}) story:{hit['story']}"
            count = int(run(db, "--no-collapse", "-c", "--", story_query))
            if count != hit["more"] + 1:
                nslib.fail(f"{name}: {query!r}: hit {hit['id']}: more {hit['more']}, but "
                           f"{story_query!r} counts {count}")
            ids = set(run(db, "-f", "tsv", "--fields", "id", "--no-collapse", "-n", "100000",
                          "--", story_query).splitlines())
            folded = {f["id"] for f in hit["folded"]}
            if len(hit["folded"]) != hit["more"] or folded | {hit["id"]} != ids:
                nslib.fail(f"{name}: {query!r}: hit {hit['id']}: --expand folded "
                           f"{len(hit['folded'])} articles, not the {count - 1} others of "
                           f"{story_query!r}")
            checked += 1
    nslib.check(checked > 10, f"{name}: {checked} collapsed hits: story:ID counts more + 1, "
                              "and --expand lists the others")


rng = random.Random(SEED)
with nslib.temp_dir() as tmp:
    db = os.path.join(tmp, "db")
    nslib.index(db, nslib.DATA)
    check(db, "data/", rng)
    corpus = nslib.index_corpus_or_say(tmp)
    if corpus:
        check(corpus, "corpus", rng)
