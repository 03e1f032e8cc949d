#!/usr/bin/env python3
"""Issue 27, point 9: one range of dates (years 1000 to 9999, UTC) and
qualities (0 to 1,000,000) for facets, filters and sorts. Random articles
with dates and offsets at the edges of the range and qualities over all of
it (NS_SEED): each year's facet count equals what date:YYYY finds, each
quality band's what quality:LO..HI finds, and --sort date and quality
order every hit by its value. Values just outside (9999-12-31T23:00-14:00
is year 10000 in UTC; quality -1, 1,000,001, 2147483647) are refused,
naming the field and line."""
import json
import os
import random
import subprocess

import nslib


def search(db, *args):
    proc = subprocess.run([nslib.NS_SEARCH, "--db", db, "-f", "json", "--no-collapse",
                           "--exact-total", *args], capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        nslib.fail(f"ns-search {args}: {proc.stderr}")
    return json.loads(proc.stdout)


def date_text(rng):
    year = rng.choice([1000, 1001, 1969, 1970, 2024, 9998, 9999, rng.randrange(1000, 10000)])
    offset = rng.choice(["Z", "+14:00", "-14:00", "+05:30", "-00:30"])
    # Within the range in UTC whatever the offset: the edges take the
    # offset that keeps them inside.
    if year == 1000:
        offset = rng.choice(["Z", "-14:00"])
    if year == 9999:
        offset = rng.choice(["Z", "+14:00"])
    return f"{year:04d}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}T12:00:00{offset}"


def main():
    rng = random.Random(int(os.environ.get("NS_SEED", "9")))
    with nslib.temp_dir() as tmp:
        news = os.path.join(tmp, "news")
        os.makedirs(news)
        for i in range(150):
            quality = rng.choice([0, 19, 20, 999999, 1000000, rng.randrange(0, 1000001),
                                  rng.randrange(0, 200)])
            with open(os.path.join(news, f"a{i:03d}.md"), "w") as f:
                f.write(f"---\ntitle: Article {i} about ranges\npublishedDateTime: "
                        f"\"{date_text(rng)}\"\nquality: {quality}\n---\n")
        bad = {"late.md": ("publishedDateTime: \"9999-12-31T23:00:00-14:00\"", 3,
                           "publishedDateTime: "),
               "early.md": ("publishedDateTime: \"1000-01-01T01:00:00+14:00\"", 3,
                            "publishedDateTime: "),
               "negative.md": ("quality: -1", 3, "quality: -1 is outside"),
               "over.md": ("quality: 1000001", 3, "quality: 1000001 is outside"),
               "int-max.md": ("quality: 2147483647", 3, "quality: 2147483647 is outside")}
        for name, (line, _, _) in bad.items():
            with open(os.path.join(news, name), "w") as f:
                f.write(f"---\ntitle: Out of range {name}\n{line}\n---\n")
        db = os.path.join(tmp, "db")
        proc = nslib.index(db, news)
        for name, (_, line, said) in bad.items():
            nslib.check(f"{news}/{name}:{line}:" in proc.stderr and said in proc.stderr.split(
                f"{news}/{name}:{line}:")[1].split("\n")[0], f"{name}: refused, field and line")
        everything = search(db, "-n", "1000", "--facet", "year,quality", "--facet-limit",
                            "100000", "*")
        nslib.check(everything["total"] == 150, "the 150 in range are all indexed")
        for facet, query in (("year", lambda v: f"date:{v}"),
                             ("quality", lambda v: "quality:" + v.replace("-", ".."))):
            values = everything["facets"][facet]["values"]
            wrong = [(v["value"], v["count"], search(db, "-n", "0", query(v["value"]))["total"])
                     for v in values]
            wrong = [w for w in wrong if w[1] != w[2]]
            nslib.check(not wrong and sum(v["count"] for v in values) == 150,
                        f"{len(values)} {facet} facet values count what their filter finds "
                        f"({wrong[:3]})")
        for order, key in (("date", "date"), ("quality", "quality")):
            hits = search(db, "-n", "1000", "--sort", order, "*")["hits"]
            keys = [h[key] for h in hits]
            nslib.check(keys == sorted(keys, reverse=True),
                        f"--sort {order}: every hit in order of its value")


if __name__ == "__main__":
    main()
