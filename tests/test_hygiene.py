"""Small guarantees of the build's plumbing: citations escaped and versioned loudly, the
page rewrite done through a parser, and one clear error when the build lacks a package."""

from __future__ import annotations

import importlib.util
import re
import sys

import pytest
from mkdocs.exceptions import PluginError
from pybtex.database import parse_string

from helpers import ROOT
from lastlayer import citation

NASTY = "Scores & logits: 50% of {z_j} for #3 costs $1"


#: How LaTeX reads each escape back (written out here, not taken from the code under test).
UNESCAPE = {r"\{": "{", r"\}": "}", r"\$": "$", r"\&": "&", r"\%": "%", r"\_": "_", r"\#": "#"}


def _field(bib: str, name: str) -> str:
    """A field of the only entry in ``bib``, parsed by a BibTeX parser and read as LaTeX would."""
    (entry,) = parse_string(bib, "bibtex").entries.values()
    value = entry.fields[name].removeprefix("{").removesuffix("}")
    for escape, char in UNESCAPE.items():
        value = value.replace(escape, char)
    return value


def test_bibtex_fields_are_escaped_and_parse_back_to_the_original():
    version = citation.Version(label="v1.0_rc#2", year=2026)
    bib = citation.figure_bibtex("softmax_pipeline", NASTY, 3, "en", "https://example.org/a_b#fig-x", version)
    assert _field(bib, "title") == f"Figure 3: {NASTY}"
    raw = parse_string(bib, "bibtex").entries["lastlayer-softmax-pipeline"].fields["title"]
    assert not re.search(r"(?<!\\)[&%_#$]", raw), raw  # LaTeX would read these as commands
    assert "version v1.0_rc#2" in _field(bib, "howpublished")
    assert parse_string(bib, "bibtex").entries["lastlayer-softmax-pipeline"].fields["url"].endswith("a_b#fig-x")
    for lang, title in (("zh", "图 3：温度"), ("zh-Hant", "圖 3：溫度")):  # Chinese punctuation in Chinese
        bib = citation.figure_bibtex("softmax_pipeline", title[4:], 3, lang, "https://example.org/", version)
        assert _field(bib, "title") == title
        assert _field(bib, "howpublished").endswith("，版本 v1.0_rc#2")
        assert list(parse_string(bib, "bibtex").entries) == [f"lastlayer-softmax-pipeline-{lang.lower()}"]


def test_every_special_character_is_escaped():
    escaped = citation.bibtex_escape("& % _ # { } $")
    assert escaped == r"\& \% \_ \# \{ \} \$"


def test_version_without_git_is_an_error_not_a_silent_guess(tmp_path, monkeypatch):
    monkeypatch.delenv("LASTLAYER_VERSION", raising=False)
    monkeypatch.delenv("LASTLAYER_YEAR", raising=False)
    citation.site_version.cache_clear()
    with pytest.raises(citation.VersionError, match="LASTLAYER_VERSION"):
        citation.site_version(tmp_path)
    monkeypatch.setenv("LASTLAYER_VERSION", "v9")
    monkeypatch.setenv("LASTLAYER_YEAR", "2031")
    citation.site_version.cache_clear()
    assert citation.site_version(tmp_path) == citation.Version("v9", 2031)
    citation.site_version.cache_clear()


def _hook(name: str):
    spec = importlib.util.spec_from_file_location(f"_test_hook_{name}", ROOT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


PAGE = """<html><head>
<link href="../assets/glightbox.min.css" rel="stylesheet"><script src="../assets/glightbox.min.js"></script>
</head><body><p>a &amp; b, 中文</p>
<div class="ll-widget"></div><script defer src="../assets/widgets/core.js"></script>
<script defer src="../assets/widgets/softmax.js"></script>
<script src="../assets/javascripts/bundle.0a1b.min.js"></script>
<script id="init-glightbox">const lightbox = GLightbox({});
</script></body></html>"""


def test_scripts_wait_for_the_first_paint_and_the_lightbox_for_a_click():
    out = _hook("performance").rewrite(PAGE, "page.md")
    head, body = out.split("</head>")
    assert "glightbox.min.js" not in head
    assert (
        '<link href="../assets/glightbox.min.css" rel="stylesheet" media="print" onload="this.media=\'all\'">' in head
    )
    # One loader, where the theme's script was, lists every script of the page in document order.
    sources = "../assets/widgets/core.js ../assets/widgets/softmax.js ../assets/javascripts/bundle.0a1b.min.js"
    loader = body[body.index('<script id="ll-load"') :]
    assert loader.startswith(f'<script id="ll-load" data-scripts="{sources}">')
    assert body.index('<div class="ll-widget"></div>') < body.index('<script id="ll-load"')
    assert "<script defer" not in out and 'src="../assets/javascripts/bundle' not in out
    assert "requestAnimationFrame(function () { setTimeout(load); })" in loader
    # The lightbox's script is fetched, and the plugin's initialisation run, on the first click.
    assert 'glightbox.min.js"></script>' not in body
    init = body[body.index('<script id="init-glightbox">') :]
    assert 'script.src = "../assets/glightbox.min.js";' in init
    assert init.index("const lightbox = GLightbox({});") < init.index("link.click()")
    assert init.index('addEventListener("click", start, true)') > init.index("link.click()")
    assert "<p>a &amp; b, 中文</p>" in body  # the rest of the page is untouched


def test_a_page_without_the_themes_script_is_named():
    with pytest.raises(PluginError, match=r"page\.md: the theme's script tag changed"):
        _hook("performance").rewrite(PAGE.replace("bundle.0a1b.min.js", "other.js"), "page.md")


def test_a_missing_package_is_one_error_with_the_install_command(monkeypatch):
    project = _hook("project")
    monkeypatch.setitem(project.NEEDED, "no_such_module_here", "no-such-package")
    with pytest.raises(PluginError) as error:
        project.check()
    message = str(error.value)
    assert "no-such-package" in message and "pip install -r requirements.txt" in message
    assert message.count("no-such-package") == 1


def test_scripts_do_not_import_from_tests():
    """Scripts import the package, never the test suite's modules or its folder."""
    import ast

    test_modules = {p.stem for p in (ROOT / "tests").glob("*.py")}
    for script in (ROOT / "scripts").glob("*.py"):
        tree = ast.parse(script.read_text(encoding="utf-8"))
        imported = {
            alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
        } | {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        assert not imported & (test_modules | {"tests"}), (script.name, imported & test_modules)
        paths = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.rstrip("/") == "tests"
        ]
        assert not paths, f"{script.name} names the tests folder"


def test_the_script_import_check_finds_an_import_from_the_tests(tmp_path, monkeypatch):
    import ast

    tree = ast.parse("import sys\nfrom helpers import ROOT\n")
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert "helpers" in imported and "helpers" in {p.stem for p in (ROOT / "tests").glob("*.py")}
