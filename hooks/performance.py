"""MkDocs hook: keep scripts and the lightbox off the critical rendering path.

- The theme's script (``bundle.*.min.js``) gets ``defer``: it is fetched at low priority
  while the page renders and runs once the document is parsed, still before
  ``DOMContentLoaded``, the event it starts the page's components on. As a plain script at
  the end of ``<body>`` it was fetched at high priority, competing with the stylesheets.
- mkdocs-glightbox puts its stylesheet and script in ``<head>``, where both block the first
  paint, though neither is needed until a reader clicks a figure. The script moves to the
  end of ``<body>``, deferred too, and the plugin's initialisation waits for
  ``DOMContentLoaded`` (deferred scripts have run by then); the stylesheet loads without
  blocking rendering (``media="print"`` switched to ``all`` once it has arrived).
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')
SCRIPT = re.compile(r'<script src="([^"]*glightbox\.min\.js)"></script>')
STYLESHEET = re.compile(r'<link href="([^"]*glightbox\.min\.css)" rel="stylesheet">')
INIT = re.compile(r'<script id="init-glightbox">(.*?)</script>', re.S)


def _changed(page, what: str) -> PluginError:
    return PluginError(f"{page.file.src_uri}: {what} changed; update hooks/performance.py")


@event_priority(-50)  # after mkdocs-glightbox has added its tags
def on_post_page(output: str, page, config) -> str:
    output, found = BUNDLE.subn(lambda m: f'<script defer src="{m[1]}"></script>', output, count=1)
    if not found:
        raise _changed(page, "the theme's script tag")
    init = INIT.search(output)
    if init is None:
        return output
    script = SCRIPT.search(output)
    if script is None or init.start() < script.start():
        raise _changed(page, "glightbox's script tag")
    deferred = (
        f'<script defer src="{script[1]}"></script><script id="init-glightbox">'
        f'document.addEventListener("DOMContentLoaded", function () {{\n{init[1].strip()}\n}});</script>'
    )
    output = output[: init.start()] + deferred + output[init.end() :]
    output = output[: script.start()] + output[script.end() :]
    return STYLESHEET.sub(
        lambda m: f'<link href="{m[1]}" rel="stylesheet" media="print" onload="this.media=\'all\'">', output, count=1
    )
