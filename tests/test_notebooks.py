"""Notebooks: one per content page and language, rendered as pages, downloadable and runnable."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import jupytext
import nbformat
import numpy as np
import pytest
import yaml
from nbclient import NotebookClient

from helpers import ROOT, copy_project, mkdocs_build
from lastlayer import converted, examples, languages, notebooks

DOCS = ROOT / "docs"
CONTENT_PAGES = ("computation", "weighting", "templates", "geometry", "why-softmax", "learning")
#: Each language and its folder in the site; zh-Hant's notebooks are converted from zh's.
LANGS = {"en": "", "zh": "zh/", "zh-Hant": "zh-Hant/"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def source(name: str, lang: str) -> Path:
    if languages.get(lang).converted_from is not None:
        return converted.write(DOCS, f"notebooks/{name}.py", lang)
    return DOCS / "notebooks" / f"{name}{languages.suffix(lang)}.py"


def page_dir(site: Path, name: str, lang: str) -> Path:
    return site / LANGS[lang] / "notebooks" / name


def config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[dict] = []
        self.images: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs))
        elif tag == "img":
            self.images.append(dict(attrs))


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def run_box(path: Path) -> Links:
    """Links in the page's "Run it yourself" box."""
    [box] = re.findall(r'<p class="ll-run">.*?</p>', path.read_text(encoding="utf-8"), re.S)
    parser = Links()
    parser.feed(box)
    return parser


def resolve(site: Path, page: Path, href: str) -> Path:
    """The file a relative link on ``page`` points to."""
    base = "/" + page.parent.relative_to(site).as_posix() + "/"
    target = urlparse(urljoin(base, href)).path.lstrip("/")
    path = site / target
    return path / "index.html" if target == "" or target.endswith("/") else path


# --- sources ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", CONTENT_PAGES)
def test_every_content_page_has_a_notebook_in_both_languages(name):
    for lang in LANGS:
        assert source(name, lang).is_file(), source(name, lang)
    nav = config()["nav"]
    section = next(item["Notebooks"] for item in nav if "Notebooks" in item)
    assert f"notebooks/{name}.py" in section


def code_shape(cell: str) -> list[tuple[int, str]]:
    """A code cell's tokens without its strings and comments, which are in the notebook's language."""
    import io
    import tokenize

    skip = {tokenize.STRING, tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.ENCODING}
    return [(t.type, t.string) for t in tokenize.generate_tokens(io.StringIO(cell).readline) if t.type not in skip]


@pytest.mark.parametrize("name", CONTENT_PAGES)
def test_both_languages_run_the_same_code(name):
    # Same statements in both languages; only strings (labels, printed text) and comments are translated.
    en, zh = notebooks.code_cells(source(name, "en")), notebooks.code_cells(source(name, "zh"))
    assert [code_shape(c) for c in en] == [code_shape(c) for c in zh]


@pytest.mark.parametrize("name", ("computation", "weighting", "templates", "geometry", "why-softmax"))
def test_chinese_notebooks_print_and_label_in_chinese(name):
    # No English word is left in a printed string or a plot label of a Chinese notebook.
    import ast

    for cell in notebooks.code_cells(source(name, "zh")):
        for node in ast.walk(ast.parse(cell)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
                "print",
                "set_title",
                "set_xlabel",
                "set_ylabel",
            ):
                for arg in node.args:
                    for const in ast.walk(arg):
                        if isinstance(const, ast.Constant) and isinstance(const.value, str):
                            words = re.sub(r"softmax|exp\(", "", const.value)
                            assert not re.search(r"[A-Za-z]{3,}", words), (name, const.value)


@pytest.mark.parametrize("name", CONTENT_PAGES)
def test_prose_is_in_the_notebooks_language(name):
    for lang in LANGS:
        prose = [c.source for c in notebooks.read(source(name, lang)).cells if c.cell_type == "markdown"]
        assert prose
        for text in prose:
            assert bool(CJK.search(text)) == (lang != "en"), (name, lang, text[:60])


@pytest.mark.parametrize("name", CONTENT_PAGES)
def test_a_reader_needs_only_numpy_matplotlib_and_scikit_learn(name):
    assert notebooks.foreign_imports(source(name, "en")) == set()
    assert "lastlayer" not in source(name, "en").read_text(encoding="utf-8")


def run_cells(name: str) -> dict:
    """Run the notebook's code in this process (plots to the Agg backend) and return its namespace."""
    import matplotlib

    matplotlib.use("Agg")
    namespace: dict = {}
    for code in notebooks.code_cells(source(name, "en")):
        exec(compile(code.replace("plt.show()", "plt.close('all')"), name, "exec"), namespace)
    return namespace


def test_computation_notebook_restates_the_sites_worked_example():
    ns = run_cells("computation")
    worked = examples.worked_example()
    np.testing.assert_array_equal(ns["x"], worked.x)
    np.testing.assert_array_equal(ns["W"], worked.W)
    np.testing.assert_array_equal(ns["b"], worked.b)
    np.testing.assert_allclose(ns["p"], worked.probs)
    assert tuple(ns["classes"]) == examples.CLASS_NAMES["en"]


def test_geometry_notebook_restates_the_sites_toy_problem():
    ns = run_cells("geometry")
    toy = examples.toy2d()
    np.testing.assert_array_equal(ns["centres"], examples.TOY_CENTRES)
    np.testing.assert_array_equal(ns["X"], toy.X)
    np.testing.assert_array_equal(ns["query"], toy.query)
    np.testing.assert_allclose(ns["W"], toy.W, atol=0.02)
    np.testing.assert_allclose(ns["b"], toy.b, atol=0.02)


def test_learning_notebook_takes_the_sites_gradient_step():
    from lastlayer import learning

    ns = run_cells("learning")
    step = learning.toy_step()
    np.testing.assert_array_equal(ns["X"], examples.toy2d().X)
    np.testing.assert_array_equal(ns["W0"], step.W0)
    assert ns["i"] == step.index and ns["eta"] == step.lr
    np.testing.assert_allclose(ns["W1"], step.W1)


def test_why_softmax_notebook_uses_the_worked_examples_scores():
    ns = run_cells("why-softmax")
    np.testing.assert_array_equal(ns["z"], np.round(examples.worked_example().z, 2))


# --- the fonts of the Chinese notebooks' plots ---------------------------------------------

FONT_CELLS = [name for name in CONTENT_PAGES if "CJK_FONTS = " in source(name, "zh").read_text(encoding="utf-8")]


def test_every_notebook_with_chinese_labels_chooses_its_languages_fonts():
    assert FONT_CELLS, "the Chinese notebooks that label plots in Chinese choose a font"
    for name in FONT_CELLS:
        for lang in LANGS:
            fonts = languages.get(lang).notebook_fonts or languages.get("zh").notebook_fonts
            line = next(line for line in source(name, lang).read_text().splitlines() if line.startswith("CJK_FONTS = "))
            assert json.loads(line.removeprefix("CJK_FONTS = ")) == list(fonts), (name, lang)


def test_each_chinese_notebook_installs_its_languages_pinned_font_when_none_is_there():
    """The FONT_PACKAGE line names the pinned package with the language's first font (empty
    in English notebooks: they draw no Chinese), the version the figures use."""
    pinned = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    for name in FONT_CELLS:
        for lang in LANGS:
            line = next(
                line for line in source(name, lang).read_text().splitlines() if line.startswith("FONT_PACKAGE = ")
            )
            package = json.loads(line.removeprefix("FONT_PACKAGE = "))
            assert package == languages.get(lang).notebook_font_package, (name, lang)
            if package:
                assert package in pinned.splitlines(), package


#: Run before a notebook: the machine's CJK fonts are hidden from matplotlib, as on Colab
#: or a fresh Linux, and every figure is drawn at the end (where a missing glyph warns).
NO_CJK_FONTS = """
import runpy, sys, warnings
import matplotlib
matplotlib.use("Agg")
from matplotlib import font_manager
import matplotlib.pyplot as plt
KEYS = ("noto", "sourcehan", "wqy", "msyh", "msjh", "simhei", "pingfang", "cjk", "droid")
fonts = font_manager.fontManager.ttflist
font_manager.fontManager.ttflist = [f for f in fonts if not any(k in f.fname.lower() for k in KEYS)]
system = font_manager.findSystemFonts
font_manager.findSystemFonts = lambda *a, **kw: [p for p in system(*a, **kw) if not any(k in p.lower() for k in KEYS)]
warnings.simplefilter("always")
runpy.run_path(sys.argv[1], run_name="__main__")
for number in plt.get_fignums():
    plt.figure(number).canvas.draw()
print("FAMILIES", plt.rcParams["font.family"])
"""


@pytest.mark.parametrize("lang", ["zh", "zh-Hant"])
def test_a_chinese_notebook_draws_its_labels_on_a_machine_without_chinese_fonts(tmp_path, lang):
    script = source("computation", lang)
    assert (
        "pylopdf"
        not in subprocess.run(
            [
                sys.executable,
                "-c",
                "import matplotlib.font_manager as m; print([f.fname for f in m.fontManager.ttflist])",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    ), "the pinned font is not a system font here: the notebook must add it itself"
    result = subprocess.run(
        [sys.executable, "-c", NO_CJK_FONTS, str(script)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "MPLBACKEND": "Agg"},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "missing from font" not in result.stderr, result.stderr[-3000:]
    family = languages.get(lang).notebook_fonts[0]
    assert f"'{family}'" in result.stdout.split("FAMILIES", 1)[1], result.stdout[-500:]


def test_traditional_notebooks_prefer_traditional_glyph_shapes():
    assert languages.get("zh-Hant").notebook_fonts[0] == "Noto Sans TC"
    assert languages.get("zh").notebook_fonts[0] == "Noto Sans SC"


@pytest.mark.parametrize(("lang", "family"), [("zh", "Noto Sans SC"), ("zh-Hant", "Noto Sans TC")])
def test_build_kernels_draw_with_the_pinned_font_of_the_notebooks_language(tmp_path, lang, family):
    """The build's kernels have the figures' pinned fonts (whatever this machine has
    installed), so a notebook's own font choice lands on its language's glyph shapes."""
    cells = notebooks.code_cells(source(FONT_CELLS[0], lang))
    font_cell = next(cell for cell in cells if "CJK_FONTS = " in cell)
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(font_cell),
            nbformat.v4.new_code_cell(
                "from matplotlib import font_manager\n"
                "print(plt.rcParams['font.family'])\n"
                "print(font_manager.FontProperties(family=plt.rcParams['font.family'][1]).get_name())"
            ),
        ]
    )
    old = dict(os.environ)
    os.environ.update(notebooks.kernel_environment(tmp_path, 0))
    try:
        NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    finally:
        os.environ.clear()
        os.environ.update(old)
    printed = "".join(o.get("text", "") for o in nb.cells[1].outputs).splitlines()
    assert printed == [str(["DejaVu Sans", family]), family]


# --- the rewrite of mkdocs-jupyter's markup --------------------------------------------


def render(tmp_path: Path, text: str) -> tuple[str, nbformat.NotebookNode]:
    from mkdocs_jupyter import convert

    path = tmp_path / "tiny.py"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return convert.nb2html(str(path), execute=True, allow_errors=False), jupytext.read(path)


TINY = """\
    # %% [markdown]
    # # Tiny
    #
    # Inline $a < b$ and display
    #
    # $$\\frac{1}{2}$$
    #
    # ## Part two {#part-two}

    # %% alt="A line."
    import matplotlib.pyplot as plt

    print("hello")
    plt.plot([0, 1])
    plt.show()
"""


def test_tidy_turns_jupyterlab_markup_into_the_sites(tmp_path):
    rendered, nb = render(tmp_path, TINY)
    assert "<style" in rendered and "data:image/png" in rendered  # what the plugin produces
    tidied = notebooks.tidy(rendered, nb, "tiny.py", header='<p id="header">links</p>')
    out = tidied.html
    assert "<style" not in out and "<script" not in out and "data:image" not in out and "jp-" not in out
    assert '<span class="arithmatex">\\(a &lt; b\\)</span>' in out
    assert '<div class="arithmatex">\\[\\frac{1}{2}\\]</div>' in out
    assert '<h2 id="part-two">Part two<a class="headerlink" href="#part-two"' in out
    assert out.index("</h1>") < out.index('id="header"') < out.index("Inline")
    assert '<div class="language-python highlight"><pre><span></span><code>' in out
    assert "hello" in out
    [(filename, data)] = tidied.plots.items()
    assert f'<img src="{filename}" alt="A line."' in out
    width, height = notebooks.png_size(data)
    assert f'width="{width}" height="{height}"' in out
    assert tidied.title == "Tiny"
    assert tidied.toc == [{"level": 2, "id": "part-two", "name": "Part two", "children": []}]


def test_plot_without_alt_text_is_an_error(tmp_path):
    rendered, nb = render(tmp_path, TINY.replace(' alt="A line."', ""))
    with pytest.raises(notebooks.NotebookError, match=r"tiny.py, cell 2 draws a plot but has no alt text"):
        notebooks.tidy(rendered, nb, "tiny.py")


def test_heading_without_id_is_an_error(tmp_path):
    rendered, nb = render(tmp_path, TINY.replace(" {#part-two}", ""))
    with pytest.raises(notebooks.NotebookError, match=r"tiny.py: heading 'Part two' needs an id"):
        notebooks.tidy(rendered, nb, "tiny.py")


# --- the built site ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", CONTENT_PAGES)
def test_notebook_page_is_light_and_self_contained(site, name, lang):
    page = page_dir(site, name, lang) / "index.html"
    html = page.read_text(encoding="utf-8")
    article = html[html.index('<article class="md-content__inner') : html.index("</article>")]
    assert 'class="ll-notebook"' in article
    assert 'class="katex' in article, "math is rendered on the server"
    for leftover in ("<style", "<script", "jp-", "data:image", "mathjax", "MathJax", "mermaid", "clipboard"):
        assert leftover not in article, leftover
    # The plugin's default markup made a notebook page ~640 KB; now it weighs no more than the
    # page it restates (about half, in practice).
    content_page = page.parent.parent.parent / name / "index.html"
    assert len(html.encode()) < len(content_page.read_bytes())
    assert f'lang="{lang}"' in html


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", CONTENT_PAGES)
def test_notebook_plots_are_files_with_alt_text_and_size(site, name, lang):
    page = page_dir(site, name, lang) / "index.html"
    plots = [img for img in parse(page).images if "-plot-" in img.get("src", "")]
    assert plots, "every notebook draws at least one plot"
    cells = notebooks.read(source(name, lang)).cells
    alts = {c.metadata["alt"] for c in cells if c.cell_type == "code" and "alt" in c.metadata}
    for img in plots:
        assert img["alt"] in alts
        data = (page.parent / img["src"]).read_bytes()
        assert (int(img["width"]), int(img["height"])) == notebooks.png_size(data)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", CONTENT_PAGES)
def test_page_and_notebook_link_to_each_other(site, name, lang):
    content = site / LANGS[lang] / name / "index.html"
    notebook = page_dir(site, name, lang) / "index.html"
    to_notebook = [resolve(site, content, a["href"]) for a in run_box(content).links]
    assert notebook in to_notebook
    back = [resolve(site, notebook, a["href"]) for a in run_box(notebook).links]
    assert content in back


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", CONTENT_PAGES)
def test_download_and_colab_links(site, name, lang):
    notebook = page_dir(site, name, lang) / "index.html"
    links = run_box(notebook).links
    download = next(a for a in links if "download" in a)
    file = resolve(site, notebook, download["href"])
    filename = f"{name}{languages.suffix(lang)}.ipynb"
    assert file.name == filename and file.is_file()
    repo = urlparse(config()["repo_url"]).path.strip("/")
    branch = config()["extra"]["notebooks_branch"]
    colab = f"https://colab.research.google.com/github/{repo}/blob/{branch}/{filename}"
    assert any(a.get("href") == colab for a in links)
    # the content page offers the same download
    content = site / LANGS[lang] / name / "index.html"
    downloads = [resolve(site, content, a["href"]) for a in run_box(content).links if "download" in a]
    assert downloads == [file]


def test_deploy_workflow_publishes_the_notebooks_to_the_colab_branch():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text())
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    publish = next(step for step in steps if "notebooks" in step.get("name", "").lower())
    script = publish["run"]
    assert f"HEAD:{config()['extra']['notebooks_branch']}" in script
    assert "*.ipynb" in script


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", CONTENT_PAGES)
def test_downloaded_notebook_runs_in_a_clean_kernel(site, tmp_path, name, lang):
    suffix = languages.suffix(lang)
    nb = nbformat.read(page_dir(site, name, lang) / f"{name}{suffix}.ipynb", as_version=4)
    nbformat.validate(nb)
    assert all(not cell.get("outputs") for cell in nb.cells), "the download carries no outputs"
    assert nb.metadata.kernelspec.name == "python3"
    assert "{#" not in json.dumps(nb), "heading ids are a site feature, not Jupyter's"
    # A kernel that cannot see this repository: only what a reader would have installed.
    launcher = tmp_path / "clean_kernel.py"
    launcher.write_text(
        textwrap.dedent(f"""
            import sys
            sys.path = [p for p in sys.path if p.rstrip("/") != {str(ROOT)!r}]
            class Block:
                def find_spec(self, name, path=None, target=None):
                    if name.split(".")[0] == "lastlayer":
                        raise ImportError("lastlayer is not installed on a reader's machine")
            sys.meta_path.insert(0, Block())
            from ipykernel import kernelapp
            kernelapp.launch_new_instance()
        """),
        encoding="utf-8",
    )
    kernels = tmp_path / "share" / "jupyter" / "kernels" / "clean"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(
        json.dumps({"argv": [sys.executable, str(launcher), "-f", "{connection_file}"], "language": "python"})
    )
    workdir = tmp_path / "reader"
    workdir.mkdir()
    old = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = str(tmp_path / "share" / "jupyter")
    try:
        client = NotebookClient(nb, kernel_name="clean", timeout=120, resources={"metadata": {"path": str(workdir)}})
        client.execute()
    finally:
        if old is None:
            os.environ.pop("JUPYTER_PATH")
        else:
            os.environ["JUPYTER_PATH"] = old
    outputs = [o for cell in nb.cells for o in cell.get("outputs", [])]
    assert any(o.output_type == "display_data" and "image/png" in o.data for o in outputs)
    assert not any(o.output_type == "error" for o in outputs)


# --- building ---------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path, warm) -> Path:
    return copy_project(tmp_path / "project", generated=warm)


def executed(log: str) -> list[str]:
    return sorted(re.findall(r"executing notebook (notebooks/\S+)", log))


def test_rebuild_executes_nothing_and_one_edit_executes_one(project):
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert executed(result.stderr) == []
    path = project / "docs" / "notebooks" / "templates.zh.py"
    path.write_text(path.read_text(encoding="utf-8") + '\n# %%\nprint("edited")\n', encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    # The Simplified Chinese notebook and the Traditional one converted from it.
    assert executed(result.stderr) == ["notebooks/templates.zh-Hant.py", "notebooks/templates.zh.py"]
    assert "edited" in (project / "site" / "zh" / "notebooks" / "templates" / "index.html").read_text()
    assert "edited" in (project / "site" / "zh-Hant" / "notebooks" / "templates" / "index.html").read_text()
    # The other language's cached results survived both builds.
    result = mkdocs_build(project)
    assert executed(result.stderr) == []


def test_a_failing_cell_fails_the_build_naming_the_notebook(project):
    path = project / "docs" / "notebooks" / "weighting.py"
    path.write_text(path.read_text(encoding="utf-8") + '\n# %%\nraise ValueError("notebook boom")\n', encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "notebooks/weighting.py failed to run" in result.stderr
    assert "ValueError: notebook boom" in result.stderr


def test_a_notebook_without_translation_fails_the_build(project):
    (project / "docs" / "notebooks" / "geometry.zh.py").unlink()
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "notebooks/geometry.py has no Simplified Chinese translation" in result.stderr


WEIGHT_COLOURS = r'WEIGHT_COLOURS = LinearSegmentedColormap\.from_list\("weights", \[([^\]]*)\]\)'


def test_notebook_weight_maps_use_the_sites_weight_colours():
    """Notebooks cannot import the site's code: their copy of the weight colours must match it."""
    from lastlayer import style

    light = style.DIVERGING_STOPS["light"]
    expected = [light[0], light[1], style.THEME_COLORS["light"]["bg"], light[2], light[3]]
    found = 0
    for path in sorted((ROOT / "docs" / "notebooks").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "PuOr" not in text, f"{path.name}: draw weights with the site's colours"
        for stops in re.findall(WEIGHT_COLOURS, text):
            assert [s.strip().strip('"') for s in stops.split(",")] == expected, path.name
            found += 1
    assert found >= 4  # templates and weighting, both languages
