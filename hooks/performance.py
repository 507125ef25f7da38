"""MkDocs hook: keep scripts and the lightbox off the critical rendering path.

- The theme's script (``bundle.*.min.js``) gets ``defer``: it is fetched at low priority
  while the page renders and runs once the document is parsed, still before
  ``DOMContentLoaded``, the event it starts the page's components on. As a plain script at
  the end of ``<body>`` it was fetched at high priority, competing with the stylesheets.
- mkdocs-glightbox puts its stylesheet and script in ``<head>``, where both block the first
  paint, though neither is needed until a reader clicks a figure. The script is fetched and
  the plugin's initialisation run on the first click on a figure (:data:`LAZY_LIGHTBOX`;
  parsing and starting it was a long task of every page load on a phone); the stylesheet
  loads without blocking rendering (``media="print"`` switched to ``all`` once it has arrived).

The tags are found with an HTML parser (their exact place in the page), and only those
tags are rewritten; the result depends only on the page, so it is kept on disk.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from lastlayer import cache


@dataclass
class Tag:
    name: str
    attrs: dict[str, str | None]
    start: int  # offset of "<"
    end: int  # offset just after the start tag's ">"
    close: int | None = None  # offset just after the matching end tag (scripts)
    body: tuple[int, int] | None = None  # the script's text


class _Tags(HTMLParser):
    """Every <script> and <link> of a page, with its offsets in the page's text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.lines = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self.lines.append(i + 1)
        self.tags: list[Tag] = []
        self._open: Tag | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("script", "link"):
            start = self._offset()
            found = Tag(tag, dict(attrs), start, start + len(self.get_starttag_text()))
            self.tags.append(found)
            if tag == "script":
                self._open = found

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            start = self._offset()
            self._open.body = (self._open.end, start)
            self._open.close = start + len("</script>")
            self._open = None


#: The lightbox's script is fetched and started on the first click on a figure (or Enter on
#: its link), then that click is replayed; a page load runs none of it. Its link opens the
#: image itself when scripts are off.
LAZY_LIGHTBOX = """(function () {
  var started = false;
  function start(event) {
    var link = event.target.closest ? event.target.closest("a.glightbox") : null;
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    if (started) return;
    started = true;
    var script = document.createElement("script");
    script.src = SRC;
    script.onload = function () {
      document.removeEventListener("click", start, true);
BODY
      link.click();
    };
    document.head.appendChild(script);
  }
  document.addEventListener("click", start, true);
})();"""


def _find(tags: list[Tag], test) -> Tag | None:
    return next((t for t in tags if test(t)), None)


def rewrite(output: str, where: str) -> str:
    tags = _Tags(output)
    tags.feed(output)
    tags.close()

    def src(t: Tag) -> str:
        return t.attrs.get("src") or ""

    bundle = _find(tags.tags, lambda t: t.name == "script" and "assets/javascripts/bundle." in src(t))
    if bundle is None or bundle.close is None:
        raise PluginError(f"{where}: the theme's script tag changed; update hooks/performance.py")
    edits: list[tuple[int, int, str]] = [
        (bundle.start, bundle.close, f'<script defer src="{src(bundle)}"></script>'),
    ]
    init = _find(tags.tags, lambda t: t.name == "script" and t.attrs.get("id") == "init-glightbox")
    if init is not None:
        script = _find(tags.tags, lambda t: t.name == "script" and src(t).endswith("glightbox.min.js"))
        if script is None or script.close is None or init.start < script.start or init.body is None:
            raise PluginError(f"{where}: glightbox's script tag changed; update hooks/performance.py")
        body = output[init.body[0] : init.body[1]].strip()
        lazy = LAZY_LIGHTBOX.replace("SRC", json.dumps(src(script))).replace("BODY", body)
        deferred = f'<script id="init-glightbox">{lazy}</script>'
        edits += [(script.start, script.close, ""), (init.start, init.close, deferred)]
        sheet = _find(
            tags.tags,
            lambda t: (
                t.name == "link"
                and t.attrs.get("rel") == "stylesheet"
                and (t.attrs.get("href") or "").endswith("glightbox.min.css")
            ),
        )
        if sheet is not None:
            lazy = f'<link href="{sheet.attrs["href"]}" rel="stylesheet" media="print" onload="this.media=\'all\'">'
            edits.append((sheet.start, sheet.end, lazy))
    for start, end, text in sorted(edits, reverse=True):
        output = output[:start] + text + output[end:]
    return output


@event_priority(-50)  # after mkdocs-glightbox has added its tags
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    source = Path(__file__).read_bytes()  # an edit to this hook redoes the rewrite
    return cache.cached_json("performance", (output, source), lambda: rewrite(output, page.file.src_uri), code=())
