from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers import copy_project, mkdocs_build


@dataclass(frozen=True)
class Build:
    project: Path
    site: Path
    log: str


@pytest.fixture(scope="session")
def build(tmp_path_factory) -> Build:
    """The whole site built once, cold, with --strict, from a copy of the sources."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = mkdocs_build(project, offline=True)
    assert result.returncode == 0, result.stderr
    return Build(project=project, site=project / "site", log=result.stderr)


@pytest.fixture(scope="session")
def site(build) -> Path:
    return build.site


@pytest.fixture(scope="session")
def warm(build) -> Path:
    """The .generated folder of the session's cold build: every figure drawn, models trained."""
    return build.project / ".generated"
