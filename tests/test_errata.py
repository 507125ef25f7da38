"""The errata page lists every corrected statement, in every language, linked to its place."""

from __future__ import annotations

import json
import re
from html import unescape as html_unescape

import pytest

from lastlayer import errata, languages
from lastlayer.project import ROOT


def test_entries_are_well_formed_and_name_real_pages():
    entries = errata.load()
    assert entries, "the corrections of this round are listed"
    for entry in entries:
        source = ROOT / "docs" / f"{entry.page}{errata.extension(entry.page)}"
        assert source.is_file(), entry.page
        assert any(errata.changed_in(entry, lang) for lang in languages.SOURCES), entry
        # The anchor is a heading id or a figure on that page (a link to nothing lands on the top).
        text = source.read_text(encoding="utf-8")
        ids = set(re.findall(r"\{#([\w-]+)\}", text)) | {f"fig-{f}" for f in re.findall(r"\{% figure (\w+) %\}", text)}
        assert not entry.anchor or entry.anchor in ids, (entry.page, entry.anchor)


def test_a_broken_entry_is_named(tmp_path):
    bad = tmp_path / "errata.json"
    bad.write_text(json.dumps([{"date": "2026-12-07", "page": "index", "was": {"en": "x"}, "now": {"en": "y"}}]))
    with pytest.raises(errata.ErrataError, match=r"errata\.json, entry 1: 'was' has no text for zh"):
        errata.load(bad)


@pytest.mark.build
def test_every_correction_is_listed_in_every_language(site):
    entries = errata.load()
    for lang in languages.CODES:
        folder = "" if lang == languages.DEFAULT else f"{lang}/"
        page = (site / folder / "errata" / "index.html").read_text(encoding="utf-8")
        listed = [e for e in entries if errata.changed_in(e, lang)]
        assert listed and page.count('class="ll-erratum"') == len(listed), lang
        # Each entry links to the section it corrects, in the page's own language.
        for entry in listed:
            target = entry.page.removesuffix("index") + "/" if entry.page != "index" else ""
            anchor = f"#{entry.anchor}" if entry.anchor else ""
            assert re.search(rf'href="\.\./{re.escape(target.lstrip("/"))}{re.escape(anchor)}"', page), (
                lang,
                entry.page,
                entry.anchor,
            )


@pytest.mark.build
def test_every_page_links_to_a_report_with_its_address(site):
    for lang in languages.CODES:
        folder = "" if lang == languages.DEFAULT else f"{lang}/"
        html = (site / folder / "geometry" / "index.html").read_text(encoding="utf-8")
        link = re.search(r'<p class="ll-report"><a href="([^"]+)"', html)
        assert link and "/issues/new?" in link[1], lang
        from urllib.parse import unquote

        assert f"lastlayer.github.io/lastlayer/{folder}geometry/" in unquote(html_unescape(link[1])), lang
