#!/usr/bin/env python3
"""Issue 27, point 10, as a property: whatever control or formatting
character an article file or its path holds (every C0 but NUL, DEL, every
C1, the bidirectional marks and embeddings, U+2028 and U+2029), text, tsv
(every field) and urls output carry none of them raw: no byte below 0x20
but a tab or the line's end, no DEL, no C1 or bidirectional character;
urls give exactly one line a hit, tsv one line a hit plus its header, and
ns-index's error lines stay one line each."""
import os
import random
import re
import subprocess

import nslib

CONTROLS = ([chr(c) for c in range(1, 0x20)] + ["\x7f"] + [chr(c) for c in range(0x80, 0xA0)] +
            ["\u061c", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
             "\u2066", "\u2067", "\u2068", "\u2069", "\u2028", "\u2029"])
RAW = re.compile("[\x00-\x08\x0a-\x1f\x7f\x80-\x9f\u061c\u200e\u200f\u202a-\u202e"
                 "\u2066-\u2069\u2028\u2029]")
FIELDS = ("rank,score,id,title,url,date,provider,site,quality,type,category,topics,excerpt,"
          "snippet,path,more,all_words,lang,tags,kind,story")


def noisy(rng, word):
    return "".join(c + (rng.choice(CONTROLS) if rng.random() < 0.3 else "") for c in word)


def yaml_text(s):
    out = '"'
    for c in s:
        out += f"\\u{ord(c):04x}" if ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f or c in '"\\' \
            else c
    return out + '"'


def main():
    rng = random.Random(int(os.environ.get("NS_SEED", "10")))
    with nslib.temp_dir() as tmp:
        news = os.path.join(tmp, "news")
        os.makedirs(news)
        for i in range(40):
            folder = os.path.join(news, noisy(rng, f"dir{i % 5}").replace("/", "_"))
            os.makedirs(folder, exist_ok=True)
            fields = {"title": noisy(rng, f"harbour report {i}"),
                      "excerpt": noisy(rng, f"the harbour excerpt number {i}"),
                      "webUrl": "https://e.example/" + noisy(rng, f"path{i}"),
                      "category": noisy(rng, "category"), "type": noisy(rng, "article")}
            text = "---\n" + "".join(f"{k}: {yaml_text(v)}\n" for k, v in fields.items())
            text += f"provider:\n  name: {yaml_text(noisy(rng, 'Port News'))}\n"
            text += f"topics: [{yaml_text(noisy(rng, 'Topic'))}]\ntags: [{yaml_text(noisy(rng, 'tag'))}]\n"
            text += "---\n"
            name = noisy(rng, f"a{i}").replace("/", "_") + ".md"
            with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                f.write(text)
            with open(os.path.join(folder, f"bad{i}" + noisy(rng, "x").replace("/", "_") + ".md"),
                      "w") as f:
                f.write("---\ntitle: \"unclosed\n---\n")
        db = os.path.join(tmp, "db")
        proc = nslib.index(db, news)
        errors = proc.stderr.split("\n")[:-1]
        nslib.check(len(errors) == 41 and not any(RAW.search(line) for line in errors),
                    "40 error lines and the summary, each one line, no raw control")
        for fmt, extra in (("text", []), ("urls", []), ("tsv", ["--fields", FIELDS, "--header"])):
            out = subprocess.run([nslib.NS_SEARCH, "--db", db, "-f", fmt, "-n", "100",
                                  "--no-collapse", *extra, "*"],
                                 capture_output=True).stdout.decode("utf-8", "replace")
            lines = out.split("\n")[:-1]
            bad = [line for line in lines if RAW.search(line)]
            expected = {"urls": 40, "tsv": 41}.get(fmt)
            nslib.check(not bad and (expected is None or len(lines) == expected),
                        f"{fmt}: {len(lines)} lines, none with a raw control ({bad[:1]!r})")


if __name__ == "__main__":
    main()
