#!/usr/bin/env python3
"""Pages partition one ranked list. For hundreds of queries (with and
without articles holding every word, with the some-words fill or not,
collapsed or not, sorted each way), pages of 1, 3 and 10 laid end to end
are the list one long page gives, total is the same on every page while it
is exact, and the page past the end is empty. Over 600 generated articles
(stories of several files, related entries, shared titles), then over
../shared/corpus when it is there (said plainly when it is not). Each page
size and offset is one --batch run over all the queries."""
import json
import os
import random
import subprocess

import nslib

SEED = int(os.environ.get("NS_SEED", "23"))
LONG = 9  # the long page; shorter pages cover it and one past it
WORDS = ("harbour vaccine market rally court ruling storm drought chip export "
         "pfizer trial moderna crane strike dredging").split()
OPTION_SETS = [[], ["--some-words"], ["--some-words", "--no-collapse"], ["--sort", "date"],
               ["--sort", "quality", "--no-collapse"], ["--some-words", "--recent",
                                                        "--as-of", "2020-06-01"]]


def article(rng, i):
    def title():
        return " ".join(rng.sample(WORDS, rng.randint(2, 4)))
    lines = ["---", f"title: {nslib.yaml_quote(title() if i % 9 else 'harbour market rally')}",
             f"excerpt: {nslib.yaml_quote(' '.join(rng.sample(WORDS, 5)))}",
             f"publishedDateTime: 2020-05-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00Z",
             f"webUrl: https://example.com/{i if i % 13 else i - 1}"]
    if rng.random() < 0.9:
        lines.append(f"quality: {rng.choice([10, 40, 65, 65, 90, 120])}")
    if i % 4 == 0:
        lines.append("related:")
        for k in range(rng.randint(1, 3)):
            lines += [f"  - title: {nslib.yaml_quote(title())}",
                      f"    webUrl: https://example.com/related/{i}/{k}"]
    lines.append("---")
    return "\n".join(lines) + "\n"


def batch(db, queries, *args):
    proc = subprocess.run([nslib.NS_SEARCH, "--db", db, "--batch", *args],
                          input="\n".join(queries) + "\n", capture_output=True, text=True)
    lines = proc.stdout.splitlines()
    if proc.returncode == 2 or len(lines) != len(queries):
        nslib.fail(f"--batch {' '.join(args)}: {len(lines)} answers to {len(queries)}: "
                   f"{proc.stderr[-300:]}")
    return [json.loads(line) for line in lines]


def check_pages(db, queries, label):
    wrong = []
    for options in OPTION_SETS:
        long = batch(db, queries, "-n", str(LONG), *options)
        for size in (1, 3, 10):
            pages = [batch(db, queries, "-n", str(size), "--offset", str(offset), *options)
                     for offset in range(0, LONG + size, size)]
            for i, query in enumerate(queries):
                expected = [h["id"] for h in long[i]["hits"]]
                got = [h["id"] for page in pages for h in page[i]["hits"]][:LONG]
                ranks = [h["rank"] for page in pages for h in page[i]["hits"]][:LONG]
                totals = {page[i]["total"] for page in pages if page[i]["total_exact"]}
                if long[i]["total_exact"]:
                    totals.add(long[i]["total"])
                past = [page[i]["hits"] for page in pages
                        if page[i]["offset"] >= len(expected) and len(expected) < LONG]
                if (got != expected or ranks != list(range(1, len(got) + 1)) or len(totals) > 1
                        or any(past)):
                    wrong.append((" ".join(options), size, query, len(expected), len(got),
                                  sorted(totals)))
    nslib.check(not wrong, f"{label}: {len(queries)} queries x {len(OPTION_SETS)} option sets: "
                           f"pages of 1, 3 and 10 are the long list, one total, nothing past "
                           f"the end (wrong: {len(wrong)}, e.g. {wrong[:3]})")


def queries_from(db, rng, count):
    everything = subprocess.run([nslib.NS_SEARCH, "--db", db, "-f", "tsv", "--fields", "title",
                                 "--no-collapse", "-n", "100000", "*"],
                                capture_output=True, text=True, check=True).stdout
    titles = [[w for w in t.split() if w.isalpha()] for t in everything.splitlines()]
    titles = [t for t in titles if len(t) >= 2]
    words = [w for t in titles for w in t]
    out = []
    while len(out) < count:
        kind = len(out) % 3
        if kind == 0:  # a title's words: articles with every word
            out.append(" ".join(rng.choice(titles)[:rng.randint(2, 4)]))
        elif kind == 1:  # random words: often none with all of them
            out.append(" ".join(rng.choice(words) for _ in range(rng.randint(2, 3))))
        else:  # a word no article has: only the some-words fill
            out.append(f"{rng.choice(words)} zzqx{len(out)}")
    return out


rng = random.Random(SEED)
with nslib.temp_dir() as tmp:
    db = nslib.index_generated(tmp, 600, lambda i: article(rng, i))
    check_pages(db, queries_from(db, rng, 200), "generated articles")

    # A page past the end prints nothing and exits 1, as grep.
    proc = subprocess.run([nslib.NS_SEARCH, "--db", db, "-f", "urls", "--offset", "100000",
                           "harbour"], capture_output=True, text=True)
    nslib.check(proc.stdout == "" and proc.returncode == 1,
                f"a page past the end: nothing, exit 1 (exit {proc.returncode})")

    corpus_db = nslib.index_corpus_or_say(tmp)
    if corpus_db:
        check_pages(corpus_db, ["Pfizr vaccine", "Pfizer vaccine"] +
                    # under the sanitizers (160 s of 300 with 40, on an idle machine)
                    queries_from(corpus_db, rng, 15 if nslib.SANITIZED else 40),
                    "../shared/corpus")
