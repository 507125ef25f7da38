from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

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


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without the background-networking flags Chromium phones home, which a closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Chromium is missing: `bash scripts/dev test` installs Debian's chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


#: Fixtures that imply a tier: a test that uses one (directly or through another fixture)
#: gets the marker, so `pytest -m "not build and not browser"` is the fast unit tier.
TIER_FIXTURES = {
    "build": {"build", "site", "warm"},
    "browser": {"browser", "chromium", "visit"},
    "serve": {"served"},
}


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        for marker, fixtures in TIER_FIXTURES.items():
            if used & fixtures:
                item.add_marker(marker)
