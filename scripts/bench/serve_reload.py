"""`dossier serve`'s save-to-reload latency, as `make bench` measures it.

A page is open: its script waits on /__dossier/state for news of a rebuild. The latency of one
save is the time from the file written to the served page showing the edit, which is what a
compliance lead waits for: the rebuild, the page's wait ending, and the page fetched again (the
browser's own reload, a few milliseconds on this machine, is not counted).
"""
import json
import os
import re
import subprocess
import threading
import time
import urllib.parse
import urllib.request

# Only this machine's loopback server is ever asked.
LOOPBACK = "127.0.0.1"


def _get(port, path, timeout=120):
    with urllib.request.urlopen(f"http://{LOOPBACK}:{port}{path}", timeout=timeout) as response:
        return response.read().decode("utf-8", errors="replace")


def _page_of(evidence, note):
    """The served path of a Markdown note's page: evidence/<path without .md>.html."""
    relative = os.path.relpath(note, evidence)
    return "/evidence/" + urllib.parse.quote(relative[: -len(".md")] + ".html")


def start(binary, evidence, output, env):
    """Starts `dossier serve` on a free loopback port; returns (process, port) once it serves."""
    process = subprocess.Popen(
        [binary, "serve", evidence, "--output", output, "--port", "0", "--quiet"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    deadline = time.time() + 600
    while time.time() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if match:
            # The pipe is not read again: drain it so a chatty build never blocks on a full pipe.
            threading.Thread(target=process.stdout.read, daemon=True).start()
            return process, int(match.group(1))
    process.kill()
    raise SystemExit("bench: dossier serve printed no address")


def reload_ms(binary, evidence, note, work, runs, env):
    """Best of `runs` saves of `note`: milliseconds from the write to the served page showing it."""
    process, port = start(binary, evidence, os.path.join(work, "served"), env)
    page = _page_of(evidence, note)
    original = open(note, encoding="utf-8").read()
    best = None
    try:
        for run in range(runs):
            attempt = json.loads(_get(port, "/__dossier/state?after=-1"))["attempt"]
            shown = re.search(r'data-version="([0-9a-f-]*)"', _get(port, page)).group(1)
            # Letters only: a long run of digits could be redacted as a card or phone number.
            marker = "Saved" + "".join(chr(ord("a") + int(digit)) for digit in str(time.perf_counter_ns())) + "xyz"[run % 3]
            result = {}

            def wait():
                # What the page's script does: wait for news, and reload once its own page changed (the
                # server answers a waiting page after 25 s even when nothing happened: ask again).
                nonlocal attempt
                while True:
                    state = json.loads(_get(port, f"/__dossier/state?after={attempt}&page={urllib.parse.quote(page, safe='')}"))
                    result["state"] = state
                    attempt = state["attempt"]
                    if state.get("page") != shown or state.get("errors"):
                        return

            waiter = threading.Thread(target=wait)
            waiter.start()
            time.sleep(0.2)  # the page's request is waiting, as an open page's is
            start_time = time.perf_counter()
            with open(note, "a", encoding="utf-8") as handle:
                handle.write(f"\n{marker}\n")
            waiter.join()
            shown = _get(port, page)
            elapsed = 1000 * (time.perf_counter() - start_time)
            if marker not in shown or result["state"].get("errors"):
                raise SystemExit(f"bench: the served page did not show the save ({result})")
            best = elapsed if best is None else min(best, elapsed)
            time.sleep(0.5)
    finally:
        process.terminate()
        process.wait()
        with open(note, "w", encoding="utf-8") as handle:
            handle.write(original)
    return best
