#!/usr/bin/env python3
"""Issue 27, point 12: the memory of indexing one file is bounded whatever
its shape. Files just under the 10 MB limit: an excerpt of 1.3 million
distinct words (it took 1.0 GB), a title of 600,000 words (643 MB), 140
related entries of 64 KB of distinct words each (1.0 GB), and 3 million
CJK characters: ns-index's peak resident size stays under the 200 MB build
target for each, into a new database and into one that holds articles.
The text past the 512 KiB a file keeps is reported (exit 1), and a word
from the part kept is found, one from the part cut is not."""
import os
import subprocess
import tempfile

import nslib

LETTERS = "abcdefghijklmnopqrstuvwxyz"
LIMIT_KB = 200 * 1024


def word(i):
    s = ""
    while True:
        s += LETTERS[i % 26]
        i //= 26
        if i == 0:
            return s + "q"


def words(start, size):
    out, i = [], start
    total = 0
    while total < size:
        w = word(i)
        out.append(w)
        total += len(w) + 1
        i += 1
    return " ".join(out)


def cjk(size):
    return "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(size // 3))


SHAPES = {
    "excerpt": lambda: f'---\ntitle: big excerpt\nexcerpt: "{words(0, 9_000_000)}"\n---\n',
    "title": lambda: f'---\ntitle: "{words(0, 3_700_000)}"\n---\n',
    "related": lambda: "---\ntitle: many big entries\nrelated:\n" + "".join(
        f'  - title: "entry {e}"\n    webUrl: "https://x.example/{e}"\n'
        f'    excerpt: "{words(e * 10000, 65000)}"\n' for e in range(140)) + "---\n",
    "cjk": lambda: f'---\ntitle: cjk\nexcerpt: "{cjk(9_000_000)}"\n---\n',
}


def peak_kb(cmd):
    """(exit status, peak resident KB, stderr) of cmd, as GNU time measures
    it: a child forked from this process would count this one's memory."""
    with tempfile.NamedTemporaryFile() as peak:
        proc = subprocess.run(["/usr/bin/time", "-o", peak.name, "-f", "%M", *cmd],
                              capture_output=True, text=True)
        return proc.returncode, int(open(peak.name).read().split()[-1]), proc.stderr


def main():
    # Peaks under AddressSanitizer measure its shadow memory, not ns's.
    nslib.skip_under_sanitizers()
    with nslib.temp_dir() as tmp:
        seeded = os.path.join(tmp, "seeded")
        nslib.index(seeded, os.path.join(nslib.DATA, "seeds"))
        for name, make in SHAPES.items():
            path = os.path.join(tmp, f"{name}.md")
            with open(path, "w", encoding="utf-8") as f:
                f.write(make())
            size = os.path.getsize(path)
            for into in ("new", "seeded"):
                db = os.path.join(tmp, f"{name}-db") if into == "new" else seeded
                status, kb, err = peak_kb([nslib.NS_INDEX, "-q", "--db", db, path])
                print(f"figures: {name} ({size / 1e6:.1f} MB) into a {into} database: "
                      f"peak {kb / 1024:.0f} MB")
                nslib.check(status == 1 and kb < LIMIT_KB and "bytes of title and excerpt "
                            "text left out: a file keeps at most 524288" in err,
                            f"{name}, {into} database: under 200 MB, the cut reported")
        # What is kept is searchable, what is cut is not.
        db = os.path.join(tmp, "excerpt-db")
        kept, cut = word(1000), word(1_000_000)
        found = subprocess.run([nslib.NS_SEARCH, "--db", db, "-c", kept], capture_output=True,
                               text=True).stdout.strip()
        missing = subprocess.run([nslib.NS_SEARCH, "--db", db, "--typos", "off", "-c", cut],
                                 capture_output=True, text=True)
        nslib.check(found == "1" and missing.returncode == 1,
                    f"a word kept ({kept}) is found, one cut ({cut}) is not")


if __name__ == "__main__":
    main()
