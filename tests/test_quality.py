"""Static checks on the built site: internal links and anchors, SEO metadata, deployment."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from helpers import ROOT
from lastlayer.katex_fonts import drawable, drawn_text

SITE_URL = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["site_url"]


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.head_links: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        if tag == "link":
            self.head_links.append(a)


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)


def test_no_broken_internal_link_or_anchor(site):
    parsed = {p: parse(p) for p in html_pages(site)}
    broken = []
    for page, links in parsed.items():
        for href in links.hrefs:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//") or href.startswith("mailto:"):
                continue
            path = unquote(parts.path)
            if path.startswith("/"):  # absolute on the host: the site lives under site_url's path
                prefix = urlsplit(SITE_URL).path
                assert path.startswith(prefix), f"{page}: {href} leaves the site"
                target = (site / path[len(prefix) :]).resolve()
            else:
                target = (page.parent / path).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {href}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else parse(target).ids
                if parts.fragment not in ids:
                    broken.append(f"{page.relative_to(site)}: {href} (no anchor)")
    assert broken == []


def test_canonical_on_every_page_and_hreflang_in_the_sitemap(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for page in html_pages(site):
        if page.name == "404.html":
            continue
        links = parse(page).head_links
        canonical = [a["href"] for a in links if a.get("rel") == "canonical"]
        assert len(canonical) == 1 and canonical[0].startswith(SITE_URL), page
        # No head alternates: the theme would fetch a sitemap next to each (see overrides/main.html).
        assert not [a for a in links if a.get("rel") == "alternate"], page
        rel = canonical[0][len(SITE_URL) :]
        en = rel.removeprefix("zh-Hant/").removeprefix("zh/")
        assert f'hreflang="en" href="{SITE_URL}{en}"' in sitemap, page
        assert f'hreflang="zh" href="{SITE_URL}zh/{en}"' in sitemap, page
        assert f'hreflang="zh-Hant" href="{SITE_URL}zh-Hant/{en}"' in sitemap, page


def test_sitemaps_for_both_languages_and_robots(site):
    root = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert (site / "zh" / "sitemap.xml").read_text(encoding="utf-8") == root
    assert (site / "zh-Hant" / "sitemap.xml").read_text(encoding="utf-8") == root
    assert f"<loc>{SITE_URL}zh/geometry/</loc>" in root
    assert f"<loc>{SITE_URL}zh-Hant/geometry/</loc>" in root
    assert f"Sitemap: {SITE_URL}sitemap.xml" in (site / "robots.txt").read_text()


def test_print_stylesheet_keeps_figures_and_drops_chrome():
    css = (ROOT / "docs" / "assets" / "site.css").read_text()
    block = css[css.index("@media print") :]
    assert ".md-header" in block and '#only-light"]' in block and "display: block" in block


def test_deploy_workflow_builds_strict_with_the_readme_command():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    commands = [s["run"] for s in steps if "run" in s]
    assert "bash scripts/dev build" in commands
    assert "bash scripts/dev build" in (ROOT / "README.md").read_text()
    dev = (ROOT / "scripts" / "dev").read_text()
    assert re.search(r"build\) .*mkdocs\" build --strict", dev)
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in workflow["jobs"]["deploy"]["steps"])


def test_a_workflow_runs_the_ci_command_on_every_push_and_pull_request():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "test.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as a boolean
    assert "push" in triggers and "pull_request" in triggers
    commands = [s["run"] for job in workflow["jobs"].values() for s in job["steps"] if "run" in s]
    ci = (ROOT / ".ci" / "run").read_text()
    assert "bash scripts/dev test" in commands and "scripts/dev test" in ci


def test_headings_and_figures_have_the_same_anchors_in_both_languages(site):
    for en in sorted(site.glob("*/index.html")):
        if en.parent.name in ("zh", "zh-Hant", "assets", "search", "figures"):
            continue
        anchors_en = {i for i in parse(en).ids if not i.startswith("__")}
        for lang in ("zh", "zh-Hant"):
            translated = site / lang / en.parent.name / "index.html"
            anchors = {i for i in parse(translated).ids if not i.startswith("__")}
            assert anchors_en == anchors, (lang, en.parent.name)


# --- the critical rendering path ---------------------------------------------------------


def _html_pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("index.html") if "downloads" not in p.parts]


def test_scripts_do_not_block_the_first_paint(site):
    for page in _html_pages(site):
        html = page.read_text(encoding="utf-8")
        head = html[: html.index("</head>")]
        assert "glightbox.min.js" not in head, page
        assert re.search(r'glightbox\.min\.css" rel="stylesheet" media="print" onload=', head), page
        # No script is fetched by a tag: one loader starts them all after the first paint, the
        # theme's script last.
        assert re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html) == [], page
        loaders = re.findall(r'<script id="ll-load" data-scripts="([^"]*)">', html)
        assert len(loaders) == 1, page
        scripts = loaders[0].split(" ")
        assert "assets/javascripts/bundle." in scripts[-1], (page, scripts)
        assert html.index('<script id="ll-load"') > html.index('class="md-content"'), page
        # The lightbox's script is fetched and started on the first click on a figure.
        assert not any("glightbox.min.js" in s for s in scripts), page
        if 'class="glightbox"' in html:
            lazy = r'<script id="init-glightbox">\(function \(\) \{.*script\.src = "[./]*assets/javascripts/glightbox'
            lazy += r'\.min\.js";'
            assert re.search(lazy + r".*const lightbox = GLightbox\(", html, re.S), page


def test_the_font_subsets_a_page_uses_are_preloaded(site):
    katex = ROOT / "docs" / "assets" / "katex"
    checked = 0
    for page in _html_pages(site):
        html = page.read_text(encoding="utf-8")
        head, body = html.split("</head>", 1)
        preloaded = re.findall(r'rel="preload" href="([^"]*/(KaTeX_[\w-]+)\.subset\.woff2)"', head)
        assert [font for _, font in preloaded] == list(
            drawable(drawn_text(body, katex / "katex.min.css"), katex / "fonts")
        )
        assert bool(preloaded) == ('class="katex' in body), page
        for href, _ in preloaded:
            assert (page.parent / href).resolve().is_file(), (page, href)
        checked += bool(preloaded)
    assert checked > 10, "pages with math were found"


def test_each_font_subset_has_every_character_the_site_draws_with_it(site):
    from fontTools.ttLib import TTFont

    katex = ROOT / "docs" / "assets" / "katex"
    drawn: dict[str, set[str]] = {}
    for page in _html_pages(site):
        for font, chars in drawn_text(page.read_text(encoding="utf-8"), katex / "katex.min.css").items():
            drawn.setdefault(font, set()).update(chars)
    subsets = drawable({font: "".join(chars) for font, chars in drawn.items()}, katex / "fonts")
    assert "KaTeX_Main-Regular" in subsets and "KaTeX_Math-Italic" in subsets
    css = (site / "assets" / "katex" / "katex.min.css").read_text(encoding="utf-8")
    subset_bytes = full_bytes = 0
    for font, chars in subsets.items():
        subset = site / "assets" / "katex" / "fonts" / f"{font}.subset.woff2"
        assert {ord(c) for c in chars} <= set(TTFont(subset).getBestCmap()), font
        subset_bytes += subset.stat().st_size
        full_bytes += (katex / "fonts" / f"{font}.woff2").stat().st_size
        assert f"url(fonts/{font}.subset.woff2)" in css, font
    # Together the subsets are a fraction of the fonts they cut (a tiny font has a fixed overhead).
    assert subset_bytes < full_bytes / 2
