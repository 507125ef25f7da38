"""A rebuild with nothing changed does no work that depends only on unchanged inputs.

The two largest costs of a no-op rebuild were Material's search indexing (an HTML parse
and jieba's segmentation of every page) and importing the notebook machinery
(mkdocs-jupyter, nbconvert, jupytext). These tests run `mkdocs build` under a small
launcher that counts the search plugin's page parses and lists the modules loaded.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lastlayer.devtools import copy_project, mkdocs_env

NOTEBOOK_MACHINERY = ("mkdocs_jupyter", "nbconvert", "nbclient", "jupytext")

LAUNCHER = textwrap.dedent(
    """
    import atexit, json, sys
    from material.plugins.search.plugin import SearchIndex

    parsed = []
    original = SearchIndex.add_entry_from_context

    def counting(self, page):
        parsed.append(page.url)
        return original(self, page)

    SearchIndex.add_entry_from_context = counting

    def report():
        modules = sorted({name.split(".")[0] for name in sys.modules})
        with open(REPORT, "w") as out:
            json.dump({"parsed": parsed, "modules": modules}, out)

    # Guarded: the figure pipeline's spawned workers import this script as __mp_main__.
    if __name__ == "__main__":
        REPORT = sys.argv[1]
        atexit.register(report)
        sys.argv = ["mkdocs", "build", "--strict", "-q", "-f", sys.argv[2], "-d", sys.argv[3]]
        from mkdocs.__main__ import cli
        cli()
    """
)


def build(project: Path, site: Path, tmp: Path) -> dict:
    launcher, report = tmp / "launch.py", tmp / "report.json"
    launcher.write_text(LAUNCHER, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(launcher), str(report), str(project / "mkdocs.yml"), str(site)],
        cwd=project,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(report.read_text(encoding="utf-8"))


def index_of(site: Path) -> dict[str, dict]:
    """The site's search index (mkdocs-static-i18n merges every language's into one)."""
    data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {entry["location"]: entry for entry in data["docs"]}


@pytest.fixture
def project(tmp_path, warm) -> Path:
    return copy_project(tmp_path / "project", generated=warm)


def test_noop_rebuild_reads_search_entries_and_skips_the_notebook_machinery(project, tmp_path):
    first = build(project, tmp_path / "first", tmp_path)  # fills the caches the copy lacks
    second = build(project, tmp_path / "second", tmp_path)
    assert second["parsed"] == [], "a no-op rebuild parsed pages for search"
    assert not set(NOTEBOOK_MACHINERY) & set(second["modules"])
    # The cached entries are the ones the plugin made: identical indexes, in every language.
    assert index_of(tmp_path / "second") == index_of(tmp_path / "first")
    assert first["parsed"] or (project / ".generated" / "cache" / "search").is_dir()


def test_search_entries_follow_an_edited_page(project, tmp_path):
    build(project, tmp_path / "before", tmp_path)
    page = project / "docs" / "geometry.zh.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n## 新增小节 {#added}\n\n编辑过的段落。\n", encoding="utf-8")
    after = build(project, tmp_path / "after", tmp_path)
    # Only the edited page (and its Traditional Chinese conversion) was parsed again.
    assert sorted(after["parsed"]) == ["zh-Hant/geometry/", "zh/geometry/"]
    index = index_of(tmp_path / "after")
    assert "编辑过的段落" in index["zh/geometry/#added"]["text"].replace("\u200b", "")
    assert "編輯過的段落" in index["zh-Hant/geometry/#added"]["text"].replace("\u200b", "")
    assert "geometry/#added" not in index


def test_search_cache_gives_what_material_gives_without_it(project, tmp_path):
    build(project, tmp_path / "cached", tmp_path)
    shutil.rmtree(project / ".generated" / "cache" / "search")
    fresh = build(project, tmp_path / "fresh", tmp_path)
    assert fresh["parsed"], "without the cache every page is parsed"
    assert index_of(tmp_path / "fresh") == index_of(tmp_path / "cached")
