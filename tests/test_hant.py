"""The Traditional Chinese conversion: OpenCC s2twp plus the project's phrase table."""

from __future__ import annotations

import pytest

from lastlayer import hant


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    """Each test converts into a cache of its own."""
    monkeypatch.setenv("LASTLAYER_GENERATED", str(tmp_path / ".generated"))
    hant.clear_memory()
    yield
    hant.clear_memory()


# Plain s2twp gets each of these wrong for this site (its output in the comment).
KNOWN_BAD = {
    "全连接层": "全連接層",  # 全連線層
    "指数函数": "指數函數",  # 指數函式
    "损失函数": "損失函數",  # 損失函式
    "参数": "參數",  # 引數
    "超参数": "超參數",  # 超引數
    "像素": "像素",  # 畫素
    "对数几率": "對數勝算",  # 對數機率
    "它的测量值更支持维吉尼亚鸢尾": "它的測量值更支持維吉尼亞鳶尾",  # 支援
    "把分数与对数几率联系起来": "把分數與對數勝算聯繫起來",  # 聯絡, 機率
    "全局平均池化": "全域平均池化",  # 全域性平均池化
    "特征在哪里被激活": "特徵在哪裡被激活",  # 被啟用
    "激活函数": "激活函數",  # 啟用函式
    "映射到各个类别": "映射到各個類別",  # 對映
    "绘图脚本": "繪圖腳本",  # 指令碼
}

# The brief's glossary, each term with its checked Taiwan form.
GLOSSARY = {
    "全连接层": "全連接層",
    "特征（向量）": "特徵（向量）",
    "特征向量": "特徵向量",
    "权重、偏置": "權重、偏置",
    "分数、logit": "分數、logit",
    "概率": "機率",
    "模板匹配": "模板匹配",
    "超平面、法向量": "超平面、法向量",
    "有符号距离": "有號距離",
    "softmax（不译）": "softmax（不譯）",
    "温度": "溫度",
    "交叉熵": "交叉熵",
    "决策边界 / 决策区域": "決策邊界 / 決策區域",
}

# Where Taiwan usage differs from a character-by-character conversion (OpenCC's phrases, kept).
TAIWAN = {
    "概率": "機率",
    "神经网络": "神經網路",
    "数据": "資料",
    "图像": "影像",
    "代码": "程式碼",
    "运行": "執行",
    "默认": "預設",
    "字体": "字型",
    "数组": "陣列",
}


@pytest.mark.parametrize(("simplified", "traditional"), KNOWN_BAD.items())
def test_known_bad_cases_are_fixed(simplified, traditional):
    assert hant.convert(simplified) == traditional


@pytest.mark.parametrize(("simplified", "traditional"), GLOSSARY.items())
def test_glossary_terms(simplified, traditional):
    assert hant.convert(simplified) == traditional


def test_every_glossary_term_is_in_the_table():
    table = hant.phrases()
    for term in ("全连接层", "特征", "权重", "偏置", "分数", "概率", "模板匹配", "超平面", "法向量", "有符号距离"):
        assert term in table, term
    for term in ("温度", "交叉熵", "决策边界", "决策区域"):
        assert term in table, term


@pytest.mark.parametrize(("simplified", "traditional"), TAIWAN.items())
def test_taiwan_usage(simplified, traditional):
    assert hant.convert(simplified) == traditional


def test_quotation_marks_become_corner_brackets():
    assert hant.convert("所谓“模板”，即‘样板’") == "所謂「模板」，即『樣板』"
    assert hant.convert("他说：“这是‘内层’引号。”") == "他說：「這是『內層』引號。」"


def test_table_wins_over_opencc_inside_longer_text():
    text = "每个全连接层的参数都是一个函数的系数。"
    assert hant.convert(text) == "每個全連接層的參數都是一個函數的係數。"


def test_ascii_markdown_and_math_pass_through():
    text = "## 两个步骤 {#two-steps}\n\n$z = W^\\top x + b$，见 `lastlayer/values.py` 与 {% num iris.acc %}。"
    out = hant.convert(text)
    assert "{#two-steps}" in out and "$z = W^\\top x + b$" in out and "{% num iris.acc %}" in out
    assert out.startswith("## 兩個步驟")


def test_every_table_entry_converts_to_its_form():
    for source, target in hant.phrases().items():
        assert hant.convert(source) == target, source


def test_cache_hit_converts_nothing():
    text = "全连接层把特征映射成分数。"
    first = hant.convert(text)
    runs = hant.STATS["converted"]
    hant.convert(text)
    assert hant.STATS["converted"] == runs  # from memory
    hant.clear_memory()  # a new build: the disk cache answers
    assert hant.convert(text) == first
    assert hant.STATS["converted"] == runs


def test_cache_key_follows_table(monkeypatch, tmp_path):
    text = "参数"
    hant.convert(text)
    runs = hant.STATS["converted"]
    hant.clear_memory()
    monkeypatch.setattr(hant, "_table_key", lambda: "another table")
    hant.convert(text)
    assert hant.STATS["converted"] == runs + 1


def test_placeholder_characters_in_input_are_refused():
    with pytest.raises(ValueError, match="private-use"):
        hant.convert_uncached("参数\ue000")


# ---------------------------------------------------------------- the zh-Hant site


def _i18n_languages() -> dict[str, dict]:
    import yaml

    from helpers import ROOT

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    return {lang["locale"]: lang for lang in i18n["languages"]}


def test_mkdocs_yml_strings_of_zh_hant_are_the_conversion_of_zh():
    langs = _i18n_languages()
    zh, hant_ = langs["zh"], langs["zh-Hant"]
    assert hant_["name"] == "繁體中文"
    for key in ("site_name", "site_description", "copyright"):
        assert hant_[key] == hant.convert(zh[key]), key
    assert hant_["nav_translations"] == {k: hant.convert(v) for k, v in zh["nav_translations"].items()}
    toggles = [t["toggle"]["name"] for t in hant_["theme"]["palette"]]
    assert toggles == [hant.convert(t["toggle"]["name"]) for t in zh["theme"]["palette"]]


def test_converted_page_source_is_written_outside_docs(tmp_path):
    from lastlayer import converted

    docs = tmp_path / "docs"
    (docs / "notebooks").mkdir(parents=True)
    (docs / "page.md").write_text("# Page\n", encoding="utf-8")
    (docs / "page.zh.md").write_text("# 全连接层\n\n“概率”\n", encoding="utf-8")
    (docs / "notebooks" / "nb.py").write_text("# %%\nprint('x')\n", encoding="utf-8")
    (docs / "notebooks" / "nb.zh.py").write_text("# %%\nprint('概率')\n", encoding="utf-8")
    path = converted.write(docs, "page.md", "zh-Hant")
    assert path.name == "page.zh-Hant.md" and docs not in path.parents
    assert path.read_text(encoding="utf-8") == "# 全連接層\n\n「機率」\n"
    mtime = path.stat().st_mtime_ns
    assert converted.write(docs, "page.md", "zh-Hant").stat().st_mtime_ns == mtime, "unchanged: not rewritten"
    [nb] = converted.notebooks(docs, "notebooks")
    assert nb.name == "nb.zh-Hant.py" and "print('機率')" in nb.read_text(encoding="utf-8")


def test_figure_texts_are_converted_before_saving():
    """A zh-Hant figure is drawn from the zh labels and every text, tick labels included, converted."""
    import matplotlib.pyplot as plt

    from lastlayer import figures, style

    with style.themed("zh-Hant", "light"):
        fig, ax = plt.subplots()
        ax.set_title("全连接层的概率")
        ax.set_xticks([0, 1], ["数据", "网络"])
        ax.legend(ax.plot([0, 1], label="参数"), ["参数"])
        ax.annotate("“像素”", (0.5, 0.5))
        figures.convert_texts(fig, "zh-Hant")
        fig.canvas.draw()
        texts = [t.get_text() for t in fig.findobj(plt.Text) if t.get_text()]
        family = ax.title.get_fontfamily()
        plt.close(fig)
    assert "全連接層的機率" in texts and "資料" in texts and "網路" in texts and "參數" in texts
    assert "「像素」" in texts
    assert not any(ch in "".join(texts) for ch in "连层据网络数参"), texts
    assert family[0] == "Noto Sans TC"


def test_zh_hant_figures_use_the_traditional_font_and_zh_the_simplified():
    from lastlayer import style

    assert style.cjk_font_path("zh-Hant").name.startswith("NotoSansTC")
    assert style.cjk_font_path("zh").name.startswith("NotoSansSC")
    assert style.rc("zh-Hant", "light")["font.family"][0] == "Noto Sans TC"
    assert style.rc("zh", "dark")["font.family"][0] == "Noto Sans SC"


def test_figure_captions_exist_in_zh_hant():
    from helpers import ROOT
    from lastlayer import figures

    meta = figures.load_meta(ROOT / "figures" / "network_diagram.py")
    assert meta.caption["zh-Hant"] == hant.convert(meta.caption["zh"])
    assert meta.alt["zh-Hant"] == hant.convert(meta.alt["zh"]) and meta.title["zh-Hant"]
