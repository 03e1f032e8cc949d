#!/usr/bin/env python3
"""Issue 27, point 13 (last part): a served shard that stops in the middle
of a --batch. Three shards of data/ served by xapian-tcpsrv, one --batch
answering a line, then that shard's server stopped: without
--allow-partial the error names the shard (exit 2), where it was a bare
"write failed (Broken pipe)"; with it, the shard is said to be left out
and every later line is answered from the others (they went unanswered).
A single search after the stop names the shard the same way."""
import os
import signal
import socket
import subprocess
import time

import nslib


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(shard):
    """xapian-tcpsrv on a free port for shard, in a session of its own
    (it signals its process group when stopped); (process, port)."""
    for _ in range(5):
        port = free_port()
        proc = subprocess.Popen(["xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1",
                                 "--port", str(port), shard], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    return proc, port
            except OSError:
                if proc.poll() is not None:
                    break
                time.sleep(0.05)
        proc.kill()
        proc.wait()
    nslib.fail(f"xapian-tcpsrv did not start for {shard}")


def batch_with_stop(stub, server, extra):
    """Runs --batch over stub: one line, then server stopped, then three
    more; returns (exit status, stdout lines, stderr)."""
    proc = subprocess.Popen([nslib.NS_SEARCH, "--db", stub, "--batch", *extra],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    proc.stdin.write("sensetime\n")
    proc.stdin.flush()
    first = proc.stdout.readline()
    os.killpg(server.pid, signal.SIGTERM)
    server.wait()
    out, err = proc.communicate("ipo\nvaccine\nmarket\n", timeout=60)
    return proc.returncode, [first] + out.splitlines(), err


def main():
    with nslib.temp_dir() as tmp:
        db = os.path.join(tmp, "db")
        nslib.index(db, nslib.DATA, extra=("--shards", "3"))
        shards = [os.path.join(db, f"shard-{k}") for k in (1, 2, 3)]
        for extra in ((), ("--allow-partial",)):
            servers = [start_server(s) for s in shards]
            stub = os.path.join(tmp, "cluster.stub")
            with open(stub, "w") as f:
                f.writelines(f"remote 127.0.0.1:{port}\n" for _, port in servers)
            gone = f'shard "remote 127.0.0.1:{servers[1][1]}"'
            try:
                status, lines, err = batch_with_stop(stub, servers[1][0], extra)
                if extra:
                    nslib.check(status == 0 and len(lines) == 4 and
                                all('"error"' not in line for line in lines) and
                                f"{gone}: left out" in err,
                                f"--allow-partial: the stopped shard named as left out, every "
                                f"later line answered ({len(lines)} lines)")
                else:
                    nslib.check(status == 2 and f"ns-search: {stub}: {gone}: cannot open it" in err,
                                f"the stopped shard named, exit 2 ({err.strip()[:160]})")
                    proc = subprocess.run([nslib.NS_SEARCH, "--db", stub, "ipo"],
                                          capture_output=True, text=True)
                    nslib.check(proc.returncode == 2 and gone in proc.stderr,
                                "a single search after the stop names it too")
            finally:
                for proc, _ in servers:
                    if proc.poll() is None:
                        os.killpg(proc.pid, signal.SIGTERM)
                        proc.wait()


if __name__ == "__main__":
    main()
