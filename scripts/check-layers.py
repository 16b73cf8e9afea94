#!/usr/bin/env python3
"""Fails when a source file imports a module its target may not use.

The layers are the targets of Package.swift and their declared dependencies. A file may import only
modules its target depends on, directly or through lower layers, so no layer reaches a later one even
where SwiftPM's build order would let an undeclared import slip through. Each C library is imported by
exactly one file: the only code that touches its API; so is each external program (Chromium).

Run by `make test`; prints one line per violation and exits 1 if there is any.
"""
import os
import re
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
C_MODULES = {"CCmarkGFM": 1, "CGraphviz": 1}
# External programs, each started by one file only, found by a text that starting it needs.
TOOLS = {"Chromium": "--print-to-pdf"}
# Modules of the toolchain and of external packages, which any target may import when it declares them.
SYSTEM = {"Foundation", "FoundationXML", "FoundationNetworking", "Glibc", "Darwin", "Dispatch", "Synchronization", "os"}


def targets(package):
    """name -> set of dependency names (targets and products), from each .target/.executableTarget block."""
    found = {}
    for match in re.finditer(r'\.(?:target|executableTarget|testTarget)\(\s*name:\s*"(\w+)"', package):
        start = match.end()
        depth, end = 1, start
        while depth and end < len(package):
            depth += {"(": 1, ")": -1}.get(package[end], 0)
            end += 1
        block = package[start:end]
        deps = set()
        listed = re.search(r"dependencies:\s*\[(.*?)\]\s*(?:,|\))", block, re.S)
        if listed:
            deps |= set(re.findall(r'"(\w+)"', re.sub(r'package:\s*"[^"]*"', "", listed.group(1))))
        found[match.group(1)] = deps
    return found


def closure(name, graph, seen=None):
    seen = set() if seen is None else seen
    for dep in graph.get(name, ()):
        if dep not in seen:
            seen.add(dep)
            closure(dep, graph, seen)
    return seen


def main():
    graph = targets(open(os.path.join(root, "Package.swift")).read())
    problems = []
    c_users = {name: [] for name in C_MODULES}
    for target in sorted(graph):
        folder = os.path.join(root, "Sources", target)
        if not os.path.isdir(folder):
            continue
        allowed = closure(target, graph)
        for directory, _, files in os.walk(folder):
            for file in sorted(files):
                if not file.endswith(".swift"):
                    continue
                path = os.path.join(directory, file)
                for number, line in enumerate(open(path, encoding="utf-8"), 1):
                    found = re.match(r"\s*(?:@testable\s+|@_implementationOnly\s+|(?:public|package|internal)\s+)?import\s+(\w+)", line)
                    if not found:
                        continue
                    module = found.group(1)
                    relative = os.path.relpath(path, root)
                    if module in c_users:
                        c_users[module].append(relative)
                    if module in SYSTEM or module in allowed:
                        continue
                    later = module in graph
                    problems.append(f"{relative}:{number}: {target} imports {module}, "
                                    + ("a layer it may not depend on" if later else "which it does not declare in Package.swift"))
    for tool, marker in TOOLS.items():
        users = []
        for directory, _, files in os.walk(os.path.join(root, "Sources")):
            users += [os.path.relpath(os.path.join(directory, f), root) for f in sorted(files)
                      if f.endswith(".swift") and marker in open(os.path.join(directory, f), encoding="utf-8").read()]
        if len(users) != 1:
            problems.append(f"{tool} is started by {len(users)} files ({', '.join(users) or 'none'}); one file owns it")
    for module, users in c_users.items():
        if len(users) != C_MODULES[module]:
            problems.append(f"{module} is imported by {len(users)} files ({', '.join(users) or 'none'}); one file owns its C API")
    for problem in problems:
        print(problem)
    if problems:
        print(f"check-layers: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"check-layers: {sum(1 for t in graph if os.path.isdir(os.path.join(root, 'Sources', t)))} targets, every import within its layer")
    return 0


if __name__ == "__main__":
    sys.exit(main())
