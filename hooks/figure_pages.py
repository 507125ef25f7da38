"""MkDocs hook: a page for every figure, in every language, at ``figures/<id>/``.

Each figure script in ``figures/`` gets a page (``/figures/<id>/``, ``/zh/figures/<id>/``,
``/zh-Hant/figures/<id>/``): the figure large, its number, title and caption, where it
appears, its downloads and citation, its script and the project code that script calls,
and the command that draws it from a clone. The page's Markdown is one shortcode,
``{% figpage <id> %}``, which hooks/shortcodes.py expands like the rest; this hook only
adds the pages (and each script, for download) to the build of every language, after
mkdocs-static-i18n has chosen the language's files, and tells the plugin about them, so
the language switcher, the sitemap and search treat them like the other pages.

The pages are not in the navigation: the gallery lists them, and every figure links to its own.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from lastlayer import figures, languages
from lastlayer.cache import atomic_write

FOLDER = "figures"


class _Download(File):
    """A file copied as it is, whatever its suffix (hooks/notebooks.py makes MkDocs read
    ``.py`` files as pages)."""

    def is_documentation_page(self) -> bool:
        return False


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _page_file(fig_id: str, lang: str, config: MkDocsConfig) -> File:
    source_dir = _root(config) / ".generated" / "figure-pages" / lang
    source = source_dir / FOLDER / f"{fig_id}.md"
    text = f"{{% figpage {fig_id} %}}\n"
    if not source.is_file() or source.read_text(encoding="utf-8") != text:
        source.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(source, text)
    file = File(
        f"{FOLDER}/{fig_id}.md",
        str(source_dir),
        config.site_dir,
        config.use_directory_urls,
        dest_uri=figures.page_uri(fig_id, lang) + "index.html",
        inclusion=InclusionLevel.NOT_IN_NAV,  # on purpose: the gallery lists them
    )
    file.locale = lang
    file.localization = None if lang == languages.DEFAULT else lang
    file.locale_alternate_of = lang
    file.norm_src_uri = f"{FOLDER}/{fig_id}.md"
    file.edit_uri = f"../../{FOLDER}/{fig_id}.py"  # "edit this page": the script
    return file


@event_priority(-120)  # after mkdocs-static-i18n (-100) and hooks/converted.py (-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    i18n = config.plugins.get("i18n")
    lang = getattr(i18n, "current_language", None) or languages.DEFAULT
    added = []
    for script in figures.discover(_root(config) / "figures"):
        page = _page_file(script.stem, lang, config)
        # The language switcher reads each page's alternates: the same figure's page.
        page.alternates = {
            code: page if code == lang else _page_file(script.stem, code, config) for code in languages.CODES
        }
        files.append(page)
        added.append(page)
        download = _Download(
            f"{FOLDER}/{script.stem}/{script.name}",
            str(script.parent.parent),
            config.site_dir,
            config.use_directory_urls,
            dest_uri=f"{FOLDER}/{script.stem}/{script.name}",
        )
        download.abs_src_path = str(script)
        files.append(download)
    if i18n is not None:  # the sitemap lists each language's pages with their alternates
        i18n.i18n_files_per_language.setdefault(lang, []).extend(added)
    return files
