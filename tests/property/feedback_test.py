#!/usr/bin/env python3
"""Pseudo-relevance feedback (searcher/feedback.h) ranks, never matches: for
queries of title words over data/, the articles found, their totals and
facets are the same with --feedback on and off, in every mode; only the
order may change, and does for some queries;
--explain lists the feedback stems, never one of the query's own; sorted by
date, feedback plays no part; snippets and highlights mark the query's
own words, never feedback's (an article's are those without feedback)."""
import json
import os
import random
import subprocess

import nslib


def batch(db, queries, *options):
    proc = subprocess.run([nslib.NS_SEARCH, "--db", db, "--batch", *options],
                          input="\n".join(queries) + "\n", capture_output=True, text=True)
    answers = [json.loads(line) for line in proc.stdout.splitlines()]
    if proc.returncode not in (0, 1) or len(answers) != len(queries):
        nslib.fail(f"--batch {' '.join(options)}: exit {proc.returncode}, {len(answers)} "
                   f"answers to {len(queries)}: {proc.stderr[:300]}")
    return answers


def check_database(db, sample):
    status, everything = nslib.search_json(db, "*")
    titles = [[w for w in h["title"].split() if w.isalpha() and len(w) > 2]
              for h in everything["hits"]]
    titles = [t for t in titles if t]
    rng = random.Random(int(os.environ.get("NS_SEED", "7")))
    queries = []
    while len(queries) < sample:
        title = rng.choice(titles)
        start = rng.randrange(len(title))
        queries.append(" ".join(title[start:start + rng.randint(1, 3)]))
    def found(answer):  # the articles listed, with those folded into them
        return {a["id"] for h in answer["hits"] for a in [h] + h.get("folded", [])}

    reordered, changed = 0, []
    for mode in (["--all-words"], ["--some-words"], ["--some-words", "--no-collapse"]):
        wide = [*mode, "-n", "100000", "--exact-total", "--facet", "provider", "--facet", "year"]
        wide += [] if "--no-collapse" in mode else ["--expand"]
        on, off = batch(db, queries, *wide), batch(db, queries, *wide, "--feedback", "off")
        for q, a, b in zip(queries, on, off):
            if (found(a) != found(b) or len(a["hits"]) != len(b["hits"])
                    or (a["total"], a["total_some"], a["facets"])
                    != (b["total"], b["total_some"], b["facets"])):
                changed.append(f"{' '.join(mode)} {q!r}")
            reordered += [h["id"] for h in a["hits"]] != [h["id"] for h in b["hits"]]
    nslib.check(not changed, f"{len(queries)} queries in 3 modes: the same articles, totals "
                f"and facets with and without feedback (not for {len(changed)}: {changed[:3]})")
    nslib.check(reordered > 0, f"feedback reordered the hits of {reordered} of them")

    by_date = ["--some-words", "--sort", "date", "-n", "50"]
    nslib.check(batch(db, queries[:50], *by_date) ==
                batch(db, queries[:50], *by_date, "--feedback", "off"),
                "sorted by date, the answers are those without feedback")

    explained = batch(db, queries[:100], "--explain", "--some-words")
    listed, wrong = 0, []
    for q, answer in zip(queries, explained):
        line = answer["parsed"].split("\n")[0]
        if not line.startswith("feedback (stems): "):
            continue
        listed += 1
        stems = [w.rsplit(" ", 1)[0] for w in line.split(": ", 1)[1].split(", ")]
        own = {w.lower() for w in q.split()}
        if (any(s in own for s in stems) or len(stems) > 5
                or not all(f"Z{s}" in answer["parsed"] for s in stems)):
            wrong.append((q, stems))
    nslib.check(listed > 0 and not wrong,
                f"--explain listed feedback stems for {listed} of 100 queries, none a query "
                f"word, at most 5, each in the query run (not: {wrong[:3]})")

    # --batch writes no snippets: each query a process of its own.
    def marks(q, *options):  # each listed article's snippet and highlights
        proc = subprocess.run([nslib.NS_SEARCH, "--db", db, "-f", "json", "--some-words",
                               "-n", "20", *options, "--", q], capture_output=True, text=True)
        answer = json.loads(proc.stdout)
        return {h["id"]: (h["snippet"], h["highlights"]) for h in answer["hits"]}

    fed = [q for q, answer in zip(queries, explained)
           if answer["parsed"].startswith("feedback (stems): ")][:30]
    unlike = [q for q in fed
              if any(b.get(i, m) != m for b in [marks(q, "--feedback", "off")]
                     for i, m in marks(q).items())]
    nslib.check(fed and not unlike, f"{len(fed)} queries with feedback: each article's snippet "
                f"and highlights are those without it (not for {len(unlike)}: {unlike[:3]})")


with nslib.temp_dir() as tmp:
    data_db = os.path.join(tmp, "data-db")
    nslib.index(data_db, nslib.DATA)
    check_database(data_db, 300)
print("ok")
