"""Values quoted by the "what the views explain" page, the appendix on the fully connected layer
and the gallery, beyond those of :mod:`lastlayer.values` (group ``efix``).

* ``efix.decay.*``: what weight decay does to the scores of the linear digits classifier, comparing
  the weakest and the strongest λ of :data:`lastlayer.models.DECAYS` on the held-out digits.
* ``efix.margin.*``: the cosine softmax of the ``cosine_margin`` figure, whose features move: the
  margin band, how far the features move, where each class's features end (to one side of its
  direction or on both) and how far from it on average; and the loss of a feature whose own cosine
  only just wins.
* ``efix.fc.*``: where the factor between flattening and global average pooling comes from.
* ``efix.png_dpi``: the resolution of the PNG downloads.
"""

from __future__ import annotations

import numpy as np

from lastlayer import fmt, models, style
from lastlayer.examples import toy2d
from lastlayer.registry import group
from lastlayer.values import HEAD, head_parameters


def _pct(x: float) -> str:
    return fmt.num(100 * x, 1)


def top_two_gap(scores: np.ndarray) -> np.ndarray:
    """Per row, the largest score minus the second largest."""
    top = np.sort(scores, axis=1)
    return top[:, -1] - top[:, -2]


def largest_cosine(X: np.ndarray, W: np.ndarray) -> np.ndarray:
    """The class whose template makes the smallest angle with each input (lengths and biases ignored)."""
    return np.argmax(models.unit(X, 1) @ models.unit(W, 0), axis=1)


def decay_scores() -> dict[str, np.ndarray]:
    """Held-out scores, predictions and labels of the weakest and strongest weight decay."""
    d = models.digits()
    weak, strong = models.digits_decay(models.DECAYS[0]), models.digits_decay(models.DECAYS[-1])
    return {
        "weak": weak.scores(d.X_test),
        "strong": strong.scores(d.X_test),
        "weak_no_bias": d.X_test @ weak.W,
        "weak_cosine": largest_cosine(d.X_test, weak.W),
        "strong_cosine": largest_cosine(d.X_test, strong.W),
        "y": d.y_test,
    }


def angle_to(phi: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """Signed angle in degrees from ``direction`` (angles in radians) to ``phi``, in (−180, 180]."""
    return np.degrees(np.angle(np.exp(1j * (phi - direction))))


#: A run three times as long as :data:`models.COSINE_FREE_LONG`, without the margin.
MARGIN_LONGER = 3 * models.COSINE_FREE_LONG


def margin_study() -> dict:
    """The two runs of :func:`models.cosine_free_features` that ``cosine_margin`` draws (m = 0 and
    m = :data:`models.COSFACE_MARGIN`), from the same start."""
    toy = toy2d()
    m = models.COSFACE_MARGIN
    start_phi = np.arctan2(toy.X[:, 1], toy.X[:, 0])
    start_W = models.fit_cosine_softmax(toy.X, toy.y, margin=0.0, scale=models.COSFACE_SCALE)
    out: dict = {"n": len(toy.y), "start_in_band": models.band_count(start_phi, start_W, toy.y, m)}
    for name, margin in (("plain", 0.0), ("margin", m)):
        phi, W = models.cosine_free_features(toy.X, toy.y, margin=margin, scale=models.COSFACE_SCALE)
        offsets = angle_to(phi, np.arctan2(W[1], W[0])[toy.y])
        out[name] = {
            "in_band": models.band_count(phi, W, toy.y, m),
            "move": float(np.abs(angle_to(phi, start_phi)).mean()),
            "spread": float(np.abs(offsets).max()),
            "mean": float(np.abs(offsets).mean()),
            "offsets": [offsets[toy.y == j] for j in range(W.shape[1])],
        }
    return out


@group("efix")
def _explained_fixes() -> dict[str, str]:
    s = decay_scores()
    n = len(s["y"])
    weak_pred, strong_pred = s["weak"].argmax(1), s["strong"].argmax(1)
    weak_right, strong_right = weak_pred == s["y"], strong_pred == s["y"]
    changed = weak_pred != strong_pred
    out = {
        "efix.decay.n": str(n),
        "efix.decay.no_bias_changes": _pct(np.mean(s["weak_no_bias"].argmax(1) != weak_pred)),
        "efix.decay.gap_narrows": str(int(np.sum(top_two_gap(s["strong"]) < top_two_gap(s["weak"])))),
        "efix.decay.cosine_agrees.low": _pct(np.mean(s["weak_cosine"] == weak_pred)),
        "efix.decay.cosine_agrees.high": _pct(np.mean(s["strong_cosine"] == strong_pred)),
        # The page quotes the agreeing share as explain.agree.high (rounded the same way): as shown,
        # the two add up to 100.
        "efix.decay.changed": fmt.num(100 - float(_pct(np.mean(~changed))), 1),
        "efix.decay.changed.count": str(int(changed.sum())),
        "efix.decay.right_to_wrong": str(int(np.sum(weak_right & ~strong_right))),
        "efix.decay.wrong_to_right": str(int(np.sum(~weak_right & strong_right))),
        "efix.decay.wrong_to_wrong": str(int(np.sum(~weak_right & ~strong_right & changed))),
    }

    study = margin_study()
    out |= {
        "efix.margin.n": str(study["n"]),
        "efix.margin.classes": str(len(np.unique(toy2d().y))),
        "efix.margin.start_in_band": str(study["start_in_band"]),
        # A feature whose own cosine only just wins: one rival as close (ln 2), or every class tied (ln k).
        "efix.margin.loss.one_rival": fmt.num(np.log(2)),
        "efix.margin.loss.tie": fmt.num(np.log(len(np.unique(toy2d().y)))),
    }
    # Where each class ends with the margin: all to one side of its direction (the nearest and
    # farthest angle), or on both sides (how far on the negative side and on the positive side).
    for j, name in enumerate(("cat", "dog", "bird")):  # names of the values, not shown text
        off = study["margin"]["offsets"][j]
        out[f"efix.margin.{name}.n"] = str(len(off))
        if np.all(off > 0) or np.all(off < 0):
            out[f"efix.margin.{name}.low"] = fmt.num(np.abs(off).min(), 1)
            out[f"efix.margin.{name}.high"] = fmt.num(np.abs(off).max(), 1)
        else:
            out[f"efix.margin.{name}.negative"] = fmt.num(-off.min(), 1)
            out[f"efix.margin.{name}.positive"] = fmt.num(off.max(), 1)
    out["efix.margin.steps"] = str(models.COSINE_FREE_STEPS)
    out["efix.margin.long.steps"] = fmt.num(models.COSINE_FREE_LONG, 0)
    for name, margin in (("plain", 0.0), ("margin", models.COSFACE_MARGIN)):
        phi, W = models.cosine_free_features(
            toy2d().X, toy2d().y, margin=margin, scale=models.COSFACE_SCALE, steps=models.COSINE_FREE_LONG
        )
        offsets = angle_to(phi, np.arctan2(W[1], W[0])[toy2d().y])
        out[f"efix.margin.long.{name}.mean"] = fmt.num(float(np.abs(offsets).mean()), 1)
    # Without the margin the features keep closing in after that, only more slowly.
    out["efix.margin.longer.steps"] = fmt.num(MARGIN_LONGER, 0)
    phi, W = models.cosine_free_features(
        toy2d().X, toy2d().y, margin=0.0, scale=models.COSFACE_SCALE, steps=MARGIN_LONGER
    )
    out["efix.margin.longer.plain.mean"] = fmt.num(
        float(np.abs(angle_to(phi, np.arctan2(W[1], W[0])[toy2d().y])).mean()), 1
    )
    for name in ("plain", "margin"):
        out[f"efix.margin.{name}.mean"] = fmt.num(study[name]["mean"], 1)
        out[f"efix.margin.{name}.in_band"] = str(study[name]["in_band"])
        out[f"efix.margin.{name}.move"] = fmt.num(study[name]["move"], 1)
        out[f"efix.margin.{name}.spread"] = fmt.num(study[name]["spread"], 0)

    counts = head_parameters()
    h, w, c, k = (HEAD[key] for key in ("height", "width", "channels", "classes"))
    flat_weights, pooled_weights = h * w * c * k, c * k
    out |= {
        "efix.fc.positions": str(h * w),
        "efix.fc.weight_ratio": f"{flat_weights / pooled_weights:g}",
        "efix.fc.ratio": fmt.num(counts["flatten_to_classes"] / counts["gap"], 1),
        "efix.fc.span": f"{max(counts.values()) / min(counts.values()):.0f}",
        "efix.png_dpi": str(style.PNG_DPI),
    }
    return out
