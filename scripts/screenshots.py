#!/usr/bin/env python3
"""Screenshot pages of a built site in headless Chromium, for looking at them.

    python scripts/screenshots.py [PATH ...]   # default: / and /pipeline/ in both languages

Builds nothing: run `bash scripts/dev build` first. Writes PNGs for light and dark, desktop
and phone width, to .generated/screenshots/.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / ".generated" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def main(paths: list[str]) -> int:
    site = ROOT / "site"
    if not (site / "index.html").is_file():
        print("error: no site/ here; run `bash scripts/dev build` first", file=sys.stderr)
        return 1
    paths = paths or ["/", "/pipeline/", "/zh/", "/zh/pipeline/"]
    OUT.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=ARGS)
        for path in paths:
            for scheme in ("light", "dark"):
                for name, width in (("desktop", 1280), ("phone", 375)):
                    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
                    page = context.new_page()
                    page.goto(base + path, wait_until="networkidle")
                    # The browser renders only the blocks near the screen (content-visibility in
                    # site.css), and figures load lazily: render every block for the full-page shot.
                    page.add_style_tag(content="* { content-visibility: visible !important; }")
                    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
                    page.wait_for_load_state("networkidle")
                    slug = path.strip("/").replace("/", "_") or "home"
                    target = OUT / f"{slug}-{scheme}-{name}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(target)
                    context.close()
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
