#!/usr/bin/env python3
"""Roots and exclusions on a whole collection: a copy of ../shared/corpus
(its root holds non-article files: SOURCES.md, the CJK headline lists),
or, without the corpus, copies of data/ beside such files.

1. A .nsignore at the root leaving out the non-article files: exit 0, and
   the database holds exactly the articles an independent count finds.
2. --exclude of one article folder: its articles are gone, the count is
   that of the rest.
3. A second root indexed, then the collection's root --forgotten: the
   database holds none of its articles, and all of the other root's."""
import os
import shutil
import subprocess

import nslib

IGNORE = """# not articles: the sources list and the CJK headline lists
/SOURCES.md
/cjk/
# a licence anywhere
LICENSE.md
License.md
"""


def make_collection(dest):
    """The collection at dest; returns (its article folders, what it is)."""
    if nslib.corpus_news_dirs():
        shutil.copytree(nslib.CORPUS, dest)
        folders = [os.path.join(dest, n) for n in sorted(os.listdir(dest))
                   if n != "cjk" and os.path.isdir(os.path.join(dest, n))]
        return folders, "a copy of ../shared/corpus"
    print(f"SKIP (corpus part): {nslib.CORPUS} is not there or this is the sanitized run; "
          "copies of data/ stand in for it")
    os.makedirs(os.path.join(dest, "cjk", "titles"))
    for name in ("ai", "coronavirus"):
        shutil.copytree(os.path.join(nslib.DATA, name), os.path.join(dest, name))
    with open(os.path.join(dest, "SOURCES.md"), "w") as f:
        f.write("# Sources\n")
    with open(os.path.join(dest, "cjk", "titles", "dev.txt"), "w") as f:
        f.write("一条新闻标题\n")
    return [os.path.join(dest, "ai"), os.path.join(dest, "coronavirus")], "copies of data/"


def indexed_paths(db):
    out = subprocess.run([nslib.NS_SEARCH, "--db", db, "*", "-f", "tsv", "--fields", "path",
                          "--no-collapse", "-n", "100000"], capture_output=True, text=True)
    return set(out.stdout.split())


def under(paths, folder):
    return {p for p in paths if p.startswith(folder + "/")}


with nslib.temp_dir() as tmp:
    coll = os.path.join(tmp, "collection")
    folders, what = make_collection(coll)
    db = os.path.join(tmp, "db")
    with open(os.path.join(coll, ".nsignore"), "w") as f:
        f.write(IGNORE)

    proc = nslib.index(db, coll)
    nslib.check(proc.returncode == 0, f"{what} with its .nsignore: exit 0 ({proc.stderr.strip()})")
    expected = nslib.independent_count(*folders)
    held = nslib.held_articles(proc.stderr)
    nslib.check(held == expected, f"the database holds {held} articles; independent count {expected}")

    left_out, kept = folders[0], folders[1:]
    rel = os.path.relpath(left_out, coll)
    proc = nslib.index(db, extra=("--exclude", f"/{rel}/"))  # no PATH: the root stored
    nslib.check(proc.returncode == 0, f"--exclude /{rel}/ with no PATH: exit 0")
    paths = indexed_paths(db)
    nslib.check(not under(paths, left_out), f"no article of {rel}/ is left")
    expected = nslib.independent_count(*kept)
    held = nslib.held_articles(proc.stderr)
    nslib.check(held == expected, f"the database holds {held} articles; independent count {expected}")

    other = os.path.join(tmp, "other")
    shutil.copytree(os.path.join(nslib.DATA, "seeds"), other)
    nslib.index(db, other, extra=("--exclude", f"/{rel}/"))
    proc = subprocess.run([nslib.NS_INDEX, "--db", db, "--forget", coll], capture_output=True,
                          text=True)
    nslib.check(proc.returncode == 0 and proc.stderr.startswith(f"ns-index: forgot {coll}: "),
                f"--forget the collection: {proc.stderr.strip()}")
    paths = indexed_paths(db)
    nslib.check(not under(paths, coll), "the database holds no article of the forgotten root")
    seeds = {os.path.join(other, n) for n in os.listdir(other)}
    nslib.check(paths == seeds, f"and every file of the other root ({len(seeds)} files)")
    roots = subprocess.run([nslib.NS_INDEX, "--db", db, "--roots"], capture_output=True,
                           text=True).stdout
    nslib.check(roots == other + "\n", "--roots lists only the other root")
