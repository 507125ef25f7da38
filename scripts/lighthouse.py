#!/usr/bin/env python3
"""Run Lighthouse (mobile) on every page of the built site and write a report.

    python scripts/lighthouse.py [--no-build] [--site DIR] [--runs N] [--pages widgets|PATH ...] [PATH ...]

Builds the site (unless --no-build), serves it over HTTP with gzip compression under the
path of site_url, runs `npx lighthouse@12.2.3` (Lighthouse 13 needs Node 22) against Debian's
chromium for each page (or the pages named with --pages or as arguments; ``--pages widgets`` names the
pages that carry an explorable), and writes .generated/lighthouse/report.md plus the raw JSON.
Targets: Performance ≥ 98, Accessibility, Best Practices and SEO = 100, ≤ 350 KB transferred.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / ".generated" / "lighthouse"
LIGHTHOUSE = "lighthouse@12.2.3"
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
MAX_KB = 350
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the client accepts it, as GitHub Pages serves them."""

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix in COMPRESSIBLE and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(path.read_bytes(), mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=600")
            self.end_headers()
            return _Body(body)
        return super().send_head()


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *args) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def languages() -> list[str]:
    """The site's language folders ("" for the default language), from mkdocs.yml."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    return ["" if lang.get("default") == "true" else lang["locale"] + "/" for lang in i18n["languages"]]


def pages() -> list[str]:
    """Every page of every language, notebooks included (the Chinese variants share sources)."""
    folders = languages()
    chinese = [f for f in folders if f.startswith("zh")]
    out = []
    sources = [*sorted((ROOT / "docs").glob("*.md")), *sorted((ROOT / "docs" / "notebooks").glob("*.py"))]
    for source in sources:
        zh = ".zh." in source.name
        stem = source.name.split(".")[0]
        path = "" if stem == "index" else f"{stem}/"
        if source.suffix == ".py":
            path = f"notebooks/{stem}/"
        out += [f + path for f in (chinese if zh else [""])]
    return out


def widget_pages() -> list[str]:
    """The pages with an explorable (``{% widget name %}`` in their Markdown)."""
    out = []
    for md in sorted((ROOT / "docs").glob("*.md")):
        if "{% widget" in md.read_text(encoding="utf-8"):
            stem = md.name.removesuffix(".zh.md").removesuffix(".md")
            page = "" if stem == "index" else f"{stem}/"
            out += [f + page for f in languages() if f.startswith("zh")] if ".zh." in md.name else [page]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", help="pages relative to the site root, e.g. zh/geometry/")
    parser.add_argument(
        "--pages", nargs="+", default=[], help="pages to run, as PATH arguments; 'widgets' stands for the widget pages"
    )
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site to serve (default: site/)")
    parser.add_argument(
        "--runs", type=int, default=1, help="runs per page (odd); the run with the median Performance score is reported"
    )
    args = parser.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CHROME_PATH": shutil.which("chromium") or "/usr/bin/chromium"}
    if not args.no_build:
        build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(args.site.resolve())]
        subprocess.run(build, cwd=ROOT, env=env, check=True)

    prefix = urlsplit(yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["site_url"]).path
    www = OUT / "www"
    shutil.rmtree(www, ignore_errors=True)
    (www / prefix.strip("/")).parent.mkdir(parents=True, exist_ok=True)
    (www / prefix.strip("/")).symlink_to(args.site.resolve(), target_is_directory=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(www)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}{prefix}"

    rows, failures = [], []
    chosen = [q for p in args.pages for q in (widget_pages() if p == "widgets" else [p])] + args.paths
    for path in chosen or pages():
        target = OUT / (path.strip("/").replace("/", "_") or "home")
        cmd = [
            "npx",
            "--yes",
            LIGHTHOUSE,
            base + path,
            "--quiet",
            "--output=json",
            f"--output-path={target}.json",
            "--form-factor=mobile",
            "--only-categories=performance,accessibility,best-practices,seo",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking",
        ]
        results = []
        for _ in range(args.runs):
            subprocess.run(cmd, env=env, check=True, capture_output=True)
            results.append(json.loads(Path(f"{target}.json").read_text()))
        results.sort(key=lambda r: r["categories"]["performance"]["score"])
        result = results[len(results) // 2]
        Path(f"{target}.json").write_text(json.dumps(result))
        scores = {k: round(100 * result["categories"][k]["score"]) for k in TARGETS}
        kb = result["audits"]["total-byte-weight"]["numericValue"] / 1024
        rows.append((path or "/", scores, kb))
        for k, target_score in TARGETS.items():
            if scores[k] < target_score:
                failed = [
                    a["id"]
                    for a in result["categories"][k]["auditRefs"]
                    if result["audits"][a["id"]].get("score") not in (None, 1) and a.get("weight")
                ]
                failures.append(f"{path or '/'}: {k} {scores[k]} < {target_score} ({', '.join(failed[:6])})")
        if kb > MAX_KB:
            failures.append(f"{path or '/'}: {kb:.0f} KB > {MAX_KB} KB")
        print(f"{path or '/':28} {scores} {kb:.0f} KB", flush=True)
    server.shutdown()

    lines = ["| page | Performance | Accessibility | Best Practices | SEO | KB |", "|---|---:|---:|---:|---:|---:|"]
    lines += [
        f"| {p} | {s['performance']} | {s['accessibility']} | {s['best-practices']} | {s['seo']} | {kb:.0f} |"
        for p, s, kb in rows
    ]
    report = "\n".join(lines) + ("\n\nMissed targets:\n" + "\n".join(f"- {f}" for f in failures) if failures else "")
    (OUT / "report.md").write_text(report + "\n")
    print(report)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
