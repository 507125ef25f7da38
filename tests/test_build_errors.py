"""Bad input fails the build with a message that names the file and the cause."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import copy_project, mkdocs_build


@pytest.fixture
def project(tmp_path, warm) -> Path:
    return copy_project(tmp_path / "project", generated=warm)


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_reference_to_a_missing_figure(project):
    append(project / "docs" / "computation.zh.md", "\n{% figure no_such_figure %}\n")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "computation.zh.md" in result.stderr and "no_such_figure" in result.stderr


def test_cross_reference_to_a_figure_no_page_shows(project):
    append(project / "docs" / "index.md", "\nSee {% ref ghost_figure %}.\n")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "index.md" in result.stderr and "ghost_figure" in result.stderr


def test_unknown_computed_value(project):
    append(project / "docs" / "computation.md", "\nThe answer is {% num worked.nothing %}.\n")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "computation.md" in result.stderr and "worked.nothing" in result.stderr


def test_formula_that_does_not_parse(project):
    append(project / "docs" / "computation.md", "\n$$\n\\frac{a}{\n$$\n")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "computation.md" in result.stderr and "formula does not parse" in result.stderr


def test_page_without_translation(project):
    (project / "docs" / "extra.md").write_text("# Extra\n", encoding="utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as f:
        f.write("  - Extra: extra.md\n")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "extra.md has no Simplified Chinese translation" in result.stderr and "extra.zh.md" in result.stderr
