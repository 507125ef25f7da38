"""MkDocs hook: notebooks as pages of the site, rendered with mkdocs-jupyter's converter.

- MkDocs only treats names listed in ``mkdocs.utils.markdown_extensions`` as pages (and
  mkdocs-static-i18n rebuilds the file list from that; see its issue 198,
  https://github.com/ultrabug/mkdocs-static-i18n/issues/198), so the ``.py`` suffix is
  added to that list here; if MkDocs drops that tuple the build stops with an error
  instead of silently publishing raw files.
- Notebooks whose rendering is not cached are executed in worker processes from the
  start of the build, beside the figure workers, instead of one by one when their page
  is rendered (:func:`lastlayer.notebooks.execute_to_cache`); their kernels use IPC
  sockets, so ipykernel has no unencrypted-TCP warning to print on every start. A
  notebook's page reads its rendering from the cache; mkdocs-jupyter is used as a library
  in the workers only, not as a plugin, so a rebuild with nothing changed never imports it.
- A cell that raises fails the build with the notebook's name and the error.
- The converter's markup is rewritten by :func:`lastlayer.notebooks.tidy`; plots become
  files next to the page, and the reader's ``.ipynb`` is written there too.
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
    if "mkdocs-jupyter" in config.plugins:
        raise PluginError(
            "mkdocs.yml: remove the mkdocs-jupyter plugin; hooks/notebooks.py renders the notebooks"
            " (with mkdocs-jupyter's converter, options in lastlayer/notebooks.py)"
        )
    root = Path(config.config_file_path).resolve().parent
    _state["docs"] = Path(config.docs_dir)
    _state["generated"] = root / ".generated"
    return config


def on_startup(command: str, dirty: bool) -> None:
    _state.clear()


def on_shutdown() -> None:
    pool = _state.pop("pool", None)
    if pool is not None:
        pool.shutdown(cancel_futures=True)


def on_pre_build(config: MkDocsConfig) -> None:
    """Start executing every notebook whose rendering is not cached yet, in worker processes,
    while the figures are drawn; each page waits for its own notebook only."""
    import concurrent.futures
    import multiprocessing

    running: dict[str, concurrent.futures.Future] = _state.setdefault("running", {})
    todo = []
    for path in notebooks.sources(_state["docs"]):
        cache_path = notebooks.cache_file(path)
        failed_here = background.current is not None and str(cache_path) in _state.get("failed", set())
        if not cache_path.exists() and str(path) not in running and not failed_here:
            todo.append((str(path), str(cache_path)))
    if not todo:
        return
    try:
        notebooks.converter()
    except notebooks.NotebookError as exc:
        raise PluginError(str(exc)) from None

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
    """A notebook's page is rendered from its cached rendering (waiting for its worker if it
    is running); a failure names the notebook."""
    if not _is_notebook(page):
        return page
    running = _state.get("running", {}).pop(page.file.abs_src_path, None)
    path = Path(page.file.abs_src_path)

    def render_notebook(config: MkDocsConfig, files: Files) -> None:
        if page.file.abs_src_path in _state.get("later", set()):
            # mkdocs serve on a fresh clone: show the page now, rebuild when the notebooks have run.
            page.content = f'<p class="ll-pending" role="status">⏳ {page.file.src_uri}</p>'
            page.toc = get_toc([])
            page.ll_pending = True
            return
        try:
            if running is not None:
                running.result()
            rendered = notebooks.rendering(path)
            if rendered is None:  # not started by this build (it failed earlier under serve): run it here
                notebooks.execute_to_cache(str(path), str(_state["generated"]))
                rendered = notebooks.rendering(path)
        except notebooks.NotebookError as exc:
            raise PluginError(str(exc)) from None
        if rendered is None:
            raise PluginError(
                f"notebook {page.file.src_uri}: its rendering was not written to {notebooks.cache_file(path)}"
            )
        page.content = rendered["content"]
        page.toc = get_toc(rendered["toc_tokens"])
        if rendered.get("title") is not None:
            page.title = rendered["title"]

    page.render = render_notebook
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
        # A full-width colon carries its own space: none after it in Chinese.
        f'<p class="ll-run"><strong>{languages.labelled(w["run"], "", lang).rstrip()}</strong>'
        f"{'' if languages.get(lang).cjk else ' '}{' · '.join(items)}<br>"
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


def on_post_build(config: MkDocsConfig) -> None:
    """Forget the renderings of notebooks that changed or are gone (every language's
    current notebooks are kept: i18n builds each language separately)."""
    for item in notebooks.evict(_state["docs"]):
        log.debug("evicted the stale notebook rendering %s", item.name)
