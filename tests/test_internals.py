"""Every place the site relies on another package's internals, in one list, each with the
version it was checked against and a probe of what is relied on.

An upgrade of one of these packages fails here first, with a message that names what to
re-check, instead of somewhere in a build or a browser test. ARCHITECTURE.md ("Relying on
other packages") points here.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import re
from pathlib import Path

import pytest

from lastlayer.project import ROOT


def _package_file(package: str, *parts: str) -> Path:
    module = importlib.import_module(package)
    return Path(module.__file__).parent.joinpath(*parts)


def _material_bundle() -> str:
    folder = _package_file("material", "templates", "assets", "javascripts")
    return next(folder.glob("bundle.*.min.js")).read_text(encoding="utf-8")


def _search_plugin():
    from material.plugins.search.plugin import SearchIndex

    return SearchIndex


def probe_search_index() -> None:
    """hooks/search.py wraps SearchIndex.add_entry_from_context and extends .entries."""
    index = _search_plugin()
    assert hasattr(index, "add_entry_from_context")
    assert "self.entries" in Path(importlib.import_module(index.__module__).__file__).read_text(encoding="utf-8")


def probe_search_messages() -> None:
    """hooks/performance.py: the theme fetches search/search_index.json by XHR (or, from
    file://, search_index.js defining __index), and posts {type: 0, data: {config, docs}}
    and {type: 2, data: query} to its worker."""
    bundle = _material_bundle()
    assert "search/search_index.json" in bundle and "__index" in bundle
    assert re.search(r"type:0,data:\{config:\w+,docs:\w+", bundle)
    assert re.search(r"type:2,data:\w+", bundle)
    assert "new Worker(" in bundle


def probe_palette_and_language_partials() -> None:
    """overrides/partials/palette.html and language.html replace theme partials of these names."""
    partials = _package_file("material", "templates", "partials")
    for name in ("palette.html", "language.html", "search.html", "source.html", "alternate.html"):
        assert (partials / name).is_file(), name
    language = (partials / "language.html").read_text(encoding="utf-8")
    assert 'import "partials/languages/" ~ config.theme.language ~ ".html" as lang' in language
    assert (partials / "languages" / "zh-TW.html").is_file()


def probe_scripts_block() -> None:
    """hooks/performance.py finds the theme's bundle script tag; overrides/main.html extends
    the blocks extrahead, site_meta, content and scripts of base.html."""
    base = _package_file("material", "templates", "base.html").read_text(encoding="utf-8")
    for block in ("extrahead", "site_meta", "content", "scripts"):
        assert f"{{% block {block} %}}" in base, block
    assert "assets/javascripts/bundle." in base


def probe_offline_plugin() -> None:
    """hooks/offline.py: the offline plugin inlines the index as search/search_index.js."""
    source = _package_file("material", "plugins", "offline", "plugin.py").read_text(encoding="utf-8")
    assert "search_index.js" in source and "var __index = " in source
    assert "iframe-worker" in source


def probe_i18n() -> None:
    """Hooks read the i18n plugin's current_language, default_language and build_languages."""
    from mkdocs_static_i18n.plugin import I18n

    source = Path(importlib.import_module(I18n.__module__).__file__).read_text(encoding="utf-8")
    for name in ("current_language", "default_language", "build_languages"):
        assert name in source, name


def probe_i18n_alternates() -> None:
    """hooks/figure_pages.py adds pages after the plugin chose the files: it appends them to the
    plugin's i18n_files_per_language (the sitemap) and gives each File the attributes the
    plugin's language switcher and sitemap read."""
    from mkdocs_static_i18n import reconfigure, suffix

    plugin = Path(reconfigure.__file__).read_text(encoding="utf-8")
    assert "page.file.alternates[alternate_lang]" in plugin and "alternate_file.url" in plugin
    files = Path(suffix.__file__).read_text(encoding="utf-8")
    for name in ("file.alternates", "file.locale", "file.locale_alternate_of", "file.norm_src_uri"):
        assert name in files, name
    from mkdocs_static_i18n.plugin import I18n

    assert "i18n_files_per_language" in Path(importlib.import_module(I18n.__module__).__file__).read_text(
        encoding="utf-8"
    )


def probe_mkdocs_markdown_extensions() -> None:
    """hooks/notebooks.py adds ".py" to mkdocs.utils.markdown_extensions (i18n issue 198)."""
    import mkdocs.utils

    assert isinstance(mkdocs.utils.markdown_extensions, tuple)


def probe_mkdocs_jupyter() -> None:
    """lastlayer/notebooks.py calls the plugin's private _get_nb_toc_tokens."""
    from mkdocs_jupyter import plugin

    assert callable(getattr(plugin, "_get_nb_toc_tokens", None))


def probe_katex_rs() -> None:
    """hooks/katex.py renders with markdown-katex-rs, whose markup needs the vendored KaTeX
    0.16 stylesheet (0.19 renamed classes)."""
    css = (ROOT / "docs" / "assets" / "katex" / "katex.min.css").read_text(encoding="utf-8")
    assert re.search(r"\.katex\{[^}]*font:", css) and ".katex-html" in css
    import markdown_katex_rs  # noqa: F401


def probe_glightbox() -> None:
    """hooks/performance.py rewrites mkdocs-glightbox's script tag and its init script."""
    source = _package_file("mkdocs_glightbox", "plugin.py").read_text(encoding="utf-8")
    assert "glightbox.min.js" in source and "init-glightbox" in source


def probe_matplotlib_pdf_subsetting() -> None:
    """lastlayer/pdf_fonts.py stands in for matplotlib's private get_glyphs_subset, which the
    PDF backend looks up on its module at each call and whose SubsetResults it reads."""
    import inspect

    from matplotlib.backends import _backend_pdf_ps, backend_pdf

    assert "_backend_pdf_ps.get_glyphs_subset(" in inspect.getsource(backend_pdf)
    assert list(inspect.signature(_backend_pdf_ps.get_glyphs_subset).parameters) == ["fontfile", "glyphs"]
    assert _backend_pdf_ps.SubsetResults._fields == ("font", "glyph_index_map")
    assert callable(_backend_pdf_ps.SubsetResults._as_cm) and callable(_backend_pdf_ps.font_as_file)


MATERIAL = "9.8.1"

#: (distribution, version checked against, what is relied on, probe).
RELIANCES = [
    ("mkdocs-material", MATERIAL, "search index entries (hooks/search.py)", probe_search_index),
    ("mkdocs-material", MATERIAL, "search worker messages and index URL (hooks/performance.py)", probe_search_messages),
    (
        "mkdocs-material",
        MATERIAL,
        "palette, language, search partials (overrides/)",
        probe_palette_and_language_partials,
    ),
    ("mkdocs-material", MATERIAL, "base.html blocks and bundle tag (overrides/main.html)", probe_scripts_block),
    ("mkdocs-material", MATERIAL, "offline plugin's inlined index (hooks/offline.py)", probe_offline_plugin),
    ("mkdocs-static-i18n", "1.3.1", "current/default/build languages (hooks/*.py)", probe_i18n),
    (
        "mkdocs-static-i18n",
        "1.3.1",
        "files' alternates and the sitemap's list (hooks/figure_pages.py)",
        probe_i18n_alternates,
    ),
    ("mkdocs", "1.6.1", "mkdocs.utils.markdown_extensions (hooks/notebooks.py)", probe_mkdocs_markdown_extensions),
    ("mkdocs-jupyter", "0.26.3", "_get_nb_toc_tokens (lastlayer/notebooks.py)", probe_mkdocs_jupyter),
    ("markdown-katex-rs", "0.1.0", "KaTeX 0.16 markup (hooks/katex.py)", probe_katex_rs),
    ("mkdocs-glightbox", "0.5.3", "script and init tags (hooks/performance.py)", probe_glightbox),
    ("matplotlib", "3.11.2", "PDF font subsetting (lastlayer/pdf_fonts.py)", probe_matplotlib_pdf_subsetting),
]


@pytest.mark.parametrize(("dist", "checked", "what", "probe"), RELIANCES, ids=[r[2] for r in RELIANCES])
def test_a_reliance_on_another_packages_internals_still_holds(dist, checked, what, probe):
    installed = importlib.metadata.version(dist)
    assert installed == checked, (
        f"{dist} is {installed}, but '{what}' was checked against {checked}: re-check it, "
        f"then update RELIANCES in {Path(__file__).name}"
    )
    try:
        probe()
    except (AssertionError, ImportError, StopIteration, AttributeError) as exc:
        raise AssertionError(f"{dist} {installed}: '{what}' no longer holds ({exc!r}); see {probe.__doc__}") from exc


def test_every_pinned_package_relied_on_is_in_the_requirements():
    pinned = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    for dist, checked, _, _ in RELIANCES:
        assert f"{dist}=={checked}" in pinned, dist
