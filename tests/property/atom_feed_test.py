#!/usr/bin/env python3
"""Property: --format atom is a valid Atom 1.0 feed. Index data/ and a few
articles whose titles and excerpts hold what XML may not (C0 and C1
controls, U+FFFE, invalid UTF-8, markup, ]]>), then for 50 queries (English,
Chinese, Japanese and Korean words, filters, --expand, --sort date, a query
with no hits) check each feed against the RELAX NG schema of RFC 4287
(tests/atom/atom.rnc) with jing, and the rules the RFC states in Schematron
or prose that apply: each entry has an author (the feed has none), a
title, an id and an updated date; ids are unique; the entries are the
hits, in order, with the URL as id and link. Also ns-serve's format=atom:
the same entries, Content-Type application/atom+xml, a self link; and its
new_since."""
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET

import nslib

ATOM = "{http://www.w3.org/2005/Atom}"
SCHEMA = os.path.join(nslib.ROOT, "tests", "atom", "atom.rnc")

if not shutil.which("jing"):
    print("SKIP: jing is not installed (make deps installs it)")
    raise SystemExit(nslib.SKIP)

# As YAML double-quoted scalars spell them (a raw control character is not
# YAML): bell, escape, form feed, vertical tab, U+0001, U+0085 (\\N),
# U+0097, U+FFFE, U+FFFF, markup.
BAD_TEXTS = [
    r"Bell \a and escape \e[31m red",
    r"Form feed \f vertical tab \v start \x01",
    r"C1 control \N and \x97 here",
    r"Not characters \uFFFE and \uFFFF",
    r"Markup <b>bold</b> & \"quotes\" ]]> end",
]


def write_bad_articles(folder):
    os.makedirs(folder)
    for n, text in enumerate(BAD_TEXTS):
        body = (f'---\ntitle: "{text} controlfeed{n}"\n'
                f'excerpt: "{text} excerpt"\n'
                f'webUrl: "https://bad.example/{n}?a=1&b=2"\n'
                f'provider:\n  name: "Bad {n} <Provider>"\n  domain: bad.example\n'
                f'publishedDateTime: "2024-01-0{n + 1}T10:00:00Z"\n---\n')
        with open(os.path.join(folder, f"bad-{n}.md"), "w", encoding="utf-8") as f:
            f.write(body)
    # Invalid UTF-8: ns-index skips the file (docs/indexing.md, The input format);
    # should it ever be read, its bytes must not reach the feed.
    with open(os.path.join(folder, "bad-bytes.md"), "wb") as f:
        f.write(b'---\ntitle: "Bytes \xff\xfe here controlfeed9"\nwebUrl: "https://bad.example/9"\n'
                b'---\n')


QUERIES = [
    "SenseTime", "SenseTime IPO", "remdesivir", "coronavirus", "vaccine", "Japan", "PowerApps",
    "AI", "Hugging Face", "Apple", "court", "China", "treatment", "approves", "language",
    "商汤", "人工智能", "上市", "瑞德西韦", "新型冠状病毒", "センスタイム", "レムデシビル", "承認",
    "코로나", "센스타임", "controlfeed0", "controlfeed1", "controlfeed2", "controlfeed3",
    "controlfeed4", "controlfeed9", "bell escape", "markup", "*",
    "nothingmatchesthisxyz", "title:SenseTime", "lang:zh", "lang:ja", "lang:ko", "topic:AI",
    "provider:reuters", "date:2020..", "date:..2019", "quality:60..", "coronavirus -Japan",
    "\"phase 2\"", "SenseTime OR remdesivir", "kind:related", "health", "data",
]
assert len(QUERIES) == 50
EXTRA = [[], ["--sort", "date"], ["--expand"], ["--no-collapse"], ["-n", "3"]]


def jing(*paths):
    proc = subprocess.run(["jing", "-c", SCHEMA, *paths], capture_output=True, text=True)
    return proc.returncode, proc.stdout + proc.stderr


def check_rules(feed_xml, hits, query):
    """The RFC's rules beyond the schema, and the entries against the hits."""
    root = ET.fromstring(feed_xml)
    entries = root.findall(ATOM + "entry")
    problems = []
    if root.find(ATOM + "author") is None:
        problems += [f"entry {i} has no author" for i, e in enumerate(entries)
                     if e.find(ATOM + "author") is None]
    ids = [e.findtext(ATOM + "id") for e in entries]
    if len(ids) != len(set(ids)):
        problems.append("entry ids repeat")
    urls = [h["url"] for h in hits]
    urls = [u for i, u in enumerate(urls) if not u or u not in urls[:i]]  # one entry a URL
    if ids != [u if u else ids[i] for i, u in enumerate(urls)]:
        problems.append(f"entries {ids[:3]} are not the hits {urls[:3]}")
    for e in entries:
        link = e.find(ATOM + "link")
        if link is not None and link.get("href") != e.findtext(ATOM + "id"):
            problems.append("a link is not its entry's id")
        if not e.findtext(ATOM + "title"):
            problems.append("an entry without a title")
    if not root.findtext(ATOM + "updated"):
        problems.append("no feed updated")
    return problems


with nslib.temp_dir() as tmp:
    tree = os.path.join(tmp, "tree")
    shutil.copytree(nslib.DATA, os.path.join(tree, "data"))
    write_bad_articles(os.path.join(tree, "bad"))
    db = os.path.join(tmp, "db")
    nslib.index(db, tree)
    feeds = []  # (query, extra, path, atom bytes, hits)
    for n, query in enumerate(QUERIES):
        extra = EXTRA[n % len(EXTRA)]
        base = [nslib.NS_SEARCH, "--db", db, *extra, "--", query]
        atom = subprocess.run(base[:3] + ["--format", "atom"] + base[3:], capture_output=True)
        js = subprocess.run(base[:3] + ["--format", "json"] + base[3:], capture_output=True,
                            text=True)
        nslib.check(atom.returncode == js.returncode and atom.returncode in (0, 1),
                    f"{query!r} {extra}: exit {atom.returncode}, as json")
        path = os.path.join(tmp, f"feed-{n}.xml")
        with open(path, "wb") as f:
            f.write(atom.stdout)
        hits = json.loads(js.stdout)["hits"]
        if "--expand" in extra:
            hits = [x for h in hits for x in [h] + h.get("folded", [])]
        feeds.append((query, extra, path, atom.stdout, hits))
    # One jing for all of them: a Java virtual machine starts once.
    status, report = jing(*[f[2] for f in feeds])
    print(report.strip())
    nslib.check(status == 0, f"{len(feeds)} feeds valid against RFC 4287's RELAX NG schema "
                             f"({sum(bool(f[4]) for f in feeds)} with entries)")
    for query, extra, _, atom, hits in feeds:
        problems = check_rules(atom, hits, query)
        nslib.check(not problems, f"{query!r} {extra}: {len(hits)} entries, as the hits "
                                  f"({problems})")

    # Titles with controls: the text survives, the controls become U+FFFD.
    out = subprocess.run([nslib.NS_SEARCH, "--db", db, "--format", "atom", "controlfeed0"],
                         capture_output=True).stdout.decode()
    title = ET.fromstring(out).find(ATOM + "entry").findtext(ATOM + "title")
    nslib.check(title.startswith("Bell ") and "red controlfeed0" in title and
                not any(ord(c) < 0x20 for c in title),
                f"a bell and an escape in a title leave the rest of it ({title!r})")

    with nslib.Server(db) as server:
        status, headers, body = server.get("/api/v1/search?q=SenseTime&format=atom&sort=date")
        cli = subprocess.run([nslib.NS_SEARCH, "--db", db, "--format", "atom", "--sort", "date",
                              "SenseTime"], capture_output=True).stdout
        kind = headers.get("Content-Type", "")
        nslib.check(status == 200 and kind.startswith("application/atom+xml"),
                    f"ns-serve format=atom: {status} {kind}")
        served = ET.fromstring(body)
        self_link = [l.get("href") for l in served.findall(ATOM + "link") if l.get("rel") == "self"]
        nslib.check(self_link and self_link[0].endswith("/api/v1/search?q=SenseTime&format=atom"
                                                        "&sort=date"),
                    f"its self link is the request's URL ({self_link})")
        strip = lambda xml: [ET.tostring(e) for e in ET.fromstring(xml).findall(ATOM + "entry")]
        nslib.check(strip(body) == strip(cli), "its entries are ns-search's")
        path = os.path.join(tmp, "served.xml")
        with open(path, "wb") as f:
            f.write(body)
        nslib.check(jing(path)[0] == 0, "the served feed is valid")
        status, _, body = server.get("/api/v1/search?q=SenseTime&new_since=@0")
        nslib.check(status == 200 and json.loads(body)["total"] > 0, "new_since=@0: every hit")
        status, _, body = server.get("/api/v1/search?q=SenseTime&new_since=@1&format=atom")
        nslib.check(status == 200 and ET.fromstring(body).find(ATOM + "entry") is None,
                    "new_since=@1 (the revision of the one commit): an empty feed")
        status, _, body = server.get("/api/v1/search?q=SenseTime&format=tsv")
        nslib.check(status == 400 and b"format: expected json or atom" in body,
                    f"format=tsv is refused: {status} {body[:80]}")
