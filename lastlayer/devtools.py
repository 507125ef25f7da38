"""Tools for working on the site (tests, benchmark): copy the project, run MkDocs on a copy."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import yaml

from lastlayer.project import ROOT

#: What a copy of the project needs to build the site. The copy builds with the installed
#: ``lastlayer`` package (editable: this repository's); its own copy is only watched by serve.
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
    """The environment for MkDocs on a copy of the project: a copy is not a git checkout, so
    it cites the version of the repository it was copied from."""
    from lastlayer.citation import site_version

    version = site_version(ROOT)
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "LASTLAYER_VERSION": os.environ.get("LASTLAYER_VERSION", version.label),
        "LASTLAYER_YEAR": os.environ.get("LASTLAYER_YEAR", str(version.year)),
    }
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


class Server:
    """`mkdocs serve` on a project, with its log lines readable while it runs."""

    def __init__(self, project: Path) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        prefix = yaml.load((project / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["site_url"]
        self.base = f"http://127.0.0.1:{port}/{prefix.split('/', 3)[3]}"
        self.lines: list[str] = []
        self._changed = threading.Condition()
        env = mkdocs_env()
        env.pop("LASTLAYER_SKIP_OFFLINE")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            with self._changed:
                self.lines.append(line.rstrip())
                self._changed.notify_all()

    def wait_for(self, text: str, after: int = 0, timeout: float = 120) -> int:
        """Block until a log line after index `after` contains `text`; return its index."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for i in range(after, len(self.lines)):
                    if text in self.lines[i]:
                        return i
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self.proc.poll() is not None:
                    raise AssertionError(f"no log line with {text!r}; log:\n" + "\n".join(self.lines))
                self._changed.wait(remaining)

    def count(self, text: str, after: int = 0) -> int:
        return sum(text in line for line in self.lines[after:])

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(self.base + path, timeout=30) as response:
            return response.read()

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)
