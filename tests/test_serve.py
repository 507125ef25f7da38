"""`mkdocs serve`: one edit gives one rebuild that redraws that figure only, the page
serves the new drawing, and a broken figure keeps the last good one on screen."""

from __future__ import annotations

import shutil

import pytest

from helpers import TINY_FIGURE, copy_project
from lastlayer.devtools import Server


@pytest.fixture(scope="module")
def served(tmp_path_factory, warm):
    """One server for the edit tests below (each starts from what it finds on screen)."""
    project = copy_project(tmp_path_factory.mktemp("served") / "project", generated=warm)
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
    script.write_text(TINY_FIGURE.replace('"line"', '"a longer line title"'), encoding="utf-8")
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


#: Figures of the computation page, removed from a warm copy to play a fresh clone's first serve
#: (more than hooks/figures.py's SERVE_DRAWS_NOW: fewer are drawn before serving, as an edit's).
UNDRAWN = ("softmax_pipeline", "network_diagram", "matrix_product")
#: A value group the computation page uses, removed from the copy the same way.
RECOMPUTED = "worked"


def test_first_serve_shows_the_site_first_and_fills_it_in_after(tmp_path, warm):
    """On a fresh clone the slow work (drawing, values, notebooks) runs after the server is
    up; the first pages show placeholders and a rebuild replaces them when the work is done."""
    project = copy_project(tmp_path / "project", generated=warm)
    generated = project / ".generated"
    for name in UNDRAWN:
        shutil.rmtree(generated / "figures" / name)
    for group in (generated / "values").glob(f"{RECOMPUTED}-*.json"):
        group.unlink()
    for cached in sorted((generated / "notebooks").glob("*.json"))[:3]:  # more than SERVE_RUNS_NOW
        cached.unlink()
    server = Server(project)
    try:
        up = server.wait_for("Serving on")
        first = server.get("/computation/").decode()
        assert "ll-pending" in first and "⏳" in first
        log = "\n".join(server.lines[:up])
        for job in ("drawing the figures", "computing the values", "running the notebooks"):
            assert f"after the site is up: {job}" in log
        server.wait_for("Documentation built", after=up, timeout=600)
        page = server.get("/computation/").decode()
        assert "⏳" not in page and "ll-pending" not in page
        for name in UNDRAWN:
            assert f"{name}-en-light.svg" in page
            server.get(f"/figures/{name}/{name}-en-light.svg")
    finally:
        server.stop()
