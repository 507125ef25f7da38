"""MkDocs hook: give each translation the sitemap the theme asks for.

mkdocs-static-i18n writes one sitemap, at the site root, listing both languages with
their alternates. Material fetches ``sitemap.xml`` relative to the language's own root
(``/zh/sitemap.xml``), which would be a 404 and a console error on every Chinese page;
the root sitemap is copied there.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig


def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is None or i18n.current_language == i18n.default_language:
        return
    site = Path(config.site_dir)
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        if (site / name).is_file():
            (site / i18n.current_language).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(site / name, site / i18n.current_language / name)
