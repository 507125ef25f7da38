"""Languages are data: lastlayer/languages.py holds every language's interface strings, and
no other module of the build names a language code."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from helpers import ROOT
from lastlayer import languages

#: The only modules that may name a language code.
ALLOWED = {"lastlayer/languages.py"}
#: Codes the site has, and one it is about to have, matched as whole words ("zh", ".zh.md").
CODES = sorted({*languages.CODES, "zh-Hant", "zh-Hans"}, key=len, reverse=True)
CODE = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(c) for c in CODES) + r")(?![\w-])")


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _code_mentions(path: Path, root: Path = ROOT) -> list[str]:
    """String constants (docstrings aside) that name a language code."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    return [
        f"{path.relative_to(root)}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
        if CODE.search(node.value)
    ]


def test_no_module_outside_the_language_table_names_a_language():
    paths = sorted([*(ROOT / "hooks").glob("*.py"), *(ROOT / "lastlayer").glob("*.py")])
    found = [m for p in paths if str(p.relative_to(ROOT)) not in ALLOWED for m in _code_mentions(p)]
    assert found == [], "language codes outside lastlayer/languages.py:\n" + "\n".join(found)


def test_no_template_names_a_language():
    quoted = re.compile(r"""["'](?:""" + "|".join(re.escape(c) for c in CODES) + r""")["']""")
    found = []
    for path in sorted((ROOT / "overrides").rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if quoted.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []


def test_the_check_finds_a_language_branch(tmp_path):
    module = tmp_path / "x.py"
    module.write_text(
        '"""Docs may say page.zh.md."""\nSEP = "：" if lang == "zh" else ": "\nP = "a.zh-Hant.md"\nQ = "token"\n',
        encoding="utf-8",
    )
    found = _code_mentions(module, tmp_path)
    assert sorted(found) == ["x.py:2: 'zh'", "x.py:3: 'a.zh-Hant.md'"]


def _fields(value) -> set[str]:
    if isinstance(value, str):
        return {f for _, f, _, _ in string.Formatter().parse(value) if f is not None}
    if isinstance(value, dict):
        return {f"{k}:{f}" for k, v in value.items() for f in _fields(v)} | {f"key:{k}" for k in value}
    if isinstance(value, tuple | list):
        return {f"{i}:{f}" for i, v in enumerate(value) for f in _fields(v)} | {f"len:{len(value)}"}
    return set()


@pytest.mark.parametrize("lang", [c for c in languages.SOURCES if c != languages.DEFAULT])
def test_every_language_has_every_string_with_the_same_fields(lang):
    default = languages.get(languages.DEFAULT).strings
    table = languages.get(lang).strings
    assert sorted(set(default) - set(table)) == [], f"{lang} lacks strings"
    assert sorted(set(table) - set(default)) == [], f"{lang} has strings the default language lacks"
    for key, value in default.items():
        assert _fields(table[key]) == _fields(value), key


def test_missing_string_names_key_and_language():
    with pytest.raises(languages.MissingTextError, match=r"'no\.such\.key'.*'zh'"):
        languages.text("no.such.key", "zh")
    with pytest.raises(languages.MissingTextError, match="unknown language 'xx'"):
        languages.text("figure.label", "xx")


def test_formats():
    assert languages.figure_label(3, "en") == "Figure 3"
    assert languages.figure_label(3, "zh") == "图 3"
    assert languages.labelled("Figure 3", "x", "en") == "Figure 3: x"
    assert languages.labelled("图 3", "x", "zh") == "图 3：x"
    assert languages.paren("1", "cat", "en") == "1 (cat)"
    assert languages.paren("1", "猫", "zh") == "1（猫）"
    assert languages.join_and(["a", "b", "c"], "en") == "a, b and c"
    assert languages.join_and(["a", "b", "c"], "zh") == "a、b 和 c"
    assert languages.join_and(["a"], "zh") == "a"


def test_file_names():
    assert languages.of_filename("computation.md") == languages.DEFAULT
    assert languages.of_filename("computation.zh.md") == "zh"
    assert languages.of_filename("computation.zh.py") == "zh"
    assert languages.strip_suffix("computation.zh") == "computation"
    assert languages.strip_suffix("computation") == "computation"


def test_a_converted_language_takes_its_strings_from_its_source(monkeypatch, tmp_path):
    monkeypatch.setenv("LASTLAYER_GENERATED", str(tmp_path))
    hant = languages.Language("zh-Hant", "繁體中文", "Traditional Chinese", {"site.title": "最後一層"}, "zh", "hant")
    monkeypatch.setitem(languages.LANGUAGES, "zh-Hant", hant)
    languages._lookup.cache_clear()
    try:
        assert languages.text("figure.label", "zh-Hant", n=2) == "圖 2"
        assert languages.text("notebook.download", "zh-Hant") == "下載 .ipynb 檔案"
        assert languages.text("site.title", "zh-Hant") == "最後一層"  # its own table wins
        assert languages.data("names.classes", "zh-Hant") == ("貓", "狗", "鳥")
        assert languages.PerLanguage("names.iris.species")["zh-Hant"][2] == "維吉尼亞鳶尾"
        assert languages.paren("1", "貓", "zh-Hant") == "1（貓）"
        assert languages.source_of("zh-Hant") == "zh"
        assert languages.convert("参数", "zh-Hant") == "參數"
        assert languages.convert("参数", "zh") == "参数"
    finally:
        languages._lookup.cache_clear()


def test_no_figure_script_branches_on_a_language():
    """Figure scripts give texts per language (FIGURE and label dicts keyed by code) but never
    decide anything by comparing a language code: fonts and punctuation come from the
    language table, through lastlayer.style and lastlayer.languages."""
    branches = []
    for path in sorted((ROOT / "figures").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare):
                for side in [node.left, *node.comparators]:
                    if isinstance(side, ast.Constant) and side.value in CODES:
                        branches.append(f"{path.name}:{node.lineno}")
    assert branches == []
