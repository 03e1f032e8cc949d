#!/usr/bin/env python3
"""Every relative link in README.md and docs/ resolves: the file or folder
it names exists, and its #anchor is a heading of the target (GitHub's
slugs: lower case, punctuation dropped, spaces as hyphens)."""
import glob
import os
import re

import nslib

LINK = re.compile(r"\]\(([^)\s]+)\)")


def slugs(path):
    """The anchors of a Markdown file's headings, outside code blocks."""
    found, fenced = set(), False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("```"):
                fenced = not fenced
            elif not fenced and line.startswith("#"):
                title = line.lstrip("#").strip().lower()
                found.add(re.sub(r"[^\w\- ]", "", title).replace(" ", "-"))
    return found


pages = [os.path.join(nslib.ROOT, "README.md")]
pages += sorted(glob.glob(os.path.join(nslib.ROOT, "docs", "**", "*.md"), recursive=True))
bad, count = [], 0
for page in pages:
    with open(page, encoding="utf-8") as f:
        text = re.sub(r"```.*?```", "", f.read(), flags=re.S)
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target):
            continue  # http:, mailto:: not checked here
        count += 1
        path, _, anchor = target.partition("#")
        file = os.path.normpath(os.path.join(os.path.dirname(page), path)) if path else page
        name = os.path.relpath(page, nslib.ROOT)
        if not os.path.exists(file):
            bad.append(f"{name}: {target}: no such file")
        elif anchor and (not file.endswith(".md") or anchor not in slugs(file)):
            bad.append(f"{name}: {target}: no such heading")
nslib.check(count > 10 and not bad, f"{count} relative links in {len(pages)} pages resolve: {bad}")
