"""How the last layer learns: gradients, one step, training, and the frameworks' conventions.

Pure numpy. The "how the layer learns" page, its figures and ``tests/test_learning.py``
call these functions; the page quotes the values registered at the bottom (``learn.…``),
and the exercises at the end of every content page quote the ``ex.…`` values.

Shapes follow the site: ``x`` has n features, ``W`` is n×k (column j is ``w_j``), ``b`` has
k entries, ``z = Wᵀx + b``. A batch ``X`` is N×n, one example per row.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from lastlayer import fmt, maths, models
from lastlayer.examples import toy2d, worked_example
from lastlayer.registry import group

# ---------------------------------------------------------------- loss and gradients


def loss(X: np.ndarray, W: np.ndarray, b: np.ndarray, y) -> float:
    """Cross-entropy of one example (x of shape (n,), y an int) or the mean over a batch."""
    Z = maths.linear(X, W, b)
    Z = np.atleast_2d(Z)
    y = np.atleast_1d(y)
    return float(np.mean(maths.log_sum_exp(Z) - Z[np.arange(len(y)), y]))


def gradients(X: np.ndarray, W: np.ndarray, b: np.ndarray, y) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """∂L/∂z, ∂L/∂W and ∂L/∂b of :func:`loss`.

    One example: ∂L/∂z = ŷ − e_y, ∂L/∂W = x (ŷ − e_y)ᵀ (n×k, like W), ∂L/∂b = ŷ − e_y.
    A batch: the same for each row, averaged, so ∂L/∂W = Xᵀ G / N with G the N×k rows ŷ − e_y.
    """
    X = np.asarray(X, dtype=float)
    k = W.shape[1]
    if X.ndim == 1:
        dz = maths.softmax(maths.linear(X, W, b)) - np.eye(k)[y]
        return dz, np.outer(X, dz), dz
    G = maths.softmax(maths.linear(X, W, b)) - np.eye(k)[np.asarray(y)]
    return G, X.T @ G / len(X), G.mean(axis=0)


#: Step of the central differences that check the gradients.
FD_STEP = 1e-6


def numerical_gradients(X, W, b, y, eps: float = FD_STEP) -> tuple[np.ndarray, np.ndarray]:
    """∂L/∂W and ∂L/∂b by central differences, one parameter at a time."""
    dW, db = np.zeros_like(W, dtype=float), np.zeros_like(b, dtype=float)
    for idx in np.ndindex(W.shape):
        E = np.zeros_like(W, dtype=float)
        E[idx] = eps
        dW[idx] = (loss(X, W + E, b, y) - loss(X, W - E, b, y)) / (2 * eps)
    for j in range(len(b)):
        e = np.zeros_like(b, dtype=float)
        e[j] = eps
        db[j] = (loss(X, W, b + e, y) - loss(X, W, b - e, y)) / (2 * eps)
    return dW, db


def sgd_step(x, W, b, y, lr: float) -> tuple[np.ndarray, np.ndarray]:
    """One gradient step on one example: w_j ← w_j − lr (ŷ_j − [j = y]) x."""
    _, dW, db = gradients(x, W, b, y)
    return W - lr * dW, b - lr * db


# ---------------------------------------------------------------- one step on the toy data

#: The layer at the start of training: random weights (this seed and scale), zero bias.
STEP_SEED = 0
STEP_INIT_SCALE = 0.5
#: Learning rate of the single step.
STEP_LR = 0.25
#: Decimals of the step's multipliers −η(ŷ_j − [j = y]) on the page.
FACTOR_DIGITS = 4


@dataclass(frozen=True)
class Step:
    """One gradient step on the toy data's worst misclassified point."""

    W0: np.ndarray
    b0: np.ndarray
    W1: np.ndarray
    b1: np.ndarray
    index: int
    lr: float

    @property
    def x(self) -> np.ndarray:
        return toy2d().X[self.index]

    @property
    def label(self) -> int:
        return int(toy2d().y[self.index])

    def scores(self, after: bool) -> np.ndarray:
        W, b = (self.W1, self.b1) if after else (self.W0, self.b0)
        return maths.linear(self.x, W, b)

    def probs(self, after: bool) -> np.ndarray:
        return maths.softmax(self.scores(after))

    def accuracy(self, after: bool) -> float:
        toy = toy2d()
        W, b = (self.W1, self.b1) if after else (self.W0, self.b0)
        return float(np.mean(np.argmax(maths.linear(toy.X, W, b), axis=1) == toy.y))

    @property
    def moves(self) -> np.ndarray:
        """W1 − W0, n×k: column j is how far w_j moved."""
        return self.W1 - self.W0


@cache
def toy_step() -> Step:
    """Random initial weights; the misclassified point with the largest loss; one step on it."""
    toy = toy2d()
    rng = np.random.default_rng(STEP_SEED)
    W0 = STEP_INIT_SCALE * rng.standard_normal(toy.W.shape)
    b0 = np.zeros(toy.W.shape[1])
    Z = maths.linear(toy.X, W0, b0)
    losses = maths.log_sum_exp(Z) - Z[np.arange(len(toy.y)), toy.y]
    wrong = np.flatnonzero(np.argmax(Z, axis=1) != toy.y)
    index = int(wrong[np.argmax(losses[wrong])])
    W1, b1 = sgd_step(toy.X[index], W0, b0, int(toy.y[index]), STEP_LR)
    return Step(W0=W0, b0=b0, W1=W1, b1=b1, index=index, lr=STEP_LR)


# ---------------------------------------------------------------- training on the digits

HISTORY_EPOCHS = 40
HISTORY_BATCH = 32
HISTORY_LR = 0.1
#: Snapshots: the first epoch, the first epochs by which the training loss has made these fractions of its
#: total drop, and the last.
HISTORY_FRACTIONS = (0.9, 0.99)


@dataclass(frozen=True)
class History:
    epochs: np.ndarray  # 0..E
    loss: np.ndarray  # training cross-entropy after each epoch (epoch 0: the initial weights)
    accuracy: np.ndarray  # held-out accuracy after each epoch
    weights: np.ndarray  # (E+1, n, k)
    biases: np.ndarray  # (E+1, k)

    @property
    def milestones(self) -> tuple[int, ...]:
        """For each of HISTORY_FRACTIONS, the first epoch by which the loss has made that fraction of its drop."""
        drop = (self.loss[0] - self.loss) / (self.loss[0] - self.loss[-1])
        return tuple(int(np.argmax(drop >= f)) for f in HISTORY_FRACTIONS)

    @property
    def shown(self) -> tuple[int, ...]:
        """Epochs to draw: the first, the milestones, and the last."""
        return tuple(sorted({1, *self.milestones, int(self.epochs[-1])}))

    def template_length(self, epoch: int) -> float:
        """Mean length of the ten templates (columns of W) after an epoch."""
        return float(np.linalg.norm(self.weights[epoch], axis=0).mean())


@cache
def digits_history() -> History:
    """Mini-batch SGD from zero weights on the digits (same L2 as the site's model)."""
    data = models.digits()
    X, y = data.X_train, data.y_train
    N, n = X.shape
    k = int(y.max()) + 1
    Y = np.eye(k)[y]
    rng = np.random.default_rng(models.SEED)
    W, b = np.zeros((n, k)), np.zeros(k)

    def record(W, b):
        return loss(X, W, b, y), float(np.mean(np.argmax(maths.linear(data.X_test, W, b), axis=1) == data.y_test))

    losses, accs, Ws, bs = [], [], [], []
    for epoch in range(HISTORY_EPOCHS + 1):
        if epoch:
            order = rng.permutation(N)
            for start in range(0, N, HISTORY_BATCH):
                idx = order[start : start + HISTORY_BATCH]
                G = (maths.softmax(X[idx] @ W + b) - Y[idx]) / len(idx)
                W = W - HISTORY_LR * (X[idx].T @ G + models.DIGITS_L2 * W)
                b = b - HISTORY_LR * G.sum(0)
        lo, acc = record(W, b)
        losses.append(lo)
        accs.append(acc)
        Ws.append(W.copy())
        bs.append(b.copy())
    return History(
        epochs=np.arange(HISTORY_EPOCHS + 1),
        loss=np.array(losses),
        accuracy=np.array(accs),
        weights=np.array(Ws),
        biases=np.array(bs),
    )


# ---------------------------------------------------------------- cross-entropy against squared error


def squared_error(z: np.ndarray, label: int) -> float:
    """½‖ŷ − e_y‖²: squared error on the probabilities."""
    p = maths.softmax(z)
    return float(0.5 * np.sum((p - np.eye(len(z))[label]) ** 2))


def squared_error_grad(z: np.ndarray, label: int) -> np.ndarray:
    """Its gradient with respect to the scores: Jᵀ(ŷ − e_y), J = diag(ŷ) − ŷŷᵀ the softmax Jacobian."""
    p = maths.softmax(z)
    J = np.diag(p) - np.outer(p, p)
    return J.T @ (p - np.eye(len(z))[label])


def scores_for(p_true: float, k: int, label: int = 0) -> np.ndarray:
    """Scores whose softmax gives the true class p_true and shares the rest evenly among the others."""
    probs = np.full(k, (1 - p_true) / (k - 1))
    probs[label] = p_true
    return np.log(probs)


#: Number of classes of the curves (the toy problem's three), and the probabilities quoted.
CURVE_K = 3
CURVE_PROBES = (0.01, 0.1, 0.5)


def true_score_gradients(p_true: np.ndarray, k: int = CURVE_K) -> tuple[np.ndarray, np.ndarray]:
    """∂L/∂z_y of cross-entropy and of squared error, as functions of the true class's probability."""
    ce = np.array([maths.cross_entropy_grad(scores_for(p, k), 0)[0] for p in p_true])
    se = np.array([squared_error_grad(scores_for(p, k), 0)[0] for p in p_true])
    return ce, se


# ---------------------------------------------------------------- the shift freedom


def shifted(W: np.ndarray, c: np.ndarray) -> np.ndarray:
    """W with the same vector c added to every column w_j."""
    return W + np.asarray(c, dtype=float)[:, None]


SHIFT_STEPS = 300
SHIFT_L2 = 0.05


def step_size(X, l2: float) -> float:
    """1/Lipschitz of the mean cross-entropy plus L2, as in :func:`lastlayer.models.fit_softmax`."""
    X = np.asarray(X, dtype=float)
    return 1.0 / (np.linalg.norm(np.c_[X, np.ones(len(X))], 2) ** 2 / (2 * len(X)) + l2)


def shrink_per_step(X, l2: float) -> float:
    """With L2, every step multiplies Σ_j w_j by 1 − lr·λ: the loss's gradient adds nothing to the sum."""
    return 1.0 - step_size(X, l2) * l2


def column_sums_during_training(X, y, l2: float, steps: int = SHIFT_STEPS, seed: int = models.SEED) -> np.ndarray:
    """‖Σ_j w_j‖ after each step of full-batch gradient descent from random weights (step size 1/Lipschitz)."""
    X = np.asarray(X, dtype=float)
    n = X.shape[1]
    k = int(np.max(y)) + 1
    rng = np.random.default_rng(seed)
    W, b = rng.standard_normal((n, k)), np.zeros(k)
    lr = step_size(X, l2)
    sums = [np.linalg.norm(W.sum(axis=1))]
    for _ in range(steps):
        _, dW, db = gradients(X, W, b, y)
        W = W - lr * (dW + l2 * W)
        b = b - lr * db
        sums.append(np.linalg.norm(W.sum(axis=1)))
    return np.array(sums)


@dataclass(frozen=True)
class FrozenSum:
    """Exercise "a frozen sum": the digits trained from W with every column equal to v, with and without decay."""

    v: np.ndarray
    plain: tuple[np.ndarray, np.ndarray]  # (W, b) without weight decay
    decayed: tuple[np.ndarray, np.ndarray]  # (W, b) with weight decay SHIFT_L2


def descend(X, y, W, b, l2: float, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Full-batch gradient descent on the mean cross-entropy + (l2/2)‖W‖², step size 1/Lipschitz."""
    lr = step_size(X, l2)
    for _ in range(steps):
        _, dW, db = gradients(X, W, b, y)
        W, b = W - lr * (dW + l2 * W), b - lr * db
    return W, b


@cache
def frozen_sum() -> FrozenSum:
    data = models.digits()
    X, y = data.X_train, data.y_train
    k = int(y.max()) + 1
    v = np.random.default_rng(models.SEED).standard_normal(X.shape[1])
    W0, b0 = np.tile(v[:, None], (1, k)), np.zeros(k)
    return FrozenSum(
        v=v,
        plain=descend(X, y, W0, b0, 0.0, SHIFT_STEPS),
        decayed=descend(X, y, W0, b0, SHIFT_L2, SHIFT_STEPS),
    )


def mlp_penalty() -> float:
    """The L2 penalty λ the template page's network is trained with: :func:`models.fit_mlp`'s
    default, which :func:`models.digits_mlp` does not override."""
    import inspect

    return float(inspect.signature(models.fit_mlp).parameters["l2"].default)


def mlp_last_layer_sums() -> dict[str, float]:
    """‖Σ_j w_j‖ of the deep network's last layer: at its random start, after training (Adam with
    the L2 penalty :func:`mlp_penalty`), and after the same training with no penalty at all.

    Adam scales each weight's step separately, so the loss's gradient, which adds nothing to the
    sum, no longer leaves it alone; the penalty pulls it toward zero. The unpenalised network is
    trained only for this comparison, and kept with the other trained models.
    """
    d = models.digits()

    def unpenalised():
        m = models.fit_mlp(d.X_train, d.y_train, l2=0.0)
        return {"V": m.V, "c": m.c, "W": m.W, "b": m.b}

    free = models._disk_cached("digits-mlp-unpenalised", unpenalised)["W"]
    return {
        "start": float(np.linalg.norm(models.fit_mlp(d.X_train, d.y_train, steps=0).W.sum(axis=1))),
        "end": float(np.linalg.norm(models.digits_mlp().W.sum(axis=1))),
        "unpenalised": float(np.linalg.norm(free.sum(axis=1))),
    }


# ---------------------------------------------------------------- raw scores: the same gap, different probabilities

#: The gap between the top two scores, and how many more classes score as high as the second.
GAP = 3.0
GAP_MORE_CLASSES = 30


def top_probability(gap: float, more_classes: int) -> float:
    """Softmax's probability of the top class when the second is ``gap`` below it and
    ``more_classes`` further classes tie with the second."""
    return float(maths.softmax(np.r_[gap, np.zeros(1 + more_classes)])[0])


# ---------------------------------------------------------------- calibration, in the reliability diagram's bins


@cache
def calibration_detail() -> dict[str, float]:
    """The why-softmax page's detail on how sure a fitted temperature is, with every ECE in the
    reliability diagram's bins (:func:`lastlayer.models.reliability_equal_count`: equal counts).

    The same splits and temperatures as :func:`lastlayer.models.calibration_study` (whose ECE uses
    equal-width bins): T fitted on one half of the held-out digits and evaluated on the other;
    then each of CALIBRATION_FOLDS folds of all held-out digits scaled by the T fitted on the rest.
    """
    from sklearn.model_selection import StratifiedKFold

    d, model = models.digits(), models.digits_model()
    scores, y = model.scores(d.X_test), d.y_test
    fit, evaluate = models.calibration_split()
    t = models.fit_temperature(scores[fit], y[fit])
    out = {"T": t}
    for name, temp in (("before", 1.0), ("after", t)):
        out[f"ece_{name}"] = models.reliability_equal_count(maths.softmax(scores[evaluate] / temp), y[evaluate])["ece"]
    folds = StratifiedKFold(models.CALIBRATION_FOLDS, shuffle=True, random_state=models.SEED).split(scores, y)
    scaled = np.empty_like(scores)
    for train_idx, test_idx in folds:
        scaled[test_idx] = maths.softmax(scores[test_idx] / models.fit_temperature(scores[train_idx], y[train_idx]))
    out["cv_ece_before"] = models.reliability_equal_count(maths.softmax(scores), y)["ece"]
    out["cv_ece_after"] = models.reliability_equal_count(scaled, y)["ece"]
    return out


# ---------------------------------------------------------------- the bias trick


def fold_bias(W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(n+1)×k weights whose last row is b."""
    return np.vstack([W, b])


def append_one(X: np.ndarray) -> np.ndarray:
    X = np.asarray(X, dtype=float)
    return np.concatenate([X, np.ones((*X.shape[:-1], 1))], axis=-1)


# ---------------------------------------------------------------- log-softmax

#: A score far below the others: its probability underflows to 0 in float64 (e^-800 < 5e-324).
LOG_SCORES = (10.0, 0.0, -800.0)


def log_softmax(z: np.ndarray) -> np.ndarray:
    """log ŷ computed as z − logsumexp(z): finite for any finite scores."""
    z = np.asarray(z, dtype=float)
    return z - maths.log_sum_exp(z)[..., None] if z.ndim > 1 else z - maths.log_sum_exp(z)


def log_of_softmax(z: np.ndarray) -> np.ndarray:
    """log(softmax(z)) in two steps: the probability can underflow to 0 and its log to −inf."""
    with np.errstate(divide="ignore"):
        return np.log(maths.softmax(z))


# ---------------------------------------------------------------- the frameworks' conventions


def torch_linear_weight(W: np.ndarray) -> np.ndarray:
    """PyTorch's nn.Linear(n, k).weight holds k×n and computes x Aᵀ + b: A is this site's Wᵀ."""
    return np.asarray(W).T


def torch_linear(x: np.ndarray, A: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.asarray(x) @ A.T + b


def keras_dense(x: np.ndarray, kernel: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Keras Dense computes dot(x, kernel) + bias with an n×k kernel: the kernel is this site's W."""
    return np.asarray(x) @ kernel + b


def softmax_twice_loss(z: np.ndarray, label: int) -> float:
    """The common bug: softmax applied, then a loss that applies softmax again (it expects logits)."""
    return maths.cross_entropy(maths.softmax(z), label)


def softmax_twice_grad(z: np.ndarray, label: int) -> np.ndarray:
    """Gradient of :func:`softmax_twice_loss` with respect to the real scores z (chain rule through softmax)."""
    p = maths.softmax(z)
    J = np.diag(p) - np.outer(p, p)
    return J.T @ maths.cross_entropy_grad(p, label)


def softmax_twice_floor(k: int) -> float:
    """The lowest loss the bug allows, reached when one probability is 1: log(1 + (k − 1)/e)."""
    return float(np.log1p((k - 1) / np.e))


#: A confident, correct prediction for the worked example's first class: its scores times this factor.
CONFIDENT = 5.0

#: Full-batch steps and learning rate of the toy comparison of the right loss and the softmax-twice bug.
BUG_STEPS = 200
BUG_LR = 1.0


def train_toy(softmax_first: bool, steps: int = BUG_STEPS, lr: float = BUG_LR) -> tuple[float, float]:
    """Train the toy layer from zero; return its true mean cross-entropy and its accuracy.

    ``softmax_first`` reproduces the bug: the loss that is minimised is cross-entropy applied to
    softmax(z) instead of z, whose gradient is the chain rule through the extra softmax.
    """
    toy = toy2d()
    X, y = toy.X, toy.y
    W, b = np.zeros(toy.W.shape), np.zeros(toy.W.shape[1])
    for _ in range(steps):
        Z = maths.linear(X, W, b)
        if softmax_first:
            G = np.array([softmax_twice_grad(z, label) for z, label in zip(Z, y, strict=True)])
        else:
            G = maths.softmax(Z) - np.eye(W.shape[1])[y]
        W = W - lr * X.T @ G / len(y)
        b = b - lr * G.mean(axis=0)
    accuracy = float(np.mean(np.argmax(maths.linear(X, W, b), axis=1) == y))
    return loss(X, W, b, y), accuracy


# ---------------------------------------------------------------- values quoted by the page


def _vec(v, digits: int = 2) -> str:
    return fmt.vector(v, digits)


def _parts(v, digits: int = 2) -> str:
    """Numbers meant to add up (probabilities, gradients on the scores), rounded so they do as shown."""
    return ", ".join(fmt.parts(v, digits))


def rounded_columns(M, digits: int = 2) -> list[str]:
    """The columns of M as vectors, each row rounded with :func:`fmt.parts` so the columns still add up as shown."""
    rows = [fmt.parts(row, digits) for row in np.asarray(M)]
    return [", ".join(row[j] for row in rows) for j in range(np.shape(M)[1])]


def sci(v: float, digits: int = 1) -> str:
    """A tiny or huge number as TeX for inside $…$: 8.7 \\times 10^{-6}."""
    mantissa, exponent = f"{float(v):.{digits}e}".split("e")
    return f"{mantissa} \\times 10^{{{int(exponent)}}}"


@group("learn")
def _learn() -> dict[str, str]:
    out: dict[str, str] = {}
    ex = worked_example()
    k = ex.W.shape[1]
    label = 0
    dz, dW, db = gradients(ex.x, ex.W, ex.b, label)
    out |= {
        "learn.one.label": str(label + 1),
        "learn.one.dz": _parts(dz),
        "learn.one.loss": fmt.num(loss(ex.x, ex.W, ex.b, label)),
        "learn.n": str(ex.W.shape[0]),
        "learn.k": str(k),
    }
    for j in range(k):
        out[f"learn.one.dW.{j}"] = _vec(dW[:, j])
    num_dW, num_db = numerical_gradients(ex.x, ex.W, ex.b, label)
    out["learn.one.fd_error"] = sci(max(np.abs(num_dW - dW).max(), np.abs(num_db - db).max()))
    out["learn.one.fd_step"] = f"10^{{{round(np.log10(FD_STEP))}}}"
    out["learn.one.shape"] = f"{ex.W.shape[0]} \\times {ex.W.shape[1]}"

    # One step on the toy data.
    step = toy_step()
    p0, p1 = step.probs(False), step.probs(True)
    toy = toy2d()
    x_sq_plus_1 = float(step.x @ step.x) + 1
    out |= {
        "learn.step.x": _vec(step.x),
        "learn.step.label": str(step.label + 1),
        "learn.step.predicted": str(int(np.argmax(p0)) + 1),
        "learn.step.lr": f"{step.lr:g}",
        "learn.step.seed": str(STEP_SEED),
        "learn.step.scale": f"{STEP_INIT_SCALE:g}",
        "learn.step.p_before": _parts(p0),
        "learn.step.p_after": _parts(p1),
        "learn.step.acc_before": fmt.num(100 * step.accuracy(False), 1),
        "learn.step.acc_after": fmt.num(100 * step.accuracy(True), 1),
        "learn.step.n": str(len(toy.y)),
        # The step's change of the point's own scores: −η(‖x‖² + 1)(ŷ − e_y).
        "learn.step.x_sq_plus_1": fmt.num(x_sq_plus_1),
        "learn.step.dz": _parts(step.scores(True) - step.scores(False)),
    }
    # Four decimals: times ‖x‖² + 1 they give the score change as shown (three would not).
    factors = -step.lr * (p0 - np.eye(k)[step.label])
    for j, (before, after, move, factor) in enumerate(
        zip(fmt.parts(p0), fmt.parts(p1), rounded_columns(step.moves), fmt.parts(factors, FACTOR_DIGITS), strict=True)
    ):
        out[f"learn.step.p_before.{j}"] = before
        out[f"learn.step.p_after.{j}"] = after
        out[f"learn.step.move.{j}"] = move
        out[f"learn.step.factor.{j}"] = factor
    # What the step did to the class it took the point from (the predicted one): right before, right after.
    predicted = int(np.argmax(p0))
    for when, (W, b) in (("before", (step.W0, step.b0)), ("after", (step.W1, step.b1))):
        calls = np.argmax(maths.linear(toy.X, W, b), axis=1)
        out[f"learn.step.lost.right_{when}"] = str(int(np.sum((calls == predicted) & (toy.y == predicted))))
        out[f"learn.step.lost.called_{when}"] = str(int(np.sum(calls == predicted)))

    # Training the digits.
    hist = digits_history()
    out |= {
        "learn.train.epochs": str(HISTORY_EPOCHS),
        "learn.train.batch": str(HISTORY_BATCH),
        "learn.train.lr": f"{HISTORY_LR:g}",
        "learn.train.loss0": fmt.num(hist.loss[0]),
        "learn.train.loss_end": fmt.num(hist.loss[-1]),
        "learn.train.acc_end": fmt.num(100 * hist.accuracy[-1], 1),
        "learn.train.log10": fmt.num(np.log(10)),
    }
    for i, epoch in enumerate(hist.shown):
        out[f"learn.train.shown.{i}"] = str(epoch)
        out[f"learn.train.shown.{i}.acc"] = fmt.num(100 * hist.accuracy[epoch], 1)
    for i, (fraction, epoch) in enumerate(zip(HISTORY_FRACTIONS, hist.milestones, strict=True)):
        out[f"learn.train.fraction.{i}"] = f"{100 * fraction:g}"
        out[f"learn.train.milestone.{i}"] = str(epoch)
        out[f"learn.train.milestone.{i}.acc"] = fmt.num(100 * hist.accuracy[epoch], 1)
        out[f"learn.train.milestone.{i}.length"] = fmt.num(hist.template_length(epoch))
    out["learn.train.first_acc"] = fmt.num(100 * hist.accuracy[1], 1)
    # Each epoch's last batch holds what is left over; and how far the run is from the optimum of
    # the objective it minimises (cross-entropy + (λ/2)‖W‖², the template page's model's too).
    data = models.digits()
    out["learn.train.batch_rest"] = str(len(data.y_train) % HISTORY_BATCH)

    def objective(W, b):
        return loss(data.X_train, W, b, data.y_train) + models.DIGITS_L2 / 2 * float(np.sum(W**2))

    optimum = models.digits_model()
    out["learn.train.objective_end"] = fmt.num(objective(hist.weights[-1], hist.biases[-1]), 3)
    out["learn.train.objective_opt"] = fmt.num(objective(optimum.W, optimum.b), 3)
    out["learn.train.length_opt"] = fmt.num(float(np.linalg.norm(optimum.W, axis=0).mean()))
    out["learn.train.length_end"] = fmt.num(hist.template_length(-1))

    # Cross-entropy against squared error.
    ce, se = true_score_gradients(np.array(CURVE_PROBES))
    out["learn.curve.k"] = str(CURVE_K)
    for i, p in enumerate(CURVE_PROBES):
        out[f"learn.curve.p.{i}"] = f"{p:g}"
        out[f"learn.curve.ce.{i}"] = fmt.num(ce[i], 3)
        out[f"learn.curve.se.{i}"] = fmt.num(se[i], 3)
    # The ratio of the two values as shown (the unrounded ones give 67, the shown ones 66).
    shown_ce, shown_se = (float(fmt.num(v, 3).replace(fmt.MINUS, "-")) for v in (ce[0], se[0]))
    out["learn.curve.ratio"] = f"{shown_ce / shown_se:.0f}"

    # Raw scores: the same gap between the top two can mean very different probabilities.
    out |= {
        "learn.gap": f"{GAP:g}",
        "learn.gap.more": str(GAP_MORE_CLASSES),
        "learn.gap.two": fmt.num(top_probability(GAP, 0)),
        "learn.gap.many": fmt.num(top_probability(GAP, GAP_MORE_CLASSES)),
    }

    # The shift freedom.
    c = np.array([0.3, -1.0, 2.0, 0.5])
    out["learn.shift.c"] = _vec(c, 1)
    out["learn.shift.loss"] = fmt.num(loss(ex.x, ex.W, ex.b, label), 4)
    out["learn.shift.loss_shifted"] = fmt.num(loss(ex.x, shifted(ex.W, c), ex.b, label), 4)
    data = models.digits()
    plain = column_sums_during_training(data.X_train, data.y_train, l2=0.0)
    mlp_sums = mlp_last_layer_sums()
    decayed = column_sums_during_training(data.X_train, data.y_train, l2=SHIFT_L2)
    out |= {
        "learn.shift.steps": str(SHIFT_STEPS),
        "learn.shift.l2": f"{SHIFT_L2:g}",
        "learn.shift.start": fmt.num(plain[0]),
        "learn.shift.plain": fmt.num(plain[-1]),
        "learn.shift.decayed": fmt.num(decayed[-1]),
        "learn.shift.predicted": fmt.num(plain[0] * shrink_per_step(data.X_train, SHIFT_L2) ** SHIFT_STEPS),
        "learn.shift.digits_model": sci(np.linalg.norm(models.digits_model().W.sum(axis=1))),
        "learn.shift.iris_model": sci(np.linalg.norm(models.iris_model("l2").W.sum(axis=1))),
        # The same fitting method from W = 0 with no penalty at all: the sum is just as zero.
        "learn.shift.unpenalised": sci(
            np.linalg.norm(models.fit_softmax(data.X_train, data.y_train, steps=SHIFT_STEPS).W.sum(axis=1))
        ),
        # The exceptions: the L1 iris model, and the last layer of the network trained by Adam from random weights.
        "learn.shift.iris_l1": fmt.num(np.linalg.norm(models.iris_model("l1").W.sum(axis=1))),
        "learn.shift.iris_l1_length": fmt.num(np.linalg.norm(models.iris_model("l1").W, axis=0).mean()),
        "learn.shift.mlp": fmt.num(mlp_sums["end"], 3),
        "learn.shift.mlp_start": fmt.num(mlp_sums["start"]),
        "learn.shift.mlp_unpenalised": fmt.num(mlp_sums["unpenalised"]),
        "learn.shift.mlp_l2": f"{mlp_penalty():g}",
        "learn.shift.mlp_length": fmt.num(np.linalg.norm(models.digits_mlp().W, axis=0).mean()),
    }

    # Exercise "a frozen sum": what weight decay does besides shrinking the sum.
    frozen = frozen_sum()
    calls, confidence = [], []
    for W, b in (frozen.plain, frozen.decayed):
        P = maths.softmax(maths.linear(data.X_test, W, b))
        calls.append(np.argmax(P, axis=1))
        confidence.append(P.max(axis=1).mean())
    out |= {
        "learn.frozen.n": str(len(data.y_test)),
        "learn.frozen.changed": str(int(np.sum(calls[0] != calls[1]))),
        "learn.frozen.acc_plain": fmt.num(100 * np.mean(calls[0] == data.y_test), 1),
        "learn.frozen.acc_decayed": fmt.num(100 * np.mean(calls[1] == data.y_test), 1),
        "learn.frozen.conf_plain": fmt.num(confidence[0]),
        "learn.frozen.conf_decayed": fmt.num(confidence[1]),
    }

    # The why-softmax page's calibration detail, in the reliability diagram's (equal-count) bins.
    detail = calibration_detail()
    out["learn.calib.bins"] = str(models.RELIABILITY_BINS)
    for key in ("ece_before", "ece_after", "cv_ece_before", "cv_ece_after"):
        out[f"learn.calib.{key}"] = fmt.num(detail[key], 3)

    # The bias trick.
    z_trick = append_one(ex.x) @ fold_bias(ex.W, ex.b)
    out["learn.bias.z"] = _vec(z_trick)
    out["learn.bias.difference"] = f"{np.abs(z_trick - ex.z).max():g}"

    # log-softmax.
    z = np.array(LOG_SCORES)
    out["learn.log.z"] = fmt.vector(LOG_SCORES, 0)
    out["learn.log.naive"] = ", ".join("−inf" if np.isneginf(v) else fmt.num(v) for v in log_of_softmax(z))
    out["learn.log.stable"] = _vec(log_softmax(z))

    # Frameworks.
    z = ex.z
    out |= {
        "learn.fw.loss": fmt.num(maths.cross_entropy(z, label), 3),
        "learn.fw.loss_twice": fmt.num(softmax_twice_loss(z, label), 3),
        "learn.fw.grad": _parts(maths.cross_entropy_grad(z, label), 3),
        "learn.fw.grad_twice": _parts(softmax_twice_grad(z, label), 3),
        "learn.fw.confident": f"{CONFIDENT:g}",
        "learn.fw.conf_p": fmt.num(maths.softmax(CONFIDENT * z)[label], 4),
        "learn.fw.conf_loss": fmt.num(maths.cross_entropy(CONFIDENT * z, label), 4),
        "learn.fw.conf_loss_twice": fmt.num(softmax_twice_loss(CONFIDENT * z, label), 3),
        "learn.fw.floor3": fmt.num(softmax_twice_floor(3), 3),
        "learn.fw.floor10": fmt.num(softmax_twice_floor(10), 3),
        "learn.fw.floor1000": fmt.num(softmax_twice_floor(1000), 2),
    }
    for name, first in (("right", False), ("bug", True)):
        trained_loss, trained_acc = train_toy(first)
        out[f"learn.fw.toy.{name}.loss"] = fmt.num(trained_loss, 3)
        out[f"learn.fw.toy.{name}.acc"] = fmt.num(100 * trained_acc, 1)
    out["learn.fw.toy.steps"] = str(BUG_STEPS)
    wrong = 2  # the worked example as a bird: the layer gives that class little probability
    out |= {
        "learn.fw.wrong.p": sci(maths.softmax(CONFIDENT * z)[wrong]),
        "learn.fw.wrong.grad": fmt.num(maths.cross_entropy_grad(CONFIDENT * z, wrong)[wrong], 3),
        "learn.fw.wrong.grad_twice": sci(softmax_twice_grad(CONFIDENT * z, wrong)[wrong]),
    }
    return out


@group("ex")
def _exercises() -> dict[str, str]:
    """Numbers quoted in the answers of the exercises at the end of the other content pages."""
    ex = worked_example()
    n, k = ex.W.shape
    top = int(np.argmax(ex.contributions[:, 0]))
    return {
        "ex.computation.params": str(n * k + k),
        "ex.computation.double": _parts(maths.softmax(maths.linear(2 * ex.x, ex.W, ex.b))),
        "ex.computation.double_z": fmt.vector(maths.linear(2 * ex.x, ex.W, ex.b)),
        "ex.weighting.top_pixel": str(top + 1),
        "ex.weighting.top_contrib": fmt.num(ex.contributions[top, 0]),
        # The worked example's probabilities, rounded to add up to 1 as shown (why-softmax, exercise 1).
        "ex.why.probs": _parts(ex.probs),
    }
