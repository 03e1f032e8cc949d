#!/usr/bin/env python3
"""Writes N synthetic news articles in the corpus format, the same for the
same N and seed: about 3 KB a file (title, excerpt, provider, topics, tags,
quality, date and 3 related entries), words drawn from a Zipfian vocabulary
of made-up English-like words, and about 10% of the articles in Chinese
(two-character words drawn the same way).

  bench/generate.py N DEST [--seed S]

Also writes DEST.vocab.json (the vocabularies, for query generation) and
DEST.records.jsonl (url, title and excerpt of every article, a file's own
and its related ones, for the other engines)."""
import argparse
import bisect
import itertools
import json
import os
import random

SYLLABLES = [c + v for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]
PROVIDERS = [("Daily %s" % s.title(), "daily%s.example" % s) for s in
             ["post", "star", "herald", "times", "news", "wire", "record", "globe", "sun", "mail"]]
PROVIDERS += [("新华%s" % s, "xinhua%d.example.cn" % i) for i, s in enumerate("报网社")]


class Zipf:
    """Draws items with probability proportional to 1 / rank ** s."""

    def __init__(self, items, s, rng):
        self.items, self.rng = items, rng
        self.cumulative = list(itertools.accumulate(1.0 / (r + 1) ** s for r in range(len(items))))

    def draw(self):
        x = self.rng.random() * self.cumulative[-1]
        return self.items[bisect.bisect(self.cumulative, x)]

    def words(self, n, sep=" "):
        return sep.join(self.draw() for _ in range(n))


def english_vocabulary(rng, size):
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.choice((1, 2, 2, 3, 3, 4)))))
    return sorted(words, key=lambda w: (len(w), w))


def chinese_vocabulary(rng, size):
    words = set()
    while len(words) < size:
        words.add(chr(rng.randint(0x4E00, 0x7FFF)) + chr(rng.randint(0x4E00, 0x7FFF)))
    return sorted(words)


def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("dest")
    parser.add_argument("--seed", type=int, default=20261122)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    english = english_vocabulary(rng, 50000)
    chinese = chinese_vocabulary(rng, 20000)
    en, zh = Zipf(english, 1.07, rng), Zipf(chinese, 1.07, rng)
    topics = ["Topic %s" % w.title() for w in english[100:160]]
    tags = ["tag-%s" % w for w in english[200:400]]

    def text(chinese_text, words):
        return zh.words(words, "") if chinese_text else en.words(words).capitalize()

    def entry(i, chinese_text, indent):
        provider = rng.choice(PROVIDERS)
        day = "2021-%02d-%02dT%02d:%02d:00Z" % (rng.randint(1, 12), rng.randint(1, 28),
                                                 rng.randint(0, 23), rng.randint(0, 59))
        lines = [
            "title: " + quote(text(chinese_text, rng.randint(6, 12))),
            "excerpt: " + quote(text(chinese_text, rng.randint(70, 120) if not chinese_text else
                                     rng.randint(80, 130))),
            "publishedDateTime: " + day,
            'webUrl: "https://%s/a/%d"' % (provider[1], i),
            "type: article",
            "quality: %d" % rng.randint(0, 200),
            "provider:",
            "  name: " + provider[0],
            "  domain: " + provider[1],
        ]
        return [indent + line for line in lines]

    os.makedirs(args.dest, exist_ok=True)
    records = open(args.dest.rstrip("/") + ".records.jsonl", "w", encoding="utf-8")

    def record(lines):
        fields = dict(line.strip().lstrip("- ").split(": ", 1) for line in lines[:4])
        records.write(json.dumps({"url": fields["webUrl"].strip('"'),
                                  "title": json.loads(fields["title"]),
                                  "excerpt": json.loads(fields["excerpt"])},
                                 ensure_ascii=False) + "\n")

    for i in range(args.n):
        chinese_text = rng.random() < 0.1
        own = entry(i, chinese_text, "")
        record(own)
        lines = ["---", "category: news"] + own
        lines += ["topics:"] + ["  - " + t for t in rng.sample(topics, rng.randint(1, 3))]
        lines += ["tags:"] + ["  - " + t for t in rng.sample(tags, rng.randint(0, 3))] \
            if rng.random() < 0.5 else []
        lines.append("related:")
        for k in range(3):
            related = entry(args.n + 3 * i + k, chinese_text, "    ")
            record(related)
            lines.append("  - " + related[0].strip())
            lines += related[1:]
        lines.append("---")
        folder = os.path.join(args.dest, "%03d" % (i // 1000))
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "%06d.md" % i), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    records.close()
    with open(args.dest.rstrip("/") + ".vocab.json", "w", encoding="utf-8") as f:
        json.dump({"english": english[:5000], "chinese": chinese[:2000]}, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
