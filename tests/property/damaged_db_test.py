#!/usr/bin/env python3
"""Issue 27, point 0 and 7 (and a malformed file stamp and a stamp hidden
by damage, at the end): a database with random bytes inverted is never
a crash nor a hang. For NS_DAMAGE_SEEDS seeds (40 by default), a copy of a
good database has 500 random bytes of one table inverted (postlist, where a
seed once made Xapian crash in get_metadata, then the others in turn);
then ns-search must answer or say "prog: path: ..." with exit 2 (no signal,
within 30 s), ns-index must refuse it (exit 2, "damaged", nothing written)
exactly when ns-index --check does, and a database --check passes must
take the write; every fourth copy is then rebuilt with --rebuild. Under
the sanitizers too: Xapian's check, which once read past a buffer on a
damaged block (seed 11, on an earlier data/), runs in a child process.

Then a database over 4 MB (which ns-search once opened unchecked): a
search after ns-index trusts what ns-index remembered (ns-checked is not
rewritten); damaged copies are refused exactly when --check refuses them;
a table written and its times set back is still checked; and a check
that cannot finish in its time (NS_CHECK_SECONDS=0) is damage, exit 2."""
import hashlib
import os
import random
import shutil
import subprocess
import sys

import nslib

TABLES = ["postlist.glass", "termlist.glass", "docdata.glass", "position.glass"]


def run(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        nslib.fail(f"hung for 30 s: {' '.join(cmd)}")

# Debian's Python has python3-xapian (the tests' may be another).
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable


def digest(folder):
    """The database's files (not its lock, nor ns-checked: the record of a
    check that passed)."""
    h = hashlib.sha256()
    for name in sorted(os.listdir(folder)):
        if name not in ("flintlock", "ns-checked"):
            with open(os.path.join(folder, name), "rb") as f:
                h.update(name.encode() + f.read())
    return h.hexdigest()


def invert(path, seed, count):
    rng = random.Random(seed)
    with open(path, "rb") as f:
        data = bytearray(f.read())
    for _ in range(count):
        i = rng.randrange(len(data))
        data[i] ^= 0xFF
    with open(path, "wb") as f:
        f.write(data)


def main():
    seeds = int(os.environ.get("NS_DAMAGE_SEEDS", "40"))
    base = int(os.environ.get("NS_SEED", "0"))
    with nslib.temp_dir() as tmp:
        good = os.path.join(tmp, "good")
        nslib.index(good, nslib.DATA)
        db = os.path.join(tmp, "db")
        stats = {"search answered": 0, "search refused": 0, "search crash caught": 0,
                 "index refused": 0, "index wrote": 0, "rebuilt": 0}
        for n in range(seeds):
            seed = base + n
            table = TABLES[0] if n % 2 == 0 else TABLES[(n // 2) % len(TABLES)]
            shutil.rmtree(db, ignore_errors=True)
            shutil.copytree(good, db)
            invert(os.path.join(db, table), seed, 500)
            where = f"seed {seed}, {table}"
            for query in (["SenseTime", "IPO"], ["-f", "json", "--facets", "*", "*"],
                          ['"sensetime ipo"']):
                proc = run([nslib.NS_SEARCH, "--db", db, "-n", "20", *query])
                if proc.returncode < 0 or proc.returncode > 2:
                    nslib.fail(f"{where}: ns-search {query} ended by exit {proc.returncode}: "
                               f"{proc.stderr[-300:]}")
                if proc.returncode == 2:
                    lines = proc.stderr.splitlines()
                    if not (len(lines) == 1 and lines[0].startswith("ns-search: ")):
                        nslib.fail(f"{where}: ns-search's error is not one line: {proc.stderr!r}")
                    stats["search crash caught" if "crashed Xapian" in proc.stderr
                          else "search refused"] += 1
                else:
                    stats["search answered"] += 1
            check = run([nslib.NS_INDEX, "--db", db, "--check"])
            before = digest(db)
            index = run([nslib.NS_INDEX, "-q", "--db", db, os.path.join(nslib.DATA, "seeds")])
            if index.returncode < 0 or index.returncode > 2:
                nslib.fail(f"{where}: ns-index ended by exit {index.returncode}")
            if (check.returncode == 2) != (index.returncode == 2):
                nslib.fail(f"{where}: --check exit {check.returncode} ({check.stderr.strip()}) "
                           f"but ns-index exit {index.returncode} ({index.stderr.strip()})")
            if index.returncode == 2:
                if not index.stderr.startswith(f"ns-index: {db}: "):
                    nslib.fail(f"{where}: ns-index's error does not name the database: "
                               f"{index.stderr!r}")
                if digest(db) != before:
                    nslib.fail(f"{where}: ns-index refused the database but changed it")
                stats["index refused"] += 1
            else:
                stats["index wrote"] += 1
            if n % 4 == 0:  # what a damaged database needs: --rebuild takes it
                rebuild = run([nslib.NS_INDEX, "-q", "--rebuild", "--db", db, nslib.DATA])
                search = run([nslib.NS_SEARCH, "--db", db, "SenseTime"])
                if rebuild.returncode != 0 or search.returncode != 0:
                    nslib.fail(f"{where}: --rebuild exit {rebuild.returncode} "
                               f"({rebuild.stderr.strip()}), then a search exit {search.returncode}")
                stats["rebuilt"] += 1
        print("figures:", ", ".join(f"{k} {v}" for k, v in stats.items()))
        nslib.check(stats["index refused"] > 0,
                    f"{seeds} damaged copies: no crash, no hang; ns-index refused "
                    f"{stats['index refused']} before writing, as --check did")
        large_database(tmp, base)
        malformed_stamp(tmp, good)
        hidden_stamp(tmp, good)


def article(i):
    words = " ".join(f"w{(i * 7919 + k) % 20011}" for k in range(300))
    return (f"---\ntitle: \"Article {i} about things\"\nexcerpt: \"{words}\"\n"
            f"webUrl: \"https://example.com/{i}\"\nquality: {i % 100}\n---\n")


def refused(proc):
    return proc.returncode == 2 and "damaged" in proc.stderr


def large_database(tmp, base):
    big = nslib.index_generated(os.path.join(tmp, "large"), 400, article)
    size = sum(os.path.getsize(os.path.join(big, n)) for n in os.listdir(big))
    nslib.check(size > 4 * 1024 * 1024, f"a database of {size / 1e6:.1f} MB, over 4 MB")
    checked = os.path.join(big, "ns-checked")
    before = os.stat(checked).st_mtime_ns
    proc = run([nslib.NS_SEARCH, "--db", big, "things"])
    nslib.check(proc.returncode == 0 and os.stat(checked).st_mtime_ns == before,
                "a search after ns-index trusts what ns-index remembered (ns-checked kept)")
    db = os.path.join(tmp, "large-copy")
    agreed = refusals = 0
    for n in range(6):
        shutil.rmtree(db, ignore_errors=True)
        shutil.copytree(big, db)
        table = TABLES[n % len(TABLES)]
        invert(os.path.join(db, table), base + 100 + n, 500)
        search = run([nslib.NS_SEARCH, "--db", db, "things"])
        check = run([nslib.NS_INDEX, "--db", db, "--check"])
        if search.returncode not in (0, 1, 2) or refused(search) != refused(check):
            nslib.fail(f"seed {base + 100 + n}, {table} of a large database: ns-search exit "
                       f"{search.returncode} ({search.stderr.strip()}), --check exit "
                       f"{check.returncode} ({check.stderr.strip()})")
        agreed += 1
        refusals += refused(search)
    nslib.check(refusals > 0, f"{agreed} damaged copies of a large database: ns-search refused "
                              f"{refusals}, exactly those --check refused")
    # Damage with the file's times set back: its change time still moved.
    shutil.rmtree(db, ignore_errors=True)
    shutil.copytree(big, db)
    run([nslib.NS_SEARCH, "--db", db, "things"])  # checks the copy, remembers it
    table = os.path.join(db, "postlist.glass")
    times = os.stat(table)
    invert(table, base + 100, 500)
    os.utime(table, ns=(times.st_atime_ns, times.st_mtime_ns))
    proc = run([nslib.NS_SEARCH, "--db", db, "things"])
    nslib.check(refused(proc), f"500 bytes of a table inverted, its times set back: refused "
                               f"({proc.stderr.strip()})")
    # A check that cannot finish in its time is damage, not a hang.
    shutil.rmtree(db, ignore_errors=True)
    shutil.copytree(big, db)
    os.remove(os.path.join(db, "ns-checked"))
    proc = subprocess.run([nslib.NS_SEARCH, "--db", db, "things"], capture_output=True, text=True,
                          timeout=30, env=dict(os.environ, NS_CHECK_SECONDS="0"))
    nslib.check(proc.returncode == 2 and proc.stderr == (
        f"ns-search: {db}: the database is damaged: Xapian's check did not finish within 0 s; "
        "rebuild it with ns-index --rebuild\n"), f"a check out of time: {proc.stderr.strip()}")


def malformed_stamp(tmp, good):
    """A file's stamp (value slot 6, "size:mtime_ns:path") that is not one:
    ns-index names the database and says what to do, writes nothing, and
    --rebuild takes it."""
    db = os.path.join(tmp, "stamp")
    shutil.copytree(good, db)
    docid = int(subprocess.run([PYTHON, "-c", """if True:
        import sys, xapian
        db = xapian.WritableDatabase(sys.argv[1], xapian.DB_OPEN)
        docid = next(p.docid for p in db.postlist(""))
        doc = db.get_document(docid)
        doc.add_value(6, "no colons")
        db.replace_document(docid, doc)
        db.commit()
        print(docid)""", db], check=True, capture_output=True, text=True).stdout)
    before = digest(db)
    proc = run([nslib.NS_INDEX, "--db", db, nslib.DATA])
    nslib.check(proc.returncode == 2 and proc.stderr == (
        f"ns-index: {db}: the database is damaged: document {docid} has a malformed file stamp "
        "(slot 6); rebuild it with ns-index --rebuild\n") and digest(db) == before,
        f"a malformed file stamp: exit 2, the database named, nothing written ({proc.stderr!r})")
    proc = run([nslib.NS_INDEX, "-q", "--rebuild", "--db", db, nslib.DATA])
    nslib.check(proc.returncode == 0, f"--rebuild takes it ({proc.stderr.strip()})")


def hidden_stamp(tmp, good):
    """Damage that hides the version stamp (once: random bytes in a postlist
    block) is damage, not another program's database: --rebuild takes it."""
    db = os.path.join(tmp, "hidden")
    shutil.copytree(good, db)
    subprocess.run([PYTHON, "-c", """if True:
        import sys, xapian
        db = xapian.WritableDatabase(sys.argv[1], xapian.DB_OPEN)
        db.set_metadata("ns.schema_version", "")
        db.set_metadata("ns.analyzer_version", "")
        db.commit()""", db], check=True)
    invert(os.path.join(db, "termlist.glass"), 1, 500)
    proc = run([nslib.NS_INDEX, "-q", "--rebuild", "--db", db, nslib.DATA])
    search = run([nslib.NS_SEARCH, "--db", db, "SenseTime"])
    nslib.check(proc.returncode == 0 and search.returncode == 0,
                f"a damaged database without its stamp: --rebuild takes it "
                f"({proc.returncode}: {proc.stderr.strip()})")


if __name__ == "__main__":
    sys.exit(main())
