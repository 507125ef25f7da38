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


def train(W, b, X, y, l2: float, steps: int):
    """``steps`` gradient steps from (W, b) with the step size 1/(L₀ + l2), as the playground takes them."""
    W, b = np.array(W, dtype=float), np.array(b, dtype=float)
    lr = step_size(X, l2)
    for _ in range(steps):
        W, b = train_step(W, b, X, y, l2, lr)
    return W, b


# ---------------------------------------------------------------- labels

#: The widgets' labels, {lang: {key: label}}, from lastlayer/languages.py ("widget.common", "widget.<name>").
COMMON = languages.PerLanguage("widget.common")
STRINGS = {name: languages.PerLanguage(f"widget.{name}") for name in NAMES}


# ---------------------------------------------------------------- data


def _slider(lo: float, hi: float, step: float, value: float) -> dict:
    return {"min": lo, "max": hi, "step": step, "value": float(value)}


def _softmax_data(lang: str) -> dict:
    ex = examples.worked_example()
    names = [*examples.CLASS_NAMES[lang], STRINGS["softmax"][lang]["extra"]]
    z = [round(float(v), 2) for v in ex.z]  # the sliders' step is 0.01
    return {
        "classes": names,
        "scores": [_slider(-10, 10, 0.01, v) for v in [*z, 0.0]],
        "fourth": False,
        "temperature": _slider(0.1, 5, 0.01, 1.0),
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


def _digits_data(lang: str) -> dict:
    from lastlayer import models

    m = models.digits_model()
    X, y = heldout_digits()
    return {
        "classes": [str(k) for k in range(10)],
        "W": m.W.tolist(),
        "b": m.b.tolist(),
        "heldout": X.tolist(),
        "labels": y.tolist(),
        "side": 8,
        "top": 2,
        "initial": 3,
    }


@cache
def start_weights() -> tuple[np.ndarray, np.ndarray]:
    """Random small weights the playground's training can start from (seeded: the same every build)."""
    rng = np.random.default_rng(16)
    return 0.5 * rng.standard_normal((2, 3)), np.zeros(3)


def _geometry_data(lang: str) -> dict:
    toy = examples.toy2d()
    W0, b0 = start_weights()
    return {
        "classes": list(examples.CLASS_NAMES[lang]),
        "X": toy.X.tolist(),
        "y": toy.y.tolist(),
        "W": toy.W.tolist(),
        "b": toy.b.tolist(),
        "query": toy.query.tolist(),
        "start": {"W": W0.tolist(), "b": b0.tolist()},
        "box": 3.5,
        "keystep": 0.1,
        "bias": _slider(-3, 3, 0.01, 0),
        "gain": _slider(0.25, 4, 0.05, 1.0),
        "scale": _slider(0.25, 4, 0.05, 1.0),
        "l2": _slider(0, 0.5, 0.01, 0.05),
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
