"""Named numbers and tables that pages quote, computed from the examples and models.

``{% num name %}`` inserts a number and ``{% table name %}`` a Markdown table (headers in
the page's language). Pages never type a number that code computes: they name it here,
so prose, figures and tests read the same value.
"""

from __future__ import annotations

import html
import importlib
import importlib.metadata
import json
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np

from lastlayer import deps, fmt, languages, models
from lastlayer.cache import atomic_write, exclusive
from lastlayer.examples import (
    CLASS_NAMES,
    SCALES,
    TOY_WINDOW,
    class_changes,
    scaled,
    scaled_all,
    toy2d,
    window_grid,
    worked_example,
)
from lastlayer.maths import cross_entropy_param_grads, linear, probability_gradient, softmax
from lastlayer.project import generated
from lastlayer.registry import GROUPS, group

# ---------------------------------------------------------------- the registry
#
# Values come in small named groups: ``@group("iris")`` registers a function that returns
# every value whose name starts with ``iris.``. A group is computed only when a page asks
# for one of its values, once per process, and its result is kept on disk keyed by a hash
# of the package's code and the pinned libraries, so a rebuild with nothing changed loads
# JSON instead of importing scikit-learn and loading models.


def providers() -> list[str]:
    """The modules of this package that register groups (they import the registry), found
    from their source: naming them here would make this module depend on all of them."""
    return [p.stem for p in sorted(deps.PACKAGE_DIR.glob("*.py")) if "registry" in deps.references(p)[0]]


def groups() -> dict[str, Callable[[], dict[str, str]]]:
    """Every registered group; the providers are imported on the first lookup."""
    for name in providers():
        importlib.import_module(f"{__package__}.{name}")
    return dict(GROUPS)


def _code_key(prefix: str) -> str:
    """The code a group's values come from: the module that defines its function and all
    that module can reach (:mod:`lastlayer.deps`), with the libraries they import."""
    source = Path(sys.modules[groups()[prefix].__module__].__file__)
    return deps.digest(source)[:16]


def _cache_file(prefix: str) -> Path:
    return generated("values") / f"{prefix}-{_code_key(prefix)}.json"


@cache
def group_values(prefix: str) -> dict[str, str]:
    """Every value of one group, from the disk cache when the code has not changed."""
    registry = groups()
    if prefix not in registry:
        raise KeyError(f"no computed value group named {prefix!r}")
    path = _cache_file(prefix)
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    with exclusive(path):  # another process computing the same group: wait and read its file
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
        computed = registry[prefix]()
        bad = [name for name in computed if not name.startswith(prefix + ".")]
        if bad:
            raise ValueError(f"value group {prefix!r} returned names outside it: {bad[:3]}")
        atomic_write(path, json.dumps(computed, ensure_ascii=False, indent=0))
    return computed


def cached(prefix: str) -> bool:
    """Whether a group's values are on disk already (a lookup would compute nothing)."""
    return _cache_file(prefix).is_file()


def table() -> dict[str, str]:
    """Every value of every group (tests; pages use :func:`lookup`, which computes only what it needs)."""
    out: dict[str, str] = {}
    for prefix in groups():
        out |= group_values(prefix)
    return out


def _pct(x: float) -> str:
    return fmt.num(100 * x, 1)


_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def _scientific(x: float) -> str:
    """A tiny number as "4.4 × 10⁻¹⁵" (prose has no exponent notation); exactly zero stays "0"."""
    if x == 0:
        return "0"
    mantissa, exponent = f"{x:.1e}".split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"


@group("worked")
def _worked() -> dict[str, str]:
    out: dict[str, str] = {}
    ex = worked_example()
    n, k = ex.W.shape
    out |= {
        "worked.n": str(n),
        "worked.k": str(k),
        "worked.x": fmt.vector(ex.x),
        "worked.b": fmt.vector(ex.b),
        "worked.z": fmt.vector(ex.z),
        # Parts meant to add up are rounded to add up as shown (largest remainder).
        "worked.exp_z": ", ".join(fmt.parts(ex.exp_z)),
        "worked.exp_sum": fmt.total(ex.exp_z),
        "worked.probs": ", ".join(fmt.parts(ex.probs)),
        "worked.probs_sum": fmt.total(ex.probs),
        "worked.x_norm": fmt.num(np.linalg.norm(ex.x)),
    }
    norms = np.linalg.norm(ex.W, axis=0)
    dots = ex.x @ ex.W
    for j in range(k):
        out[f"worked.z.{j}"] = fmt.num(ex.z[j])
        out[f"worked.b.{j}"] = fmt.num(ex.b[j])
        out[f"worked.w.{j}"] = fmt.vector(ex.W[:, j])
        out[f"worked.exp_z.{j}"] = fmt.parts(ex.exp_z)[j]
        out[f"worked.probs.{j}"] = fmt.parts(ex.probs)[j]
        out[f"worked.percent.{j}"] = _pct(ex.probs[j])
        out[f"worked.wnorm.{j}"] = fmt.num(norms[j])
        out[f"worked.dot.{j}"] = fmt.num(dots[j])
        out[f"worked.cos.{j}"] = fmt.num(dots[j] / (norms[j] * np.linalg.norm(ex.x)))
        for i in range(n):
            out[f"worked.w.{i}.{j}"] = fmt.num(ex.W[i, j])
            out[f"worked.contrib.{i}.{j}"] = fmt.num(ex.contributions[i, j])
    for i in range(n):
        out[f"worked.x.{i}"] = fmt.num(ex.x[i])
    for i in range(k):
        for j in range(k):
            if i != j:
                out[f"worked.gap.{i}.{j}"] = fmt.num(ex.z[i] - ex.z[j])
                out[f"worked.ratio.{i}.{j}"] = fmt.num(ex.probs[i] / ex.probs[j])
    # Doubling the dog template doubles its dot product with x but leaves the cosine alone.
    out["worked.dot2.1"] = fmt.num(2 * dots[1])
    out["worked.features.1"] = fmt.num(ex.contributions[:, 1].sum())
    # One gradient step on the cat label: parameter gradients, and what the step does to this input's scores.
    grad_W, grad_b = cross_entropy_param_grads(ex.x, ex.W, ex.b, 0)
    out["worked.grad_W.shape"] = f"{grad_W.shape[0]}×{grad_W.shape[1]}"
    out["worked.grad_b.shape"] = str(grad_b.shape[0])
    out["worked.grad_W.0"] = fmt.vector(grad_W[:, 0])
    out["worked.x_norm_sq_plus_1"] = fmt.num(float(ex.x @ ex.x) + 1)
    return out


@group("iris")
def _iris() -> dict[str, str]:
    out: dict[str, str] = {}
    iris, model = models.iris(), models.iris_model()
    flower = models.iris_flower()
    p = model.predict_proba(iris.X_test[flower])
    out |= {
        "iris.n_train": str(len(iris.y_train)),
        "iris.n_test": str(len(iris.y_test)),
        "iris.accuracy": _pct(model.accuracy(iris.X_test, iris.y_test)),
        "iris.lambda.weak": f"{models.IRIS_WEAK_L2:g}",
        "iris.lambda.l2": f"{models.IRIS_L2:g}",
        "iris.lambda.l1": f"{models.IRIS_L1:g}",
    }
    for lang in languages.SOURCES:
        out[f"iris.flower.true.{lang}"] = models.IRIS_SPECIES[lang][iris.y_test[flower]]
        out[f"iris.flower.predicted.{lang}"] = models.IRIS_SPECIES[lang][int(np.argmax(p))]
    contrib = model.W * iris.X_test[flower][:, None]
    n_features, n_classes = model.W.shape
    for j in range(n_classes):
        out[f"iris.flower.p.{j}"] = fmt.parts(p)[j]
        out[f"iris.flower.features.{j}"] = fmt.num(contrib[:, j].sum())
        out[f"iris.b.{j}"] = fmt.num(model.b[j])
    for i in range(n_features):
        out[f"iris.flower.cm.{i}"] = fmt.num(iris.X_test[flower][i] * iris.scale[i] + iris.mean[i], 1)
        for j in range(n_classes):
            out[f"iris.w.{i}.{j}"] = fmt.num(model.W[i, j])
    for penalty in ("weak", "l2", "l1"):
        m = models.iris_model(penalty)
        out[f"iris.{penalty}.accuracy"] = _pct(m.accuracy(iris.X_test, iris.y_test))
        out[f"iris.{penalty}.norm"] = fmt.num(np.linalg.norm(m.W))
        out[f"iris.{penalty}.zeros"] = str(int(np.sum(m.W == 0)))
        out[f"iris.{penalty}.maxp"] = fmt.num(m.predict_proba(iris.X_test).max(axis=1).mean())
    out["iris.weights"] = str(model.W.size)
    out |= _iris_meaning(iris, model, flower)
    return out


def _iris_meaning(iris, model, flower) -> dict[str, str]:
    """What a weight means: ∂ŷ_j/∂x_i against w_ij on the held-out flowers; the origin; L1's zero rows."""
    out: dict[str, str] = {}
    grads = np.array([probability_gradient(x, model.W, model.b) for x in iris.X_test])  # (N, n, k)
    disagree = np.sign(grads) != np.sign(model.W)[None]
    negative_up = (grads > 0) & (model.W[None] < 0)
    out["iris.grad.flowers_disagree"] = str(int(disagree.any(axis=(1, 2)).sum()))
    out["iris.grad.flowers_negative_up"] = str(int(negative_up.any(axis=(1, 2)).sum()))
    out["iris.grad.cells_disagree"] = str(int(disagree.sum()))
    out["iris.grad.cells"] = str(disagree.size)
    g = grads[flower]
    for i in range(g.shape[0]):
        for j in range(g.shape[1]):
            out[f"iris.grad.{i}.{j}"] = fmt.num(g[i, j], 3)
    out["iris.rowsum.max"] = fmt.num(np.abs(model.W.sum(axis=1)).max(), 3)
    origin = softmax(model.b)
    for j, shown in enumerate(fmt.parts(origin, 3)):
        out[f"iris.origin.p.{j}"] = shown
    for lang in languages.SOURCES:
        out[f"iris.origin.species.{lang}"] = models.IRIS_SPECIES[lang][int(np.argmax(origin))]
    l1 = models.iris_model("l1").W
    zero_rows = np.flatnonzero((l1 == 0).all(axis=1))
    out["iris.l1.zero_rows"] = str(len(zero_rows))
    out["iris.l1.rows_with_zero"] = str(int((l1 == 0).any(axis=1).sum()))
    out["iris.features"] = str(l1.shape[0])
    for lang in languages.SOURCES:
        out[f"iris.l1.zero_rows.names.{lang}"] = languages.join(
            [models.IRIS_FEATURES[lang][i] for i in zero_rows], lang
        )
    return out


@group("digits")
def _digits() -> dict[str, str]:
    out: dict[str, str] = {}
    digits, linear_model, net = models.digits(), models.digits_model(), models.digits_mlp()
    out |= {
        "digits.n_train": str(len(digits.y_train)),
        "digits.n_test": str(len(digits.y_test)),
        "digits.accuracy": _pct(linear_model.accuracy(digits.X_test, digits.y_test)),
        "digits.lambda": f"{models.DIGITS_L2:g}",
        "digits.mlp.hidden": str(net.W.shape[0]),
        "digits.mlp.accuracy": _pct(net.accuracy(digits.X_test, digits.y_test)),
    }
    return out


@group("toy")
def _toy() -> dict[str, str]:
    out: dict[str, str] = {}
    toy = toy2d()
    out |= {"toy.query": fmt.vector(toy.query), "toy.n": str(len(toy.y))}
    for j in range(toy.W.shape[1]):
        out[f"toy.d.{j}"] = fmt.num(toy.distances[j])
        out[f"toy.norm.{j}"] = fmt.num(toy.norms[j])
        out[f"toy.z.{j}"] = fmt.num(toy.z[j])
        out[f"toy.w.{j}"] = fmt.vector(toy.W[:, j])
        out[f"toy.b.{j}"] = fmt.num(toy.b[j])
    out["toy.winner"] = str(int(np.argmax(toy.z)))
    for i, s in enumerate(SCALES):
        probs = softmax(linear(toy.query, *scaled(toy, 0, s)))
        out[f"toy.scale.{i}"] = f"{s:g}"
        out[f"toy.scale.{i}.p0"] = fmt.num(probs[0])
    for i, s in enumerate(SCALES):
        probs = softmax(linear(toy.query, *scaled_all(toy, s)))
        out[f"toy.global.{i}.p0"] = fmt.num(probs[0])
        per_class, every_class = class_changes(toy, *scaled(toy, 0, s)), class_changes(toy, *scaled_all(toy, s))
        out[f"toy.gain.{i}.plane"] = _pct(per_class["plane"])
        out[f"toy.gain.{i}.points"] = str(per_class["points"])
        out[f"toy.global.{i}.plane"] = _pct(every_class["plane"])
        out[f"toy.global.{i}.points"] = str(every_class["points"])
        _, _, grid = window_grid()
        out[f"toy.gain.{i}.cat_area"] = _pct(np.mean(np.argmax(linear(grid, *scaled(toy, 0, s)), axis=1) == 0))
    out["toy.window"] = fmt.num(TOY_WINDOW[1], 1)
    out["toy.boundary.w"] = fmt.vector(toy.W[:, 0] - toy.W[:, 1])
    out["toy.boundary.b"] = fmt.num(toy.b[0] - toy.b[1])
    out["toy.boundary.value"] = fmt.num(toy.z[0] - toy.z[1])
    return out


#: Scores large enough to overflow e^z in float64 (e^710 > 1.8e308).
BIG_SCORES = (1000.0, 999.0, 990.0)


def _nan_vector(values) -> str:
    return ", ".join("nan" if not np.isfinite(v) else fmt.num(v) for v in values)


def _widget_temperatures() -> dict[str, str]:
    """The softmax widget's lowest and highest temperature, and what they give the worked
    example's scores as the widget holds them (to 0.01): the links in the page's prose set them."""
    from lastlayer import maths, widgets

    z = np.array([round(float(v), 2) for v in worked_example().z])
    stops = widgets.temperature_stops()
    out = {}
    for name, T in (("low", stops[0]), ("high", stops[-1])):
        out[f"why.widget.T_{name}"] = f"{T:g}"
        out[f"why.widget.p_{name}"] = ", ".join(fmt.parts(maths.softmax(z / T)))
    return out


@group("why")
def _why_softmax() -> dict[str, str]:
    from lastlayer import maths

    ex = worked_example()
    z = ex.z
    with np.errstate(over="ignore", invalid="ignore"):
        naive = maths.softmax_naive(np.array(BIG_SCORES))
    out = {
        "why.big.z": ", ".join(f"{v:g}" for v in BIG_SCORES),
        **_widget_temperatures(),
        "why.big.naive": _nan_vector(naive),
        "why.big.stable": fmt.vector(maths.softmax(np.array(BIG_SCORES))),
        "why.shifted.z": fmt.vector(z - z.max()),
        "why.two.softmax": fmt.num(maths.softmax(z[:2])[0], 4),
        "why.two.sigmoid": fmt.num(maths.sigmoid(z[0] - z[1]), 4),
        "why.lse": fmt.num(maths.log_sum_exp(z)),
        "why.max": fmt.num(z.max()),
        "why.ratio": fmt.vector(z / z.sum()),
        "why.ratio_shifted": fmt.vector((z + 1) / (z + 1).sum()),
        "why.loss.0": fmt.num(maths.cross_entropy(z, 0)),
        "why.loss.1": fmt.num(maths.cross_entropy(z, 1)),
        "why.grad.0": ", ".join(fmt.parts(maths.cross_entropy_grad(z, 0))),
    }
    fit, evaluate = models.calibration_split()
    study = models.calibration_study()
    out |= {
        "why.calib.n_fit": str(len(fit)),
        "why.calib.n_eval": str(len(evaluate)),
        "why.calib.n_all": str(study["n_all"]),
        "why.calib.folds": str(models.CALIBRATION_FOLDS),
        "why.calib.resamples": str(models.BOOTSTRAP_RESAMPLES),
    }
    for key in ("T", "T_other", "T_low", "T_high", "cv_T_min", "cv_T_max"):
        out[f"why.calib.{key}"] = fmt.num(study[key])
    for key in ("ece_before", "ece_after", "gap_before", "gap_after", "cv_ece_before", "cv_ece_after"):
        out[f"why.calib.{key}"] = fmt.num(study[key], 3)
    for key in ("cv_gap_before", "cv_gap_after"):
        out[f"why.calib.{key}"] = fmt.num(study[key], 3)
    # Signed gaps are shown with their sign: + under-confident, − over-confident.
    for key in ("gap_before", "gap_after", "cv_gap_before", "cv_gap_after"):
        out[f"why.calib.{key}"] = ("+" if study[key] > 0 else "") + fmt.num(study[key], 3)
    # The reliability diagram: cross-validated predictions on every digit, equal-count bins.
    every = models.crossval_calibration()
    out |= {
        "why.calib.all.n": str(every["n"]),
        "why.calib.all.folds": str(models.CROSSVAL_FOLDS),
        "why.calib.all.bins": str(models.RELIABILITY_BINS),
        "why.calib.all.T_min": fmt.num(every["T"].min()),
        "why.calib.all.T_max": fmt.num(every["T"].max()),
    }
    for key in ("ece_before", "ece_after"):
        out[f"why.calib.all.{key}"] = fmt.num(every[key], 3)
    for key in ("gap_before", "gap_after"):
        out[f"why.calib.all.{key}"] = ("+" if every[key] > 0 else "") + fmt.num(every[key], 3)
    return out


@group("explain")
def _explained() -> dict[str, str]:
    data = models.digits()
    first, last = models.digits_decay(models.DECAYS[0]), models.digits_decay(models.DECAYS[-1])
    study = models.decay_study()
    extra = {
        "explain.bias.low": fmt.num(study["bias"][0]),
        "explain.bias.high": fmt.num(study["bias"][-1]),
        "explain.cosine.high": fmt.num(study["cosine"][-1]),
        "explain.agree.high": _pct(study["agree"][-1]),
    }
    return extra | {
        "explain.decay.low": f"{models.DECAYS[0]:g}",
        "explain.decay.high": f"{models.DECAYS[-1]:g}",
        "explain.norm.low": fmt.num(np.linalg.norm(first.W, axis=0).mean()),
        "explain.norm.high": fmt.num(np.linalg.norm(last.W, axis=0).mean()),
        "explain.conf.low": fmt.num(first.predict_proba(data.X_test).max(axis=1).mean()),
        "explain.conf.high": fmt.num(last.predict_proba(data.X_test).max(axis=1).mean()),
        "explain.acc.low": _pct(first.accuracy(data.X_test, data.y_test)),
        "explain.acc.high": _pct(last.accuracy(data.X_test, data.y_test)),
        "explain.margin": f"{models.COSFACE_MARGIN:g}",
        "explain.scale": f"{models.COSFACE_SCALE:g}",
    }


#: A typical CNN head (VGG-16 on ImageNet): the last feature map and the classes.
HEAD = {"height": 7, "width": 7, "channels": 512, "hidden": 4096, "classes": 1000}


def head_parameters() -> dict[str, int]:
    h, w, c, hidden, k = (HEAD[key] for key in ("height", "width", "channels", "hidden", "classes"))
    return {
        "flatten_first": h * w * c * hidden + hidden,
        "flatten_to_classes": h * w * c * k + k,
        "gap": c * k + k,
    }


#: A small stand-in for the head: a 7×7 map with a few channels, so the check runs in milliseconds.
SMALL_HEAD = {"height": 7, "width": 7, "channels": 8, "hidden": 6, "classes": 3}


def fc_as_conv_difference() -> dict[str, float]:
    """Dense layers on a flattened map against convolutions sliding over the map (:func:`maths.conv2d_valid`).

    ``first``: the first dense layer after the flatten against an h×w convolution with the same
    weights reshaped to (h, w, C, hidden); ``later``: the next dense layer against a 1×1 convolution.
    Both are the largest absolute difference on a random map (fixed seed).
    """
    from lastlayer.maths import conv2d_valid

    h, w, c, hidden, k = (SMALL_HEAD[key] for key in ("height", "width", "channels", "hidden", "classes"))
    rng = np.random.default_rng(0)
    fmap = rng.standard_normal((h, w, c))
    W1, b1 = rng.standard_normal((h * w * c, hidden)), rng.standard_normal(hidden)
    W2, b2 = rng.standard_normal((hidden, k)), rng.standard_normal(k)
    dense1 = linear(fmap.reshape(-1), W1, b1)
    conv1 = conv2d_valid(fmap, W1.reshape(h, w, c, hidden), b1)  # a 1×1 map of hidden channels
    dense2 = linear(dense1, W2, b2)
    conv2 = conv2d_valid(conv1, W2.reshape(1, 1, hidden, k), b2)
    return {
        "first": float(np.abs(dense1 - conv1.reshape(-1)).max()),
        "later": float(np.abs(dense2 - conv2.reshape(-1)).max()),
    }


@group("fc")
def _appendix() -> dict[str, str]:
    counts = head_parameters()
    out = {f"fc.{k}": v for k, v in {key: f"{value:,}" for key, value in counts.items()}.items()}
    out |= {f"fc.head.{k}": str(v) for k, v in HEAD.items()}
    out["fc.ratio"] = f"{counts['flatten_to_classes'] / counts['gap']:.0f}"
    diff = fc_as_conv_difference()
    out["fc.conv_difference"] = _scientific(max(diff.values()))
    out |= {f"fc.small.{k}": str(v) for k, v in SMALL_HEAD.items()}
    return out


def dense_forward_snippet(lang: str = languages.DEFAULT) -> str:
    """Standalone numpy code for the worked example's forward pass, with the arrays written out."""
    ex = worked_example()

    def arr(a) -> str:
        return "np.array(" + np.array2string(np.asarray(a), separator=", ", floatmode="unique") + ")"

    c = {key: languages.text(f"snippet.{key}", lang) for key in ("features", "shape", "scores", "shift", "probs")}
    n, k = ex.W.shape
    return "\n".join(
        [
            "import numpy as np",
            "",
            f"x = {arr(ex.x)}  # {c['features'].format(n=n)}",
            "W = " + arr(ex.W).replace("\n ", "\n" + " " * 13) + f"  # {c['shape'].format(n=n, k=k)}",
            f"b = {arr(ex.b)}",
            "",
            f"z = W.T @ x + b                 # {c['scores']}",
            f"e = np.exp(z - z.max())         # {c['shift']}",
            f"y_hat = e / e.sum()             # {c['probs']}",
            "print(np.round(z, 2), np.round(y_hat, 2))",
        ]
    )


def dense_forward_output() -> str:
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        exec(dense_forward_snippet(), {})  # the snippet is generated above, from our own numbers
    return buffer.getvalue().strip()


def lookup(name: str, lang: str = languages.DEFAULT) -> str:
    """A value by name; names of words that differ by language resolve to ``name.<lang>``."""
    prefix = name.split(".", 1)[0]
    try:
        values = group_values(prefix)
    except KeyError:
        raise KeyError(f"no computed value named {name!r}") from None
    # Words are stored per language with sources; a converted language converts its source's.
    for key in (name, f"{name}.{languages.source_of(lang)}"):
        if key in values:
            return languages.convert(values[key], lang)
    raise KeyError(f"no computed value named {name!r}")


def _class_label(j: int, lang: str) -> str:
    return languages.paren(str(j + 1), CLASS_NAMES[lang][j], lang)


# ---------------------------------------------------------------- tables


def _headers(name: str, lang: str) -> list[str]:
    return list(languages.data(f"headers.{name}", lang))


class _Values:
    """``v[name]`` for the table builders, resolved lazily through :func:`lookup`."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __getitem__(self, name: str) -> str:
        return lookup(name, self.lang)


def _markdown(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


_TABLES: dict[str, Callable[[str], str]] = {}


def table_of(name: str) -> Callable:
    """Register ``fn(lang) -> Markdown`` as the table ``{% table name %}``."""

    def register(fn: Callable[[str], str]) -> Callable[[str], str]:
        _TABLES[name] = fn
        return fn

    return register


def markdown_table(name: str, lang: str) -> str:
    groups()  # import every provider, which registers its tables too
    if name not in _TABLES:
        raise KeyError(f"no computed table named {name!r}")
    return _TABLES[name](lang)


@table_of("worked.steps")
def _worked_steps(lang: str) -> str:
    v = _Values(lang)
    k = worked_example().W.shape[1]
    rows = [
        [
            _class_label(j, lang),
            f"({v[f'worked.w.{j}']})",
            v[f"worked.b.{j}"],
            v[f"worked.z.{j}"],
            v[f"worked.exp_z.{j}"],
            v[f"worked.probs.{j}"],
        ]
        for j in range(k)
    ]
    total = languages.text("table.sum", lang)
    rows.append([total, "", "", "", v["worked.exp_sum"], v["worked.probs_sum"]])
    return _markdown(_headers("worked.steps", lang), rows)


#: Code shown on pages with ``{% code name %}``: (source, printed output), both generated.
SNIPPETS = {"dense_forward": (dense_forward_snippet, dense_forward_output)}


def code_block(name: str, lang: str) -> str:
    if name not in SNIPPETS:
        raise KeyError(f"no code snippet named {name!r}")
    source, output = SNIPPETS[name]
    label = languages.text("code.output", lang)
    # The output is sample output (<samp>), not code: no highlighting, no copy button.
    printed = html.escape(output())
    return f'```python\n{source(lang)}\n```\n\n{label}\n\n<pre class="ll-output"><samp>{printed}</samp></pre>'
