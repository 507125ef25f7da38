"""The explorables (issue 16), driven in headless Chromium the way a reader drives them, and
their JavaScript maths checked against numpy.

Set LASTLAYER_WIDGET_SITE to an already built site (``mkdocs build -d DIR``) to run the
browser tests against it instead of the session's build.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import itertools
import json
import os
import re
import threading
import urllib.parse
import zipfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Browser, Page, expect

from lastlayer import examples, fmt, maths, models, values, widgets

PREFIX = "/lastlayer"
WIDGET_PAGES = {"softmax": "why-softmax", "worked": "computation", "digits": "templates", "geometry": "geometry"}
LANGS = ("en", "zh")
TOL = 1e-9


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def widget_site(request) -> Path:
    given = os.environ.get("LASTLAYER_WIDGET_SITE")
    return Path(given) if given else request.getfixturevalue("site")


@pytest.fixture(scope="session")
def widget_url(widget_site: Path, tmp_path_factory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("widget-www")
    (root / PREFIX.strip("/")).symlink_to(widget_site, target_is_directory=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()


class Opened:
    def __init__(self, page: Page, base: str):
        self.page = page
        self.base = base
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))

    def foreign(self) -> list[str]:
        return [u for u in self.requests if not u.startswith((self.base, "data:", "blob:"))]


@pytest.fixture
def open_widget(browser: Browser, widget_url: str):
    contexts = []

    def go(name: str, lang: str = "en", scheme: str = "light", width: int = 1280, query: str = "", **options) -> Opened:
        context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900}, **options)
        contexts.append(context)
        page = context.new_page()
        opened = Opened(page, widget_url)
        path = ("/zh/" if lang == "zh" else "/") + WIDGET_PAGES[name] + "/"
        page.goto(widget_url + path + query, wait_until="load")
        if options.get("java_script_enabled", True):
            expect(page.locator(f"#widget-{name}")).to_be_visible()
            page.locator(f"#widget-{name}").scroll_into_view_if_needed()
        return opened

    yield go
    for context in contexts:
        context.close()


def value(locator) -> float:
    return float(locator.get_attribute("data-value"))


def shown(locator) -> str:
    return locator.inner_text().strip()


def set_range(locator, v: float) -> None:
    """Set a range input as a reader would end up setting it (fill() fires input and change)."""
    locator.fill(str(v))


def set_temperature(widget, T: float) -> None:
    """Set the softmax widget's log temperature slider to the stop T (the input moves over stop indices)."""
    stops = widgets.temperature_stops()
    assert T in stops, T
    set_range(widget.locator(".ll-widget__temperature input"), stops.index(T))


LIVE_LOG = """() => {
  // Every text the widget's live region is given from now on, in order.
  const region = document.querySelector('.ll-widget__live');
  window.__said = [];
  new MutationObserver(() => window.__said.push(region.textContent))
    .observe(region, {childList: true, characterData: true, subtree: true});
}"""


# ---------------------------------------------------------------- the numeric core against numpy

RNG = np.random.default_rng(2024)
VECTORS = [
    [2.14, 0.68, -0.19],
    [1000.0, 1001.0, 1002.0],
    [-1000.0, -1001.0, -999.5],
    [710.0, 0.0, -710.0],
    [0.0, 0.0, 0.0, 0.0],
    RNG.normal(0, 5, 10).tolist(),
    RNG.normal(0, 300, 7).tolist(),
]


@pytest.mark.browser
@pytest.mark.build
def test_numeric_core_agrees_with_numpy(open_widget):
    page = open_widget("softmax").page
    for z in VECTORS:
        for T in (1.0, 0.3, 4.0):
            got = page.evaluate("([z, T]) => LastLayer.maths.softmax(z, T)", [z, T])
            np.testing.assert_allclose(got, maths.softmax(np.array(z) / T), rtol=0, atol=TOL)
            lse = page.evaluate("([z, T]) => LastLayer.maths.logSumExp(z, T)", [z, T])
            assert abs(lse - float(maths.log_sum_exp(np.array(z) / T))) <= TOL * max(1.0, abs(lse))
        # The textbook formula overflows where numpy's does: NaN or exact agreement.
        naive = page.evaluate("z => LastLayer.maths.softmaxNaive(z).map(v => Number.isFinite(v) ? v : null)", z)
        with np.errstate(over="ignore", invalid="ignore"):
            expected = maths.softmax_naive(np.array(z))
        for a, e in zip(naive, expected, strict=True):
            assert (a is None and not np.isfinite(e)) or abs(a - e) <= TOL
    assert page.evaluate("LastLayer.maths.softmaxNaive([1000, 1001, 1002]).every(Number.isNaN)")
    for t in (-800.0, -30.0, -1.46, 0.0, 0.3, 37.0, 800.0):
        with np.errstate(over="ignore"):
            expected_sigmoid = float(maths.sigmoid(t))
        assert abs(page.evaluate("t => LastLayer.maths.sigmoid(t)", t) - expected_sigmoid) <= TOL
    ex = examples.worked_example()
    z = page.evaluate("([x, W, b]) => LastLayer.maths.linear(x, W, b)", [ex.x.tolist(), ex.W.tolist(), ex.b.tolist()])
    np.testing.assert_allclose(z, ex.z, rtol=0, atol=TOL)
    toy = examples.toy2d()
    for j in range(3):
        d = page.evaluate(
            "([x, w, b]) => LastLayer.maths.signedDistance(x, w, b)",
            [toy.query.tolist(), toy.W[:, j].tolist(), float(toy.b[j])],
        )
        assert abs(d - toy.distances[j]) <= TOL
    for label in range(3):
        got = page.evaluate("([z, y]) => LastLayer.maths.crossEntropy(z, y)", [[1000.0, 1.0, -3.0], label])
        assert abs(got - maths.cross_entropy(np.array([1000.0, 1.0, -3.0]), label)) <= TOL * 1000


@pytest.mark.browser
@pytest.mark.build
def test_training_core_reaches_the_python_reference_weights(open_widget):
    """The browser's gradient steps reach the weights lastlayer.widgets.train reaches, from the same start."""
    page = open_widget("softmax").page
    toy = examples.toy2d()
    W0, b0 = widgets.start_weights()
    l2, steps = 0.05, 300
    lr = widgets.step_size(toy.X, l2)
    got = page.evaluate(
        """([W, b, X, y, l2, lr, steps]) => {
            let p = {W, b};
            for (let t = 0; t < steps; t++) p = LastLayer.maths.trainStep(p.W, p.b, X, y, l2, lr);
            return [p.W, p.b, LastLayer.maths.objective(p.W, p.b, X, y, l2), LastLayer.maths.accuracy(p.W, p.b, X, y)];
        }""",
        [W0.tolist(), b0.tolist(), toy.X.tolist(), toy.y.tolist(), l2, lr, steps],
    )
    W, b = widgets.train(W0, b0, toy.X, toy.y, l2, steps)
    # Stated tolerance: 1e-9 absolute after 300 steps (only summation order differs).
    np.testing.assert_allclose(got[0], W, rtol=0, atol=TOL)
    np.testing.assert_allclose(got[1], b, rtol=0, atol=TOL)
    assert abs(got[2] - widgets.objective(W, b, toy.X, toy.y, l2)) <= TOL
    assert got[3] == float(np.mean(np.argmax(toy.X @ W + b, axis=1) == toy.y))
    assert widgets.objective(W, b, toy.X, toy.y, l2) < widgets.objective(W0, b0, toy.X, toy.y, l2)


@pytest.mark.browser
@pytest.mark.build
def test_number_format_matches_the_pages(open_widget):
    page = open_widget("softmax").page
    for x in (2.14, -0.19, -0.004, 0.0, 12.345678, -3.5e-9, 1234.5):
        assert page.evaluate("x => LastLayer.fmt.num(x, 2)", x) == fmt.num(x, 2)
    # Numbers meant to add up: the widgets' largest-remainder rule is the pages'.
    rng = np.random.default_rng(1)
    cases = [[0.752, 0.175, 0.073], [-0.248, 0.175, 0.073], [1 / 3] * 3]
    cases += [list(rng.dirichlet(np.ones(k))) for k in (2, 3, 5, 10) for _ in range(5)]
    cases += [list(rng.normal(size=4)) for _ in range(5)]
    for digits in (1, 2, 3):
        got = page.evaluate("([v, d]) => v.map(c => LastLayer.fmt.parts(c, d))", [cases, digits])
        assert got == [fmt.parts(c, digits) for c in cases]


# ---------------------------------------------------------------- softmax by hand


def test_temperature_stops_span_one_hot_to_uniform_in_even_log_steps():
    stops = widgets.temperature_stops()
    assert stops[0] == 0.05 and stops[-1] == 20 and 1.0 in stops
    ratios = np.array(stops[1:]) / np.array(stops[:-1])
    assert np.all(ratios > 1.05) and np.all(ratios < 1.2)  # one key step: T times about 1.12
    assert all(float(f"{t:.2g}") == t for t in stops)  # two significant digits: T is shown as it is
    z = np.round(examples.worked_example().z, 2)
    assert maths.softmax(z / stops[0]).max() > 0.99 and maths.softmax(z / stops[-1]).max() < 0.4
    data = widgets.data("softmax", "en")["temperature"]
    assert data["stops"] == stops and data["min"] == stops[0] and data["max"] == stops[-1]


def test_the_brush_draws_strokes_as_thick_as_the_training_digits():
    """A stroke carries 2 to 3 pixels of ink across it, as the training digits' strokes do,
    and a vertical 1 drawn anywhere near the middle of the grid is read as a 1."""
    model = models.digits_model()
    digits = models.digits()
    ones = digits.X_train[digits.y_train == 1].reshape(-1, 8, 8)
    ink_per_row = ones.sum(axis=2)[ones.sum(axis=2) > 0.5]
    for x0 in (3.75, 4.0, 4.25, 4.5):
        x = widgets.stroke(np.zeros(64), [(x0, 0.7), (x0, 7.3)])
        assert 2 <= x.reshape(8, 8)[3].sum() <= 3 and np.median(ink_per_row) >= 2
        assert int(model.predict(x)) == 1, x0
    # A dab, and the eraser's dab where it was, leave nothing.
    dab = widgets.stroke(np.zeros(64), [(2.5, 2.5)])
    assert dab[2 * 8 + 2] == 1 and set(np.unique(dab)) <= {k / widgets.LEVELS for k in range(widgets.LEVELS + 1)}
    assert not widgets.stroke(dab, [(2.5, 2.5)], pen=False).any()


def test_dead_pixels_are_the_border_columns_no_class_weighs():
    model = models.digits_model()
    dead = widgets.dead_pixels(model.W)
    cols = {i % 8 for i in dead}
    assert set(range(0, 64, 8)) <= set(dead) and cols <= {0, 7}
    assert np.abs(model.W[dead]).max() < 0.05 * np.abs(model.W).max()
    data = widgets.data("digits", "en")
    assert data["dead"] == dead and data["cursor"] not in dead


def softmax_state(page: Page) -> dict:
    w = page.locator("#widget-softmax")
    rows = w.locator(".ll-widget__probs tbody tr:visible")
    return {
        "p": [value(r.locator(".ll-p")) for r in rows.all()],
        "p_text": [shown(r.locator(".ll-p")) for r in rows.all()],
        "lse": value(w.locator(".ll-lse")),
        "max": value(w.locator(".ll-max")),
        "sigmoid": value(w.locator(".ll-sigmoid")),
        "two": value(w.locator(".ll-two")),
        "naive": json.loads(w.locator(".ll-naive").get_attribute("data-value")),
        "live": shown(w.locator(".ll-widget__live")),
    }


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_softmax_by_hand(open_widget, lang):
    opened = open_widget("softmax", lang)
    page = opened.page
    w = page.locator("#widget-softmax")
    ex = examples.worked_example()
    z = np.round(ex.z, 2)
    state = softmax_state(page)
    np.testing.assert_allclose(state["p"], maths.softmax(z), atol=TOL)
    assert state["p_text"] == fmt.parts(maths.softmax(z))
    assert abs(state["lse"] - maths.log_sum_exp(z)) <= TOL and state["max"] == z.max()
    # The temperature slider moves in log T over lastlayer.widgets.temperature_stops, wide
    # enough to show the page's claim: small T nearly one-hot, large T nearly uniform.
    stops = widgets.temperature_stops()
    t_row = w.locator(".ll-widget__temperature")
    t_input = t_row.locator("input")
    t_input.focus()
    for key, T, text in (("Home", stops[0], "0.050"), ("End", stops[-1], "20")):
        t_input.press(key)
        state = softmax_state(page)
        np.testing.assert_allclose(state["p"], maths.softmax(z / T), rtol=0, atol=TOL)
        assert value(t_row.locator(".ll-widget__value")) == T
        assert shown(t_row.locator(".ll-widget__value")) == text == t_input.get_attribute("aria-valuetext")
    assert max(softmax_state(page)["p"]) < 0.4  # near uniform at T = 20
    t_input.press("Home")
    assert max(softmax_state(page)["p"]) > 0.99  # near one-hot at T = 0.05
    # Each key step multiplies T by the same factor, about 1.12; T = 1 is a stop.
    set_temperature(w, 1.0)
    t_input.press("ArrowLeft")
    assert value(t_row.locator(".ll-widget__value")) == stops[stops.index(1.0) - 1] == 0.89
    t_input.press("ArrowRight")
    t_input.press("ArrowRight")
    assert value(t_row.locator(".ll-widget__value")) == 1.1
    np.testing.assert_allclose(softmax_state(page)["p"], maths.softmax(z / 1.1), rtol=0, atol=TOL)
    set_temperature(w, 1.0)
    # One announcement per settled change: a drag of the temperature is announced once, where
    # it ends, even with the numbers read out at every move and announcements made at once.
    page.evaluate("LastLayer.ui.readoutMs = 0; LastLayer.ui.liveMs = 1")
    page.evaluate(LIVE_LOG)
    box = t_input.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 0.5 * box["width"], y)
    page.mouse.down()
    page.mouse.move(box["x"] + 0.9 * box["width"], y, steps=6)
    page.mouse.move(box["x"] + 0.2 * box["width"], y, steps=6)
    page.mouse.up()
    page.wait_for_function("window.__said.length >= 1")
    dragged_to = value(t_row.locator(".ll-widget__value"))
    assert dragged_to < 1
    p_drag = maths.softmax(z / dragged_to)
    t_input.press("ArrowRight")  # the next change: its own announcement
    page.wait_for_function("window.__said.length >= 2")
    said = page.evaluate("window.__said")
    assert len(said) == 2, said
    assert fmt.num(100 * p_drag.max(), 1) + "%" in said[0], said
    set_temperature(w, 1.0)
    # Two scores equal: the announcement names both, never one of them as the largest.
    names = examples.CLASS_NAMES[lang]
    tie = widgets.STRINGS["softmax"][lang]["announce_tie"].split("{")[0]
    for j in (0, 1):
        set_range(w.locator(f".ll-widget__score[data-cls='{j}'] input"), 1)
    live = w.locator(".ll-widget__live")
    expect(live).to_contain_text(tie)
    both = widgets.COMMON[lang]["and"].join(names[:2])
    expect(live).to_contain_text(both)
    assert "Largest probability:" not in shown(live) and "概率最大的是" not in shown(live)
    set_range(w.locator(".ll-widget__score[data-cls='1'] input"), 0.99)
    expect(live).not_to_contain_text(tie)
    expect(live).to_contain_text(names[0])
    for j in (0, 1):
        set_range(w.locator(f".ll-widget__score[data-cls='{j}'] input"), z[j])
    # A reader moves the dog score with the keyboard: ten steps of 0.01 up.
    dog = w.locator(".ll-widget__score[data-cls='1'] input")
    dog.focus()
    for _ in range(10):
        dog.press("ArrowRight")
    z[1] = round(z[1] + 0.1, 2)
    state = softmax_state(page)
    np.testing.assert_allclose(state["p"], maths.softmax(z), atol=TOL)
    # The temperature: scores divided by T.
    set_temperature(w, 0.5)
    state = softmax_state(page)
    np.testing.assert_allclose(state["p"], maths.softmax(z / 0.5), atol=TOL)
    assert abs(state["sigmoid"] - maths.sigmoid((z[0] - z[1]) / 0.5)) <= TOL
    assert abs(state["two"] - state["sigmoid"]) <= TOL
    before = state
    # Adding 1000 to every score changes no probability; the textbook formula overflows.
    set_range(w.locator(".ll-widget__shift input"), 1000)
    state = softmax_state(page)
    np.testing.assert_allclose(state["p"], before["p"], atol=TOL)
    assert state["p_text"] == before["p_text"]
    assert abs(state["lse"] - maths.log_sum_exp((z + 1000) / 0.5)) <= TOL * 1e3
    assert abs(state["lse"] - state["max"] - (before["lse"] - before["max"])) <= 1e-9 * 1e3
    assert state["naive"] == [None, None, None]
    expect(w.locator(".ll-naive")).to_contain_text("overflows" if lang == "en" else "上溢")
    # Subtracting 1000 instead: every e^(z/T) underflows to 0, and the widget says so.
    set_range(w.locator(".ll-widget__shift input"), -1000)
    assert softmax_state(page)["naive"] == [None, None, None]
    assert np.all(np.exp((z - 1000) / 0.5) == 0)
    expect(w.locator(".ll-naive")).to_contain_text("underflows" if lang == "en" else "下溢")
    # Each e^(z/T) fits in a double but their sum does not: the outputs all become 0 and add up
    # to 0, not 1 (a reviewer found the widget silent about it).
    set_temperature(w, 1.0)
    set_range(w.locator(".ll-widget__shift input"), 700)
    for j, score in enumerate((9.5, 9.4, 9.3)):
        set_range(w.locator(f".ll-widget__score[data-cls='{j}'] input"), score)
    zs = np.array([709.5, 709.4, 709.3])
    with np.errstate(over="ignore"):
        assert np.all(np.isfinite(np.exp(zs))) and not np.isfinite(np.sum(np.exp(zs)))
    expect(w.locator(".ll-naive")).to_contain_text("overflows" if lang == "en" else "上溢")
    for j in range(3):
        set_range(w.locator(f".ll-widget__score[data-cls='{j}'] input"), z[j])
    set_temperature(w, 0.5)
    # The shown probabilities add up to 1 as shown (largest-remainder rounding).
    texts = softmax_state(page)["p_text"]
    assert sum(round(float(t.replace("\u2212", "-")) * 100) for t in texts) == 100, texts
    set_range(w.locator(".ll-widget__shift input"), 1000)
    # A fourth class joins.
    w.locator(".ll-widget__fourth").check()
    state = softmax_state(page)
    z4 = np.array([*z, 0.0]) + 1000
    np.testing.assert_allclose(state["p"], maths.softmax(z4 / 0.5), atol=TOL)
    top = int(np.argmax(z4))
    expected = f"{names[top]}，{fmt.num(100 * maths.softmax(z4 / 0.5)[top], 1)}%" if lang == "zh" else names[top]
    expect(w.locator(".ll-widget__live")).to_contain_text(expected)
    w.locator(".ll-widget__reset").click()
    np.testing.assert_allclose(softmax_state(page)["p"], maths.softmax(np.round(ex.z, 2)), atol=TOL)
    assert opened.errors == [] and opened.foreign() == []


# ---------------------------------------------------------------- the worked example, live


def worked_state(page: Page) -> dict:
    w = page.locator("#widget-worked")
    rows = w.locator(".ll-widget__probs tbody tr")
    return {
        key: [value(r.locator(sel)) for r in rows.all()]
        for key, sel in (("z", ".ll-z"), ("exp", ".ll-exp"), ("p", ".ll-p"))
    } | {
        "z_text": [shown(r.locator(".ll-z")) for r in rows.all()],
        "p_text": [shown(r.locator(".ll-p")) for r in rows.all()],
        "exp_sum": value(w.locator(".ll-expsum")),
        "ratio": value(w.locator(".ll-widget__ratio")),
        "pair": [int(v) for v in w.locator(".ll-widget__ratio").get_attribute("data-pair").split(",")],
    }


def check_worked(state: dict, x, W, b, T) -> None:
    z = maths.linear(np.array(x), np.array(W), np.array(b))
    p = maths.softmax(z / T)
    np.testing.assert_allclose(state["z"], z, rtol=0, atol=TOL)
    np.testing.assert_allclose(state["exp"], np.exp(z / T), rtol=TOL, atol=0)
    np.testing.assert_allclose(state["p"], p, rtol=0, atol=TOL)
    assert state["z_text"] == [fmt.num(v) for v in z]
    assert state["p_text"] == fmt.parts(p)
    assert abs(state["exp_sum"] - np.exp(z / T).sum()) <= TOL * np.exp(z / T).sum()
    first, second = np.argsort(-z)[:2]
    assert state["pair"] == [first, second]
    assert abs(state["ratio"] - p[first] / p[second]) <= TOL * p[first] / p[second]


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_worked_example_live(open_widget, lang):
    opened = open_widget("worked", lang)
    page = opened.page
    w = page.locator("#widget-worked")
    ex = examples.worked_example()
    x, W, b, T = ex.x.copy(), ex.W.copy(), ex.b.copy(), 1.0
    check_worked(worked_state(page), x, W, b, T)
    assert worked_state(page)["p_text"] == fmt.parts(ex.probs)  # the page's numbers
    # A reader brightens pixel 2 with the keyboard (five steps of 0.01) ...
    pixel = w.locator(".ll-widget__pixel[data-i='1'] input")
    pixel.focus()
    for _ in range(5):
        pixel.press("ArrowRight")
    x[1] = round(x[1] + 0.05, 2)
    check_worked(worked_state(page), x, W, b, T)
    # ... drags pixel 3 all the way up with the mouse ...
    box = w.locator(".ll-widget__pixel[data-i='2'] input").bounding_box()
    page.mouse.click(box["x"] + box["width"] - 1, box["y"] + box["height"] / 2)
    x[2] = 1.0
    check_worked(worked_state(page), x, W, b, T)
    # ... makes the dog template like pixel 3 a lot, and the bird bias large.
    w.locator("summary").click()
    w.get_by_label(re.compile(r"^w₃₂[ （]")).fill("3")
    W[2, 1] = 3.0
    w.get_by_label(re.compile(r"b₃[ （]")).fill("2.5")
    b[2] = 2.5
    state = worked_state(page)
    check_worked(state, x, W, b, T)
    z = maths.linear(x, W, b)
    top = int(np.argmax(z))
    assert top == 1  # dog now leads
    names = examples.CLASS_NAMES[lang]
    expect(w.locator(".ll-widget__live")).to_contain_text(names[top])
    expect(w.locator(".ll-widget__live")).to_contain_text(fmt.num(100 * maths.softmax(z)[top], 1) + "%")
    # The temperature changes every probability, never the order.
    set_range(w.locator(".ll-widget__temperature input"), 2.5)
    T = 2.5
    state = worked_state(page)
    check_worked(state, x, W, b, T)
    assert np.argmax(state["p"]) == top
    w.locator(".ll-widget__reset").click()
    check_worked(worked_state(page), ex.x, ex.W, ex.b, 1.0)
    assert opened.errors == [] and opened.foreign() == []


# ---------------------------------------------------------------- the digit sketchpad


def digits_state(page: Page) -> dict:
    w = page.locator("#widget-digits")
    return {
        "x": np.array(json.loads(w.locator(".ll-digits__grid").get_attribute("data-pixels"))),
        "p": np.array([value(r) for r in w.locator(".ll-digits__probs .ll-p").all()]),
        "p_text": [shown(r) for r in w.locator(".ll-digits__probs .ll-p").all()],
        "maps": [int(f.get_attribute("data-cls")) for f in w.locator(".ll-digits__contrib").all()],
        "map_z": [value(f) for f in w.locator(".ll-digits__contrib").all()],
        "z": np.array([value(r) for r in w.locator(".ll-digits__probs .ll-z").all()]),
        "b": np.array([value(r) for r in w.locator(".ll-digits__probs .ll-b").all()]),
    }


def check_digits(state: dict, x: np.ndarray) -> None:
    model = models.digits_model()
    np.testing.assert_array_equal(state["x"], x)
    p = model.predict_proba(x)
    z = model.scores(x)
    np.testing.assert_allclose(state["p"], p, rtol=0, atol=TOL)
    np.testing.assert_allclose(state["z"], z, rtol=0, atol=TOL)  # the scores, and beside them ...
    np.testing.assert_array_equal(state["b"], model.b)  # ... the biases they include
    assert state["p_text"] == fmt.parts(p)
    assert state["maps"] == list(np.argsort(-z)[:2])
    np.testing.assert_allclose(state["map_z"], np.sort(z)[::-1][:2], rtol=0, atol=TOL)


MAP_FILLS = """() => [...document.querySelectorAll('#widget-digits .ll-digits__map rect')]
  .map(r => getComputedStyle(r).fill)"""


def rgb(css: str) -> np.ndarray:
    """A computed colour (rgb(…) in 0–255 or color(srgb …) in 0–1) as three floats in 0–1."""
    values = [float(v) for v in re.findall(r"[\d.]+", css)[:3]]
    return np.array(values) / (1 if css.startswith("color(") else 255)


def hex_rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255


def expected_map_fills(x: np.ndarray, scheme: str, background: np.ndarray) -> np.ndarray:
    """The maps' colours as lastlayer.style.diverging paints the figures' weight maps: red below
    0, violet above, through the page's background at 0 (one scale for both maps)."""
    from lastlayer import style

    model = models.digits_model()
    order = np.argsort(-model.scores(x))[:2]
    contrib = np.array([model.W[:, j] * x for j in order])
    v = contrib / max(np.abs(contrib).max(), 1e-12)
    neg_end, neg_mid, pos_mid, pos_end = (hex_rgb(c) for c in style.DIVERGING_STOPS[scheme])
    out = []
    for c in v.ravel():
        end, mid = (neg_end, neg_mid) if c < 0 else (pos_end, pos_mid)
        a = abs(c)
        out.append(2 * a * mid + (1 - 2 * a) * background if a <= 0.5 else (2 * a - 1) * end + (2 - 2 * a) * mid)
    return np.array(out)


def check_map_colours(page: Page, x: np.ndarray, scheme: str) -> None:
    background = rgb(page.evaluate("getComputedStyle(document.body).backgroundColor"))
    got = np.array([rgb(f) for f in page.evaluate(MAP_FILLS)])
    np.testing.assert_allclose(got, expected_map_fills(x, scheme, background), atol=1.5 / 255)


def stroke_at(page: Page, points, steps: int = 3) -> None:
    """One stroke of the mouse through points given in pixels of the 8×8 grid. The grid is
    measured just before the stroke: a click elsewhere may have scrolled the page since."""
    grid = page.locator("#widget-digits .ll-digits__grid")
    grid.scroll_into_view_if_needed()
    grid = grid.bounding_box()
    cell = grid["width"] / 8
    at = [(grid["x"] + px * cell, grid["y"] + py * cell) for px, py in points]
    page.mouse.move(*at[0])
    page.mouse.down()
    for point in at[1:]:
        page.mouse.move(*point, steps=steps)
    page.mouse.up()


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_digit_sketchpad(open_widget, lang):
    opened = open_widget("digits", lang)
    page = opened.page
    w = page.locator("#widget-digits")
    data = widgets.data("digits", lang)
    strings = data["strings"]
    X, labels = widgets.heldout_digits()
    check_digits(digits_state(page), X[3])
    check_map_colours(page, X[3], "light")
    # The maps' colour legend, in the page's language.
    legend = w.locator(".ll-digits__legend")
    expect(legend).to_be_visible()
    expect(legend).to_contain_text(strings["legend"])
    expect(legend.locator(".ll-digits__ticks")).to_have_text(
        re.compile(f"{strings['negative']}\\s*0\\s*{strings['positive']}")
    )
    expect(w.locator(".ll-digits__hint")).to_have_text(strings["hint"])
    # Every held-out digit, loaded from the list, is scored as the trained model scores it.
    for i in (0, 7, 9):
        w.locator(".ll-digits__load").select_option(str(i))
        check_digits(digits_state(page), X[i])
    model = models.digits_model()
    predicted = int(model.predict(X[9]))
    assert predicted == labels[9]
    expect(w.locator(".ll-widget__live")).to_contain_text(
        f"{predicted}，" if lang == "zh" else f"Prediction: {predicted},"
    )
    # Dead pixels (no class weighs them) are hatched on the grid, and only they.
    hatched = sorted(int(h.get_attribute("data-i")) for h in w.locator(".ll-digits__dead").all())
    assert hatched == data["dead"] == widgets.dead_pixels(model.W)
    # A "1" drawn with the mouse down the middle of the grid: the brush gives it the training
    # digits' thickness, and the model reads it as a 1. One stroke, one announcement.
    page.evaluate("LastLayer.ui.readoutMs = 0; LastLayer.ui.liveMs = 1")
    w.locator(".ll-digits__clear").click()
    check_digits(digits_state(page), np.zeros(64))
    expect(w.locator(".ll-widget__live")).to_contain_text(fmt.num(100 * model.predict_proba(np.zeros(64)).max(), 1))
    page.evaluate(LIVE_LOG)
    path = [(4.0, 0.7), (4.0, 2.5), (4.0, 5.0), (4.0, 7.3)]
    stroke_at(page, path)
    x = widgets.stroke(np.zeros(64), path)
    check_digits(digits_state(page), x)
    assert int(model.predict(x)) == 1 and model.predict_proba(x).max() > 0.9
    assert set(x[x > 0]) == {0.25, 1.0} and np.all(x.reshape(8, 8)[1:7, 3:5] == 1)  # two pixels wide, soft edges
    page.wait_for_function("window.__said.length >= 1")
    check_map_colours(page, x, "light")
    # With the keyboard: the cursor starts on a live pixel near the centre; Space dabs the
    # brush there, Delete erases with it; a hatched pixel is announced as ignored.
    assert data["cursor"] not in data["dead"]
    w.locator(".ll-digits__grid").focus()
    r, c = divmod(data["cursor"], 8)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    r += 1
    x = widgets.stroke(x, [(c + 0.5, r + 0.5)])
    check_digits(digits_state(page), x)
    said = page.evaluate("window.__said")
    one = model.predict_proba(widgets.stroke(np.zeros(64), path)).max()
    assert said[0] == strings["announce"].format(cls="1", p=fmt.num(100 * one, 1)), said
    page.keyboard.press("Delete")
    x = widgets.stroke(x, [(c + 0.5, r + 0.5)], pen=False)
    check_digits(digits_state(page), x)
    for _ in range(c):
        page.keyboard.press("ArrowLeft")
    assert r * 8 in data["dead"]
    expect(w.locator(".ll-widget__live")).to_have_text(strings["cursor_dead"].format(r=r + 1, c=1))
    # The eraser under the mouse removes ink too.
    w.locator(".ll-digits__eraser").click()
    expect(w.locator(".ll-digits__eraser")).to_have_attribute("aria-pressed", "true")
    stroke_at(page, [(4.2, 6.6)])
    x = widgets.stroke(x, [(4.2, 6.6)], pen=False)
    check_digits(digits_state(page), x)
    # The maps follow the theme switch with no script: the same scale in the dark colours.
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    check_map_colours(page, x, "dark")
    # The announcement of a tie names every tied class.
    tie = page.evaluate("s => LastLayer.fmt.leader([0.3, 0.1, 0.3, 0.3], ['7', '8', '9', '0'], s)", strings)
    tied = strings["and"].join([strings["sep"].join(["7", "9"]), "0"])
    assert tie == strings["announce_tie"].format(cls=tied, p="30.0")
    assert opened.errors == [] and opened.foreign() == []


def cleared_sketchpad(open_widget, **context):
    """The English sketchpad, cleared: (the opened page, the grid's box, one cell's side in px)."""
    opened = open_widget("digits", "en", **context)
    w = opened.page.locator("#widget-digits")
    w.locator(".ll-digits__clear").click()
    grid = w.locator(".ll-digits__grid").bounding_box()
    return opened, grid, grid["width"] / 8


@pytest.mark.browser
@pytest.mark.build
def test_digit_sketchpad_takes_touch(open_widget):
    opened, grid, cell = cleared_sketchpad(open_widget, width=375, has_touch=True, is_mobile=True)
    page = opened.page
    page.touchscreen.tap(grid["x"] + 2.5 * cell, grid["y"] + 5.5 * cell)
    check_digits(digits_state(page), widgets.stroke(np.zeros(64), [(2.5, 5.5)]))


# ---------------------------------------------------------------- the geometric playground


def geometry_state(page: Page) -> dict:
    w = page.locator("#widget-geometry")
    rows = w.locator(".ll-geometry__table tbody tr").all()
    regions = []
    for poly in w.locator("polygon.ll-region").all():
        pts = (poly.get_attribute("points") or "").split()
        regions.append(np.array([[float(v) for v in p.split(",")] for p in pts]))
    query = w.locator(".ll-query-handle")
    return {
        "q": np.array([float(query.get_attribute("data-x")), float(query.get_attribute("data-y"))]),
        "W": np.array([json.loads(r.get_attribute("data-w")) for r in rows]).T,
        "b": np.array([float(r.get_attribute("data-b")) for r in rows]),
        **{key: np.array([value(r.locator(f".ll-{key}")) for r in rows]) for key in ("norm", "d", "z", "p")},
        "p_text": [shown(r.locator(".ll-p")) for r in rows],
        "regions": regions,
        "prediction": int(w.get_attribute("data-prediction")),
        "loss": value(w.locator(".ll-geometry__loss")),
        "accuracy": value(w.locator(".ll-geometry__acc")),
        "steps": int(value(w.locator(".ll-geometry__steps"))),
    }


def check_geometry(state: dict, l2: float = 0.05) -> None:
    """What the table shows is what lastlayer.maths computes for the weights and point shown."""
    W, b, q = state["W"], state["b"], state["q"]
    toy = examples.toy2d()
    z = maths.linear(q, W, b)
    np.testing.assert_allclose(state["z"], z, rtol=0, atol=TOL)
    np.testing.assert_allclose(state["p"], maths.softmax(z), rtol=0, atol=TOL)
    np.testing.assert_allclose(state["norm"], np.linalg.norm(W, axis=0), rtol=0, atol=TOL)
    d = [maths.signed_distance(q, W[:, j], b[j]) for j in range(3)]
    np.testing.assert_allclose(state["d"], d, rtol=0, atol=TOL)
    np.testing.assert_allclose(state["z"], state["norm"] * state["d"], rtol=0, atol=TOL)
    assert state["p_text"] == fmt.parts(maths.softmax(z))
    assert state["prediction"] == int(np.argmax(z))
    assert abs(state["loss"] - widgets.objective(W, b, toy.X, toy.y, l2)) <= TOL
    assert state["accuracy"] == float(np.mean(np.argmax(toy.X @ W + b, axis=1) == toy.y))


def same_regions(a: list, b: list) -> bool:
    return all(x.shape == y.shape and np.allclose(x, y, atol=1e-2) for x, y in zip(a, b, strict=True))


def drag(page: Page, locator, to_x: float, to_y: float) -> None:
    box = locator.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(to_x, to_y, steps=8)
    page.mouse.up()


def plot_xy(page: Page, p) -> tuple[float, float]:
    """Screen coordinates of a point of the plane (the plot spans [-box, box]² inside a 10-unit pad)."""
    box = page.locator("#widget-geometry .ll-geometry__plot").bounding_box()
    half = widgets.data("geometry", "en")["box"]
    scale = box["width"] / 360
    unit = (360 - 20) / (2 * half)
    return box["x"] + scale * (10 + (p[0] + half) * unit), box["y"] + scale * (10 + (half - p[1]) * unit)


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_geometric_playground(open_widget, lang):
    opened = open_widget("geometry", lang)
    page = opened.page
    w = page.locator("#widget-geometry")
    toy = examples.toy2d()
    state = geometry_state(page)
    np.testing.assert_allclose(state["W"], toy.W, atol=TOL)
    np.testing.assert_allclose(state["d"], toy.distances, atol=TOL)
    check_geometry(state)
    # Arrow keys move the focused query point by 0.1.
    query = w.locator(".ll-query-handle")
    query.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    state = geometry_state(page)
    np.testing.assert_allclose(state["q"], toy.query + np.array([0.3, -0.1]), atol=1e-12)
    check_geometry(state)
    # Dragged (mouse) into the bird region, the prediction follows.
    drag(page, query, *plot_xy(page, (0.0, -2.0)))
    state = geometry_state(page)
    np.testing.assert_allclose(state["q"], [0.0, -2.0], atol=0.05)
    check_geometry(state)
    assert state["prediction"] == 2
    names = examples.CLASS_NAMES[lang]
    expect(w.locator(".ll-widget__live")).to_contain_text(names[2])
    expect(w.locator(".ll-widget__live")).to_contain_text("处的预测" if lang == "zh" else "Prediction at")
    drag(page, query, *plot_xy(page, toy.query))
    base = geometry_state(page)
    check_geometry(base)
    shaded_base = shade_at(page, base)
    # A global scale is a temperature: regions, distances and prediction stay; probabilities sharpen.
    set_range(w.locator(".ll-geometry__scale input"), 3)
    state = geometry_state(page)
    check_geometry(state)
    assert same_regions(state["regions"], base["regions"])
    np.testing.assert_allclose(state["d"], base["d"], atol=TOL)
    np.testing.assert_allclose(state["z"], 3 * base["z"], atol=TOL)
    assert state["prediction"] == base["prediction"] and max(state["p"]) > max(base["p"])
    # ... and the shading shows it: the same colour, deeper, at the query point.
    shaded = shade_at(page, state)
    assert shaded["cls"] == shaded_base["cls"] == state["prediction"]
    assert shaded["alpha"] > shaded_base["alpha"]
    set_range(w.locator(".ll-geometry__scale input"), 1)
    # A gain on one class moves the boundaries (its own zero line stays).
    w.locator(".ll-geometry__gainclass").select_option("1")
    set_range(w.locator(".ll-geometry__gain input"), 3)
    state = geometry_state(page)
    check_geometry(state)
    assert not same_regions(state["regions"], base["regions"])
    np.testing.assert_allclose(state["d"], base["d"], atol=TOL)
    set_range(w.locator(".ll-geometry__gain input"), 1)
    # Adding one vector to every w changes every score by the same amount: nothing else moves.
    w.locator(".ll-geometry__add").click()
    state = geometry_state(page)
    check_geometry(state)
    common = widgets.data("geometry", lang)["common"]
    np.testing.assert_allclose(state["W"], base["W"] + np.array(common)[:, None], atol=TOL)
    np.testing.assert_allclose(state["p"], base["p"], atol=TOL)
    assert same_regions(state["regions"], base["regions"])
    assert not np.allclose(state["d"], base["d"])
    # Dragging the tip of the bird's w and moving a bias move the boundaries.
    w.locator(".ll-widget__reset").click()
    tip = w.locator(".ll-tip-2")
    drag(page, tip, *plot_xy(page, (2.0, -2.5)))
    state = geometry_state(page)
    check_geometry(state)
    np.testing.assert_allclose(state["W"][:, 2], [2.0, -2.5], atol=0.05)
    assert not same_regions(state["regions"], base["regions"])
    tip.focus()
    page.keyboard.press("ArrowUp")
    np.testing.assert_allclose(geometry_state(page)["W"][:, 2], state["W"][:, 2] + [0, 0.1], atol=1e-12)
    w.locator(".ll-widget__reset").click()
    set_range(w.locator(".ll-geometry__bias[data-cls='0'] input"), 2)
    state = geometry_state(page)
    check_geometry(state)
    assert state["b"][0] == 2 and not same_regions(state["regions"], base["regions"])
    check_handles_inside_and_finite(page)
    # The theme's colour toggle shades the plane again, in the other scheme's class colours.
    page.locator("#widget-geometry .ll-widget__reset").click()
    page.evaluate(
        "() => document.body.setAttribute('data-md-color-scheme',"
        " document.body.getAttribute('data-md-color-scheme') === 'slate' ? 'default' : 'slate')"
    )
    shade_at(page, geometry_state(page))
    assert opened.errors == [] and opened.foreign() == []


SHADE_AT = """([x, y, B]) => {
  const w = document.querySelector('#widget-geometry');
  const c = w.querySelector('.ll-geometry__shade'), n = c.width;
  const col = Math.min(n - 1, Math.floor(((x + B) / (2 * B)) * n));
  const row = Math.min(n - 1, Math.floor(((B - y) / (2 * B)) * n));
  const colours = [...w.querySelectorAll('polygon.ll-region')]
    .map(p => getComputedStyle(p).fill.match(/[\\d.]+/g).map(Number));
  return {rgba: [...c.getContext('2d').getImageData(col, row, 1, 1).data], col, row, n, colours};
}"""


def shade_at(page: Page, state: dict) -> dict:
    """The shading under the query point: its alpha (exactly the page's rule, recomputed here
    from the winning probability at the cell's centre) and the class whose colour it has."""
    half = widgets.data("geometry", "en")["box"]
    seen = page.evaluate(SHADE_AT, [float(state["q"][0]), float(state["q"][1]), half])
    n, k = seen["n"], len(seen["colours"])
    centre = np.array([-half + (seen["col"] + 0.5) * 2 * half / n, half - (seen["row"] + 0.5) * 2 * half / n])
    p = maths.softmax(maths.linear(centre, state["W"], state["b"]))
    assert abs(seen["rgba"][3] - round(255 * (0.05 + 0.3 * (p.max() - 1 / k) / (1 - 1 / k)))) <= 1
    rgb = np.array(seen["rgba"][:3])
    far = [np.abs(rgb - np.array(c)).sum() for c in seen["colours"]]
    cls = int(np.argmin(far))
    assert cls == int(np.argmax(p)) and far[cls] <= 30, (seen, far)  # 8-bit alpha rounds the colour a little
    return {"alpha": seen["rgba"][3], "cls": cls}


HANDLES = """() => {
  const w = document.querySelector('#widget-geometry');
  const frame = w.querySelector('.ll-frame').getBoundingClientRect();
  const handles = [...w.querySelectorAll('.ll-handle')].map(h => {
    const r = h.querySelector('.ll-ring').getBoundingClientRect();
    return {cx: r.x + r.width / 2, cy: r.y + r.height / 2, pinned: h.dataset.pinned,
            x: +h.dataset.x, y: +h.dataset.y, cls: h.getAttribute('class')};
  });
  const paths = [...w.querySelectorAll('path, polygon')]
    .map(n => n.getAttribute('d') || n.getAttribute('points') || '');
  return {frame: {x0: frame.left, x1: frame.right, y0: frame.top, y1: frame.bottom}, handles, paths,
          text: w.querySelector('.ll-geometry__table').textContent};
}"""


def check_handles_inside_and_finite(page: Page) -> None:
    """Tips grown past the box stay in the plot, pinned to its edge and marked; a key moves a
    pinned tip from where it really is; nothing non-finite is drawn, even with w at the origin."""
    w = page.locator("#widget-geometry")
    half = widgets.data("geometry", "en")["box"]
    w.locator(".ll-widget__reset").click()
    set_range(w.locator(".ll-geometry__scale input"), 4)
    seen = page.evaluate(HANDLES)
    f = seen["frame"]
    pinned = [h for h in seen["handles"] if h["pinned"] == "true"]
    assert pinned, "at scale 4 a tip is past the box"
    for h in seen["handles"]:
        assert f["x0"] - 0.5 <= h["cx"] <= f["x1"] + 0.5 and f["y0"] - 0.5 <= h["cy"] <= f["y1"] + 0.5, h
        assert (h["pinned"] == "true") == (max(abs(h["x"]), abs(h["y"])) > half), h
    tip = w.locator(".ll-tip-" + pinned[0]["cls"].split("ll-tip-")[1].split()[0])
    before = [float(tip.get_attribute("data-x")), float(tip.get_attribute("data-y"))]
    tip.focus()
    page.keyboard.press("ArrowUp")
    after = [float(tip.get_attribute("data-x")), float(tip.get_attribute("data-y"))]
    np.testing.assert_allclose(after, [before[0], before[1] + 0.1], atol=1e-9)
    set_range(w.locator(".ll-geometry__scale input"), 1)
    w.locator(".ll-widget__reset").click()
    drag(page, w.locator(".ll-tip-0"), *plot_xy(page, (0.0, 0.0)))
    seen = page.evaluate(HANDLES)
    for drawn in seen["paths"]:
        assert not re.search(r"NaN|Infinity", drawn), drawn
    assert not re.search(r"NaN|Infinity|∞", seen["text"]), seen["text"]


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_training_in_the_page_matches_python(open_widget, lang):
    """Reduced motion: Run jumps a batch of steps with no animation; the weights are Python's."""
    opened = open_widget("geometry", lang, reduced_motion="reduce")
    page = opened.page
    w = page.locator("#widget-geometry")
    toy = examples.toy2d()
    data = widgets.data("geometry", lang)
    w.locator(".ll-geometry__scramble").click()
    start = geometry_state(page)
    W0, b0 = widgets.start_weights()
    np.testing.assert_allclose(start["W"], W0, atol=TOL)
    l2 = 0.1
    set_range(w.locator(".ll-geometry__l2 input"), l2)
    losses = []
    for _ in range(5):
        w.locator(".ll-geometry__step").click()
        losses.append(geometry_state(page)["loss"])
    assert all(a > b for a, b in itertools.pairwise(losses))
    run = w.locator(".ll-geometry__run")
    expect(run).to_contain_text(str(data["batch"]))
    run.click()
    state = geometry_state(page)
    assert state["steps"] == 5 + data["batch"]
    W, b = widgets.train(W0, b0, toy.X, toy.y, l2, 5 + data["batch"])
    # Stated tolerance: 1e-9 absolute on every weight and bias after 105 steps.
    np.testing.assert_allclose(state["W"], W, rtol=0, atol=TOL)
    np.testing.assert_allclose(state["b"], b, rtol=0, atol=TOL)
    check_geometry(state, l2)
    assert state["loss"] < losses[-1] < start["loss"]
    assert state["accuracy"] > start["accuracy"]
    # Nothing runs on its own afterwards.
    page.wait_for_timeout(300)
    assert geometry_state(page)["steps"] == state["steps"]
    assert opened.errors == []


@pytest.mark.browser
@pytest.mark.build
def test_training_animation_runs_and_pauses(open_widget):
    opened = open_widget("geometry", "en", reduced_motion="no-preference")
    page = opened.page
    w = page.locator("#widget-geometry")
    w.locator(".ll-geometry__scramble").click()
    set_range(w.locator(".ll-geometry__rate input"), 0.2)  # small steps: Run would settle only after 300
    start = geometry_state(page)
    run = w.locator(".ll-geometry__run")
    run.click()
    expect(run).to_have_attribute("aria-pressed", "true")
    page.wait_for_function("+document.querySelector('.ll-geometry__steps').dataset.value >= 60")
    run.click()
    expect(run).to_have_attribute("aria-pressed", "false")
    state = geometry_state(page)
    page.wait_for_timeout(200)
    assert geometry_state(page)["steps"] == state["steps"]
    assert state["loss"] < start["loss"]
    check_geometry(state)
    toy = examples.toy2d()
    W, b = widgets.train(start["W"], start["b"], toy.X, toy.y, 0.05, state["steps"], rate=0.2)
    np.testing.assert_allclose(state["W"], W, rtol=0, atol=TOL)
    np.testing.assert_allclose(state["b"], b, rtol=0, atol=TOL)


@pytest.mark.browser
@pytest.mark.build
def test_run_stops_by_itself_once_the_loss_settles_and_draws_its_curve(open_widget):
    """From random weights the loss settles within a hundred steps; Run used to animate 3,000 steps
    where nothing changed, and from the trained weights it ran on doing nothing."""
    opened = open_widget("geometry", "en", reduced_motion="no-preference")
    page = opened.page
    w = page.locator("#widget-geometry")
    toy = examples.toy2d()
    W0, b0 = widgets.start_weights()
    w.locator(".ll-geometry__scramble").click()
    assert (
        w.locator(".ll-geometry__curve").get_attribute("aria-label")
        == widgets.data("geometry", "en")["strings"]["curve_empty"]
    )
    run = w.locator(".ll-geometry__run")
    run.click()
    page.wait_for_function("document.querySelector('#widget-geometry').dataset.settled !== undefined")
    expect(run).to_have_attribute("aria-pressed", "false")
    settled = widgets.settle(W0, b0, toy.X, toy.y, 0.05)
    assert settled < 200  # watchable: a second or two at two steps a frame
    state = geometry_state(page)
    assert state["steps"] == settled == int(w.get_attribute("data-settled"))
    W, b = widgets.train(W0, b0, toy.X, toy.y, 0.05, settled)
    np.testing.assert_allclose(state["W"], W, rtol=0, atol=TOL)
    np.testing.assert_allclose(state["b"], b, rtol=0, atol=TOL)
    expect(w.locator(".ll-geometry__settled")).to_contain_text(str(settled))
    # The curve: one point per frame and the start, falling from the first loss to the last.
    points = w.locator(".ll-geometry__curve-line").get_attribute("points").split()
    assert len(points) == settled // 2 + 1
    heights = [float(p.split(",")[1]) for p in points]
    assert heights[0] < heights[-1]  # SVG y grows downwards: the loss fell
    label = w.locator(".ll-geometry__curve").get_attribute("aria-label")
    assert str(settled) in label and fmt.num(state["loss"], 4) in label
    # From settled weights a second Run stops after one frame: nothing left to learn.
    run.click()
    page.wait_for_function(f"+document.querySelector('#widget-geometry').dataset.settled > {settled}")
    assert geometry_state(page)["steps"] == settled + 2
    assert opened.errors == []


def drawn_points(page: Page) -> list[tuple[int, float, float]]:
    """The playground's data points as drawn: (class, x, y) in the plot's SVG units, sorted."""
    return sorted(
        page.evaluate("""() => [...document.querySelectorAll('#widget-geometry .ll-point')].map(m => {
          const box = m.getBBox();
          return [+m.getAttribute('class').match(/ll-c(\\d)/)[1], box.x + box.width / 2, box.y + box.height / 2];
        })""")
    )


@pytest.mark.browser
@pytest.mark.build
def test_the_playground_trains_on_data_a_linear_layer_cannot_fit(open_widget):
    """The Data menu swaps in overlapping clusters and cats on both sides of the dogs: the points
    drawn are the set's, training starts from the random weights and settles where numpy does,
    below full accuracy (a class's region is convex); the choice is kept in the address."""
    opened = open_widget("geometry", "en", reduced_motion="no-preference")
    page = opened.page
    w = page.locator("#widget-geometry")
    data = widgets.data("geometry", "en")
    box, half = 360, data["box"]
    unit = (box - 20) / (2 * half)
    W0, b0 = widgets.start_weights()
    menu = w.locator(".ll-geometry__dataset")
    assert [o.inner_text() for o in menu.locator("option").all()] == [
        data["strings"][f"data_{name}"] for name in widgets.DATASETS
    ]
    for i, (name, (X, y)) in enumerate(widgets.datasets().items()):
        if i == 0:
            continue
        menu.select_option(str(i))
        # (A triangle's box centre sits 0.7 above its point: the marks are drawn as in the script.)
        expected = sorted(
            (int(c), 10 + (p[0] + half) * unit, 10 + (half - p[1]) * unit - 0.7 * (c == 2))
            for p, c in zip(X, y, strict=True)
        )
        np.testing.assert_allclose(np.array(drawn_points(page)), np.array(expected), atol=0.01, err_msg=name)
        state = geometry_state(page)
        assert state["steps"] == 0
        np.testing.assert_allclose(state["W"], W0, atol=TOL)
        w.locator(".ll-geometry__run").click()
        page.wait_for_function("document.querySelector('#widget-geometry').dataset.settled !== undefined")
        settled = widgets.settle(W0, b0, X, y, 0.05)
        W, b = widgets.train(W0, b0, X, y, 0.05, settled)
        state = geometry_state(page)
        assert state["steps"] == settled == int(w.get_attribute("data-settled")), name
        np.testing.assert_allclose(state["W"], W, rtol=0, atol=TOL)
        accuracy = float(np.mean(np.argmax(X @ W + b, axis=1) == y))
        assert state["accuracy"] == accuracy < 0.9, name
        assert abs(state["loss"] - widgets.objective(W, b, X, y, 0.05)) <= TOL
    # The last set chosen (the split cats) is in the address ("Copy link" writes it at once), and
    # the address brings it back.
    w.locator(".ll-widget__copy").click()
    assert "d:2" in urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)["w-geometry"][0]
    before = drawn_points(page)
    again = open_widget("geometry", "en", query="?" + page.url.split("?", 1)[1]).page
    assert again.locator("#widget-geometry .ll-geometry__dataset").input_value() == "2"
    np.testing.assert_allclose(np.array(drawn_points(again)), np.array(before), atol=1e-6)
    np.testing.assert_allclose(geometry_state(again)["W"], state["W"], atol=1e-4)
    # Reset returns to the page's clusters.
    again.locator("#widget-geometry .ll-widget__reset").click()
    toy = examples.toy2d()
    assert len(drawn_points(again)) == len(toy.X)
    assert again.locator("#widget-geometry .ll-geometry__dataset").input_value() == "0"
    assert opened.errors == []


PLANE_BESIDE = """sel => {
  const control = document.querySelector(sel);
  control.scrollIntoView({block: 'end'});
  const plot = document.querySelector('#widget-geometry .ll-geometry__plot').getBoundingClientRect();
  const box = control.getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {plotTop: plot.top, plotBottom: plot.bottom, plotHeight: plot.height, headerBottom: header.bottom,
          top: box.top, bottom: box.bottom, height: innerHeight, reachable: control.contains(hit),
          sticky: getComputedStyle(document.querySelector('#widget-geometry .ll-geometry__plot')).position};
}"""


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_the_plane_stays_in_view_beside_its_controls(open_widget, lang):
    """On a phone the controls come below the plane; scrolled to any of them (the first bias, the
    global scale, the Data menu, Run, the step size), the whole plane is still on screen under the
    header, above the control, which is not covered. On a desktop the plane is not pinned."""
    opened = open_widget("geometry", lang, width=375, has_touch=True, is_mobile=True)
    page = opened.page
    page.set_viewport_size({"width": 375, "height": 740})
    for sel in (
        ".ll-geometry__bias input",
        ".ll-geometry__scale input",
        ".ll-geometry__dataset",
        ".ll-geometry__run",
        ".ll-geometry__rate input",
    ):
        at = page.evaluate(PLANE_BESIDE, f"#widget-geometry {sel}")
        assert at["plotTop"] >= at["headerBottom"] - 1 and at["plotHeight"] > 250, (sel, at)
        assert at["plotBottom"] <= at["top"] and at["bottom"] <= at["height"] + 1 and at["reachable"], (sel, at)
    desktop = open_widget("geometry", lang).page
    assert desktop.evaluate(PLANE_BESIDE, "#widget-geometry .ll-geometry__run")["sticky"] == "static"
    assert opened.errors == []


def polygon_area(points: np.ndarray) -> float:
    x, y = points[:, 0], points[:, 1]
    return 0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_the_pages_links_set_the_playground(open_widget, lang):
    """The geometry page's prose links set the playground to what the sentence says, in place (no
    reload), keep the address in step and bring the playground into view: a gain of 2 on cat grows
    the cat region, a global scale of 2 moves no boundary, and the split data set is loaded."""
    opened = open_widget("geometry", lang)
    page = opened.page
    w = page.locator("#widget-geometry")
    page.evaluate("window.__notReloaded = true")
    links = page.locator("article a.ll-set")
    assert links.count() == 3
    hrefs = [links.nth(i).get_attribute("href") for i in range(3)]
    assert [urllib.parse.parse_qs(urllib.parse.urlsplit(h).query)["w-geometry"][0] for h in hrefs] == [
        f"g:{examples.SCALES[2]:g},1,1",
        f"s:{examples.SCALES[2]:g}",
        f"d:{widgets.DATASETS.index('split')}",
    ]
    cat = examples.CLASS_NAMES["en"].index("cat")
    before = geometry_state(page)
    links.nth(0).click()
    after = geometry_state(page)
    assert value(w.locator(".ll-geometry__gain .ll-widget__value")) == examples.SCALES[2]
    assert polygon_area(after["regions"][cat]) > polygon_area(before["regions"][cat])
    expect(w).to_be_in_viewport()
    links.nth(1).click()
    scaled = geometry_state(page)
    assert value(w.locator(".ll-geometry__scale .ll-widget__value")) == examples.SCALES[2]
    assert same_regions(scaled["regions"], after["regions"]) and scaled["p"].max() > after["p"].max()
    links.nth(2).click()
    assert w.locator(".ll-geometry__dataset").input_value() == str(widgets.DATASETS.index("split"))
    assert len(w.locator(".ll-point").all()) == len(widgets.datasets()["split"][1])
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)["w-geometry"][0]
    assert "d:2" in query and "s:2" in query and "g:2,1,1" in query
    assert page.evaluate("window.__notReloaded") is True
    assert opened.errors == []


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_the_why_softmax_links_set_the_temperature(open_widget, lang):
    """why-softmax: "set T = 0.05 and the probabilities become (1.00, 0.00, 0.00), almost one-hot;
    set T = 20 and they become (0.35, 0.33, 0.32)": each link sets the widget's temperature in
    place, and the widget then shows exactly the probabilities the sentence quotes."""
    opened = open_widget("softmax", lang)
    page = opened.page
    w = page.locator("#widget-softmax")
    links = page.locator("article a.ll-set")
    assert links.count() == 2
    for link, name in zip(links.all(), ("low", "high"), strict=True):
        T = float(values.lookup(f"why.widget.T_{name}", lang))
        assert link.get_attribute("href") == f"?w-softmax=T:{T:g}#widget-softmax"
        link.click()
        assert value(w.locator(".ll-widget__temperature .ll-widget__value")) == T
        assert softmax_state(page)["p_text"] == values.lookup(f"why.widget.p_{name}", lang).split(", ")
        expect(w).to_be_in_viewport()
    assert opened.errors == []


def test_no_linear_layer_fits_the_split_data_set():
    """The geometry page: "no linear layer can give one class two clusters with another class
    between them ... training stops short of full accuracy": a dog lies inside the cats' convex
    hull, so any linear layer (convex regions) misclassifies a point of this set."""
    from scipy.spatial import Delaunay

    X, y = widgets.datasets()["split"]
    cat, dog = examples.CLASS_NAMES["en"].index("cat"), examples.CLASS_NAMES["en"].index("dog")
    assert (Delaunay(X[y == cat]).find_simplex(X[y == dog]) >= 0).any()


def test_the_playgrounds_data_sets_lie_inside_its_plot():
    for name, (X, y) in widgets.datasets().items():
        assert np.all(np.abs(X) < widgets.PLAYGROUND_BOX), name
        assert sorted(set(y.tolist())) == [0, 1, 2] and len(X) == len(y), name


@pytest.mark.browser
@pytest.mark.build
def test_the_step_size_scales_each_step(open_widget):
    opened = open_widget("geometry", "en", reduced_motion="reduce")
    w = opened.page.locator("#widget-geometry")
    toy = examples.toy2d()
    W0, b0 = widgets.start_weights()
    w.locator(".ll-geometry__scramble").click()
    set_range(w.locator(".ll-geometry__rate input"), 1.5)
    for _ in range(3):
        w.locator(".ll-geometry__step").click()
    state = geometry_state(opened.page)
    W, b = widgets.train(W0, b0, toy.X, toy.y, 0.05, 3, rate=1.5)
    np.testing.assert_allclose(state["W"], W, rtol=0, atol=TOL)
    np.testing.assert_allclose(state["b"], b, rtol=0, atol=TOL)
    assert not np.allclose(W, widgets.train(W0, b0, toy.X, toy.y, 0.05, 3)[0])


@pytest.mark.browser
@pytest.mark.build
def test_geometric_playground_takes_touch(open_widget):
    opened = open_widget("geometry", "en", width=375, has_touch=True, is_mobile=True)
    page = opened.page
    query = page.locator("#widget-geometry .ll-query-handle")
    page.locator("#widget-geometry .ll-geometry__plot").evaluate("n => n.scrollIntoView({block: 'end'})")
    box = query.bounding_box()
    start = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    end = plot_xy(page, (0.0, -2.0))
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": start[0], "y": start[1]}]})
    for t in np.linspace(0, 1, 8)[1:]:
        point = {"x": start[0] + t * (end[0] - start[0]), "y": start[1] + t * (end[1] - start[1])}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    state = geometry_state(page)
    np.testing.assert_allclose(state["q"], [0.0, -2.0], atol=0.05)
    assert state["prediction"] == 2
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0


PAGE_STATE = """async (sel) => {
  // Two frames: Chromium decides which content-visibility: auto blocks to skip after a layout.
  for (let i = 0; i < 2; i++) await new Promise(requestAnimationFrame);
  const article = document.querySelector('article');
  const blocks = [...article.children];
  const box = document.querySelector(sel).getBoundingClientRect();
  return {
    scroll: scrollY,
    top: box.top,
    skipped: blocks.filter(b => b.style.contentVisibility === 'auto').length,
    styles: blocks.map(b => b.getAttribute('style') || null),
    heights: blocks.map(b => b.getBoundingClientRect().height),
    blocks: blocks.length,
  };
}"""


ALL_BACK = "() => ![...document.querySelector('article').children].some(b => b.style.contentVisibility)"


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("width", [1280, 375])
def test_a_drag_renders_only_the_screen_and_moves_nothing(open_widget, width):
    """While a handle is held, the article's blocks well off screen are not rendered (so each
    frame repaints the screen, not the whole page), and nothing on screen moves; on release
    every block is as before."""
    opened = open_widget("geometry", "en", width=width)
    page = opened.page
    # Every figure loaded first: a lazy image arriving mid-drag would change its block's
    # height for a reason that has nothing to do with the drag.
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })")
    page.wait_for_function("[...document.images].every(i => i.complete)")
    page.locator("#widget-geometry .ll-geometry__plot").evaluate("n => n.scrollIntoView({block: 'center'})")
    handle = page.locator("#widget-geometry .ll-query-handle")
    before = page.evaluate(PAGE_STATE, "#widget-geometry .ll-geometry__plot")
    assert before["skipped"] == 0
    box = handle.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 20, box["y"] + box["height"] / 2 - 15, steps=4)
    during = page.evaluate(PAGE_STATE, "#widget-geometry .ll-geometry__plot")
    assert 0 < during["skipped"] < during["blocks"], "the blocks far off screen are skipped"
    # Blocks whose children's margins collapsed through them may change height by a few pixels;
    # Chromium's scroll anchoring then keeps what is on screen in place.
    assert during["top"] == pytest.approx(before["top"], abs=0.5), "the widget stays where it was"
    # Each skipped block keeps its height (padding and borders included); one block above the
    # widget may take up a fraction of a pixel of margins that no longer collapse through.
    changed = [abs(a - b) for a, b in zip(during["heights"], before["heights"], strict=True) if abs(a - b) > 0.05]
    assert len(changed) <= 1 and all(c < 1 for c in changed), changed
    # On release the blocks stay out for a pause (ui.holdMs, made long here so the check does
    # not race a timer), and a drag within it reuses them instead of restyling the page twice.
    page.evaluate("LastLayer.ui.holdMs = 600000")
    page.mouse.up()
    assert page.evaluate(PAGE_STATE, "#widget-geometry .ll-geometry__plot")["styles"] == during["styles"]
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 - 10, box["y"] + box["height"] / 2, steps=2)
    assert page.evaluate(PAGE_STATE, "#widget-geometry .ll-geometry__plot")["styles"] == during["styles"]
    page.evaluate("LastLayer.ui.holdMs = 50")
    page.mouse.up()
    page.wait_for_function(ALL_BACK)
    after = page.evaluate(PAGE_STATE, "#widget-geometry .ll-geometry__plot")
    assert after["skipped"] == 0 and after["styles"] == before["styles"]
    assert after["top"] == pytest.approx(before["top"], abs=0.5)
    assert not np.allclose(geometry_state(page)["q"], widgets.data("geometry", "en")["query"])


SLIDER_DRAG = """() => {
  const w = document.querySelector("#widget-softmax"), row = w.querySelector(".ll-widget__temperature");
  const stops = JSON.parse(w.querySelector(".ll-widget__data").textContent).temperature.stops;
  const input = row.querySelector("input"), T = stops[Number(input.value)];
  const rows = [...w.querySelectorAll(".ll-widget__probs tbody tr")].filter(r => !r.hidden);
  const z = rows.map((r, j) => Number(w.querySelectorAll(".ll-widget__score input")[j].value));
  return {
    T: T,
    shownT: Number(row.querySelector(".ll-widget__value").dataset.value),
    bars: rows.map(r => Number(r.querySelector(".ll-bar").style.transform.match(/scaleX\\((.*)\\)/)[1])),
    expected: LastLayer.maths.softmax(z, T),
    shownP: rows.map(r => Number(r.querySelector(".ll-p").dataset.value)),
    contain: getComputedStyle(row).contain,
    box: [row.getBoundingClientRect().width, row.getBoundingClientRect().height],
    style: row.getAttribute("style"),
    sameText: window.__text === rows[0].querySelector(".ll-p").firstChild,
  };
}"""


@pytest.mark.browser
@pytest.mark.build
def test_a_drag_moves_the_bars_every_frame_and_the_numbers_at_reading_speed(open_widget):
    """During a drag the bars follow every move, the numbers at most every ui.readoutMs (here
    made long, so that the check cannot race it), and on release everything is exact. The
    dragged slider's row is contained meanwhile, without changing its size, and given back."""
    opened = open_widget("softmax", "en")
    page = opened.page
    w = page.locator("#widget-softmax")
    slider = w.locator(".ll-widget__temperature input")
    slider.evaluate("n => n.scrollIntoView({block: 'center'})")
    page.evaluate("window.__text = document.querySelector('#widget-softmax .ll-p').firstChild")
    before = page.evaluate(SLIDER_DRAG)
    page.evaluate("LastLayer.ui.readoutMs = 600000")
    box = slider.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 0.2 * box["width"], y)
    page.mouse.down()
    page.mouse.move(box["x"] + 0.3 * box["width"], y)  # the first move of a drag is read out
    first = page.evaluate(SLIDER_DRAG)
    assert first["shownT"] == first["T"] != before["T"]
    np.testing.assert_allclose(first["shownP"], first["expected"], atol=TOL)
    page.mouse.move(box["x"] + 0.8 * box["width"], y, steps=3)
    during = page.evaluate(SLIDER_DRAG)
    assert during["T"] != first["T"]
    np.testing.assert_allclose(during["bars"], during["expected"], atol=1e-4)  # the bars follow ...
    assert during["shownT"] == first["shownT"] and during["shownP"] == first["shownP"]  # ... the numbers wait
    assert "strict" in during["contain"] or "size" in during["contain"]
    assert during["box"] == pytest.approx(before["box"], abs=0.01)
    page.mouse.up()
    after = page.evaluate(SLIDER_DRAG)
    assert after["T"] == during["T"] and after["shownT"] == after["T"]
    np.testing.assert_allclose(after["shownP"], after["expected"], atol=TOL)
    assert after["style"] is None and after["contain"] == before["contain"]
    assert after["sameText"], "numbers are rewritten in place, not as new text nodes"
    # A pointer that rests mid-drag gets its numbers once ui.readoutMs has passed.
    page.evaluate("LastLayer.ui.readoutMs = 300")
    page.mouse.down()
    page.mouse.move(box["x"] + 0.5 * box["width"], y, steps=3)
    page.wait_for_function(f"() => {{ const s = ({SLIDER_DRAG})(); return s.shownT === s.T && s.T !== {after['T']}; }}")
    resting = page.evaluate(SLIDER_DRAG)
    np.testing.assert_allclose(resting["shownP"], resting["expected"], atol=TOL)
    page.mouse.up()
    assert opened.errors == [] and opened.foreign() == []


@pytest.mark.browser
@pytest.mark.build
def test_training_renders_only_the_screen_until_it_stops(open_widget):
    opened = open_widget("geometry", "en", reduced_motion="no-preference")
    page = opened.page
    before = page.evaluate(PAGE_STATE, "#widget-geometry")
    page.locator("#widget-geometry .ll-geometry__scramble").click()
    set_range(page.locator("#widget-geometry .ll-geometry__rate input"), 0.2)  # runs long enough to pause
    run = page.locator("#widget-geometry .ll-geometry__run")
    run.click()
    expect(run).to_have_attribute("aria-pressed", "true")
    assert page.evaluate(PAGE_STATE, "#widget-geometry")["skipped"] > 0
    page.evaluate("LastLayer.ui.holdMs = 50")
    run.click()
    expect(run).to_have_attribute("aria-pressed", "false")
    page.wait_for_function(ALL_BACK)
    assert page.evaluate(PAGE_STATE, "#widget-geometry")["styles"] == before["styles"]


# ---------------------------------------------------------------- built as the rest of the site

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
LOADER_TAG = re.compile(r'<script id="ll-load" data-scripts="([^"]*)">')
WIDGET_SCRIPT = re.compile(r"assets/widgets/(\w+)\.js$")
DATA_TAG = re.compile(r'<script type="application/json" class="ll-widget__data">(.*?)</script>', re.S)


def _page_html(site: Path, name: str, lang: str) -> str:
    return (site / ("zh" if lang == "zh" else "") / WIDGET_PAGES[name] / "index.html").read_text(encoding="utf-8")


@pytest.mark.build
def test_scripts_load_deferred_only_on_widget_pages(widget_site):
    from lastlayer import languages

    widget_pages = {  # every language of the site, each under its own folder but the default
        widget_site / ("" if lang == languages.DEFAULT else lang) / page / "index.html"
        for page in WIDGET_PAGES.values()
        for lang in languages.CODES
    }
    for html in widget_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        loader = LOADER_TAG.search(text)
        sources = loader[1].split(" ") if loader else []
        scripts = [m[1] for m in map(WIDGET_SCRIPT.search, sources) if m]
        if html in widget_pages:
            assert scripts[0] == "core" and len(scripts) == 2, html
        else:
            # No script tag or link to them (a figure's page may quote code that names the folder).
            assert scripts == [] and not re.search(r'(src|href)="[^"]*assets/widgets/', text), html
        assert 'type="module"' not in text  # ES modules do not load from file:// (offline copy)


@pytest.mark.build
@pytest.mark.parametrize("name", widgets.NAMES)
def test_widget_weight_is_within_budget(widget_site, name):
    """At most 30 KB compressed per page: both scripts plus the page's inline data."""
    scripts = sum(
        len(gzip.compress((widget_site / "assets" / "widgets" / f"{s}.js").read_bytes(), 9)) for s in ("core", name)
    )
    data = len(gzip.compress(DATA_TAG.search(_page_html(widget_site, name, "en"))[1].encode(), 9))
    assert scripts + data <= 30 * 1024, (scripts, data)


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", widgets.NAMES)
def test_pages_carry_the_data_python_exports(widget_site, name, lang):
    found = DATA_TAG.findall(_page_html(widget_site, name, lang))
    assert len(found) == 1
    assert json.loads(found[0]) == json.loads(widgets.to_json(widgets.data(name, lang)))


def test_data_is_json_safe_inside_a_script_element():
    assert "</" not in widgets.to_json({"s": "</script><b>"})
    assert json.loads(widgets.to_json({"s": "</script>"})) == {"s": "</script>"}
    with pytest.raises(KeyError):
        widgets.data("nothing", "en")


FOCUS_RINGS = """() => {
  const rgba = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const bg = rgba(getComputedStyle(document.body).backgroundColor);
  // Controls folded away in a <details> are checked too, as the reader meets them once open.
  document.querySelectorAll('.ll-widget details').forEach(d => { d.open = true; });
  const out = [];
  for (const el of document.querySelectorAll(
      '.ll-widget input:not([type=hidden]), .ll-widget button, .ll-widget select, .ll-widget textarea')) {
    if (!el.getClientRects().length || el.disabled) continue;
    el.focus();
    const s = getComputedStyle(el);
    const [r, g, b, a = 1] = rgba(s.outlineColor);
    const mix = [r, g, b].map((c, i) => a * c + (1 - a) * bg[i]);
    const ratio = (x, y) => { const [h, l] = [lum(x), lum(y)].sort((p, q) => q - p); return (h + 0.05) / (l + 0.05); };
    // A button's text against its own fill (over the page) while it has focus.
    const [fr, fg, fb, fa = 1] = rgba(s.backgroundColor);
    const fill = [fr, fg, fb].map((c, i) => fa * c + (1 - fa) * bg[i]);
    out.push({
      control: el.id || el.className || el.type,
      visible: el.matches(':focus-visible') && s.outlineStyle !== 'none',
      width: parseFloat(s.outlineWidth),
      contrast: ratio(mix, bg),
      text: el.tagName === 'BUTTON' ? ratio(rgba(s.color), fill) : 21,
    });
    el.blur();
  }
  return out;
}"""


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", widgets.NAMES)
def test_widget_has_no_accessibility_violations(open_widget, name, lang, scheme):
    assert AXE.is_file(), "axe-core is missing: `bash scripts/dev test` installs it with npm ci"
    opened = open_widget(name, lang, scheme)
    page = opened.page
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => (await axe.run(document.querySelector('.ll-widget'), {resultTypes: ['violations']}))
            .violations.map(x => `${x.id}: ${x.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`)"""
    )
    assert violations == []
    # Keyboard focus is visible on every control (WCAG 2.4.7 / 2.4.13): a ring at least
    # 2 CSS px thick with at least 3:1 contrast against the page's background; and a focused
    # button's label stays readable on its fill, 4.5:1 (in the dark scheme it was blue on blue).
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    rings = page.evaluate(FOCUS_RINGS)
    assert rings, "the widget has no control to focus"
    weak = [r for r in rings if not (r["visible"] and r["width"] >= 2 and r["contrast"] >= 3 and r["text"] >= 4.5)]
    assert weak == []
    assert opened.errors == []


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", widgets.NAMES)
def test_widget_fits_a_phone(open_widget, name, lang):
    opened = open_widget(name, lang, "dark", width=375)
    page = opened.page
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0
    box = page.locator(f"#widget-{name}").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    wide = page.evaluate(
        """n => [...document.querySelectorAll(`#widget-${n} *`)]
            .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
            .map(e => e.className.baseVal ?? e.className)""",
        name,
    )
    assert wide == []
    assert opened.errors == [] and opened.foreign() == []


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("name", widgets.NAMES)
def test_without_javascript_and_in_print_the_figure_stays(open_widget, name):
    opened = open_widget(name, "en", java_script_enabled=False)
    page = opened.page
    expect(page.locator(f"#widget-{name}")).to_be_hidden()
    figure = page.locator(f"#widget-{name}").locator("xpath=preceding-sibling::figure[1]")
    expect(figure.locator("img:visible")).to_have_count(1)
    opened = open_widget(name, "en")
    opened.page.emulate_media(media="print")
    expect(opened.page.locator(f"#widget-{name}")).to_be_hidden()


@pytest.mark.browser
@pytest.mark.build
def test_widget_follows_the_theme_switch(open_widget):
    page = open_widget("geometry", "en", "light").page
    colour = "getComputedStyle(document.querySelector('#widget-geometry .ll-geometry__table th')).color"
    region = "getComputedStyle(document.querySelector('#widget-geometry .ll-region')).stroke"
    before = (page.evaluate(colour), page.evaluate(region))
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    after = (page.evaluate(colour), page.evaluate(region))
    assert before[0] != after[0] and before[1] != after[1]


@pytest.mark.browser
@pytest.mark.build
def test_widgets_work_in_the_offline_copy(browser: Browser, widget_site, tmp_path):
    archive = widget_site / "downloads" / "lastlayer-offline.zip"
    if not archive.is_file():
        pytest.skip("this build has no offline copy (LASTLAYER_SKIP_OFFLINE)")
    with zipfile.ZipFile(archive) as z:
        z.extractall(tmp_path)
    context = browser.new_context()
    try:
        page = context.new_page()
        requests, errors = [], []
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        for name, stem in WIDGET_PAGES.items():
            for lang in LANGS:
                path = tmp_path / "lastlayer" / ("zh" if lang == "zh" else "") / f"{stem}.html"
                page.goto(path.as_uri(), wait_until="load")
                expect(page.locator(f"#widget-{name}")).to_be_visible()
                expect(page.locator(f"#widget-{name} .ll-widget__title")).to_have_text(
                    widgets.STRINGS[name][lang]["title"]
                )
        assert [u for u in requests if not u.startswith(("file:", "data:", "blob:"))] == []
        assert errors == []
    finally:
        context.close()


# ---------------------------------------------------------------- shareable state


def worked_setup(page: Page) -> dict:
    w = page.locator("#widget-worked")
    return {
        "x": [float(r.locator("input").input_value()) for r in w.locator(".ll-widget__pixel").all()],
        "T": float(w.locator(".ll-widget__temperature input").input_value()),
        "p": [value(c) for c in w.locator(".ll-p").all()],
    }


@pytest.mark.browser
@pytest.mark.build
def test_a_widgets_state_round_trips_through_the_address(open_widget, browser):
    """The worked example and softmax by hand keep their state in ?w-<name>=…: a change ends
    up in the address, and that address opens the widget in the same state; the copy control
    is there; a search's ?h= beside it is kept."""
    opened = open_widget("worked", query="?h=softmax")
    page = opened.page
    w = page.locator("#widget-worked")
    set_range(w.locator(".ll-widget__pixel").nth(1).locator("input"), 0.7)
    set_range(w.locator(".ll-widget__temperature input"), 2.5)
    page.wait_for_function("() => new URLSearchParams(location.search).has('w-worked')")
    url = page.url
    assert "h=softmax" in url
    before = worked_setup(page)
    again = open_widget("worked", query="?" + url.split("?", 1)[1]).page
    after = worked_setup(again)
    assert after["x"] == before["x"] and after["x"][1] == 0.7 and after["T"] == 2.5
    np.testing.assert_allclose(after["p"], before["p"], atol=TOL)
    ex = examples.worked_example()
    x = np.array(before["x"])
    np.testing.assert_allclose(after["p"], maths.softmax((x @ ex.W + ex.b) / 2.5), atol=TOL)
    expect(w.locator(".ll-widget__copy")).to_be_visible()
    # Softmax by hand: scores, temperature, shift and the fourth class. A temperature between
    # two of the log slider's stops is kept exactly, the thumb at the nearest stop.
    soft = open_widget("softmax", query="?w-softmax=z:1,2,3,-4;T:0.3;c:-10;four:1").page
    state = softmax_state(soft)
    z = np.array([1, 2, 3, -4.0]) - 10
    np.testing.assert_allclose(state["p"], maths.softmax(z / 0.3), atol=TOL)
    t_row = soft.locator("#widget-softmax .ll-widget__temperature")
    assert value(t_row.locator(".ll-widget__value")) == 0.3
    stops = widgets.temperature_stops()
    assert stops[int(t_row.locator("input").input_value())] == 0.32
    # The slider's far end round-trips through the address.
    t_row.locator("input").press("End")
    soft.wait_for_function("() => new URLSearchParams(location.search).get('w-softmax').includes('T:20;')")
    again = open_widget("softmax", query="?" + soft.url.split("?", 1)[1]).page
    t_again = again.locator("#widget-softmax .ll-widget__temperature")
    assert value(t_again.locator(".ll-widget__value")) == 20 and shown(t_again.locator(".ll-widget__value")) == "20"
    assert int(t_again.locator("input").input_value()) == len(stops) - 1
    np.testing.assert_allclose(softmax_state(again)["p"], maths.softmax(z / 20), atol=TOL)
    assert opened.errors == []


@pytest.mark.browser
@pytest.mark.build
def test_a_drawn_digit_round_trips_through_the_address(open_widget):
    """A digit drawn on the sketchpad ends up in ?w-digits=… (64 pixels to four decimals) and that
    address opens the same drawing and the same probabilities."""
    opened, _, _ = cleared_sketchpad(open_widget)
    page = opened.page
    stroke_at(page, [(3.5, 1.5), (3.6, 6.5)], steps=6)
    before = digits_state(page)
    assert before["x"].sum() > 0
    page.wait_for_function("() => new URLSearchParams(location.search).has('w-digits')")
    again = open_widget("digits", "en", query="?" + page.url.split("?", 1)[1]).page
    after = digits_state(again)
    np.testing.assert_allclose(after["x"], before["x"], atol=5e-5)
    np.testing.assert_allclose(after["p"], before["p"], atol=1e-3)
    check_digits(after, after["x"])
    assert opened.errors == []


@pytest.mark.browser
@pytest.mark.build
def test_the_geometry_set_up_round_trips_through_the_address(open_widget):
    """A teacher's set-up of the geometric playground (weights moved, a class's gain, λ, the step
    size, the query point) ends up in ?w-geometry=… and that address opens the same set-up; a
    broken one leaves the defaults."""
    opened = open_widget("geometry", "en", reduced_motion="reduce")
    page = opened.page
    w = page.locator("#widget-geometry")
    w.locator(".ll-geometry__scramble").click()
    w.locator(".ll-geometry__step").click()
    set_range(w.locator(".ll-geometry__gain input"), 2)
    set_range(w.locator(".ll-geometry__l2 input"), 0.2)
    set_range(w.locator(".ll-geometry__rate input"), 1.5)
    page.wait_for_function("() => (new URLSearchParams(location.search).get('w-geometry') || '').includes('r:1.5')")
    before = geometry_state(page)
    again = open_widget("geometry", "en", query="?" + page.url.split("?", 1)[1]).page
    after = geometry_state(again)
    np.testing.assert_allclose(after["W"], before["W"], atol=1e-4)  # the address keeps 4 decimals
    np.testing.assert_allclose(after["b"], before["b"], atol=1e-4)
    np.testing.assert_allclose(after["q"], before["q"], atol=1e-4)
    np.testing.assert_allclose(after["p"], before["p"], atol=1e-3)
    a = again.locator("#widget-geometry")
    assert value(a.locator(".ll-geometry__l2 .ll-widget__value")) == 0.2
    assert value(a.locator(".ll-geometry__rate .ll-widget__value")) == 1.5
    assert value(a.locator(".ll-geometry__gain .ll-widget__value")) == 2
    broken = open_widget("geometry", "en", query="?w-geometry=W:1,2;q:9,9").page
    toy = examples.toy2d()
    np.testing.assert_allclose(geometry_state(broken)["W"], toy.W, atol=TOL)
    assert opened.errors == []


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize(
    "query",
    [
        "?w-worked=x:1e308,0,0,0",  # out of range
        "?w-worked=x:NaN,0,0,0",
        "?w-worked=x:0.1,0.2",  # wrong length
        "?w-worked=T:0.5;T:0.6",  # repeated
        "?w-worked=%3Cscript%3Ealert(1)%3C/script%3E",
        "?w-worked=W:" + ",".join(["1"] * 11) + ";x:0,0,0,0",
        "?w-worked=constructor:1",
    ],
)
def test_a_hostile_or_broken_address_leaves_the_widget_at_its_default(open_widget, query):
    opened = open_widget("worked", query=query)
    ex = examples.worked_example()
    np.testing.assert_allclose(worked_setup(opened.page)["p"], ex.probs, atol=TOL)
    assert opened.errors == []


@pytest.mark.browser
@pytest.mark.build
def test_a_typed_weight_out_of_range_is_held_with_a_message(open_widget):
    opened = open_widget("worked")
    page = opened.page
    w = page.locator("#widget-worked")
    w.locator("details.ll-widget__weights summary").click()
    field = w.locator(".ll-widget__number").first
    before = worked_setup(page)["p"]
    for typed in ("1000", "1e308", ""):
        field.fill(typed)
        expect(w.locator(".ll-widget__invalid")).to_contain_text("from")
        assert worked_setup(page)["p"] == before, typed
        assert field.get_attribute("aria-invalid") == "true"
    field.fill("2")
    expect(w.locator(".ll-widget__invalid")).to_have_text("")
    assert worked_setup(page)["p"] != before
    assert opened.errors == []


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_worked_image_shows_pixels_as_brightness_in_either_scheme(open_widget, scheme):
    """As in the page's figure of the 2 × 2 image: a bright pixel (0.90) is drawn bright."""
    page = open_widget("worked", scheme=scheme).page
    grey = page.evaluate(
        """() => [...document.querySelectorAll('#widget-worked .ll-worked__image rect')]
          .map(r => getComputedStyle(r).fill)
          .map(f => [f.startsWith('color(') ? 1 : 255, f.match(/[\\d.]+/g).slice(0, 3).map(Number)])
          .map(([scale, [r, g, b]]) => (r + g + b) / 3 / scale)"""
    )
    x = examples.worked_example().x
    assert len(grey) == len(x)
    np.testing.assert_allclose(grey, x, atol=0.01)
