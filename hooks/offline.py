"""MkDocs hook: a copy of the whole site that works from the file system, offered as a zip.

``mkdocs build`` (not ``serve``) ends by building the site again with Material's offline
plugin (``LASTLAYER_OFFLINE=true``: file URLs, search index inlined as a script) into a
temporary folder, and zips it to ``downloads/lastlayer-offline.zip`` in the site. The
plugin would load its Web Worker shim from unpkg.com; the vendored copy in
``docs/assets/vendor/iframe-worker`` is used instead, so the copy needs no network.

Set ``LASTLAYER_SKIP_OFFLINE=1`` to skip the second build (the tests do, except once).
"""

from __future__ import annotations

import base64
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ZIP = "downloads/lastlayer-offline.zip"
SHIM = "assets/vendor/iframe-worker/shim.js"
KATEX_CSS = "assets/katex/katex.min.css"
_state = {"command": "build", "depth": 0}


def offline() -> bool:
    return os.environ.get("LASTLAYER_OFFLINE") == "true"


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


@event_priority(50)  # before the offline plugin adds unpkg's copy of the shim
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if offline():
        config.extra["polyfills"] = [SHIM]
        config.extra["offline"] = True
    return config


def _embed_fonts(site: Path) -> None:
    """Browsers load no web font from file:// (CORS), so the offline copy's KaTeX CSS carries them."""
    css = site / KATEX_CSS
    folder = css.parent

    def inline(match: re.Match) -> str:
        data = base64.b64encode((folder / match[1]).read_bytes()).decode()
        return f"url(data:font/woff2;base64,{data})"

    css.write_text(re.sub(r"url\((fonts/[\w-]+\.woff2)\)", inline, css.read_text(encoding="utf-8")), encoding="utf-8")


def on_pre_build(config: MkDocsConfig) -> None:
    _state["depth"] += 1  # mkdocs-static-i18n builds each further language inside the first build


@event_priority(-200)  # after i18n has built the other languages
def on_post_build(config: MkDocsConfig) -> None:
    _state["depth"] -= 1
    if offline() and not _state["depth"]:
        _embed_fonts(Path(config.site_dir))
        return
    if _state["depth"] or _state["command"] != "build" or os.environ.get("LASTLAYER_SKIP_OFFLINE"):
        return
    site = Path(config.site_dir)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "lastlayer"
        env = {**os.environ, "LASTLAYER_OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
        cmd = [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            config.config_file_path,
            "-d",
            str(copy),
        ]
        result = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if result.returncode:
            raise PluginError(f"the offline copy of the site failed to build:\n{result.stderr}")
        target = site / ZIP
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".zip.partial")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(copy.rglob("*")):
                if path.is_file():
                    info = zipfile.ZipInfo(path.relative_to(tmp).as_posix(), date_time=(2020, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = 0o644 << 16
                    archive.writestr(info, path.read_bytes())
        partial.replace(target)
