#!/usr/bin/env python3
"""Draw the site's figures (all, or the ones named) in both languages and both themes.

    python scripts/build_figures.py                    # every figure whose inputs changed
    python scripts/build_figures.py softmax_pipeline   # only this one
    python scripts/build_figures.py --force            # ignore the cache

Output goes to .generated/figures/<id>/ as SVG, PNG and PDF. Works without MkDocs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from lastlayer import figures, project

#: The project this script belongs to (a copy of the repository draws its own figures).
ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="figure ids (file names in figures/ without .py)")
    parser.add_argument("--force", action="store_true", help="redraw even when cached")
    parser.add_argument("--jobs", type=int, default=None, help="parallel workers (default: all cores)")
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: .generated/figures)")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    try:
        project.use_project(ROOT)
        report = figures.build(
            args.names or None,
            figures_dir=ROOT / "figures",
            out_dir=args.out or ROOT / ".generated" / "figures",
            jobs=args.jobs,
            force=args.force,
        )
    except figures.FigureError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - start
    print(f"drawn: {', '.join(report.drawn) or 'none'}; cached: {len(report.cached)}; {elapsed:.2f} s")
    for message in report.failed.values():
        print(f"error: {message}", file=sys.stderr)
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
