"""MkDocs hook: draw the figures before each build and hand the files to MkDocs.

The work is done by :func:`lastlayer.figures.build`; this file only wires it in.
Figures are written to ``.generated/figures`` (outside ``docs/``, so ``mkdocs serve``
does not rebuild in a loop) and added to the build as generated files.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from lastlayer import figures

log = logging.getLogger("mkdocs.hooks.figures")
_state = {"command": "build", "last": None}


def _dirs(config) -> tuple[Path, Path]:
    root = Path(config.config_file_path).resolve().parent
    return root / "figures", root / ".generated" / "figures"


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_pre_build(config) -> None:
    figures_dir, out_dir = _dirs(config)
    # mkdocs-static-i18n runs a second build() per language: skip it when no input changed.
    inputs = (figures.shared_key(), tuple((p.name, figures.cache_key(p)) for p in figures.discover(figures_dir)))
    if _state["last"] == inputs:
        return
    report = figures.build(figures_dir=figures_dir, out_dir=out_dir)
    if report.drawn:
        log.info("figures drawn: %s", ", ".join(report.drawn))
    if report.failed:
        message = "figure script failed; the previous drawing is kept:\n" + "\n\n".join(report.failed.values())
        if _state["command"] == "serve":
            log.error(message)
        else:
            raise PluginError(message)
    _state["last"] = inputs


def current_language(config) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or config.theme.get("language", "en")


def on_files(files: Files, config) -> Files:
    _, out_dir = _dirs(config)
    lang = current_language(config)
    for path in figures.outputs(out_dir):
        # Each language's build only needs its own labels; downloads of both are one switch away.
        if f"-{lang}-" not in path.name:
            continue
        dest = f"figures/{path.parent.name}/{path.name}"
        files.append(File.generated(config, dest, abs_src_path=str(path)))
    return files
