#!/usr/bin/env python3
"""ns reads front matter as YAML says, or says where it is wrong. Real
front-matter blocks (../shared/corpus, else data/) each get one random
typo: a quote, bracket, colon, dash, space, tab or newline deleted or
inserted, the block cut short, or a line duplicated (deterministic by
NS_SEED). Each mutated file is read by ns (front_matter_probe) and by
PyYAML's C parser (libyaml, python3-yaml). Where libyaml rejects the block,
ns must reject it; where libyaml reads it, ns must read the same article:
the reference is ns's own reading of libyaml's result written out as JSON
(which YAML reads one way only), so only the YAML syntax is under test, not
ns's field rules. The documented differences (docs/indexing.md, "The input format")
are counted apart; any other disagreement fails the test.

  NS_YAML_BLOCKS=N   how many mutated blocks (default 20000)
  NS_YAML_SHOW=N     print N examples of each kind of disagreement"""
import collections
import json
import os
import random
import subprocess
import sys

import yaml

import nslib

PROBE = os.path.join(nslib.BIN_DIR, "tests", "property", "front_matter_probe")
SEED = int(os.environ.get("NS_SEED", "26"))
BLOCKS = int(os.environ.get("NS_YAML_BLOCKS", "20000"))
SHOW = int(os.environ.get("NS_YAML_SHOW", "0"))
MAX_DEPTH = 40


def source_blocks():
    """The front-matter blocks of the corpus files (or data/'s), in order."""
    roots = nslib.corpus_news_dirs() or [nslib.DATA]
    blocks = []
    for root in roots:
        for folder, _, names in sorted(os.walk(root)):
            for name in sorted(names):
                with open(os.path.join(folder, name), encoding="utf-8", newline="") as f:
                    text = f.read().replace("\r", "")
                lines = text.split("\n")
                if not lines or lines[0].rstrip(" \t") != "---":
                    continue
                for end in range(1, len(lines)):
                    if lines[end].rstrip(" \t") == "---":
                        blocks.append("\n".join(lines[1:end]) + "\n")
                        break
    return blocks


def mutate(block, rng):
    """block with one typo, and the typo's kind."""
    kind = rng.choice(["delete", "delete", "insert", "insert", "cut", "duplicate"])
    if kind == "cut":
        return block[:rng.randrange(len(block))], "cut short"
    if kind == "duplicate":
        lines = block.split("\n")
        i = rng.randrange(max(1, len(lines) - 1))
        return "\n".join(lines[:i + 1] + lines[i:]), "line duplicated"
    chars = "\"'[]{}:- \t\n"
    if kind == "delete":
        at = [i for i, c in enumerate(block) if c in chars]
        if at:
            i = rng.choice(at)
            return block[:i] + block[i + 1:], f"{block[i]!r} deleted"
    c = rng.choice(chars)
    i = rng.randrange(len(block) + 1)
    return block[:i] + c + block[i:], f"{c!r} inserted"


def canonical(node, depth=0):
    """A composed YAML node as plain data: plain null-like scalars None,
    every other scalar its text (no type is resolved: ns reads text)."""
    if depth > MAX_DEPTH:
        raise RecursionError("nested too deep")
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:null":  # plain ~, null, Null, NULL or nothing
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [canonical(item, depth + 1) for item in node.value]
    out = {}
    for key, value in node.value:
        k = canonical(key, depth + 1)
        out["" if k is None else str(k) if not isinstance(k, (dict, list)) else "?"] = \
            canonical(value, depth + 1)
    return out


def duplicate_keys(node, depth=0):
    """Whether a mapping in node names one key twice (YAML forbids it)."""
    if depth > MAX_DEPTH:
        return False
    if isinstance(node, yaml.MappingNode):
        keys = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
        if len(keys) != len(set(keys)):
            return True
        return any(duplicate_keys(v, depth + 1) for _, v in node.value)
    if isinstance(node, yaml.SequenceNode):
        return any(duplicate_keys(v, depth + 1) for v in node.value)
    return False


def reference(block):
    """libyaml's reading of block: ("reject", reason) or ("json", text)."""
    try:
        node = yaml.compose(block, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as e:
        return "reject", str(e).split("\n")[0]
    except RecursionError:
        return "deep", None
    if node is not None and duplicate_keys(node):
        return "duplicate", None
    try:
        data = None if node is None else canonical(node)
    except RecursionError:
        return "deep", None
    return "json", json.dumps(data, ensure_ascii=False)


def probe(texts):
    proc = subprocess.run([PROBE], input="\0".join(texts).encode(), capture_output=True)
    lines = proc.stdout.decode().splitlines()
    if proc.returncode != 0 or len(lines) != len(texts):
        nslib.fail(f"front_matter_probe: {len(lines)} answers to {len(texts)}: "
                   f"{proc.stderr.decode()[-300:]}")
    return [json.loads(line) for line in lines]


def main():
    blocks = source_blocks()
    # Every real block reads as before: none refused, each as libyaml reads it.
    reads = probe(["---\n" + b + "---\n" for b in blocks])
    refused = [r["message"] for r in reads if not r["ok"]]
    refs = [reference(b) for b in blocks]
    alike = [r["article"] == w["article"] for r, w in
             zip(reads, probe(["---\n" + (ref[1] if ref[0] == "json" else "null") + "\n---\n"
                              for ref in refs]))
             if r["ok"] and w["ok"]]
    nslib.check(not refused and sum(alike) + sum(1 for ref in refs if ref[0] != "json") ==
                len(blocks), f"{len(blocks)} real blocks: none refused ({refused[:2]}), "
                             f"{sum(alike)} read as libyaml reads them, the others documented")
    rng = random.Random(SEED)
    cases = []
    while len(cases) < BLOCKS:
        mutated, typo = mutate(rng.choice(blocks), rng)
        cases.append((mutated, typo, *reference(mutated)))
    ns_reads = probe(["---\n" + c[0] + ("" if c[0].endswith("\n") else "\n") + "---\n"
                      for c in cases])
    refs = [i for i, c in enumerate(cases) if c[2] == "json"]
    ref_reads = dict(zip(refs, probe(["---\n" + cases[i][3] + "\n---\n" for i in refs])))

    counts = collections.Counter()
    examples = collections.defaultdict(list)
    for i, (mutated, typo, verdict, detail) in enumerate(cases):
        got = ns_reads[i]
        if verdict == "reject" and "unacceptable character" in detail and got["ok"]:
            kind = "documented: control characters YAML does not allow"
        elif verdict == "reject":
            kind = "agree: both reject" if not got["ok"] else "ns accepts what YAML rejects"
        elif verdict == "duplicate":
            kind = "documented: a key named twice is an error (PyYAML keeps the last)" \
                if not got["ok"] and "named twice" in got["message"] \
                else "a key named twice, not told as such"
        elif verdict == "deep":
            kind = "agree: nested too deep" if not got["ok"] else "ns accepts a block nested too deep"
        else:
            want = ref_reads[i]
            if want["ok"] != got["ok"]:
                kind = "ns rejects what YAML reads" if want["ok"] else "ns accepts what its rules reject"
            elif not got["ok"]:
                kind = "agree: both reject (ns's field rules)"
            else:
                kind = "agree: read alike" if got["article"] == want["article"] else \
                    "read differently"
        counts[kind] += 1
        if len(examples[kind]) < max(SHOW, 3):
            examples[kind].append((typo, mutated, detail, got))
    for kind, n in sorted(counts.items()):
        print(f"{n:6d}  {kind}")
        if SHOW and not kind.startswith("agree"):
            for typo, mutated, detail, got in examples[kind][:SHOW]:
                print(f"        {typo}: ns {got.get('message', 'ok')!r}; yaml {detail!r}\n"
                      f"        {mutated[:400]!r}")
    bad = {k: n for k, n in counts.items()
           if not k.startswith("agree") and not k.startswith("documented")}
    nslib.check(not bad, f"{len(cases)} mutated blocks: ns and libyaml agree or differ only as "
                         f"documented (disagreements: {bad})")


main()
