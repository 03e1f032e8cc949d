#!/usr/bin/env python3
"""Relevance of ns-search against two plain BM25 peers, on judged queries.

Indexes ../shared/corpus with ns-index (the news folders, and the 20,000
THUCNews Chinese headlines written out as articles) and ../shared/seeds
(the 16 SenseTime articles, the only English ones holding Chinese text),
gives the very same articles (the title and excerpt ns stored, one record
per article) to Xapian's own scriptindex and to SQLite FTS5, and runs every
query of queries.tsv through ns-search (collapsed, and --no-collapse),
quest and FTS5. Prints nDCG@10 and MRR for each, by query kind, over the
English queries (English queries for English articles: the kinds known,
story, topic, topic2, typo and mixed-en; not known-zh nor mixed-zh) and over
all, and how much of each top 10 was judged; then one line a system with the
figures the targets are read from (English topical = topic2).

--judge lists, for blind judging, every article in any system's top 10 that
qrels.tsv does not grade yet, a query at a time, shuffled, with its title
and excerpt and without the system or the rank; "--judge all" after a
change of ranking lists what the new lists bring, to grade and append.

  bench/eval/evaluate.py [--build build] [--corpus ../shared/corpus]
  bench/eval/evaluate.py --judge QID... | all   # unjudged pooled articles, blind
  bench/eval/evaluate.py --pool QID...          # the same, by system, with titles only

The peers, configured as a user of each would, and given the same records:
- quest over scriptindex: title and excerpt indexed as one text (title
  also as a field), English stemming (quest's default, "some"), Xapian's
  CJK n-grams (XAPIAN_CJK_NGRAM=1), quest's default query parsing (the
  words ORed), BM25 with Xapian's default parameters, top 10.
- SQLite FTS5 (Python's sqlite3 module, SQLite's own FTS5): a table
  fts5(url UNINDEXED, title, excerpt, tokenize = 'porter unicode61
  remove_diacritics 2'), one row a record, 'optimize'd. A query is its
  words (split on white space) each double-quoted (a quote inside doubled),
  joined with OR: "airline" OR "industry" OR "layoffs"; rows ordered by
  rank (FTS5's bm25(), k1 1.2, b 0.75, both columns weighted 1), top 10.
  unicode61 makes a run of CJK characters one token, so a Chinese query
  finds only articles holding its exact run between separators: that is
  FTS5 as configured here, not tuned for Chinese.

queries.tsv: qid, kind, query (the kinds and their judging guidelines are
in its header).
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
import random
import re
import sqlite3
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
FTS5_TOKENIZE = "porter unicode61 remove_diacritics 2"
# Query kinds over English articles in English: the "English" column.
ENGLISH = ("known", "story", "topic", "topic2", "typo", "mixed-en")


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


class Fts5:
    name = "SQLite FTS5 (bm25)"

    def __init__(self, path):
        self.con = sqlite3.connect(path)

    @staticmethod
    def match(query):
        return " OR ".join('"%s"' % w.replace('"', '""') for w in query.split())

    def top(self, query, n=DEPTH):
        return self.con.execute("SELECT url, title FROM a WHERE a MATCH ? ORDER BY rank LIMIT ?",
                                (self.match(query), n)).fetchall()


def build_fts5(records, path):
    con = sqlite3.connect(path)
    con.execute("CREATE VIRTUAL TABLE a USING fts5(url UNINDEXED, title, excerpt, tokenize = '%s')"
                % FTS5_TOKENIZE)
    con.executemany("INSERT INTO a VALUES (?, ?, ?)",
                    ((r["url"], r["title"], r["excerpt"]) for r in records))
    con.execute("INSERT INTO a(a) VALUES ('optimize')")
    con.commit()
    con.close()


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


def build_databases(build, corpus, seeds, work):
    ns_db = os.path.join(work, "ns-db")
    folders = sorted(os.path.join(corpus, d, "_news") for d in os.listdir(corpus)
                     if os.path.isdir(os.path.join(corpus, d, "_news")))
    folders.append(write_thucnews(corpus, work))
    if seeds and os.path.isdir(seeds):
        folders.append(seeds)
    run([os.path.join(build, "indexer", "ns-index"), "--quiet", "--rebuild", "--db", ns_db]
        + folders)
    everything = run([os.path.join(build, "searcher", "ns-search"), "--db", ns_db, "-f", "json",
                      "--no-collapse", "-n", "100000", "--", "*"])
    records = [{field: " ".join((hit[field] or "").split())
                for field in ("url", "title", "excerpt")}
               for hit in json.loads(everything)["hits"]]
    records_file = os.path.join(work, "baseline.in")
    with open(records_file, "w", encoding="utf-8") as f:
        for record in records:
            for field in ("url", "title", "excerpt"):
                f.write("%s=%s\n" % (field, record[field]))
            f.write("\n")
    script = os.path.join(work, "baseline.script")
    with open(script, "w") as f:
        f.write(BASELINE_SCRIPT)
    base_db = os.path.join(work, "baseline-db")
    run(["scriptindex", "--overwrite", base_db, script, records_file], env=Quest.env)
    fts_db = os.path.join(work, "fts5.sqlite")
    if os.path.exists(fts_db):
        os.remove(fts_db)
    build_fts5(records, fts_db)
    return ns_db, base_db, fts_db, records


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


def groups(kind):
    """The rows a query of this kind counts in."""
    return [kind, "all"] + (["English"] if kind in ENGLISH else [])


def evaluate(system, queries, qrels, lists):
    # nDCG, nDCG by URL, RR, queries, judged, listed
    scores = defaultdict(lambda: [0.0, 0.0, 0.0, 0, 0, 0])
    per_query = {}
    for qid, kind, text in queries:
        ranked = lists[qid]
        judged = qrels[qid]
        n = ndcg(ranked, judged)
        per_query[qid] = n
        for key in groups(kind):
            s = scores[key]
            s[0] += n
            s[1] += ndcg(ranked, judged, by_url=True)
            s[2] += reciprocal_rank(ranked, judged)
            s[3] += 1
            s[4] += sum(1 for url, title in ranked if judged.knows(url, title))
            s[5] += len(ranked)
    return scores, per_query


def run_all(systems, queries):
    """Every system's top 10 of every query: {system name: {qid: [(url, title)]}}."""
    return {s.name: {qid: s.top(text) for qid, _, text in queries} for s in systems}


def mean(scores, key, column):
    s = scores.get(key)
    return s[column] / s[3] if s and s[3] else float("nan")


def report(systems, queries, qrels, lists, verbose):
    results = [(s.name, *evaluate(s, queries, qrels, lists[s.name])) for s in systems]
    kinds = sorted({k for _, k, _ in queries}, key=lambda k: (k not in ENGLISH, k))
    row = "%-26s %-9s %7s %8s %8s %8s %9s"
    print(row % ("system", "queries", "count", "nDCG@10", "by URL", "MRR", "judged@10"))
    for name, scores, _ in results:
        for kind in ["all", "English"] + kinds:
            s = scores[kind]
            if not s[3]:
                continue
            print("%-26s %-9s %7d %8.3f %8.3f %8.3f %8.0f%%" % (
                name, kind, s[3], s[0] / s[3], s[1] / s[3], s[2] / s[3],
                100.0 * s[4] / max(s[5], 1)))
    # One line a system: the columns the targets are read from.
    print()
    cols = [("all", 0), ("all", 2), ("English", 0), ("English", 2), ("topic2", 0),
            ("topic", 0), ("known", 2), ("typo", 0), ("mixed-zh", 0)]
    print("%-26s" % "nDCG@10 / MRR" + "".join(
        " %10s" % ("%s %s" % (k[:7], "MRR" if c == 2 else "nDCG")) for k, c in cols))
    for name, scores, _ in results:
        print("%-26s" % name + "".join(" %10.3f" % mean(scores, k, c) for k, c in cols))
    by_name = {name: scores for name, scores, _ in results}
    quest, fts = by_name.get(Quest.name), by_name.get(Fts5.name)
    for name, scores, _ in results:
        if name in (Quest.name, Fts5.name):
            continue
        print("%s: English topical (topic2) nDCG@10 %.2fx quest's, %.2fx FTS5's; "
              "English %.2fx quest's, %.2fx FTS5's; known-item MRR %.3f (quest %.3f, FTS5 %.3f)"
              % (name, mean(scores, "topic2", 0) / mean(quest, "topic2", 0),
                 mean(scores, "topic2", 0) / mean(fts, "topic2", 0),
                 mean(scores, "English", 0) / mean(quest, "English", 0),
                 mean(scores, "English", 0) / mean(fts, "English", 0),
                 mean(scores, "known", 2), mean(quest, "known", 2), mean(fts, "known", 2)))
    if verbose:
        print()
        print("%-5s %-9s %s  query" % ("qid", "kind", "  ".join(
            "%-6s" % name.split()[0][:6] for name, _, _ in results)))
        for qid, kind, text in queries:
            print("%-5s %-9s %s  %s" % (qid, kind, "  ".join(
                "%6.2f" % per[qid] for _, _, per in results), text))


def wanted_queries(queries, names):
    wanted = set(names)
    if not wanted or "all" in wanted:
        return queries
    return [q for q in queries if q[0] in wanted]


def pool(systems, queries, qrels, lists):
    """By system, the unjudged articles of each top 10 (titles only)."""
    for qid, kind, text in queries:
        print("## %s %s: %s" % (qid, kind, text))
        shown = set()
        for system in systems:
            for url, title in lists[system.name][qid]:
                if qrels[qid].knows(url, title) or url in shown:
                    continue
                shown.add(url)
                print("%s\t?\t%s\t%s" % (qid, url, title))


def judge(systems, queries, qrels, lists, records):
    """For blind judging: each query's unjudged pooled articles (the union of
    every system's top 10, a copy once), title and excerpt, in an order
    shuffled by the query's id, with neither the system nor the rank. Each
    article's first line is its qrels.tsv line with "?" for the grade."""
    excerpts = {r["url"]: r["excerpt"] for r in records}
    for qid, kind, text in queries:
        pooled, seen = [], set()
        for system in systems:
            for url, title in lists[system.name][qid]:
                key = copy_key(title)
                if qrels[qid].knows(url, title) or url in seen or key in seen:
                    continue
                seen.update((url, key))
                pooled.append((url, title))
        if not pooled:
            continue
        pooled.sort()
        random.Random(qid).shuffle(pooled)
        print("## %s %s: %s (%d to judge)" % (qid, kind, text, len(pooled)))
        for url, title in pooled:
            print("%s\t?\t%s\t%s" % (qid, url, title))
            print("    %s" % excerpts.get(url, "")[:600])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--corpus", default=os.path.join(os.path.dirname(ROOT), "shared", "corpus"))
    parser.add_argument("--seeds", default=os.path.join(os.path.dirname(ROOT), "shared", "seeds"),
                        help="seed files indexed beside the corpus ('' for none)")
    parser.add_argument("--work", help="keep the databases here (default: a temporary folder)")
    parser.add_argument("--ns-arg", action="append", default=[],
                        help="pass to ns-search, e.g. --ns-arg=--no-collapse")
    parser.add_argument("--pool", nargs="*", help="print unjudged top-10 articles of these queries")
    parser.add_argument("--judge", nargs="*",
                        help="blind: unjudged pooled articles of these queries (or all), shuffled")
    parser.add_argument("--verbose", action="store_true", help="nDCG@10 of every query")
    args = parser.parse_args()
    if not os.path.isdir(args.corpus):
        print("evaluate: SKIP: no corpus at %s (the evaluation needs ../shared/corpus)"
              % args.corpus)
        return 77
    queries, qrels = load_judgments()
    if args.judge is not None:
        queries = wanted_queries(queries, args.judge)
    elif args.pool is not None:
        queries = wanted_queries(queries, args.pool)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or tmp
        os.makedirs(work, exist_ok=True)
        ns_db, base_db, fts_db, records = build_databases(args.build, args.corpus, args.seeds,
                                                          work)
        systems = [Ns(args.build, ns_db, args.ns_arg),
                   Ns(args.build, ns_db, args.ns_arg + ["--no-collapse"]), Quest(base_db),
                   Fts5(fts_db)]
        lists = run_all(systems, queries)
        if args.judge is not None:
            judge(systems, queries, qrels, lists, records)
        elif args.pool is not None:
            pool(systems, queries, qrels, lists)
        else:
            report(systems, queries, qrels, lists, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
