#!/usr/bin/env python3
"""Where the test suite's time goes: per worker, what ran when, from a timeline file.

    LASTLAYER_TIMELINE=/tmp/timeline.jsonl bash scripts/dev test
    python scripts/timeline.py /tmp/timeline.jsonl [--top N]

Prints each worker's busy time, the modules that took longest in each worker, and the
longest single tests, with their start times since the first test began.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("timeline", type=Path)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    records = [json.loads(line) for line in args.timeline.read_text(encoding="utf-8").splitlines() if line]
    t0 = min(r["start"] for r in records)
    end = max(r["end"] for r in records)
    print(f"{len(records)} tests, {end - t0:.0f} s from the first start to the last end")
    by_worker: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        by_worker[r["worker"]].append(r)
    for worker, rs in sorted(by_worker.items()):
        busy = sum(r["end"] - r["start"] for r in rs)
        last = max(r["end"] for r in rs) - t0
        print(f"\n{worker}: {len(rs)} tests, busy {busy:.0f} s, done at {last:.0f} s")
        modules: dict[str, float] = defaultdict(float)
        first: dict[str, float] = {}
        for r in rs:
            module = r["test"].split("::", 1)[0]
            modules[module] += r["end"] - r["start"]
            first[module] = min(first.get(module, r["start"]), r["start"])
        for module, spent in sorted(modules.items(), key=lambda kv: -kv[1])[: args.top]:
            print(f"  {spent:7.1f} s  from {first[module] - t0:5.0f} s  {module}")
    print("\nlongest tests:")
    for r in sorted(records, key=lambda r: r["start"] - r["end"])[: args.top]:
        print(f"  {r['end'] - r['start']:7.1f} s  at {r['start'] - t0:5.0f} s  {r['worker']}  {r['test']}")


if __name__ == "__main__":
    main()
