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

from lastlayer import examples, maths, style

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

COMMON = {
    "en": {"reset": "Reset", "prediction": "Prediction", "class": "Class", "sum": "sum"},
    "zh": {"reset": "重置", "prediction": "预测", "class": "类别", "sum": "总和"},
}

STRINGS = {
    "softmax": {
        "en": {
            "title": "Try it: softmax by hand",
            "help": "Move the scores, the temperature and a shift added to every score.",
            "score": "Score",
            "fourth": "Use a fourth class",
            "extra": "class 4",
            "temperature": "Temperature T",
            "shift": "Shift c added to every score",
            "probs": "softmax(z / T)",
            "lse": "log-sum-exp of z / T",
            "max": "max of z / T",
            "naive": "Textbook formula e^(z/T) / Σ e^(z/T)",
            "overflow": "overflows",
            "sigmoid": "Two classes: σ((z₁ − z₂) / T)",
            "twosoft": "softmax of the first two scores alone",
            "announce": "Largest probability: {cls}, {p}%.",
        },
        "zh": {
            "title": "动手试试：手算 softmax",
            "help": "拖动分数、温度，以及加到每个分数上的平移量。",
            "score": "分数",
            "fourth": "加入第四个类别",
            "extra": "类别 4",
            "temperature": "温度 T",
            "shift": "加到每个分数上的平移量 c",
            "probs": "softmax(z / T)",
            "lse": "z / T 的 log-sum-exp",
            "max": "z / T 的最大值",
            "naive": "教科书公式 e^(z/T) / Σ e^(z/T)",
            "overflow": "溢出",
            "sigmoid": "两个类别：σ((z₁ − z₂) / T)",
            "twosoft": "只取前两个分数的 softmax",
            "announce": "概率最大的是{cls}，{p}%。",
        },
    },
    "worked": {
        "en": {
            "title": "Try it: the worked example, live",
            "help": "Change the pixels, the weights, the biases and the temperature.",
            "pixels": "Pixels x",
            "pixel": "Pixel",
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
        "zh": {
            "title": "动手试试：可交互的算例",
            "help": "改变像素、权重、偏置和温度。",
            "pixels": "像素 x",
            "pixel": "像素",
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
    },
    "digits": {
        "en": {
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
            "contrib": "Contribution map w ⊙ x of “{d}”: score {z}",
            "announce": "Prediction: {cls}, {p}%.",
            "cursor": "Cursor at row {r}, column {c}.",
        },
        "zh": {
            "title": "动手试试：数字画板",
            "help": "用鼠标或手指在 8×8 网格上画。用键盘时：方向键移动光标，空格键画，Delete 键擦除。",
            "grid": "绘图网格，8×8 像素。方向键移动光标，空格键画，Delete 键擦除。",
            "pen": "画笔",
            "eraser": "橡皮",
            "clear": "清空",
            "load": "载入一张留出的数字",
            "none": "请选择…",
            "heldout": "留出的数字 {d}",
            "probs": "概率",
            "contrib": "“{d}”的贡献图 w ⊙ x：分数 {z}",
            "announce": "预测：{cls}，{p}%。",
            "cursor": "光标在第 {r} 行第 {c} 列。",
        },
    },
    "geometry": {
        "en": {
            "title": "Try it: the geometric playground",
            "help": (
                "Drag the query point and the tips of the normal vectors, or focus one and use the"
                " arrow keys. Dashed lines are the zero-score lines; shaded regions are the classes the"
                " layer predicts."
            ),
            "plot": "Plane of the two features",
            "query": "query point",
            "tip": "tip of w for {cls}",
            "keys": "Arrow keys move it.",
            "drag": "draggable point",
            "bias": "Bias b for {cls}",
            "gain": "Gain on one class (moves boundaries)",
            "gainclass": "Class the gain multiplies",
            "scale": "Global scale of every w and b (a temperature)",
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
            "l2": "L2 penalty λ",
            "steps": "steps",
            "loss": "loss",
            "accuracy": "accuracy",
            "announce": "Prediction at ({x}, {y}): {cls}, {p}%.",
        },
        "zh": {
            "title": "动手试试：几何游乐场",
            "help": "拖动查询点和法向量的端点，或先选中再用方向键移动。虚线是零分数线，着色区域是该层预测的类别。",
            "plot": "两个特征构成的平面",
            "query": "查询点",
            "tip": "{cls}的 w 端点",
            "keys": "方向键可移动它。",
            "drag": "可拖动的点",
            "bias": "{cls}的偏置 b",
            "gain": "单个类别的增益（会移动边界）",
            "gainclass": "增益作用的类别",
            "scale": "所有 w 和 b 的整体缩放（即温度）",
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
            "l2": "L2 惩罚 λ",
            "steps": "步数",
            "loss": "损失",
            "accuracy": "准确率",
            "announce": "({x}, {y}) 处的预测：{cls}，{p}%。",
        },
    },
}


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
    """Everything the widget ``name`` needs on a page in ``lang``, JSON-ready."""
    if name not in _DATA:
        raise KeyError(f"unknown widget {name!r}; known: {', '.join(NAMES)}")
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
    colors = ";".join(f"--ll-c{j}:{c}" for j, c in enumerate(style.CLASS_COLORS))
    tags = "".join(f'<script defer src="{_html.escape(src)}"></script>' for src in scripts)
    return (
        f'<div class="ll-widget ll-widget--{name}" id="widget-{name}" data-widget="{name}" '
        f'style="{colors}" hidden>'
        f'<script type="application/json" class="ll-widget__data">{to_json(payload)}</script></div>'
        f"{tags}"
    )
