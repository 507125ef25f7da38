"""MkDocs hook, first in the list: check that the build has what it needs, once, and
point the shared code at the project being built.

A missing package (for example after ``pip install mkdocs`` alone, or when the project
itself is not installed) stops the build with one message that names what is missing
and the command that installs it, instead of a traceback per hook or per figure worker.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer

#: What the build imports, and the distribution that provides it.
NEEDED = {
    "lastlayer": "lastlayer (this repository, installed by requirements.txt as `-e .`)",
    "numpy": "numpy",
    "matplotlib": "matplotlib",
    "sklearn": "scikit-learn",
    "jieba": "jieba",
    "opencc": "opencc (Simplified to Traditional Chinese, lastlayer/hant.py)",
    "markdown_katex_rs": "markdown-katex-rs",
    "pylopdf_fonts_zh_cn": "pylopdf-fonts-zh-cn (the pinned CJK font for figure labels)",
    "fontTools": "fonttools",
    "brotli": "brotli",
    "bs4": "beautifulsoup4",
    "mkdocs_jupyter": "mkdocs-jupyter (its converter renders the notebooks)",
    "tinycss2": "tinycss2",
}
INSTALL = "pip install -r requirements.txt   (from the repository's root folder)"


def missing_modules() -> list[str]:
    return [dist for module, dist in NEEDED.items() if importlib.util.find_spec(module) is None]


def check() -> None:
    missing = missing_modules()
    if missing:
        raise PluginError(
            "the build needs Python packages that are not installed: "
            + ", ".join(missing)
            + f"\nInstall everything the site needs with:\n    {INSTALL}"
        )


# MkDocs imports every hook while it reads mkdocs.yml; this one comes first, so the check
# runs before any other hook tries to import what is missing.
check()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    from lastlayer import project

    project.use_project(Path(config.config_file_path).resolve().parent)
    return config


def on_env(env: jinja2.Environment, config: MkDocsConfig, files) -> jinja2.Environment:
    """Compiled templates are kept on disk (Jinja checks each against its source), so a
    rebuild does not compile the theme's hundred-odd templates again."""
    from lastlayer import project

    folder = project.generated("jinja")
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env


_session = {"command": "build"}


def on_startup(command: str, dirty: bool) -> None:
    _session["command"] = command


def on_pre_build(config: MkDocsConfig) -> None:
    """Under `mkdocs serve`, slow work (drawing, training, running notebooks) is done after
    the site is up (:mod:`lastlayer.background`); `mkdocs build` does it in order."""
    from lastlayer import background

    if _session["command"] == "serve" and background.current is None:
        root = Path(config.config_file_path).resolve().parent
        background.start(root / ".generated" / "serve-ready")


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
    from lastlayer import background

    if background.current is not None:
        server.watch(str(background.current.stamp), recursive=False)
        background.current.begin()
    return server


def on_shutdown() -> None:
    from lastlayer import background

    background.stop()
