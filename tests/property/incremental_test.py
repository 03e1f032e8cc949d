#!/usr/bin/env python3
"""Property: an incremental run equals a rebuild. Index a copy of a corpus,
then edit 10 files, delete 10 and add 10 (related entries included; two
edited files keep theirs, one taking a related article's URL as its own;
three files whose related entries have no URL, so that the articles are
the file's own: one edited with its entries, one without, one deleted;
near copies of six files under other URLs, "UPDATE 1-" before the title,
linked to them as one event: one retitled away, one given another
excerpt, one deleted, and a new one added), run
ns-index again, and compare the answers to many queries with those of a
fresh --rebuild over the same files (hits, order, scores and totals) and
every document (terms, positions, values, data), when each article first
entered the database aside (a build afresh has no history); a --rebuild in
place of the incremental database must keep that too. A build into an empty
database takes a path of its own (indexer/prepare.h), so a third database
is built in two steps, one folder first, the rest then. NS_SEED picks
another random choice of files (the seed is printed)."""
import json
import os
import random
import re
import shutil
import subprocess

import nslib

seed = int(os.environ.get("NS_SEED", "20261122"))
rng = random.Random(seed)
print(f"seed {seed}")

RELATED_ITEM = re.compile(r"^  - title:.*?(?=^  - title:|^\S|\Z)", re.M | re.S)
TITLE = re.compile(r'^(title: "?)(.*?)("?)$', re.M)
EXCERPT = re.compile(r'^(excerpt: "?)(.*?)("?)$', re.M)
OWN_URL = re.compile(r'^((?:webUrl|originalUrl): "?)([^"\n]*)', re.M)


read, write, article_files = nslib.read_text, nslib.write_text, nslib.article_files


def build_corpus(dest):
    shutil.copytree(nslib.DATA, os.path.join(dest, "data"))
    dirs = nslib.corpus_news_dirs()
    if not dirs:
        print("note: ../shared/corpus is not there; using data/ alone")
        return
    news = [d for d in dirs if "coronavirus" in d][0]
    names = sorted(n for n in os.listdir(news) if n.startswith("2020-05-07"))[:400]
    os.makedirs(os.path.join(dest, "corpus"))
    for n in names:
        shutil.copy(os.path.join(news, n), os.path.join(dest, "corpus", n))


def edit(path, n, related=True, own_url=None):
    """Retitles the file; with related, drops its first related entry and
    retitles the last; with own_url, gives its own article that URL."""
    text = read(path).replace("\r\n", "\n")
    text = TITLE.sub(lambda m: f"{m.group(1)}{m.group(2)} edited{n}{m.group(3)}", text, count=1)
    if own_url:
        text = (OWN_URL.sub(lambda m: m.group(1) + own_url, text) if OWN_URL.search(text)
                else text.replace("\n", f'\nwebUrl: "{own_url}"\n', 1))
    items = list(RELATED_ITEM.finditer(text)) if related else []
    if items:  # drop the first related entry, retitle the last
        last = items[-1]
        retitled = re.sub(r'^(  - title: "?)', rf"\g<1>Retitled{n} ", last.group(0), count=1)
        text = text[:last.start()] + retitled + text[last.end():]
        text = text[:items[0].start()] + text[items[0].end():]
    write(path, text)


def add(dest, source, n, own_url=None):
    text = read(source).replace("\r\n", "\n")
    text = TITLE.sub(lambda m: f"{m.group(1)}Added{n} {m.group(2)}{m.group(3)}", text, count=1)
    url = own_url or f"https://added.example/{n}"
    text = OWN_URL.sub(lambda m: m.group(1) + url, text)
    if not OWN_URL.search(text):
        text = text.replace("\n", f'\nwebUrl: "{url}"\n', 1)
    write(os.path.join(dest, f"added-{n}.md"), text)


def add_unkeyed(dest, sources):
    """Copies of sources whose related entries have no URL: articles of the
    file's own (indexer/related.h)."""
    os.makedirs(dest)
    out = []
    for n, source in enumerate(sources):
        text = re.sub(r"^    \w*Url:.*\n", "", read(source).replace("\r\n", "\n"),
                      flags=re.M)
        text = TITLE.sub(lambda m: f"{m.group(1)}Unkeyed{n} {m.group(2)}{m.group(3)}", text, count=1)
        text = OWN_URL.sub(lambda m: f"{m.group(1)}https://unkeyed.example/{n}", text)
        out.append(os.path.join(dest, f"unkeyed-{n}.md"))
        write(out[-1], text)
    return out


def near_copy(dest, source, n):
    """A wire story's update of source: "UPDATE 1-" before its title, a URL
    of its own, no related entries (that would link it by their URLs)."""
    text = read(source).replace("\r\n", "\n")
    text = TITLE.sub(lambda m: f"{m.group(1)}UPDATE 1-{m.group(2)}{m.group(3)}", text, count=1)
    text = OWN_URL.sub(lambda m: f"{m.group(1)}https://wire.example/{n}", text)
    text = RELATED_ITEM.sub("", text)
    os.makedirs(dest, exist_ok=True)
    path = os.path.join(dest, f"near-{n}.md")
    write(path, text)
    return path


def stories(db):
    """Each article's story (its cluster) by id."""
    proc = subprocess.run([nslib.NS_SEARCH, "--db", db, "-f", "json", "--no-collapse", "-n",
                           "100000", "*"], capture_output=True, text=True, check=True)
    return {h["id"]: h["story"] for h in json.loads(proc.stdout)["hits"]}


def some_related_url(files):
    for path in files:
        m = re.search(r'^    webUrl: "?([^"\n]+)', read(path), re.M)
        if m:
            return m.group(1)
    return None


def queries(files):
    words = set()
    for path in files:
        for line in read(path).splitlines():
            if line.lstrip().startswith(("title:", "- title:")):
                words.update(w.lower() for w in re.findall(r"[A-Za-z]{4,}", line))
                words.update(re.findall(r"[\u4e00-\u9fff\uac00-\ud7af\u30a0-\u30ff]{2}", line))
    words = sorted(words)
    picked = rng.sample(words, min(80, len(words)))
    return picked + ["edited1", "Retitled2", "Added3", "coronavirus", "SenseTime IPO"]


with nslib.temp_dir() as tmp:
    tree = os.path.join(tmp, "tree")
    build_corpus(tree)
    inc_db, full_db = os.path.join(tmp, "inc"), os.path.join(tmp, "full")
    unkeyed = add_unkeyed(os.path.join(tree, "unkeyed"),
                          [f for f in article_files(os.path.join(tree, "data"))
                           if "\nrelated:" in read(f)][:3])
    dated = [f for f in article_files(os.path.join(tree, "corpus")) + article_files(
        os.path.join(tree, "data")) if re.search(r"^publishedDateTime:", read(f), re.M)]
    near_sources = rng.sample(dated, 7)
    near = [near_copy(os.path.join(tree, "events"), f, n) for n, f in enumerate(near_sources[:6])]
    nslib.index(inc_db, tree)
    story = stories(inc_db)
    joined = [n for n, f in enumerate(near) if story[f] == story[near_sources[n]]]
    nslib.check(len(joined) == 6, f"the 6 near copies share their sources' clusters ({joined})")
    owned = nslib.dump(inc_db).count("  term " + b"XO".hex())  # schema's kOwner
    nslib.check(owned == 5, f"the unkeyed files' 5 related entries are their own articles ({owned})")
    files = [f for f in article_files(tree) if f not in unkeyed + near + near_sources]
    with_related = [f for f in files if "\nrelated:" in read(f).replace("\r\n", "\n")]
    changed = rng.sample(with_related, min(5, len(with_related)))
    changed += rng.sample([f for f in files if f not in changed], 10 - len(changed))
    unchanged = [f for f in files if f not in changed]
    for n, path in enumerate(changed):
        # Files 1 and 2 keep their related entries (the indexer then leaves
        # those articles alone); 2 takes as its own the URL of a related
        # article another file lists, which must then go.
        edit(path, n, related=n not in (1, 2),
             own_url=some_related_url(reversed(unchanged)) if n == 2 else None)
    # Event links: one near copy leaves its event, one gets another excerpt
    # (a new sketch, the same band terms), one goes, one more comes.
    write(near[0], TITLE.sub(lambda m: f"{m.group(1)}Nothing alike at all{m.group(3)}",
                             read(near[0]), count=1))
    write(near[1], EXCERPT.sub(lambda m: f"{m.group(1)}Another text altogether{m.group(3)}",
                               read(near[1]), count=1))
    os.remove(near[2])
    near_copy(os.path.join(tree, "events"), near_sources[6], 6)
    edit(unkeyed[0], 10)
    edit(unkeyed[1], 11, related=False)
    os.remove(unkeyed[2])
    rest = [f for f in files if f not in changed]
    deleted = rng.sample(rest, 10)
    for path in deleted:
        os.remove(path)
    rest = [f for f in rest if f not in deleted]
    sources = rng.sample(rest, 10)
    for n, source in enumerate(sources):
        # One added file takes over a related article's URL as its own.
        add(os.path.dirname(source), source, n, some_related_url(rest) if n == 0 else None)
    print(f"{len(files)} files: edited {len(changed)}, deleted {len(deleted)}, added {len(sources)}")
    inc = nslib.index(inc_db, tree)
    full = nslib.index(full_db, tree, extra=("--rebuild",))
    story = stories(inc_db)
    added = os.path.join(tree, "events", "near-6.md")
    nslib.check(story[near[0]] != story[near_sources[0]] and
                story[added] == story[near_sources[6]],
                "a near copy retitled away leaves its source's cluster, one added joins")
    print("incremental:", inc.stderr.strip().splitlines()[-1])
    print("rebuild:    ", full.stderr.strip().splitlines()[-1])
    held, expected = nslib.held_articles(inc.stderr), nslib.independent_count(tree)
    nslib.check(held == nslib.held_articles(full.stderr), "the same number of articles")
    nslib.check(held == expected, f"{held} articles, as counted independently ({expected})")
    two_steps = os.path.join(tmp, "two-steps")
    nslib.index(two_steps, os.path.join(tree, "data"))
    nslib.index(two_steps, tree)
    full_dump = nslib.dump(full_db)
    for name, db in (("incremental", inc_db), ("two steps", two_steps)):
        diff = nslib.first_difference(nslib.dump(db), full_dump)
        nslib.check(diff is None, f"{name}: every document as in the rebuild ({diff})")
    # A rebuild in place starts from the database it replaces: every
    # article keeps when it first entered it (the only part of a document
    # that a build afresh cannot know, left out of the comparisons above).
    in_place = os.path.join(tmp, "in-place")
    shutil.copytree(inc_db, in_place)
    nslib.index(in_place, tree, extra=("--rebuild",))
    diff = nslib.first_difference(nslib.dump(in_place, first_seen=True),
                                  nslib.dump(inc_db, first_seen=True))
    nslib.check(diff is None, f"--rebuild in place keeps first-seen whole ({diff})")
    qs = queries(article_files(tree))
    differ = [q for q in qs if nslib.search_json(inc_db, q) != nslib.search_json(full_db, q)]
    nslib.check(not differ, f"{len(qs)} queries answer alike (differ: {differ[:5]})")
