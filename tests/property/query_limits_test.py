#!/usr/bin/env python3
"""Issue 27, point 4: one query costs little whatever its size. Below the
limit, parsing and matching are about linear: 200 --batch queries of 64
words take at most 8 times as long as 200 of 16 words (4 would be linear;
before the limit, 1,000 words took 0.95 s and 4,000 words 4.3 s). Over
it, every shape (words, CJK terms, bytes, nesting) is refused at once,
and a --batch line of 50 MB leaves ns-search's peak resident size within
20 MB of a run without it (it used 837 MB)."""
import os
import random
import subprocess
import tempfile
import time

import nslib

VOCABULARY = ("market stock china covid vaccine price bank report data tech news chip sale "
              "trade oil growth rate fund ipo film game health energy climate").split()


def timed_batch(db, lines):
    """(seconds, peak resident KB, stdout) of one ns-search --batch over
    lines: bytes, or a function writing them to a file. The peak is the
    child's, which counts the memory of this process it was forked from:
    large inputs are written by a function, never held here."""
    start = time.monotonic()
    with tempfile.TemporaryFile() as stdin, tempfile.TemporaryFile() as stdout:
        if callable(lines):
            lines(stdin)
        else:
            stdin.write(lines)
        stdin.seek(0)
        proc = subprocess.Popen([nslib.NS_SEARCH, "--db", db, "--batch", "-n", "5"],
                                stdin=stdin, stdout=stdout, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        took = time.monotonic() - start
        if proc.returncode not in (0, 1):
            nslib.fail(f"ns-search --batch exit {proc.returncode}")
        stdout.seek(0)
        return took, usage.ru_maxrss, stdout.read()


def queries(rng, words, count):
    return "".join(" ".join(rng.choice(VOCABULARY) + str(rng.randrange(9)) for _ in range(words))
                   + "\n" for _ in range(count)).encode()


def main():
    rng = random.Random(int(os.environ.get("NS_SEED", "4")))
    with nslib.temp_dir() as tmp:
        db = nslib.index_corpus_or_say(tmp) or os.path.join(tmp, "db")
        if not os.path.exists(db):
            nslib.index(db, nslib.DATA)
        small, _, _ = timed_batch(db, queries(rng, 16, 200))
        large, _, _ = timed_batch(db, queries(rng, 64, 200))
        print(f"figures: 200 queries of 16 words {small:.2f} s, of 64 words {large:.2f} s "
              f"(ratio {large / small:.1f}, linear 4)")
        nslib.check(large <= 8 * small + 0.5, "64 words cost at most twice linear of 16")
        over = [" ".join(["w"] * 65), "商" * 129, "x" * 2049, "(" * 65 + "ipo"]
        took, _, out = timed_batch(db, ("\n".join(over) + "\n").encode())
        errors = [line for line in out.decode().splitlines() if '"error":"query: too long' in line]
        nslib.check(len(errors) == len(over) and took < 2,
                    f"each shape over the limit refused ({took:.2f} s for {len(over)})")
        # Peak memory: a plain run, then one with a 50 MB line first.
        _, plain_kb, _ = timed_batch(db, b"SenseTime\n")
        def big(f):
            for _ in range(25):
                f.write(b"a " * (1024 * 1024))
            f.write(b"\nSenseTime\n")
        took, big_kb, out = timed_batch(db, big)
        lines = out.decode().splitlines()
        print(f"figures: peak {plain_kb} KB plain, {big_kb} KB with a 50 MB line ({took:.2f} s)")
        nslib.check(len(lines) == 2 and "too long: over 2048 bytes" in lines[0]
                    and big_kb - plain_kb < 20 * 1024,
                    "a 50 MB --batch line: refused, memory flat, the next line answered")


if __name__ == "__main__":
    main()
