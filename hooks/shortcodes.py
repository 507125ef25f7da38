"""MkDocs hook: expand the site's shortcodes in page Markdown.

    {% figure softmax_pipeline %}   the figure: both theme variants, number, caption,
                                    downloads and a "Cite this figure" block
    {% ref softmax_pipeline %}      "Figure N" / "图 N", linked to the figure on its page
    {% num worked.exp_sum %}        a number (or word) computed by lastlayer.values
    {% table worked.steps %}        a Markdown table computed by lastlayer.values
    {% gallery all %}               every figure, in order, with thumbnails and links
    {% hero network_diagram %}      a figure's drawing alone, linked to it (home page)
    {% thumb iris_weights %}        the same, small and lazily loaded (cards)
    {% cite site %}                 BibTeX and plain-text citation of the site
    {% code dense_forward %}        generated code and the output it prints
    {% download offline %}          a link to the zipped offline copy of the site
    {% widget geometry %}           an explorable (lastlayer/widgets.py, docs/assets/widgets/)
    {% figpage softmax_pipeline %}  a figure's own page: the figure, where it appears, downloads,
                                    citation, its code (hooks/figure_pages.py adds the pages)

An unknown shortcode, figure or value fails the build with the page and the name.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import html
import os
import platform
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from lastlayer import background, cache, citation, errata, figures, languages, project, values, widgets
from lastlayer.languages import text

SHORTCODE = re.compile(r"\{%\s*(\w+)\s+([\w.\-]+)\s*%\}")
# Figure numbers follow the order of the pages in the navigation; each translation places
# the same figures in the same order (a test checks it), so "Figure 3" is one figure.
_numbers: dict[str, int] = {}
_pages: dict[str, object] = {}
#: The pages that refer to each figure ({% ref %}), in navigation order.
_refs: dict[str, list] = {}
#: The page that lists every figure ({% gallery all %}).
_gallery_page: dict[str, object] = {}
_command = {"name": "build"}


def _lang(page) -> str:
    return languages.of_page(page)


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _numbers.clear()
    _pages.clear()
    _refs.clear()
    _gallery_page.clear()
    for page in nav.pages:
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
        for kind, name in SHORTCODE.findall(source):
            if kind == "figure" and name not in _numbers:
                _numbers[name] = len(_numbers) + 1
                _pages[name] = page
            elif kind == "ref" and page not in _refs.setdefault(name, []):
                _refs[name].append(page)
            elif kind == "gallery":
                _gallery_page["page"] = page
    return nav


def _load(name: str, page, config) -> figures.FigureMeta:
    root = _root(config)
    script = root / "figures" / f"{name}.py"
    if not script.is_file():
        raise PluginError(f"{page.file.src_uri}: figure {name!r} does not exist (no figures/{name}.py)")
    pending = background.current is not None and background.current.busy("drawing the figures")
    try:
        found = figures.meta(script, root / ".generated" / "figures", load=not pending)
    except figures.FigureError as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from exc
    if found is None:  # being drawn after the site is up (mkdocs serve on a fresh clone)
        placeholder = {lang: f"⏳ {name}" for lang in figures.LANGS}
        return figures.FigureMeta(name, script, placeholder, placeholder, placeholder)
    return found


def on_startup(command: str, dirty: bool) -> None:
    _command["name"] = command


def _file_url(name: str, lang: str, theme: str, fmt: str, page, files) -> str:
    """URL of a drawn file relative to the page. Under `mkdocs serve` the downloads are
    drawn after the site is up, next to the page's SVG: their URL is known before they exist."""
    try:
        return _file(name, lang, theme, fmt, page, files).url_relative_to(page.file)
    except PluginError:
        drawing = background.current is not None and background.current.busy("drawing the figures")
        if _command["name"] != "serve" or (fmt == "svg" and not drawing):
            raise
        folder = "../" * page.file.dest_uri.count("/") + f"figures/{name}"
        with contextlib.suppress(PluginError):  # else the SVG too is drawn after the site is up
            folder = _file(name, lang, theme, "svg", page, files).url_relative_to(page.file).rsplit("/", 1)[0]
        return folder + "/" + figures.output_name(name, lang, theme, fmt)


def _file(name: str, lang: str, theme: str, fmt: str, page, files):
    src_uri = f"figures/{name}/{figures.output_name(name, lang, theme, fmt)}"
    file = files.get_file_from_path(src_uri)
    if file is None:
        raise PluginError(f"{page.file.src_uri}: figure {name!r} has not been drawn ({src_uri} is missing)")
    return file


def _svg_size(path: Path) -> tuple[int, int]:
    head = path.read_text(encoding="utf-8")[:2000]
    match = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', head)
    if not match:
        raise PluginError(f"{path}: no viewBox in the SVG")
    return round(float(match[1]) * 4 / 3), round(float(match[2]) * 4 / 3)  # pt to CSS px


def _images(name: str, meta, page, files, lightbox: bool = False, lazy: bool = True) -> str:
    """Both theme variants of a figure, each a ``<picture>`` that gives a narrow screen the
    narrow layout; with ``lightbox``, each in a link the lightbox opens (the page's script
    points it at the layout shown before it opens)."""
    lang = _lang(page)
    imgs = []
    loading = "lazy" if lazy else "eager"
    for theme in figures.THEMES:
        try:
            file = _file(name, lang, theme, "svg", page, files)
            thin = _file(name, lang, theme, project.NARROW, page, files)
        except PluginError:
            if background.current is None or not background.current.busy("drawing the figures"):
                raise
            return f'<p class="ll-pending" role="status">⏳ {html.escape(name)}</p>'
        width, height = _svg_size(Path(file.abs_src_path))
        thin_width, thin_height = _svg_size(Path(thin.abs_src_path))
        src = html.escape(f"{file.url_relative_to(page.file)}#only-{theme}")
        picture = (
            f'<picture><source media="{project.NARROW_MEDIA}" srcset="{html.escape(thin.url_relative_to(page.file))}" '
            f'width="{thin_width}" height="{thin_height}">'
            f'<img src="{src}" alt="{html.escape(meta.alt[lang])}" width="{width}" height="{height}" '
            f'loading="{loading}" decoding="async" class="ll-no-lightbox"></picture>'
        )
        if lightbox:
            picture = (
                f'<a class="glightbox ll-zoom" data-type="image" data-width="auto" data-height="auto" href="{src}" '
                f'data-desc-position="bottom" data-gallery="{theme}">{picture}</a>'
            )
        imgs.append(picture)
    return "\n".join(imgs)


def _picture(name: str, page, config, files, css: str, lazy: bool) -> str:
    """A figure's drawing (both theme variants) linked to the figure on its page, without its
    number, caption or downloads: the home page's first screen and its cards."""
    meta = _load(name, page, config)
    if name not in _pages:
        raise PluginError(f"{page.file.src_uri}: figure {name!r} is not on a page in the navigation")
    target = _pages[name]
    href = f"{target.file.url_relative_to(page.file)}#fig-{name}"
    images = _images(name, meta, page, files, lazy=lazy)
    return f'<a class="{css}" href="{html.escape(href)}">{images}</a>'


def _downloads(name: str, page, files) -> str:
    """Small links to the light variant's files: SVG · PNG · PDF, each named in full for screen readers."""
    lang = _lang(page)
    label = citation.figure_label(_numbers[name], lang)
    links = " · ".join(
        f'<a href="{html.escape(_file_url(name, lang, "light", fmt, page, files))}" download '
        f'aria-label="{html.escape(text("figure.download", lang, label=label, fmt=fmt.upper()))}">{fmt.upper()}</a>'
        for fmt in project.DOWNLOADS
    )
    return f'<span class="ll-downloads">{links}</span>'


def _version(page, config) -> citation.Version:
    try:
        return citation.site_version(_root(config))
    except citation.VersionError as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from None


def permalink(name: str, config, lang: str = languages.DEFAULT) -> str:
    """The figure's own page (hooks/figure_pages.py), in ``lang``: what its citations and
    its files' metadata name."""
    return f"{config.site_url.rstrip('/')}/{figures.page_uri(name, lang)}"


def _figure_page_url(name: str, page) -> str:
    """The figure's page, relative to ``page``."""
    return "../" * page.file.dest_uri.count("/") + figures.page_uri(name, _lang(page))


def _citation_body(name: str, meta, page, config) -> str:
    lang = _lang(page)
    number = _numbers[name]
    version = _version(page, config)
    link = permalink(name, config, lang)
    plain = citation.figure_plain(meta.title[lang], number, lang, link, version)
    bibtex = citation.figure_bibtex(name, meta.title[lang], number, lang, link, version)
    return (
        f'<p class="ll-cite__plain">{html.escape(plain)}</p>\n'
        f'<pre class="ll-cite__bibtex"><code>{html.escape(bibtex)}</code></pre>\n'
        f'<p class="ll-cite__licence">{html.escape(text("figure.licence", lang))}</p>'
    )


def _cite(name: str, meta, page, config) -> str:
    lang = _lang(page)
    label = citation.figure_label(_numbers[name], lang)
    return (
        f'<details class="ll-cite"><summary aria-label="{html.escape(text("figure.cite_long", lang, label=label))}">'
        f"{text('figure.cite', lang)}</summary>\n" + _citation_body(name, meta, page, config) + "\n</details>"
    )


def _code_link(name: str, page) -> str:
    lang = _lang(page)
    label = citation.figure_label(_numbers[name], lang)
    return (
        f'<a class="ll-figure__code" href="{html.escape(_figure_page_url(name, page))}" '
        f'aria-label="{html.escape(text("figure.code_long", lang, label=label))}">{text("figure.code", lang)}</a>'
    )


def _figure(name: str, page, config, files) -> str:
    meta = _load(name, page, config)
    lang = _lang(page)
    if name not in _numbers:
        raise PluginError(f"{page.file.src_uri}: figure {name!r} is not on a page in the navigation")
    label = citation.figure_label(_numbers[name], lang)
    sep = text("punct.label", lang)
    # One compact caption line, then "SVG · PNG · PDF · Cite" (the citation opens below), both
    # inside the figcaption: HTML allows a figcaption only as a figure's first or last child.
    return (
        f'<figure class="ll-figure" id="fig-{name}">\n<div class="ll-figure__images">'
        + _images(name, meta, page, files, lightbox=True)
        + f'</div>\n<figcaption><p class="ll-figure__caption"><a class="ll-figure__label" href="#fig-{name}">'
        + f"{label}</a>{sep}{html.escape(meta.caption[lang])}</p>\n"
        + '<div class="ll-figure__meta">'
        + _downloads(name, page, files)
        + '<span class="ll-figure__dot" aria-hidden="true"> · </span>'
        + _code_link(name, page)
        + '<span class="ll-figure__dot" aria-hidden="true"> · </span>'
        + _cite(name, meta, page, config)
        + "</div></figcaption>\n</figure>"
    )


def _md_text(value: str) -> str:
    """Plain text as Markdown inline text (a title in a heading or a link)."""
    return re.sub(r"([\\`*_\[\]<>#])", r"\\\1", value)


@functools.lru_cache(maxsize=512)  # the same definitions recur across figures and languages
def _highlighted(code: str) -> str:
    """Python source as the theme's highlighted code block (Pygments, Material's colours)."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    return highlight(code, PythonLexer(), HtmlFormatter(wrapcode=True, cssclass="highlight"))


def _code_of(script: Path) -> tuple:
    """A figure script's shared definitions and the distributions it imports (itself or
    through the project's code), worked out once for the three languages' pages: remembered
    while the script and the package's modules are unchanged (a serve session sees an edit)."""
    from lastlayer import deps

    files = [script, *sorted(deps.PACKAGE_DIR.glob("*.py"))]
    return _code_once(str(script), tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files))


@functools.lru_cache(maxsize=256)
def _code_once(script: str, state: tuple) -> tuple:
    """On disk too, under the script, all it reaches and the libraries' versions (a no-op
    rebuild reads the excerpts and the highlighted script instead of working them out)."""
    from pygments import __version__ as pygments_version

    from lastlayer import deps, figure_source

    path = Path(script)

    def compute() -> dict:
        _, external = deps.closure(path)
        shared = [dataclasses.asdict(d) for d in figure_source.shared_code(path)]
        highlighted = _highlighted(path.read_text(encoding="utf-8"))
        return {"shared": shared, "imported": deps.distributions(external), "highlighted": highlighted}

    inputs = (deps.digest(path), path.read_bytes(), Path(__file__).read_bytes(), pygments_version)
    entry = cache.cached_json("figure-code", inputs, compute, code=("figure_source",))
    shared = [figure_source.Definition(**d) for d in entry["shared"]]
    return shared, entry["imported"], entry["highlighted"]


def _libraries(found: dict[str, str], lang: str) -> str:
    return languages.join([f'<span class="ll-nowrap">{name}&nbsp;{found[name]}</span>' for name in found], lang)


#: Large finished HTML (a figure page's code) is kept out of Markdown: Python-Markdown would
#: parse it as raw HTML, tag by tag, which made the figure pages half of a no-op rebuild. The
#: page's Markdown holds a comment in its place; on_page_content puts the HTML back.
STASHED = re.compile(r"<!--ll-stash-(\d+)-->")


def _stash(page, markup: str) -> str:
    stash = page.__dict__.setdefault("_ll_stash", [])
    stash.append(markup)
    return f"<!--ll-stash-{len(stash) - 1}-->"


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    stash = page.__dict__.pop("_ll_stash", None)
    return STASHED.sub(lambda m: stash[int(m[1])], content) if stash else content


def _figure_page(name: str, page, config, files) -> str:
    """A figure's own page: the figure, where it appears, downloads, citation, code."""

    meta = _load(name, page, config)
    lang = _lang(page)
    # A script no page shows yet (while a figure is being written) still gets its page, with
    # its code, but no number, citation or place.
    placed = name in _numbers
    label = citation.figure_label(_numbers[name], lang) if placed else ""
    sep = text("punct.label", lang)
    script = meta.path

    figure = (
        f'<figure class="ll-figure ll-figure--page" id="fig-{name}">\n<div class="ll-figure__images">'
        + _images(name, meta, page, files, lightbox=True, lazy=False)
        + '</div>\n<figcaption><p class="ll-figure__caption">'
        + html.escape(meta.caption[lang])
        + "</p></figcaption>\n</figure>"
    )

    # Links as HTML: MkDocs would report each relative URL in Markdown as unrecognised.
    def link(href: str, words: str) -> str:
        return f'<a href="{html.escape(href)}">{html.escape(words)}</a>'

    if placed:
        target = _pages[name]
        shown_at = f"{target.file.url_relative_to(page.file)}#fig-{name}"
        where = [text("figpage.shown", lang, label=link(shown_at, label), page=link(shown_at, target.title or ""))]
    else:
        target, where = None, [text("figpage.unplaced", lang)]
    referring = [p for p in _refs.get(name, []) if p is not target]
    if referring:
        links = [link(f"{p.file.url_relative_to(page.file)}#ref-{name}", p.title or "") for p in referring]
        where.append(text("figpage.referenced", lang, pages=languages.join_and(links, lang)))
    gallery = _gallery_page.get("page")
    if gallery is not None:
        where.append(
            text(
                "figpage.all",
                lang,
                gallery=link(f"{gallery.file.url_relative_to(page.file)}#gallery-{name}", gallery.title or ""),
            )
        )

    rows = []
    for theme in figures.THEMES:
        cells = "".join(
            f'<td><a href="{html.escape(_file_url(name, lang, theme, fmt, page, files))}" download>'
            f"{fmt.upper()}</a></td>"
            for fmt in project.DOWNLOADS
        )
        rows.append(f'<tr><th scope="row">{text(f"figpage.{theme}", lang)}</th>{cells}</tr>')
    heads = "".join(f'<th scope="col">{fmt.upper()}</th>' for fmt in project.DOWNLOADS)
    downloads = (
        f'<table class="ll-downloads-table"><thead><tr><th scope="col">{text("figpage.variant", lang)}</th>{heads}'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )

    script_file = files.get_file_from_path(f"figures/{name}/{script.name}")
    if script_file is None:
        raise PluginError(f"{page.file.src_uri}: the script of figure {name!r} is not in the build")
    script_url = script_file.url_relative_to(page.file)
    try:
        shared, imported, highlighted = _code_of(script)
    except Exception as exc:  # a broken environment names itself
        raise PluginError(f"{page.file.src_uri}: cannot read the code of figures/{name}.py: {exc}") from None
    by_module: dict[str, list] = {}
    for definition in shared:
        by_module.setdefault(definition.module, []).append(definition)
    blocks = []
    for module in sorted(by_module):
        # One excerpt per module: its definitions in the order of its source, each after a
        # comment with its line.
        found = sorted(by_module[module], key=lambda d: d.line)
        path = f"lastlayer/{module}.py"
        excerpt = "\n\n\n".join(f"# {path}, line {d.line}\n{d.source}" for d in found)
        names = languages.join([d.name for d in found], lang)
        blocks.append(
            f'<details class="ll-shared"><summary><code>{html.escape(path)}</code>'
            f'<span class="ll-shared__names">{text("punct.label", lang)}{html.escape(names)}</span></summary>\n'
            # Plain text, not highlighted: thousands of highlighting spans in the closed blocks
            # cost a phone over a second of style and layout work as the page starts (Lighthouse).
            + f'<pre class="ll-excerpt"><code>{html.escape(excerpt)}</code></pre>'
            + "</details>"
        )
    shared_part = (
        text("figpage.shared_intro", lang)
        + "\n\n"
        + _stash(page, '<section class="ll-source" data-search-exclude>\n' + "\n".join(blocks) + "\n</section>")
        if blocks
        else text("figpage.shared_none", lang)
    )
    version = _version(page, config).label
    repo = config.repo_url.rstrip("/") if config.repo_url else ""
    commands = [
        f"git clone {repo}",
        f"cd {repo.rsplit('/', 1)[-1]}",
        f"git checkout {version}",
        "pip install -r requirements.txt",
        f"python figures/{name}.py {lang} light out.svg",
    ]
    libraries = _libraries(imported, lang)
    python = platform.python_version()
    versions = text(
        "figpage.versions", lang, version=f"<code>{html.escape(version)}</code>", python=python, libraries=libraries
    )
    return "\n\n".join(
        [
            f"# {_md_text((label + sep if placed else '') + meta.title[lang])} {{#figure}}",
            figure,
            f"## {text('figpage.where', lang)} {{#where}}",
            "\n".join(f"<p>{sentence}</p>" for sentence in where),
            f"## {text('figpage.download', lang)} {{#download}}",
            text("figpage.download_intro", lang, dpi=values.lookup("efix.png_dpi", lang)),
            downloads,
            f"## {text('figpage.cite', lang)} {{#cite}}" if placed else "",
            '<div class="ll-cite ll-cite--page">\n' + _citation_body(name, meta, page, config) + "\n</div>"
            if placed
            else "",
            f"## {text('figpage.source', lang)} {{#source}}",
            text("figpage.source_intro", lang, id=name),
            f'<p><a class="ll-source__download" href="{html.escape(script_url)}" download>'
            f"{html.escape(languages.paren(text('figpage.source_download', lang), script.name, lang))}</a></p>",
            # A <section>: Material's search leaves out what is inside the excluded element
            # until an element with the same tag closes (it compares elements by tag).
            _stash(
                page,
                '<section class="ll-source" data-search-exclude>\n' + highlighted + "</section>",
            ),
            f"### {text('figpage.shared', lang)} {{#shared}}",
            shared_part,
            f"## {text('figpage.reproduce', lang)} {{#reproduce}}",
            text("figpage.reproduce_intro", lang),
            '<div class="ll-command">\n\n```bash\n' + "\n".join(commands) + "\n```\n\n</div>",
            f"<p>{versions}</p>",
        ]
    )


def _ref(name: str, page) -> str:
    if name not in _numbers:
        raise PluginError(f"{page.file.src_uri}: reference to figure {name!r}, which no page shows")
    target = _pages[name]
    href = "" if target.file is page.file else target.file.url_relative_to(page.file)
    label = citation.figure_label(_numbers[name], _lang(page))
    # The first reference to a figure on a page has an id: the figure's own page links to it.
    seen = page.__dict__.setdefault("_ll_refs_seen", set())
    anchor = "" if name in seen else f' id="ref-{name}"'
    seen.add(name)
    return f'<a class="ll-ref"{anchor} href="{html.escape(href)}#fig-{name}">{label}</a>'


def _gallery(page, config, files) -> str:
    lang = _lang(page)
    items = []
    for name, number in sorted(_numbers.items(), key=lambda item: item[1]):
        meta = _load(name, page, config)
        target = _pages[name]
        own = _figure_page_url(name, page)  # the figure's own page
        shown_at = f"{target.file.url_relative_to(page.file)}#fig-{name}"
        items.append(
            f'<li class="ll-gallery__item" id="gallery-{name}">\n'
            f'<a class="ll-gallery__thumb" href="{html.escape(own)}">'
            f"{_images(name, meta, page, files)}</a>\n"
            f'<p><a href="{html.escape(own)}"><strong>{citation.figure_label(number, lang)}</strong> '
            f"{html.escape(meta.title[lang])}</a></p>\n"
            f'<p class="ll-gallery__page">{text("figure.page", lang)}{text("punct.label", lang)}'
            f'<a href="{html.escape(shown_at)}">'
            f"{html.escape(target.title or '')}</a></p>\n</li>"
        )
    return '<ul class="ll-gallery">\n' + "\n".join(items) + "\n</ul>"


def _cite_site(page, config) -> str:
    lang = _lang(page)
    version = _version(page, config)
    url = config.site_url
    return (
        f'<p class="ll-cite__plain">{html.escape(citation.site_plain(lang, url, version))}</p>\n'
        f'<pre class="ll-cite__bibtex"><code>{html.escape(citation.site_bibtex(lang, url, version))}</code></pre>'
    )


def _title_of(page_name: str, lang: str, docs_dir: Path) -> str:
    """A page's title (its first heading) in ``lang``, from its source."""
    source = languages.source_of(lang)
    path = docs_dir / f"{page_name}{languages.suffix(source)}{errata.extension(page_name)}"
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.removeprefix("# ") if path.suffix == ".py" else line  # a notebook's prose is comments
        if line.startswith("# "):
            return languages.convert(re.sub(r"\s*\{#[^}]*\}\s*$", "", line[2:]).strip(), lang)
    return page_name


def _errata(page, config) -> str:
    """Every corrected statement, newest first, as Markdown: where (a link to the section),
    when, what the page said and what it says now."""
    lang = _lang(page)
    try:
        entries = errata.load()
    except errata.ErrataError as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from None
    if not entries:
        return text("errata.none", lang)
    docs_dir = Path(config.docs_dir)
    colon = text("punct.label", lang)

    def figures_numbered(quote: str) -> str:
        # A quote that names a figure by its id ("Figure iris_weights") shows its number.
        def label(match: re.Match) -> str:
            name = match[2]
            return citation.figure_label(_numbers[name], lang) if name in _numbers else match[0]

        return re.sub(r"(Figure|图|圖) ([a-z][a-z0-9_]+)", label, quote)

    blocks = []
    for entry in reversed(entries):
        if not errata.changed_in(entry, lang):
            continue
        target = f"{entry.page}{errata.extension(entry.page)}" + (f"#{entry.anchor}" if entry.anchor else "")
        title = _title_of(entry.page, lang, docs_dir)
        blocks.append(
            f'<div class="ll-erratum" markdown>\n\n'
            f"**{text('errata.where', lang)}**{colon}[{title}]({target}) · "
            f"**{text('errata.when', lang)}**{colon}{entry.date}\n\n"
            f"> **{text('errata.was', lang)}**{colon}{figures_numbered(errata.text_in(entry.was, lang))}\n>\n"
            f"> **{text('errata.now', lang)}**{colon}{figures_numbered(errata.text_in(entry.now, lang))}\n\n</div>"
        )
    if not blocks:
        return text("errata.none", lang)
    return "\n\n" + "\n\n".join(blocks) + "\n\n"


def _offline_download(page, config) -> str:
    """A link to the zipped offline copy (written by hooks/offline.py), or a note inside that copy."""
    words = {key: text(f"offline.{key}", _lang(page)) for key in ("link", "rest", "here")}
    if os.environ.get("LASTLAYER_OFFLINE") == "true":
        return words["here"].format(url=config.site_url)
    href = "../" * page.file.dest_uri.count("/") + "downloads/lastlayer-offline.zip"
    return f'<a href="{href}" download>{words["link"]}</a>{words["rest"]}'


def _widget(name: str, page, config, loaded: set) -> str:
    if name not in widgets.NAMES:
        raise PluginError(f"{page.file.src_uri}: unknown widget {name!r}")
    scripts = []
    for script in (widgets.CORE, name):
        # The scripts sit at the site's root in every language's build (as the offline zip's link).
        path = f"assets/widgets/{script}.js"
        if not (Path(config.docs_dir) / path).is_file():
            raise PluginError(f"{page.file.src_uri}: {path} is missing")
        if script not in loaded:
            loaded.add(script)
            scripts.append("../" * page.file.dest_uri.count("/") + path)
    return "\n\n" + widgets.html(name, _lang(page), scripts) + "\n\n"


def _values_pending(name: str) -> bool:
    """Under `mkdocs serve` on a fresh clone, values are computed (models trained) after the
    site is up, all groups in one job, rather than before the first page is served."""
    if background.current is None:
        return False
    if background.current.busy("computing the values"):
        return True
    prefix = name.split(".", 1)[0]
    if prefix in values.groups() and not values.cached(prefix):
        return background.current.submit("computing the values", values.table)
    return False


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    loaded: set[str] = set()

    def expand(match: re.Match) -> str:
        kind, name = match[1], match[2]
        if kind == "widget":
            return _widget(name, page, config, loaded)
        if kind == "figure":
            return _figure(name, page, config, files)
        if kind == "ref":
            return _ref(name, page)
        if kind == "gallery":
            return _gallery(page, config, files)
        if kind == "figpage":
            return _figure_page(name, page, config, files)
        if kind in ("hero", "thumb"):
            return _picture(name, page, config, files, f"ll-{kind}", lazy=kind == "thumb")
        if kind == "cite" and name == "site":
            return _cite_site(page, config)
        if kind == "errata" and name == "list":
            return _errata(page, config)
        if kind == "download" and name == "offline":
            return _offline_download(page, config)
        if kind in ("num", "table") and _values_pending(name):
            return "⏳"  # computed after the site is up; the rebuild that follows shows it
        if kind in ("num", "table", "code"):
            try:
                if kind == "num":
                    return values.lookup(name, _lang(page))
                if kind == "code":
                    return "\n\n" + values.code_block(name, _lang(page)) + "\n\n"
                return "\n\n" + values.markdown_table(name, _lang(page)) + "\n\n"
            except KeyError as exc:
                raise PluginError(f"{page.file.src_uri}: {exc.args[0]}") from None
        raise PluginError(f"{page.file.src_uri}: unknown shortcode {{% {kind} {name} %}}")

    return SHORTCODE.sub(expand, markdown)
