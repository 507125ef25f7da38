"""MkDocs hook: index each page for search once per content, not on every build.

Material's search plugin parses every page's HTML and segments its Chinese text with
jieba on every build; on this site's pages (KaTeX's HTML and MathML, inline figures) that
was the largest cost of a rebuild with nothing changed. The entries the plugin adds for a
page depend only on the page's HTML, its address, its table of contents, its title and
metadata, the plugin's settings and the plugin's code, so they are kept on disk under a
hash of those (:func:`lastlayer.cache.cached_json`) and appended from there. Under
``mkdocs serve --dirty`` the plugin's own merging of the previous index is unchanged.

Each language searches its own pages: besides the whole site's index (which the offline copy
inlines), every language gets ``search/search_index.<code>.json`` with its pages alone, and
the page's loader asks for that one (``hooks/performance.py``, which also keeps any index to
the page's language and cuts a Chinese query into the index's words).

Teaching first: the articles rank above the pages that restate them. Material multiplies a
page's scores by its ``search.boost``; pages under the folders in :data:`BOOST` get theirs
from there (notebooks restate an article's prose around code; the gallery and the citation
page list every figure's title), unless the page sets its own.

The index every page fetches is written as UTF-8 text: Material writes it with every Chinese
character (and jieba's zero-width separators) escaped as ``\\uXXXX``, six bytes each, which
made it about 8 % larger even gzipped.
"""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from lastlayer import cache, languages

#: What the plugin's output depends on besides the page: its code and jieba's dictionary.
VERSIONS = "|".join(f"{name} {importlib.metadata.version(name)}" for name in ("mkdocs-material", "jieba"))


#: Search boost by the folder or page a page's address starts with (in any language). The
#: theme weighs a match in a heading 1000 times one in the text, so a notebook's heading
#: "Temperature" would outrank the article that teaches temperature in its text unless the
#: restating pages weigh less than a thousandth.
BOOST = {
    "notebooks/": 1e-4,
    "gallery/": 1e-4,
    "figures/": 1e-3,  # a figure's own page: found by its title, below the articles that show it
    "errata/": 1e-4,  # quotes every corrected sentence
    "notation/": 1e-3,  # names every symbol; the articles teach them
    "cite/": 1e-2,
    "about/": 1e-2,
}


def boost(url: str) -> float | None:
    """The weight of a page by its address, in any language, online (``zh/gallery/``) or in
    the offline copy (``zh/gallery.html``)."""
    for code in languages.CODES:
        if code != languages.DEFAULT and url.startswith(f"{code}/"):
            url = url[len(code) + 1 :]
    url = url.removesuffix("index.html").removesuffix(".html").rstrip("/") + "/"
    return next((value for prefix, value in BOOST.items() if url.startswith(prefix)), None)


def language_of(location: str) -> str:
    return next(
        (c for c in languages.CODES if c != languages.DEFAULT and location.startswith(f"{c}/")), languages.DEFAULT
    )


def _toc(items) -> list:
    return [[item.id, item.url, item.title, _toc(item.children)] for item in items]


def page_inputs(page, settings: str) -> tuple[str, ...]:
    """Everything the search plugin reads from ``page`` (see SearchIndex.add_entry_from_context)."""
    meta = {key: page.meta.get(key) for key in ("search", "tags", "title")}
    return (
        VERSIONS,
        settings,
        page.url,
        str(page.title),
        json.dumps(meta, sort_keys=True, default=str),
        json.dumps(_toc(page.toc), ensure_ascii=False),
        page.content or "",
    )


@event_priority(-100)  # after the search plugin's own on_config has made its index
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if plugin is None or not plugin.config.enabled:
        return config
    index = getattr(plugin, "search_index", None)
    if index is None or not hasattr(index, "entries") or not hasattr(index, "add_entry_from_context"):
        raise PluginError(
            "hooks/search.py: Material's search plugin changed (no search_index.entries or"
            " add_entry_from_context); the per-page search cache needs updating"
        )
    add = type(index).add_entry_from_context

    def add_cached(page) -> None:
        weight = boost(page.url)
        if weight is not None and "boost" not in (page.meta.get("search") or {}):
            page.meta["search"] = {**(page.meta.get("search") or {}), "boost": weight}
        # Read now, not at on_config: i18n sets the search language for each language's build.
        settings = json.dumps(index.config, sort_keys=True, default=str)

        def compute() -> list:
            start = len(index.entries)
            add(index, page)
            added = index.entries[start:]
            del index.entries[start:]
            return added

        index.entries.extend(cache.cached_json("search", page_inputs(page, settings), compute, code=()))

    index.add_entry_from_context = add_cached
    return config


@event_priority(-110)  # after mkdocs-static-i18n (-100) has merged every language's entries
def on_post_build(config: MkDocsConfig) -> None:
    path = Path(config.site_dir) / "search" / "search_index.json"
    if path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        for code in languages.CODES:
            own = {**data, "docs": [d for d in data["docs"] if language_of(d["location"]) == code]}
            own_path = path.with_name(f"search_index.{code}.json")
            own_path.write_text(json.dumps(own, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
