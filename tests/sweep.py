"""One sweep of every page in Chromium, shared by the whole-page browser checks.

Each page is opened once, and everything the whole-page tests check is read during that
visit: on a phone (375 px, light: errors, requests, images, overflow, fonts, legible text,
runs of prose, figures whole), then with the window widened to a desktop's (1280 px: figures
whole and their text size, then in each scheme, the system's scheme switched in between as a
reader's system would: axe and the other scheme's figures hidden). axe runs on the desktop: on a phone, a table
that scrolls sideways hides its far columns from axe's visibility checks.
The tests (test_browser.py, test_figure_legibility.py) stay one per check and page,
and read what the sweep recorded: a page load is the expensive part, so checks share it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import Browser

from helpers import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

#: Every block laid out now (far-off blocks wait for the reader otherwise), and no colour
#: transition, so that the checks after a switch of scheme read the final colours.
RENDER_EVERY_BLOCK = "* { content-visibility: visible !important; transition: none !important; }"

LOAD_EVERY_IMAGE = "document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })"
ALL_SHOWN_IMAGES_LOADED = "[...document.images].filter(i => i.offsetParent !== null).every(i => i.complete)"
#: After the window is widened: every shown figure has left its narrow layout (a
#: ``<picture>`` source for small screens) and its wide drawing has loaded.
WIDE_LAYOUTS_LOADED = """[...document.images].filter(i => i.offsetParent !== null)
  .every(i => i.complete && i.naturalWidth > 0 && !i.currentSrc.includes('.narrow.'))"""
BROKEN_IMAGES = "[...document.images].filter(i => i.offsetParent !== null && !(i.naturalWidth > 0)).map(i => i.src)"

KATEX_FONTS_DRAWN = """[...document.fonts]
  .filter(f => f.status === 'loaded' && f.family.replace(/"/g, '').startsWith('KaTeX_'))
  .map(f => {
    const bold = ['bold', '700'].includes(f.weight), italic = f.style === 'italic';
    const variant = bold ? (italic ? 'BoldItalic' : 'Bold') : (italic ? 'Italic' : 'Regular');
    return f.family.replace(/"/g, '') + '-' + variant;
  })"""
FONTS_PRELOADED = """[...document.querySelectorAll('link[rel=preload][as=font]')]
  .map(l => l.href.split('/').pop().replace('.subset.woff2', ''))"""

OTHER_SCHEME_SHOWN = """(other) => [...document.images]
  .filter(i => (i.getAttribute('src') || '').endsWith(other) && getComputedStyle(i).display !== 'none')
  .map(i => i.getAttribute('src'))"""

SHOWN_FIGURES = """[...document.querySelectorAll('figure.ll-figure img, .ll-gallery img')]
  .filter(i => i.offsetParent !== null)
  .map(i => {
    const r = i.getBoundingClientRect();
    return {src: i.getAttribute('src'), current: i.currentSrc, left: r.left, right: r.right, width: r.width,
            inFigure: i.closest('figure.ll-figure') !== null};
  })"""

#: Article tables and display formulas wider than the text column (each scrolls sideways or
#: is cut off), and article table cells a reader cannot see.
WIDE_BLOCKS = """() => {
  const column = document.querySelector('article').getBoundingClientRect().width;
  const wide = [];
  for (const el of document.querySelectorAll('article table:not(.ll-widget table), article .katex-display')) {
    const inner = el.matches('.katex-display') ? el.querySelector('.katex-html') || el : el;
    const width = Math.max(inner.scrollWidth, inner.getBoundingClientRect().width);
    if (width > column + 1) wide.push(`${el.tagName.toLowerCase()} ${Math.round(width)}px: `
      + (el.innerText || '').replace(/\\s+/g, ' ').slice(0, 50));
  }
  const hidden = [...document.querySelectorAll('article table.ll-stack td')]
    .filter(td => td.querySelector('.ll-cell-value').textContent.trim() !== '')
    .filter(td => td.getBoundingClientRect().width < 1 || getComputedStyle(td).visibility === 'hidden')
    .map(td => td.innerText.slice(0, 30));
  return {wide, hidden};
}"""

#: Lighthouse's legible-text threshold (its ``font-size`` audit), in CSS pixels.
MIN_PAGE_TEXT_PX = 12.0

SMALL_TEXT = """(min) => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const small = {};
  let node;
  while ((node = walker.nextNode())) {
    const el = node.parentElement;
    if (!el || !node.textContent.trim() || el.closest('.katex, script, style')) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size >= min) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    if (!range.getClientRects().length) continue;  // not laid out
    const cls = typeof el.className === 'string' && el.className ? '.' + el.className.split(' ')[0] : '';
    const where = el.tagName.toLowerCase() + cls;
    small[where + ' ' + size.toFixed(1) + 'px'] = node.textContent.trim().slice(0, 40);
  }
  return small;
}"""

#: The longest run of prose: consecutive paragraphs and headings of the article with nothing
#: else between them (a figure, display formula, list, table, code, widget or box breaks it).
LONGEST_PROSE = """() => {
  const prose = el => el.matches('p, h1, h2, h3, h4, h5, h6')
    && !el.querySelector('.katex-display, img, svg, .ll-widget, table');
  let start = null, longest = 0, where = '';
  for (const el of document.querySelector('article').children) {
    const r = el.getBoundingClientRect();
    if (!prose(el)) { start = null; continue; }
    if (start === null) start = r.top;
    if (r.bottom - start > longest) { longest = r.bottom - start; where = el.textContent.trim().slice(0, 50); }
  }
  return {px: longest, at: where};
}"""

AXE_RUN = """async (rules) => (await axe.run(document,
      rules ? {resultTypes: ['violations'], runOnly: {type: 'rule', values: rules}} : {resultTypes: ['violations']}))
    .violations.map(x => `${x.id}: ${x.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`)"""

#: What the dark scheme can change: colours, and which theme variant of each figure (and its
#: link) is shown. The page's structure, names and landmarks are checked in the light run.
AXE_SCHEME_RULES = ["color-contrast", "link-in-text-block", "image-alt", "link-name", "nested-interactive"]


@dataclass
class Visit:
    """What one visit of a page recorded."""

    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    bad_status: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    broken_images: list[str] = field(default_factory=list)
    overflow: float = 0.0
    article_text: str = ""
    fonts_drawn: list[str] = field(default_factory=list)
    fonts_preloaded: list[str] = field(default_factory=list)
    small_text: dict[str, str] = field(default_factory=dict)
    other_scheme_shown: list[str] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    viewport: int = 0
    axe: list[str] = field(default_factory=list)
    longest_prose: dict = field(default_factory=dict)
    wide_blocks: list[str] = field(default_factory=list)
    hidden_cells: list[str] = field(default_factory=list)
    font_requests: list[str] = field(default_factory=list)

    def foreign_requests(self, base_url: str) -> list[str]:
        return [u for u in self.requests if not (u.startswith(base_url) or u.startswith(("data:", "blob:")))]


@dataclass
class Report:
    phone: Visit
    desktop: Visit  # light
    dark: Visit  # desktop, dark


class Sweep:
    """Visits each page on first use and keeps what it saw for the rest of the session."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
        self._reports: dict[str, Report] = {}

    def __call__(self, path: str) -> Report:
        if path not in self._reports:
            assert AXE.is_file(), "axe-core is missing: `bash scripts/dev test` installs it with npm ci"
            self._reports[path] = self._visit(path)
        return self._reports[path]

    def _visit(self, path: str) -> Report:
        context = self.browser.new_context(color_scheme="light", viewport=PHONE)
        try:
            page = context.new_page()
            phone = Visit(viewport=PHONE["width"])
            # Events go to the visit in progress: the phone's until the window is widened.
            current = [phone]
            page.on("request", lambda r: current[0].requests.append(r.url))
            page.on("requestfailed", lambda r: current[0].failed.append(r.url))
            page.on(
                "response", lambda r: current[0].bad_status.append(f"{r.status} {r.url}") if r.status >= 400 else None
            )
            page.on("console", lambda m: current[0].console_errors.append(m.text) if m.type == "error" else None)
            page.goto(self.base_url + path, wait_until="load")
            page.add_style_tag(content=RENDER_EVERY_BLOCK)
            # Load every lazily loaded figure now, then wait for the condition, not for a time.
            page.evaluate(LOAD_EVERY_IMAGE)
            page.wait_for_function(ALL_SHOWN_IMAGES_LOADED, timeout=30_000)
            page.evaluate("document.fonts.ready")
            self._read_figures(page, phone)
            phone.broken_images = page.evaluate(BROKEN_IMAGES)
            phone.overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            phone.article_text = page.inner_text("article")
            phone.fonts_drawn = page.evaluate(KATEX_FONTS_DRAWN)
            phone.fonts_preloaded = page.evaluate(FONTS_PRELOADED)
            phone.small_text = page.evaluate(SMALL_TEXT, MIN_PAGE_TEXT_PX)
            phone.longest_prose = page.evaluate(LONGEST_PROSE)
            blocks = page.evaluate(WIDE_BLOCKS)
            phone.wide_blocks, phone.hidden_cells = blocks["wide"], blocks["hidden"]
            # The fonts the page itself asked for (axe's checks, which come later, lay out and
            # measure text the reader never sees, and can fetch fonts the page does not need).
            phone.font_requests = [u for u in phone.requests if u.endswith(".woff2")]

            # The same page on a desktop: the window widened, as a reader turns a tablet or
            # widens a browser window (a second load of the page would cost as much as the first).
            desktop = Visit(viewport=DESKTOP["width"])
            current[0] = desktop
            page.set_viewport_size(DESKTOP)
            page.wait_for_function(WIDE_LAYOUTS_LOADED, timeout=30_000)
            self._read_figures(page, desktop)
            page.add_script_tag(path=str(AXE))
            desktop.axe = page.evaluate(AXE_RUN, None)

            # The same page after the system switches to the dark scheme.
            dark = Visit(viewport=DESKTOP["width"])
            current[0] = dark
            page.emulate_media(color_scheme="dark")
            page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
            dark.other_scheme_shown = page.evaluate(OTHER_SCHEME_SHOWN, "#only-light")
            dark.axe = page.evaluate(AXE_RUN, AXE_SCHEME_RULES)
            return Report(phone=phone, desktop=desktop, dark=dark)
        finally:
            context.close()

    @staticmethod
    def _read_figures(page, v: Visit) -> None:
        v.other_scheme_shown = page.evaluate(OTHER_SCHEME_SHOWN, "#only-dark")
        v.figures = page.evaluate(SHOWN_FIGURES)
