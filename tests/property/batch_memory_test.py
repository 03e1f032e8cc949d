#!/usr/bin/env python3
"""One ns-search --batch answers NS_BATCH_QUERIES queries (30,000 here;
`make check-batch-memory` runs a million) without its memory growing: its
resident size is sampled as it goes, and after the warm-up it must stay
within 2 MB of what it was. The queries cycle through words of data/'s
titles, CJK, operators, filters and malformed ranges, with facets on.
Under the sanitizers (NS_SANITIZED=1) AddressSanitizer's quarantine holds
freed memory on purpose, so only the answers are checked there, and
LeakSanitizer judges leaks."""
import os
import random
import re
import subprocess
import threading
import time

import nslib

QUERIES = int(os.environ.get("NS_BATCH_QUERIES", "30000"))
SLACK_KB = 2048


def query_pool():
    """A few thousand distinct queries in the shapes users type."""
    words = []
    for root, _, names in os.walk(nslib.DATA):
        for name in names:
            with open(os.path.join(root, name), encoding="utf-8") as f:
                m = re.search(r"^title: *\"?(.*?)\"?$", f.read(), re.M)
                if m:
                    words += re.findall(r"\w+", m.group(1))
    r = random.Random(int(os.environ.get("NS_SEED", "1")))
    shapes = [
        lambda: " ".join(r.choice(words) for _ in range(r.randint(1, 4))),
        lambda: f'"{r.choice(words)} {r.choice(words)}"',
        lambda: f"{r.choice(words)} OR {r.choice(words)} -{r.choice(words)}",
        lambda: f"title:{r.choice(words)} date:20{r.randint(10, 24)}..",
        lambda: f"{r.choice(words)[:3]}* quality:{r.randint(0, 99)}..",
        lambda: r.choice(["港股", "商汤科技", "日本語", "뉴스", "人工智能 IPO"]),
        lambda: f"{r.choice(words)} date:2021-13..",  # an error line, then go on
        lambda: "*",
    ]
    return [r.choice(shapes)() for _ in range(5000)]


def rss_kb(pid):
    """The resident size, or None once the process has exited (a zombie's
    status has no VmRSS line, and then it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            m = re.search(r"^VmRSS:\s+(\d+) kB", f.read(), re.M)
    except FileNotFoundError:
        return None
    return int(m.group(1)) if m else None


with nslib.temp_dir() as tmp:
    db = os.path.join(tmp, "db")
    nslib.index(db, nslib.DATA)
    pool = query_pool()
    proc = subprocess.Popen([nslib.NS_SEARCH, "--db", db, "--batch", "-n", "3", "--facets"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, bufsize=1 << 20)

    def feed():
        batch = []
        for i in range(QUERIES):
            batch.append(pool[i % len(pool)])
            if len(batch) == 1000 or i == QUERIES - 1:
                proc.stdin.write(("\n".join(batch) + "\n").encode())
                batch = []
        proc.stdin.close()

    answered = {"lines": 0, "errors": 0}

    def drain():
        for line in proc.stdout:
            answered["lines"] += 1
            if b'"error":' in line[:1000]:
                answered["errors"] += 1

    threads = [threading.Thread(target=feed), threading.Thread(target=drain)]
    for t in threads:
        t.start()
    samples = []  # (answers so far, resident kB)
    start = time.monotonic()
    while proc.poll() is None:
        kb = rss_kb(proc.pid)
        if kb is None:
            break
        samples.append((answered["lines"], kb))
        time.sleep(0.25)
    for t in threads:
        t.join()
    proc.wait()  # the loop may stop at the zombie, before poll() has reaped it
    err = proc.stderr.read().decode()
    seconds = time.monotonic() - start
    nslib.check(proc.returncode == 0 and not err,
                f"{QUERIES} queries answered in {seconds:.0f} s, exit {proc.returncode} {err[:300]}")
    nslib.check(answered["lines"] == QUERIES and answered["errors"] > 0,
                f"one line a query ({answered['lines']} lines, {answered['errors']} of them "
                f"errors for the malformed ranges)")
    if nslib.SANITIZED:
        print("not judged under the sanitizers: resident size (ASan's quarantine keeps freed "
              "memory)")
    else:
        warm = [kb for n, kb in samples if QUERIES * 0.1 <= n <= QUERIES * 0.2]
        late = [kb for n, kb in samples if n >= QUERIES * 0.5]
        nslib.check(len(warm) >= 2 and len(late) >= 2,
                    f"{len(samples)} samples of the resident size, {len(warm)} after the "
                    f"warm-up, {len(late)} in the second half")
        first = [kb for _, kb in samples[:3]]
        print(f"resident size: {first[0]} kB at the start, {max(warm)} kB after 10-20% of the "
              f"queries, at most {max(late)} kB in the second half, {samples[-1][1]} kB at the "
              "end")
        nslib.check(max(late) <= max(warm) + SLACK_KB,
                    f"no growth: the second half's peak {max(late)} kB is within {SLACK_KB} kB "
                    f"of the warm-up's {max(warm)} kB")
