"""MkDocs hook: give each translation the sitemap the theme asks for.

mkdocs-static-i18n writes one sitemap, at the site root, listing every language with
their alternates; each language's build adds its own pages to it, so it is complete after
the last one. Material fetches ``sitemap.xml`` relative to the language's own root
(``/zh/sitemap.xml``), which would be a 404 and a console error on every Chinese page;
after each language's build the root sitemap is copied into the folder of every language
built so far, so the last build leaves the same, complete sitemap in each.
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
    built = [i18n.current_language, *(lang for lang in i18n.build_languages if (site / lang).is_dir())]
    for lang in dict.fromkeys(built):
        if lang == i18n.default_language:
            continue
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            if (site / name).is_file():
                (site / lang).mkdir(parents=True, exist_ok=True)
                shutil.copyfile(site / name, site / lang / name)
