"""Other losses on the same scores: the numbers of the "how the layer learns" page's section
``#other-losses`` (``loss.…``).

* ``loss.hinge.*``: the multiclass hinge (SVM) loss Σ_{j≠y} max(0, z_j − z_y + Δ) beside the
  cross-entropy, on the worked example's scores with each class as the true one;
* ``loss.kl.*``: cross-entropy as the KL divergence to the label plus the label's own entropy,
  for the one-hot cat label and for a smoothed one;
* ``loss.convex.*``: with an L2 penalty, gradient descent from two random starts ends at the same
  weights (the site's iris model);
* ``loss.sep.*``: without a penalty, on data a hyperplane separates (setosa against the other two
  species), the weights keep growing and the loss keeps falling.

Shapes follow the site: ``z`` has k scores, ``W`` is n×k, labels are class indices from 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from lastlayer import fmt, learning, maths, models
from lastlayer.examples import worked_example
from lastlayer.registry import group

# ---------------------------------------------------------------- hinge and cross-entropy

#: The margin the hinge loss asks of the true class (the CS231n notes' choice).
DELTA = 1.0


def hinge(z: np.ndarray, label: int, delta: float = DELTA) -> float:
    """Σ_{j≠y} max(0, z_j − z_y + Δ): one hinge per wrong class (Weston–Watkins form)."""
    return float(hinge_terms(z, label, delta).sum())


def hinge_terms(z: np.ndarray, label: int, delta: float = DELTA) -> np.ndarray:
    """The k terms max(0, z_j − z_y + Δ), with 0 for the true class itself."""
    z = np.asarray(z, dtype=float)
    terms = np.maximum(0.0, z - z[label] + delta)
    terms[label] = 0.0
    return terms


def hinge_grad(z: np.ndarray, label: int, delta: float = DELTA) -> np.ndarray:
    """A (sub)gradient of :func:`hinge` on the scores: +1 on every wrong class inside the margin,
    minus their count on the true class."""
    active = (hinge_terms(z, label, delta) > 0).astype(float)
    active[label] = -active.sum()
    return active


# ---------------------------------------------------------------- cross-entropy, entropy and KL

#: The probability a smoothed label leaves to the other classes, shared evenly.
SMOOTHING = 0.1


def smoothed_label(k: int, label: int, smoothing: float = SMOOTHING) -> np.ndarray:
    """1 − smoothing on the true class, smoothing/(k − 1) on each other one."""
    q = np.full(k, smoothing / (k - 1))
    q[label] = 1.0 - smoothing
    return q


def _xlogy(q: np.ndarray, p: np.ndarray) -> np.ndarray:
    """q·log p with 0·log 0 = 0."""
    q, p = np.asarray(q, dtype=float), np.asarray(p, dtype=float)
    out = np.zeros_like(q)
    np.log(p, out=out, where=q > 0)
    return q * out


def cross_entropy_between(q: np.ndarray, p: np.ndarray) -> float:
    """H(q, p) = −Σ_j q_j log p_j, in nats."""
    return float(-_xlogy(q, p).sum())


def entropy(q: np.ndarray) -> float:
    """H(q) = −Σ_j q_j log q_j (0 for a one-hot q)."""
    return cross_entropy_between(q, q)


def kl(q: np.ndarray, p: np.ndarray) -> float:
    """KL(q ‖ p) = Σ_j q_j log(q_j / p_j)."""
    q = np.asarray(q, dtype=float)
    return float(np.sum(_xlogy(q, q) - _xlogy(q, p)))


# ---------------------------------------------------------------- convexity: one optimum with L2

#: Seeds of the two random starts, and the full-batch gradient-descent steps from each.
CONVEX_SEEDS = (1, 2)
CONVEX_STEPS = 5000


def random_start(seed: int, n: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Standard normal weights and biases."""
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, k)), rng.standard_normal(k)


@dataclass(frozen=True)
class TwoStarts:
    starts: tuple[tuple[np.ndarray, np.ndarray], ...]
    ends: tuple[tuple[np.ndarray, np.ndarray], ...]


@cache
def two_starts() -> TwoStarts:
    """The iris data fitted with the site's weak L2 from two random starts (plain gradient descent)."""
    d = models.iris()
    n, k = d.X_train.shape[1], int(d.y_train.max()) + 1
    starts = tuple(random_start(seed, n, k) for seed in CONVEX_SEEDS)
    ends = tuple(learning.descend(d.X_train, d.y_train, W, b, models.IRIS_WEAK_L2, CONVEX_STEPS) for W, b in starts)
    return TwoStarts(starts=starts, ends=ends)


# ---------------------------------------------------------------- no optimum without a penalty

#: Steps after which the weights' length and the loss are quoted.
SEPARABLE_STEPS = (1000, 10000, 100000)


def setosa_vs_rest() -> tuple[np.ndarray, np.ndarray]:
    """The iris training flowers with two classes: setosa (0) against the other two species (1)."""
    d = models.iris()
    return d.X_train, (d.y_train != 0).astype(int)


@cache
def separable_run() -> dict[str, np.ndarray]:
    """Unpenalised full-batch gradient descent from zero on :func:`setosa_vs_rest`.

    ``norm`` and ``loss`` after each of SEPARABLE_STEPS; ``all_right``: the first step after which
    every training flower is classified right.
    """
    X, y = setosa_vs_rest()
    W, b = np.zeros((X.shape[1], 2)), np.zeros(2)
    norms, losses, done, all_right = [], [], 0, None
    for target in SEPARABLE_STEPS:
        while done < target:
            # Step by step until every flower is right, then in one go.
            steps = 1 if all_right is None else target - done
            W, b = learning.descend(X, y, W, b, 0.0, steps)
            done += steps
            if all_right is None and np.all(np.argmax(maths.linear(X, W, b), axis=1) == y):
                all_right = done
        norms.append(np.linalg.norm(W))
        losses.append(learning.loss(X, W, b, y))
    return {"norm": np.array(norms), "loss": np.array(losses), "all_right": np.array(all_right)}


# ---------------------------------------------------------------- values quoted by the page


def _tex_power(n: int) -> str:
    """10^{3} for 1000 (TeX, for inside $…$)."""
    exponent = round(np.log10(n))
    if 10**exponent != n:
        raise ValueError(f"{n} is not a power of ten")
    return f"10^{{{exponent}}}"


@group("loss")
def _losses() -> dict[str, str]:
    out: dict[str, str] = {}
    ex = worked_example()
    z, p = ex.z, ex.probs
    k = len(z)
    cat, dog = 0, 1

    # Hinge beside cross-entropy, each class in turn the true one.
    out |= {
        "loss.delta": f"{DELTA:g}",
        "loss.z": fmt.vector(z),
        "loss.gap.1": fmt.num(z[cat] - z[1]),
        "loss.gap.2": fmt.num(z[cat] - z[2]),
        "loss.p_cat": fmt.num(p[cat]),
        "loss.ce_grad": ", ".join(fmt.parts(p - np.eye(k)[cat], 2)),
    }
    for j in range(k):
        out[f"loss.hinge.{j}"] = fmt.num(hinge(z, j))
        out[f"loss.ce.{j}"] = fmt.num(maths.cross_entropy(z, j))
    terms = hinge_terms(z, dog)
    shown_terms = fmt.parts(terms, 2, total=float(out["loss.hinge.1"]))
    out["loss.hinge.dog.cat"] = shown_terms[cat]
    out["loss.hinge.dog.bird"] = shown_terms[2]
    out["loss.hinge.dog.bird_gap"] = fmt.num(z[dog] - z[2])

    # Cross-entropy = KL + the label's entropy.
    onehot = np.eye(k)[cat]
    out["loss.kl.onehot"] = fmt.num(cross_entropy_between(onehot, p), 3)
    out["loss.kl.onehot_bits"] = fmt.num(cross_entropy_between(onehot, p) / np.log(2), 3)
    q = smoothed_label(k, cat)
    ce = cross_entropy_between(q, p)
    kl_text, entropy_text = fmt.parts([kl(q, p), entropy(q)], 3, total=round(ce, 3))
    out |= {
        "loss.kl.q": fmt.vector(q),
        "loss.kl.ce": fmt.num(ce, 3),
        "loss.kl.kl": kl_text,
        "loss.kl.entropy": entropy_text,
    }

    # One optimum with L2: the iris data from two random starts.
    fits = two_starts()
    (W0a, _), (W0b, _) = fits.starts
    (Wa, ba), (Wb, bb) = fits.ends
    out |= {
        "loss.convex.l2": f"{models.IRIS_WEAK_L2:g}",
        "loss.convex.steps": str(CONVEX_STEPS),
        "loss.convex.seed.0": str(CONVEX_SEEDS[0]),
        "loss.convex.seed.1": str(CONVEX_SEEDS[1]),
        "loss.convex.start_diff": fmt.num(np.abs(W0a - W0b).max()),
        "loss.convex.end_diff": learning.sci(np.abs(Wa - Wb).max()),
        "loss.convex.site_diff": learning.sci(max(np.abs(W - models.iris_model("weak").W).max() for W in (Wa, Wb))),
        "loss.convex.bias_shift": fmt.num(abs(np.mean(ba - bb))),
    }

    # No optimum without a penalty: setosa against the rest.
    _, y = setosa_vs_rest()
    run = separable_run()
    out |= {
        "loss.sep.n": str(len(y)),
        "loss.sep.setosa": str(int(np.sum(y == 0))),
        "loss.sep.all_right": str(int(run["all_right"])),
    }
    for i, steps in enumerate(SEPARABLE_STEPS):
        out[f"loss.sep.steps.{i}"] = _tex_power(steps)
        out[f"loss.sep.norm.{i}"] = fmt.num(run["norm"][i])
        out[f"loss.sep.loss.{i}"] = learning.sci(run["loss"][i])
    for i in range(len(SEPARABLE_STEPS) - 1):
        out[f"loss.sep.gain.{i}"] = fmt.num(run["norm"][i + 1] - run["norm"][i])
    out["loss.sep.ratio"] = fmt.num(run["norm"][-1] / run["norm"][0])
    return out
