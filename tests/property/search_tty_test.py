#!/usr/bin/env python3
"""On a terminal (a real one: a tmux pane) ns-search shows bold titles and
highlights the matched words, in English and in Chinese; with NO_COLOR, or
with stdout in a pipe, it writes no escape byte."""
import os
import shlex
import subprocess
import time

import nslib

RED = "\x1b[31m"  # matched words
BOLD = "\x1b[1m"  # titles


def in_tmux(tmp, *args, env=""):
    """What a 200-column tmux pane shows for ns-search args, with its
    attributes as escapes (capture-pane -e)."""
    in_tmux.runs = getattr(in_tmux, "runs", 0) + 1  # a server of its own each time
    socket = os.path.join(tmp, f"tmux{in_tmux.runs}.sock")
    command = f"{env} {shlex.quote(nslib.NS_SEARCH)} {' '.join(shlex.quote(a) for a in args)}"
    tmux = ["tmux", "-u", "-S", socket, "-f", "/dev/null"]  # -u: a UTF-8 terminal
    subprocess.run(tmux + ["new-session", "-d", "-x", "200", "-y", "100",
                           f"{command}; echo __END__; sleep 60"], check=True,
                   env=dict(os.environ, LC_ALL="C.UTF-8"))
    try:
        for _ in range(100):
            shown = subprocess.run(tmux + ["capture-pane", "-p", "-e"], capture_output=True,
                                   text=True).stdout
            if "__END__" in shown:
                return shown
            time.sleep(0.1)
        nslib.fail(f"ns-search did not finish in tmux: {shown!r}")
    finally:
        subprocess.run(tmux + ["kill-server"], capture_output=True)


with nslib.temp_dir() as tmp:
    db = os.path.join(tmp, "db")
    nslib.index(db, nslib.DATA)
    shown = in_tmux(tmp, "--db", db, "-n", "2", "--facet", "lang", "sensetime")
    lines = shown.splitlines()
    nslib.check(lines[0] == "2 hits with every word; 1–2 shown",
                f"the first line says what the list holds and what is shown: {lines[0]!r}")
    first = [line for line in lines if line.startswith("1. ")]
    nslib.check(first and first[0].startswith("1. " + BOLD) and RED + "SenseTime" in first[0],
                f"the title is bold and SenseTime in it highlighted: {first!r}")
    snippet = [line for line in lines if "It has been a wild ride" in line]
    nslib.check(snippet and RED + "SenseTime" in snippet[0],
                f"the snippet highlights SenseTime: {snippet!r}")
    nslib.check("█" in shown, "facets are drawn as bars")
    shown = in_tmux(tmp, "--db", db, "-n", "1", "商汤推迟")
    nslib.check(RED + "商汤" in shown and RED + "推迟" in shown,
                "Chinese words are highlighted too, in title and snippet")
    shown = in_tmux(tmp, "--db", db, "-n", "2", "sensetime", env="NO_COLOR=1")
    nslib.check("\x1b" not in shown and "SenseTime" in shown, "NO_COLOR=1: no escapes")
    shown = in_tmux(tmp, "--db", db, "--color=never", "-n", "2", "sensetime")
    nslib.check("\x1b" not in shown, "--color=never: no escapes")
    piped = subprocess.run([nslib.NS_SEARCH, "--db", db, "-n", "5", "--facets", "sensetime"],
                           capture_output=True)
    nslib.check(piped.returncode == 0 and b"\x1b" not in piped.stdout and b"SenseTime" in piped.stdout,
                "stdout in a pipe: the same text, no escape byte")
    forced = subprocess.run([nslib.NS_SEARCH, "--db", db, "--color=always", "sensetime"],
                            capture_output=True)
    nslib.check(RED.encode() in forced.stdout, "--color=always colours a pipe too")
