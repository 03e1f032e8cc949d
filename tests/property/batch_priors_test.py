#!/usr/bin/env python3
"""--batch on a local database reads the articles' priors into memory
(searcher/prior_table.h) instead of from their value slot: every answer must
be the one a single ns-search gives (same hits, scores, ranks, totals).
Runs on data/ (its priors load before the first query) under several option
sets, with queries of title words, word mixes, phrases and filters."""
import json
import os
import random
import subprocess

import nslib


def key(answer):
    hits = [(h["id"], h["score"], h["rank"], h.get("more"), h.get("all_words"))
            for h in answer["hits"]]
    return hits, answer["total"], answer["total_exact"], answer.get("total_some")


with nslib.temp_dir() as tmp:
    db = os.path.join(tmp, "db")
    nslib.index(db, nslib.DATA)
    status, everything = nslib.search_json(db, "*")
    titles = [[w for w in h["title"].split() if w.isalpha()] for h in everything["hits"]]
    titles = [t for t in titles if t]
    words = [w for t in titles for w in t]
    rng = random.Random(int(os.environ.get("NS_SEED", "3")))
    queries = []
    while len(queries) < 60:
        title = rng.choice(titles)
        queries += [" ".join(title[:rng.randint(1, 4)]),
                    " ".join(rng.choice(words) for _ in range(rng.randint(1, 3))),
                    '"%s"' % " ".join(title[:2]), rng.choice(words) + " type:article"]
    queries.append("*")
    checked = 0
    for options in ([], ["--no-collapse"], ["--recent", "--as-of", "2022-01-01"],
                    ["-n", "3", "--offset", "2", "--all-words"]):
        proc = subprocess.run([nslib.NS_SEARCH, "--db", db, "--batch", *options],
                              input="\n".join(queries) + "\n", capture_output=True, text=True)
        batch = [json.loads(line) for line in proc.stdout.splitlines()]
        nslib.check(len(batch) == len(queries), f"{len(batch)} answers to {len(queries)} queries")
        for query, answer in zip(queries, batch):
            single = subprocess.run([nslib.NS_SEARCH, "--db", db, "-f", "json", *options, "--",
                                     query], capture_output=True, text=True)
            nslib.check(key(json.loads(single.stdout)) == key(answer),
                        f"{' '.join(options) or 'default'}: {query!r}: batch "
                        f"{key(answer)} against {key(json.loads(single.stdout))}")
            checked += 1
    print(f"{checked} batch answers equal to single runs")
