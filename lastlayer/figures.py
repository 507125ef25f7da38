"""Build every figure of the site from its script in ``figures/``, with a cache.

A figure script defines ``FIGURE`` (title, caption and alt text per language) and
``draw(lang, theme, narrow=False) -> matplotlib.figure.Figure``; ``narrow=True`` draws the
layout a phone shows (at most ``style.NARROW_WIDTH_IN`` wide: panels stacked, the same
numbers and labels). A figure small enough for a phone as it is says ``"narrow": False`` in
its ``FIGURE`` and its drawing is used for both. This module draws each script in every
language and both themes, saves SVG, the narrow SVG, PNG and PDF, and caches the result by
a hash of everything that shapes it. Nothing here knows about MkDocs: the hook, ``scripts/`` and
the tests all call :func:`build`.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import importlib.util
import inspect
import json
import multiprocessing
import os
import shutil
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from lastlayer import deps, languages
from lastlayer.cache import atomic_write
from lastlayer.languages import CODES as LANGS
from lastlayer.languages import SOURCES
from lastlayer.project import FORMATS, ROOT, THEMES, generated

FIGURES_DIR = ROOT / "figures"

#: Bump when the way files are written changes, so every cached figure is redrawn.
PIPELINE_VERSION = "5"


@dataclass(frozen=True)
class FileInfo:
    """What a figure's files say about themselves (lastlayer.style.save writes it in)."""

    title: str
    author: str
    licence: str
    url: str  #: the figure's own page on the site, in the file's language
    key: str  #: the hash of the inputs that drew it (its cache key)


def page_uri(fig_id: str, lang: str) -> str:
    """Where a figure's own page is (hooks/figure_pages.py), relative to the site's root."""
    folder = "" if lang == languages.DEFAULT else f"{lang}/"
    return f"{folder}figures/{fig_id}/"


def file_info(meta: FigureMeta, lang: str, key: str) -> FileInfo:
    from lastlayer import project

    return FileInfo(
        title=meta.title[lang],
        author=languages.text("site.author", lang),
        licence=project.CONTENT_LICENCE,
        url=f"{project.SITE_URL}{page_uri(meta.id, lang)}",
        key=key,
    )


class FigureError(Exception):
    """A figure script is broken; the message names the file and the cause."""


@dataclass(frozen=True)
class FigureMeta:
    id: str
    path: Path
    title: dict[str, str]
    caption: dict[str, str]
    alt: dict[str, str]


@dataclass
class BuildReport:
    drawn: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)

    def raise_for_failures(self) -> None:
        if self.failed:
            raise FigureError("\n\n".join(self.failed.values()))


def draws_narrow(module: ModuleType) -> bool:
    """Whether a figure script draws a narrow layout of its own (else its drawing serves both)."""
    return getattr(module, "FIGURE", {}).get("narrow", True) is not False


def output_name(fig_id: str, lang: str, theme: str, fmt: str) -> str:
    return f"{fig_id}-{lang}-{theme}.{fmt}"


def output_files(fig_id: str, formats: tuple[str, ...] = FORMATS) -> list[str]:
    return [output_name(fig_id, lang, theme, fmt) for lang in LANGS for theme in THEMES for fmt in formats]


def discover(figures_dir: Path = FIGURES_DIR) -> list[Path]:
    """Every figure script: ``figures/*.py`` except private helpers starting with ``_``."""
    return sorted(p for p in figures_dir.glob("*.py") if not p.name.startswith("_"))


def _import(path: Path) -> ModuleType:
    name = f"_lastlayer_figure_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        raise FigureError(f"{path}: importing the figure script failed:\n{traceback.format_exc()}") from exc
    return module


def load_meta(path: Path) -> FigureMeta:
    """Read a figure script's captions and alt texts, checking both languages are there."""
    module = _import(path)
    spec = getattr(module, "FIGURE", None)
    if not isinstance(spec, dict):
        raise FigureError(f"{path}: defines no FIGURE dict with its captions and alt texts")
    if not callable(getattr(module, "draw", None)):
        raise FigureError(f"{path}: defines no draw(lang, theme) function")
    narrow = spec.get("narrow", True)
    if not isinstance(narrow, bool):
        raise FigureError(f"{path}: FIGURE['narrow'] must be True or False, not {narrow!r}")
    if narrow and "narrow" not in inspect.signature(module.draw).parameters:
        raise FigureError(
            f"{path}: draw() has no narrow layout for phones: give it a `narrow=False` parameter "
            "(True draws the figure at most style.NARROW_WIDTH_IN wide), or say FIGURE['narrow'] = False "
            "if the drawing is small enough for a phone as it is"
        )
    for key in ("title", "caption", "alt"):
        texts = spec.get(key)
        # Languages with their own sources; a converted language's texts come from its source's.
        missing = [lang for lang in SOURCES if not isinstance(texts, dict) or not str(texts.get(lang, "")).strip()]
        if missing:
            raise FigureError(f"{path}: FIGURE[{key!r}] has no text for {', '.join(missing)}")
    return FigureMeta(
        id=path.stem,
        path=path,
        title=with_converted(spec["title"]),
        caption=with_converted(spec["caption"]),
        alt=with_converted(spec["alt"]),
    )


def with_converted(texts: dict[str, str]) -> dict[str, str]:
    """A figure's texts in every language: the script's own, plus each converted language's,
    converted from its source language's (zh-Hant from zh)."""
    out = {lang: texts[lang] for lang in SOURCES}
    for lang in LANGS:
        if lang not in out:
            out[lang] = languages.convert(texts[languages.source_of(lang)], lang)
    return out


def convert_texts(fig, lang: str) -> None:
    """Turn every text of a figure drawn in ``lang``'s source language into ``lang``: each Text
    artist (titles, labels, legends, annotations, tick labels) and the fixed or function tick
    formatters, which set tick labels again when the figure is saved."""
    import matplotlib.text
    import matplotlib.ticker

    def conv(value: str) -> str:
        return languages.convert(value, lang)

    for ax in fig.get_axes():
        for axis in (getattr(ax, name, None) for name in ("xaxis", "yaxis", "zaxis")):
            if axis is None:
                continue
            for formatter in (axis.get_major_formatter(), axis.get_minor_formatter()):
                if isinstance(formatter, matplotlib.ticker.FixedFormatter):
                    formatter.seq = [conv(str(label)) for label in formatter.seq]
                elif isinstance(formatter, matplotlib.ticker.FuncFormatter):
                    formatter.func = lambda x, pos, f=formatter.func: conv(str(f(x, pos)))
                elif isinstance(formatter, matplotlib.ticker.StrMethodFormatter):
                    formatter.fmt = conv(formatter.fmt)
    for artist in fig.findobj(matplotlib.text.Text):
        artist.set_text(conv(artist.get_text()))


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cache_key(path: Path, package_dir: Path | None = None) -> str:
    """A figure's key: its script, the project code it and the pipeline can reach (imports
    worked out by :mod:`lastlayer.deps`, data files included) and the installed versions of
    the libraries they import. Editing ``learning.py`` redraws the figures that import it."""
    code = deps.digest(path, Path(__file__), package_dir=package_dir or deps.PACKAGE_DIR)
    return hashlib.sha256(f"pipeline={PIPELINE_VERSION};{path.name};{code}".encode()).hexdigest()


def _manifest_path(out_dir: Path, fig_id: str) -> Path:
    return out_dir / fig_id / "manifest.json"


def _manifest(out_dir: Path, fig_id: str) -> dict:
    try:
        return json.loads(_manifest_path(out_dir, fig_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def is_cached(out_dir: Path, fig_id: str, key: str, formats: tuple[str, ...] = FORMATS) -> bool:
    recorded = _manifest(out_dir, fig_id)
    listed = set(recorded.get("files", ()))
    return recorded.get("key") == key and all(
        name in listed and (out_dir / fig_id / name).is_file() for name in output_files(fig_id, formats)
    )


def meta(path: Path, out_dir: Path | None = None, load: bool = True) -> FigureMeta | None:
    """A figure's titles, captions and alt texts: from its manifest when the script has not
    changed since it was drawn (no import of the script, matplotlib or the models), else
    from the script itself (or None when ``load`` is false)."""
    recorded = _manifest(out_dir or generated("figures"), path.stem)
    texts = recorded.get("meta")
    if texts and recorded.get("key") == cache_key(path) and all(set(LANGS) <= set(t) for t in texts.values()):
        return FigureMeta(id=path.stem, path=path, **texts)
    return load_meta(path) if load else None


def _draw_variant(
    path: str, out_dir: str, lang: str, theme: str, formats: tuple[str, ...], info: FileInfo | None = None
) -> list[tuple[str, str]]:
    """Worker: draw one language and theme of one figure into temporary files.

    Returns (temporary, final) path pairs; the parent renames them once every variant of
    the figure has succeeded, so a failure never replaces a good file.
    """
    module = _import(Path(path))
    fig_id = Path(path).stem
    target = Path(out_dir) / fig_id
    target.mkdir(parents=True, exist_ok=True)
    pairs: list[tuple[str, str]] = []
    try:
        for fmt in formats:
            final = target / output_name(fig_id, lang, theme, fmt)
            pairs.append((str(target / f".{final.name}.{os.getpid()}.tmp"), str(final)))
        targets = [(Path(tmp), fmt) for (tmp, _), fmt in zip(pairs, formats, strict=True)]
        render(module.draw, lang, theme, targets, info, narrow=draws_narrow(module))
    except Exception as exc:
        for tmp, _ in pairs:
            Path(tmp).unlink(missing_ok=True)
        # Raised as text: a traceback object does not cross the process boundary.
        raise FigureError(f"{path}: draw(lang={lang!r}, theme={theme!r}) raised:\n{traceback.format_exc()}") from exc
    return pairs


def _worker_init() -> None:
    # One BLAS thread per worker: the workers already use every core.
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"


def _executor(workers: int) -> concurrent.futures.Executor:
    # spawn, not fork: a fork of a process that has started OpenBLAS's threads (MkDocs has,
    # through numpy) gives workers that crawl; fresh interpreters cost about a second each.
    # A fixed string-hash seed for the workers: matplotlib's layout iterates over sets, and a
    # different order rounds the last digit of a coordinate differently (bytes would change).
    os.environ["PYTHONHASHSEED"] = "0"
    return concurrent.futures.ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=_worker_init
    )


def stale(
    figures_dir: Path = FIGURES_DIR, out_dir: Path | None = None, formats: tuple[str, ...] = FORMATS
) -> list[str]:
    """Ids of the figures whose files in ``formats`` are missing or older than their script."""
    out_dir = out_dir or generated("figures")
    return [p.stem for p in discover(figures_dir) if not is_cached(out_dir, p.stem, cache_key(p), formats)]


def build(
    names: list[str] | None = None,
    *,
    figures_dir: Path = FIGURES_DIR,
    out_dir: Path | None = None,
    jobs: int | None = None,
    force: bool = False,
    formats: tuple[str, ...] = FORMATS,
) -> BuildReport:
    """Draw the figures whose cache key changed; ``names`` limits the build to those ids.

    ``formats`` are the files wanted now: ``mkdocs serve`` first asks for the SVGs the
    pages show and draws the downloads (PNG, PDF) once the site is up.

    Failures are collected in the report (with the file name and traceback) and never
    touch the previous output of the failed figure.
    """
    report = BuildReport()
    paths = discover(figures_dir)
    if names:
        by_id = {p.stem: p for p in paths}
        unknown = sorted(set(names) - set(by_id))
        if unknown:
            raise FigureError(f"no figure script for {', '.join(unknown)} in {figures_dir}")
        paths = [by_id[n] for n in names]
    out_dir = out_dir or generated("figures")
    out_dir.mkdir(parents=True, exist_ok=True)

    todo: dict[str, tuple[Path, str]] = {}
    for path in paths:
        key = cache_key(path)
        if not force and is_cached(out_dir, path.stem, key, formats):
            report.cached.append(path.stem)
        else:
            todo[path.stem] = (path, key)

    metas: dict[str, FigureMeta] = {}
    for fig_id, (path, _key) in list(todo.items()):
        # Importing in this process first checks the captions and fills shared caches (trained
        # models on disk) once, instead of once per worker.
        try:
            metas[fig_id] = load_meta(path)
        except FigureError as exc:
            report.failed[fig_id] = str(exc)
            del todo[fig_id]

    if todo:
        tasks = [(fig_id, lang, theme) for fig_id in todo for lang in LANGS for theme in THEMES]
        workers = max(1, min(len(tasks), jobs or os.cpu_count() or 1))
        results: dict[str, list[tuple[str, str]]] = {fig_id: [] for fig_id in todo}
        with _executor(workers) as pool:
            futures = {
                pool.submit(
                    _draw_variant,
                    str(todo[fig_id][0]),
                    str(out_dir),
                    lang,
                    theme,
                    formats,
                    file_info(metas[fig_id], lang, todo[fig_id][1]),
                ): (
                    fig_id,
                    lang,
                    theme,
                )
                for fig_id, lang, theme in tasks
            }
            for future in concurrent.futures.as_completed(futures):
                fig_id = futures[future][0]
                try:
                    results[fig_id].extend(future.result())
                except FigureError as exc:
                    report.failed.setdefault(fig_id, str(exc).rstrip())
                except Exception as exc:  # the worker itself died
                    report.failed.setdefault(
                        fig_id, f"{todo[fig_id][0]}: drawing failed:\n{''.join(traceback.format_exception(exc))}"
                    )
        for fig_id, (_path, key) in todo.items():
            pairs = results[fig_id]
            if fig_id in report.failed:
                for tmp, _ in pairs:
                    Path(tmp).unlink(missing_ok=True)
                continue
            for tmp, final in pairs:
                os.replace(tmp, final)
            # Files of other formats drawn earlier for the same key stay listed.
            recorded = _manifest(out_dir, fig_id)
            files = set(output_files(fig_id, formats))
            if recorded.get("key") == key:
                files |= set(recorded.get("files", ()))
            m = metas[fig_id]
            texts = {"title": m.title, "caption": m.caption, "alt": m.alt}
            manifest = {"key": key, "files": sorted(files), "meta": texts}
            atomic_write(
                _manifest_path(out_dir, fig_id), json.dumps(manifest, indent=1, ensure_ascii=False, sort_keys=True)
            )
            report.drawn.append(fig_id)

    if not names:
        live = {p.stem for p in paths}
        for stale in out_dir.iterdir():
            if stale.is_dir() and stale.name not in live:
                shutil.rmtree(stale)
    report.drawn.sort()
    return report


def outputs(out_dir: Path | None = None) -> list[Path]:
    """Every drawn file that is complete (listed in its figure's manifest)."""
    out_dir = out_dir or generated("figures")
    files = []
    for manifest in sorted(out_dir.glob("*/manifest.json")):
        for name in json.loads(manifest.read_text(encoding="utf-8"))["files"]:
            path = manifest.parent / name
            if path.is_file():
                files.append(path)
    return files


def render(
    draw, lang: str, theme: str, targets: list[tuple[Path, str]], info: FileInfo | None = None, narrow: bool = True
) -> None:
    """Draw a figure in ``lang`` and ``theme`` and save it to each (path, format) of ``targets``.

    A format ``narrow.<ext>`` (``narrow.svg`` for the pages) is the narrow layout, drawn by
    ``draw(..., narrow=True)``, or the one drawing when ``narrow`` is false (a figure that
    needs none). A converted language (zh-Hant) is drawn in its source language (zh), in its
    own font, and every text of the figure is converted before it is saved. The build's
    workers and a figure script run alone both come here.
    """
    import matplotlib.pyplot as plt

    from lastlayer import style

    def layout(fmt: str) -> tuple[bool, str]:
        thin, _, ext = fmt.rpartition(".")
        return (thin == "narrow" and narrow), ext

    passes: dict[bool, list[tuple[Path, str]]] = {} if targets else {False: []}  # no target: draw, save nothing
    for path, fmt in targets:
        thin, ext = layout(fmt)
        passes.setdefault(thin, []).append((path, ext))
    source = languages.source_of(lang)
    with style.themed(lang, theme):
        for thin, group in sorted(passes.items()):
            fig = draw(lang=source, theme=theme, **({"narrow": True} if thin else {}))
            try:
                if source != lang:
                    convert_texts(fig, lang)
                for path, ext in group:
                    style.save(fig, path, theme, ext, info)
            finally:
                plt.close(fig)


def show_or_save(draw, argv: list[str]) -> None:
    """What a figure script does when run alone: `python figures/x.py [lang] [theme] [out.png]`."""
    lang = argv[1] if len(argv) > 1 else languages.DEFAULT
    theme = argv[2] if len(argv) > 2 else "light"
    out = Path(argv[3]) if len(argv) > 3 else Path(f"{Path(argv[0]).stem}-{lang}-{theme}.png")
    fmt = out.suffix.lstrip(".") or "png"
    usage = f"usage: python {argv[0]} [{'|'.join(LANGS)}] [{'|'.join(THEMES)}] [out.svg|.png|.pdf|.narrow.svg]"
    if lang not in LANGS or theme not in THEMES or fmt not in ("svg", "png", "pdf"):
        raise SystemExit(f"{usage}\n(got language {lang!r}, theme {theme!r}, file {str(out)!r})")
    # out.narrow.svg (or .png): the narrow layout, as the pages show it on a phone.
    fmt = f"narrow.{fmt}" if out.name.endswith(f".narrow.{fmt}") else fmt
    narrow = "narrow" in inspect.signature(draw).parameters
    # The file the build writes, byte for byte: the same metadata, and the build workers'
    # string-hash seed (matplotlib's layout iterates over sets; see _executor).
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])
    script = Path(inspect.getsourcefile(draw))
    info = file_info(load_meta(script), lang, cache_key(script))
    render(draw, lang, theme, [(out, fmt)], info, narrow=narrow)
    print(out)
