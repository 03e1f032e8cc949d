#!/usr/bin/env python3
"""Counts the articles ns-index should make of a set of article files,
without YAML and without any ns code: a check made independently of the
front-matter reader.

Each file is one article; each related entry with a URL is one article per
distinct URL, unless some file's own article has that URL; a related entry
without a URL is an article of its own.

usage: count_articles.py PATH...   (files or folders; prints the count)
"""
import os
import sys

URL_KEYS = ("webUrl", "originalUrl", "ampWebUrl", "cdnAmpWebUrl")


def unquote(value):
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def first_url(fields):
    for key in URL_KEYS:
        if fields.get(key):
            return fields[key]
    return ""


def read(path):
    """Returns (own URL, [related URL or "" for each related entry])."""
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        lines = f.read().replace("\r\n", "\n").split("\n")
    own, related, section, current = {}, [], None, None
    for line in lines[1:]:
        if line.rstrip() == "---":
            break
        if line and not line[0].isspace():
            section = line.split(":", 1)[0]
            key, _, value = line.partition(":")
            own[key] = unquote(value)
            continue
        if section != "related":
            continue
        stripped = line.strip()
        if stripped.startswith("- title:") and line.index("-") == 2:
            current = {}
            related.append(current)
        elif current is not None and line.startswith("    ") and not line.startswith("     "):
            key, _, value = stripped.partition(":")
            current[key] = unquote(value)
    return first_url(own), [first_url(r) for r in related]


def article_files(paths):
    """Files named, and *.md / *.markdown / *.txt below folders, hidden skipped."""
    files = set()
    for path in paths:
        if not os.path.isdir(path):
            files.add(os.path.abspath(path))
            continue
        for root, dirs, names in os.walk(path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in names:
                if not name.startswith(".") and name.endswith((".md", ".markdown", ".txt")):
                    files.add(os.path.abspath(os.path.join(root, name)))
    return sorted(files)


def main(args):
    paths = article_files(args)
    own_urls, related_urls, unkeyed = set(), set(), 0
    for path in paths:
        own, related = read(path)
        own_urls.add(own)
        for url in related:
            if url:
                related_urls.add(url)
            else:
                unkeyed += 1
    print(len(paths) + len(related_urls - own_urls) + unkeyed)


if __name__ == "__main__":
    main(sys.argv[1:])
