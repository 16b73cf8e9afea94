#!/usr/bin/env python3
"""Measures Dossier's log streaming: generates a JSON Lines extract of SIZE_MB (default 1024) in a
temporary evidence folder, with a log format describing it, runs `dossier check` on it under
/usr/bin/time, and prints wall time, throughput and peak resident memory.

  python3 scripts/bench-logs.py [--size-mb N] [--binary PATH] [--keep]

The extract mixes the five event kinds with a malformed line every 100 000 records, so the run
also exercises error reporting. Memory must stay flat whatever the size: the file is streamed.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

FORMAT = """kind: log-format
id: bench-app
name: Benchmark application log
paths: ["logs/*.jsonl"]
timestamp: {field: ts}
identity: [principal]
failure:
  - {field: status, at_least: 400}
kinds:
  - {kind: llm-inference, when: [{field: event, equals: llm.completion}]}
  - {kind: external-api-call, when: [{field: event, equals: http.request}]}
  - {kind: data-write, when: [{field: event, equals: crm.write}]}
  - {kind: authentication, when: [{field: event, equals: auth.login}]}
  - {kind: personal-data-access, when: [{field: event, equals: ticket.read}]}
fields:
  model_version: model
  prompt_hash: prompt_sha256
  output_class: output_class
  endpoint: url
  status: status
  latency_ms: latency_ms
  source_ip: ip
"""

EVENTS = [
    '{{"ts": "2026-03-{d:02}T{h:02}:{m:02}:{s:02}.{n:06}Z", "event": "llm.completion", "principal": "svc-{p}", "model": "model-2026-01", "prompt_sha256": "{x:064x}", "output_class": "summary", "tokens": {n}}}',
    '{{"ts": "2026-03-{d:02}T{h:02}:{m:02}:{s:02}.{n:06}Z", "event": "http.request", "principal": "svc-{p}", "url": "https://crm.example.com/api/v2/tickets/{n}", "status": {st}, "latency_ms": {l}}}',
    '{{"ts": "2026-03-{d:02}T{h:02}:{m:02}:{s:02}.{n:06}Z", "event": "crm.write", "principal": "svc-{p}", "record": "ticket-{n}", "workflow": "summarise", "trigger": "webhook"}}',
    '{{"ts": "2026-03-{d:02}T{h:02}:{m:02}:{s:02}.{n:06}Z", "event": "auth.login", "principal": "user-{p}@example.com", "result": "success", "ip": "192.0.2.{q}"}}',
    '{{"ts": "2026-03-{d:02}T{h:02}:{m:02}:{s:02}.{n:06}Z", "event": "ticket.read", "principal": "svc-{p}", "record": "ticket-{n}", "fields": ["name", "email", "body"]}}',
]


def generate(path, size):
    written, index = 0, 0
    with open(path, "w", encoding="utf-8") as out:
        while written < size:
            lines = []
            for _ in range(10_000):
                index += 1
                if index % 100_000 == 0:
                    lines.append('{"ts": "2026-03-01T00:00:00Z", "event": }')
                    continue
                template = EVENTS[index % len(EVENTS)]
                lines.append(template.format(
                    d=1 + index % 28, h=index % 24, m=index % 60, s=(index // 60) % 60, n=index % 1_000_000,
                    p=index % 97, x=index * 2654435761, st=503 if index % 50 == 0 else 200, l=index % 900, q=index % 250))
            chunk = "\n".join(lines) + "\n"
            out.write(chunk)
            written += len(chunk)
    return written, index


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--binary", default=os.path.join(root, ".build", "release", "dossier"))
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"bench-logs: build first ({args.binary} is missing; run `swift build -c release`)")
    folder = tempfile.mkdtemp(prefix="dossier-bench-logs-")
    try:
        os.makedirs(os.path.join(folder, "evidence", "logs"))
        with open(os.path.join(folder, "evidence", "app-format.yml"), "w") as handle:
            handle.write(FORMAT)
        extract = os.path.join(folder, "evidence", "logs", "app.jsonl")
        size, records = generate(extract, args.size_mb * 1024 * 1024)
        env = dict(os.environ, SOURCE_DATE_EPOCH="1790000000")
        run = subprocess.run(["/usr/bin/time", "-v", args.binary, "check", os.path.join(folder, "evidence"), "--quiet"],
                             capture_output=True, text=True, env=env)
        rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1))
        wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", run.stderr).group(1)
        parts = [float(p) for p in wall.split(":")]
        seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
        malformed = run.stderr.count("[dossier.log.malformed-record]")
        print(f"extract: {size / 1048576:.0f} MB, {records} records ({records // 100_000} malformed)")
        print(f"dossier check exit {run.returncode}, {malformed} malformed records listed")
        print(f"wall {seconds:.1f} s, {size / 1048576 / seconds:.0f} MB/s")
        print(f"peak rss MB: {rss_kb / 1024:.1f}")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


main()
