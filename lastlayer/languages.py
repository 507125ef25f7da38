"""Every language of the site, as data: one table of interface strings per language.

A table holds what the code writes around the pages' own text: figure numbering
("Figure {n}"), the labels of the "Run it yourself" box, downloads, citations, the
widgets' labels, table headers, names of classes and features, and the language's
punctuation (the separator after a label, parentheses, list joiners). Code asks for a
string by key and language, ``text("figure.label", lang)``, and never branches on a
language code; a test checks that no other module of ``hooks/`` or ``lastlayer/``
names one. A missing string is an error naming the key and the language.

A language either has its own table and its own page sources (``page.<code>.md``; the
default language's are ``page.md``), or is *converted from* another one: its strings,
pages, figure texts and notebook prose are that language's, passed through a converter
at build time (Traditional Chinese from Simplified Chinese with :mod:`lastlayer.hant`).
Its own table then holds only the strings it words differently.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


class MissingTextError(LookupError):
    """A language has no string under a key (or the language is unknown)."""


@dataclass(frozen=True)
class Language:
    code: str  #: as in mkdocs.yml's i18n ``locale`` and in file names (``page.zh.md``)
    name: str  #: in the language itself, as the language switch shows it
    english: str  #: its name in English, for build messages
    strings: Mapping[str, Any] = field(default_factory=dict)
    #: Code of the language whose text this one is converted from (None: written by hand).
    converted_from: str | None = None
    #: Name of the converter in :data:`CONVERTERS` that turns ``converted_from``'s text into this language.
    converter: str | None = None
    #: Figures put a CJK font first in the font list (else Latin first, CJK as a fallback).
    cjk: bool = False
    #: The pinned CJK font its figures use (a key of ``lastlayer.style.CJK_FONTS``): the glyph
    #: shapes of Simplified (``"sc"``) or Traditional (``"tc"``) Chinese.
    cjk_font: str = "sc"
    #: The font families the language's notebooks label their plots with, in order of
    #: preference (the first installed one is used): their ``CJK_FONTS = [...]`` line.
    notebook_fonts: tuple[str, ...] = ()
    #: The pinned PyPI package with the first of ``notebook_fonts`` that a notebook installs
    #: when the machine has none of them (Colab, a fresh Linux): its ``FONT_PACKAGE`` line.
    notebook_font_package: str = ""


#: English (the default language: its pages are ``page.md``).
EN: dict[str, Any] = {
    # Punctuation: after a label, around a note, between list items, before the last one.
    "punct.label": ": ",
    "punct.paren": "{} ({})",
    "punct.list": ", ",
    "punct.and": " and ",
    # The site and its citations
    "site.title": "The last layer",
    # The theme's own interface strings (search, skip link, copy button, footer): Material's
    # translation named by theme.base (else the language's own), with theme.strings on top.
    "theme.base": "",
    # The search box's prompt is the theme's own in English; each language words it its own way.
    "theme.strings": {"search.result.placeholder": "Type to start searching"},
    # Strings the theme and the toc extension write in English whatever the page's language
    # (hooks/translations.py puts these in their place).
    "theme.permalink": "Permanent link",
    "theme.label_colon": ": ",
    "site.author": "The last layer contributors",
    "cite.figure": "{author} ({year}). {label}: {title}. In {site}, version {version}. {url}",
    "cite.site": "{author} ({year}). {site}, version {version}. {url}",
    "cite.published": "{site}, version {version}",
    "cite.version": "version {version}",
    "cite.licences": "Text and figures CC BY 4.0; code MIT",
    "figure.label": "Figure {n}",
    "figure.licence": (
        "Figure licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); its code under MIT."
    ),
    "figure.download": "Download {label} as {fmt} (light variant)",
    "figure.cite": "Cite",
    "figure.cite_long": "Cite {label}",
    "figure.page": "shown in",
    "figure.code": "Code",
    "figure.code_long": "{label}: its page, with the code that draws it",
    # A figure's own page (hooks/figure_pages.py, the figpage shortcode)
    "figpage.where": "Where it appears",
    "figpage.shown": "It appears as {label} on the page {page}.",
    "figpage.referenced": "Also referred to on {pages}.",
    "figpage.all": "Every figure: {gallery}.",
    "figpage.unplaced": "No page shows this figure yet, so it has no number and no citation.",
    "figpage.download": "Download",
    "figpage.download_intro": (
        "The full figure, in the light and the dark variant: SVG for the web, PNG at {dpi} dpi for slides,"
        " PDF for print. Each file carries its title, author, licence and this page's address in its metadata."
    ),
    "figpage.variant": "Variant",
    "figpage.light": "Light",
    "figpage.dark": "Dark",
    "figpage.cite": "Cite",
    "figpage.source": "The code that draws it",
    "figpage.source_intro": (
        "The whole script, `figures/{id}.py`. Its `draw(lang, theme, narrow)` returns a matplotlib figure;"
        " the build calls it in English and in Simplified Chinese, in both colour schemes, each once more"
        " with `narrow=True` for phones; for Traditional Chinese it draws the Simplified Chinese figure once"
        " more, in a Traditional Chinese font, and converts its text. The script runs inside the repository:"
        " it imports the project's `lastlayer` package."
    ),
    "figpage.source_download": "Download the script",
    "figpage.shared": "The project code it calls",
    "figpage.shared_intro": (
        "What the script uses from the project's `lastlayer` package, and what that code uses in turn, as"
        " excerpts of each module's source (with the line each definition starts on), together with"
        " `style.themed` and `style.save`, which set the fonts and colours and write the file. Left out:"
        " the pipeline that runs the script for every language and scheme and writes its files"
        " (`lastlayer.figures`), the internals of the language tables, the Traditional Chinese conversion"
        " and the cache layer."
    ),
    "figpage.shared_none": "The script uses nothing from the project's `lastlayer` package.",
    "figpage.reproduce": "Draw it yourself",
    "figpage.reproduce_intro": (
        "With Python 3.11 or newer, in a virtual environment, these commands check out the version this"
        " page was built from and draw the light SVG offered above (write `dark` for the dark variant,"
        " `en`, `zh` or `zh-Hant` for the language, and end the file name in `.png` or `.pdf` for the other"
        " files, or in `.narrow.svg` for the narrow layout that phones show):"
    ),
    "figpage.versions": (
        "This page was built from version {version} of the repository, with Python {python}; the figure"
        " was drawn with these libraries installed, which the script and the project code it reaches may"
        " import: {libraries}."
    ),
    "offline.link": "Download the whole site",
    "offline.rest": (
        " (every language, one zip file). Unzip it and open `lastlayer/index.html` in a browser:"
        " pages, figures, math and search all work without a network."
    ),
    "offline.here": "You are reading the offline copy of this site; the online one is at <{url}>.",
    "notebook.run": "Run it yourself",
    "notebook.notebook": "this page as a notebook",
    "notebook.download": "download the .ipynb",
    "notebook.colab": "open in Colab",
    "notebook.back": "Read the explanation",
    "notebook.needs": "Runs top to bottom with {}.",
    "table.sum": "sum",
    "code.output": "Output:",
    "snippet.features": "{n} features",
    "snippet.shape": "shape {n}x{k}",
    "snippet.scores": "scores (logits)",
    "snippet.shift": "shift by the max: same result, no overflow",
    "snippet.probs": "probabilities",
    "headers.worked.steps": (
        "class $j$",
        "weights $\\mathbf{w}_j$ (column $j$ of $W$)",
        "bias $b_j$",
        "score $z_j$",
        "exp. $e^{z_j}$",
        "probability $\\hat{y}_j$",
    ),
    "headers.toy.distances": (
        "class $j$",
        "norm $\\lVert\\mathbf{w}_j\\rVert$",
        "distance $d_j$",
        "product $\\lVert\\mathbf{w}_j\\rVert\\, d_j$",
        "score $z_j$",
    ),
    "headers.worked.similarity": (
        "class $j$",
        "dot product $\\mathbf{w}_j\\cdot\\mathbf{x}$",
        "norm $\\lVert\\mathbf{w}_j\\rVert$",
        "cosine $\\cos\\theta_j$",
    ),
    "names.classes": ("cat", "dog", "bird"),
    "names.iris.features": ("sepal length", "sepal width", "petal length", "petal width"),
    "names.iris.species": ("setosa", "versicolor", "virginica"),
    # The name of each code block's copy-button landmark (overrides/main.html), before its number
    "code_block": "Code block ",
    "table_region": "Table {n} (scrolls sideways)",
    # Under every page: open an issue about it, with its address filled in.
    "report.link": "Report a mistake on this page",
    "report.title": "Mistake on {page}",
    "report.body": "Page: {url}\n\nWhat it says:\n\nWhat is wrong, and how you checked:\n",
    # The errata page: each corrected statement.
    "errata.was": "It said",
    "errata.now": "It says",
    "errata.where": "Where",
    "errata.when": "Corrected",
    "errata.none": "No statement has been corrected yet.",
    "widget.common": {
        "reset": "Reset",
        "prediction": "Prediction",
        "class": "Class",
        "sum": "sum",
        "copy_link": "Copy link to this set-up",
        "copied": "Link copied: opening it restores the widget as it is now.",
        # Joining the classes that tie: "cat, dog and bird".
        "sep": ", ",
        "and": " and ",
        # A label's aside ("score z₁ (cat)"), a colon before an explanation, a sentence's end
        # before the next: the language's own punctuation.
        "paren": " ({text})",
        "colon": ": ",
        "stop": ". ",
    },
    "widget.softmax": {
        "title": "Try it: softmax by hand",
        "help": "Move the scores, the temperature and a shift added to every score.",
        "score": "Score",
        "fourth": "Use a fourth class",
        "extra": "class 4",
        "temperature": "Temperature T (log scale)",
        "shift": "Shift c added to every score",
        "probs": "softmax(z / T)",
        "lse": "log-sum-exp of z / T",
        "max": "max of z / T",
        "naive": "Textbook formula e^(z/T) / Σ e^(z/T)",
        "overflow": "overflows (e^(z/T), or their sum, is ∞)",
        "underflow": "underflows (every e^(z/T) rounds to 0)",
        "sigmoid": "Two classes: σ((z₁ − z₂) / T)",
        "twosoft": "softmax of the first two scores alone",
        "announce": "Largest probability: {cls}, {p}%.",
        "announce_tie": "Largest probability shared by {cls}: {p}% each.",
    },
    "widget.worked": {
        "title": "Try it: the worked example, live",
        "help": "Change the pixels, the weights, the biases and the temperature.",
        "pixels": "Pixels x",
        "pixel": "Pixel",
        "range": "{label}: type a number from {min} to {max}; the last one is kept until then.",
        "image": "The 2×2 image",
        "weights": "Weights W and biases b",
        "bias": "bias",
        "temperature": "Temperature T",
        "z": "score z",
        "exp": "e^(z/T)",
        "p": "probability ŷ",
        "ratio": "ŷ({i}) / ŷ({j}) = e^(({zi} − {zj}) / T)",
        "announce": "Prediction: {cls}, {p}%.",
    },
    "widget.digits": {
        "title": "Try it: the digit sketchpad",
        "help": (
            "Draw on the 8×8 grid with a mouse or a finger. With the keyboard: arrow keys move the"
            " cursor, Space paints, Delete erases."
        ),
        "grid": "Drawing grid, 8 by 8 pixels. Arrow keys move the cursor, Space paints, Delete erases.",
        "pen": "Pen",
        "eraser": "Eraser",
        "clear": "Clear",
        "load": "Load a held-out digit",
        "none": "choose…",
        "heldout": "held-out image of a {d}",
        "probs": "Probabilities",
        "contrib": "Contribution map wᵢxᵢ (each pixel's weight times its ink) of “{d}”: score {z}",
        "announce": "Prediction: {cls}, {p}%.",
        "announce_tie": "No single prediction: {cls} tie at {p}% each.",
        "cursor": "Cursor at row {r}, column {c}.",
        "cursor_dead": "Cursor at row {r}, column {c}, a hatched pixel: the model all but ignores it.",
        "hint": "Write large and centred, filling the grid as the training digits do.",
        "dead": "Hatched pixels have weights near 0 for every digit: ink there barely changes any score.",
        "z": "score z",
        "bias": "bias b",
        "legend": "Colours of the maps",
        "negative": "negative",
        "positive": "positive",
    },
    "widget.geometry": {
        "title": "Try it: the geometric playground",
        "help": (
            "Drag the query point and the tips of the normal vectors, or focus one and use the"
            " arrow keys. Dashed lines are the zero-score lines. Each region is shaded in the colour of"
            " the class the layer predicts there, the deeper the surer it is (the winning probability)."
            " Run trains until the loss stops falling; the curve below it draws the loss step by step."
            " The Data menu offers sets that no straight boundaries can fit perfectly."
        ),
        "plot": "Plane of the two features",
        "query": "query point",
        "tip": "tip of w for {cls}",
        "keys": "Arrow keys move it.",
        "drag": "draggable point",
        "bias": "Bias b for {cls}, before gain and scale",
        "gain": "Gain on one class (moves boundaries)",
        "gainclass": "Class the gain multiplies",
        "scale": "Global scale s of every w and b (an inverse temperature: T = 1/s)",
        "add": "Add the same vector to every w",
        "norm": "‖w‖",
        "d": "distance d",
        "z": "score z = ‖w‖ d",
        "p": "ŷ",
        "train": "Training (gradient descent on the cross-entropy)",
        "step": "Step",
        "run": "Run",
        "runbatch": "Run {n} steps",
        "pause": "Pause",
        "scramble": "Start from random weights",
        "dataset": "Data",
        "data_clusters": "Three clusters (the page's data)",
        "data_overlap": "Three overlapping clusters",
        "data_split": "Cats on both sides of the dogs",
        "l2": "L2 penalty λ",
        "rate": "Step size η, in units of 1/L",
        "settled": "Stopped after {n} steps: a frame of training lowered the loss by less than {tol}.",
        "curve": "The loss over the steps of training: from {first} to {last} in {n} steps.",
        "curve_empty": "The loss over the steps of training (none yet).",
        "steps": "steps",
        "loss": "loss",
        "accuracy": "accuracy",
        "announce": "Prediction at ({x}, {y}): {cls}, {p}%.",
    },
}

#: Simplified Chinese (``page.zh.md``).
ZH: dict[str, Any] = {
    "punct.label": "：",
    "punct.paren": "{}（{}）",
    "punct.list": "、",
    "punct.and": " 和 ",
    "site.title": "最后一层",
    "theme.base": "",
    "theme.strings": {"search.result.placeholder": "输入关键词开始搜索"},
    "theme.permalink": "本节的固定链接",
    "theme.label_colon": "：",
    "site.author": "最后一层贡献者",
    "cite.figure": "{author}：《{site}》{label}“{title}”，版本 {version}，{year}。{url}",
    "cite.site": "{author}：《{site}》，版本 {version}，{year}。{url}",
    "cite.published": "{site}，版本 {version}",
    "cite.version": "版本 {version}",
    "cite.licences": "文字与图片采用 CC BY 4.0，代码采用 MIT",
    "figure.label": "图 {n}",
    "figure.licence": (
        "图片采用 CC BY 4.0 许可（https://creativecommons.org/licenses/by/4.0/），绘图代码采用 MIT 许可。"
    ),
    "figure.download": "下载{label} 的 {fmt} 文件（浅色版本）",
    "figure.cite": "引用",
    "figure.cite_long": "引用{label}",
    "figure.page": "所在页面",
    "figure.code": "代码",
    "figure.code_long": "{label} 的独立页面，附绘图代码",
    "figpage.where": "出现位置",
    "figpage.shown": "它是“{page}”一页中的{label}。",
    "figpage.referenced": "提到这张图的还有：{pages}。",
    "figpage.all": "全部图片见{gallery}。",
    "figpage.unplaced": "还没有页面用到这张图，所以它既没有编号，也没有引用格式。",
    "figpage.download": "下载",
    "figpage.download_intro": (
        "完整的图有浅色和深色两个版本：SVG 适合网页，{dpi} dpi 的 PNG 适合幻灯片，PDF 适合印刷。"
        "每个文件的元数据里都写有标题、作者、许可和本页地址。"
    ),
    "figpage.variant": "配色",
    "figpage.light": "浅色",
    "figpage.dark": "深色",
    "figpage.cite": "引用",
    "figpage.source": "绘图代码",
    "figpage.source_intro": (
        "下面是完整的脚本 `figures/{id}.py`。其中的 `draw(lang, theme, narrow)` 生成一个 matplotlib Figure 对象；"
        "构建网站时分别用英文和简体中文、浅色和深色配色调用它，每种组合再以 `narrow=True` 为手机多画一张窄图。"
        "繁体中文的图是用繁体字形的字体再画一遍简体中文的图，然后把其中的文字转换成繁体。"
        "脚本要在仓库里运行，因为它导入了项目自己的 `lastlayer` 包。"
    ),
    "figpage.source_download": "下载脚本",
    "figpage.shared": "它调用的项目代码",
    "figpage.shared_intro": (
        "脚本用到的 `lastlayer` 包中的代码，以及这些代码又用到的部分，按模块摘自源码（注明每段定义的起始行），"
        "另附设置字体、配色并写出文件的 `style.themed` 和 `style.save`。"
        "没有列出的是：为每种语言和配色运行脚本并写出文件的流程（`lastlayer.figures`）、"
        "语言表的内部实现、繁体中文转换和缓存层。"
    ),
    "figpage.shared_none": "这个脚本没有用到项目的 `lastlayer` 包。",
    "figpage.reproduce": "自己动手绘制",
    "figpage.reproduce_intro": (
        "准备好 Python 3.11 或更高版本，在虚拟环境中运行下面几条命令，即可切换到构建本页所用的版本，"
        "生成上面提供的浅色 SVG（要深色版本，把 `light` 换成 `dark`；语言写 `en`、`zh` 或 `zh-Hant`；"
        "要其他文件，把文件名结尾改成 `.png` 或 `.pdf`；结尾写 `.narrow.svg` 则得到手机上显示的窄版）："
    ),
    "figpage.versions": (
        "本页由仓库的 {version} 版构建，所用 Python 为 {python}；绘制这张图时安装了下面这些库，"
        "脚本本身或它用到的项目代码可能导入它们：{libraries}。"
    ),
    "offline.link": "下载整个网站",
    "offline.rest": (
        "（所有语言版本，一个 zip 压缩包）。解压后用浏览器打开 `lastlayer/index.html`，"
        "页面、图片、公式和搜索都无需联网。"
    ),
    "offline.here": "你正在阅读本站的离线副本，在线版本位于 <{url}>。",
    "notebook.run": "动手运行",
    "notebook.notebook": "本页对应的笔记本",
    "notebook.download": "下载 .ipynb 文件",
    "notebook.colab": "在 Colab 中打开",
    "notebook.back": "阅读正文",
    "notebook.needs": "只需 {}，即可从头到尾运行。",
    "table.sum": "合计",
    "code.output": "输出：",
    "snippet.features": "{n} 个特征",
    "snippet.shape": "形状 {n}x{k}",
    "snippet.scores": "分数（logit）",
    "snippet.shift": "先减去最大值：结果不变，也不会溢出",
    "snippet.probs": "概率",
    "headers.worked.steps": (
        "类别 $j$",
        "权重 $\\mathbf{w}_j$（$W$ 的第 $j$ 列）",
        "偏置 $b_j$",
        "分数 $z_j$",
        "指数 $e^{z_j}$",
        "概率 $\\hat{y}_j$",
    ),
    "headers.toy.distances": (
        "类别 $j$",
        "范数 $\\lVert\\mathbf{w}_j\\rVert$",
        "距离 $d_j$",
        "乘积 $\\lVert\\mathbf{w}_j\\rVert\\, d_j$",
        "分数 $z_j$",
    ),
    "headers.worked.similarity": (
        "类别 $j$",
        "点积 $\\mathbf{w}_j\\cdot\\mathbf{x}$",
        "范数 $\\lVert\\mathbf{w}_j\\rVert$",
        "余弦 $\\cos\\theta_j$",
    ),
    "names.classes": ("猫", "狗", "鸟"),
    "names.iris.features": ("花萼长度", "花萼宽度", "花瓣长度", "花瓣宽度"),
    "names.iris.species": ("山鸢尾", "变色鸢尾", "维吉尼亚鸢尾"),
    "code_block": "代码块 ",
    "table_region": "表格 {n}（可横向滚动）",
    "report.link": "报告本页的错误",
    "report.title": "页面有误：{page}",
    "report.body": "页面：{url}\n\n原文：\n\n错在哪里，你是怎样核对的：\n",
    "errata.was": "原来的说法",
    "errata.now": "现在的说法",
    "errata.where": "位置",
    "errata.when": "更正日期",
    "errata.none": "还没有更正过任何说法。",
    "widget.common": {
        "reset": "重置",
        "prediction": "预测",
        "class": "类别",
        "sum": "总和",
        "copy_link": "复制当前设置的链接",
        "copied": "链接已复制，打开即可恢复当前设置。",
        "sep": "、",
        "and": "、",
        "paren": "（{text}）",
        "colon": "：",
        "stop": "。",
    },
    "widget.softmax": {
        "title": "动手试试：手算 softmax",
        "help": "拖动分数、温度，以及加到每个分数上的平移量。",
        "score": "分数",
        "fourth": "加入第四个类别",
        "extra": "类别 4",
        "temperature": "温度 T（对数刻度）",
        "shift": "加到每个分数上的平移量 c",
        "probs": "softmax(z / T)",
        "lse": "z / T 的 log-sum-exp",
        "max": "z / T 的最大值",
        "naive": "教科书公式 e^(z/T) / Σ e^(z/T)",
        "overflow": "上溢（e^(z/T) 或它们的和变成 ∞）",
        "underflow": "下溢（每个 e^(z/T) 都舍入成 0）",
        "sigmoid": "两个类别：σ((z₁ − z₂) / T)",
        "twosoft": "只取前两个分数的 softmax",
        "announce": "概率最大的是{cls}，{p}%。",
        "announce_tie": "概率并列最大的是{cls}，各 {p}%。",
    },
    "widget.worked": {
        "title": "动手试试：可交互的算例",
        "help": "改变像素、权重、偏置和温度。",
        "pixels": "像素 x",
        "pixel": "像素",
        "range": "{label}：请输入 {min} 到 {max} 之间的数；输入有效值之前，仍使用上一个值。",
        "image": "这张 2×2 图像",
        "weights": "权重 W 与偏置 b",
        "bias": "偏置",
        "temperature": "温度 T",
        "z": "分数 z",
        "exp": "e^(z/T)",
        "p": "概率 ŷ",
        "ratio": "ŷ({i}) / ŷ({j}) = e^(({zi} − {zj}) / T)",
        "announce": "预测：{cls}，{p}%。",
    },
    "widget.digits": {
        "title": "动手试试：数字画板",
        "help": "用鼠标或手指在 8×8 网格上画。用键盘时：方向键移动光标，空格键画，Delete 键擦除。",
        "grid": "绘图网格，8×8 像素。方向键移动光标，空格键画，Delete 键擦除。",
        "pen": "画笔",
        "eraser": "橡皮",
        "clear": "清空",
        "load": "载入一张测试图像",
        "none": "请选择…",
        "heldout": "测试图像：数字 {d}",
        "probs": "概率",
        "contrib": "“{d}”的贡献图 wᵢxᵢ（每个像素的权重乘以墨迹）：分数 {z}",
        "announce": "预测：{cls}，{p}%。",
        "announce_tie": "没有唯一的预测：{cls} 并列，各 {p}%。",
        "cursor": "光标在第 {r} 行第 {c} 列。",
        "cursor_dead": "光标在第 {r} 行第 {c} 列，这是标有斜线的像素：模型几乎不理会它。",
        "hint": "写得大一些、居中，像训练用的数字那样占满网格。",
        "dead": "标有斜线的像素对每个数字的权重都接近 0，在那里画几乎不改变任何分数。",
        "z": "分数 z",
        "bias": "偏置 b",
        "legend": "贡献图的颜色",
        "negative": "负",
        "positive": "正",
    },
    "widget.geometry": {
        "title": "动手试试：几何互动演示",
        "help": (
            "拖动查询点和法向量的端点，或先选中再用方向键移动。虚线是零分数线。"
            "每个区域按该处的预测类别着色，越有把握（胜出类别的概率越大），颜色越深。"
            "“运行”会一直训练到损失不再下降，下方的曲线逐步画出损失。"
            "“数据”菜单里还有直线边界无法完全分开的数据集。"
        ),
        "plot": "两个特征构成的平面",
        "query": "查询点",
        "tip": "{cls}的 w 端点",
        "keys": "方向键可移动它。",
        "drag": "可拖动的点",
        "bias": "{cls}的偏置 b（乘以增益和缩放之前）",
        "gain": "单个类别的增益（会移动边界）",
        "gainclass": "增益作用的类别",
        "scale": "所有 w 和 b 的整体缩放 s（相当于温度的倒数：T = 1/s）",
        "add": "给每个 w 加上同一个向量",
        "norm": "‖w‖",
        "d": "距离 d",
        "z": "分数 z = ‖w‖ d",
        "p": "ŷ",
        "train": "训练（对交叉熵做梯度下降）",
        "step": "走一步",
        "run": "运行",
        "runbatch": "运行 {n} 步",
        "pause": "暂停",
        "scramble": "从随机权重开始",
        "dataset": "数据",
        "data_clusters": "三团点（本页的数据）",
        "data_overlap": "相互重叠的三团点",
        "data_split": "猫分布在狗的两侧",
        "l2": "L2 惩罚 λ",
        "rate": "步长 η（以 1/L 为单位）",
        "settled": "训练 {n} 步后自动停止：一帧的训练让损失下降不到 {tol}。",
        "curve": "训练过程中的损失：{n} 步内从 {first} 变为 {last}。",
        "curve_empty": "训练过程中的损失（尚未开始训练）。",
        "steps": "步数",
        "loss": "损失",
        "accuracy": "准确率",
        "announce": "({x}, {y}) 处的预测：{cls}，{p}%。",
    },
}

#: Traditional Chinese (converted from :data:`ZH`): only what it words differently.
ZH_HANT: dict[str, Any] = {
    "site.title": "最後一層",
    # Material's zh-Hant strings are mainland usage with a Simplified 个 in the search results
    # line; its zh-TW ones are Taiwan usage, and these few replace what is still mainland
    # (跳轉, 頁腳, 倉庫, 元數據). "language" keeps the page's lang attribute zh-Hant.
    "theme.base": "zh-TW",
    "theme.strings": {
        "language": "zh-Hant",
        "action.skip": "跳到主要內容",
        "blog.meta": "中繼資料",
        "footer": "頁尾",
        "source": "前往儲存庫",
        "search.result.placeholder": "輸入關鍵字開始搜尋",
    },
}


DEFAULT = "en"

LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("en", "English", "English", EN),
        Language(
            "zh",
            "简体中文",
            "Simplified Chinese",
            ZH,
            cjk=True,
            notebook_fonts=(
                "Noto Sans SC",
                "Noto Sans CJK SC",
                "Microsoft YaHei",
                "PingFang SC",
                "WenQuanYi Micro Hei",
            ),
            notebook_font_package="pylopdf-fonts-zh-cn==0.1.1",
        ),
        # Traditional Chinese, Taiwan usage: converted from the Simplified text at build time.
        Language(
            "zh-Hant",
            "繁體中文",
            "Traditional Chinese",
            ZH_HANT,
            converted_from="zh",
            converter="hant",
            cjk=True,
            cjk_font="tc",
            # Traditional glyph shapes first; a Simplified font draws the characters if none is installed.
            notebook_fonts=(
                "Noto Sans TC",
                "Noto Sans CJK TC",
                "Microsoft JhengHei",
                "PingFang TC",
                "WenQuanYi Micro Hei",
            ),
            notebook_font_package="pylopdf-fonts-zh-tw==0.1.1",
        ),
    )
}


def _hant(text: str) -> str:
    from lastlayer import hant

    return hant.convert(text)


#: Text converters a converted language can name.
CONVERTERS: dict[str, Callable[[str], str]] = {"hant": _hant}

#: Every language's code, the default first.
CODES: tuple[str, ...] = tuple(LANGUAGES)
#: The languages with their own sources (pages, notebooks, figure texts), the default first.
SOURCES: tuple[str, ...] = tuple(code for code, lang in LANGUAGES.items() if lang.converted_from is None)


def get(lang: str) -> Language:
    try:
        return LANGUAGES[lang]
    except KeyError:
        raise MissingTextError(f"unknown language {lang!r}; lastlayer/languages.py knows {', '.join(CODES)}") from None


def source_of(lang: str) -> str:
    """The language whose sources ``lang``'s text comes from (itself unless converted)."""
    language = get(lang)
    return source_of(language.converted_from) if language.converted_from else lang


def convert(value: Any, lang: str) -> Any:
    """``value`` (text of :func:`source_of` ``lang``, or a structure of such texts) in ``lang``."""
    language = get(lang)
    if language.converted_from is None:
        return value
    value = convert(value, language.converted_from)
    return _apply(CONVERTERS[language.converter or ""], value)


def _apply(fn: Callable[[str], str], value: Any) -> Any:
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, Mapping):
        return {k: _apply(fn, v) for k, v in value.items()}
    if isinstance(value, Sequence):
        return type(value)(_apply(fn, v) for v in value)
    return value


@functools.cache
def _lookup(key: str, lang: str) -> Any:
    language = get(lang)
    if key in language.strings:
        return language.strings[key]
    if language.converted_from is not None:
        return _apply(CONVERTERS[language.converter or ""], _lookup(key, language.converted_from))
    raise MissingTextError(f"no string {key!r} for language {lang!r} (add it to lastlayer/languages.py)")


def data(key: str, lang: str) -> Any:
    """The entry ``key`` of ``lang``'s table: a string, or a tuple or dict of strings."""
    return _lookup(key, lang)


def text(key: str, lang: str, **fields: object) -> str:
    """The string ``key`` in ``lang``, with ``{name}`` fields filled from ``fields``."""
    value = _lookup(key, lang)
    if not isinstance(value, str):
        raise MissingTextError(f"{key!r} in language {lang!r} is not a string (use languages.data)")
    return value.format(**fields) if fields else value


class PerLanguage(Mapping[str, Any]):
    """``{lang: entry}`` for one key, over every language (a converted one converts on demand)."""

    def __init__(self, key: str) -> None:
        self.key = key

    def __getitem__(self, lang: str) -> Any:
        return data(self.key, lang)

    def __iter__(self) -> Iterator[str]:
        return iter(CODES)

    def __len__(self) -> int:
        return len(CODES)

    def __repr__(self) -> str:
        return f"PerLanguage({self.key!r})"


# ---------------------------------------------------------------- formats


def labelled(label: str, body: str, lang: str) -> str:
    """``Figure 3: caption`` / ``图 3：说明``."""
    return label + text("punct.label", lang) + body


def paren(main: str, note: str, lang: str) -> str:
    """``1 (cat)`` / ``1（猫）``."""
    return text("punct.paren", lang).format(main, note)


def join(items: Sequence[str], lang: str) -> str:
    """``a, b, c`` / ``a、b、c``."""
    return text("punct.list", lang).join(items)


def join_and(items: Sequence[str], lang: str) -> str:
    """``a, b and c`` / ``a、b 和 c``."""
    *first, last = items
    return join(first, lang) + text("punct.and", lang) + last if first else last


def figure_label(number: int, lang: str) -> str:
    return text("figure.label", lang, n=number)


# ---------------------------------------------------------------- files


def suffix(lang: str) -> str:
    """What a source file of ``lang`` adds before its extension: ``""`` (default) or ``".zh"``."""
    return "" if lang == DEFAULT else f".{lang}"


def of_filename(name: str) -> str:
    """The language of a source file by its name: ``page.zh.md`` → ``zh``, ``page.md`` → default."""
    stem = name.rsplit(".", 1)[0]
    # Longest code first: ``page.zh-Hant.md`` (a converted page, written under .generated) is not zh.
    for code in sorted(CODES, key=len, reverse=True):
        if code != DEFAULT and stem.endswith(suffix(code)):
            return code
    return DEFAULT


def strip_suffix(stem: str) -> str:
    """``computation.zh`` → ``computation``: a source file's stem without its language."""
    lang = of_filename(stem + ".x")
    return stem.removesuffix(suffix(lang))


def of_page(page) -> str:
    """The language of a MkDocs page (mkdocs-static-i18n sets ``file.locale``)."""
    return getattr(page.file, "locale", None) or DEFAULT
