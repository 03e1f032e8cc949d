#!/usr/bin/env python3
"""Property: what is new is exactly what entered the database. Index a copy
of data/ (and, when the shared corpus is there, 300 of its files), then in
four batches edit, delete and add random files (related entries included:
one batch moves a related URL from one file to another), running ns-index
after each. After each batch:

- `--new-since @R`, R the revision before the batch, lists exactly the
  articles whose ids were not in the database before it (not the edited
  ones, not those re-indexed unchanged, not a related URL that moved);
- every article still there keeps its first-seen time and revision;
- `--since-last NAME` lists each new article exactly once over the
  batches, and two runs of another NAME started at once split the new
  articles between them, none listed twice, none lost.

Then: a run that fails (missing database, bad query, stdout a full disk)
does not move the mark, a --rebuild in place keeps every first-seen and
makes nothing new, and `--new-since` by date selects by first-seen time.
NS_SEED picks another random choice (the seed is printed)."""
import json
import os
import random
import re
import shutil
import subprocess

import nslib

seed = int(os.environ.get("NS_SEED", "20261203"))
rng = random.Random(seed)
print(f"seed {seed}")

TITLE = re.compile(r'^(title: "?)(.*?)("?)$', re.M)
OWN_URL = re.compile(r'^((?:webUrl|originalUrl): "?)([^"\n]*)', re.M)
RELATED_URL = re.compile(r'^(    webUrl: "?)([^"\n]+)', re.M)


write, article_files = nslib.write_text, nslib.article_files


def read(path):
    return nslib.read_text(path).replace("\r\n", "\n")


def build_tree(dest):
    shutil.copytree(nslib.DATA, os.path.join(dest, "data"))
    dirs = nslib.corpus_news_dirs()
    if not dirs:
        print("note: ../shared/corpus is not there; using data/ alone")
        return
    os.makedirs(os.path.join(dest, "corpus"))
    news = sorted(os.path.join(d, n) for d in dirs for n in os.listdir(d))
    for path in random.Random(seed).sample(news, 300):
        shutil.copy(path, os.path.join(dest, "corpus", os.path.basename(path)))


def search(db, *args, check=True):
    """ns-search --format json --no-collapse over every article: (status, doc)."""
    proc = subprocess.run([nslib.NS_SEARCH, "--db", db, "-f", "json", "--no-collapse", *args],
                          capture_output=True, text=True, env=ENV)
    if check and proc.returncode not in (0, 1):
        nslib.fail(f"ns-search {' '.join(args)} exited {proc.returncode}: {proc.stderr}")
    return proc.returncode, json.loads(proc.stdout) if proc.returncode != 2 else proc.stderr


def everything(db):
    """id -> (first_seen, first_seen_revision) of every article, and the revision."""
    _, doc = search(db, "-n", "100000", "*")
    nslib.check(doc["total"] == len(doc["hits"]), "every article listed")
    return {h["id"]: (h["first_seen"], h["first_seen_revision"]) for h in doc["hits"]}, \
        doc["revision"]


def ids(doc):
    return [h["id"] for h in doc["hits"]]


def since_last(db, name, *extra):
    status, doc = search(db, "--since-last", name, *extra, "*")
    nslib.check(status in (0, 1), f"--since-last {name} runs")
    return ids(doc)


def edit(path, n):
    text = TITLE.sub(lambda m: f"{m.group(1)}{m.group(2)} edited{n}{m.group(3)}", read(path),
                     count=1)
    write(path, text)


def add(dest, source, n):
    """A new file: source's text with a new title, URL and related URLs."""
    text = TITLE.sub(lambda m: f"{m.group(1)}New{n} {m.group(2)}{m.group(3)}", read(source),
                     count=1)
    text = OWN_URL.sub(lambda m: f"{m.group(1)}https://new.example/{n}", text)
    text = RELATED_URL.sub(lambda m: f"{m.group(1)}https://new.example/{n}/{m.group(2)}", text)
    write(os.path.join(dest, f"new-{n}.md"), text)


def move_related_url(files):
    """Moves one related URL from a file to another (their entries swap
    files); True when one was moved."""
    listing = [f for f in files if RELATED_URL.search(read(f))]
    if len(listing) < 2:
        return False
    a, b = rng.sample(listing, 2)
    url = RELATED_URL.search(read(a)).group(2)
    if url in read(b):
        return False
    other = RELATED_URL.search(read(b)).group(2)
    write(a, read(a).replace(url, "https://moved-away.example/" + str(rng.random())))
    write(b, read(b).replace(other, url, 1))
    return True


ENV = dict(os.environ)

with nslib.temp_dir() as tmp:
    ENV["XDG_STATE_HOME"] = os.path.join(tmp, "state")
    tree, db = os.path.join(tmp, "tree"), os.path.join(tmp, "db")
    build_tree(tree)
    nslib.index(db, tree)
    before, revision = everything(db)
    print(f"{len(before)} articles at revision {revision}")
    nslib.check(since_last(db, "daily") == [], "a first --since-last lists nothing new")
    nslib.check(sorted(since_last(db, "all", "--since-last-start", "all")) == sorted(before),
                "a first --since-last with --since-last-start all lists every article")
    state = os.path.join(tmp, "state", "ns", "since-last")
    modes = {p: oct(os.stat(p).st_mode & 0o777) for p in (state, os.path.join(state, "daily"))}
    nslib.check(list(modes.values()) == ["0o700", "0o600"], f"state folder 0700, file 0600 {modes}")
    since_last(db, "twin")  # its mark
    reported, twin_reported = [], []
    added = total_new = 0
    for batch in range(4):
        files = article_files(tree)
        moved = batch == 1 and move_related_url(files)
        for path in rng.sample(files, 5):
            edit(path, batch)
        for path in rng.sample(article_files(tree), 4):
            os.remove(path)
        for source in rng.sample(article_files(tree), 4):
            add(os.path.dirname(source), source, added)
            added += 1
        nslib.index(db, tree)
        after, new_revision = everything(db)
        expected = sorted(set(after) - set(before))
        total_new += len(expected)
        nslib.check(new_revision > revision, f"batch {batch}: revision {revision} -> {new_revision}")
        _, doc = search(db, "-n", "100000", "--new-since", f"@{revision}", "*")
        nslib.check(sorted(ids(doc)) == expected,
                    f"batch {batch}: --new-since @{revision} lists the {len(expected)} new "
                    f"articles exactly{' (a related URL moved)' if moved else ''}")
        kept = [i for i in after if i in before and after[i] != before[i]]
        nslib.check(not kept, f"batch {batch}: the others keep their first-seen ({kept[:3]})")
        got = since_last(db, "daily")
        nslib.check(sorted(got) == expected, f"batch {batch}: --since-last lists them")
        reported += got
        # Two runs of one NAME at once: the lock makes them take turns.
        twins = [subprocess.Popen([nslib.NS_SEARCH, "--db", db, "--no-collapse",
                                   "--since-last", "twin", "--format", "json", "*"],
                                  stdout=subprocess.PIPE, text=True, env=ENV) for _ in range(2)]
        outs = [json.loads(p.communicate()[0]) for p in twins]
        both = [ids(o) for o in outs]
        nslib.check(sorted(both[0] + both[1]) == expected and not set(both[0]) & set(both[1]),
                    f"batch {batch}: two --since-last at once share them out "
                    f"({len(both[0])} + {len(both[1])})")
        twin_reported += both[0] + both[1]
        before, revision = after, new_revision
    nslib.check(len(reported) == len(set(reported)) == total_new,
                f"{len(reported)} new articles reported once each")
    nslib.check(sorted(reported) == sorted(twin_reported), "the twins reported the same ones")

    # Failures leave the mark where it was.
    add(tree, article_files(tree)[0], added)
    nslib.index(db, tree)
    now, _ = everything(db)
    expected = sorted(set(now) - set(before))
    failing = [
        ["--db", os.path.join(tmp, "missing"), "--since-last", "daily", "*"],
        ["--db", db, "--since-last", "daily", "date:2020..2019-13"],
    ]
    for args in failing:
        proc = subprocess.run([nslib.NS_SEARCH, *args], capture_output=True, text=True, env=ENV)
        nslib.check(proc.returncode == 2, f"{args[-1]!r} fails: {proc.stderr.strip()}")
    with open("/dev/full", "w") as full:
        proc = subprocess.run([nslib.NS_SEARCH, "--db", db, "-f", "urls", "--since-last", "daily",
                               "*"], stdout=full, stderr=subprocess.PIPE, text=True, env=ENV)
    nslib.check(proc.returncode == 2, f"stdout on a full disk fails: {proc.stderr.strip()}")
    nslib.check(sorted(since_last(db, "daily")) == expected,
                f"after three failed runs the {len(expected)} new articles are still new")

    # A rebuild in place: the same first-seen everywhere, nothing new.
    nslib.index(db, tree, extra=("--rebuild",))
    rebuilt, _ = everything(db)
    nslib.check(rebuilt == now, "--rebuild keeps every article's first-seen")
    nslib.check(since_last(db, "daily") == [], "after --rebuild nothing is new")

    # By date: first-seen times are whole seconds of the batch that added
    # each article.
    times = sorted({t for t, _ in now.values()})
    latest = times[-1]
    _, doc = search(db, "-n", "100000", "--new-since", latest, "*")
    nslib.check(sorted(ids(doc)) == sorted(i for i, (t, _) in now.items() if t >= latest),
                f"--new-since {latest} lists the articles first seen then or later")
    _, doc = search(db, "-n", "100000", "--new-since", "1y", "*")
    nslib.check(len(doc["hits"]) == len(now), "--new-since 1y lists every article")
    status, doc = search(db, "--new-since", "2999-01-01", "*")
    nslib.check(status == 1 and doc["hits"] == [], "--new-since a future date lists none")
