#!/usr/bin/env python3
"""Time the site's builds on this machine, as ratios to a plain MkDocs build.

    python scripts/bench.py [--repeat N] [--no-figures]

Works on private copies of the sources (the working tree is not touched). The yardstick
is a *plain* build: the same Markdown with the same theme, i18n and search plugins, but
without the project's hooks and notebooks (shortcodes stay as text). Rows:

- cold build: `mkdocs build --strict` with nothing generated yet;
- first serve: `mkdocs serve` on a fresh copy, until it serves;
- no-op rebuild: `mkdocs build --strict` again, nothing changed;
- under one `mkdocs serve`: one page edited, one figure edited, one notebook edited, each
  from the edit until the rebuild is logged as done (the figure row also gives that
  figure's own drawing time, since the target is 2× plain + the figure's draw);
- no-op rebuild + offline copy (zip).

Each row is the median of N runs; the ratio is that median over the plain build's median.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from lastlayer.devtools import Server, copy_project, mkdocs_env

PLAIN_PLUGINS = {"search", "i18n"}


def mkdocs(project: Path, offline: bool = False) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml")],
        cwd=project,
        env=mkdocs_env(offline),
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def plain_project(dest: Path) -> Path:
    """The yardstick: the same pages, theme, i18n and search; no hooks, notebooks or figures."""
    project = copy_project(dest)
    config_path = project / "mkdocs.yml"
    text = config_path.read_text(encoding="utf-8").replace("!ENV [LASTLAYER_OFFLINE, false]", "false")
    config = yaml.safe_load(text)
    for key in ("hooks", "watch"):
        config.pop(key, None)
    config["theme"].pop("custom_dir", None)  # the overrides call the hooks' template helpers
    plugins = []
    for plugin in config["plugins"]:
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name in PLAIN_PLUGINS:
            plugins.append(plugin)
    config["plugins"] = plugins
    config["nav"] = [item for item in config["nav"] if "Notebooks" not in item]
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil.rmtree(project / "docs" / "notebooks")
    return project


def plain_build(project: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")],
        cwd=project,
        env=mkdocs_env(),
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def first_serve(project: Path) -> tuple[float, Server]:
    """Seconds until a fresh copy serves its pages; then waits (untimed) for the work done
    after the server is up (figures, values, notebooks, downloads), so the edits timed next
    do not compete with it."""
    start = time.perf_counter()
    server = Server(project)
    up = server.wait_for("Serving on", timeout=600)
    seconds = time.perf_counter() - start
    if server.count("after the site is up", after=0):
        rebuilt = server.wait_for("Documentation built", after=up, timeout=1800)
        server.wait_for("figure downloads (PNG, PDF) drawn", after=rebuilt, timeout=1800)
    return seconds, server


def serve_edit(server: Server, path: Path, addition: str) -> float:
    """Append to a file under a running `mkdocs serve`; seconds until its rebuild is done."""
    mark = len(server.lines)
    start = time.perf_counter()
    path.write_text(path.read_text(encoding="utf-8") + addition, encoding="utf-8")
    server.wait_for("Documentation built in", after=mark, timeout=600)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-figures", action="store_true", help="skip the per-figure drawing table")
    args = parser.parse_args()

    timings: dict[str, list[float]] = {
        "plain MkDocs build (yardstick)": [],
        "cold build": [],
        "first serve (fresh copy)": [],
        "no-op rebuild": [],
        "serve: one page edited": [],
        "serve: one figure edited": [],
        "serve: one notebook edited": [],
        "no-op rebuild + offline copy (zip)": [],
    }
    figure_name = "softmax_temperature"
    draw = dict(figure_draw_times([figure_name]))[figure_name]

    def timed(name: str, seconds: float) -> None:
        timings[name].append(seconds)
        print(f"{name}: {seconds:.2f} s", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        plain = plain_project(Path(tmp) / "plain")
        plain_build(plain)  # warm the file system cache
        for i in range(args.repeat):
            timed("plain MkDocs build (yardstick)", plain_build(plain))

            cold = copy_project(Path(tmp) / f"cold-{i}")
            timed("cold build", mkdocs(cold))
            timed("no-op rebuild", mkdocs(cold))
            timed("no-op rebuild + offline copy (zip)", mkdocs(cold, offline=True))
            shutil.rmtree(cold)

            fresh = copy_project(Path(tmp) / f"serve-{i}")
            seconds, server = first_serve(fresh)
            timed("first serve (fresh copy)", seconds)
            try:
                page, figure = fresh / "docs" / "computation.md", fresh / "figures" / f"{figure_name}.py"
                notebook = fresh / "docs" / "notebooks" / "computation.py"
                timed("serve: one page edited", serve_edit(server, page, f"\nBenchmark edit {i}.\n"))
                timed("serve: one figure edited", serve_edit(server, figure, f"\n# bench edit {i}\n"))
                timed("serve: one notebook edited", serve_edit(server, notebook, f"\n# %%\nprint({i})\n"))
            finally:
                server.stop()
            shutil.rmtree(fresh)
        n_figures = len(list(Path("figures").glob("[!_]*.py")))

    yardstick = statistics.median(timings["plain MkDocs build (yardstick)"])
    print(f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, {n_figures} figure(s)")
    print(f"median of {args.repeat} runs; ratios are to the plain build ({yardstick:.2f} s)")
    print()
    print("| build | median (s) | ratio to plain | min (s) | max (s) |")
    print("|---|---:|---:|---:|---:|")
    for name, values in timings.items():
        median = statistics.median(values)
        print(f"| {name} | {median:.2f} | {median / yardstick:.2f} | {min(values):.2f} | {max(values):.2f} |")
    print()
    print(f"The edited figure ({figure_name}) takes {draw:.2f} s to draw its on-page SVGs alone;")
    print(f"its target is 2 × plain + that = {2 * yardstick + draw:.2f} s.")
    if not args.no_figures:
        print()
        print("| figure | draw, every language and theme, SVG only (s) |")
        print("|---|---:|")
        for name, seconds in figure_draw_times():
            print(f"| {name} | {seconds:.2f} |")
    return 0


def figure_draw_times(names: list[str] | None = None) -> list[tuple[str, float]]:
    """Each figure drawn as SVG in every language and theme, serially, in this process, as
    the build's workers draw it (a converted language's texts converted)."""
    from lastlayer import figures, languages, project

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in figures.discover():
            if names and path.stem not in names:
                continue
            figures._import(path)  # imported once, as a worker has it, before the clock starts
            start = time.perf_counter()
            for lang in languages.CODES:
                for theme in project.THEMES:
                    figures._draw_variant(str(path), tmp, lang, theme, ("svg",))
            results.append((path.stem, time.perf_counter() - start))
    return results


if __name__ == "__main__":
    sys.exit(main())
