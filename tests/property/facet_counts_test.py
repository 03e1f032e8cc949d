#!/usr/bin/env python3
"""Facet counts over all of ../shared/corpus equal counts made here by
reading the files directly (PyYAML, not yaml-cpp; Python's own Unicode
tables, not ICU), for several queries and every facet field. The articles
compared are the files' own (kind:file): one a file, so no rule of the
indexer's about related entries is needed to know which exist."""
import html
import os
import re
import subprocess
import unicodedata
from collections import Counter
from datetime import datetime, timezone

import yaml

import nslib

FACETS = ["topic", "tag", "provider", "site", "category", "type", "lang", "year", "month", "day",
          "quality"]
MAX_VALUES = 8  # topics and tags counted per article (schema: 8 slots each)

dirs = nslib.corpus_news_dirs_or_skip()


def clean(value):
    """A text field as ns shows it: entities decoded, white space folded."""
    if value is None:
        return ""
    text = html.unescape(str(value)).replace("\u0097", "\u2014")
    text = re.sub(r"[\u200b-\u200d\u2060\ufeff\u00ad]", "", text)
    return " ".join(text.split())


def folded(value):
    """Case, width and accents aside (ns normalises filter values so)."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", value).casefold())
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))


def strings(value):
    items = value if isinstance(value, list) else [] if value is None else [value]
    return [s for s in (clean(v) for v in items if not isinstance(v, (dict, list))) if s]


def distinct(values):
    seen, out = set(), []
    for v in values:
        if folded(v) and folded(v) not in seen:
            seen.add(folded(v))
            out.append(v)
    return out[:MAX_VALUES]


def language(text):
    """The rule of the lang filter (docs/query-syntax.md), from Unicode character names."""
    kana = hangul = han = latin = other = 0
    for c in text:
        if not c.isalpha():
            continue
        name = unicodedata.name(c, "")
        if "HIRAGANA" in name or "KATAKANA" in name:
            kana += 1
        elif "HANGUL" in name:
            hangul += 1
        elif name.startswith("CJK"):
            han += 1
        elif name.startswith("LATIN"):
            latin += 1
        else:
            other += 1
    latin_weight = latin // 5
    if kana > 0 and kana + han >= latin_weight:
        return "ja"
    if hangul > 0 and hangul >= han and hangul >= latin_weight:
        return "ko"
    if han > 0 and han >= latin_weight:
        return "zh"
    if latin > 0 and latin >= other:
        return "en"
    return "other" if other > 0 else ""


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        # PyYAML refuses C1 controls; ns reads U+0097 as the cp1252 dash it stood for.
        text = f.read().replace("\r\n", "\n").replace("\u0097", "\u2014")
    block = text.split("\n---", 1)[0].split("---\n", 1)[1]
    data = yaml.load(block, Loader=yaml.BaseLoader)  # every value a string: no guessing
    provider = data.get("provider") or {}
    title, excerpt = clean(data.get("title")), clean(data.get("excerpt"))
    when = data.get("publishedDateTime")
    day = None
    if when:
        day = datetime.fromisoformat(when.replace("Z", "+00:00")).astimezone(timezone.utc)
    quality = data.get("quality")
    values = {
        "topic": distinct(strings(data.get("topics"))),
        "tag": distinct(strings(data.get("tags"))),
        "provider": [clean(provider.get("name"))],
        "site": [folded(clean(provider.get("domain")))],
        "category": [clean(data.get("category"))],
        "type": [clean(data.get("type"))],
        "lang": [language(title + " " + excerpt)],
        "year": [day.strftime("%Y")] if day else [],
        "month": [day.strftime("%Y-%m")] if day else [],
        "day": [day.strftime("%Y-%m-%d")] if day else [],
        "quality": [f"{int(quality) // 20 * 20}-{int(quality) // 20 * 20 + 19}"]
        if quality not in (None, "", "null") else [],
    }
    values = {k: [x for x in v if folded(x)] for k, v in values.items()}
    return {"title": title, "excerpt": excerpt, "topics": strings(data.get("topics")),
            "provider": clean(provider.get("name")), "day": day, "quality": quality,
            "values": values}


articles = []
for d in dirs:
    for name in sorted(os.listdir(d)):
        if name.endswith(".md"):
            try:
                articles.append(read(os.path.join(d, name)))
            except (yaml.YAMLError, IndexError, ValueError) as e:
                print(f"not read here: {name}: {type(e).__name__}")

words = re.compile(r"\bremdesivir\b", re.I)
# (ns query, the same selection made here)
QUERIES = [
    ("kind:file", lambda a: True),
    ("kind:file date:2020-05-07", lambda a: a["day"] and a["day"].strftime("%F") == "2020-05-07"),
    ("kind:file topic:coronavirus",
     lambda a: any(folded(t) == "coronavirus" for t in a["topics"])),
    ("kind:file quality:100..", lambda a: a["quality"] not in (None, "") and int(a["quality"]) >= 100),
    ("kind:file provider:cnn", lambda a: folded(a["provider"]) == "cnn"),
    ("kind:file remdesivir", lambda a: words.search(a["title"] + " " + a["excerpt"])),
]

with nslib.temp_dir() as tmp:
    db = os.path.join(tmp, "db")
    print(nslib.index(db, *dirs).stderr.strip().splitlines()[-1])
    for query, selects in QUERIES:
        chosen = [a for a in articles if selects(a)]
        proc = subprocess.run([nslib.NS_SEARCH, "--db", db, "-f", "json", "-n", "0",
                               "--facet", ",".join(FACETS), "--facet-limit", "100000", query],
                              capture_output=True, text=True)
        out = nslib.json.loads(proc.stdout)
        for facet in FACETS:
            expected = Counter(v for a in chosen for v in a["values"][facet])
            got = {v["value"]: v["count"] for v in out["facets"][facet]["values"]}
            if got != dict(expected):
                diff = {k: (got.get(k), expected.get(k)) for k in set(got) | set(expected)
                        if got.get(k) != expected.get(k)}
                nslib.fail(f"{query}: {facet}: ns, here differ on {len(diff)} values, e.g. "
                           f"{dict(list(diff.items())[:5])}")
        nslib.check(out["facets"]["lang"]["articles"] == len(chosen),
                    f"{query}: {len(chosen)} articles, every facet's counts equal")
