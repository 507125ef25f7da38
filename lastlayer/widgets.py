"""The explorables: data exported to the pages' widgets, and the Python reference of their maths.

Each widget (``docs/assets/widgets/<name>.js``, on top of ``core.js``) is placed on a page
with ``{% widget name %}``. The shortcode writes :func:`html`: an empty, hidden container
holding the widget's data as inline JSON (so the offline copy works from ``file://``) and
the two deferred classic scripts that fill it. Everything the scripts show comes from this
module: the examples, the trained weights, the held-out digits, the slider ranges and the
labels in the page's language. Nothing numeric is typed into the JavaScript.

The geometric playground trains the layer in the reader's browser by plain gradient
descent; :func:`train` is the Python reference it must agree with (the tests compare).
"""

from __future__ import annotations

import html as _html
import json
from functools import cache

import numpy as np

from lastlayer import examples, languages, maths

NAMES = ("softmax", "worked", "digits", "geometry")
#: Scripts every widget page loads, in order, before the widget's own.
CORE = "core"


# ---------------------------------------------------------------- training reference


def objective(W: np.ndarray, b: np.ndarray, X: np.ndarray, y: np.ndarray, l2: float) -> float:
    """Mean cross-entropy plus (l2/2)·‖W‖², as :func:`lastlayer.models.objective` (bias not penalised)."""
    Z = X @ W + b
    ce = np.mean(maths.log_sum_exp(Z) - Z[np.arange(len(y)), y])
    return float(ce + 0.5 * l2 * np.sum(W**2))


def lipschitz0(X: np.ndarray) -> float:
    """‖[X, 1]‖²/(2N): with l2 added, the Lipschitz constant :func:`lastlayer.models.fit_softmax` steps by."""
    N = len(X)
    return float(np.linalg.norm(np.c_[X, np.ones(N)], 2) ** 2 / (2 * N))


def step_size(X: np.ndarray, l2: float) -> float:
    return 1.0 / (lipschitz0(X) + l2)


def train_step(W: np.ndarray, b: np.ndarray, X: np.ndarray, y: np.ndarray, l2: float, lr: float):
    """One full-batch gradient step on :func:`objective`: G = (ŷ − y)/N, W −= lr·(XᵀG + l2·W), b −= lr·ΣG."""
    k = W.shape[1]
    G = (maths.softmax(X @ W + b) - np.eye(k)[y]) / len(y)
    return W - lr * (X.T @ G + l2 * W), b - lr * G.sum(0)


def train(W, b, X, y, l2: float, steps: int, rate: float = 1.0):
    """``steps`` gradient steps from (W, b) with the step size rate/(L₀ + l2), as the playground takes them."""
    W, b = np.array(W, dtype=float), np.array(b, dtype=float)
    lr = rate * step_size(X, l2)
    for _ in range(steps):
        W, b = train_step(W, b, X, y, l2, lr)
    return W, b


#: The playground's Run stops by itself when a frame's steps lower the objective by less than
#: this: the loss has settled and nothing would visibly change any more.
SETTLED = 1e-6


def settle(W, b, X, y, l2: float, rate: float = 1.0, per_frame: int = 2, max_steps: int = 3000) -> int:
    """The number of steps after which Run stops (as the playground animates it, per_frame at a time)."""
    W, b = np.array(W, dtype=float), np.array(b, dtype=float)
    lr, steps = rate * step_size(X, l2), 0
    while steps < max_steps:
        before = objective(W, b, X, y, l2)
        for _ in range(per_frame):
            W, b = train_step(W, b, X, y, l2, lr)
        steps += per_frame
        if before - objective(W, b, X, y, l2) < SETTLED:
            break
    return steps


# ---------------------------------------------------------------- labels

#: The widgets' labels, {lang: {key: label}}, from lastlayer/languages.py ("widget.common", "widget.<name>").
COMMON = languages.PerLanguage("widget.common")
STRINGS = {name: languages.PerLanguage(f"widget.{name}") for name in NAMES}


# ---------------------------------------------------------------- data


def _slider(lo: float, hi: float, step: float, value: float) -> dict:
    return {"min": lo, "max": hi, "step": step, "value": float(value)}


#: The softmax widget's temperature slider: T from about 0.05 (near one-hot) to 20 (near
#: uniform), moving in log T with STEPS_PER_DECADE positions per factor of ten, each T
#: rounded to TEMPERATURE_DIGITS significant digits (1.0, 1.1, 1.3, 1.4, 1.6, …).
TEMPERATURE_RANGE = (0.05, 20.0)
STEPS_PER_DECADE = 20
TEMPERATURE_DIGITS = 2


def temperature_stops(lo: float = TEMPERATURE_RANGE[0], hi: float = TEMPERATURE_RANGE[1]) -> list[float]:
    """The temperatures the log slider stops at, from ``lo`` to ``hi``: 10^(u/STEPS_PER_DECADE)
    for whole u, rounded to TEMPERATURE_DIGITS significant digits; 1 is one of them."""
    first, last = (round(STEPS_PER_DECADE * np.log10(t)) for t in (lo, hi))
    return [float(f"{10 ** (u / STEPS_PER_DECADE):.{TEMPERATURE_DIGITS}g}") for u in range(first, last + 1)]


def _softmax_data(lang: str) -> dict:
    ex = examples.worked_example()
    names = [*examples.CLASS_NAMES[lang], STRINGS["softmax"][lang]["extra"]]
    z = [round(float(v), 2) for v in ex.z]  # the sliders' step is 0.01
    stops = temperature_stops()
    return {
        "classes": names,
        "scores": [_slider(-10, 10, 0.01, v) for v in [*z, 0.0]],
        "fourth": False,
        # A log slider: the input moves over the stops' indices, the widget shows T itself.
        "temperature": {"min": stops[0], "max": stops[-1], "value": 1.0, "stops": stops, "digits": TEMPERATURE_DIGITS},
        "shift": _slider(-1000, 1000, 10, 0.0),
    }


def _worked_data(lang: str) -> dict:
    ex = examples.worked_example()
    return {
        "classes": list(examples.CLASS_NAMES[lang]),
        "x": [float(v) for v in ex.x],
        "W": ex.W.tolist(),
        "b": ex.b.tolist(),
        "pixel": _slider(0, 1, 0.01, 0),
        "weight": {"min": -5, "max": 5, "step": 0.1},
        "temperature": _slider(0.1, 5, 0.01, 1.0),
        "shape": list(examples.IMAGE_SHAPE),
    }


def heldout_digits() -> tuple[np.ndarray, np.ndarray]:
    """The first held-out image of each digit, 0 to 9: what the sketchpad can load."""
    from lastlayer import models

    d = models.digits()
    idx = [int(np.flatnonzero(d.y_test == k)[0]) for k in range(10)]
    return d.X_test[idx], d.y_test[idx]


#: The sketchpad's brush, in pixels of the 8×8 grid: full ink within BRUSH_CORE of the stroke,
#: fading linearly to none at BRUSH_EDGE, in the data's 16 grey levels. A stroke thus carries
#: BRUSH_CORE + BRUSH_EDGE = 2.5 pixels of ink across it, as the training digits' strokes do
#: (2 to 3 pixels, soft at the edges); a one-pixel pen draws digits the model never saw.
BRUSH_CORE = 0.75
BRUSH_EDGE = 1.75
LEVELS = 16
#: A pixel is dead when no class weighs it more than DEAD_FRACTION of the largest weight:
#: the training digits (almost) never have ink there, so the L2 penalty keeps its weights
#: at about 0 and ink drawn there changes no score.
DEAD_FRACTION = 0.05


def brush(distance: np.ndarray) -> np.ndarray:
    """Ink at ``distance`` pixels from a stroke, rounded to the data's grey levels (halves up, as the script)."""
    v = np.clip((BRUSH_EDGE - np.asarray(distance, dtype=float)) / (BRUSH_EDGE - BRUSH_CORE), 0, 1)
    return np.floor(v * LEVELS + 0.5) / LEVELS


def _segment_distance(side: int, a, b) -> np.ndarray:
    """Distance from each pixel's centre (in pixel units, row-major) to the segment a–b ((x, y) points)."""
    rows, cols = np.divmod(np.arange(side * side), side)
    centres = np.c_[cols + 0.5, rows + 0.5]
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    d = b - a
    length2 = float(d @ d)
    t = np.zeros(len(centres)) if length2 == 0 else np.clip((centres - a) @ d / length2, 0, 1)
    return np.linalg.norm(centres - (a + t[:, None] * d), axis=1)


def stroke(x, points, pen: bool = True, side: int = 8) -> np.ndarray:
    """The image ``x`` after one stroke of the pen (or the eraser) through ``points``, (x, y) in
    pixel units from the grid's top-left corner, as the sketchpad draws it segment by segment
    (a single point is a dab). The pen darkens each pixel to the brush's ink (the larger of
    the two, so strokes that cross do not add up); the eraser takes the brush's ink away, so
    an eraser's dab where the pen dabbed leaves nothing."""
    x = np.array(x, dtype=float)
    points = [tuple(p) for p in points]
    for a, b in zip(points, points[1:] or points, strict=False):
        ink = brush(_segment_distance(side, a, b))
        x = np.maximum(x, ink) if pen else np.maximum(0, x - ink)
    return x


def dead_pixels(W: np.ndarray) -> list[int]:
    """Pixels whose weights are about 0 for every class (see DEAD_FRACTION)."""
    largest = np.abs(W).max(axis=1)
    return [int(i) for i in np.flatnonzero(largest <= DEAD_FRACTION * largest.max())]


def _digits_data(lang: str) -> dict:
    from lastlayer import models, style

    m = models.digits_model()
    X, y = heldout_digits()
    side = 8
    dead = dead_pixels(m.W)
    # The keyboard cursor starts on the live pixel nearest the grid's centre.
    rows, cols = np.divmod(np.arange(side * side), side)
    far = np.hypot(rows + 0.5 - side / 2, cols + 0.5 - side / 2)
    far[dead] = np.inf
    return {
        "classes": [str(k) for k in range(10)],
        "W": m.W.tolist(),
        "b": m.b.tolist(),
        "heldout": X.tolist(),
        "labels": y.tolist(),
        "side": side,
        "top": 2,
        "initial": 3,
        "brush": {"core": BRUSH_CORE, "edge": BRUSH_EDGE, "levels": LEVELS},
        "dead": dead,
        "cursor": int(np.argmin(far)),
        # The figures' diverging map (lastlayer.style.diverging) per scheme: its two ends and
        # the stops halfway to the page's background, negative first.
        "diverging": {theme: list(style.DIVERGING_STOPS[theme]) for theme in ("light", "dark")},
    }


@cache
def start_weights() -> tuple[np.ndarray, np.ndarray]:
    """Random small weights the playground's training can start from (seeded: the same every build)."""
    rng = np.random.default_rng(16)
    return 0.5 * rng.standard_normal((2, 3)), np.zeros(3)


#: The playground's data sets: the page's toy clusters first (the default), then two that no
#: linear layer fits perfectly: the same three clusters spread until they overlap, and the cats
#: in two clusters on either side of the dogs (a class's region is convex: it cannot hold both).
DATASETS = ("clusters", "overlap", "split")
#: Where the split set's clusters sit: two of cats, one of dogs between them, one of birds.
SPLIT_CENTRES = np.array([[2.3, 1.3], [-2.3, 1.3], [0.0, 1.0], [0.0, -1.9]])
SPLIT_CLASSES = (0, 0, 1, 2)


def _cluster(rng, centre, spread: float, count: int, box: float) -> np.ndarray:
    """``count`` normal points around ``centre``, redrawn until all lie inside the plot's box."""
    kept: list[np.ndarray] = []
    while len(kept) < count:
        p = centre + spread * rng.standard_normal(2)
        if np.all(np.abs(p) < box - 0.1):
            kept.append(p)
    return np.array(kept)


@cache
def datasets() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The playground's data sets, {name: (X, y)}, in the order of :data:`DATASETS` (seeded)."""
    toy = examples.toy2d()
    rng = np.random.default_rng(8)
    overlap = np.concatenate([_cluster(rng, c, 1.1, 40, PLAYGROUND_BOX) for c in examples.TOY_CENTRES])
    counts = (20, 20, 40, 40)
    split = np.concatenate(
        [_cluster(rng, c, 0.5, n, PLAYGROUND_BOX) for c, n in zip(SPLIT_CENTRES, counts, strict=True)]
    )
    return {
        "clusters": (toy.X, toy.y),
        "overlap": (overlap, np.repeat(np.arange(3), 40)),
        "split": (split, np.repeat(SPLIT_CLASSES, counts)),
    }


#: Half the side of the playground's square plot, in feature units.
PLAYGROUND_BOX = 3.5


def _geometry_data(lang: str) -> dict:
    toy = examples.toy2d()
    W0, b0 = start_weights()
    return {
        "classes": list(examples.CLASS_NAMES[lang]),
        "X": toy.X.tolist(),
        "y": toy.y.tolist(),
        "datasets": [
            {"id": name, "X": X.tolist(), "y": y.tolist(), "lipschitz0": lipschitz0(X)}
            for name, (X, y) in datasets().items()
        ],
        "W": toy.W.tolist(),
        "b": toy.b.tolist(),
        "query": toy.query.tolist(),
        "start": {"W": W0.tolist(), "b": b0.tolist()},
        "box": PLAYGROUND_BOX,
        "keystep": 0.1,
        "bias": _slider(-3, 3, 0.01, 0),
        "gain": _slider(0.25, 4, 0.05, 1.0),
        "scale": _slider(0.25, 4, 0.05, 1.0),
        "l2": _slider(0, 0.5, 0.01, 0.05),
        # The step size in units of 1/L (L bounds the objective's curvature): 1 is always safe,
        # and gradient descent still converges below 2.
        "rate": _slider(0.1, 1.9, 0.1, 1.0),
        "settled": SETTLED,
        "settled_text": "10" + str(round(np.log10(SETTLED))).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")),
        "common": [0.8, -0.6],
        "lipschitz0": lipschitz0(toy.X),
        "perframe": 2,
        "batch": 100,
        "maxsteps": 3000,
    }


_DATA = {"softmax": _softmax_data, "worked": _worked_data, "digits": _digits_data, "geometry": _geometry_data}


def data(name: str, lang: str) -> dict:
    """Everything the widget ``name`` needs on a page in ``lang``, JSON-ready; kept on disk
    under a hash of the code and libraries that make it (this module and all it reaches,
    :mod:`lastlayer.deps`), so a rebuild loads no data set."""
    from lastlayer.cache import cached_json

    if name not in _DATA:
        raise KeyError(f"unknown widget {name!r}; known: {', '.join(NAMES)}")
    return cached_json("widgets", (name, lang), lambda: _data(name, lang), code=("widgets",))


def _data(name: str, lang: str) -> dict:
    from lastlayer import style

    return {
        "widget": name,
        "lang": lang,
        "colors": list(style.CLASS_COLORS),
        "strings": {**COMMON[lang], **STRINGS[name][lang]},
        **_DATA[name](lang),
    }


def to_json(value) -> str:
    """JSON safe inside a <script> element (no "</" can close it)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def html(name: str, lang: str, scripts: list[str]) -> str:
    """The widget's container (hidden until its script fills it), its data and its scripts.

    ``scripts`` are the URLs of ``core.js`` and the widget's script relative to the page, or
    an empty list when an earlier widget on the page has loaded them already.
    """
    payload = data(name, lang)
    colors = ";".join(f"--ll-c{j}:{c}" for j, c in enumerate(payload["colors"]))
    tags = "".join(f'<script defer src="{_html.escape(src)}"></script>' for src in scripts)
    return (
        f'<div class="ll-widget ll-widget--{name}" id="widget-{name}" data-widget="{name}" '
        f'style="{colors}" hidden>'
        f'<script type="application/json" class="ll-widget__data">{to_json(payload)}</script></div>'
        f"{tags}"
    )
