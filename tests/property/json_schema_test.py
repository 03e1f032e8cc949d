#!/usr/bin/env python3
"""The json, jsonl and batch output of 50 queries over data/ validates
against the documented schema (searcher/output.schema.json), with facets,
--explain, --expand, the some-words fill, CJK, no hits and a query error
among them."""
import json
import os
import subprocess

import jsonschema

import nslib

with open(os.path.join(nslib.ROOT, "searcher", "output.schema.json"), encoding="utf-8") as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

SPECIAL = ["SenseTime IPO", "remdesivir", "商汤", "センスタイム", "센스타임", "港股回调", "*",
           "-ipo", "\"hong kong\"", "title:ipo*", "coronavirus lang:en date:2020-05",
           "quality:60..", "sensetime OR remdesivir", "zzzznothing", "judge restores primary",
           "Power Apps portals", "nursing homes deaths", "(ai ethics) -sensetime"]


def queries():
    """SPECIAL, then the first and the last two words of titles in data/, 50 in all."""
    titles = []
    for root, _, names in sorted(os.walk(nslib.DATA)):
        for name in sorted(names):
            with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                for line in f:
                    if line.startswith("title:"):
                        titles.append([w for w in line[6:].strip().strip('"').split() if w.isalnum()])
                        break
    out = list(SPECIAL)
    for pick in (lambda w: w[:2], lambda w: w[-2:]):
        for words in titles:
            query = " ".join(pick(words))
            if len(words) >= 2 and query not in out and len(out) < 50:
                out.append(query)
    return out


def check_lines(text, what):
    for line in text.splitlines():
        errors = list(validator.iter_errors(json.loads(line)))
        if errors:
            nslib.fail(f"{what}: {errors[0].message} at {list(errors[0].absolute_path)}: {line[:200]}")


with nslib.temp_dir() as tmp:
    db = os.path.join(tmp, "db")
    nslib.index(db, nslib.DATA)
    qs = queries()
    nslib.check(len(qs) == 50, "50 queries")
    options = [[], ["--facets"], ["--explain", "--facet", "tag,quality,month,day"],
               ["--offset", "3"], ["--no-collapse", "--facets"], ["--expand", "--some-words"],
               ["--expand", "--explain", "--offset", "1"]]
    documents = 0
    for i, q in enumerate(qs):
        extra = options[i % len(options)]
        for fmt in ("json", "jsonl"):
            proc = subprocess.run([nslib.NS_SEARCH, "--db", db, "-f", fmt, *extra, "--", q],
                                  capture_output=True, text=True)
            if proc.returncode not in (0, 1):
                nslib.fail(f"{q!r} -f {fmt}: exit {proc.returncode}: {proc.stderr}")
            text = json.dumps(json.loads(proc.stdout)) if fmt == "json" else proc.stdout
            check_lines(text, f"{q!r} -f {fmt} {' '.join(extra)}")
            documents += len(text.splitlines())
    nslib.check(True, f"json and jsonl of every query valid ({documents} JSON documents)")
    batch = "\n".join(qs + ["date:soon"]) + "\n"
    proc = subprocess.run([nslib.NS_SEARCH, "--db", db, "--batch", "--facets"], input=batch,
                          capture_output=True, text=True)
    check_lines(proc.stdout, "--batch")
    lines = proc.stdout.splitlines()
    nslib.check(len(lines) == 51 and "error" in json.loads(lines[-1]),
                "--batch: 51 valid lines, the last an error")
    # The schema can fail: a hit without its snippet is refused.
    bad = json.loads(lines[0])
    bad["hits"][0].pop("snippet")
    nslib.check(not validator.is_valid(bad), "a result missing a required field is refused")
    # Folded articles are hits without folded articles of their own.
    proc = subprocess.run([nslib.NS_SEARCH, "--db", db, "-f", "json", "--expand", "SenseTime IPO"],
                          capture_output=True, text=True)
    nested = json.loads(proc.stdout)
    nslib.check(validator.is_valid(nested) and nested["hits"][0]["folded"],
                "--expand: a hit's folded articles are valid hit objects")
    nested["hits"][0]["folded"][0]["folded"] = []
    nslib.check(not validator.is_valid(nested), "a folded article with folded ones is refused")
