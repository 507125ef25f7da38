"""Citations of the site and of its figures: version, BibTeX and plain text, per language.

Pure functions: the MkDocs hook passes in the figure's number, its permalink and the
site's version, so the tests can check the same strings the pages show.
"""

from __future__ import annotations

import functools
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from lastlayer import languages
from lastlayer.languages import labelled, text

#: {lang: text}, read from lastlayer/languages.py.
AUTHOR = languages.PerLanguage("site.author")
SITE_TITLE = languages.PerLanguage("site.title")
LICENCE = languages.PerLanguage("figure.licence")


@dataclass(frozen=True)
class Version:
    """What a citation names as the version: a release tag, else a commit, and its year."""

    label: str
    year: int


class VersionError(RuntimeError):
    """The version a citation names cannot be found; the message says how to give it."""


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout.strip()


@functools.cache
def site_version(root: Path) -> Version:
    """``LASTLAYER_VERSION`` and ``LASTLAYER_YEAR`` if set, else ``git describe`` of the
    checkout and the year of its last commit. Without either, citations would name a made-up
    version: that is an error, not a silent "unreleased"."""
    label = os.environ.get("LASTLAYER_VERSION")
    year = os.environ.get("LASTLAYER_YEAR")
    try:
        label = label or _git(root, "describe", "--tags", "--always")
        year = year or _git(root, "log", "-1", "--format=%cd", "--date=format:%Y")
        return Version(label=label, year=int(year))
    except (OSError, subprocess.CalledProcessError, ValueError) as exc:
        raise VersionError(
            f"citations need the site's version, and git could not give it in {root} ({exc}); build from a git"
            " checkout, or set LASTLAYER_VERSION (e.g. v1.0) and LASTLAYER_YEAR (e.g. 2026)"
        ) from None


#: BibTeX's special characters and how to write them inside a braced field.
BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "_": r"\_",
    "#": r"\#",
    "$": r"\$",
    "^": r"\^{}",
    "~": r"\~{}",
}


def bibtex_escape(value: str) -> str:
    """``value`` as BibTeX field text: every special character escaped, the rest as is."""
    return "".join(BIBTEX_SPECIAL.get(ch, ch) for ch in value)


def figure_label(number: int, lang: str) -> str:
    return languages.figure_label(number, lang)


def figure_plain(title: str, number: int, lang: str, permalink: str, version: Version) -> str:
    return text(
        "cite.figure",
        lang,
        author=AUTHOR[lang],
        year=version.year,
        label=figure_label(number, lang),
        title=title,
        site=SITE_TITLE[lang],
        version=version.label,
        url=permalink,
    )


def figure_bibtex(fig_id: str, title: str, number: int, lang: str, permalink: str, version: Version) -> str:
    """One entry per figure and language: its key ends in the language except in English, so a
    paper citing the figure in two languages has two keys."""
    e = bibtex_escape
    licence = "CC BY 4.0"
    suffix = "" if lang == languages.DEFAULT else "-" + lang.lower()
    published = text("cite.published", lang, site=e(SITE_TITLE[lang]), version=e(version.label))
    return "\n".join(
        [
            f"@misc{{lastlayer-{fig_id.replace('_', '-')}{suffix},",
            f"  author       = {{{{{e(AUTHOR[lang])}}}}},",
            f"  title        = {{{{{e(labelled(figure_label(number, lang), title, lang))}}}}},",
            f"  howpublished = {{{published}}},",
            f"  year         = {{{version.year}}},",
            f"  url          = {{{permalink}}},",
            f"  note         = {{{e(licence)}}},",
            "}",
        ]
    )


def site_bibtex(lang: str, url: str, version: Version) -> str:
    return "\n".join(
        [
            "@misc{lastlayer,",
            f"  author       = {{{{{bibtex_escape(AUTHOR[lang])}}}}},",
            f"  title        = {{{{{bibtex_escape(SITE_TITLE[lang])}}}}},",
            f"  howpublished = {{{text('cite.version', lang, version=bibtex_escape(version.label))}}},",
            f"  year         = {{{version.year}}},",
            f"  url          = {{{url}}},",
            f"  note         = {{{bibtex_escape(text('cite.licences', lang))}}},",
            "}",
        ]
    )


def site_plain(lang: str, url: str, version: Version) -> str:
    return text(
        "cite.site", lang, author=AUTHOR[lang], year=version.year, site=SITE_TITLE[lang], version=version.label, url=url
    )
