"""The figure pipeline: deterministic, cached, parallel-safe and loss-free on errors."""

from __future__ import annotations

import hashlib
import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, TINY_FIGURE, copy_project, mkdocs_build
from lastlayer import figures


def digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def project(tmp_path, warm) -> Path:
    """A copy whose figures are already drawn, plus a tiny new one that is not."""
    project = copy_project(tmp_path / "project", generated=warm)
    (project / "figures" / "tiny_test.py").write_text(TINY_FIGURE, encoding="utf-8")
    return project


def draw_figures(project: Path, names=None) -> figures.BuildReport:
    return figures.build(names, figures_dir=project / "figures", out_dir=project / ".generated" / "figures")


def test_every_variant_and_format_is_written(project):
    every = sorted(p.stem for p in figures.discover(project / "figures"))
    report = draw_figures(project)
    assert report.drawn == ["tiny_test"] and not report.failed
    assert sorted(report.cached) == sorted(set(every) - {"tiny_test"})
    for fig_id in every:
        out = project / ".generated" / "figures" / fig_id
        for lang in ("en", "zh", "zh-Hant"):
            for theme in ("light", "dark"):
                assert (out / f"{fig_id}-{lang}-{theme}.svg").read_bytes().lstrip().startswith(b"<?xml")
                assert (out / f"{fig_id}-{lang}-{theme}.png").read_bytes().startswith(b"\x89PNG")
                assert (out / f"{fig_id}-{lang}-{theme}.pdf").read_bytes().startswith(b"%PDF")


def test_two_clean_builds_are_byte_identical(tmp_path, warm, build):
    """The session's cold build (parallel, in MkDocs) against a forced serial redraw here, of
    every fourth figure (each figure is drawn on its own: a sample shows the pipeline's
    determinism without drawing everything twice)."""
    project = build.project
    names = [p.stem for p in figures.discover(project / "figures")][::4]
    again = figures.build(names, figures_dir=project / "figures", out_dir=tmp_path / "again", force=True, jobs=1)
    assert again.drawn == sorted(names) and len(names) >= 5
    first = {k: v for k, v in digests(warm / "figures").items() if k.split("/")[0] in names}
    second = digests(tmp_path / "again")
    assert first == second
    assert len(first) == len(names) * (len(figures.output_files("x")) + 1)


def test_noop_rebuild_draws_nothing_and_one_edit_redraws_one(project):
    assert draw_figures(project).drawn == ["tiny_test"]
    before = digests(project / ".generated")
    again = draw_figures(project)
    assert again.drawn == [] and "tiny_test" in again.cached and "softmax_pipeline" in again.cached
    assert digests(project / ".generated") == before

    tiny = project / "figures" / "tiny_test.py"
    tiny.write_text(tiny.read_text() + "\n# an edit\n", encoding="utf-8")
    assert draw_figures(project).drawn == ["tiny_test"]


def test_a_broken_figure_reports_its_file_and_keeps_previous_output(project):
    draw_figures(project)
    before = digests(project / ".generated")
    script = project / "figures" / "tiny_test.py"
    script.write_text(script.read_text().replace("fig, ax =", "raise ValueError('deliberately broken')\n    fig, ax ="))
    report = draw_figures(project)
    assert list(report.failed) == ["tiny_test"]
    assert str(script) in report.failed["tiny_test"]
    assert "Traceback" in report.failed["tiny_test"] and "deliberately broken" in report.failed["tiny_test"]
    assert digests(project / ".generated") == before, "a failed draw must not touch previous files"
    assert not list((project / ".generated").rglob("*.tmp"))


def test_missing_translation_is_named(project):
    script = project / "figures" / "tiny_test.py"
    script.write_text(script.read_text().replace('"zh": "一条线。"', '"zh": ""'))
    with pytest.raises(figures.FigureError, match=r"tiny_test\.py.*'alt'.*zh"):
        figures.load_meta(script)


def test_missing_glyph_is_an_error_not_tofu(project):
    script = project / "figures" / "tiny_test.py"
    script.write_text(script.read_text().replace('"zh": "直线"', '"zh": "\\U00013000"'))
    report = draw_figures(project, ["tiny_test"])
    assert "tiny_test" in report.failed and "MissingGlyphError" in report.failed["tiny_test"]


def test_unknown_figure_name_is_an_error(project):
    with pytest.raises(figures.FigureError, match="no_such_figure"):
        draw_figures(project, ["no_such_figure"])


def test_mkdocs_build_fails_on_a_broken_figure_and_keeps_the_last_good_files(project):
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    before = digests(project / ".generated")
    script = project / "figures" / "softmax_pipeline.py"
    script.write_text(script.read_text().replace("    t = TEXT[lang]", "    t = TEXT[lang]\n    1 / 0"))
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "figures/softmax_pipeline.py" in result.stderr
    assert "ZeroDivisionError" in result.stderr and "Traceback" in result.stderr
    assert digests(project / ".generated") == before


def test_mkdocs_noop_rebuild_draws_nothing_in_either_language(project):
    assert mkdocs_build(project).returncode == 0
    # The project's tiny figure is on no page: its own page still shows its code, unnumbered.
    tiny = (project / "site" / "zh" / "figures" / "tiny_test" / "index.html").read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", tiny))
    assert "还没有页面用到这张图" in text and 'def draw(lang="en", theme="light"):' in text
    stamps = {p: p.stat().st_mtime_ns for p in (project / ".generated").rglob("*") if p.is_file()}
    result = mkdocs_build(project)
    assert result.returncode == 0
    assert "figures drawn" not in result.stderr
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps


@pytest.mark.parametrize("lang", ["zh", "zh-Hant"])
def test_figure_script_runs_alone(tmp_path, lang):
    out = tmp_path / "alone.png"
    subprocess.run(
        [sys.executable, str(ROOT / "figures" / "softmax_pipeline.py"), lang, "dark", str(out)],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    assert out.read_bytes().startswith(b"\x89PNG")


def test_build_script_builds_only_the_named_figure(project):
    result = subprocess.run(
        [sys.executable, str(project / "scripts" / "build_figures.py"), "tiny_test", "--out", str(project / "out")],
        capture_output=True,
        text=True,
        cwd=project,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (project / "out").iterdir()) == ["tiny_test"]
