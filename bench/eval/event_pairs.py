#!/usr/bin/env python3
"""Event links judged by eye: a seeded random sample of linked pairs and
of near-miss pairs over ../shared/corpus, and their precision and recall.

Indexes the corpus's news folders (or reads --db), reads every article's
event sketch and band terms (schema kEventSketch, kEvent: the db_dump
probe) and its title and excerpt (ns-search --format json). Candidate
pairs share a band term held by 2 to 50 articles. A candidate pair is
linked when indexer/events.cc's same_event accepts it (repeated here over
the stored sketches: published at most 3 days apart, titles not one
template, title words at least 0.65 alike, words of title and excerpt at
least 0.15); a near miss fails only by a little (3 days apart at most, not
one template, and title 0.5 to 0.65 with the words passing, or words 0.05
to 0.15 with the title passing). Pairs of one story, one URL or one title in its words are left
out: they are linked without events. Every linked pair must share its
cluster in the database (checked).

Writes event_pairs.tsv beside this script: kind (linked, near), the two
similarities, days apart, each article's id, title and excerpt, and a
judgement: "same" (one event), "other", or empty until judged. A run keeps
the judgements of the pairs it draws again. Prints the counts, and with
judgements the linked pairs' precision and the share of near misses that
were one event, from which recall near the threshold is estimated.

  bench/eval/event_pairs.py [--build build] [--db DB] [--seed 30] [--n 200]
"""

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
from collections import defaultdict
from itertools import combinations

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TSV = os.path.join(HERE, "event_pairs.tsv")
MAX_GROUP = 50
TITLE, TEXT, SECONDS = 0.65, 0.15, 3 * 86400
MAX_HASHES = 128
PREFIX = {"event": b"XV", "story": b"XS", "url": b"XD", "title": b"XW"}
SKETCH_SLOT, CLUSTER_SLOT = "38", "18"


def read_dump(build, db):
    """id: {"event": set, "story"..., "sketch": bytes, "cluster": hex}"""
    out = subprocess.run([os.path.join(build, "tests", "property", "db_dump"), "--no-first-seen",
                          db], capture_output=True, text=True, check=True).stdout
    docs, doc = {}, None
    for line in out.splitlines()[1:]:
        if not line.startswith(" "):
            doc = docs.setdefault(bytes.fromhex(line)[1:].decode(errors="surrogateescape"), defaultdict(set))
            continue
        fields = line.split()
        if fields[0] == "term":
            term = bytes.fromhex(fields[1])
            for name, prefix in PREFIX.items():
                if term.startswith(prefix):
                    doc[name].add(term)
        elif fields[0] == "value" and fields[1] == SKETCH_SLOT:
            doc["sketch"] = bytes.fromhex(fields[2])
        elif fields[0] == "value" and fields[1] == CLUSTER_SLOT:
            doc["cluster"] = fields[2]
    return docs


def sketch(raw):
    """events.cc's layout: (seconds, leads, rests, title hashes, word hashes)."""
    seconds = int.from_bytes(raw[:8], "big") - (1 << 63)
    leads, titles = raw[8], raw[9]
    h = [int.from_bytes(raw[i:i + 4], "big") for i in range(10, len(raw), 4)]
    return (seconds, h[:leads], h[leads:2 * leads], h[2 * leads:2 * leads + titles],
            h[2 * leads + titles:])


def one_template(a, b):
    """The same rest of title after first words (past those alike at the
    start) none of which are shared."""
    (_, lead_a, rest_a, _, _), (_, lead_b, rest_b, _, _) = a, b
    alike = 0
    while alike < min(len(lead_a), len(lead_b)) and lead_a[alike] == lead_b[alike]:
        alike += 1
    return any(rest_a[i] == rest_b[j] and
               not set(lead_a[alike:i + 1]) & set(lead_b[alike:j + 1])
               for i in range(alike, len(rest_a)) for j in range(alike, len(rest_b)))


def similarity(a, b):
    """As events.cc: exact unless a list was cut at MAX_HASHES."""
    cut = len(a) >= MAX_HASHES or len(b) >= MAX_HASHES
    union = sorted(set(a) | set(b))
    if cut:
        union = union[:MAX_HASHES]
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union) if union else 0.0


def fnv64(data):
    h = 14695981039346656037
    for c in data:
        h = ((h ^ c) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


def key(value):
    """schema::key: a long id as its id term holds it."""
    raw = value.encode()
    if len(raw) <= 200:
        return value
    return (raw[:160] + b"#" + b"%016x" % fnv64(raw)).decode(errors="surrogateescape")


def articles(build, db):
    proc = subprocess.run([os.path.join(build, "searcher", "ns-search"), "--db", db, "-f", "json",
                           "--no-collapse", "-n", "100000", "*"], capture_output=True, text=True,
                          check=True)
    return {key(h["id"]): h for h in json.loads(proc.stdout)["hits"]}


def clean(text):
    return " ".join(str(text or "").split())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--db")
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus"))
    ap.add_argument("--seed", type=int, default=30)
    ap.add_argument("--n", type=int, default=200)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="ns-events-") as tmp:
        db = args.db
        if not db:
            db = os.path.join(tmp, "db")
            news = [os.path.join(args.corpus, d) for d in sorted(os.listdir(args.corpus))
                    if d != "cjk" and os.path.isdir(os.path.join(args.corpus, d))]
            subprocess.run([os.path.join(args.build, "indexer", "ns-index"), "--db", db, *news],
                           check=True, stderr=subprocess.DEVNULL)
        docs, shown = read_dump(args.build, db), articles(args.build, db)
    holders = defaultdict(list)
    for id_, doc in docs.items():
        for term in doc["event"]:
            holders[term].append(id_)
    candidates = set()
    for ids in holders.values():
        if 2 <= len(ids) <= MAX_GROUP:
            candidates.update(combinations(sorted(ids), 2))
    linked, near, wrong_cluster = [], [], []
    for a, b in sorted(candidates):
        da, db_ = docs[a], docs[b]
        if any(da[k] & db_[k] for k in ("story", "url", "title")):
            continue
        ka, kb = sketch(da["sketch"]), sketch(db_["sketch"])
        apart = abs(ka[0] - kb[0])
        if one_template(ka, kb):
            continue
        title, text = similarity(ka[3], kb[3]), similarity(ka[4], kb[4])
        row = (a, b, title, text, apart / 86400)
        if apart <= SECONDS and title >= TITLE and text >= TEXT:
            linked.append(row)
            if da["cluster"] != db_["cluster"]:
                wrong_cluster.append((a, b))
        elif apart <= SECONDS and ((TITLE - 0.15 <= title < TITLE and text >= TEXT) or
                                   (TEXT - 0.1 <= text < TEXT and title >= TITLE)):
            near.append(row)
    print(f"{len(docs)} articles, {len(candidates)} candidate pairs; event-only pairs: "
          f"{len(linked)} linked, {len(near)} near misses")
    if wrong_cluster:
        print(f"FAIL: {len(wrong_cluster)} linked pairs in different clusters: {wrong_cluster[:3]}")
        sys.exit(1)
    judged = {}
    if os.path.exists(TSV):
        with open(TSV, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                judged[(r["id_a"], r["id_b"])] = r["judgement"]
    rng = random.Random(args.seed)
    rows = []
    for kind, pairs in (("linked", linked), ("near", near)):
        for a, b, title, text, days in rng.sample(pairs, min(args.n, len(pairs))):
            rows.append({"kind": kind, "title_sim": f"{title:.2f}", "word_sim": f"{text:.2f}",
                         "days": f"{days:.1f}", "id_a": a, "title_a": clean(shown[a]["title"]),
                         "excerpt_a": clean(shown[a].get("excerpt"))[:300], "id_b": b,
                         "title_b": clean(shown[b]["title"]),
                         "excerpt_b": clean(shown[b].get("excerpt"))[:300],
                         "judgement": judged.get((a, b), "")})
    with open(TSV, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    for kind, total in (("linked", len(linked)), ("near", len(near))):
        marks = [r["judgement"] for r in rows if r["kind"] == kind and r["judgement"]]
        same = marks.count("same")
        if marks:
            print(f"{kind}: {len(marks)} judged, {same} one event ({same / len(marks):.1%}); "
                  f"about {round(total * same / len(marks))} of the {total} such pairs")
        else:
            print(f"{kind}: none judged yet ({TSV})")


if __name__ == "__main__":
    main()
