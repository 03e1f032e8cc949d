#!/usr/bin/env python3
"""ns-serve over HTTP, a real server on an ephemeral loopback port over
data/ (and two fixture articles): every endpoint and error status; the
search API answers byte for byte what ns-search --format json prints for
the same options (60 queries with options); an article titled with markup
comes back as plain text in JSON; a commit of ns-index is seen by the next
request without a restart; a full queue answers 503 with Retry-After;
SIGTERM and SIGINT stop it with exit 0; bad command lines exit 2."""
import json
import os
import shutil
import socket
import subprocess
import threading
import urllib.parse

import nslib

XSS = "<img src=x onerror=alert(1)>"

QUERIES = ["remdesivir", "coronavirus", "SenseTime IPO", "商汤科技", "power apps", "japan approves",
           "\"hong kong\"", "ipo OR ban", "covid -japan", "remdesevir", "iphone13", "センスタイム",
           "title:remdesivir", "mask*", "nursing student", "zzqx", "date:2020-05", "*",
           "quality:60..", "AI ethics", "Washington parties", "gowns Turkey", "중국 AI",
           "Sweden", "relief bill", "amazon sagemaker", "hugging face", XSS]
OPTIONS = [{}, {"limit": "3"}, {"some_words": "1", "facets": "1"}, {"sort": "date", "limit": "5"},
           {"collapse": "false"}, {"expand": "1", "limit": "4"},
           {"facet": "lang,year", "facet_sort": "value"},
           {"offset": "2", "limit": "2"}, {"explain": "1"}, {"lang": "en", "min_quality": "50"},
           {"topic": ["Coronavirus", "AI"], "recent": "1", "as_of": "2020-06-01"},
           {"typos": "off"}, {"all_words": "1", "exact_total": "1"}]


def flags(options):
    out = []
    for name, value in options.items():
        flag = "--" + name.replace("_", "-")
        values = value if isinstance(value, list) else [value]
        if name == "collapse":
            out.append("--no-collapse")
        elif value == "1" and name in ("some_words", "facets", "expand", "explain", "recent",
                                        "all_words", "exact_total"):
            out.append(flag)
        else:
            out += [f"{flag}={v}" for v in values]
    return out


def query_string(query, options):
    pairs = [("q", query)]
    for name, value in options.items():
        pairs += [(name, v) for v in (value if isinstance(value, list) else [value])]
    return urllib.parse.urlencode(pairs)


def cli(db, args):
    return subprocess.run([nslib.NS_SEARCH, "--db", db, "--format", "json", *args],
                          capture_output=True)


with nslib.temp_dir() as tmp:
    news = os.path.join(tmp, "news")
    shutil.copytree(nslib.DATA, news)
    with open(os.path.join(news, "xss.md"), "w", encoding="utf-8") as f:
        f.write(f"---\ntitle: {nslib.yaml_quote(XSS)}\nexcerpt: Markup in a title, shown as text.\n"
                "webUrl: https://example.com/xss\n---\n")
    db = os.path.join(tmp, "db")
    nslib.index(db, news)

    with nslib.Server(db, "--threads", "3") as server:
        # The search API is ns-search --format json, byte for byte.
        differ = []
        compared = 0
        for i, query in enumerate(QUERIES):
            for options in (OPTIONS[i % len(OPTIONS)], OPTIONS[(i + 5) % len(OPTIONS)],
                            OPTIONS[(i + 9) % len(OPTIONS)]):
                status, headers, body = server.get("/api/v1/search?" + query_string(query, options))
                expected = cli(db, flags(options) + ["--", query])
                compared += 1
                if status != 200 or body != expected.stdout:
                    differ.append((query, options, status, body[:200], expected.stdout[:200]))
        nslib.check(not differ and compared >= 60,
                    f"{compared} queries with options: the API's body is ns-search's JSON byte "
                    f"for byte (differ: {differ[:2]})")
        status, headers, body = server.get("/api/v1/search?q=" + urllib.parse.quote(XSS))
        hit = json.loads(body)["hits"][0]
        nslib.check(hit["title"] == XSS and headers.get("Content-Type") == "application/json",
                    "an article titled with markup comes back as a JSON string, as written")

        # Bad parameters: 400 with ns-search's own message.
        for params, flag_args in ((("q", "x"), ("limit", "abc")), ["--limit=abc", "--", "x"]), \
                                 ((("q", "date:soon"),), ["--", "date:soon"]), \
                                 ((("q", "x"), ("sort", "size")), ["--sort=size", "--", "x"]):
            status, _, body = server.get("/api/v1/search?" + urllib.parse.urlencode(params))
            message = json.loads(body)["error"]
            stderr = cli(db, flag_args).stderr.decode()
            nslib.check(status == 400 and message in stderr and stderr.startswith("ns-search: "),
                        f"{params}: 400 with ns-search's message ({message!r})")
        for query, why in (("q=x&frob=1", "unknown parameter"), ("q=x&limit=1&limit=2", "given 2 times"),
                           ("q=x&expand=maybe", "expected true or false"), ("", "no QUERY given")):
            status, _, body = server.get("/api/v1/search?" + query)
            nslib.check(status == 400 and why in json.loads(body)["error"],
                        f"{query!r}: 400, {why}")

        # One article with its story.
        _, _, body = server.get("/api/v1/search?q=remdesivir&limit=1")
        first = json.loads(body)["hits"][0]
        status, _, body = server.get("/api/v1/article/" + urllib.parse.quote(first["id"], safe=""))
        article = json.loads(body)
        siblings = json.loads(cli(db, ["--no-collapse", "-n", "1000", "--",
                                       "story:" + first["story"]]).stdout)["hits"]
        nslib.check(status == 200 and article["article"]["id"] == first["id"] and
                    sorted(h["id"] for h in article["story"]) ==
                    sorted(h["id"] for h in siblings if h["id"] != first["id"]) and
                    len(article["story"]) == first["more"],
                    f"article/ID: the article and the {len(article['story'])} others of its story")
        status, _, body = server.get("/api/v1/article/" + urllib.parse.quote("/no/such.md", safe=""))
        nslib.check(status == 404 and "no article" in json.loads(body)["error"],
                    "article/ID of no article: 404")

        # Completions of the last word, CJK too.
        _, _, body = server.get("/api/v1/suggest?q=japan+remd")
        words = [s["text"] for s in json.loads(body)["suggestions"]]
        nslib.check(words[:1] == ["japan remdesivir"], f"suggest completes the last word: {words}")
        _, _, body = server.get("/api/v1/suggest?q=" + urllib.parse.quote("商"))
        words = [s["word"] for s in json.loads(body)["suggestions"]]
        nslib.check(any(w.startswith("商汤") for w in words), f"suggest completes CJK: {words}")

        # Health, unknown paths, other methods, the page and its policy.
        status, _, body = server.get("/healthz")
        health = json.loads(body)
        count = int(subprocess.run([nslib.NS_SEARCH, "--db", db, "--no-collapse", "-c", "*"],
                                   capture_output=True, text=True).stdout)
        nslib.check(status == 200 and health["articles"] == count and health["revision"] >= 1,
                    f"/healthz: {health}")
        nslib.check(server.get("/api/v2/search")[0] == 404 and server.get("/etc/passwd")[0] == 404
                    and server.get("/../README.md")[0] in (400, 404), "unknown paths: 404")
        for method in ("POST", "PUT", "DELETE"):
            status, headers, _ = server.get("/api/v1/search?q=x", method=method, data=b"")
            nslib.check(status == 405 and headers.get("Allow") == "GET", f"{method}: 405, Allow: GET")
        status, headers, body = server.get("/")
        policy = headers.get("Content-Security-Policy", "")
        nslib.check(status == 200 and b"<html" in body and "script-src 'self'" in policy and
                    "unsafe-inline" not in policy, "the page, with a policy against inline script")
        nslib.check("Access-Control-Allow-Origin" not in server.get("/healthz")[1],
                    "no CORS header unless --cors")

        # A commit of ns-index is seen by the next request, no restart.
        with open(os.path.join(news, "new.md"), "w", encoding="utf-8") as f:
            f.write("---\ntitle: Zebrafish regrow hearts\nwebUrl: https://example.com/z\n---\n")
        nslib.index(db, news)
        _, _, body = server.get("/api/v1/search?q=zebrafish")
        nslib.check(json.loads(body)["total"] == 1, "an article indexed while serving is found")
        nslib.check(server.stop() == 0, "SIGTERM: exit 0")

    # A full queue: 503 with Retry-After. One search at a time, none
    # waiting, 12 clients at once: some are refused, the others answered.
    # Idle connections held open hold no search back.
    with nslib.Server(db, "--threads", "1", "--queue", "0", "--cors", "https://news.example") as server:
        idle = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(4)]
        answers, lock = [], threading.Lock()

        def client():
            for _ in range(15):
                status, headers, _ = server.get("/api/v1/search?some_words=1&facets=1&q=" +
                                                urllib.parse.quote("coronavirus Japan remdesivir"))
                with lock:
                    answers.append((status, headers.get("Retry-After")))

        clients = [threading.Thread(target=client) for _ in range(12)]
        for t in clients:
            t.start()
        for t in clients:
            t.join()
        refused = [a for a in answers if a[0] == 503]
        nslib.check(refused and all(a == (503, "1") for a in refused) and
                    all(a[0] in (200, 503) for a in answers) and len(refused) < len(answers),
                    f"one search at a time, none waiting: {len(refused)} of {len(answers)} refused "
                    f"with 503 and Retry-After, the others 200")
        status, headers, _ = server.get("/api/v1/search?q=remdesivir")
        nslib.check(status == 200 and headers.get("Access-Control-Allow-Origin") ==
                    "https://news.example", f"then 200 again; --cors names the origin ({status})")
        for s in idle:
            s.close()
        server.stop()

    with nslib.Server(db) as server:
        server.proc.send_signal(2)  # SIGINT, as Ctrl-C
        nslib.check(server.proc.wait(timeout=10) == 0, "SIGINT: exit 0")
        server.proc.stderr.close()

    # Bad command lines and databases: exit 2 with a message.
    for args, what in ((["--db", db, "--listen", "nowhere"], "--listen"),
                       (["--db", os.path.join(tmp, "none")], "none"),
                       (["--db", db, "--threads", "x"], "--threads")):
        proc = subprocess.run([nslib.NS_SERVE, *args], capture_output=True, text=True, timeout=30)
        nslib.check(proc.returncode == 2 and proc.stderr.startswith("ns-serve: ") and what in proc.stderr,
                    f"{args[2:] or args}: exit 2, {proc.stderr.strip()!r}")
