"""Citations of the site and of its figures: version, BibTeX and plain text, per language.

Pure functions: the MkDocs hook passes in the figure's number, its permalink and the
site's version, so the tests can check the same strings the pages show.
"""

from __future__ import annotations

import datetime
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

AUTHOR = {"en": "The last layer contributors", "zh": "The last layer contributors"}
SITE_TITLE = {"en": "The last layer", "zh": "最后一层"}
LICENCE = {
    "en": "Figure licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); its code under MIT.",
    "zh": "图片采用 CC BY 4.0 许可（https://creativecommons.org/licenses/by/4.0/），绘图代码采用 MIT 许可。",
}
FIGURE_WORD = {"en": "Figure", "zh": "图"}


@dataclass(frozen=True)
class Version:
    """What a citation names as the version: a release tag, else a commit, and its year."""

    label: str
    year: int


def site_version(root: Path) -> Version:
    """``LASTLAYER_VERSION`` if set, else ``git describe`` of the checkout, else "unreleased"."""
    label = os.environ.get("LASTLAYER_VERSION")
    year = None
    try:
        if not label:
            label = subprocess.run(
                ["git", "describe", "--tags", "--always"], cwd=root, capture_output=True, text=True, check=True
            ).stdout.strip()
        year = int(
            subprocess.run(
                ["git", "log", "-1", "--format=%cd", "--date=format:%Y"],
                cwd=root,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        )
    except (OSError, subprocess.CalledProcessError, ValueError):
        pass
    return Version(label=label or "unreleased", year=year or datetime.date.today().year)


def figure_label(number: int, lang: str) -> str:
    return f"{FIGURE_WORD[lang]} {number}"


def figure_plain(title: str, number: int, lang: str, permalink: str, version: Version) -> str:
    if lang == "zh":
        return (
            f"{AUTHOR[lang]}.《{SITE_TITLE[lang]}》{figure_label(number, lang)}：{title}。"
            f"版本 {version.label}，{version.year}。{permalink}"
        )
    return (
        f"{AUTHOR[lang]} ({version.year}). {figure_label(number, lang)}: {title}. "
        f"In {SITE_TITLE[lang]}, version {version.label}. {permalink}"
    )


def figure_bibtex(fig_id: str, title: str, number: int, lang: str, permalink: str, version: Version) -> str:
    licence = "CC BY 4.0"
    return "\n".join(
        [
            f"@misc{{lastlayer-{fig_id.replace('_', '-')},",
            f"  author       = {{{{{AUTHOR[lang]}}}}},",
            f"  title        = {{{{{figure_label(number, lang)}: {title}}}}},",
            f"  howpublished = {{{SITE_TITLE[lang]}, version {version.label}}},",
            f"  year         = {{{version.year}}},",
            f"  url          = {{{permalink}}},",
            f"  note         = {{{licence}}},",
            "}",
        ]
    )


def site_bibtex(lang: str, url: str, version: Version) -> str:
    return "\n".join(
        [
            "@misc{lastlayer,",
            f"  author       = {{{{{AUTHOR[lang]}}}}},",
            f"  title        = {{{{{SITE_TITLE[lang]}}}}},",
            f"  howpublished = {{version {version.label}}},",
            f"  year         = {{{version.year}}},",
            f"  url          = {{{url}}},",
            "  note         = {Text and figures CC BY 4.0; code MIT},",
            "}",
        ]
    )


def site_plain(lang: str, url: str, version: Version) -> str:
    if lang == "zh":
        return f"{AUTHOR[lang]}.《{SITE_TITLE[lang]}》，版本 {version.label}，{version.year}。{url}"
    return f"{AUTHOR[lang]} ({version.year}). {SITE_TITLE[lang]}, version {version.label}. {url}"
