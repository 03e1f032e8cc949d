#!/usr/bin/env python3
"""Relevance of ns-search against a plain BM25 baseline, on judged queries.

Indexes ../shared/corpus with ns-index (the news folders, and the 20,000
THUCNews Chinese headlines written out as articles), gives the very same
articles (the title and excerpt ns stored, one record per article) to
Xapian's own scriptindex, and runs every query of queries.tsv through
ns-search and through quest. Prints nDCG@10 and MRR for each, by query
kind, and how much of each top 10 was judged.

  bench/eval/evaluate.py [--build build] [--corpus ../shared/corpus]
  bench/eval/evaluate.py --pool QID...   # unjudged top-10 articles, to judge

queries.tsv: qid, kind (known | topic | story), query.
qrels.tsv:   qid, grade (0 not relevant, 1 relevant, 2 the article sought
             or the story's own), url, title (for the reader).
Articles are judged by URL. A reader gains from an article once: copies of
it (the same URL, or the same title in its words, case and punctuation
aside) count the first time they appear in a list, with the best grade any
of them has, and later copies gain nothing; the ideal list holds each
judged article once in the same way (Bernstein and Zobel, "Redundant
documents and search effectiveness", CIKM 2005). The column "by URL" counts
every URL apart instead: copies under other URLs gain again.
"""

import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEPTH = 10

# The baseline: title and excerpt as one text, stemmed, CJK as n-grams, and
# quest's defaults (OR of the words, BM25 with Xapian's default parameters).
BASELINE_SCRIPT = "url : field=url\ntitle : field=title index\nexcerpt : index\n"


def read_tsv(name):
    rows = []
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                rows.append(line.split("\t"))
    return rows


def copy_key(title):
    """Titles that differ only in case, width and punctuation: one article."""
    return re.sub(r"\W+", "", unicodedata.normalize("NFKC", title).casefold())


class Judged:
    """The grades of one query, by URL and by copy key."""

    def __init__(self):
        self.by_url, self.by_copy = {}, {}

    def add(self, url, grade, title):
        self.by_url[url] = grade
        key = copy_key(title)
        self.by_copy[key] = max(self.by_copy.get(key, 0), grade)

    def grade(self, url, title):
        return max(self.by_url.get(url, 0), self.by_copy.get(copy_key(title), 0))

    def knows(self, url, title):
        return url in self.by_url or copy_key(title) in self.by_copy


def load_judgments():
    queries = [(qid, kind, text) for qid, kind, text in read_tsv("queries.tsv")]
    qrels = defaultdict(Judged)
    for qid, grade, url, title in read_tsv("qrels.tsv"):
        qrels[qid].add(url, int(grade), title)
    return queries, qrels


def run(cmd, env=None, ok=(0,)):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    if p.returncode not in ok:
        sys.exit("evaluate: %s failed (%d): %s" % (cmd[0], p.returncode, p.stderr.decode()))
    return p.stdout.decode("utf-8")


class Ns:
    def __init__(self, build, db, extra):
        self.name = " ".join(["ns-search"] + extra)
        self.search = os.path.join(build, "searcher", "ns-search")
        self.db = db
        self.extra = extra

    def top(self, query, n=DEPTH):
        # As text output ranks by default: articles with some of the words
        # continue the list when fewer than a page have them all.
        fill = [] if "--all-words" in self.extra else ["--some-words"]
        out = run([self.search, "--db", self.db, "-f", "json", "-n", str(n)] + fill + self.extra
                  + ["--", query], ok=(0, 1))
        return [(h["url"], h["title"]) for h in json.loads(out)["hits"]]


class Quest:
    name = "quest (BM25)"
    env = dict(os.environ, XAPIAN_CJK_NGRAM="1")

    def __init__(self, db):
        self.db = db

    def top(self, query, n=DEPTH):
        out = run(["quest", "-d", self.db, "-m", str(n), "-f", "default,cjk_ngram", query],
                  env=self.env)
        hits, record = [], {}
        for line in out.split("\n")[3:] + [""]:
            if not line.strip():
                if "url" in record:
                    hits.append((record["url"], record.get("title", "")))
                record = {}
            elif "=" in line and not line[0].isdigit():
                key, _, value = line.partition("=")
                record[key] = value
        return hits


def write_thucnews(corpus, work):
    """The THUCNews headlines (title TAB class a line) as article files."""
    source = os.path.join(corpus, "cjk", "thucnews-titles")
    folder = os.path.join(work, "thucnews", "_news")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(source, "class.txt"), encoding="utf-8") as f:
        classes = f.read().split()
    for part in ("dev", "test"):
        with open(os.path.join(source, part + ".txt"), encoding="utf-8") as f:
            for i, line in enumerate(f):
                title, label = line.rstrip("\n").rsplit("\t", 1)
                with open(os.path.join(folder, "%s-%05d.md" % (part, i)), "w",
                          encoding="utf-8") as out:
                    out.write("---\ncategory: news\ntitle: %s\n"
                              "webUrl: \"https://thucnews.invalid/%s/%d\"\ntype: article\n"
                              "provider:\n  name: Sina\n  domain: sina.com.cn\n"
                              "topics:\n  - %s\n---\n"
                              % (json.dumps(title, ensure_ascii=False), part, i,
                                 classes[int(label)]))
    return folder


def build_databases(build, corpus, work):
    ns_db = os.path.join(work, "ns-db")
    folders = sorted(os.path.join(corpus, d, "_news") for d in os.listdir(corpus)
                     if os.path.isdir(os.path.join(corpus, d, "_news")))
    folders.append(write_thucnews(corpus, work))
    run([os.path.join(build, "indexer", "ns-index"), "--quiet", "--rebuild", "--db", ns_db]
        + folders)
    everything = run([os.path.join(build, "searcher", "ns-search"), "--db", ns_db, "-f", "json",
                      "--no-collapse", "-n", "100000", "--", "*"])
    records = os.path.join(work, "baseline.in")
    with open(records, "w", encoding="utf-8") as f:
        for hit in json.loads(everything)["hits"]:
            for field in ("url", "title", "excerpt"):
                value = " ".join((hit[field] or "").split())
                f.write("%s=%s\n" % (field, value))
            f.write("\n")
    script = os.path.join(work, "baseline.script")
    with open(script, "w") as f:
        f.write(BASELINE_SCRIPT)
    base_db = os.path.join(work, "baseline-db")
    run(["scriptindex", "--overwrite", base_db, script, records], env=Quest.env)
    return ns_db, base_db


def ndcg(ranked, judged, by_url=False):
    """nDCG@10; by_url: every URL gains, copies under other URLs too."""
    seen, dcg = set(), 0.0
    for i, (url, title) in enumerate(ranked[:DEPTH]):
        key = url if by_url else copy_key(title)
        if key not in seen and url not in seen:
            grade = judged.by_url.get(url, 0) if by_url else judged.grade(url, title)
            dcg += (2 ** grade - 1) / math.log2(i + 2)
        seen.update((key, url))
    grades = judged.by_url if by_url else judged.by_copy
    ideal = sorted((g for g in grades.values() if g > 0), reverse=True)[:DEPTH]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def reciprocal_rank(ranked, judged):
    for i, (url, title) in enumerate(ranked[:DEPTH]):
        if judged.grade(url, title) > 0:
            return 1.0 / (i + 1)
    return 0.0


def evaluate(system, queries, qrels):
    # nDCG, nDCG by URL, RR, queries, judged, listed
    scores = defaultdict(lambda: [0.0, 0.0, 0.0, 0, 0, 0])
    per_query = {}
    for qid, kind, text in queries:
        ranked = system.top(text)
        judged = qrels[qid]
        n = ndcg(ranked, judged)
        per_query[qid] = n
        for key in (kind, "all"):
            s = scores[key]
            s[0] += n
            s[1] += ndcg(ranked, judged, by_url=True)
            s[2] += reciprocal_rank(ranked, judged)
            s[3] += 1
            s[4] += sum(1 for url, title in ranked if judged.knows(url, title))
            s[5] += len(ranked)
    return scores, per_query


def report(systems, queries, qrels, verbose):
    results = [(s.name, *evaluate(s, queries, qrels)) for s in systems]
    kinds = ["all"] + sorted({k for _, k, _ in queries})
    row = "%-26s %-9s %7s %8s %8s %8s %9s"
    print(row % ("system", "kind", "queries", "nDCG@10", "by URL", "MRR", "judged@10"))
    for name, scores, _ in results:
        for kind in kinds:
            s = scores[kind]
            print("%-26s %-9s %7d %8.3f %8.3f %8.3f %8.0f%%" % (
                name, kind, s[3], s[0] / s[3], s[1] / s[3], s[2] / s[3],
                100.0 * s[4] / max(s[5], 1)))
    base = results[-1][1]
    for name, scores, _ in results[:-1]:
        print("%s / %s nDCG@10: %+.1f%% (by URL %+.1f%%); without Chinese: %+.1f%%" % (
            name, results[-1][0], ratio(scores, base, 0), ratio(scores, base, 1),
            ratio(scores, base, 0, exclude="known-zh")))
    if verbose:
        for qid, kind, text in queries:
            print("%-5s %-9s %s  %s" % (qid, kind, "  ".join(
                "%.2f" % per[qid] for _, _, per in results), text))


def ratio(scores, base, column, exclude=None):
    """How far the mean of column is above the baseline's, in percent."""
    def mean(s):
        total = s["all"][column] - (s[exclude][column] if exclude else 0)
        count = s["all"][3] - (s[exclude][3] if exclude else 0)
        return total / count
    return 100.0 * (mean(scores) / mean(base) - 1)


def pool(systems, queries, qrels, wanted):
    for qid, kind, text in queries:
        if qid not in wanted:
            continue
        print("## %s %s: %s" % (qid, kind, text))
        shown = set()
        for system in systems:
            for url, title in system.top(text):
                if qrels[qid].knows(url, title) or url in shown:
                    continue
                shown.add(url)
                print("%s\t?\t%s\t%s" % (qid, url, title))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--corpus", default=os.path.join(os.path.dirname(ROOT), "shared", "corpus"))
    parser.add_argument("--work", help="keep the databases here (default: a temporary folder)")
    parser.add_argument("--ns-arg", action="append", default=[],
                        help="pass to ns-search, e.g. --ns-arg=--no-collapse")
    parser.add_argument("--pool", nargs="*", help="print unjudged top-10 articles of these queries")
    parser.add_argument("--verbose", action="store_true", help="nDCG@10 of every query")
    args = parser.parse_args()
    if not os.path.isdir(args.corpus):
        print("evaluate: SKIP: no corpus at %s (the evaluation needs ../shared/corpus)"
              % args.corpus)
        return 77
    queries, qrels = load_judgments()
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or tmp
        os.makedirs(work, exist_ok=True)
        ns_db, base_db = build_databases(args.build, args.corpus, work)
        systems = [Ns(args.build, ns_db, args.ns_arg),
                   Ns(args.build, ns_db, args.ns_arg + ["--no-collapse"]), Quest(base_db)]
        if args.pool is not None:
            pool(systems, queries, qrels, set(args.pool) or {q for q, _, _ in queries})
        else:
            report(systems, queries, qrels, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
