#!/usr/bin/env python3
"""Matches that may stop early: without --exact-total a query with over
1,000 hits may stop counting there. On 2,400 generated articles (1,200
stories of two copies) every query shape runs, totals under 1,000 stay
exact (the upper bound Xapian gives then can still be twice as high),
larger ones are a lower bound marked total_exact false, and --exact-total
and --count count every story. Regression for the crash that kept every
match exhaustive: Xapian 1.4.22's matcher segfaults on OP_MAX with the
quality prior and collapsing once it may stop early (data/: "remdesivir"
-n 2 stopping after 2); queries now sum a word's ways, which the unit
tables of query_parser_test pin."""
import json
import os
import subprocess

import nslib

STORIES = 1200  # each written twice: same title, so they collapse into one hit
FIRE_EVERY = 5  # every fifth story also has "fire": 240 of them


def write_articles(dest):
    for story in range(STORIES):
        fire = "fire " if story % FIRE_EVERY == 0 else ""
        for copy in range(2):
            text = (f'---\ntitle: "Harbour story {story} {fire}report"\n'
                    f'webUrl: "https://example.com/{story}/{copy}"\n'
                    f"quality: {story % 100}\n"
                    f'publishedAt: "2024-{1 + story % 12:02d}-{1 + story % 28:02d}T08:00:00Z"\n'
                    f'excerpt: "The harbours were busy; harbour {fire}crews worked late."\n---\n')
            with open(os.path.join(dest, f"{story:04d}-{copy}.md"), "w", encoding="utf-8") as f:
                f.write(text)


def run(db, *args):
    proc = subprocess.run([nslib.NS_SEARCH, "--db", db, *args], capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        nslib.fail(f"ns-search {' '.join(args)} exited {proc.returncode}: {proc.stderr[-300:]}")
    return proc.stdout


def result(db, *args):
    return json.loads(run(db, "-f", "json", *args))


with nslib.temp_dir() as tmp:
    news = os.path.join(tmp, "news")
    os.mkdir(news)
    write_articles(news)
    db = os.path.join(tmp, "db")
    nslib.index(db, "-q", news)

    shapes = [["-n", "2"], [], ["--offset", "7"], ["--recent", "--as-of", "2024-12-31"],
              ["--sort", "date"], ["--sort", "quality"], ["--no-collapse"], ["--all-words"],
              ["--some-words"], ["--some-words", "--offset", "7"]]
    queries = ["harbour", "harbours story", "harbour -fire", "harbour OR crews",
               "\"harbour story\"", "harbour quality:20..", "harbour zzzunknown", "harb*"]
    for query in queries:
        for shape in shapes:
            run(db, *shape, "--", query)
    nslib.check(True, f"{len(queries) * len(shapes)} query shapes over 2,400 articles ran")

    # Xapian stops once 1,000 matches were kept; a story's second copy kept
    # in place of its first counts once, so at least 1,000 / 2 stories.
    r = result(db, "harbour")
    nslib.check(not r["total_exact"] and 500 <= r["total"] <= STORIES and len(r["hits"]) == 10,
                f"over 1,000 stories: a lower bound marked total_exact false ({r['total']})")
    # Regression: '*' without collapsing has equal bounds, the exact count,
    # which was reported with total_exact false.
    r = result(db, "-n", "0", "--no-collapse", "*")
    nslib.check(r["total_exact"] and r["total"] == 2 * STORIES,
                f"-n 0 '*': equal bounds are the exact count ({r['total']}, "
                f"exact {r['total_exact']})")
    r = result(db, "--exact-total", "harbour")
    nslib.check(r["total_exact"] and r["total"] == STORIES,
                f"--exact-total counts every story: {r['total']}")
    count = run(db, "--count", "harbour").strip()
    nslib.check(count == str(STORIES), f"--count counts every story: {count}")
    r = result(db, "--exact-total", "--no-collapse", "harbour")
    nslib.check(r["total"] == 2 * STORIES, f"--no-collapse: every article: {r['total']}")
    r = result(db, "harbour", "fire")
    nslib.check(r["total_exact"] and r["total"] == STORIES // FIRE_EVERY,
                f"under 1,000: exact without --exact-total: {r['total']}")
    r = result(db, "--offset", "1195", "harbour")
    ranks = [h["rank"] for h in r["hits"]]
    nslib.check(ranks == list(range(1196, 1201)) and r["total"] == STORIES,
                f"the last page: ranks {ranks[0]}..{ranks[-1]}, total {r['total']}")
    r = result(db, "--some-words", "fire zzzunknown")
    nslib.check(r["total"] == 0 and 10 <= r["total_some"] <= STORIES // FIRE_EVERY and
                len(r["hits"]) == 10 and not r["hits"][0]["all_words"],
                f"some words, a full page: {r['total_some']} stories with fire at least")
    r = result(db, "--some-words", "-n", "1000", "fire zzzunknown")
    nslib.check(r["total_some"] == STORIES // FIRE_EVERY == len(r["hits"]),
                f"some words, a page not filled: all {r['total_some']} stories with fire")
