#!/usr/bin/env python3
"""title: and excerpt: find exactly the articles holding the word in that
field. On 300 generated articles of made-up words (some excerpts past
1,000 words, one title past 1,000 words, which moves the excerpt's start),
every word of the vocabulary is searched as title:w and excerpt:w, each
two-letter start as excerpt:st*, and pairs as excerpt:"a b" (the phrase in
the text, each word in the excerpt), and each answer is compared with the
articles' text. The excerpt has no terms of its own: its words are the
free-text words after its mark (common/schema.h), so this pins that the
mark bounds them on both sides."""
import os
import random
import subprocess

import nslib

rng = random.Random(11)
VOCAB = ["%s%s" % (a, b) for a in ("ka", "lo", "mi", "ne", "su", "to") for b in ("ba", "ri", "zu", "ve")]
ARTICLES = 300


def words(n):
    return [rng.choice(VOCAB) for _ in range(n)]


def write_articles(dest):
    articles = []
    for i in range(ARTICLES):
        title = words(rng.randint(1, 4) if i else 1100)
        excerpt = words(rng.choice([0, 3, 8, 20, 1200]))
        articles.append((f"https://example.com/{i}", title, excerpt))
        with open(os.path.join(dest, f"{i:03d}.md"), "w", encoding="utf-8") as f:
            f.write(f'---\ntitle: "{" ".join(title)}"\nwebUrl: "https://example.com/{i}"\n'
                    f'excerpt: "{" ".join(excerpt)}"\n---\n')
    return articles


def found(db, query):
    proc = subprocess.run([nslib.NS_SEARCH, "--db", db, "-f", "urls", "-n", str(ARTICLES),
                           "--no-collapse", "--all-words", "--exact-total", "--", query],
                          capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        nslib.fail(f"ns-search {query}: exit {proc.returncode}: {proc.stderr[-300:]}")
    return set(proc.stdout.split())


def phrase_in(seq, a, b):
    return any(seq[k] == a and seq[k + 1] == b for k in range(len(seq) - 1))


with nslib.temp_dir() as tmp:
    news = os.path.join(tmp, "news")
    os.mkdir(news)
    articles = write_articles(news)
    db = os.path.join(tmp, "db")
    nslib.index(db, "-q", news)

    checks = []  # (query, expected URLs)
    for w in VOCAB:
        checks.append((f"title:{w}", {u for u, t, e in articles if w in t}))
        checks.append((f"excerpt:{w}", {u for u, t, e in articles if w in e}))
    for start in sorted({w[:2] for w in VOCAB}):
        checks.append((f"excerpt:{start}*",
                       {u for u, t, e in articles if any(x.startswith(start) for x in e)}))
    for a, b in [(rng.choice(VOCAB), rng.choice(VOCAB)) for _ in range(12)]:
        checks.append((f'excerpt:"{a} {b}"',
                       {u for u, t, e in articles
                        if a in e and b in e and (phrase_in(t, a, b) or phrase_in(e, a, b))}))
    answers = [(q, want, found(db, q)) for q, want in checks]
    wrong = [(q, len(want), len(got)) for q, want, got in answers if got != want]
    nslib.check(not wrong, f"{len(checks)} field queries find exactly the articles holding their "
                           f"words in that field (wrong: {wrong[:5]})")
    title_only = {u for u, t, e in articles if VOCAB[0] in t and VOCAB[0] not in e}
    nslib.check(title_only and not (title_only & found(db, f"excerpt:{VOCAB[0]}")),
                f"a word only in the title is not in the excerpt ({len(title_only)} articles)")
