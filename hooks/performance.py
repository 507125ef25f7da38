"""MkDocs hook: keep the lightbox off the critical rendering path.

mkdocs-glightbox puts its stylesheet and script in ``<head>``, where both block the first
paint, though neither is needed until a reader clicks a figure. The script moves to just
before the plugin's initialisation at the end of ``<body>``, and the stylesheet loads
without blocking rendering (``media="print"`` switched to ``all`` once it has arrived).
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

SCRIPT = re.compile(r'<script src="([^"]*glightbox\.min\.js)"></script>')
STYLESHEET = re.compile(r'<link href="([^"]*glightbox\.min\.css)" rel="stylesheet">')
INIT = '<script id="init-glightbox">'


@event_priority(-50)  # after mkdocs-glightbox has added its tags
def on_post_page(output: str, page, config) -> str:
    if INIT not in output:
        return output
    script = SCRIPT.search(output)
    if script is None or output.index(INIT) < script.start():
        raise PluginError(f"{page.file.src_uri}: glightbox's script tag changed; update hooks/performance.py")
    output = output[: script.start()] + output[script.end() :]
    output = output.replace(INIT, script[0] + INIT, 1)
    return STYLESHEET.sub(
        lambda m: f'<link href="{m[1]}" rel="stylesheet" media="print" onload="this.media=\'all\'">', output, count=1
    )
