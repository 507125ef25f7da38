"""What each derived artefact depends on is worked out from the code (lastlayer/deps.py)."""

from __future__ import annotations

import importlib.metadata
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lastlayer import deps, figures, notebooks, values
from lastlayer.project import ROOT

#: The figure scripts that import lastlayer/learning.py (head_parameters.py imports values.py,
#: which no longer reaches learning.py: the probe test below confirms it never loads it).
LEARNING_FIGURES = {"learning_ce_vs_se", "learning_step", "learning_templates"}


@pytest.fixture
def package(tmp_path) -> Path:
    """A private copy of the package to edit."""
    copy = tmp_path / "lastlayer"
    shutil.copytree(deps.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def figure_keys(package_dir: Path) -> dict[str, str]:
    return {p.stem: figures.cache_key(p, package_dir=package_dir) for p in figures.discover()}


def test_the_package_has_no_import_loop():
    graph = deps.import_graph()
    assert {"figures", "style", "values", "learning", "hant", "project", "languages"} <= set(graph)
    assert graph["figures"] >= {"style", "languages"}, "the graph must see imports inside functions"
    assert deps.loops(graph) == []


def test_a_loop_is_found():
    assert deps.loops({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize(
    ("module", "figure_ids"),
    [
        ("learning", LEARNING_FIGURES),
        ("values", {"head_parameters"}),
        ("maths", None),  # every figure reaches maths through examples or models
    ],
)
def test_editing_a_module_changes_exactly_the_figures_that_use_it(package, module, figure_ids):
    before = figure_keys(package)
    source = package / f"{module}.py"
    source.write_text(source.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    after = figure_keys(package)
    changed = {fig for fig in before if before[fig] != after[fig]}
    assert changed == (figure_ids if figure_ids is not None else set(before))


def test_a_key_does_not_depend_on_where_the_project_lives(tmp_path):
    """The session's build runs MkDocs in a copy whose package sorts after its figures; the
    tests compute keys with the installed package, which may sort before them (CI's
    /check/... against /tmp/...). Same bytes must give the same key wherever they are."""
    script = ROOT / "figures" / "cosine_margin.py"
    keys = set()
    for where in ("a", "z"):
        copy = tmp_path / where / "lastlayer"
        shutil.copytree(deps.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
        (tmp_path / "m" / where).mkdir(parents=True)
        moved = shutil.copy2(script, tmp_path / "m" / where / script.name)
        keys |= {figures.cache_key(script, package_dir=copy), figures.cache_key(Path(moved), package_dir=copy)}
    assert len(keys) == 1


def test_editing_a_data_file_changes_the_figures_that_read_it(package):
    before = figure_keys(package)
    table = package / "hant_phrases.tsv"
    table.write_text(table.read_text(encoding="utf-8") + "测试\t測試\ttest\n", encoding="utf-8")
    after = figure_keys(package)
    assert all(before[f] != after[f] for f in before), "every figure converts its zh-Hant texts with the table"


def test_value_groups_depend_on_the_module_that_computes_them(package):
    in_values, _ = deps.closure(package / "values.py", package_dir=package)
    in_learning, _ = deps.closure(package / "learning.py", package_dir=package)
    assert package / "learning.py" not in in_values
    assert package / "models.py" in in_values and package / "models.py" in in_learning
    assert {"values", "learning"} <= set(values.providers())
    assert all(name == "values" or name == "learning" or name.startswith("values_") for name in values.providers())


@pytest.mark.parametrize("script", ["learning_step", "softmax_temperature", "head_parameters", "digits_templates"])
def test_the_worked_out_closure_covers_what_a_drawing_really_imports(script):
    """Draw one variant in a fresh interpreter and list the package modules it loaded and
    the package files it opened: each must be in the statically worked-out closure."""
    path = ROOT / "figures" / f"{script}.py"
    probe = f"""
import builtins, io, json, sys
from pathlib import Path
opened = set()
real_open = io.open
def spy(file, *a, **k):
    opened.add(str(file))
    return real_open(file, *a, **k)
builtins.open = io.open = spy
Path.open = lambda self, *a, **k: spy(self, *a, **k)
from lastlayer import figures
import matplotlib.pyplot as plt
module = figures._import(Path({str(path)!r}))
figures.render(module.draw, "zh-Hant", "dark", [])
modules = sorted(m.split(".")[1] for m in sys.modules if m.startswith("lastlayer."))
print(json.dumps({{"modules": modules, "opened": sorted(opened)}}))
"""
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    files, external = deps.closure(path, Path(figures.__file__))
    names = {f.name for f in files}
    assert {f"{m}.py" for m in seen["modules"]} <= names
    package_files = {Path(f).name for f in seen["opened"] if Path(f).resolve().parent == deps.PACKAGE_DIR}
    assert package_files <= names
    assert "hant_phrases.tsv" in package_files, "the probe must see the phrase table being read"
    assert {"numpy", "matplotlib"} <= external


def test_a_library_upgrade_changes_the_keys_of_what_imports_it(monkeypatch):
    temperature = ROOT / "figures" / "softmax_temperature.py"
    notebook = ROOT / "docs" / "notebooks" / "why-softmax.py"
    before = (figures.cache_key(temperature), notebooks.cache_file(notebook))
    real = importlib.metadata.version

    def fake(name: str) -> str:
        return "999.0" if deps._canonical(name) == "matplotlib" else real(name)

    monkeypatch.setattr(importlib.metadata, "version", fake)
    deps.libraries.cache_clear()
    try:
        after = (figures.cache_key(temperature), notebooks.cache_file(notebook))
        # jieba (search) is imported by no figure: its version is not in a figure's key.
        assert "jieba" not in deps.libraries(deps.closure(temperature, Path(figures.__file__))[1])
    finally:
        monkeypatch.undo()
        deps.libraries.cache_clear()
    assert before[0] != after[0] and before[1] != after[1]
