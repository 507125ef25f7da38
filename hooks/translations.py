"""MkDocs hook: every page exists in every language that has its own sources, or the build
stops and says which.

Pages use the suffix layout of mkdocs-static-i18n: ``page.md`` (the default language,
English) beside ``page.<code>.md`` for each other language with sources of its own
(``page.zh.md``, Simplified Chinese); notebooks likewise, ``notebooks/page.py`` beside
``notebooks/page.zh.py``. A language converted from another (lastlayer/languages.py) has
no files of its own.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from lastlayer import languages


def missing_translations(docs_dir: Path) -> list[str]:
    problems = []
    pages = [*docs_dir.rglob("*.md"), *(docs_dir / "notebooks").glob("*.py")]
    names = {page.relative_to(docs_dir) for page in pages}
    for page in sorted(pages):
        rel = page.relative_to(docs_dir)
        lang = languages.of_filename(page.name)
        base = rel.with_name(languages.strip_suffix(page.stem) + page.suffix)
        if lang != languages.DEFAULT:
            if base not in names:
                problems.append(f"{rel} has no original in the default language (expected {base})")
            continue
        for other in languages.SOURCES:
            expected = base.with_name(base.stem + languages.suffix(other) + base.suffix)
            if expected not in names:
                english = languages.get(other).english
                problems.append(f"{rel} has no {english} translation (expected {expected})")
    return problems


def on_pre_build(config) -> None:
    problems = missing_translations(Path(config.docs_dir))
    if problems:
        raise PluginError("every page needs every language:\n  " + "\n  ".join(problems))


def on_env(env, config, files):
    """Templates ask for interface strings too: ``{{ ll_text("code_block") }}`` in the page's language."""
    i18n = config.plugins.get("i18n")
    lang = getattr(i18n, "current_language", None) or languages.DEFAULT
    env.globals["ll_text"] = lambda key: languages.text(key, lang)
    env.globals["ll_data"] = lambda key: languages.data(key, lang)
    return env


#: What the theme's footer writes as "<direction>: <title>" in the links' labels.
FOOTER_LABEL = re.compile(r'(class="md-footer__link md-footer__link--(?:prev|next)" aria-label="[^":]*): ')


def localise_theme_strings(output: str, lang: str) -> str:
    """The strings the theme and the toc extension write in English in every language: the
    headings' permanent-link tooltip, and the colon in the footer links' labels."""
    if lang == languages.DEFAULT:
        return output
    permalink = html.escape(languages.text("theme.permalink", lang), quote=True)
    output = output.replace('title="Permanent link"', f'title="{permalink}"')
    colon = languages.text("theme.label_colon", lang)
    return FOOTER_LABEL.sub(lambda m: m[1] + colon, output)


def on_post_page(output: str, page, config) -> str:
    return localise_theme_strings(output, languages.of_page(page))
