"""MkDocs hook: the pages of a converted language (Traditional Chinese) from its source's.

A converted language (``converted_from`` in lastlayer/languages.py) has no files in
``docs/``. mkdocs-static-i18n (``fallback_to_default: true``) gives its build the default
language's files; this hook, running after the plugin has chosen them, points every such
page and notebook at its source language's text converted (lastlayer/converted.py writes
it under ``.generated/converted/<lang>/``) and marks it as a page of the converted
language, so the other hooks (shortcodes, figures, notebooks) see a zh-Hant page.
Everything downstream (titles, table of contents, search, figure numbers) reads the
converted text.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from lastlayer import converted, languages


def _build_language(config) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or languages.DEFAULT


@event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen the build's files
def on_files(files, config):
    lang = _build_language(config)
    if languages.get(lang).converted_from is None:
        return files
    docs = Path(config.docs_dir).resolve()
    for file in files.documentation_pages():
        if file.abs_src_path is None or not Path(file.abs_src_path).resolve().is_relative_to(docs):
            continue
        if getattr(file, "locale", None) != languages.DEFAULT:
            raise PluginError(f"{file.src_uri}: a page of {lang}, which is converted and has no files of its own")
        try:
            file.abs_src_path = str(converted.write(docs, file.src_uri, lang))
        except OSError as exc:
            english = languages.get(lang).english
            raise PluginError(f"{file.src_uri}: cannot write its {english} version: {exc}") from None
        file.locale = lang
    return files
