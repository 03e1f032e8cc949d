#!/usr/bin/env python3
"""On a terminal (a real pseudo-terminal from script(1)) ns-index draws a
live progress line on stderr; in a pipe, or with --quiet, it draws none."""
import os
import shlex
import subprocess

import nslib

with nslib.temp_dir() as tmp:
    tree = os.path.join(tmp, "tree")
    print("corpus:", nslib.make_corpus(tree, 3000))
    db = os.path.join(tmp, "db")


    def under_tty(*args):
        """Runs ns-index under script(1); returns (exit status, output bytes as text).
        Bytes, not text mode: text mode would turn the \r into newlines."""
        command = " ".join(shlex.quote(a) for a in [nslib.NS_INDEX, *args])
        proc = subprocess.run(["script", "-qec", command, "/dev/null"], capture_output=True)
        return proc.returncode, proc.stdout.decode("utf-8", "replace")

    status, out = under_tty("--db", db, tree)
    nslib.check(status == 0, f"ns-index under a pseudo-terminal (exit {status})")
    nslib.check("\r\x1b[Kns-index: " in out and " files, " in out and " articles/s, " in out
                and " s left" in out,
                "a terminal shows the live line: files done/total, articles/s, time left")
    nslib.check(out.rstrip().endswith("articles") and "\r\x1b[Kns-index: indexed" in out,
                "the line is cleared before the summary, which ends the output")
    piped = nslib.index(os.path.join(tmp, "db2"), tree)
    nslib.check("\x1b" not in piped.stderr and "\r" not in piped.stderr,
                "stderr in a pipe holds no escape bytes or carriage returns")
    status, out = under_tty("--quiet", "--db", os.path.join(tmp, "db3"), tree)
    nslib.check(status == 0 and out == "", f"--quiet on a terminal prints nothing: {out!r}")
