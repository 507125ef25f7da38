"""Helpers shared by the tests: copying the project and running MkDocs on the copy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TINY_FIGURE = '''
"""A tiny figure used by the tests."""
import matplotlib.pyplot as plt

FIGURE = {
    "title": {"en": "Tiny", "zh": "小图"},
    "caption": {"en": "A tiny test figure.", "zh": "测试用的小图。"},
    "alt": {"en": "One line.", "zh": "一条线。"},
}


def draw(lang="en", theme="light"):
    fig, ax = plt.subplots(figsize=(2, 1.5))
    ax.plot([0, 1], [0, 1])
    ax.set_title({"en": "line", "zh": "直线"}[lang])
    return fig
'''

PROJECT_PARTS = (
    "docs",
    "figures",
    "hooks",
    "lastlayer",
    "overrides",
    "scripts",
    "mkdocs.yml",
    "pyproject.toml",
    "README.md",
)


def copy_project(dest: Path, generated: Path | None = None) -> Path:
    """A private copy of the site's sources, so a test can break or edit it freely.

    ``generated`` is a ``.generated`` folder (drawn figures, trained models) to start from,
    so a test that is not about cold builds does not redraw every figure.
    """
    dest.mkdir(parents=True, exist_ok=True)
    if generated is not None:
        shutil.copytree(generated, dest / ".generated", ignore=shutil.ignore_patterns("screenshots"))
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def mkdocs_build(
    project: Path, site: Path | None = None, strict: bool = True, offline: bool = False
) -> subprocess.CompletedProcess:
    """``mkdocs build``; the zipped offline copy (a second build) only when ``offline`` is true."""
    site = site or project / "site"
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    if strict:
        cmd.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("LASTLAYER_OFFLINE", None)
    if not offline:
        env["LASTLAYER_SKIP_OFFLINE"] = "1"
    return subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=env, timeout=600)
