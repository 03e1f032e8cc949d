#!/usr/bin/env python3
"""The shell completions (completions/) offer what the programs take: run
in a real bash, fish and zsh (on a pseudo-terminal), they complete the
options --help declares, the values of options with a fixed set (as --help
lists them), and for --topic, --site, --lang... the values in the database
of the command line's --db or of $NS_DB; ns-index's --forget, the roots;
ns-serve's --listen, its addresses, and --db folders (not files). zsh's
files also parse (zsh -n) and name exactly --help's options."""
import atexit
import os
import re
import shutil
import subprocess
import tempfile

import nslib

COMPLETIONS = os.path.join(nslib.ROOT, "completions")
# The shells keep files under HOME (fish's variables, zsh's dump): a home of
# this run's own, so runs beside each other (make test, check-sanitize) do
# not share them.
os.environ["HOME"] = tempfile.mkdtemp(prefix="ns-completion-home-")
atexit.register(shutil.rmtree, os.environ["HOME"], True)
os.environ.pop("XDG_CONFIG_HOME", None)
os.environ.pop("XDG_DATA_HOME", None)


def help_options(program):
    """--help's options: name -> (value name, description), short ones too."""
    text = subprocess.run([program, "--help"], capture_output=True, text=True, check=True).stdout
    options, current = {}, None
    for line in text.splitlines():
        m = re.match(r"  (?:-(\w) \[ )?(--[a-z][a-z0-9-]*|-\w)(?: \])? ?(\S*)(?: \(=\S*\))?\s*(.*)",
                     line)
        if m:
            names = [m.group(2)] + (["-" + m.group(1)] if m.group(1) else [])
            current = [m.group(3), m.group(4)]
            for n in names:
                options[n] = current
        elif current and line.startswith(" " * 20):
            current[1] += " " + line.strip()
        else:
            current = None
    return options


def bash_complete(script, function, words, env=None):
    """COMPREPLY of function for words (the last being completed), in bash."""
    code = ('source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); '
            f'{function}; printf "%s\\n" "${{COMPREPLY[@]}}"')
    out = subprocess.run(["bash", "--norc", "-c", code, "bash", script, *words],
                         capture_output=True, text=True, env=env, check=True).stdout
    return set(out.split("\n")) - {""}


def fish_complete(script, line, env=None):
    """The completions fish offers for line (without their descriptions)."""
    env = dict(env or os.environ, NS_LINE=line)
    out = subprocess.run(["fish", "--no-config", "-c", f'source {script}; complete -C"$NS_LINE"'],
                         capture_output=True, text=True, env=env, check=True).stdout
    return {row.split("\t")[0] for row in out.splitlines()}


def zsh_complete(line, dump, env=None):
    """The matches zsh's completion offers for line (tests/property/zsh_complete.zsh)."""
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "zsh_complete.zsh")
    # On a loaded machine the pseudo-terminal may give back the line
    # before zsh has listed the matches (a fresh clone's make test failed so
    # twice, "--color" offering nothing): an empty answer is asked again,
    # twice at most.
    for _ in range(3):
        out = subprocess.run(["zsh", "-f", script, COMPLETIONS, dump, line], capture_output=True,
                             text=True, env=env, timeout=60, check=True).stdout
        matches = set(re.findall(r"<<(.*?)>>", out))
        if matches:
            return matches
    return matches


def list_values(db, field):
    out = subprocess.run([nslib.NS_SEARCH, "--db", db, "--list-values", field],
                         capture_output=True, text=True, check=True).stdout
    return set(out.splitlines())


search_options = help_options(nslib.NS_SEARCH)
index_options = help_options(nslib.NS_INDEX)
serve_options = help_options(nslib.NS_SERVE)
# What ns-serve's --listen offers: the default, every interface, a free port.
ADDRESSES = {"127.0.0.1:8080", "0.0.0.0:8080", "127.0.0.1:0"}
# Options whose value is one of a fixed set, as --help shows it: a|b|c.
choices = {name: set(value.split("|")) for name, (value, _) in search_options.items()
           if "|" in value and name.startswith("--")}
nslib.check({"--format", "--sort", "--color", "--typos", "--facet-sort"} <= choices.keys(),
            f"--help lists the choices of {sorted(choices)}")
facets = set(re.search(r"every word: ([a-z, ]+)$", search_options["--facet"][1]).group(1)
             .split(", "))
fields = set(re.search(r"from ([a-z_, ]+)$", search_options["--fields"][1]).group(1)
             .split(", "))
filter_fields = set(re.search(r"FIELD: ([a-z, ]+)$", search_options["--list-values"][1])
                    .group(1).split(", "))

with nslib.temp_dir() as tmp:
    db = os.path.join(tmp, "db")
    nslib.index(db, nslib.DATA)
    no_db_env = dict(os.environ, HOME=tmp)
    no_db_env.pop("NS_DB", None)
    topics = list_values(db, "topic")
    nslib.check("ai ethics" in topics, f"the database holds {len(topics)} topics")

    bash_search = os.path.join(COMPLETIONS, "ns-search.bash")
    def search(*words, env=no_db_env):
        return bash_complete(bash_search, "_ns_search", [nslib.NS_SEARCH, *words], env)
    got = search("-")
    nslib.check(got == set(search_options), f"bash: ns-search - offers --help's {len(got)} options"
                f" (missing {sorted(set(search_options) - got)}, extra {sorted(got - set(search_options))})")
    nslib.check(search("--so") == {"--sort", "--some-words"}, "bash: --so offers --sort, --some-words")
    for option, values in sorted(choices.items()):
        nslib.check(search(option, "") == values, f"bash: {option} offers {sorted(values)}")
    # bash splits "--format=j" at "=" into three words.
    nslib.check(search("--format", "=", "j") == {"json", "jsonl"} and
                search("--format", "=", "") == choices["--format"], "bash: --format=VALUE too")
    nslib.check(search("--facet", "") == facets, f"bash: --facet offers {sorted(facets)}")
    nslib.check(search("--facet", "topic,pr") == {"topic,provider"},
                "bash: --facet topic,pr completes the list's last item")
    nslib.check(search("--fields", "") == fields, "bash: --fields offers the tsv columns")
    nslib.check(search("--list-values", "") == filter_fields,
                f"bash: --list-values offers {sorted(filter_fields)}")
    got = search("--db", db, "--topic", "")
    nslib.check(got == {v.replace(" ", "\\ ") for v in topics},
                f"bash: --topic offers the database's {len(topics)} topics, quoted")
    nslib.check(search("--db", db, "--topic", "ai") == {"ai", "ai\\ ethics"},
                "bash: --topic ai offers ai and ai\\ ethics")
    nslib.check(search("--db", db, "--topic", "ai\\ e") == {"ai\\ ethics"},
                "bash: --topic ai\\ e (typed quoted) offers ai\\ ethics")
    nslib.check(search("--db", "=", db, "--site", "bio") == {"biometricupdate.com"},
                "bash: --db=DB --site bio offers biometricupdate.com")
    nslib.check(search("--lang", "", env=dict(no_db_env, NS_DB=db)) == list_values(db, "lang"),
                "bash: with $NS_DB, --lang offers its languages")
    nslib.check(search("--topic", "") == set(), "bash: no database, no topics (and no error)")

    bash_index = os.path.join(COMPLETIONS, "ns-index.bash")
    def index(*words):
        return bash_complete(bash_index, "_ns_index", [nslib.NS_INDEX, *words], no_db_env)
    got = index("-")
    nslib.check(got == set(index_options), f"bash: ns-index - offers --help's {len(got)} options")
    nslib.check(index("--db", db, "--forget", "") == {os.path.realpath(nslib.DATA)},
                "bash: ns-index --forget offers the database's root")

    # --db offers folders only: a folder and a file that both start "d-".
    os.mkdir(os.path.join(tmp, "d-folder"))
    open(os.path.join(tmp, "d-file"), "w").close()
    def folders(matches):
        return {os.path.basename(m.rstrip("/")) for m in matches} & {"d-folder", "d-file"}

    bash_serve = os.path.join(COMPLETIONS, "ns-serve.bash")
    def serve(*words):
        return bash_complete(bash_serve, "_ns_serve", [nslib.NS_SERVE, *words], no_db_env)
    got = serve("-")
    nslib.check(got == set(serve_options), f"bash: ns-serve - offers --help's {len(got)} options"
                f" (missing {sorted(set(serve_options) - got)}, extra {sorted(got - set(serve_options))})")
    nslib.check(serve("--listen", "") == ADDRESSES and serve("--listen", "=", "0") == {"0.0.0.0:8080"},
                f"bash: ns-serve --listen offers {sorted(ADDRESSES)}, --listen=0 0.0.0.0:8080")
    nslib.check(folders(serve("--db", os.path.join(tmp, "d-"))) == {"d-folder"},
                "bash: ns-serve --db offers folders")

    # fish and zsh: the same checks; each shows the last item of a list
    # its own way.
    dump = os.path.join(tmp, "zcompdump")
    shells = {
        "fish": lambda program, line, env: fish_complete(
            os.path.join(COMPLETIONS, os.path.basename(program) + ".fish"), f"{program} {line}",
            env),
        "zsh": lambda program, line, env: zsh_complete(f"{program} {line}", dump, env),
    }
    list_item = {"fish": {"topic,provider"}, "zsh": {"provider"}}
    longs = {o for o in search_options if o.startswith("--")}
    index_longs = {o for o in index_options if o.startswith("--")}
    for shell, complete in shells.items():
        def search(line, env=no_db_env):
            return complete(nslib.NS_SEARCH, line, env)
        got = search("--")
        nslib.check(got == longs, f"{shell}: ns-search -- offers --help's {len(got)} long "
                    f"options (missing {sorted(longs - got)}, extra {sorted(got - longs)})")
        for option, values in sorted(choices.items()):
            nslib.check(search(option + " ") == values, f"{shell}: {option} offers {sorted(values)}")
        nslib.check(search("--facet topic,pr") == list_item[shell],
                    f"{shell}: --facet topic,pr offers {list_item[shell]}")
        nslib.check(search(f"--db {db} --topic ai") == {"ai", "ai ethics"},
                    f"{shell}: --topic ai offers the database's ai and ai ethics")
        nslib.check(search(f"--db={db} --site bio") == {"biometricupdate.com"},
                    f"{shell}: --db=DB --site bio offers biometricupdate.com")
        nslib.check(search("--lang ", env=dict(no_db_env, NS_DB=db)) == list_values(db, "lang"),
                    f"{shell}: with $NS_DB, --lang offers its languages")
        nslib.check(complete(nslib.NS_INDEX, "--", no_db_env) == index_longs,
                    f"{shell}: ns-index -- offers --help's long options")
        nslib.check(complete(nslib.NS_INDEX, f"--db {db} --forget ", no_db_env) ==
                    {os.path.realpath(nslib.DATA)}, f"{shell}: ns-index --forget offers the root")
        serve_longs = {o for o in serve_options if o.startswith("--")}
        nslib.check(complete(nslib.NS_SERVE, "--", no_db_env) == serve_longs,
                    f"{shell}: ns-serve -- offers --help's long options")
        nslib.check(complete(nslib.NS_SERVE, "--listen ", no_db_env) == ADDRESSES,
                    f"{shell}: ns-serve --listen offers {sorted(ADDRESSES)}")
        got = complete(nslib.NS_SERVE, "--db " + os.path.join(tmp, "d-"), no_db_env)
        nslib.check(folders(got) == {"d-folder"}, f"{shell}: ns-serve --db offers folders")

for program, options in (("ns-search", search_options), ("ns-index", index_options),
                         ("ns-serve", serve_options)):
    script = os.path.join(COMPLETIONS, "_" + program)
    parsed = subprocess.run(["zsh", "-n", script], capture_output=True, text=True)
    nslib.check(parsed.returncode == 0, f"zsh: _{program} parses {parsed.stderr.strip()}")
    with open(script, encoding="utf-8") as f:
        named = set(re.findall(r"--[a-z][a-z0-9-]*", f.read()))
    longs = {o for o in options if o.startswith("--")}
    nslib.check(named == longs, f"zsh: _{program} names --help's long options "
                f"(missing {sorted(longs - named)}, extra {sorted(named - longs)})")
