"""Numbers the weighting page (and its figures) quotes beyond :mod:`lastlayer.values`.

* ``wfix.cat.*``: the worked example's cat score split into its two large terms and the rest,
  rounded so that the shown terms add up to the shown score;
* ``wfix.dog.*``: dog's probability rounded on its own, which differs from the computation page's
  table (rounded with the other probabilities so that the column adds up to 1 as shown);
* ``wfix.ex2.*``: the answer to the exercise on pixel 3's negative cat weight;
* ``wfix.iris.*``: how the iris classifier is trained (optimiser steps, read from
  :func:`lastlayer.models.iris_model`);
* ``wfix.l2.*``: what the strong L2 penalty does to single weights (it shrinks ``W`` as a
  whole, not every weight);
* ``wfix.flower.*``: the followed flower's contributions, bias and score as the ``iris_weights``
  figure shows them, rounded with :func:`lastlayer.fmt.parts` so that each column adds up.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from functools import cache

import numpy as np

from lastlayer import fmt, models
from lastlayer.examples import worked_example
from lastlayer.maths import probability_gradient
from lastlayer.registry import group


def shown(text: str) -> float:
    """The number a formatted string shows (``fmt`` writes a true minus sign)."""
    return float(text.replace(fmt.MINUS, "-"))


def iris_steps() -> int:
    """The number of optimiser steps :func:`models.iris_model` trains for, read from its source.

    The value is the ``steps=`` argument of its ``fit_softmax`` call: a literal, or the name of
    a constant of :mod:`lastlayer.models`.
    """
    source = textwrap.dedent(inspect.getsource(inspect.unwrap(models.iris_model)))
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "fit_softmax":
            for keyword in node.keywords:
                if keyword.arg == "steps":
                    if isinstance(keyword.value, ast.Constant):
                        return int(keyword.value.value)
                    if isinstance(keyword.value, ast.Name):
                        return int(getattr(models, keyword.value.id))
    raise ValueError("models.iris_model calls fit_softmax without a steps= argument")


def score_parts(contributions: np.ndarray, bias: float) -> tuple[list[str], str, str]:
    """One score's terms as shown: (contributions, bias, score), adding up as shown.

    The bias and the score are rounded on their own (pages quote them); the contributions are
    rounded with :func:`fmt.parts` to the shown score minus the shown bias.
    """
    bias_text = fmt.num(bias)
    score_text = fmt.num(float(np.sum(contributions)) + bias)
    parts = fmt.parts(contributions, 2, total=shown(score_text) - shown(bias_text))
    return parts, bias_text, score_text


@cache
def flower_table() -> dict[str, list[str]]:
    """The ``iris_weights`` figure's lower table for the followed flower, as shown.

    ``contrib``: rows of w_ij·x_i per measurement; ``bias``, ``score``, ``features`` (the sum of
    the shown contributions) and ``p`` (probabilities, adding up to 1 as shown), one per species.
    """
    data, model = models.iris(), models.iris_model()
    x = data.X_test[models.iris_flower()]
    contrib = model.W * x[:, None]
    columns = [score_parts(contrib[:, j], model.b[j]) for j in range(model.W.shape[1])]
    rows = [[col[0][i] for col in columns] for i in range(contrib.shape[0])]
    return {
        "contrib": rows,
        "bias": [col[1] for col in columns],
        "score": [col[2] for col in columns],
        "features": [fmt.num(sum(shown(v) for v in col[0])) for col in columns],
        "p": fmt.parts(model.predict_proba(x), 2),
    }


@group("wfix")
def _weighting() -> dict[str, str]:
    out: dict[str, str] = {}
    ex = worked_example()

    # The cat score: pixels 1 and 4 against the other two pixels and the bias.
    cat, bright = 0, (0, 3)
    parts, bias_text, score_text = score_parts(ex.contributions[:, cat], ex.b[cat])
    terms = [shown(p) for p in parts]
    big = sum(terms[i] for i in bright)
    rest = sum(t for i, t in enumerate(terms) if i not in bright) + shown(bias_text)
    out |= {
        "wfix.cat.contrib.0": parts[0],
        "wfix.cat.contrib.3": parts[3],
        "wfix.cat.big": fmt.num(big),
        "wfix.cat.rest": fmt.num(-rest),  # shown as an amount taken off
        "wfix.cat.z": score_text,
    }

    # The computation page's table rounds the probabilities together (fmt.parts); dog's alone rounds otherwise.
    dog = 1
    alone = fmt.num(ex.probs[dog])
    if alone == fmt.parts(ex.probs)[dog]:
        raise ValueError(
            "dog's probability rounds the same alone and in the table: the computation page's note on it is moot"
        )
    out["wfix.dog.alone"] = alone

    # Exercise: pixel 3 gets brighter. Scores move by row 3 of W; cat's probability by ∂ŷ_1/∂x_3.
    pixel = 2
    for j in range(ex.W.shape[1]):
        out[f"wfix.ex2.dz.{j}"] = fmt.num(abs(ex.W[pixel, j]))  # "falls by" / "rises by" carry the sign
    p = ex.probs
    out["wfix.ex2.mean"] = fmt.num(float(p @ ex.W[pixel]), 3)  # so that the derivative follows from what is shown
    for j, share in enumerate(p):  # what the mean is computed from, to three decimals
        out[f"wfix.ex2.p.{j}"] = fmt.num(share, 3)
    out["wfix.ex2.dp.0"] = fmt.num(probability_gradient(ex.x, ex.W, ex.b)[pixel, cat])

    # How the iris classifier is trained.
    steps = iris_steps()
    out["wfix.iris.steps"] = f"{steps:,}"  # as the page's other counts (fc.*), in every language

    # Weak against strong L2: the norm falls, but some single weights grow.
    weak, strong = models.iris_model("weak").W, models.iris_model("l2").W
    for i, j in np.ndindex(strong.shape):
        out[f"wfix.l2.w.{i}.{j}"] = fmt.num(strong[i, j])
    grown = np.abs(strong) > np.abs(weak)
    out["wfix.l2.grown"] = str(int(grown.sum()))
    out["wfix.l2.shrunk"] = str(int((~grown).sum()))
    out["wfix.l2.sign_changes"] = str(int((np.sign(strong) != np.sign(weak)).sum()))

    # The followed flower, as the figure shows it.
    table = flower_table()
    for j in range(len(table["score"])):
        out[f"wfix.flower.features.{j}"] = table["features"][j]
        out[f"wfix.flower.z.{j}"] = table["score"][j]
        out[f"wfix.flower.b.{j}"] = table["bias"][j]
        out[f"wfix.flower.p.{j}"] = table["p"][j]
    return out
