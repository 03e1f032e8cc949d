#!/usr/bin/env python3
"""ns-serve under load while ns-index writes: 8 clients query a real server
for 20 s (NS_LOAD_SECONDS) over ../shared/corpus (else copies of data/),
while ns-index re-reads 200 touched files again and again and rebuilds the
database once. Every request must answer 200 with the hits and total
ns-search gave for the same query before the load: no failed request, no
wrong answer. Prints requests/s and p50/p99 (measured, not asserted)."""
import json
import os
import random
import statistics
import subprocess
import threading
import time
import urllib.parse

import nslib

# 20 s over the corpus; over copies of data/ (a clone alone) and under the
# sanitizers, shorter: make test's time.
SECONDS = float(os.environ.get("NS_LOAD_SECONDS",
                               "20" if nslib.corpus_news_dirs() else "8"))
CLIENTS = 8
QUERIES = ["coronavirus vaccine", "remdesivir", "power apps portals", "face masks", "nursing homes",
           "unemployment claims", "Tesla factory", "murder hornets", "contact tracing app",
           "stimulus checks", "Bundesliga", "meat shortages", "AI Builder", "canvas app", "Sweden"]


def answer(body):
    doc = json.loads(body)
    return doc["total"], [h["id"] for h in doc["hits"]]


with nslib.temp_dir() as tmp:
    files = os.path.join(tmp, "files")
    what = nslib.make_corpus(files, 1500)
    db = os.path.join(tmp, "db")
    nslib.index(db, files)
    expected = {}
    for q in QUERIES:
        out = subprocess.run([nslib.NS_SEARCH, "--db", db, "-f", "json", "--", q],
                             capture_output=True, check=False).stdout
        expected[q] = answer(out)

    stop = threading.Event()
    failures, latencies, lock = [], [], threading.Lock()

    def client(n):
        i = n
        while not stop.is_set():
            q = QUERIES[i % len(QUERIES)]
            i += 1
            start = time.monotonic()
            status, _, body = server.get("/api/v1/search?q=" + urllib.parse.quote(q))
            took = time.monotonic() - start
            with lock:
                latencies.append(took)
                if status != 200:
                    failures.append((q, status, body[:200]))
                elif answer(body) != expected[q]:
                    failures.append((q, "wrong answer", answer(body)[0], expected[q][0]))

    commits = 0
    with nslib.Server(db, "--threads", "4", "--queue", "256") as server:
        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        started = time.monotonic()
        for t in threads:
            t.start()
        paths = sorted(os.path.join(root, name) for root, _, names in os.walk(files)
                       for name in names)
        rng = random.Random(28)
        rebuilt = False
        # Runs that re-read 200 touched files, and one rebuild of them all,
        # for at least SECONDS.
        while time.monotonic() - started < SECONDS or not rebuilt or commits < 2:
            now = time.time()
            for path in rng.sample(paths, min(200, len(paths))):
                os.utime(path, (now, now))
            nslib.index(db, files, extra=["--quiet"])
            commits += 1
            if not rebuilt and time.monotonic() - started > SECONDS / 3:
                nslib.index(db, files, extra=["--quiet", "--rebuild"])
                rebuilt = True
        stop.set()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        server.stop()

    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else 0
    print(f"{what}: {len(latencies)} requests in {elapsed:.1f} s by {CLIENTS} clients "
          f"({len(latencies) / elapsed:.0f}/s), p50 {statistics.median(latencies) * 1000:.1f} ms, "
          f"p99 {p99 * 1000:.1f} ms, during {commits} ns-index runs and one --rebuild")
    nslib.check(commits >= 2 and rebuilt and len(latencies) > 100,
                f"load ran while ns-index wrote ({commits} runs, {len(latencies)} requests)")
    nslib.check(not failures, f"no failed request, no wrong answer ({len(failures)}: {failures[:3]})")
