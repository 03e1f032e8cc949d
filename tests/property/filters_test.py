#!/usr/bin/env python3
"""Filter flags mean what docs/ns-search.md says: the values of one flag are ORed,
different flags ANDed, the same as the query's own field syntax. For random
combinations of two or three flags (dates, quality, topic, provider, site,
lang, type, category), ns-search '*' with the flags lists exactly the
articles an independent filter of the whole '*' --no-collapse --format jsonl
listing keeps, and the same as the query written with fields. Over 400
generated articles (dates near midnight in several offsets, qualities at
the bounds, CJK titles), then over ../shared/corpus when it is there (said
plainly when it is not)."""
import json
import os
import random
import subprocess

import nslib

SEED = int(os.environ.get("NS_SEED", "23"))
PROVIDERS = [("Reuters", "reuters.com"), ("Le Monde", "lemonde.fr"), ("Nikkei", "nikkei.com"),
             ("BBC News", "bbc.co.uk"), ("Caixin", "caixinglobal.com")]
TOPICS = ["AI", "AI Ethics", "Vaccines", "Markets", "Power Apps", "Climate"]
WORDS = "harbour vaccine market rally court ruling storm drought chip export".split()
CJK = ["商汤科技上市", "東京株式市場", "서울 증시 반등", "疫苗试验结果"]


def article(rng, i):
    day = rng.randint(1, 28)
    hour = rng.choice([0, 1, 12, 22, 23])
    offset = rng.choice(["Z", "+09:00", "-05:00", "+00:00"])
    lines = ["---", f"title: {nslib.yaml_quote(rng.choice(CJK) if i % 7 == 0 else ' '.join(rng.sample(WORDS, 3)))}",
             f"excerpt: {nslib.yaml_quote(' '.join(rng.sample(WORDS, 4)))}",
             f"publishedDateTime: 2020-{rng.randint(4, 6):02d}-{day:02d}T{hour:02d}:30:00{offset}",
             f"webUrl: https://example.com/{i}",
             f"type: {rng.choice(['article', 'video'])}",
             f"category: {rng.choice(['news', 'opinion'])}"]
    if rng.random() < 0.85:
        lines.append(f"quality: {rng.choice([0, 19, 20, 39, 40, 60, 65, 99, 100, 213])}")
    name, domain = rng.choice(PROVIDERS)
    lines += ["provider:", f"  name: {name}", f"  domain: {domain}"]
    topics = rng.sample(TOPICS, rng.randint(0, 3))
    if topics:
        lines.append("topics:")
        lines += [f"  - {t}" for t in topics]
    lines.append("---")
    return "\n".join(lines) + "\n"


def fold(text):
    return " ".join(text.casefold().split())


def keeps(hit, flag, value):
    """Whether the independent filter keeps hit for one flag value."""
    date = (hit.get("date") or "")[:10]
    if flag == "--since":
        return bool(date) and date[:len(value)] >= value
    if flag == "--until":
        return bool(date) and date[:len(value)] <= value
    if flag == "--min-quality":
        return hit.get("quality") is not None and hit["quality"] >= int(value)
    if flag == "--topic":
        return fold(value) in [fold(t) for t in hit.get("topics", [])]
    if flag == "--provider":
        return fold(value) == fold(hit.get("provider", {}).get("name", ""))
    if flag == "--site":
        return value.lower() == hit.get("provider", {}).get("domain", "").lower()
    return fold(value) == fold(hit.get(flag[2:], ""))  # --lang, --type, --category


FIELD = {"--since": "date", "--until": "date", "--min-quality": "quality", "--topic": "topic",
         "--provider": "provider", "--site": "site", "--lang": "lang", "--type": "type",
         "--category": "category"}


def as_field(flag, value):
    if flag == "--since":
        return f"date:{value}.."
    if flag == "--until":
        return f"date:..{value}"
    if flag == "--min-quality":
        return f"quality:{value}.."
    return f'{FIELD[flag]}:"{value}"'


def values_of(hits):
    """Values each flag can take, drawn from the listing itself."""
    out = {f: set() for f in FIELD}
    for h in hits:
        if h.get("date"):
            for n in (4, 7, 10):
                out["--since"].add(h["date"][:n])
                out["--until"].add(h["date"][:n])
        if h.get("quality") is not None:
            out["--min-quality"].add(str(h["quality"]))
        out["--topic"].update(h.get("topics", []))
        if h.get("provider", {}).get("name"):
            out["--provider"].add(h["provider"]["name"])
        if h.get("provider", {}).get("domain"):
            out["--site"].add(h["provider"]["domain"])
        for key in ("lang", "type", "category"):
            if h.get(key):
                out["--" + key].add(h[key])
    return {f: sorted(v) for f, v in out.items() if v}


def hits(db):
    proc = subprocess.run([nslib.NS_SEARCH, "--db", db, "--no-collapse", "-f", "jsonl",
                           "-n", "100000", "*"], capture_output=True, text=True, check=True)
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    return [h for h in out if "id" in h]


def check_combinations(db, label, count, rng):
    listing = hits(db)
    values = values_of(listing)
    flags = sorted(values)
    wrong = []
    for _ in range(count):
        chosen = rng.sample(flags, rng.choice([2, 2, 3]))
        given = []
        for flag in chosen:
            n = 2 if flag not in ("--since", "--until", "--min-quality") and rng.random() < 0.3 else 1
            given += [(flag, v) for v in rng.sample(values[flag], min(n, len(values[flag])))]
        args = [a for flag, v in given for a in (flag, v)]
        expected = {h["id"] for h in listing
                    if all(any(keeps(h, f, v) for g, v in given if g == f) for f in chosen)}
        got = ids_for(db, args + ["*"])
        parts = []
        for f in dict.fromkeys(chosen):
            mine = [as_field(f, v) for g, v in given if g == f]
            parts.append(mine[0] if len(mine) == 1 else "(" + " OR ".join(mine) + ")")
        fields = " ".join(parts)
        written = ids_for(db, ["* " + fields])
        if got != expected or written != expected:
            wrong.append((args, len(expected), len(got), len(written)))
    nslib.check(not wrong, f"{label}: {count} combinations of 2-3 filter flags select what an "
                           f"independent filter of the listing selects, as the query's fields "
                           f"do (wrong: {wrong[:3]})")


def ids_for(db, args):
    """The ids ns-search lists for args, every article (no collapsing)."""
    proc = subprocess.run([nslib.NS_SEARCH, "--db", db, "--no-collapse", "-f", "tsv",
                           "--fields", "id", "-n", "100000", *args], capture_output=True, text=True)
    if proc.returncode == 2:
        nslib.fail(f"ns-search {' '.join(args)}: {proc.stderr}")
    return set(proc.stdout.splitlines())


rng = random.Random(SEED)
with nslib.temp_dir() as tmp:
    db = nslib.index_generated(tmp, 400, lambda i: article(rng, i))
    check_combinations(db, "generated articles", 150, rng)

    # Flags that select nothing together: an empty list, exit 1.
    proc = subprocess.run([nslib.NS_SEARCH, "--db", db, "-c", "--since", "2021",
                           "--until", "2020", "*"], capture_output=True, text=True)
    nslib.check(proc.stdout.strip() == "0" and proc.returncode == 1,
                f"--since 2021 --until 2020 counts 0, exit 1 (got {proc.stdout.strip()}, "
                f"exit {proc.returncode})")

    corpus_db = nslib.index_corpus_or_say(tmp)
    if corpus_db:
        check_combinations(corpus_db, "../shared/corpus", 60, rng)
