"""Every page of the built site is valid HTML by the W3C Nu HTML checker (vnu.jar, from npm's
vnu-jar, pinned in package.json, run on Java), apart from the theme's and KaTeX's own markup, which
are excluded below one rule at a time: our markup (figures, widgets, galleries, errata,
citations) has no exception."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import ROOT

#: Errors in markup we do not write, each with the reason it is excluded.
NOT_OURS = [
    # Material's search box (partials/search.html, copied by overrides/ only to name the dialog).
    (re.compile(r"Attribute “autocomplete” is only allowed when the input type is"), "theme: search input"),
    (re.compile(r"Attribute “autocorrect” not allowed on element “input”"), "theme: search input"),
    # Material's header: the search button's label carries tabindex="".
    (re.compile(r"Bad value “” for attribute “tabindex” on element “label”"), "theme: header search label"),
    # KaTeX's MathML: <munder accent="true"> (MathML Core allows it, the checker's schema does not).
    (re.compile(r"Attribute “accent(under)?” not allowed on element “m(under|over)”"), "KaTeX MathML"),
]
#: The same, on the figures' own pages only, which are outside the navigation: Material's
#: table of contents labels the navigation's toggle for the current page, which such a page lacks.
NOT_OURS_OUTSIDE_NAV = [
    (
        re.compile(r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden form"),
        "theme: table of contents title of a page outside the navigation",
    ),
]


def excluded(message: dict) -> bool:
    rules = NOT_OURS + (NOT_OURS_OUTSIDE_NAV if "/figures/" in message.get("url", "") else [])
    return any(rule.search(message["message"]) for rule, _ in rules)


def vnu_jar() -> Path:
    jar = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    assert jar.is_file(), "vnu.jar is missing: `bash scripts/dev test` installs it with npm ci"
    return jar


@pytest.mark.build
def test_our_markup_is_valid_html(site):
    assert shutil.which("java"), "Java is missing: `bash scripts/dev test` installs default-jre-headless"
    pages = sorted(str(p) for p in site.rglob("*.html"))
    assert len(pages) > 40
    result = subprocess.run(
        ["java", "-jar", str(vnu_jar()), "--format", "json", "--errors-only", *pages],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr)["messages"]
    ours = [
        f"{m.get('url', '')[-60:]}: {m['message']}" for m in messages if m.get("type") == "error" and not excluded(m)
    ]
    assert ours == [], "\n".join(ours[:20])


def test_the_exclusions_do_not_hide_a_figure_error():
    message = "Element “div” not allowed as child of element “figure” in this context."
    assert not excluded({"message": message, "url": "file:/site/figures/x/index.html"})


def test_the_table_of_contents_exclusion_holds_only_outside_the_navigation():
    message = "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control."
    assert excluded({"message": message, "url": "file:/site/zh/figures/x/index.html"})
    assert not excluded({"message": message, "url": "file:/site/zh/computation/index.html"})
