"""MkDocs hook: draw the figures before each build and hand the files to MkDocs.

The work is done by :func:`lastlayer.figures.build`; this file only wires it in.
Figures are written to ``.generated/figures`` (outside ``docs/``, so ``mkdocs serve``
does not rebuild in a loop) and added to the build as generated files.

``mkdocs build`` draws every format before the pages are built. ``mkdocs serve`` draws
the SVGs the pages show first, and the downloads (PNG, PDF) in the background once the
site is up; each download is copied into the served site as soon as it is drawn.
"""

from __future__ import annotations

import logging
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from lastlayer import background, figures, languages, project

log = logging.getLogger("mkdocs.hooks.figures")
PAGE_FORMATS = ("svg", project.NARROW)
#: Under serve, a build draws at most this many figures before serving (an edit); more (a
#: fresh clone) are drawn after the site is up.
SERVE_DRAWS_NOW = 2
DOWNLOAD_FORMATS = tuple(f for f in project.FORMATS if f not in PAGE_FORMATS)


@dataclass
class Session:
    """What one `mkdocs build` or `mkdocs serve` process knows between its builds."""

    command: str = "build"
    #: Inputs of the last successful drawing: i18n's second-language build() skips it.
    last_inputs: tuple | None = None
    #: Served folder of each figure in each language (downloads drawn in the background go there).
    served_folders: dict[tuple[str, str], Path] = field(default_factory=dict)
    background: threading.Thread | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def serving(self) -> bool:
        return self.command == "serve"


session = Session()


def _dirs(config: MkDocsConfig) -> tuple[Path, Path]:
    root = Path(config.config_file_path).resolve().parent
    return root / "figures", root / ".generated" / "figures"


def on_startup(command: str, dirty: bool) -> None:
    global session
    session = Session(command=command)


def on_pre_build(config: MkDocsConfig) -> None:
    figures_dir, out_dir = _dirs(config)
    inputs = tuple((p.name, figures.cache_key(p)) for p in figures.discover(figures_dir))
    if session.last_inputs == inputs:
        return
    formats = PAGE_FORMATS if session.serving else project.FORMATS
    if session.serving and background.current is not None:
        todo = figures.stale(figures_dir, out_dir, PAGE_FORMATS)
        later = lambda: _draw_later(figures_dir, out_dir)  # noqa: E731
        if len(todo) > SERVE_DRAWS_NOW and background.current.submit("drawing the figures", later):
            return  # a fresh clone: serve the pages now, with placeholders, and draw after
    with session.lock:
        report = figures.build(figures_dir=figures_dir, out_dir=out_dir, formats=formats)
    if report.drawn:
        log.info("figures drawn: %s", ", ".join(report.drawn))
    if report.failed:
        message = "figure script failed; the previous drawing is kept:\n" + "\n\n".join(report.failed.values())
        if session.serving:
            log.error(message)
        else:
            raise PluginError(message)
    session.last_inputs = inputs


def current_language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or config.theme.get("language", languages.DEFAULT)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    _, out_dir = _dirs(config)
    lang = current_language(config)
    for path in figures.outputs(out_dir):
        # Each language's build only needs its own labels; downloads of both are one switch away.
        if f"-{lang}-" not in path.name:
            continue
        dest = f"figures/{path.parent.name}/{path.name}"
        file = File.generated(config, dest, abs_src_path=str(path))
        files.append(file)
        if session.serving:
            session.served_folders[path.parent.name, lang] = Path(file.abs_dest_path).parent
    return files


def _draw_downloads(figures_dir: Path, out_dir: Path) -> None:
    with session.lock:
        report = figures.build(figures_dir=figures_dir, out_dir=out_dir, formats=DOWNLOAD_FORMATS)
    for fig_id in report.drawn:
        for lang in languages.CODES:
            folder = session.served_folders.get((fig_id, lang))
            if folder is None or not folder.is_dir():
                continue  # the next rebuild adds them like any other drawn file
            for theme in project.THEMES:
                for fmt in DOWNLOAD_FORMATS:
                    name = figures.output_name(fig_id, lang, theme, fmt)
                    shutil.copyfile(out_dir / fig_id / name, folder / name)
    if report.drawn:
        log.info("figure downloads (PNG, PDF) drawn: %s", ", ".join(report.drawn))
    for message in report.failed.values():
        log.error("figure downloads failed:\n%s", message)


def _draw_later(figures_dir: Path, out_dir: Path) -> None:
    with session.lock:
        report = figures.build(figures_dir=figures_dir, out_dir=out_dir, formats=PAGE_FORMATS)
    if report.drawn:
        log.info("figures drawn: %s", ", ".join(report.drawn))
    for message in report.failed.values():
        log.error("figure script failed:\n%s", message)


def on_post_build(config: MkDocsConfig) -> None:
    """Under serve, draw the downloads the last build skipped, without holding up the server."""
    if not session.serving or (session.background is not None and session.background.is_alive()):
        return
    if background.current is not None and background.current.busy("drawing the figures"):
        return  # the pages' SVGs first; the rebuild that shows them starts the downloads
    figures_dir, out_dir = _dirs(config)
    session.background = threading.Thread(target=_draw_downloads, args=(figures_dir, out_dir), daemon=True)
    session.background.start()
