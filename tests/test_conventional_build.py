"""The conventional way in, from a clean clone: a fresh virtual environment,
`pip install -r requirements.txt`, then `mkdocs build --strict`; and the README's
`bash scripts/dev build`, in the same clone; then a figure page's command draws the same file.

The clone starts from the session build's generated files (so the test does not redraw
and recompute everything), minus one figure: that figure is drawn by a spawned worker
process, which is what failed when the package was not installed (workers could not
import `lastlayer`).
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.build]

REDRAWN = "softmax_temperature"


def _clean_env(venv: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LASTLAYER_", "PYTHON", "VIRTUAL_ENV"))}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


@pytest.fixture(scope="module")
def clone(tmp_path_factory, warm) -> Path:
    root = tmp_path_factory.mktemp("clean")
    clone = root / "lastlayer"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    generated = clone / ".generated"
    shutil.copytree(warm, generated, ignore=shutil.ignore_patterns("screenshots", "lighthouse", ".*.lock"))
    shutil.rmtree(generated / "figures" / REDRAWN)
    return clone


def test_pip_install_then_mkdocs_build_works_in_a_fresh_venv(clone):
    venv = clone / ".venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = _clean_env(venv)
    install = subprocess.run(
        # As the README says, plus --no-compile: no byte code for every installed library,
        # which this test does not need.
        [
            str(venv / "bin" / "pip"),
            "install",
            "-q",
            "--disable-pip-version-check",
            "--no-compile",
            "-r",
            "requirements.txt",
        ],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert install.returncode == 0, install.stderr[-3000:]
    build = subprocess.run(
        [str(venv / "bin" / "mkdocs"), "build", "--strict"],
        cwd=clone,
        env={**env, "LASTLAYER_SKIP_OFFLINE": "1"},
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert build.returncode == 0, build.stderr[-5000:]
    drawn = [line for line in build.stderr.splitlines() if "figures drawn:" in line]
    assert drawn and REDRAWN in drawn[0], "the missing figure was drawn by a worker process"
    assert "Traceback" not in build.stderr and "BrokenProcessPool" not in build.stderr
    assert (clone / "site" / "index.html").is_file() and (clone / "site" / "zh" / "index.html").is_file()
    # The package the hooks and workers imported is this clone's, installed in editable mode.
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import lastlayer; print(lastlayer.__file__)"],
        cwd="/",
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).resolve().is_relative_to(clone.resolve())


def test_the_readme_command_builds_in_the_same_clone(clone):
    # Runs after the test above: .venv exists, so `scripts/dev` only brings it up to date.
    result = subprocess.run(
        ["bash", "scripts/dev", "build"],
        cwd=clone,
        env={**_clean_env(clone / ".venv"), "LASTLAYER_SKIP_OFFLINE": "1"},
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stderr[-5000:]
    assert (clone / "site" / "index.html").is_file()


def test_a_figure_pages_command_draws_the_sites_file_from_the_clone(clone):
    # Runs after the tests above: the clone has its .venv and a built site/. The command is
    # read from the figure's page, as a reader would copy it.
    page = clone / "site" / "zh" / "figures" / REDRAWN / "index.html"
    text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
    command = re.search(rf"python figures/{REDRAWN}\.py zh light (\S+\.svg)", text)
    assert command, "the figure's page gives the command that draws it"
    result = subprocess.run(
        [str(clone / ".venv" / "bin" / "python"), *command[0].split()[1:]],
        cwd=clone,
        env=_clean_env(clone / ".venv"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    shown = clone / "site" / "figures" / REDRAWN / f"{REDRAWN}-zh-light.svg"
    assert (clone / command[1]).read_bytes() == shown.read_bytes()
