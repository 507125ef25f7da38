"""Notebooks: one per content page and language, kept as percent-format scripts.

``docs/notebooks/<page>.py`` (English) and ``docs/notebooks/<page>.zh.py`` (Chinese) hold
the same code cells and prose in their own language. mkdocs-jupyter executes and renders
them; :func:`tidy` then turns its JupyterLab markup into the site's own markup (Material
code blocks, KaTeX-ready math, plots as files with alt text, headings with fixed ids), and
:func:`reader_notebook` writes the clean ``.ipynb`` a reader downloads.
"""

from __future__ import annotations

import ast
import base64
import functools
import html
import json
import re
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lastlayer import converted, deps, languages
from lastlayer.cache import atomic_write

if TYPE_CHECKING:  # imported where used: a rebuild with nothing changed needs neither
    import nbformat
    from bs4 import BeautifulSoup

FOLDER = "notebooks"
# What a downloaded notebook may import besides the standard library.
THIRD_PARTY = {"numpy", "matplotlib", "sklearn"}
HEADING_ID = re.compile(r"\s*\{#([A-Za-z][\w-]*)\}\s*$")
DISPLAY_IN_P = re.compile(r"<p>\s*\$\$(.+?)\$\$\s*</p>", re.S)
DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
INLINE = re.compile(r"(?<![\\$])\$(?=\S)(.+?)(?<=\S)(?<!\\)\$", re.S)


class NotebookError(ValueError):
    """A notebook that cannot be shown as it is; the message names the file and the cause."""


@dataclass
class Tidied:
    html: str
    title: str | None
    toc: list[dict] = field(default_factory=list)
    plots: dict[str, bytes] = field(default_factory=dict)


def sources(docs_dir: Path) -> list[Path]:
    """Every notebook source: those in ``docs/``, then each converted language's (zh-Hant),
    converted from its source language's and written under ``.generated`` (lastlayer/converted.py)."""
    return sorted((docs_dir / FOLDER).glob("*.py")) + converted.notebooks(docs_dir, FOLDER)


def source_path(docs_dir: Path, name: str, lang: str) -> Path:
    """The notebook source of page ``name`` (``computation``) in ``lang``: in ``docs/`` for a
    language with sources of its own, else the converted copy."""
    rel = f"{FOLDER}/{name}.py"
    if languages.get(lang).converted_from is not None:
        return converted.target_path(rel, lang)
    return docs_dir / FOLDER / (name + languages.suffix(lang) + ".py")


def language(path: Path) -> str:
    """The language of a notebook source by its name (``page.zh.py``: lastlayer/languages.py)."""
    return languages.of_filename(path.name)


def stem(path: Path) -> str:
    return languages.strip_suffix(path.name.removesuffix(".py"))


def download_name(path: Path) -> str:
    """File name of the reader's copy: ``computation.ipynb`` or ``computation.zh.ipynb``."""
    return path.name.removesuffix(".py") + ".ipynb"


def read(path: Path) -> nbformat.NotebookNode:
    import jupytext

    return jupytext.read(path)


def code_cells(path: Path) -> list[str]:
    return [cell.source for cell in read(path).cells if cell.cell_type == "code"]


def imported_modules(path: Path) -> set[str]:
    """Top-level names of every module the notebook imports."""
    names = set()
    for source in code_cells(path):
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module.split(".")[0])
    return names


def foreign_imports(path: Path) -> set[str]:
    """Imports a reader with only numpy, matplotlib and scikit-learn could not satisfy."""
    return {name for name in imported_modules(path) if name not in THIRD_PARTY | sys.stdlib_module_names}


def requirements(path: Path) -> list[str]:
    """The packages (PyPI names) a reader needs to run the notebook, in a fixed order."""
    from lastlayer.cache import cached_json

    imported = set(
        cached_json(
            "notebook-imports", (path.read_bytes(),), lambda: sorted(imported_modules(path)), code=("notebooks",)
        )
    )
    names = {"numpy": "numpy", "matplotlib": "matplotlib", "sklearn": "scikit-learn"}
    return [pypi for module, pypi in names.items() if module in imported]


def reader_notebook(path: Path) -> str:
    """The .ipynb a reader downloads: no outputs, a standard Python 3 kernel, stable cell ids."""
    import nbformat

    nb = read(path)
    nb.metadata = nbformat.from_dict(
        {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        }
    )
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i}"
        cell.metadata = nbformat.from_dict({})
        if cell.cell_type == "markdown":
            # Jupyter has no heading-id syntax; the ids only matter on the site.
            cell.source = "\n".join(
                HEADING_ID.sub("", line) if line.startswith("#") else line for line in cell.source.split("\n")
            )
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nbformat.validate(nb)
    return json.dumps(nb, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def png_size(data: bytes) -> tuple[int, int]:
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    return struct.unpack(">II", data[16:24])


def _math(markup: str) -> str:
    """Mark math the way pymdownx.arithmatex does, so the KaTeX hook renders it."""
    markup = DISPLAY_IN_P.sub(lambda m: f'<div class="arithmatex">\\[{m[1]}\\]</div>', markup)
    markup = DISPLAY.sub(lambda m: f'<span class="arithmatex">\\[{m[1]}\\]</span>', markup)
    return INLINE.sub(lambda m: f'<span class="arithmatex">\\({m[1]}\\)</span>', markup)


def _nest(flat: list[dict]) -> list[dict]:
    root: list[dict] = []
    stack: list[dict] = []
    for token in flat:
        token = {**token, "children": []}
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


def _headings(cell_html: BeautifulSoup, name: str, flat: list[dict]) -> str | None:
    from bs4 import BeautifulSoup, NavigableString

    title = None
    for h in cell_html.find_all(re.compile(r"^h[1-6]$")):
        for anchor in h.select("a.anchor-link"):
            anchor.decompose()
        last = h.contents[-1] if h.contents else None
        match = HEADING_ID.search(str(last)) if isinstance(last, NavigableString) else None
        level = int(h.name[1])
        if match:
            last.replace_with(NavigableString(HEADING_ID.sub("", str(last))))
            h["id"] = match[1]
        elif level == 1:
            h.attrs.pop("id", None)
        else:
            raise NotebookError(f"{name}: heading {h.get_text()!r} needs an id, e.g. '## Title {{#title}}'")
        text = h.get_text().strip()
        if level == 1:
            title = title or text
            continue
        link = BeautifulSoup(f'<a class="headerlink" href="#{h["id"]}" title="Permanent link">¶</a>', "html.parser")
        h.append(link)
        flat.append({"level": level, "id": h["id"], "name": html.escape(text)})
    return title


def tidy(rendered: str, nb: nbformat.NotebookNode, name: str, header: str = "", prefix: str = "") -> Tidied:
    """Rewrite mkdocs-jupyter's HTML for notebook ``nb`` (called ``name`` in errors).

    Drops the inline JupyterLab CSS and the scripts (MathJax, Mermaid, clipboard), which
    the site does not need. ``header`` (HTML) goes right after the notebook's title; plot
    files are named ``<prefix>plot-<cell>-<n>.png``.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(rendered, "html.parser")
    divs = soup.find_all("div", id=re.compile(r"^cell-id="))
    if len(divs) != len(nb.cells):
        raise NotebookError(f"{name}: rendered {len(divs)} cells, the notebook has {len(nb.cells)}")
    parts: list[str] = []
    flat: list[dict] = []
    plots: dict[str, bytes] = {}
    title = None
    for index, (div, cell) in enumerate(zip(divs, nb.cells, strict=True), start=1):
        if cell.cell_type == "markdown":
            body = div.select_one(".jp-RenderedMarkdown")
            cell_title = _headings(body, name, flat)
            markup = _math(body.decode_contents())
            if cell_title and title is None:
                title = cell_title
                markup = re.sub(r"(</h1>)", lambda m: m[1] + header, markup, count=1)
            parts.append(f'<div class="ll-nb-cell ll-nb-markdown">{markup}</div>')
        elif cell.cell_type == "code":
            pre = div.select_one(".highlight-ipynb pre")
            code = "".join(str(c) for c in pre.contents if not (getattr(c, "name", None) == "span" and not c.contents))
            out = [f'<div class="language-python highlight"><pre><span></span><code>{code}</code></pre></div>']
            for k, output in enumerate(div.select(".jp-OutputArea-output"), start=1):
                out.append(_output(output, cell, f"{name}, cell {index}", f"{prefix}plot-{index}-{k}.png", plots))
            parts.append(f'<div class="ll-nb-cell ll-nb-code">{"".join(out)}</div>')
    return Tidied(
        html='<div class="ll-notebook">' + "\n".join(parts) + "</div>",
        title=title,
        toc=_nest(flat),
        plots=plots,
    )


def _output(output, cell, where: str, filename: str, plots: dict[str, bytes]) -> str:
    mime = output.get("data-mime-type", "")
    classes = output.get("class", [])
    if "jp-RenderedImage" in classes:
        img = output.find("img")
        src = img.get("src", "") if img else ""
        if not src.startswith("data:image/png;base64,"):
            raise NotebookError(f"{where}: only PNG plots are supported, got {src[:40]!r}")
        alt = cell.metadata.get("alt")
        if not isinstance(alt, str) or not alt.strip():
            raise NotebookError(f'{where} draws a plot but has no alt text: write `# %% alt="..."` above the cell')
        data = base64.b64decode(src.split(",", 1)[1])
        plots[filename] = data
        width, height = png_size(data)
        return (
            f'<figure class="ll-nb-plot"><img src="{filename}" alt="{html.escape(alt.strip())}" '
            f'width="{width}" height="{height}" loading="lazy" decoding="async"></figure>'
        )
    if mime == "application/vnd.jupyter.stderr":
        raise NotebookError(f"{where} writes to stderr (a warning?): {output.get_text().strip()[:300]}")
    if "jp-RenderedText" in classes or mime.startswith("text/plain") or mime.startswith("application/vnd.jupyter"):
        text = output.get_text().strip("\n")
        return f'<pre class="ll-nb-output"><code>{html.escape(text)}</code></pre>'
    if "jp-RenderedHTMLCommon" in classes:
        return f'<div class="ll-nb-output">{output.decode_contents()}</div>'
    raise NotebookError(f"{where}: output of type {mime or classes} is not supported")


def tidy_file(rendered: str, path: Path, name: str, header: str = "", prefix: str = "") -> Tidied:
    """:func:`tidy` of the notebook at ``path``, cached on disk by everything it depends on
    (a rebuild with nothing changed neither parses the notebook nor its rendered markup)."""
    from lastlayer.cache import cached_json

    def compute() -> dict:
        t = tidy(rendered, read(path), name, header, prefix)
        plots = {key: base64.b64encode(data).decode() for key, data in t.plots.items()}
        return {"html": t.html, "title": t.title, "toc": t.toc, "plots": plots}

    data = cached_json(
        "notebook-pages", (rendered, path.read_bytes(), name, header, prefix), compute, code=("notebooks",)
    )
    plots = {key: base64.b64decode(text) for key, text in data["plots"].items()}
    return Tidied(html=data["html"], title=data["title"], toc=data["toc"], plots=plots)


def reader_notebook_cached(path: Path) -> str:
    from lastlayer.cache import cached_json

    return cached_json("reader-notebooks", (path.read_bytes(),), lambda: reader_notebook(path), code=("notebooks",))


# ---------------------------------------------------------------- executing ahead of the pages
#
# mkdocs-jupyter's converter (``mkdocs_jupyter.convert.nb2html``) executes and renders a
# notebook; it is used as a library, not as an MkDocs plugin (importing the plugin, and with
# it nbconvert and jupytext, cost a rebuild with nothing changed most of a second). The build
# starts every notebook whose rendering is not cached in worker processes as soon as it
# starts (beside the figure workers); each rendering is kept in ``.generated/notebooks``
# under a hash of the notebook and of everything else it depends on (:func:`cache_file`),
# and the notebook's page reads it from there (:func:`rendering`). The converter's helpers
# used here are checked by :func:`converter`.

#: Keyword arguments of ``mkdocs_jupyter.convert.nb2html``: a failing cell fails the build
#: (``allow_errors``); the rest are mkdocs-jupyter's defaults.
OPTIONS: dict = {
    "kernel_name": "python3",
    "theme": "",
    "allow_errors": False,
    "show_input": True,
    "no_input": False,
    "no_prompt": False,
    "remove_tag_config": {},
    "highlight_extra_classes": "",
    "include_requirejs": False,
    "custom_mathjax_url": "",
}
#: Depth of the table of contents read from the notebook's headings.
TOC_DEPTH = 6
#: The packages whose code makes a rendering: a new version of one renders again.
RENDERED_BY = ("mkdocs-jupyter", "nbconvert", "nbclient", "jupytext", "ipykernel")


@functools.cache
def _renderer_versions() -> str:
    from importlib.metadata import version

    return "|".join(f"{name} {version(name)}" for name in RENDERED_BY)


def _script_imports(path: Path) -> set[str]:
    """Top-level modules a percent-format notebook imports, read without jupytext: the
    script is Python (its prose cells are comments)."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except SyntaxError:
        return imported_modules(path)
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names)


def cache_file(path: Path) -> Path:
    """Where the rendering of the notebook at ``path`` is kept: its name is a hash of the
    notebook, the converter's options, the versions of the packages that render it and of
    the libraries the notebook imports (numpy, matplotlib, scikit-learn)."""
    import hashlib

    from lastlayer.project import generated

    h = hashlib.sha256(path.read_bytes())
    libraries = deps.libraries(frozenset(_script_imports(path)))
    h.update(
        json.dumps([OPTIONS, TOC_DEPTH, _renderer_versions(), KERNEL_FONTS_STARTUP, libraries], sort_keys=True).encode()
    )
    return generated("notebooks", h.hexdigest()[:32] + ".json")


def rendering(path: Path) -> dict | None:
    """The cached rendering of a notebook (``content``, ``toc_tokens``, ``title``), or None."""
    try:
        return json.loads(cache_file(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def evict(docs_dir: Path) -> list[Path]:
    """Delete the renderings of notebooks that no longer exist as they are; returns them."""
    keep = {cache_file(path) for path in sources(docs_dir)}
    folder = next(iter(keep)).parent if keep else None
    gone = []
    if folder is not None and folder.is_dir():
        for item in folder.glob("*.json"):
            if item not in keep:
                item.unlink(missing_ok=True)
                gone.append(item)
    return gone


def converter():
    """mkdocs-jupyter's conversion helpers, or an error naming what changed."""
    import inspect

    from mkdocs_jupyter import convert, plugin

    needed = {
        "mkdocs_jupyter.plugin._get_nb_toc_tokens": getattr(plugin, "_get_nb_toc_tokens", None),
        "mkdocs_jupyter.convert.nb2html": getattr(convert, "nb2html", None),
    }
    missing = [name for name, value in needed.items() if value is None]
    if not missing:
        parameters = set(inspect.signature(convert.nb2html).parameters)
        missing = [f"nb2html({name}=...)" for name in ("execute", *OPTIONS) if name not in parameters]
    if missing:
        raise NotebookError(
            "mkdocs-jupyter changed: the notebook hook relies on "
            + ", ".join(missing)
            + " (pinned in requirements.txt); update lastlayer/notebooks.py for the new version"
        )
    return plugin, convert


def execute_to_cache(path: str, generated_dir: str) -> None:
    """Worker: execute and render one notebook with mkdocs-jupyter's converter, into its cache file."""
    import os

    from lastlayer import project

    project.use_project(Path(generated_dir).parent)
    os.environ.update(kernel_environment(Path(generated_dir), os.getpid()))
    plugin, convert = converter()
    try:
        body = convert.nb2html(path, execute=True, **OPTIONS)
    except Exception as exc:
        detail = re.sub(r"\x1b\[[0-9;]*m", "", str(exc)).strip()
        raise NotebookError(f"notebook {FOLDER}/{Path(path).name} failed to run:\n{detail}") from None
    toc_tokens, title = plugin._get_nb_toc_tokens(path, TOC_DEPTH)
    target = cache_file(Path(path))
    atomic_write(target, json.dumps({"content": body, "toc_tokens": toc_tokens, "title": title}))


def kernel_config_dir(generated_dir: Path, worker: int) -> Path:
    """A Jupyter config folder (in ``generated_dir``) whose kernels talk over IPC sockets.

    Over TCP without CurveZMQ keys, ipykernel warns on every start that the traffic is not
    encrypted; local IPC sockets need no encryption. Each worker gets its own socket names.
    """
    import tempfile

    folder = generated_dir / "jupyter" / str(worker)
    folder.mkdir(parents=True, exist_ok=True)
    # Socket paths must stay short (about 100 bytes on Linux): they live in the temp folder.
    config = {"KernelManager": {"transport": "ipc", "ip": str(Path(tempfile.gettempdir()) / f"lastlayer-{worker}")}}
    (folder / "jupyter_nbconvert_config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
    return folder


#: Run by every kernel the build starts (an IPython startup file): the pinned CJK fonts the
#: figures use (lastlayer/style.py) become installed fonts for the notebook's own font choice,
#: so the build's plots do not depend on the fonts of the machine that builds the site.
KERNEL_FONTS_STARTUP = """\
import os
from matplotlib import font_manager
for path in os.environ.get("LASTLAYER_NOTEBOOK_FONTS", "").split(os.pathsep):
    if path:
        font_manager.fontManager.addfont(path)
"""


def kernel_environment(generated_dir: Path, worker: int) -> dict[str, str]:
    """Environment of the kernels a build worker starts: IPC sockets (:func:`kernel_config_dir`)
    and the pinned CJK fonts registered at start-up (:data:`KERNEL_FONTS_STARTUP`)."""
    import os

    from lastlayer import style

    ipython = generated_dir / "jupyter" / str(worker) / "ipython"
    startup = ipython / "profile_default" / "startup"
    startup.mkdir(parents=True, exist_ok=True)
    (startup / "00-lastlayer-fonts.py").write_text(KERNEL_FONTS_STARTUP, encoding="utf-8")
    return {
        "JUPYTER_CONFIG_DIR": str(kernel_config_dir(generated_dir, worker)),
        "IPYTHONDIR": str(ipython),
        "LASTLAYER_NOTEBOOK_FONTS": os.pathsep.join(str(path) for path in style.CJK_FONTS.values()),
    }
