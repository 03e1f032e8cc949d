#!/usr/bin/env python3
"""Speed of ns against what a user would pick instead, on the same synthetic
corpus in the same run: building (ns-index, Xapian's scriptindex, SQLite
FTS5) and searching 200 queries (ns-search, quest or Xapian in-process,
FTS5, ripgrep), inside one process and as whole processes. Prints medians,
p99, ratios, database sizes and peak memory, then issue 30's targets: each
ratio to its peer in the same run against its target.

  bench/bench.py [--articles 100000] [--work build/bench] [--build build]

The corpus (bench/generate.py, same seed) is kept in --work between runs."""
import argparse
import csv
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SCRIPT = "url : field=url\ntitle : field=title index\nexcerpt : index\n"  # as bench/eval
XAPIAN_ENV = dict(os.environ, XAPIAN_CJK_NGRAM="1")

try:
    import xapian  # Debian's python3-xapian: /usr/bin/python3
except ImportError:
    xapian = None


def timed(cmd, env=None, stdin=None, stdout=subprocess.DEVNULL):
    """Runs cmd under /usr/bin/time; returns (wall seconds, peak RSS in MB)."""
    proc = subprocess.run(["/usr/bin/time", "-f", "%e %M", *cmd], env=env, stdin=stdin,
                          stdout=stdout, stderr=subprocess.PIPE, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"bench: {cmd[0]} failed ({proc.returncode}): {proc.stderr[-500:]}")
    wall, kb = proc.stderr.strip().splitlines()[-1].split()
    return float(wall), int(kb) / 1024


def size_mb(path):
    if os.path.isfile(path):
        return os.path.getsize(path) / 2**20
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs) / 2**20


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def prepare(work, n):
    corpus = os.path.join(work, f"corpus-{n}")
    if not os.path.exists(corpus + ".vocab.json"):
        shutil.rmtree(corpus, ignore_errors=True)
        print(f"generating {n} articles into {corpus} ...", flush=True)
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), str(n), corpus],
                       check=True)
    records = [json.loads(line) for line in open(corpus + ".records.jsonl", encoding="utf-8")]
    with open(corpus + ".si", "w", encoding="utf-8") as f:
        for r in records:
            f.write("url=%s\ntitle=%s\nexcerpt=%s\n\n" % (r["url"], r["title"], r["excerpt"]))
    with open(corpus + ".csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows((r["url"], r["title"], r["excerpt"]) for r in records)
    with open(os.path.join(work, "script"), "w") as f:
        f.write(SCRIPT)
    return corpus, records


def queries(corpus, count, rng):
    """count queries: 90% of one to three English words (ranks 20 to 5000 of
    a Zipfian vocabulary), 10% one Chinese two-character word."""
    vocab = json.load(open(corpus + ".vocab.json", encoding="utf-8"))
    out = []
    for i in range(count):
        if i % 10 == 9:
            out.append(rng.choice(vocab["chinese"][20:2000]))
        else:
            out.append(" ".join(rng.choice(vocab["english"][20:5000]) for _ in range(rng.randint(1, 3))))
    return out


def build(args, work, corpus):
    rows = []
    ns_db, si_db, fts = (os.path.join(work, x) for x in ("ns-db", "si-db", "fts.sqlite"))
    ns_index = os.path.join(args.build, "indexer", "ns-index")
    wall, mb = timed([ns_index, "--quiet", "--rebuild", "--db", ns_db, corpus])
    rows.append(("ns-index", wall, mb, ns_db))
    wall, mb = timed(["scriptindex", "--overwrite", si_db, os.path.join(work, "script"),
                      corpus + ".si"], env=XAPIAN_ENV)
    rows.append(("scriptindex", wall, mb, si_db))
    if os.path.exists(fts):
        os.remove(fts)
    wall, mb = timed(["sqlite3", fts, "CREATE VIRTUAL TABLE a USING fts5(url UNINDEXED, title, excerpt)",
                      ".mode csv", f".import {corpus}.csv a", "INSERT INTO a(a) VALUES('optimize')"])
    rows.append(("sqlite3 FTS5", wall, mb, fts))
    for name, db in (("ns", ns_db), ("scriptindex", si_db)):
        shutil.rmtree(db + ".compact", ignore_errors=True)
        subprocess.run(["xapian-compact", "--no-renumber", db, db + ".compact"], check=True,
                       stdout=subprocess.DEVNULL)
    return rows, ns_db, si_db, fts


def xapian_times(path, qs, counted_slots=()):
    """Milliseconds of each query's top 10 through python3-xapian, parsed
    as quest parses; with counted_slots, every match is counted into a
    ValueCountMatchSpy on each of those slots."""
    db = xapian.Database(path)
    qp = xapian.QueryParser()
    qp.set_database(db)
    qp.set_stemmer(xapian.Stem("english"))
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    enquire = xapian.Enquire(db)
    check_at_least = db.get_doccount() if counted_slots else 0
    times = []
    for q in qs:
        start = time.perf_counter()
        enquire.set_query(qp.parse_query(q, qp.FLAG_DEFAULT | qp.FLAG_CJK_NGRAM))
        enquire.clear_matchspies()
        for slot in counted_slots:
            enquire.add_matchspy(xapian.ValueCountMatchSpy(slot))
        [m.docid for m in enquire.get_mset(0, 10, check_at_least)]
        times.append((time.perf_counter() - start) * 1000)
    return times


def in_process(args, ns_db, si_db, fts, qs):
    """Per-query latency in ms inside one process, per engine."""
    out = {}
    search = os.path.join(args.build, "searcher", "ns-search")
    for label, extra in (("ns-search --batch", ["--some-words"]),
                         ("ns-search --batch --all-words", ["--all-words"]),
                         ("ns-search --batch, 3 facets",
                          ["--some-words", "--facet", "topic,provider,year"])):
        proc = subprocess.Popen([search, "--db", ns_db, "--batch", "-n", "10", *extra],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        proc.stdin.write("\n".join(["warm up"] + qs) + "\n")
        proc.stdin.close()
        proc.stdout.readline()  # start-up and the warm-up query
        times, last = [], time.perf_counter()
        for _ in qs:
            proc.stdout.readline()
            now = time.perf_counter()
            times.append((now - last) * 1000)
            last = now
        proc.wait()
        out[label] = times
    if xapian:
        out["Xapian in-process (as quest)"] = xapian_times(si_db, qs)
        # The floor of exact facet counts: Xapian alone counting every match
        # of the same queries into 3 of ns's facet slots (a topic, the
        # provider, the year: common/schema.h), on the ns database.
        out["Xapian in-process, exact, 3 facets"] = xapian_times(ns_db, qs, (19, 8, 13))
    con = sqlite3.connect(fts)
    times = []
    for q in qs:
        start = time.perf_counter()
        con.execute("SELECT url FROM a WHERE a MATCH ? ORDER BY rank LIMIT 10",
                    (" ".join('"%s"' % w for w in q.split()),)).fetchall()
        times.append((time.perf_counter() - start) * 1000)
    out["SQLite FTS5 in-process"] = times
    return out


def whole_process(args, ns_db, si_db, fts, corpus, qs):
    """Per-query wall time in ms of one whole process, per tool (warm cache)."""
    search = os.path.join(args.build, "searcher", "ns-search")
    tools = {
        "ns-search": lambda q: [search, "--db", ns_db, "-n", "10", "--", q],
        "quest": lambda q: ["quest", "-d", si_db, "-m", "10", "-f", "default,cjk_ngram", q],
        "sqlite3 FTS5": lambda q: ["sqlite3", fts, "SELECT url FROM a WHERE a MATCH '%s' ORDER BY rank "
                                   "LIMIT 10" % " ".join('"%s"' % w for w in q.split())],
        "rg (first word, 20 queries)": lambda q: ["rg", "-l", "-i", "-F", q.split()[0], corpus],
    }
    out = {}
    for name, cmd in tools.items():
        if shutil.which(cmd("x")[0]) is None:
            continue
        subset = qs[:20] if name.startswith("rg") else qs
        subprocess.run(cmd(subset[0]), stdout=subprocess.DEVNULL, env=XAPIAN_ENV)  # warm
        times = []
        for q in subset:
            start = time.perf_counter()
            subprocess.run(cmd(q), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=XAPIAN_ENV)
            times.append((time.perf_counter() - start) * 1000)
        out[name] = times
    return out


def served(args, ns_db, qs, batch_times, clients=8):
    """ns-serve on loopback: clients threads each asking every query once
    (as --batch, with some of the words); per-request ms and requests/s."""
    import re
    import threading
    import urllib.parse
    import urllib.request
    serve = os.path.join(args.build, "server", "ns-serve")
    if not os.path.exists(serve):
        return
    proc = subprocess.Popen([serve, "--db", ns_db, "--listen", "127.0.0.1:0"],
                            stderr=subprocess.PIPE, text=True)
    port = re.search(r":(\d+)/", proc.stderr.readline()).group(1)
    url = f"http://127.0.0.1:{port}/api/v1/search?some_words=1&limit=10&q="
    urllib.request.urlopen(url + "warm").read()
    times, lock = [], threading.Lock()

    def client(n):
        mine = []
        for q in qs[n:] + qs[:n]:
            start = time.perf_counter()
            urllib.request.urlopen(url + urllib.parse.quote(q)).read()
            mine.append((time.perf_counter() - start) * 1000)
        with lock:
            times.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    proc.terminate()
    proc.wait()
    print(f"\nns-serve over HTTP on loopback, {clients} clients x {len(qs)} queries "
          f"(some of the words): {len(times) / wall:.0f} requests/s, median "
          f"{statistics.median(times):.3f} ms, p99 {pct(times, 99):.3f} ms a request; "
          f"ns-search --batch on the same queries, one client: "
          f"{1000 / max(statistics.mean(batch_times), 1e-9):.0f} queries/s, median "
          f"{statistics.median(batch_times):.3f} ms, p99 {pct(batch_times, 99):.3f} ms")


def chinese_recall(args, ns_db, fts, records, qs):
    """Recall of the Chinese two-character words: articles found / articles holding them."""
    search = os.path.join(args.build, "searcher", "ns-search")
    con = sqlite3.connect(fts)
    truth = found_ns = found_fts = 0
    for w in (q for q in qs if not q.isascii()):
        truth += sum(1 for r in records if w in r["title"] or w in r["excerpt"])
        found_ns += int(subprocess.run([search, "--db", ns_db, "--count", "--no-collapse", "--all-words",
                                        "--", w], capture_output=True, text=True).stdout or 0)
        found_fts += con.execute("SELECT count(*) FROM a WHERE a MATCH ?", ('"%s"' % w,)).fetchone()[0]
    return truth, found_ns, found_fts


def incremental(args, ns_db, corpus, runs=5):
    """ns-index after edits, each timed runs times (medians: the first runs
    after a build are often slower): one file named alone, then the whole
    tree with 1,000 files changed (all of them, in a smaller corpus). The
    files are put back after each run."""
    ns_index = os.path.join(args.build, "indexer", "ns-index")
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs)
    chosen = random.Random(11).sample(files, min(1000, len(files)))
    originals = {}
    for path in chosen:
        with open(path, encoding="utf-8") as f:
            originals[path] = f.read()

    def edit(paths, mark):
        for path in paths:
            with open(path, "w", encoding="utf-8") as f:
                f.write(originals[path].replace('title: "', f'title: "{mark} ', 1))

    def restore():
        for path, text in originals.items():
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        timed([ns_index, "--quiet", "--db", ns_db, corpus])

    one, tree, tree_mb = [], [], []
    for run in range(runs):
        try:
            edit(chosen[:1], f"edited{run}")
            one.append(timed([ns_index, "--quiet", "--db", ns_db, chosen[0]])[0])
            edit(chosen, f"edited again{run}")
            seconds, mb = timed([ns_index, "--quiet", "--db", ns_db, corpus])
            tree.append(seconds)
            tree_mb.append(mb)
        finally:
            restore()
    print(f"\nincremental, median of {runs}: one changed file named alone "
          f"{statistics.median(one) * 1000:.0f} ms; the whole tree with {len(chosen):,} files changed "
          f"{statistics.median(tree):.2f} s (runs {min(tree):.2f} to {max(tree):.2f}), "
          f"peak {max(tree_mb):.0f} MB")


def table(title, results, base_name):
    print(f"\n{title}")
    print("%-36s %9s %9s %9s" % ("", "median ms", "p99 ms", "vs " + base_name[:14]))
    base = statistics.median(results[base_name]) if base_name in results else None
    for name, times in results.items():
        med = statistics.median(times)
        print("%-36s %9.3f %9.3f %9s" % (name, med, pct(times, 99),
                                         "%.2fx" % (med / base) if base else "-"))


# Issue 30's targets: (row, what, of ns, of its peer, statistic, at most).
TARGETS = (
    ("default query p50", "ns-search --batch", "Xapian in-process (as quest)", "p50", 1.0),
    ("default query p99", "ns-search --batch", "Xapian in-process (as quest)", "p99", 1.5),
    ("3 exact facets p99", "ns-search --batch, 3 facets", "Xapian in-process, exact, 3 facets",
     "p99", 1.0),
    ("whole process p50", "ns-search", "quest", "p50", 1.3),
)


def targets(times, sizes):
    """Prints each target with its figures, ratio and verdict; times: the
    per-query ms of each row, sizes: compacted MB of ns and scriptindex
    (empty when the run built nothing)."""
    print("\ntargets, ratios to the peer in this run")
    print("%-22s %22s %22s %7s %7s  %s" % ("", "ns", "peer", "ratio", "target", ""))
    rows = []
    for name, mine, peer, stat, most in TARGETS:
        if mine not in times or peer not in times:
            continue
        pick = statistics.median if stat == "p50" else (lambda t: pct(t, 99))
        rows.append((name, pick(times[mine]), pick(times[peer]), "ms", most))
    if sizes:
        rows.append(("compacted database", sizes["ns"], sizes["scriptindex"], "MB", 1.2))
    for name, mine, peer, unit, most in rows:
        ratio = mine / max(peer, 1e-9)
        print("%-22s %19.2f %s %19.2f %s %6.2fx %6.1fx  %s" % (
            name, mine, unit, peer, unit, ratio, most, "met" if ratio <= most else "not met"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100000, help="files to generate")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--work", default=os.path.join(ROOT, "build", "bench"))
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--search-only", action="store_true",
                        help="reuse the databases of the last run in --work: only search")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    corpus, records = prepare(args.work, args.articles)
    print(f"corpus: {args.articles} files, {len(records)} articles (each file's own and 3 related), "
          f"{size_mb(corpus):.0f} MB; machine: {os.cpu_count()} cores")
    if args.search_only:
        ns_db, si_db, fts = (os.path.join(args.work, x) for x in ("ns-db", "si-db", "fts.sqlite"))
        times = search(args, corpus, records, ns_db, si_db, fts)
        targets(times, compacted_sizes(ns_db, si_db))
        return
    rows, ns_db, si_db, fts = build(args, args.work, corpus)
    print("\n%-14s %8s %12s %9s %10s %10s" % ("build", "seconds", "articles/s", "peak MB", "db MB",
                                               "compact MB"))
    base = rows[1][1]
    for name, wall, mb, db in rows:
        compact = size_mb(db + ".compact") if os.path.exists(db + ".compact") else size_mb(db)
        print("%-14s %8.1f %12.0f %9.0f %10.0f %10.0f  (%.2fx scriptindex's speed)" % (
            name, wall, len(records) / wall, mb, size_mb(db), compact, base / wall))
    incremental(args, ns_db, corpus)
    times = search(args, corpus, records, ns_db, si_db, fts)
    targets(times, compacted_sizes(ns_db, si_db))


def compacted_sizes(ns_db, si_db):
    """MB of the compacted copies of both databases; empty when one is missing."""
    paths = {"ns": ns_db + ".compact", "scriptindex": si_db + ".compact"}
    if not all(os.path.exists(p) for p in paths.values()):
        return {}
    return {name: size_mb(path) for name, path in paths.items()}


def search(args, corpus, records, ns_db, si_db, fts):
    qs = queries(corpus, args.queries, random.Random(7))
    inside = in_process(args, ns_db, si_db, fts, qs)
    table(f"search, {len(qs)} queries, top 10, inside one process", inside,
          "Xapian in-process (as quest)")
    served(args, ns_db, qs, inside["ns-search --batch"])
    processes = whole_process(args, ns_db, si_db, fts, corpus, qs)
    table("search, whole processes, warm cache", processes, "quest")
    truth, found_ns, found_fts = chinese_recall(args, ns_db, fts, records, qs)
    print(f"\nChinese two-character words: {truth} articles hold them; ns finds {found_ns} "
          f"(recall {found_ns / max(truth, 1):.3f}), FTS5 unicode61 {found_fts} "
          f"(recall {found_fts / max(truth, 1):.3f})")
    return {**inside, **processes}


if __name__ == "__main__":
    main()
