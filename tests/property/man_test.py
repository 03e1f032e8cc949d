#!/usr/bin/env python3
"""The man pages the build writes (docs/man/) render without a warning at
80 columns, have their sections, and name the options --help declares:
every option of --help is in the page's OPTIONS, and every option the page
names anywhere (its examples too) with two dashes is an option of --help."""
import os
import re
import subprocess

import nslib

PROGRAMS = {"ns-index": nslib.NS_INDEX, "ns-search": nslib.NS_SEARCH}
NS_SERVE = os.path.join(nslib.BIN_DIR, "server", "ns-serve")
if os.path.exists(NS_SERVE):
    PROGRAMS["ns-serve"] = NS_SERVE
SECTIONS = ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "OUTPUT",
            "ENVIRONMENT", "FILES", "EXAMPLES", "SEE ALSO"]
EXTRA_SECTIONS = {"ns-search": ["QUERY SYNTAX"], "ns-index": ["INPUT"], "ns-serve": ["ENDPOINTS"]}


def help_options(program):
    """The options --help declares: Boost's "  -f [ --format ] ARG" lines."""
    text = subprocess.run([program, "--help"], capture_output=True, text=True, check=True).stdout
    options = set()
    for line in text.splitlines():
        m = re.match(r"  (?:-(\w) \[ )?--([a-z][a-z0-9-]*)", line)
        if m:
            options.add("--" + m.group(2))
            if m.group(1):
                options.add("-" + m.group(1))
        elif re.match(r"  -(\w)\s", line):
            options.add(line.split()[0])
    return options


def page_sections(roff):
    """The page's .SH sections: name -> roff text."""
    sections, name = {}, None
    for line in roff.splitlines():
        m = re.match(r'\.SH "?([^"]*)"?$', line)
        if m:
            name = m.group(1)
            sections[name] = ""
        elif name:
            sections[name] += line + "\n"
    return sections


def option_tags(options_roff):
    """The tag lines of OPTIONS' .TP paragraphs, font escapes removed."""
    lines = options_roff.splitlines()
    tags = [lines[i + 1] for i, line in enumerate(lines[:-1]) if line == ".TP"]
    return [re.sub(r"\\f[BIR]", "", tag).replace("\\-", "-") for tag in tags]


# An option's tag: its names, a value name, a default. A --help line whose
# option fills Boost's column has one space before its text, and help2man
# then makes the text part of the tag (ns-serve's --listen and --timeout did).
TAG = re.compile(r"(-\w \[ )?--?[a-z0-9-]+( \])?( [A-Za-z/:|,.0-9]+)?( \(=[^ )]*\))?")


def named_options(roff, shorts=True):
    """Options written in roff: \\-\\-name, and \\fB\\-X\\fR unless not shorts
    (prose names other programs' short options: git ls-files -z)."""
    found = {"--" + m.replace("\\-", "-")
             for m in re.findall(r"\\-\\-([a-z][a-z0-9]*(?:\\-[a-z0-9]+)*)", roff)}
    if shorts:
        found |= {"-" + m for m in re.findall(r"\\fB\\-([A-Za-z0-9])\\f", roff)}
    return found


for name, program in PROGRAMS.items():
    page = os.path.join(nslib.BIN_DIR, "docs", "man", name + ".1")
    nslib.check(os.path.isfile(page), f"{name}: the build wrote {page}")
    env = dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8")
    shown = subprocess.run(["man", "--warnings", "-l", page], capture_output=True, text=True,
                           env=env)
    nslib.check(shown.returncode == 0 and shown.stderr == "",
                f"{name}: man --warnings -l renders it silently: {shown.stderr.strip()!r}")
    with open(page, encoding="utf-8") as f:
        roff = f.read()
    sections = page_sections(roff)
    wanted = SECTIONS + EXTRA_SECTIONS[name]
    missing = [s for s in wanted if not sections.get(s, "").strip()]
    nslib.check(not missing, f"{name}: sections {', '.join(wanted)} (missing: {missing})")
    declared = help_options(program)
    nslib.check(len(declared) > 5, f"{name}: --help declares {len(declared)} options")
    in_options = named_options(sections["OPTIONS"])
    nslib.check(declared <= in_options,
                f"{name}: every option of --help is in OPTIONS "
                f"(missing: {sorted(declared - in_options)})")
    bad_tags = [tag for tag in option_tags(sections["OPTIONS"]) if not TAG.fullmatch(tag)]
    nslib.check(not bad_tags, f"{name}: each option's tag in OPTIONS is the option alone, its "
                f"text below it (run together: {bad_tags})")
    named = named_options(roff, shorts=False)
    nslib.check(named <= declared,
                f"{name}: every long option the page names is in --help "
                f"(unknown: {sorted(named - declared)})")
