"""MkDocs hook: article tables that fit a phone.

On a narrow screen (below ``lastlayer.project.NARROW_MEDIA``, the width where figures switch
to their narrow layout) each row of an article table is shown as a card: one line per cell,
the column's header beside it. No cell is hidden and nothing scrolls sideways. The headers
are copied into each cell at build time (rendered math included), hidden from screen
readers and from search, and shown only on narrow screens (``site.css``). The table's own
markup is kept as it is (the HTML checker rejects ARIA roles on a table's rows and cells).

Only the tables Markdown writes (a bare ``<table>``) are changed; widgets' and notebooks'
tables carry classes of their own and are left alone. Runs after ``hooks/katex.py``.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

TABLE = re.compile(r"<table>(.*?)</table>", re.S)
HEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
BODY = re.compile(r"<tbody>(.*?)</tbody>", re.S)
ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
# A header or data cell: its tag, attributes (Markdown writes only an alignment) and content.
CELL = re.compile(r"<(t[hd])((?:\s+[\w-]+=\"[^\"]*\")*)>(.*?)</\1>", re.S)


def _cells(row: str) -> list[tuple[str, str, str]]:
    return CELL.findall(row)


def stack(table: str) -> str:
    """One article table (the inside of ``<table>``) made ready to show as cards."""
    head, body = HEAD.search(table), BODY.search(table)
    if not head or not body:
        return f"<table>{table}</table>"
    header_rows = ROW.findall(head[1])
    if len(header_rows) != 1:
        return f"<table>{table}</table>"
    labels = [content.strip() for _tag, _attrs, content in _cells(header_rows[0])]

    def body_row(match: re.Match) -> str:
        cells = []
        for i, (tag, attrs, content) in enumerate(_cells(match[1])):
            label = labels[i] if i < len(labels) else ""
            prefix = (
                f'<span class="ll-cell-label" aria-hidden="true" data-search-exclude>{label}</span>' if label else ""
            )
            value = f'<span class="ll-cell-value">{content.strip()}</span>'
            cells.append(f"<{tag}{attrs}>{prefix}{value}</{tag}>")
        return "<tr>" + "".join(cells) + "</tr>"

    return f'<table class="ll-stack"><thead>{head[1]}</thead><tbody>{ROW.sub(body_row, body[1])}</tbody></table>'


@event_priority(-100)  # after the math is rendered
def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return TABLE.sub(lambda m: stack(m[1]), content)
