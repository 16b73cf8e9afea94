#!/usr/bin/env python3
"""Fails when a code file in the repository is over 400 lines: small files, names that explain them.

Code is Swift, Python, shell, the theme's templates, stylesheet and script, in git or not yet
(untracked files count too; .build/ and Fuzz/.build/ do not). Nothing is generated into the tree,
so nothing needs splitting to pass. Data and prose (catalogs/, docs/) are not code and may be longer.
Run by `make test`.
"""
import os
import subprocess
import sys

LIMIT = 400
CODE = (".swift", ".py", ".sh", ".mustache", ".css", ".js")
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=root,
                        capture_output=True, text=True, check=True).stdout.split("\n")
too_long = []
for path in filter(None, listed):
    full = os.path.join(root, path)
    if path.endswith(CODE) and os.path.isfile(full) and not os.path.islink(full):
        with open(full, encoding="utf-8", errors="replace") as handle:
            count = sum(1 for _ in handle)
        if count > LIMIT:
            too_long.append((count, path))
for count, path in sorted(too_long, reverse=True):
    print(f"{path}: {count} lines, over {LIMIT}; split it by what it does")
if too_long:
    sys.exit(1)
print(f"check-lengths: every code file is at most {LIMIT} lines")
