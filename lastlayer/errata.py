"""The errata: every statement of the site that was corrected after it was published.

People cite these pages, so a correction is listed where they can find it: the page, the
section, the date, what the page said and what it says now, in each language with sources
(a converted language's texts are converted). The entries are data, ``errata.json`` beside
this file, appended to when a published sentence is corrected; ``{% errata list %}`` on the
errata page renders them (``hooks/shortcodes.py``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from lastlayer import languages

DATA = Path(__file__).resolve().with_name("errata.json")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ANCHOR = re.compile(r"^[\w-]*$")


class ErrataError(ValueError):
    """An entry of errata.json is malformed; the message names it."""


@dataclass(frozen=True)
class Erratum:
    date: str
    page: str  # the page's source name without language suffix: "weighting"
    anchor: str  # a heading id on that page ("" for the top)
    was: dict[str, str]
    now: dict[str, str]


def load(path: Path = DATA) -> list[Erratum]:
    """Every entry, oldest first, checked: a date, a page, and both texts in every language
    with sources."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ErrataError(f"{path}: cannot read the errata ({exc})") from None
    out = []
    for i, item in enumerate(raw, start=1):
        where = f"{path.name}, entry {i}"
        if not _DATE.match(str(item.get("date", ""))):
            raise ErrataError(f"{where}: 'date' must be YYYY-MM-DD")
        if not item.get("page"):
            raise ErrataError(f"{where}: no 'page'")
        if not _ANCHOR.match(str(item.get("anchor", ""))):
            raise ErrataError(f"{where}: 'anchor' must be a heading or figure id, not {item.get('anchor')!r}")
        for key in ("was", "now"):
            missing = [lang for lang in languages.SOURCES if not str(item.get(key, {}).get(lang, "")).strip()]
            if missing:
                raise ErrataError(f"{where}: '{key}' has no text for {', '.join(missing)}")
        out.append(
            Erratum(
                date=item["date"],
                page=item["page"],
                anchor=item.get("anchor", ""),
                was=item["was"],
                now=item["now"],
            )
        )
    return sorted(out, key=lambda e: e.date)


def extension(page: str) -> str:
    """The source extension of a page named in an entry: notebooks are percent-format scripts."""
    return ".py" if page.startswith("notebooks/") else ".md"


def changed_in(entry: Erratum, lang: str) -> bool:
    """Whether the entry corrects the text of ``lang`` (a correction of the English alone
    is not listed on the Chinese errata page, and the other way round)."""
    source = languages.source_of(lang)
    return entry.was[source].strip() != entry.now[source].strip()


def text_in(texts: dict[str, str], lang: str) -> str:
    """An entry's text in ``lang`` (converted from its source language if need be)."""
    return texts[lang] if lang in texts else languages.convert(texts[languages.source_of(lang)], lang)
