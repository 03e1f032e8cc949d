#!/usr/bin/env python3
"""Issue 27, point 1: editing one related entry of a file costs time
linear in the file's entries. A file with 1,000 and then 8,000 related
entries is indexed, one entry's title changed and the run repeated: the
8,000-entry edit takes at most 24 times the 1,000-entry one (8 is linear;
before, 1,000 entries took 2.5 s and 4,000 took 50 s, 19,000 took 563 s),
and the database then equals a fresh build of the edited file. The
entries are dated, so each has event band terms and a sketch too."""
import os
import time

import nslib


def write(path, entries, edited):
    with open(path, "w", encoding="utf-8") as f:
        f.write('---\ntitle: "A file with many related entries"\n'
                'webUrl: "https://main.example/story"\nrelated:\n')
        for i in range(entries):
            title = f"Related entry number {i} about topic {i % 97}"
            if edited and i == entries // 2:
                title += " now edited"
            f.write(f'  - title: "{title}"\n    webUrl: "https://rel.example/{i}"\n'
                    f'    excerpt: "Excerpt {i}"\n    publishedDateTime: 2020-05-07T10:00:00Z\n')
        f.write("---\n")


def edit_seconds(tmp, entries):
    folder = os.path.join(tmp, f"news-{entries}")
    os.makedirs(folder)
    path = os.path.join(folder, "a.md")
    db = os.path.join(tmp, f"db-{entries}")
    write(path, entries, False)
    nslib.index(db, folder)
    write(path, entries, True)
    start = time.monotonic()
    proc = nslib.index(db, folder)
    took = time.monotonic() - start
    if proc.returncode != 0:
        nslib.fail(f"the edit run failed: {proc.stderr}")
    fresh = os.path.join(tmp, f"fresh-{entries}")
    nslib.index(fresh, folder)
    nslib.check(nslib.dump(db) == nslib.dump(fresh),
                f"{entries} entries: after the edit the database equals a fresh build")
    return took


def main():
    with nslib.temp_dir() as tmp:
        small = edit_seconds(tmp, 1000)
        large = edit_seconds(tmp, 8000)
        print(f"figures: one-entry edit at 1,000 entries {small:.2f} s, at 8,000 {large:.2f} s "
              f"(ratio {large / small:.1f}; linear 8)")
        nslib.check(large <= 24 * small + 1.0, "the edit's cost is within 3 times linear")


if __name__ == "__main__":
    main()
