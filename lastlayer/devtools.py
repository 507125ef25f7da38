"""Tools for working on the site (tests, benchmark): copy the project, run MkDocs on a copy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from lastlayer.project import ROOT

#: What a copy of the project needs to build the site (the ``lastlayer`` package itself
#: is installed, so it is not copied: the copy builds with the installed code).
PROJECT_PARTS = ("docs", "figures", "hooks", "overrides", "scripts", "mkdocs.yml", "pyproject.toml", "README.md")


def copy_project(dest: Path, generated: Path | None = None) -> Path:
    """A private copy of the site's sources, so a test can break or edit it freely.

    ``generated`` is a ``.generated`` folder (drawn figures, trained models) to start from,
    so work that is not about cold builds does not redraw every figure.
    """
    dest.mkdir(parents=True, exist_ok=True)
    if generated is not None:
        shutil.copytree(generated, dest / ".generated", ignore=shutil.ignore_patterns("screenshots", "lighthouse"))
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def mkdocs_env(offline: bool = False) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    for name in ("LASTLAYER_OFFLINE", "LASTLAYER_GENERATED"):
        env.pop(name, None)
    if not offline:
        env["LASTLAYER_SKIP_OFFLINE"] = "1"
    return env


def mkdocs_build(
    project: Path, site: Path | None = None, strict: bool = True, offline: bool = False, quiet: bool = False
) -> subprocess.CompletedProcess:
    """``mkdocs build``; the zipped offline copy (a second build) only when ``offline`` is true."""
    site = site or project / "site"
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    if strict:
        cmd.append("--strict")
    if quiet:
        cmd.append("-q")
    return subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=mkdocs_env(offline), timeout=900)
