#!/usr/bin/env python3
"""make install's rules (cmake --install, as the Makefile runs it with
PREFIX and DESTDIR) lay the programs, man pages, completions, README, the
pages of docs/ and copyright under DESTDIR/PREFIX, and the installed programs run from there:
--version, an index of data/ and a search over it."""
import os
import subprocess

import nslib

PREFIX = "/usr/local"
EXPECTED = {
    "bin/ns-index", "bin/ns-search",
    "share/man/man1/ns-index.1.gz", "share/man/man1/ns-search.1.gz",
    "share/bash-completion/completions/ns-index", "share/bash-completion/completions/ns-search",
    "share/zsh/vendor-completions/_ns-index", "share/zsh/vendor-completions/_ns-search",
    "share/fish/vendor_completions.d/ns-index.fish",
    "share/fish/vendor_completions.d/ns-search.fish",
    "share/doc/ns/README.md", "share/doc/ns/copyright",
}
# The pages README links to, beside it as in the source tree.
EXPECTED |= {"share/doc/ns/docs/" + name for name in os.listdir(os.path.join(nslib.ROOT, "docs"))
             if name.endswith((".md", ".png"))}
if os.path.exists(os.path.join(nslib.BIN_DIR, "server", "ns-serve")):
    EXPECTED |= {"bin/ns-serve", "share/man/man1/ns-serve.1.gz",
                 "share/bash-completion/completions/ns-serve",
                 "share/zsh/vendor-completions/_ns-serve",
                 "share/fish/vendor_completions.d/ns-serve.fish"}

with nslib.temp_dir() as tmp:
    root = os.path.join(tmp, "root")
    done = subprocess.run(["cmake", "--install", nslib.BIN_DIR, "--prefix", PREFIX],
                          env=dict(os.environ, DESTDIR=root), capture_output=True, text=True)
    nslib.check(done.returncode == 0, f"cmake --install with DESTDIR {done.stderr.strip()}")
    top = root + PREFIX
    installed = set()
    for folder, _, files in os.walk(root):
        installed |= {os.path.relpath(os.path.join(folder, f), top) for f in files}
    nslib.check(installed == EXPECTED, f"{len(installed)} files, all under DESTDIR{PREFIX} "
                f"(missing {sorted(EXPECTED - installed)}, extra {sorted(installed - EXPECTED)})")

    ns_index, ns_search = os.path.join(top, "bin", "ns-index"), os.path.join(top, "bin", "ns-search")
    for program in (ns_index, ns_search):
        out = subprocess.run([program, "--version"], capture_output=True, text=True)
        name = os.path.basename(program)
        nslib.check(out.returncode == 0 and out.stdout.startswith(name + " "),
                    f"installed {name} --version: {out.stdout.strip()}")
    db = os.path.join(tmp, "db")
    out = subprocess.run([ns_index, "-q", "--db", db, nslib.DATA], capture_output=True, text=True)
    nslib.check(out.returncode == 0, f"installed ns-index indexes data/ {out.stderr.strip()}")
    out = subprocess.run([ns_search, "--db", db, "-f", "urls", "-n", "1", "SenseTime IPO"],
                         capture_output=True, text=True)
    nslib.check(out.returncode == 0 and "sensetime" in out.stdout,
                f"installed ns-search finds SenseTime IPO: {out.stdout.strip()}")
    for page in ("ns-index", "ns-search"):
        shown = subprocess.run(["man", "--warnings", "-l",
                                os.path.join(top, "share", "man", "man1", page + ".1.gz")],
                               capture_output=True, text=True,
                               env=dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8"))
        nslib.check(shown.returncode == 0 and shown.stderr == "" and "EXIT STATUS" in shown.stdout,
                    f"installed {page}(1) renders silently {shown.stderr.strip()}")
