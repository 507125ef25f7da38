#!/usr/bin/env python3
"""Time the site's builds on this machine and print a table.

    python scripts/bench.py [--repeat N]

Works on a private copy of the sources (the working tree is not touched): a cold build
(no figures drawn yet), a no-op rebuild, and a rebuild after editing one figure script.
Each is a full `mkdocs build --strict` of both languages; the median of N runs is shown.
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

from lastlayer.devtools import copy_project


def mkdocs(project: Path, offline: bool = False) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if not offline:
        env["LASTLAYER_SKIP_OFFLINE"] = "1"  # the zipped offline copy is timed on its own row
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml")],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    timings: dict[str, list[float]] = {
        "cold build": [],
        "no-op rebuild": [],
        "one figure edited": [],
        "one page edited": [],
        "one notebook edited": [],
        "no-op rebuild + offline copy (zip)": [],
    }
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        figure = sorted((project / "figures").glob("[!_]*.py"))[0]
        for i in range(args.repeat):
            shutil.rmtree(project / ".generated", ignore_errors=True)
            shutil.rmtree(project / "site", ignore_errors=True)
            timings["cold build"].append(mkdocs(project))
            timings["no-op rebuild"].append(mkdocs(project))
            figure.write_text(figure.read_text() + f"\n# bench edit {i}\n")
            timings["one figure edited"].append(mkdocs(project))
            page = project / "docs" / "computation.md"
            page.write_text(page.read_text() + f"\nBenchmark edit {i}.\n")
            timings["one page edited"].append(mkdocs(project))
            notebook = project / "docs" / "notebooks" / "computation.py"
            notebook.write_text(notebook.read_text() + f"\n# %%\nprint({i})\n")
            timings["one notebook edited"].append(mkdocs(project))
            timings["no-op rebuild + offline copy (zip)"].append(mkdocs(project, offline=True))
        n_figures = len(list((project / "figures").glob("[!_]*.py")))

    print(f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, {n_figures} figure(s)")
    print(f"median of {args.repeat} runs; each is `mkdocs build --strict` of both languages")
    print()
    print("| build | median (s) | min (s) | max (s) |")
    print("|---|---:|---:|---:|")
    for name, values in timings.items():
        print(f"| {name} | {statistics.median(values):.2f} | {min(values):.2f} | {max(values):.2f} |")
    print()
    print("| figure | draw, 4 variants × 3 formats, one process (s) |")
    print("|---|---:|")
    for name, seconds in figure_draw_times():
        print(f"| {name} | {seconds:.2f} |")
    return 0


def figure_draw_times() -> list[tuple[str, float]]:
    """Each figure drawn and saved in every language, theme and format, serially, after a warm-up."""
    import matplotlib.pyplot as plt

    from lastlayer import figures, style

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in figures.discover():
            module = figures._import(path)
            start = time.perf_counter()
            for lang in figures.LANGS:
                for theme in figures.THEMES:
                    with style.themed(lang, theme):
                        fig = module.draw(lang=lang, theme=theme)
                        for fmt in figures.FORMATS:
                            style.save(fig, Path(tmp) / f"x.{fmt}", theme, fmt)
                        plt.close(fig)
            results.append((path.stem, time.perf_counter() - start))
    return results


if __name__ == "__main__":
    sys.exit(main())
