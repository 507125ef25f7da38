from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import json
import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, Page, sync_playwright

from helpers import ROOT, copy_project, mkdocs_build
from lastlayer.project import generated


@dataclass(frozen=True)
class Build:
    project: Path
    site: Path
    log: str


@contextlib.contextmanager
def _exclusive(lock: Path) -> Iterator[None]:
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


#: The parts of .generated that the session build shares with the tests of this checkout.
SHARED_WITH_THE_TESTS = ("models", "values")


@pytest.fixture(scope="session")
def build(tmp_path_factory) -> Build:
    """The whole site built once, cold, with --strict, from a copy of the sources.

    Once for the whole session, also when pytest-xdist runs the tests in several worker
    processes (``bash scripts/dev test`` does): the first worker that needs it builds it,
    holding a lock the others wait on, and they all read the same site."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the session's folder, above each worker's own
    root = shared / "session-build"
    project, outcome = root / "project", root / "outcome.json"
    with _exclusive(shared / "session-build.lock"):
        if not outcome.is_file():
            shutil.rmtree(root, ignore_errors=True)
            copy_project(project)
            # Trained models and computed values are shared with the unit tests, which make
            # the same ones in this checkout's cache at the same time (the entries are keyed by
            # their code and locked while being made: each is made once, by whoever is first).
            for part in SHARED_WITH_THE_TESTS:
                mine = generated(part)
                mine.mkdir(parents=True, exist_ok=True)
                (project / ".generated").mkdir(exist_ok=True)
                (project / ".generated" / part).symlink_to(mine, target_is_directory=True)
            result = mkdocs_build(project, offline=True)
            record = {"returncode": result.returncode, "log": result.stderr}
            outcome.write_text(json.dumps(record), encoding="utf-8")
    record = json.loads(outcome.read_text(encoding="utf-8"))
    assert record["returncode"] == 0, record["log"]
    return Build(project=project, site=project / "site", log=record["log"])


@pytest.fixture(scope="session")
def site(request) -> Path:
    """The session's build, or (while working on pages) an already built site named by
    LASTLAYER_SITE (``mkdocs build -d DIR``), for the tests that only read the site."""
    given = os.environ.get("LASTLAYER_SITE")
    if given:
        return Path(given).resolve()
    return request.getfixturevalue("build").site


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
    "browser": {"browser", "chromium", "visit", "sweep"},
    "serve": {"served"},
}


#: Test modules that share the session's browser sweep of every page (tests/sweep.py): under
#: pytest-xdist they run in one worker, so every page is still visited once.
SWEEP_MODULES = frozenset({"test_browser", "test_figure_legibility", "test_phone_layout"})
#: Modules whose tests must share one worker: a module-scoped fixture that takes long to make
#: (a served copy), or tests that build on the one before (a fresh venv, then its build).
#: Listed longest first: they start first among the tests that need the build.
WHOLE_MODULES = ("test_conventional_build", "test_serve")


def worker_group(nodeid: str) -> str:
    """What one pytest-xdist worker runs together: the sweep's modules, one of WHOLE_MODULES,
    or else the test alone."""
    module = Path(nodeid.split("::", 1)[0]).stem
    if module in SWEEP_MODULES:
        return "sweep"
    return module if module in WHOLE_MODULES else nodeid


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        for marker, fixtures in TIER_FIXTURES.items():
            if used & fixtures:
                item.add_marker(marker)

    # The order the workers take the tests in: the sweep first (its worker makes the session
    # build), then the tests that need no build (run meanwhile), then WHOLE_MODULES, the rest.
    def rank(item) -> tuple[int, int]:
        group = worker_group(item.nodeid)
        if group == "sweep":
            return (0, 0)
        if not any(item.get_closest_marker(m) for m in TIER_FIXTURES):
            return (1, 0)
        return (2, WHOLE_MODULES.index(group) if group in WHOLE_MODULES else len(WHOLE_MODULES))

    items.sort(key=rank)  # stable: tests keep their order within a rank


@pytest.hookimpl(optionalhook=True)  # known only when pytest-xdist is loaded
def pytest_xdist_make_scheduler(config, log):
    """Under ``--dist loadgroup``, the groups of :func:`worker_group`, taken in collection order.
    (pytest-xdist's own xdist_group markers rename node ids, which pytest 9.2 ignores.)"""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ByGroup(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return worker_group(nodeid)

    config.option.loadscopereorder = False
    return ByGroup(config, log)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """With LASTLAYER_TIMELINE=FILE, each worker appends one JSON line per test (worker, test,
    start, end): what `scripts/timeline.py` reads to show where the suite's time goes."""
    out = os.environ.get("LASTLAYER_TIMELINE")
    start = time.time()
    try:
        return (yield)
    finally:
        if out:
            record = {"worker": os.environ.get("PYTEST_XDIST_WORKER", "main"), "test": item.nodeid}
            line = json.dumps(record | {"start": start, "end": time.time()}) + "\n"
            with open(out, "a", encoding="utf-8") as handle:
                handle.write(line)


# ---------------------------------------------------------------- the built site in Chromium


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(site: Path, tmp_path_factory) -> Iterator[str]:
    """The site served under the path of its site_url, as GitHub Pages will serve it."""
    prefix = urlsplit(yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["site_url"]).path
    root = tmp_path_factory.mktemp("www")
    mount = root / prefix.strip("/")
    mount.parent.mkdir(parents=True, exist_ok=True)
    mount.symlink_to(site, target_is_directory=True)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{prefix.rstrip('/')}"
    server.shutdown()


@dataclass
class Visit:
    page: Page
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    bad_status: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def foreign_requests(self, base_url: str) -> list[str]:
        return [u for u in self.requests if not (u.startswith(base_url) or u.startswith(("data:", "blob:")))]


@pytest.fixture
def visit(browser: Browser, base_url: str):
    contexts = []

    def open_page(path: str, color_scheme: str = "light", width: int = 1280) -> Visit:
        context = browser.new_context(color_scheme=color_scheme, viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        v = Visit(page)
        page.on("request", lambda r: v.requests.append(r.url))
        page.on("requestfailed", lambda r: v.failed.append(r.url))
        page.on("response", lambda r: v.bad_status.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.on("console", lambda m: v.console_errors.append(m.text) if m.type == "error" else None)
        page.goto(base_url + path, wait_until="load")
        return v

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def sweep(browser: Browser, base_url: str):
    """Every page visited once on a phone and once on a desktop, shared by the whole-page
    checks (tests/sweep.py)."""
    from sweep import Sweep

    return Sweep(browser, base_url)


def render_every_block(page: Page) -> None:
    """Lay out and paint the whole article now. The site renders the blocks far from the
    screen only when the reader gets near them (``content-visibility`` in site.css), which
    also clips what overflows a block; whole-page checks look at every block as the reader
    will see it, and see any overflow."""
    page.add_style_tag(content="* { content-visibility: visible !important; }")


def all_pages() -> list[str]:
    """Every page of every language: those with sources in docs/, and each Simplified Chinese
    page's Traditional Chinese (zh-Hant) version, converted from it at build time."""
    docs = ROOT / "docs"
    paths = []
    for md in sorted(docs.glob("*.md")):
        stem = md.name.removesuffix(".zh.md").removesuffix(".md")
        langs = ["/zh", "/zh-Hant"] if md.name.endswith(".zh.md") else [""]
        paths += [f"{lang}/" if stem == "index" else f"{lang}/{stem}/" for lang in langs]
    for notebook in sorted((docs / "notebooks").glob("*.py")):
        stem = notebook.name.removesuffix(".py").removesuffix(".zh")
        langs = ["/zh", "/zh-Hant"] if notebook.name.endswith(".zh.py") else [""]
        paths += [f"{lang}/notebooks/{stem}/" for lang in langs]
    # The figures' own pages are one template (hooks/figure_pages.py): the one with the longest
    # script and shared code stands for them in every language (tests/test_figure_pages.py
    # checks every one's content).
    paths += [f"{lang}/figures/{SAMPLE_FIGURE_PAGE}/" for lang in ("", "/zh", "/zh-Hant")]
    return paths


SAMPLE_FIGURE_PAGE = "iris_weights"
