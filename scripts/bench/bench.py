#!/usr/bin/env python3
"""`make bench`: Dossier against the cmark-gfm parsing floor and Hugo on the same synthetic evidence.

For each N it generates the folder (generate.py), then times, one after the other on this machine:
  - dossier build   a full build into an empty output folder
  - no-op rebuild   the same build again, nothing changed
  - one-file        the same build after one Markdown note was edited (the build cache in use)
  - serve reload    `dossier serve` on the folder: one note saved -> the served page shows the edit (serve_reload.py)
  - cmark-gfm       the command-line tool over every Markdown file of the folder, concatenated
  - hugo            Debian's hugo over a minimal site whose content is those Markdown files
Wall and CPU time and peak RSS come from wait4(2) of each child; each figure is the best of
--runs runs (default 3: the machine has other work, the best run is the least disturbed).
It also reports the size of the pack's search index (assets/search-index.js) as a share of its HTML pages.

    bench.py DOSSIER_BINARY [--sizes 100,1000,10000] [--runs 3] [--work DIR]
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import generate  # noqa: E402
import serve_reload  # noqa: E402

EPOCH = "1795392000"  # 2026-11-23, so the build date (and every page) is the same each run
EXTENSIONS = ["--extension", "table", "--extension", "tasklist", "--extension", "strikethrough", "--extension", "autolink"]


class Measure:
    def __init__(self, wall, cpu, rss_mb):
        self.wall, self.cpu, self.rss_mb = wall, cpu, rss_mb


def run(command, env=None, ok=(0,), stdout=subprocess.DEVNULL):
    """Runs one command; wall time, user+system CPU time and peak RSS of that child alone.

    Standard error goes to a file, not a pipe: a build with thousands of findings would fill a pipe
    and wait forever for a reader that only reads after wait4 returns.
    """
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=stdout, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        process.returncode = code
        if code not in ok:
            errors.seek(0)
            sys.exit(f"bench: {' '.join(command)} exited {code}\n{errors.read().decode(errors='replace')[-2000:]}")
    return Measure(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def best(runs, action):
    results = [action() for _ in range(runs)]
    return min(results, key=lambda m: m.wall), max(m.rss_mb for m in results)


def markdown_files(folder):
    found = []
    for parent, _, names in os.walk(folder):
        found += [os.path.join(parent, name) for name in names if name.endswith(".md")]
    return sorted(found)


def hugo_site(evidence, site):
    """A minimal Hugo site: the folder's Markdown as content, one layout that prints the page."""
    shutil.rmtree(site, ignore_errors=True)
    os.makedirs(os.path.join(site, "layouts", "_default"))
    with open(os.path.join(site, "hugo.toml"), "w") as config:
        config.write('baseURL = "http://localhost/"\ntitle = "bench"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
                     '[markup.goldmark.renderer]\nunsafe = false\n')
    layout = "<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ .Content }}</body></html>\n"
    for name in ("single.html", "list.html"):
        with open(os.path.join(site, "layouts", "_default", name), "w") as handle:
            handle.write(layout)
    content = os.path.join(site, "content")
    for path in markdown_files(evidence):
        target = os.path.join(content, os.path.relpath(path, evidence))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(path, target)


def bench_size(binary, count, work, runs):
    evidence = os.path.join(work, f"evidence-{count}")
    output = os.path.join(work, f"pack-{count}")
    generate.generate(count, evidence, 2026)
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    build = [binary, "build", evidence, "--output", output, "--quiet", "--progress", "none"]

    # Every full build (Dossier's and Hugo's) writes into a folder of its own, and the folders are
    # removed only after all runs: on a filesystem without a journal, ext4 skips inodes freed in the
    # last minute when it allocates new ones, so a build started right after deleting 10 000 files
    # spends seconds in the kernel (see docs/performance.md). The rebuilds below do meet that cost,
    # as a compliance lead rebuilding on save would: the swap removes the previous pack.
    fresh = []

    def fresh_folder(prefix):
        fresh.append(os.path.join(work, f"{prefix}-{count}-run{len(fresh)}"))
        shutil.rmtree(fresh[-1], ignore_errors=True)
        return fresh[-1]

    def full():
        shutil.rmtree(os.path.join(work, ".dossier-cache"), ignore_errors=True)
        return run([binary, "build", evidence, "--output", fresh_folder("pack"), "--quiet", "--progress", "none", "--no-cache"],
                   env=env, ok=(0, 1))

    dossier, dossier_rss = best(runs, full)
    shutil.rmtree(output, ignore_errors=True)
    run(build, env=env, ok=(0, 1))  # fills the cache
    noop, _ = best(runs, lambda: run(build, env=env, ok=(0, 1)))
    note = markdown_files(evidence)[0]
    original = open(note, encoding="utf-8").read()

    def one_file():
        with open(note, "a", encoding="utf-8") as handle:
            handle.write(f"\nEdited at {time.perf_counter_ns()}.\n")
        return run(build, env=env, ok=(0, 1))

    edited, _ = best(runs, one_file)
    with open(note, "w", encoding="utf-8") as handle:
        handle.write(original)
    reload_ms = serve_reload.reload_ms(binary, evidence, note, os.path.join(work, f"serve-{count}"), runs, env)

    concatenated = os.path.join(work, f"all-{count}.md")
    with open(concatenated, "wb") as out:
        for path in markdown_files(evidence):
            with open(path, "rb") as handle:
                out.write(handle.read() + b"\n")
    with open(os.devnull, "wb") as sink:
        cmark, _ = best(runs, lambda: run(["cmark-gfm"] + EXTENSIONS + [concatenated], stdout=sink))
    site = os.path.join(work, f"hugo-{count}")
    hugo_site(evidence, site)

    def hugo_build():
        return run(["hugo", "--quiet", "--source", site, "--noBuildLock", "--destination", fresh_folder("hugo-public")])

    hugo, hugo_rss = best(runs, hugo_build)
    for folder in fresh:
        shutil.rmtree(folder, ignore_errors=True)
    html, index = search_index_size(output)
    return dict(count=count, markdown=len(markdown_files(evidence)), dossier=dossier, dossier_rss=dossier_rss,
                noop=noop, edited=edited, reload_ms=reload_ms, cmark=cmark, hugo=hugo, hugo_rss=hugo_rss, html=html, index=index)


def search_index_size(pack):
    """Bytes of the pack's HTML pages, and of its search index (assets/search-index.js), which must stay under 15 % of them."""
    html = 0
    for parent, _, names in os.walk(pack):
        html += sum(os.path.getsize(os.path.join(parent, name)) for name in names if name.endswith(".html"))
    return html, os.path.getsize(os.path.join(pack, "assets", "search-index.js"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", default="/tmp/dossier-bench")
    arguments = parser.parse_args()
    os.makedirs(arguments.work, exist_ok=True)
    for tool in ("cmark-gfm", "hugo"):
        if shutil.which(tool) is None:
            sys.exit(f"bench: {tool} is not installed (make bench installs it with apt-get)")
    version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip()
    print(f"dossier: {arguments.binary}\nhugo: {version}\ncores: {os.cpu_count()}  runs per figure: {arguments.runs} (best wall time)\n")
    header = (f"{'files':>6} {'md':>5} | {'dossier s':>9} {'cpu s':>6} {'rss MB':>6} {'files/s':>8} {'ms/file':>7} | "
              f"{'no-op s':>7} {'%':>5} | {'1 file s':>8} {'%':>5} | {'serve ms':>8} | {'cmark s':>7} {'hugo s':>6} {'hugo MB':>7}")
    print(header)
    print("-" * len(header))
    rows = []
    for count in [int(size) for size in arguments.sizes.split(",")]:
        row = bench_size(arguments.binary, count, arguments.work, arguments.runs)
        rows.append(row)
        d = row["dossier"]
        print(f"{count:>6} {row['markdown']:>5} | {d.wall:>9.2f} {d.cpu:>6.2f} {row['dossier_rss']:>6.1f} {count / d.wall:>8.0f} "
              f"{1000 * d.wall / count:>7.3f} | {row['noop'].wall:>7.2f} {100 * row['noop'].wall / d.wall:>5.1f} | "
              f"{row['edited'].wall:>8.2f} {100 * row['edited'].wall / d.wall:>5.1f} | {row['reload_ms']:>8.0f} | {row['cmark'].wall:>7.2f} "
              f"{row['hugo'].wall:>6.2f} {row['hugo_rss']:>7.1f}", flush=True)
        print(f"{'':>6} search index {row['index'] / 1e6:.2f} MB = {100 * row['index'] / row['html']:.1f} % of {row['html'] / 1e6:.1f} MB of HTML",
              flush=True)
    last = rows[-1]
    if len(rows) > 1:
        per_file = [r["dossier"].wall / r["count"] for r in rows]
        print(f"\ntime per file at {rows[-1]['count']} vs {rows[-2]['count']}: {100 * (per_file[-1] / per_file[-2] - 1):+.1f} %")
    print(f"ratio dossier/hugo at {last['count']}: {last['dossier'].wall / last['hugo'].wall:.2f}")
    print(f"ratio dossier/cmark-gfm at {last['count']}: {last['dossier'].wall / last['cmark'].wall:.2f}")
    print(f"peak rss MB at {last['count']}: {last['dossier_rss']:.1f}")
    print(f"search index % of html at {last['count']}: {100 * last['index'] / last['html']:.1f}")
    print(f"ratio one-file/full at {last['count']}: {last['edited'].wall / last['dossier'].wall:.3f}")
    print(f"serve reload ms at {last['count']}: {last['reload_ms']:.0f}")


if __name__ == "__main__":
    main()
