"""MkDocs hook: keep scripts and the lightbox off the critical rendering path.

- The page's scripts (the theme's ``bundle.*.min.js`` and, on pages with an explorable, the
  widget scripts) are loaded by one small inline script, :data:`LOADER`, once the first frame
  has been painted. As ``defer`` scripts they were fetched in parallel but, whenever they had
  arrived by the end of the parse, run before the first paint: the theme's script alone was a
  300 to 550 ms task at 4x CPU throttling on the math pages, and the page stayed blank until
  it finished. The theme starts its
  components on ``DOMContentLoaded``, which has fired by then; the loader answers that one
  listener at once (in a task of its own).
- mkdocs-glightbox puts its stylesheet and script in ``<head>``, where both block the first
  paint, though neither is needed until a reader clicks a figure. The script is fetched and
  the plugin's initialisation run on the first click on a figure (:data:`LAZY_LIGHTBOX`;
  parsing and starting it was a long task of every page load on a phone); the stylesheet
  loads without blocking rendering (``media="print"`` switched to ``all`` once it has arrived).

The tags are found with an HTML parser (their exact place in the page), and only those
tags are rewritten; the result depends only on the page, so it is kept on disk.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from lastlayer import cache, languages


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
  // A figure's link opens the layout the reader is looking at (the narrow one on a phone).
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.ll-zoom") : null;
    var img = link && link.querySelector("img");
    if (img && img.currentSrc) link.href = img.currentSrc;
  }, true);
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


#: Loads the page's scripts (``data-scripts``: their URLs in document order) after the first
#: paint, in order. Two adjustments to the theme's script, both at its edges:
#:
#: - it waits for ``DOMContentLoaded``, which has fired by then: a listener for it added once
#:   the document is parsed is called at once (in a task of its own) instead of never;
#: - it requests the search index (every page of every language, about 115 KB compressed),
#:   parses it and has its worker build the search engine as soon as it starts, work that
#:   competed with the page's first paint. The request is held until the reader shows they
#:   want to search: focus on the search box (its button, or the keys the theme binds, focus
#:   it), or a page opened from a search result with terms to highlight (``?h=``).
LOADER = r"""(function (sources) {
  var listen = Document.prototype.addEventListener;
  document.addEventListener = function (type, listener, options) {
    if (type === "DOMContentLoaded" && document.readyState !== "loading") {
      var event = new Event(type);
      setTimeout(function () {
        if (typeof listener === "function") listener.call(document, event);
        else listener.handleEvent(event);
      });
      return;
    }
    return listen.call(this, type, listener, options);
  };
SEARCH
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var wanted = /[?&]h=/.test(location.search);
  XMLHttpRequest.prototype.open = function (method, url) {
    this.llIndex = /\/search\/search_index\.json$/.test(new URL(url, location.href).pathname);
    if (this.llIndex) {
      // The page's language has an index of its own (hooks/search.py).
      var args = [].slice.call(arguments);
      args[1] = String(url).replace(/search_index\.json$/, "search_index." + lang + ".json");
      return open.apply(this, args);
    }
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.llIndex && !wanted) held.push([this, arguments]);
    else return send.apply(this, arguments);
  };
  function want(event) {
    var target = event && event.target;
    if (wanted || (event && !(target.closest && target.closest(".md-search, label[for=__search]")))) return;
    wanted = true;
    held.splice(0).forEach(function (request) { send.apply(request[0], request[1]); });
  }
  listen.call(document, "focusin", want);
  listen.call(document, "pointerdown", want);
  var ready = false;
  function load() {
    if (ready) return;
    ready = true;
    performance.mark("ll-scripts");
    sources.forEach(function (src, i) {
      var script = document.createElement("script");
      script.src = src;
      script.async = false;
      if (i === sources.length - 1) {
        script.onload = script.onerror = function () { delete document.addEventListener; };
      }
      document.body.appendChild(script);
    });
  }
  if (document.visibilityState === "hidden") load();
  else requestAnimationFrame(function () { setTimeout(load); });
})(document.currentScript.getAttribute("data-scripts").split(" "));"""


#: Search in the page's language. Every index the search worker is given (the language's own
#: file online, the whole site's inlined script in the offline copy) is cut down to the
#: pages of the page's language, and a query's Chinese is cut into the words the index
#: holds (the pages were segmented by jieba at build time; a reader types phrases without
#: spaces, which matched no word), by longest match against the index's own words. Both
#: happen where the theme hands messages to its search worker (``postMessage``: type 0
#: sets the index up, type 2 is a query), for the browser's Worker and for the offline
#: copy's iframe-worker shim, which replaces ``window.Worker`` when it loads.
SEARCH = r"""  var FOLDERS = LANGUAGE_FOLDERS;
  var lang = document.documentElement.lang;
  var mine = FOLDERS[lang] || "";
  function own(location) {
    if (mine) return location.indexOf(mine) === 0;
    for (var code in FOLDERS) if (location.indexOf(FOLDERS[code]) === 0) return false;
    return true;
  }
  var HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
  var words = null, longest = 1;
  function learn(docs) {
    words = new Set();
    docs.forEach(function (doc) {
      var text = (doc.title || "") + " " + (doc.text || "");
      text.replace(/<[^>]*>/g, " ").split(/[\s\u200b\-、。，．？！；：（）「」“”‘’()]+/).forEach(function (w) {
        if (HAN.test(w) && w.length <= 8) {
          words.add(w);
          if (w.length > longest) longest = w.length;
        }
      });
    });
  }
  function segment(query) {
    if (!words) return query;
    return query.replace(/[\u3400-\u9fff\uf900-\ufaff]+/g, function (run) {
      var out = [];
      for (var i = 0; i < run.length; ) {
        var n = Math.min(longest, run.length - i);
        while (n > 1 && !words.has(run.substr(i, n))) n--;
        out.push(run.substr(i, n));
        i += n;
      }
      return " " + out.join(" ") + " ";
    }).replace(/\s+/g, " ").trim();
  }
  function patch(proto) {
    if (!proto || !proto.postMessage || proto.postMessage.llSearch) return;
    var post = proto.postMessage;
    proto.postMessage = function (message) {
      var args = [].slice.call(arguments);
      if (message && message.type === 0 && message.data && message.data.docs) {
        var docs = message.data.docs.filter(function (doc) { return own(doc.location); });
        learn(docs);
        args[0] = { type: 0, data: Object.assign({}, message.data, { docs: docs }) };
      } else if (message && message.type === 2 && typeof message.data === "string") {
        args[0] = { type: 2, data: segment(message.data) };
      }
      return post.apply(this, args);
    };
    proto.postMessage.llSearch = true;
  }
  var W = window.Worker;
  if (W) patch(W.prototype);
  Object.defineProperty(window, "Worker", {
    configurable: true,
    get: function () { return W; },
    set: function (value) { W = value; if (value) patch(value.prototype); },
  });
  window.llSearch = { segment: segment, own: own };
"""


def loader() -> str:
    """The inline loader with the search adjustments, for this site's languages."""
    folders = {code: f"{code}/" for code in languages.CODES if code != languages.DEFAULT}
    return LOADER.replace("SEARCH\n", SEARCH.replace("LANGUAGE_FOLDERS", json.dumps(folders)), 1)


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
    scripts = [
        t
        for t in tags.tags
        if t.name == "script" and "defer" in t.attrs and src(t) and t.start < bundle.start and t.close is not None
    ]
    sources = " ".join(html.escape(src(t)) for t in [*scripts, bundle])
    edits: list[tuple[int, int, str]] = [(t.start, t.close, "") for t in scripts if t.close is not None]
    edits.append((bundle.start, bundle.close, f'<script id="ll-load" data-scripts="{sources}">{loader()}</script>'))
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
    return cache.cached_json(
        "performance", (output, source), lambda: rewrite(output, page.file.src_uri), code=("languages",)
    )
