#!/usr/bin/env python3
"""Property: a database of three shards served by three xapian-tcpsrv
processes answers as one local database holding the same articles. The
corpus is data/, 300 synthetic files (bench/generate.py) and 20 copies of
data/ files that keep their URLs, so that clusters join across files and
articles move between shards as the sharded database is built in two
steps (data/ first, the rest then), and 10 near copies of data/ files
under URLs of their own ("UPDATE 1-" before the title), which event links
join to their sources' clusters: every cluster's articles must sit on one
shard. Three --shard K/3 runs, as three
machines would, must write the same three shards; those are served.
50 queries with facets compare their
JSON output: hits in order with their fields and scores, totals, facet
counts, "+N more", snippets. 20 prefix queries (a word's first letters,
several prefixes, with filters, title:pre*) compare their totals and facet
counts the same way, and their hits with full scores (scores_probe), over
the served shards and over the sharded folder opened locally: the same ids in the same order, scores
within TOLERANCE (near ties may swap) (Xapian expanded OP_WILDCARD in each shard apart: 20%).
Then one server is stopped: ns-search must fail naming that shard (exit
2), and with --allow-partial warn and answer from the others. Every
server started is stopped, whatever happens."""
import difflib
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import time

import nslib

rng = random.Random(20261122)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serving(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def start_server(shard):
    """Starts xapian-tcpsrv on a free port for shard; returns (process, port).
    Each server gets a session of its own: xapian-tcpsrv signals its whole
    process group when stopped."""
    for _ in range(5):
        port = free_port()
        proc = subprocess.Popen(["xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port",
                                 str(port), shard], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, start_new_session=True)
        for _ in range(100):
            if proc.poll() is not None or serving(port):
                break
            time.sleep(0.05)
        if proc.poll() is None and serving(port):
            return proc, port
        proc.kill()
        proc.wait()
    nslib.fail(f"xapian-tcpsrv did not start for {shard}")


def build_corpus(dest):
    shutil.copytree(nslib.DATA, os.path.join(dest, "data"))
    subprocess.run([sys.executable, os.path.join(nslib.ROOT, "bench", "generate.py"), "300",
                    os.path.join(dest, "generated")], check=True, stdout=subprocess.DEVNULL)
    sources = sorted(os.path.join(d, n) for d, _, ns in os.walk(nslib.DATA) for n in ns)
    os.makedirs(os.path.join(dest, "copies"))
    for i in range(20):
        with open(sources[i % len(sources)], encoding="utf-8", newline="") as f:
            text = f.read()
        text = re.sub(r'^title: "?', lambda m: m.group(0) + f"copy{i} ", text, count=1, flags=re.M)
        with open(os.path.join(dest, "copies", f"{i:02d}.md"), "w", encoding="utf-8") as f:
            f.write(text)
    dated = [p for p in sources if re.search(r"^publishedDateTime:", nslib.read_text(p), re.M)]
    os.makedirs(os.path.join(dest, "near"))
    for i, source in enumerate(dated[:10]):
        text = nslib.read_text(source).replace("\r\n", "\n")
        text = re.sub(r'^title: "?', lambda m: m.group(0) + "UPDATE 1-", text, count=1, flags=re.M)
        text = re.sub(r'^((?:webUrl|originalUrl): "?)[^"\n]*', rf"\g<1>https://wire.example/{i}",
                      text, flags=re.M)
        text = re.sub(r"^related:.*?(?=^\S|\Z)", "", text, count=1, flags=re.M | re.S)
        nslib.write_text(os.path.join(dest, "near", f"{i:02d}.md"), text)


def clusters_by_shard(shards):
    """Each collapse key (value 18, schema's kClusterKey) and the shards
    holding articles of it."""
    where = {}
    for k, shard in enumerate(shards):
        for line in nslib.dump(shard).splitlines():
            if line.startswith("  value 18 "):
                where.setdefault(line.split()[2], set()).add(k)
    return where


def queries(tree):
    words = set()
    for d, _, names in os.walk(tree):
        for n in names:
            with open(os.path.join(d, n), encoding="utf-8") as f:
                for line in f:
                    if line.lstrip().startswith(("title:", "- title:")):
                        words.update(w.lower() for w in re.findall(r"[A-Za-z]{4,}", line))
                        words.update(re.findall(r"[\u4e00-\u9fff]{2}", line))
    words = sorted(words)
    picked = rng.sample(words, 37)
    pairs = [" ".join(rng.sample(words, 2)) for _ in range(6)]
    # excerpt:pre* lists its words from the database: over served shards too.
    fields = ["title:copy3", "excerpt:said", "excerpt:coron*", 'excerpt:"hong kong"']
    return picked + pairs + ["SenseTime IPO", "coronavirus", "AI"] + fields, words


def prefix_queries(words):
    """20 prefix queries: a title word's first 3 to 5 letters alone, two
    and three prefixes, with a word, with filters and exclusions, in the
    title; and short prefixes that expand past kMaxWildcardTerms."""
    latin = [w for w in words if w.isascii()]

    def pre():
        w = rng.choice(latin)
        return w[:rng.randint(3, min(5, len(w)))] + "*"

    alone = [pre() for _ in range(6)]
    several = [f"{pre()} {pre()}", f"{pre()} {pre()} {pre()}", f"{pre()} {rng.choice(latin)}",
               f"{pre()} OR {pre()}"]
    filtered = [f"{pre()} lang:en", f"{pre()} kind:file", f"{pre()} -{rng.choice(latin)}",
                f"{pre()} date:2020.."]
    title = [f"title:{pre()}", f"title:{pre()} {pre()}"]
    return alone + several + filtered + title + ["c*", "s* t*", "coron* vacc*", "mask*"]


def full_scores(db, qs):
    """Each query's hits as [(id, score)], scores in full (scores_probe)."""
    proc = subprocess.run([nslib.SCORES_PROBE, db], input="".join(q + "\n" for q in qs),
                          capture_output=True, text=True)
    nslib.check(proc.returncode == 0, f"scores_probe {db}: {proc.stderr.strip()}")
    hits = []
    for line in proc.stdout.splitlines():
        fields = line.split("\t")[1:]
        hits.append([(f.rsplit(" ", 1)[0], float(f.rsplit(" ", 1)[1])) for f in fields])
    nslib.check(len(hits) == len(qs), f"scores_probe {db}: one line a query")
    return hits


# A prefix matches as one synonym of its words, whose frequency Xapian 1.4
# estimates pair by pair, rounding each pair to whole articles, in an
# order each shard sets by its own frequencies: over shards its weight
# may differ by that rounding (docs/database.md, Shards). Before the words were listed
# from the shards together, scores differed by 20% and more.
TOLERANCE = 5e-3


def relative_difference(a, b):
    """The largest relative difference between two queries' hits' scores,
    id by id; None when the same articles are not listed in the same order,
    but for hits whose scores are within TOLERANCE of each other swapping
    places (also in and out of the list at its end)."""
    sa, sb = dict(a), dict(b)
    worst = 0.0
    for i in sa.keys() & sb.keys():
        worst = max(worst, abs(sa[i] - sb[i]) / max(abs(sa[i]), abs(sb[i])))
    for only, other in ((sa.keys() - sb.keys(), b), (sb.keys() - sa.keys(), a)):
        for i in only:
            score = sa.get(i, sb.get(i))
            if len(other) < 20 or score > other[-1][1] * (1 + TOLERANCE):
                return None
    in_b = [sb[i] for i, _ in a if i in sb]  # a's order, b's scores: descending
    if any(y > x * (1 + TOLERANCE) for x, y in zip(in_b, in_b[1:])):
        return None
    return worst


def compare_full_scores(one, other, qs, what):
    """Checks that qs score alike in other as in one, printing the first
    difference."""
    base, there = full_scores(one, qs), full_scores(other, qs)
    rel = [relative_difference(a, b) for a, b in zip(base, there)]
    differ = [q for q, r in zip(qs, rel) if r is None or r > TOLERANCE]
    if differ:
        k = qs.index(differ[0])
        print(f"{differ[0]!r}: one database, then {what}:")
        for (i, x), (j, y) in list(zip(base[k], there[k]))[:5]:
            print(f"  {x:.12g} {i}\n  {y:.12g} {j}")
    found = sum(len(h) for h in base)
    exact = sum(r == 0.0 for r in rel)
    worst = max((r for r in rel if r is not None), default=0.0)
    print(f"{len(qs)} prefix queries, {found} hits in one database; over {what}: {exact} "
          f"score exactly alike, the largest relative difference {worst:.1e}")
    nslib.check(found > 2 * len(qs), "the prefix queries find articles")
    nslib.check(not differ, f"prefix queries rank alike over {what} as in one database, "
                            f"scores within {TOLERANCE} (differ: {differ[:5]})")


def answer(db, query, extra=()):
    """ns-search's exit status, JSON output (snippets too: no background
    model, whose term statistics moved a passage one word over on served
    shards) without when articles entered the database, and stderr."""
    proc = subprocess.run([nslib.NS_SEARCH, "--db", db, "-f", "json", "--facets", "-n", "20",
                           *extra, "--", query], capture_output=True, text=True)
    out = proc.stdout
    if out:  # the databases compared were built apart: their histories differ
        out = json.dumps(nslib.without_first_seen(json.loads(out)), indent=2, ensure_ascii=False)
    return proc.returncode, out, proc.stderr


def counted(db, query):
    """ns-search's exit status and JSON output but for its hits."""
    status, out, _ = answer(db, query)
    found = json.loads(out) if out else {}
    found.pop("hits", None)
    return status, found


servers = []
try:
    with nslib.temp_dir() as tmp:
        tree = os.path.join(tmp, "tree")
        build_corpus(tree)
        one, three = os.path.join(tmp, "one"), os.path.join(tmp, "three")
        nslib.index(one, tree)
        nslib.index(three, os.path.join(tree, "data"), extra=("--shards", "3"))
        nslib.index(three, tree)
        shards = [os.path.join(three, f"shard-{k}") for k in (1, 2, 3)]
        counts = [subprocess.run(["xapian-delve", "-1", s], capture_output=True, text=True)
                  .stdout for s in shards]
        sizes = [int(re.search(r"number of documents = (\d+)", c).group(1)) for c in counts]
        print(f"shards hold {sizes} articles")
        nslib.check(all(n > 0 for n in sizes), "every shard holds articles")
        split = [key for key, held in clusters_by_shard(shards).items() if len(held) > 1]
        nslib.check(not split, f"every cluster on one shard ({len(split)} split)")
        proc = subprocess.run([nslib.NS_SEARCH, "--db", one, "-f", "json", "--no-collapse", "-n",
                               "100000", "*"], capture_output=True, text=True, check=True)
        hits = json.loads(proc.stdout)["hits"]
        near = [h for h in hits if h["title"].startswith("UPDATE 1-")]
        sources = [h for h in hits
                   if any(n["title"] == "UPDATE 1-" + h["title"] for n in near)]
        joined = [n for n in near if any(n["story"] == h["story"] and n["title"] == "UPDATE 1-" +
                                         h["title"] for h in sources)]
        nslib.check(len(near) == 10 and len(joined) == 10,
                    f"the 10 near copies share their sources' clusters ({len(joined)} of {len(near)})")
        # As three machines would: each reads the whole tree, writes its shard.
        machines = [os.path.join(tmp, f"machine-{k}") for k in (1, 2, 3)]
        for k, machine in enumerate(machines, 1):
            nslib.index(machine, tree, extra=("--shard", f"{k}/3"))
        same = [nslib.dump(m) == nslib.dump(s) for m, s in zip(machines, shards)]
        nslib.check(all(same), f"--shard K/3 writes what --shards 3 puts in shard-K: every "
                               f"document, term, position, value and data ({same})")

        for machine in machines:
            servers.append(start_server(machine))
        stub = os.path.join(tmp, "cluster.stub")
        with open(stub, "w") as f:
            f.write("# three shards on this machine\n")
            f.writelines(f"remote 127.0.0.1:{port}\n" for _, port in servers)
        qs, words = queries(tree)
        nslib.check(len(qs) == 50, "50 queries")
        prefixes = prefix_queries(words)
        print(f"prefix queries: {prefixes}")
        compare_full_scores(one, stub, prefixes, "the served shards")
        compare_full_scores(one, three, prefixes, "the sharded folder")
        counts = [q for q in prefixes for db in (stub, three) if counted(one, q) != counted(db, q)]
        nslib.check(not counts, f"prefix queries: the same totals and facet counts over the "
                                f"shards as in one database ({counts[:5]})")
        if nslib.SANITIZED:
            qs = qs[::3]  # each a process under ASan, twice: a third of them
            print(f"under the sanitizers: {len(qs)} of them")
        differ, hits = [], 0
        for q in qs:
            local, remote = answer(one, q), answer(stub, q)
            if local != remote:
                differ.append(q)
                if len(differ) == 1:
                    diff = difflib.unified_diff(local[1].splitlines(), remote[1].splitlines(), lineterm="")
                    print(f"{q!r}: local {local[0]}, served {remote[0]} {remote[2]}")
                    print("\n".join(list(diff)[:30]))
            if local[0] == 0:
                hits += len(json.loads(local[1])["hits"])
        print(f"{hits} hits in all")
        nslib.check(hits > 4 * len(qs), "the queries find articles")
        nslib.check(not differ, f"{len(qs)} queries answer alike over the served shards as in "
                                f"one database (differ: {differ[:5]})")
        local_dir = [q for q in qs[:10] if answer(one, q) != answer(three, q)]
        nslib.check(not local_dir, f"and over the sharded folder opened locally ({local_dir})")

        down, port = servers[1]
        down.send_signal(signal.SIGTERM)
        down.wait(timeout=10)
        status, out, err = answer(stub, "AI")
        print(err.strip())
        nslib.check(status == 2 and out == "", "a shard down: exit 2, nothing on stdout")
        nslib.check(f'shard "remote 127.0.0.1:{port}"' in err and "--allow-partial" in err,
                    "the error names the shard and the way out")
        status, out, err = answer(stub, "AI", ("--allow-partial",))
        print(err.strip())
        nslib.check(status in (0, 1) and f"127.0.0.1:{port}" in err and "partial" in err,
                    "--allow-partial: a warning naming the shard, and an answer")
        partial = json.loads(out)["total"]
        whole = json.loads(answer(one, "AI")[1])["total"]
        nslib.check(partial <= whole, f"from the shards left: {partial} of {whole}")
finally:
    for proc, _ in servers:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    print(f"stopped {len(servers)} servers")
