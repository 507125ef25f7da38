"""MkDocs hook: notebooks as pages of the site, beside mkdocs-jupyter and mkdocs-static-i18n.

- i18n rebuilds the file list as plain files, and MkDocs only treats names listed in
  ``mkdocs.utils.markdown_extensions`` as pages, so ``.py`` notebooks would be copied as
  text: the suffix is added to that list here. This works around mkdocs-static-i18n issue
  198 (https://github.com/ultrabug/mkdocs-static-i18n/issues/198); if MkDocs drops that
  tuple the build stops with an error instead of silently publishing raw files.
- Notebooks whose rendering is not cached are executed in worker processes from the
  start of the build, beside the figure workers, instead of one by one when their page
  is rendered (:func:`lastlayer.notebooks.execute_to_cache`); their kernels use IPC
  sockets, so ipykernel has no unencrypted-TCP warning to print on every start.
- mkdocs-jupyter evicts every cached execution its own build did not use; i18n runs one
  build per language, so each would evict the other's. The cache entries of every current
  notebook, in both languages, are marked as used before the plugin evicts.
- A cell that raises fails the build with the notebook's name and the error.
- The plugin's markup is rewritten by :func:`lastlayer.notebooks.tidy`; plots become files
  next to the page, and the reader's ``.ipynb`` is written there too.
- Each content page links to its notebook, and each notebook back to its page, to its
  download and to Colab (built from ``repo_url`` and ``extra.notebooks_branch``).
"""

from __future__ import annotations

import logging
import posixpath
import re
from pathlib import Path
from urllib.parse import urlparse

import mkdocs.utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from lastlayer import background, languages, notebooks

log = logging.getLogger("mkdocs.hooks.notebooks")
_state: dict = {"plugin": None}


def _lang(page) -> str:
    return languages.of_page(page)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not isinstance(getattr(mkdocs.utils, "markdown_extensions", None), tuple):
        raise PluginError(
            "hooks/notebooks.py: mkdocs.utils.markdown_extensions is gone; the workaround for"
            " mkdocs-static-i18n issue 198 needs another way to make notebooks pages"
        )
    if ".py" not in mkdocs.utils.markdown_extensions:
        mkdocs.utils.markdown_extensions = (*mkdocs.utils.markdown_extensions, ".py")
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is None:
        raise PluginError("hooks/notebooks.py needs the mkdocs-jupyter plugin in mkdocs.yml")
    root = Path(config.config_file_path).resolve().parent
    # An absolute cache folder: the same whatever directory mkdocs is started from.
    plugin.config["cache_dir"] = str(root / ".generated" / "notebooks")
    if plugin.config["allow_errors"]:
        raise PluginError("mkdocs.yml: mkdocs-jupyter needs allow_errors: false, so a failing cell fails the build")
    try:
        notebooks.plugin_internals()
    except notebooks.NotebookError as exc:
        raise PluginError(str(exc)) from None
    _state["plugin"] = plugin
    _state["docs"] = Path(config.docs_dir)
    _state["generated"] = root / ".generated"
    return config


def on_startup(command: str, dirty: bool) -> None:
    _state.clear()
    _state["plugin"] = None


def on_shutdown() -> None:
    pool = _state.pop("pool", None)
    if pool is not None:
        pool.shutdown(cancel_futures=True)


def on_pre_build(config: MkDocsConfig) -> None:
    """Start executing every notebook whose rendering is not cached yet, in worker processes,
    while the figures are drawn; each page waits for its own notebook only."""
    import concurrent.futures
    import multiprocessing

    plugin = _state["plugin"]
    if not plugin.config["execute"]:
        return
    internals, _convert = notebooks.plugin_internals()
    running: dict[str, concurrent.futures.Future] = _state.setdefault("running", {})
    options = {name: plugin.config[name] for name in notebooks.NB2HTML_OPTIONS}
    todo = []
    for path in notebooks.sources(_state["docs"]):
        cache_path = internals._get_cache_path(
            plugin.config["cache_dir"], internals._compute_cache_key(str(path), plugin.config, True)
        )
        failed_here = background.current is not None and str(cache_path) in _state.get("failed", set())
        if not cache_path.exists() and str(path) not in running and not failed_here:
            todo.append((str(path), str(cache_path)))
    if not todo:
        return
    if (
        any(languages.get(notebooks.language(Path(path))).cjk for path, _ in todo)
        and notebooks.system_cjk_font() is None
    ):
        raise PluginError(
            "the Chinese notebooks label their plots in Chinese and need a CJK font on this machine;"
            f" none was found. Install one, for example:\n    {notebooks.CJK_FONT_INSTALL}"
        )

    def start() -> None:
        pool = _state.get("pool")
        if pool is None:
            workers = max(1, min(len(todo), 2))
            pool = concurrent.futures.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
            _state["pool"] = pool
        for path, cache_path in todo:
            log.info("executing notebook %s/%s", notebooks.FOLDER, Path(path).name)
            running[path] = _state.setdefault("submitted", {})[cache_path] = pool.submit(
                notebooks.execute_to_cache,
                path,
                options,
                plugin.config["toc_depth"],
                cache_path,
                str(_state["generated"]),
            )

    def run_later() -> None:
        start()
        _wait_for_notebooks()
        _state["later"] = set()

    if background.current is not None and len(todo) > SERVE_RUNS_NOW:
        # mkdocs serve on a fresh clone: serve the pages now, run the notebooks once it is up.
        _state["later"] = {path for path, _ in todo}
        if background.current.submit("running the notebooks", run_later):
            return
        _state["later"] = set()
    start()


def _is_notebook(page) -> bool:
    src = page.file.src_uri
    return src.startswith(notebooks.FOLDER + "/") and src.endswith(".py")


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    """Runs after mkdocs-jupyter has swapped in its renderer: wrap it to name the notebook on failure."""
    if not _is_notebook(page):
        return page
    render = page.render
    running = _state.get("running", {}).pop(page.file.abs_src_path, None)

    def render_naming_the_notebook(config, files):
        if page.file.abs_src_path in _state.get("later", set()):
            # mkdocs serve on a fresh clone: show the page now, rebuild when the notebooks have run.
            page.content = f'<p class="ll-pending" role="status">⏳ {page.file.src_uri}</p>'
            page.toc = get_toc([])
            page.ll_pending = True
            return
        if running is not None:
            try:
                running.result()
            except notebooks.NotebookError as exc:
                raise PluginError(str(exc)) from None
        try:
            render(config, files)
        except Exception as exc:
            detail = re.sub(r"\x1b\[[0-9;]*m", "", str(exc)).strip()
            raise PluginError(f"notebook {page.file.src_uri} failed to run:\n{detail}") from None

    page.render = render_naming_the_notebook
    return page


#: Under serve, a build runs at most this many notebooks before serving (an edit); more (a
#: fresh clone) run after the site is up.
SERVE_RUNS_NOW = 2


def _wait_for_notebooks() -> None:
    """Wait for every notebook started; one that fails is not started again by the rebuilds
    this wait triggers (until it changes), and its page then shows the error."""
    for cache_path, future in list(_state.get("submitted", {}).items()):
        try:
            future.result()
        except Exception as exc:
            _state.setdefault("failed", set()).add(cache_path)
            log.error("%s", exc)


def _content_page(files, page):
    norm = languages.strip_suffix(page.file.src_uri.removeprefix(notebooks.FOLDER + "/").removesuffix(".py")) + ".md"
    return _find(files, norm)


def _find(files, src_uri: str):
    for file in files.documentation_pages():
        if getattr(file, "norm_src_uri", file.src_uri) == src_uri:
            return file
    return None


def _colab(config, path: Path) -> str:
    repo = urlparse(config.repo_url).path.strip("/")
    branch = config.extra.get("notebooks_branch", "notebooks")
    return f"https://colab.research.google.com/github/{repo}/blob/{branch}/{notebooks.download_name(path)}"


def _links(config, lang: str, path: Path, page_file, notebook_file=None, content_file=None) -> str:
    """The "Run it yourself" box: links to the notebook page or back, the download and Colab."""
    w = {key: languages.text(f"notebook.{key}", lang) for key in ("run", "notebook", "download", "colab", "back")}
    items = []
    if notebook_file is not None:
        items.append(f'<a href="{notebook_file.url_relative_to(page_file)}">{w["notebook"]}</a>')
    if content_file is not None:
        items.append(f'<a href="{content_file.url_relative_to(page_file)}">{w["back"]}</a>')
    # The download sits next to the notebook page's HTML file.
    folder = posixpath.dirname((notebook_file or page_file).dest_uri)
    download = posixpath.join(
        posixpath.relpath(folder or ".", posixpath.dirname(page_file.dest_uri) or "."), notebooks.download_name(path)
    )
    items.append(f'<a href="{download.removeprefix("./")}" download>{w["download"]}</a>')
    items.append(f'<a href="{_colab(config, path)}">{w["colab"]}</a>')
    needs = languages.join_and(["Python 3", *notebooks.requirements(path)], lang)
    return (
        f'<p class="ll-run"><strong>{languages.labelled(w["run"], "", lang).rstrip()}</strong> {" · ".join(items)}<br>'
        f'<span class="ll-run-needs">{languages.text("notebook.needs", lang).format(needs)}</span></p>'
    )


@event_priority(100)  # before the KaTeX hook renders the math marked here
def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = _lang(page)
    if _is_notebook(page) and getattr(page, "ll_pending", False):
        return content
    if _is_notebook(page):
        path = Path(page.file.abs_src_path)
        header = _links(config, lang, path, page.file, content_file=_content_page(files, page))
        try:
            tidied = notebooks.tidy_file(content, path, page.file.src_uri, header, notebooks.stem(path) + "-")
        except notebooks.NotebookError as exc:
            raise PluginError(str(exc)) from None
        page.toc = get_toc(tidied.toc)
        if tidied.title:
            page.title = tidied.title
        _state.setdefault("outputs", {})[page.file.abs_dest_path] = (
            tidied.plots,
            notebooks.reader_notebook_cached(path),
        )
        return tidied.html
    name = languages.strip_suffix(Path(page.file.src_uri).name.removesuffix(".md"))
    source = notebooks.source_path(_state["docs"], name, lang)
    notebook = _find(files, f"{notebooks.FOLDER}/{name}.py")
    if notebook is None or not source.is_file():
        return content
    box = _links(config, lang, source, page.file, notebook_file=notebook)
    return re.sub(r"(</h1>)", lambda m: m[1] + box, content, count=1)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    outputs = _state.get("outputs", {}).pop(page.file.abs_dest_path, None)
    if outputs is not None:
        plots, reader = outputs
        folder = Path(page.file.abs_dest_path).parent
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in plots.items():
            (folder / name).write_bytes(data)
        (folder / notebooks.download_name(Path(page.file.abs_src_path))).write_text(reader, encoding="utf-8")
    return output


@event_priority(100)  # before mkdocs-jupyter evicts what this build did not use
def on_post_build(config: MkDocsConfig) -> None:
    """mkdocs-jupyter evicts every cache entry its own build did not read; i18n builds each
    language separately, so each would evict the other's: mark both languages' as used."""
    from mkdocs_jupyter.plugin import _compute_cache_key, _get_cache_path

    plugin = _state["plugin"]
    used = getattr(plugin, "_used_cache_paths", None)
    if used is None:
        return
    for path in notebooks.sources(_state["docs"]):
        key = _compute_cache_key(str(path), plugin.config, plugin.config["execute"])
        used.add(_get_cache_path(plugin.config["cache_dir"], key))
