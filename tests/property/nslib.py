"""Helpers for the property and fault tests: run the real ns binaries on
real files. Environment: NS_BIN_DIR (the build folder) and NS_ROOT (the
source tree), set by CTest."""
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

BIN_DIR = os.environ["NS_BIN_DIR"]
ROOT = os.environ["NS_ROOT"]
NS_INDEX = os.path.join(BIN_DIR, "indexer", "ns-index")
NS_SEARCH = os.path.join(BIN_DIR, "searcher", "ns-search")
NS_SERVE = os.path.join(BIN_DIR, "server", "ns-serve")
SEARCH_PROBE = os.path.join(BIN_DIR, "tests", "property", "search_probe")
SCORES_PROBE = os.path.join(BIN_DIR, "tests", "property", "scores_probe")
DB_DUMP = os.path.join(BIN_DIR, "tests", "property", "db_dump")
DATA = os.path.join(ROOT, "data")
CORPUS = os.environ.get("NS_CORPUS") or os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus"))
SKIP = 77  # CTest's SKIP_RETURN_CODE for these tests
# make check-sanitize: the whole suite again under ASan/UBSan, within CI's
# time. There only corpus_count_test reads the shared corpus (every quirk of
# it through the sanitized reader); the other corpus-scale tests judge
# results that make test has judged, and make_corpus copies data/ instead.
SANITIZED = os.environ.get("NS_SANITIZED") == "1"


def corpus_news_dirs(under_sanitizers=False):
    """The corpus _news folders, or [] when ../shared/corpus is not there
    (or this is the sanitized run and the caller did not ask for it)."""
    if not os.path.isdir(CORPUS) or (SANITIZED and not under_sanitizers):
        return []
    dirs = []
    for name in sorted(os.listdir(CORPUS)):
        news = os.path.join(CORPUS, name, "_news")
        if os.path.isdir(news):
            dirs.append(news)
    return dirs


def skip_under_sanitizers():
    """Exits with SKIP, saying so, in the sanitized run (corpus-scale tests)."""
    if SANITIZED:
        print("SKIP: not run under the sanitizers; make test runs it on the shared corpus")
        sys.exit(SKIP)


def corpus_news_dirs_or_skip(under_sanitizers=False):
    """The corpus _news folders; exits with SKIP, saying so, when the corpus
    is not there or this is the sanitized run."""
    if not under_sanitizers:
        skip_under_sanitizers()
    dirs = corpus_news_dirs(under_sanitizers)
    if not dirs:
        print(f"SKIP: {CORPUS} is not there; this test needs the shared corpus")
        sys.exit(SKIP)
    return dirs


def cjk_folder_or_skip():
    """The corpus's CJK headline sets (../shared/corpus/cjk); exits with
    SKIP, saying so, when they are not there."""
    folder = os.path.join(CORPUS, "cjk")
    if not os.path.isdir(folder):
        print(f"SKIP: {folder} is not there; this test needs the shared corpus")
        sys.exit(SKIP)
    return folder


def thucnews_titles(cjk, part):
    """The THUCNews headlines of part ("dev" or "test") in the cjk folder."""
    with open(os.path.join(cjk, "thucnews-titles", part + ".txt"), encoding="utf-8") as f:
        return [line.rsplit("\t", 1)[0] for line in f if line.strip()]


def korean_titles(cjk):
    """The distinct non-blank Korean headlines in the cjk folder, sorted."""
    titles = set()
    folder = os.path.join(cjk, "korean-news-titles")
    for name in sorted(os.listdir(folder)):
        if name.endswith(".news_title.txt"):
            with open(os.path.join(folder, name), encoding="utf-8", newline="") as f:
                titles.update(row[0] for row in csv.reader(f) if row and row[0].strip())
    return sorted(titles)


def is_cjk(c):
    """Whether character c is Chinese, Japanese or Korean (by its name)."""
    name = unicodedata.name(c, "")
    return any(script in name for script in ("CJK", "HANGUL", "HIRAGANA", "KATAKANA"))


def title_of(path):
    """The title line's value of an article file (quotes undone), or None."""
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("title:"):
                value = line[len("title:"):].strip()
                if value.startswith('"') and value.endswith('"'):
                    value = value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
                return value
    return None


def read_text(path):
    """A file's text, line ends as they are."""
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def write_text(path, text):
    """Writes text to path, line ends as they are."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def article_files(root):
    """The article files (.md, .txt) under root, sorted."""
    out = []
    for d, _, names in os.walk(root):
        out += [os.path.join(d, n) for n in names if n.endswith((".md", ".txt"))]
    return sorted(out)


def index(db, *paths, check=True, extra=()):
    """Runs ns-index; returns the CompletedProcess."""
    proc = subprocess.run([NS_INDEX, "--db", db, *extra, *paths], capture_output=True, text=True)
    if check and proc.returncode not in (0, 1):
        fail(f"ns-index exited {proc.returncode}: {proc.stderr}")
    return proc


def dump(db, first_seen=False):
    """Every document of db by id term: terms, positions, values, data. The
    values of when each article entered the database only with first_seen:
    databases built at other times, or afresh, differ there by design (a
    fresh build has no history; new_since_test checks that --rebuild in
    place and incremental runs keep it)."""
    args = [DB_DUMP, db] if first_seen else [DB_DUMP, "--no-first-seen", db]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def first_difference(a, b):
    """The first line where two dumps differ, with its document, or None."""
    doc = ""
    for x, y in zip(a.splitlines(), b.splitlines()):
        if not x.startswith(" "):
            doc = x
        if x != y:
            return f"document {bytes.fromhex(doc).decode(errors='replace')!r}: {x!r} vs {y!r}"
    return None if len(a) == len(b) else "one dump is longer"


def held_articles(stderr):
    """The article count from ns-index's summary line."""
    m = re.search(r"the database holds (\d+) article", stderr)
    if not m:
        fail(f"no summary line in: {stderr!r}")
    return int(m.group(1))


def independent_count(*paths):
    """Articles in paths by tests/corpus/count_articles.py (no YAML, no ns code)."""
    counter = os.path.join(ROOT, "tests", "corpus", "count_articles.py")
    out = subprocess.run([sys.executable, counter, *paths], capture_output=True, text=True,
                         check=True).stdout
    return int(out)


def without_first_seen(doc):
    """A JSON result without the revision and each hit's first-seen fields
    (see dump)."""
    doc.pop("revision", None)
    for hit in doc.get("hits", []):
        for h in [hit] + hit.get("folded", []):
            h.pop("first_seen", None)
            h.pop("first_seen_revision", None)
    return doc


def search_json(db, query, limit=100000, first_seen=False):
    """Runs ns-search --format json; returns (exit status, parsed output or
    None), without first-seen fields unless first_seen (see dump)."""
    proc = subprocess.run([NS_SEARCH, "--db", db, "-f", "json", "-n", str(limit), query],
                          capture_output=True, text=True)
    if proc.returncode == 2:
        return 2, proc.stderr
    doc = json.loads(proc.stdout)
    return proc.returncode, doc if first_seen else without_first_seen(doc)


def index_generated(tmp, count, article):
    """Writes count files made by article(i) under tmp/news and indexes them
    into tmp/db; returns the database's path."""
    news = os.path.join(tmp, "news")
    os.makedirs(news)
    for i in range(count):
        with open(os.path.join(news, f"{i:03d}.md"), "w", encoding="utf-8") as f:
            f.write(article(i))
    db = os.path.join(tmp, "db")
    index(db, news)
    return db


def index_corpus_or_say(tmp):
    """Indexes ../shared/corpus into tmp/corpus-db and returns its path; None,
    saying so, when the corpus is not there or this is the sanitized run."""
    dirs = corpus_news_dirs()
    if not dirs:
        print(f"SKIP (corpus part): {CORPUS} is not there or this is the sanitized run")
        return None
    db = os.path.join(tmp, "corpus-db")
    index(db, *dirs)
    return db


def make_corpus(dest, min_files):
    """Fills dest with article files: the corpus _news folders when present,
    else copies of data/ with distinct titles and URLs, at least min_files."""
    dirs = corpus_news_dirs()
    if SANITIZED:
        # The sanitized ns-index is several times slower: half the copies
        # still outlast the waits of the tests that use them.
        min_files //= 2
    if dirs:
        for d in dirs:
            shutil.copytree(d, os.path.join(dest, os.path.basename(os.path.dirname(d))))
        return "../shared/corpus"
    sources = []
    for root, _, names in os.walk(DATA):
        sources += [os.path.join(root, n) for n in sorted(names)]
    copies = 0
    while copies < min_files:
        for src in sources:
            with open(src, encoding="utf-8", newline="") as f:
                text = f.read()
            text = re.sub(r'^title: "?', lambda m: m.group(0) + f"copy{copies} ", text, count=1,
                          flags=re.M)
            text = re.sub(r'^(webUrl|originalUrl): "?(https?://)', rf'\g<0>copy{copies}.', text,
                          flags=re.M)
            sub = os.path.join(dest, f"part{copies // 500:03d}")
            os.makedirs(sub, exist_ok=True)
            with open(os.path.join(sub, f"{copies:05d}.md"), "w", encoding="utf-8", newline="") as f:
                f.write(text)
            copies += 1
    return f"{copies} copies of data/"


class _KeptDir:
    """A temporary folder left in place for debugging (NS_KEEP_TMP=1)."""

    def __enter__(self):
        self.path = tempfile.mkdtemp(prefix="ns-property-")
        print(f"keeping {self.path}")
        return self.path

    def __exit__(self, *exc):
        return False


def probe(db, lines):
    """Runs search_probe over (mode, query, path) triples; returns
    (exit status, failure lines, summary line)."""
    text = "".join(f"{m}\t{q}\t{p}\n" for m, q, p in lines)
    proc = subprocess.run([SEARCH_PROBE, db], input=text, capture_output=True, text=True)
    out = proc.stdout.strip().splitlines()
    if proc.returncode == 2 or not out:
        fail(f"search_probe failed: {proc.stderr}")
    return proc.returncode, out[:-1], out[-1]


def yaml_quote(text):
    """text as a double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def unprivileged(tmp):
    """The prefix that runs a command without the right to ignore file
    modes: nothing for a plain user; for root, setpriv dropping the
    capabilities that let it read and write anything. None when that
    cannot be done here."""
    if os.geteuid() != 0:
        return []
    prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    probe = os.path.join(tmp, "mode-000")
    with open(probe, "w") as f:
        f.write("secret")
    os.chmod(probe, 0)
    try:
        proc = subprocess.run(prefix + ["cat", probe], capture_output=True)
    except FileNotFoundError:
        return None
    return prefix if proc.returncode != 0 else None


def temp_dir():
    if os.environ.get("NS_KEEP_TMP"):
        return _KeptDir()
    return tempfile.TemporaryDirectory(prefix="ns-property-")


class Server:
    """A real ns-serve on an ephemeral loopback port: with Server(db) as s:
    s.get("/healthz") -> (status, headers, body bytes)."""

    def __init__(self, db, *args):
        self.proc = subprocess.Popen([NS_SERVE, "--db", db, "--listen", "127.0.0.1:0", *args],
                                     stderr=subprocess.PIPE, text=True)
        self.line = self.proc.stderr.readline()
        m = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", self.line)
        if not m:
            self.proc.kill()
            fail(f"ns-serve did not start: {self.line!r} {self.proc.stderr.read()}")
        self.base = f"http://127.0.0.1:{m.group(1)}"
        self.port = int(m.group(1))

    def get(self, path, method="GET", data=None):
        import urllib.error
        import urllib.request
        req = urllib.request.Request(self.base + path, method=method, data=data)
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    def stop(self):
        """SIGTERM; returns the exit status."""
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            return self.proc.wait(timeout=10)
        finally:
            self.proc.stderr.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        return False


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)
    print(f"ok: {message}")
