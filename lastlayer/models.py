"""Small classifiers trained by our own numpy code on data bundled with scikit-learn.

* :func:`fit_softmax` trains a linear softmax classifier (multinomial logistic
  regression) by accelerated gradient descent, with optional L2 or L1 penalties.
* :func:`fit_mlp` trains a one-hidden-layer network whose last layer is the same
  fully connected layer + softmax.
* :func:`iris_model`, :func:`digits_model` and :func:`digits_mlp` are the trained models
  the pages quote; they are cached on disk by a hash of this file and the library versions.

scikit-learn is used only to load the bundled data and split it (and, in the tests, as
the reference implementation).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from lastlayer import deps, languages, maths
from lastlayer.cache import atomic_write, exclusive
from lastlayer.project import generated

SEED = 0


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class Dataset:
    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    feature_names: tuple[str, ...]
    class_names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray


def _split(X, y, test_size):
    from sklearn.model_selection import train_test_split

    return train_test_split(X, y, test_size=test_size, random_state=SEED, stratify=y)


#: Names for the iris pages and figures, {lang: names} (lastlayer/languages.py).
IRIS_FEATURES = languages.PerLanguage("names.iris.features")
IRIS_SPECIES = languages.PerLanguage("names.iris.species")


@cache
def iris() -> Dataset:
    """Iris measurements (cm), standardised with the training split's mean and deviation."""
    from sklearn.datasets import load_iris

    bunch = load_iris()
    X_train, X_test, y_train, y_test = _split(bunch.data, bunch.target, 0.3)
    mean, scale = X_train.mean(0), X_train.std(0)
    return Dataset(
        (X_train - mean) / scale,
        y_train,
        (X_test - mean) / scale,
        y_test,
        tuple(n.replace(" (cm)", "") for n in bunch.feature_names),
        tuple(bunch.target_names),
        mean,
        scale,
    )


@cache
def digits() -> Dataset:
    """8×8 handwritten digits, pixels scaled from 0..16 to 0..1 (no centring, so templates stay images)."""
    from sklearn.datasets import load_digits

    bunch = load_digits()
    X_train, X_test, y_train, y_test = _split(bunch.data / 16.0, bunch.target, 0.25)
    return Dataset(
        X_train,
        y_train,
        X_test,
        y_test,
        tuple(f"pixel {i // 8},{i % 8}" for i in range(64)),
        tuple(str(d) for d in range(10)),
        np.zeros(64),
        np.ones(64),
    )


# ---------------------------------------------------------------- linear softmax classifier


@dataclass(frozen=True)
class SoftmaxModel:
    W: np.ndarray  # (n, k)
    b: np.ndarray  # (k,)

    def scores(self, X: np.ndarray) -> np.ndarray:
        return maths.linear(X, self.W, self.b)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        return maths.softmax(self.scores(X))

    def predict(self, X: np.ndarray) -> np.ndarray:
        return np.argmax(self.scores(X), axis=-1)

    def accuracy(self, X: np.ndarray, y: np.ndarray) -> float:
        return float(np.mean(self.predict(X) == y))


def one_hot(y: np.ndarray, k: int) -> np.ndarray:
    return np.eye(k)[y]


def objective(model: SoftmaxModel, X, y, l2: float = 0.0, l1: float = 0.0) -> float:
    """Mean cross-entropy plus (l2/2)·‖W‖² + l1·‖W‖₁ (the bias is not penalised)."""
    p = model.predict_proba(X)
    ce = -np.mean(np.log(p[np.arange(len(y)), y]))
    return float(ce + 0.5 * l2 * np.sum(model.W**2) + l1 * np.sum(np.abs(model.W)))


def fit_softmax(X, y, k: int | None = None, l2: float = 0.0, l1: float = 0.0, steps: int = 5000) -> SoftmaxModel:
    """Minimise :func:`objective` by Nesterov-accelerated (proximal) gradient descent.

    The gradient of the mean cross-entropy with respect to the scores is (ŷ − y)/N; the L1
    term is handled by soft-thresholding, so weights can become exactly zero.
    """
    X = np.asarray(X, dtype=float)
    k = k or int(y.max()) + 1
    N, n = X.shape
    Y = one_hot(y, k)
    # Step size from the Lipschitz constant of the smooth part: ‖X‖²/(2N) + l2 bounds it.
    lipschitz = np.linalg.norm(np.c_[X, np.ones(N)], 2) ** 2 / (2 * N) + l2
    lr = 1.0 / lipschitz
    W, b = np.zeros((n, k)), np.zeros(k)
    W_prev, b_prev = W, b
    for t in range(1, steps + 1):
        momentum = (t - 1) / (t + 2)
        V = W + momentum * (W - W_prev)
        c = b + momentum * (b - b_prev)
        G = (maths.softmax(X @ V + c) - Y) / N
        W_prev, b_prev = W, b
        W = V - lr * (X.T @ G + l2 * V)
        b = c - lr * G.sum(0)
        if l1:
            W = np.sign(W) * np.maximum(np.abs(W) - lr * l1, 0.0)
    return SoftmaxModel(W=W, b=b)


# ---------------------------------------------------------------- a small deep network


@dataclass(frozen=True)
class MLP:
    """x → h = tanh(x·V + c) → z = h·W + b → softmax. W, b are the last layer."""

    V: np.ndarray
    c: np.ndarray
    W: np.ndarray
    b: np.ndarray

    def features(self, X):
        return np.tanh(X @ self.V + self.c)

    def scores(self, X):
        return maths.linear(self.features(X), self.W, self.b)

    def predict(self, X):
        return np.argmax(self.scores(X), axis=-1)

    def accuracy(self, X, y) -> float:
        return float(np.mean(self.predict(X) == y))


def fit_mlp(X, y, hidden: int = 32, l2: float = 1e-3, steps: int = 3000, lr: float = 0.01) -> MLP:
    """Full-batch Adam on mean cross-entropy + (l2/2)·(‖V‖² + ‖W‖²)."""
    rng = np.random.default_rng(SEED)
    N, n = X.shape
    k = int(y.max()) + 1
    Y = one_hot(y, k)
    params = {
        "V": rng.normal(0, 1 / np.sqrt(n), (n, hidden)),
        "c": np.zeros(hidden),
        "W": rng.normal(0, 1 / np.sqrt(hidden), (hidden, k)),
        "b": np.zeros(k),
    }
    m = {key: np.zeros_like(v) for key, v in params.items()}
    s = {key: np.zeros_like(v) for key, v in params.items()}
    for t in range(1, steps + 1):
        H = np.tanh(X @ params["V"] + params["c"])
        G = (maths.softmax(H @ params["W"] + params["b"]) - Y) / N
        GH = (G @ params["W"].T) * (1 - H**2)
        grads = {
            "W": H.T @ G + l2 * params["W"],
            "b": G.sum(0),
            "V": X.T @ GH + l2 * params["V"],
            "c": GH.sum(0),
        }
        for key, g in grads.items():
            m[key] = 0.9 * m[key] + 0.1 * g
            s[key] = 0.999 * s[key] + 0.001 * g**2
            params[key] = params[key] - lr * (m[key] / (1 - 0.9**t)) / (np.sqrt(s[key] / (1 - 0.999**t)) + 1e-8)
    return MLP(**params)


def input_template(model: MLP, j: int, steps: int = 400, lr: float = 0.05, l2: float = 0.05) -> np.ndarray:
    """Map class j's last-layer template back to input space by gradient ascent on the input.

    Maximises z_j(x) − (l2/2)·‖x‖² from a blank image, keeping pixels in [0, 1]. The
    result is the input the network finds most typical of class j.
    """
    x = np.zeros(model.V.shape[0])
    for _ in range(steps):
        h = np.tanh(x @ model.V + model.c)
        grad = model.V @ ((1 - h**2) * model.W[:, j]) - l2 * x
        x = np.clip(x + lr * grad, 0.0, 1.0)
    return x


def _grid_laplacian(side: int = 8) -> np.ndarray:
    """Graph Laplacian of a side×side pixel grid: δᵀLδ is the sum of squared differences
    between horizontally and vertically neighbouring pixels."""
    L = np.zeros((side * side, side * side))
    for r in range(side):
        for c in range(side):
            for rr, cc in ((r, c + 1), (r + 1, c)):
                if rr < side and cc < side:
                    i, j = r * side + c, rr * side + cc
                    L[i, i] += 1
                    L[j, j] += 1
                    L[i, j] -= 1
                    L[j, i] -= 1
    return L


#: Penalties of :func:`smooth_input_template`: on rough changes (neighbouring pixels that
#: differ) and on large ones.
TEMPLATE_SMOOTHNESS = 0.3
TEMPLATE_L2 = 0.05


def smooth_input_template(model: MLP, j: int, start: np.ndarray, steps: int = 600, lr: float = 0.05) -> np.ndarray:
    """The change δ to the image ``start`` (the mean digit) that raises class j's score most.

    Gradient ascent on z_j(start + δ) − (s/2)·δᵀLδ − (l2/2)·‖δ‖², with L the pixel grid's
    Laplacian (s = :data:`TEMPLATE_SMOOTHNESS`, l2 = :data:`TEMPLATE_L2`), keeping the image in
    [0, 1]. The smoothness penalty keeps the strokes of the digit and drops the pixel-level
    noise that plain gradient ascent piles up. For a linear model δ is its template wⱼ / l2.
    """
    L = _grid_laplacian()
    delta = np.zeros_like(start)
    for _ in range(steps):
        h = np.tanh((start + delta) @ model.V + model.c)
        grad = model.V @ ((1 - h**2) * model.W[:, j]) - TEMPLATE_SMOOTHNESS * (L @ delta) - TEMPLATE_L2 * delta
        delta = np.clip(delta + lr * grad, -start, 1.0 - start)
    return delta


def most_activating_mean(model, j: int, X: np.ndarray, count: int = 20) -> np.ndarray:
    """Mean of the ``count`` images in X on which class j's score is highest."""
    top = np.argsort(model.scores(X)[:, j])[-count:]
    return X[top].mean(axis=0)


# ---------------------------------------------------------------- the trained models the pages quote

#: Regularisation strengths: a weak L2 for the main iris model (without any penalty the
#: setosa class is separable and its weights would grow without bound), and the strong
#: L2 and L1 penalties compared on the weighting page.
IRIS_WEAK_L2 = 0.01
IRIS_L2 = 0.1
IRIS_L1 = 0.05
DIGITS_L2 = 1e-3


def _cache_key(name: str) -> str:
    """This module, all it can reach and the libraries they import (:mod:`lastlayer.deps`)."""
    return deps.digest(Path(__file__), extra=name)[:16]


def _disk_cached(name: str, train):
    """Train once per code version; later builds (and both languages) load the arrays."""
    path = generated("models") / f"{name}-{_cache_key(name)}.npz"

    def load() -> dict[str, np.ndarray]:
        with np.load(path) as data:
            return {key: data[key] for key in data.files}

    if path.is_file():
        return load()
    with exclusive(path):  # another process training the same model: wait and load its file
        if path.is_file():
            return load()
        arrays = train()
        atomic_write(path, lambda tmp: np.savez(tmp, **arrays))
    return arrays


@cache
def iris_model(penalty: str = "weak") -> SoftmaxModel:
    strengths = {"weak": {"l2": IRIS_WEAK_L2}, "l2": {"l2": IRIS_L2}, "l1": {"l1": IRIS_L1}}[penalty]

    def train():
        d = iris()
        m = fit_softmax(d.X_train, d.y_train, **strengths, steps=20000)
        return {"W": m.W, "b": m.b}

    return SoftmaxModel(**_disk_cached(f"iris-{penalty}", train))


@cache
def digits_model() -> SoftmaxModel:
    def train():
        d = digits()
        m = fit_softmax(d.X_train, d.y_train, l2=DIGITS_L2, steps=8000)
        return {"W": m.W, "b": m.b}

    return SoftmaxModel(**_disk_cached("digits-linear", train))


@cache
def digits_mlp() -> MLP:
    def train():
        d = digits()
        m = fit_mlp(d.X_train, d.y_train)
        return {"V": m.V, "c": m.c, "W": m.W, "b": m.b}

    return MLP(**_disk_cached("digits-mlp", train))


def iris_flower() -> int:
    """Index of the held-out flower the weighting page explains: the one the main model is least sure about."""
    d, m = iris(), iris_model()
    return int(np.argmin(m.predict_proba(d.X_test).max(axis=1)))


# ---------------------------------------------------------------- calibration


def calibration_split() -> tuple[np.ndarray, np.ndarray]:
    """Split the digits' held-out images in two halves: one to fit a temperature, one to evaluate."""
    y = digits().y_test
    from sklearn.model_selection import train_test_split

    idx = np.arange(len(y))
    fit, evaluate = train_test_split(idx, test_size=0.5, random_state=SEED, stratify=y)
    return np.sort(fit), np.sort(evaluate)


def fit_temperature(scores: np.ndarray, labels: np.ndarray) -> float:
    """The temperature T minimising the cross-entropy of softmax(z / T), by a grid then golden section."""

    def nll(t: float) -> float:
        p = maths.softmax(scores / t)
        return float(-np.mean(np.log(p[np.arange(len(labels)), labels] + 1e-300)))

    grid = np.exp(np.linspace(np.log(0.05), np.log(20), 200))
    best = grid[int(np.argmin([nll(t) for t in grid]))]
    lo, hi = best / 1.05, best * 1.05
    ratio = (np.sqrt(5) - 1) / 2
    for _ in range(60):
        a, b = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
        if nll(a) < nll(b):
            hi = b
        else:
            lo = a
    return float((lo + hi) / 2)


# ---------------------------------------------------------------- weight decay and margins

#: Weight-decay strengths swept on the digits for the "what the views explain" page.
DECAYS = (1e-4, 1e-3, 1e-2, 1e-1)


@cache
def digits_decay(l2: float) -> SoftmaxModel:
    def train():
        d = digits()
        m = fit_softmax(d.X_train, d.y_train, l2=l2, steps=3000)
        return {"W": m.W, "b": m.b}

    return SoftmaxModel(**_disk_cached(f"digits-decay-{l2:g}", train))


def unit(v: np.ndarray, axis: int = -1) -> np.ndarray:
    return v / np.linalg.norm(v, axis=axis, keepdims=True)


def fit_cosine_softmax(X, y, margin: float = 0.0, scale: float = 8.0, steps: int = 3000, lr: float = 0.05):
    """Cosine softmax with an additive margin (CosFace) on fixed features X.

    Scores are s·cos θ_j = s·(x/‖x‖)·(w_j/‖w_j‖) with no bias; during training the true
    class's cosine is lowered by ``margin``. Returns the learned directions W (n, k), unit columns.
    """
    rng = np.random.default_rng(SEED)
    k = int(y.max()) + 1
    Xn = unit(np.asarray(X, dtype=float))
    Y = one_hot(y, k)
    V = rng.normal(size=(X.shape[1], k))
    for _ in range(steps):
        norms = np.linalg.norm(V, axis=0, keepdims=True)
        Wn = V / norms
        cos = Xn @ Wn
        G = (maths.softmax(scale * (cos - margin * Y)) - Y) * scale / len(y)  # dL/dcos
        dWn = Xn.T @ G
        # Back through the normalisation w/‖w‖: project out the radial part.
        dV = (dWn - Wn * np.sum(dWn * Wn, axis=0, keepdims=True)) / norms
        V = V - lr * dV * len(y) / 10
    return unit(V, axis=0)


#: Additive cosine margin shown on the "what the views explain" page.
COSFACE_MARGIN = 0.35
COSFACE_SCALE = 8.0


#: The steps of the two runs the explained page draws, and the longer runs it quotes after them;
#: the step size is small enough that a smaller one gives the same runs (with 0.5 the first steps
#: turned features by hundreds of degrees, round the circle; now at most a few tens in the first).
COSINE_FREE_STEPS = 2000
COSINE_FREE_LONG = 20000
COSINE_FREE_LR = 0.05


def cosine_free_features(
    X, y, margin: float = 0.0, scale: float = COSFACE_SCALE, steps: int = COSINE_FREE_STEPS, lr: float = COSINE_FREE_LR
):
    """Cosine softmax with an additive margin when the features can move too.

    As if the layers before the last could put each feature anywhere on the unit circle: the
    features start at the directions of X, the class directions at :func:`fit_cosine_softmax`'s
    (no margin), and gradient descent on the loss moves both, each feature by its own angle.
    Returns (feature angles (N,), class directions (2, k) as unit columns).
    """
    phi = np.arctan2(X[:, 1], X[:, 0]).astype(float)
    start = fit_cosine_softmax(X, y, margin=0.0, scale=scale)
    alpha = np.arctan2(start[1], start[0])
    Y = one_hot(y, start.shape[1])
    for _ in range(steps):
        diff = phi[:, None] - alpha[None, :]
        G = (maths.softmax(scale * (np.cos(diff) - margin * Y)) - Y) * scale  # dL/dcos, per feature
        phi = phi - lr * np.sum(G * -np.sin(diff), axis=1)
        alpha = alpha - lr * np.sum(G * np.sin(diff), axis=0) / len(y)
    return phi, np.array([np.cos(alpha), np.sin(alpha)])


def band_count(phi: np.ndarray, W: np.ndarray, y: np.ndarray, margin: float) -> int:
    """Features whose own cosine beats the best other class's by less than ``margin``."""
    cos = np.c_[np.cos(phi), np.sin(phi)] @ W
    own = cos[np.arange(len(y)), y]
    others = np.where(np.eye(W.shape[1], dtype=bool)[y], -np.inf, cos).max(axis=1)
    return int(np.sum(own - others < margin))


# ---------------------------------------------------------------- what the pages claim about these models


def decay_study() -> dict[str, np.ndarray]:
    """The digits classifiers of :data:`DECAYS`, compared with the most weakly regularised one.

    Per λ: mean template length, length of the (unpenalised) bias, mean cosine between each
    template and the same class's template at the weakest λ, accuracy and mean top probability on
    the held-out digits, and the share of held-out predictions that agree with the weakest λ's.
    """
    d = digits()
    trained = [digits_decay(l2) for l2 in DECAYS]
    first = trained[0]
    out: dict[str, list[float]] = {key: [] for key in ("norm", "bias", "cosine", "accuracy", "confidence", "agree")}
    for m in trained:
        out["norm"].append(np.linalg.norm(m.W, axis=0).mean())
        out["bias"].append(np.linalg.norm(m.b))
        out["cosine"].append(np.mean(np.sum(unit(m.W, 0) * unit(first.W, 0), axis=0)))
        out["accuracy"].append(m.accuracy(d.X_test, d.y_test))
        out["confidence"].append(m.predict_proba(d.X_test).max(axis=1).mean())
        out["agree"].append(np.mean(m.predict(d.X_test) == first.predict(d.X_test)))
    return {key: np.array(v) for key, v in out.items()}


def calibration_gap(probs: np.ndarray, labels: np.ndarray) -> float:
    """Accuracy minus mean top probability: positive when under-confident, negative when over-confident."""
    return float(np.mean(probs.argmax(axis=1) == labels) - probs.max(axis=1).mean())


#: Resamples and folds behind the uncertainty of the fitted temperature.
BOOTSTRAP_RESAMPLES = 200
CALIBRATION_FOLDS = 5


@cache
def calibration_study() -> dict[str, float]:
    """Temperature scaling of the linear digits classifier, with how sure we can be of it.

    * ``T``: fitted on one half of the held-out digits, evaluated on the other half
      (ECE and signed gap before and after); ``T_other``: fitted on the evaluation half instead.
    * ``T_low``, ``T_high``: 95% bootstrap interval of T fitted on all held-out digits.
    * ``cv_*``: 5-fold cross-validation on all held-out digits: each fold scaled by the T fitted
      on the other four; ECE and signed gap pooled over the folds, and the range of the five T.
    """
    from sklearn.model_selection import StratifiedKFold

    d, model = digits(), digits_model()
    scores, y = model.scores(d.X_test), d.y_test
    fit, evaluate = calibration_split()
    t = fit_temperature(scores[fit], y[fit])
    out: dict[str, float] = {"T": t, "T_other": fit_temperature(scores[evaluate], y[evaluate])}
    for name, temp in (("before", 1.0), ("after", t)):
        p = maths.softmax(scores[evaluate] / temp)
        out[f"ece_{name}"] = maths.reliability(p, y[evaluate])["ece"]
        out[f"gap_{name}"] = calibration_gap(p, y[evaluate])
    rng = np.random.default_rng(SEED)
    boot = []
    for _ in range(BOOTSTRAP_RESAMPLES):
        i = rng.integers(0, len(y), len(y))
        boot.append(fit_temperature(scores[i], y[i]))
    out["T_low"], out["T_high"] = (float(v) for v in np.percentile(boot, [2.5, 97.5]))
    folds = StratifiedKFold(CALIBRATION_FOLDS, shuffle=True, random_state=SEED).split(scores, y)
    scaled_probs, temps = np.empty_like(scores), []
    for train_idx, test_idx in folds:
        temps.append(fit_temperature(scores[train_idx], y[train_idx]))
        scaled_probs[test_idx] = maths.softmax(scores[test_idx] / temps[-1])
    raw = maths.softmax(scores)
    out |= {
        "cv_T_min": min(temps),
        "cv_T_max": max(temps),
        "cv_ece_before": maths.reliability(raw, y)["ece"],
        "cv_ece_after": maths.reliability(scaled_probs, y)["ece"],
        "cv_gap_before": calibration_gap(raw, y),
        "cv_gap_after": calibration_gap(scaled_probs, y),
        "n_all": len(y),
    }
    return out


# ---------------------------------------------------------------- cross-validated calibration


#: Folds of the cross-validated predictions on every digit.
CROSSVAL_FOLDS = 5
#: Bins of the reliability diagram; each holds the same number of predictions.
RELIABILITY_BINS = 10


def _crossval_folds(y: np.ndarray) -> list[np.ndarray]:
    from sklearn.model_selection import StratifiedKFold

    split = StratifiedKFold(CROSSVAL_FOLDS, shuffle=True, random_state=SEED).split(np.zeros(len(y)), y)
    return [test for _, test in split]


def digits_crossval_scores() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Scores for every one of the 1797 digits from a linear classifier that never saw it.

    The digits are cut into :data:`CROSSVAL_FOLDS` stratified folds; each fold is scored by the
    model trained (as :func:`digits_model`) on the other folds. Returns (scores (N, 10), labels,
    fold index of each digit).
    """
    from sklearn.datasets import load_digits

    bunch = load_digits()
    X, y = bunch.data / 16.0, bunch.target
    folds = _crossval_folds(y)

    def train():
        scores = np.empty((len(y), 10))
        for test in folds:
            train_mask = np.ones(len(y), bool)
            train_mask[test] = False
            m = fit_softmax(X[train_mask], y[train_mask], l2=DIGITS_L2, steps=8000)
            scores[test] = m.scores(X[test])
        return {"scores": scores}

    fold_of = np.empty(len(y), int)
    for i, test in enumerate(folds):
        fold_of[test] = i
    return _disk_cached("digits-crossval", train)["scores"], y, fold_of


def reliability_equal_count(probs: np.ndarray, labels: np.ndarray, bins: int = RELIABILITY_BINS) -> dict:
    """Confidence against accuracy in bins that each hold the same number of predictions
    (within one), so no bin rests on a handful of images; and the expected calibration error."""
    confidence = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == labels).astype(float)
    order = np.argsort(confidence, kind="stable")
    groups = np.array_split(order, bins)
    out = {
        "low": np.array([confidence[g].min() for g in groups]),
        "high": np.array([confidence[g].max() for g in groups]),
        "count": np.array([len(g) for g in groups]),
        "accuracy": np.array([correct[g].mean() for g in groups]),
        "confidence": np.array([confidence[g].mean() for g in groups]),
    }
    out["ece"] = float(out["count"] @ np.abs(out["accuracy"] - out["confidence"]) / len(labels))
    return out


@cache
def crossval_calibration() -> dict:
    """Temperature scaling on the cross-validated digits predictions, itself cross-validated:
    each fold's scores are divided by the T fitted on the other folds' scores.

    Returns the probabilities before and after (``probs_before``, ``probs_after``), the labels,
    the per-fold temperatures ``T``, and for both the equal-count reliability, its ECE and the
    signed gap (accuracy minus mean confidence).
    """
    scores, y, fold_of = digits_crossval_scores()
    temps = np.array([fit_temperature(scores[fold_of != f], y[fold_of != f]) for f in range(CROSSVAL_FOLDS)])
    before = maths.softmax(scores)
    after = maths.softmax(scores / temps[fold_of][:, None])
    out = {"labels": y, "T": temps, "probs_before": before, "probs_after": after, "n": len(y)}
    for name, p in (("before", before), ("after", after)):
        out[f"reliability_{name}"] = reliability_equal_count(p, y)
        out[f"ece_{name}"] = out[f"reliability_{name}"]["ece"]
        out[f"gap_{name}"] = calibration_gap(p, y)
    out["accuracy"] = float(np.mean(scores.argmax(1) == y))
    return out
