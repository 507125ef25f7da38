"""`mkdocs serve`: one edit gives one rebuild that redraws that figure only, the page
serves the new drawing, and a broken figure keeps the last good one on screen."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from helpers import TINY_FIGURE, copy_project


class Server:
    def __init__(self, project: Path) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        prefix = yaml.load((project / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["site_url"]
        self.base = f"http://127.0.0.1:{port}/{prefix.split('/', 3)[3]}"
        self.lines: list[str] = []
        self._changed = threading.Condition()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
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


@pytest.fixture
def served(tmp_path, warm):
    project = copy_project(tmp_path / "project", generated=warm)
    (project / "figures" / "tiny_test.py").write_text(TINY_FIGURE, encoding="utf-8")
    server = Server(project)
    try:
        server.wait_for("Serving on")
        yield project, server
    finally:
        server.stop()


SVG = "/figures/tiny_test/tiny_test-en-light.svg"


def test_one_edit_one_rebuild_one_figure(served):
    project, server = served
    mark = len(server.lines)
    before = server.get(SVG)
    script = project / "figures" / "tiny_test.py"
    script.write_text(script.read_text().replace('"line"', '"a longer line title"'), encoding="utf-8")
    drawn = server.wait_for("figures drawn", after=mark)
    assert server.lines[drawn].endswith("figures drawn: tiny_test")
    server.wait_for("Documentation built", after=drawn)
    assert server.get(SVG) != before, "the served figure is the new drawing"
    assert server.count("Detected file changes", after=mark) == 1
    assert server.count("Building documentation", after=mark) == 1


def test_broken_figure_is_logged_and_the_last_good_drawing_stays(served):
    project, server = served
    mark = len(server.lines)
    before = server.get(SVG)
    script = project / "figures" / "tiny_test.py"
    script.write_text(script.read_text().replace("fig, ax =", "raise KeyError('oops')\n    fig, ax ="))
    error = server.wait_for("ERROR", after=mark)
    server.wait_for("Documentation built", after=error)
    log = "\n".join(server.lines[error:])
    assert "tiny_test.py" in log and "KeyError" in log
    assert server.get(SVG) == before
