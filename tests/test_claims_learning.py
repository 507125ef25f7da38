"""Claims corrected on the "why softmax" and "how the layer learns" pages, their figures and
notebooks, each checked by a route of its own: complex-step derivatives, finite differences on
the scores, training loops written out here, binning written out here, exact decimal sums of
what the reader sees. Each docstring names the page and the sentence.
"""

from __future__ import annotations

import itertools
import math
import re
from decimal import Decimal
from pathlib import Path

import matplotlib
import numpy as np
import pytest

from lastlayer import figures, learning, models, notebooks, values
from lastlayer.examples import toy2d, worked_example

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EX = worked_example()


def v(name: str, lang: str = "en") -> str:
    return values.lookup(name, lang)


def dec(text: str) -> Decimal:
    """A shown number, exactly as shown (true minus sign or ASCII)."""
    return Decimal(text.strip().replace("\u2212", "-"))


def shown(name: str) -> list[Decimal]:
    return [dec(t) for t in v(name).split(",")]


def page(name: str) -> str:
    """A page's Markdown source with every run of white space made one space."""
    return re.sub(r"\s+", " ", (DOCS / f"{name}.md").read_text(encoding="utf-8"))


def figure_module(name: str):
    return figures._import(ROOT / "figures" / f"{name}.py")


def softmax(z):
    """Written out here, not taken from lastlayer.maths."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def mean_cross_entropy(X, W, b, y) -> float:
    Z = X @ W + b
    m = Z.max(axis=1, keepdims=True)
    lse = (m + np.log(np.exp(Z - m).sum(axis=1, keepdims=True)))[:, 0]
    return float(np.mean(lse - Z[np.arange(len(y)), y]))


def within_one_unit(text: str, exact: float) -> bool:
    digits = len(text.split(".")[1]) if "." in text else 0
    return abs(dec(text) - Decimal(repr(float(exact)))) <= Decimal(1).scaleb(-digits) * Decimal("1.0000001")


# ---------------------------------------------------------------- numbers that add up as shown


#: (value, what it should add up to as shown, the exact values by a route of this file)
def _sums():
    x, W, b = EX.x, EX.W, EX.b
    p = softmax(x @ W + b)
    step = learning.toy_step()
    xs = step.x
    p0 = softmax(xs @ step.W0 + step.b0)
    p1 = softmax(xs @ step.W1 + step.b1)
    cat = np.eye(3)[0]
    J = np.diag(p) - np.outer(p, p)
    twice = J.T @ (softmax(p) - cat)
    return {
        "learn.one.dz": (0, p - cat),
        "learn.fw.grad": (0, p - cat),
        "learn.fw.grad_twice": (0, twice),
        "learn.step.p_before": (1, p0),
        "learn.step.p_after": (1, p1),
        "learn.step.dz": (0, (xs @ step.W1 + step.b1) - (xs @ step.W0 + step.b0)),
        "ex.why.probs": (1, p),
        "ex.computation.double": (1, softmax(2 * x @ W + b)),
    }


@pytest.mark.parametrize("name", sorted(_sums()))
def test_quoted_probabilities_and_gradients_add_up_as_shown(name):
    """why-softmax: "the predicted probabilities minus the one-hot label: (−0.25, 0.18, 0.07) for the
    cat label" and exercises 1 and 3; learning: the worked example's ∂L/∂z, the step's probabilities
    and score change, the softmax-twice gradients (−0.146, 0.104, 0.042). Every quoted vector that
    should add up to 0 or 1 does so exactly as shown, and each number is within one unit of its
    last decimal of the exact value."""
    target, exact = _sums()[name]
    texts = v(name).split(", ")
    assert sum(dec(t) for t in texts) == target, (name, v(name))
    assert all(within_one_unit(t, e) for t, e in zip(texts, exact, strict=True)), (name, v(name), exact)


def test_the_steps_multipliers_add_up_to_zero_as_shown():
    """learning, one step: "multiplies x by −0.0556, −0.1655 and 0.2211 and adds it to the three
    templates": −η(ŷ_j − [j = y]) adds up to zero, and so do the three numbers shown."""
    step = learning.toy_step()
    p0 = softmax(step.x @ step.W0 + step.b0)
    factors = -step.lr * (p0 - np.eye(3)[step.label])
    texts = [v(f"learn.step.factor.{j}") for j in range(3)]
    assert sum(dec(t) for t in texts) == 0
    assert all(within_one_unit(t, f) for t, f in zip(texts, factors, strict=True))


def test_the_pages_quote_the_rounded_to_add_up_values():
    """why-softmax, cross-entropy section and exercises 1 and 3: the page quotes the vectors
    rounded to add up (not why.grad.0 = (−0.25, 0.17, 0.07), which adds to −0.01, nor
    worked.probs = (0.75, 0.17, 0.07), which adds to 0.99)."""
    for lang in ("", ".zh"):
        text = (DOCS / f"why-softmax{lang}.md").read_text(encoding="utf-8")
        assert "why.grad.0" not in text and "worked.probs %" not in text
        assert text.count("learn.one.dz") == 2 and "ex.why.probs" in text


def test_temperature_caption_probabilities_add_up_to_one():
    """softmax_temperature caption: "at T = 10 the three probabilities approach 1/3 (0.38, 0.32, 0.30)"
    adds up to 1 as shown; "at T = 0.1 the largest score takes almost everything (the other two
    share 4.6 × 10⁻⁷)", recomputed from the scores with math.exp."""
    module = figure_module("softmax_temperature")
    z = [float(s) for s in EX.z]
    for lang, sep in (("en", ", "), ("zh", "、")):
        caption = module.FIGURE["caption"][lang]
        high = re.search(r"[（(](\d\.\d\d(?:" + sep + r"\d\.\d\d)+)[）)]", caption)[1].split(sep)
        assert len(high) == 3 and sum(dec(t) for t in high) == 1, caption
        exps = [math.exp(s / 10) for s in z]
        assert all(within_one_unit(t, e / math.fsum(exps)) for t, e in zip(high, exps, strict=True))
        assert "T = 0.1" in caption and "T = 10" in caption
    rest = math.fsum(math.exp((s - z[0]) / 0.1) for s in z[1:]) / math.fsum(math.exp((s - z[0]) / 0.1) for s in z)
    mantissa, exponent = f"{rest:.1e}".split("e")
    assert f"{mantissa} × 10" in module.FIGURE["caption"]["en"] and rest < 1e-6
    assert int(exponent) == -7 and "⁻⁷" in module.FIGURE["caption"]["en"]


# ---------------------------------------------------------------- figure captions


def test_learning_step_caption_is_text_and_its_arrows_are_thin_not_black():
    """learning_step caption: "Probabilities of the point: cat 0.22 → 0.08, …" (it printed the
    raw code "{_names('en', ', ')}") and "(thin arrows; …)" (it said black arrows, which are light
    in the dark theme). The moves are drawn thinner than the normal vectors, and light on dark."""
    from matplotlib.colors import to_rgb
    from matplotlib.text import Annotation

    module = figure_module("learning_step")
    step = learning.toy_step()
    p0, p1 = softmax(step.x @ step.W0 + step.b0), softmax(step.x @ step.W1 + step.b1)
    en, zh = module.FIGURE["caption"]["en"], module.FIGURE["caption"]["zh"]
    assert "{" not in en and "_names" not in en and "black" not in en and "thin arrows" in en
    assert "黑色" not in zh and "细箭头" in zh
    listed = re.findall(r"(cat|dog|bird) (\d\.\d\d) → (\d\.\d\d)", en)
    assert [name for name, _, _ in listed] == ["cat", "dog", "bird"]
    assert all(within_one_unit(a, e) for (_, a, _), e in zip(listed, p0, strict=True))
    assert all(within_one_unit(b, e) for (_, _, b), e in zip(listed, p1, strict=True))
    assert sum(dec(a) for _, a, _ in listed) == 1 == sum(dec(b) for _, _, b in listed)

    fig = module.draw("en", "dark")
    right = fig.axes[1]
    arrows = [t for t in right.texts if isinstance(t, Annotation) and t.arrow_patch is not None]
    from_origin = [a for a in arrows if np.allclose(a.xyann, 0) and a.arrow_patch.get_alpha() in (None, 1)]
    moves = [a for a in arrows if not np.allclose(a.xyann, 0)]
    assert len(moves) == 3 and len(from_origin) == 3
    assert max(a.arrow_patch.get_linewidth() for a in moves) < min(a.arrow_patch.get_linewidth() for a in from_origin)
    for a in moves:
        r, g, b = to_rgb(a.arrow_patch.get_edgecolor())
        assert 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.5  # light, on the dark background
    matplotlib.pyplot.close(fig)


def test_ce_vs_se_caption_names_p_and_says_almost_zero():
    """learning_ce_vs_se caption: "Cross-entropy's is p − 1 … Squared error's is almost zero there
    (−0.015)" (it wrote z_y, ŷ_y in plain text and said the gradient vanishes). The squared-error
    gradient at p = 0.01, by central differences of ½‖softmax(z) − e_y‖², is small next to
    cross-entropy's but not zero, as shown."""
    module = figure_module("learning_ce_vs_se")
    en, zh = module.FIGURE["caption"]["en"], module.FIGURE["caption"]["zh"]
    for caption in (en, zh):
        assert "_" not in caption and "ŷ" not in caption and "p − 1" in caption
    assert "almost zero" in en and "vanish" not in en and "几乎为零" in zh
    p, k, h = learning.CURVE_PROBES[0], learning.CURVE_K, 1e-6
    z = np.log(np.r_[p, np.full(k - 1, (1 - p) / (k - 1))])

    def squared_error(s):
        return 0.5 * np.sum((softmax(s) - np.eye(k)[0]) ** 2)

    e = np.eye(k)[0]
    se = (squared_error(z + h * e) - squared_error(z - h * e)) / (2 * h)
    ce = p - 1
    assert f"({Decimal(f'{se:.3f}')})".replace("-", "\u2212") in en
    assert se < 0 and Decimal(f"{se:.3f}") != 0 and abs(se) < 0.02 * abs(ce)


def test_smooth_max_caption_formula_is_plain_text_and_right():
    """softmax_smooth_max caption: "log-sum-exp of the same scores, T·log(1 + exp(t/T)), a smooth
    upper bound of max(t, 0) that tightens as T falls" (it had TeX, e^{t/T}), at the temperatures
    the script draws."""
    module = figure_module("softmax_smooth_max")
    for lang in ("en", "zh"):
        caption = module.FIGURE["caption"][lang]
        assert "T·log(1 + exp(t/T))" in caption and "{" not in caption and "^" not in caption
        assert all(f"{t:g}" in caption for t in module.TEMPS)
    t = np.linspace(-4, 4, 81)
    gaps = []
    for temp in sorted(module.TEMPS, reverse=True):
        formula = temp * np.log1p(np.exp(t / temp))
        lse = temp * np.logaddexp(t / temp, 0.0)  # log-sum-exp of the scores (t, 0) at temperature T
        assert np.allclose(formula, lse)
        assert np.all(formula > np.maximum(t, 0)) and np.all(formula <= np.maximum(t, 0) + temp * np.log(2) + 1e-12)
        gaps.append((formula - np.maximum(t, 0)).max())
    assert all(a > b for a, b in itertools.pairwise(gaps))


def test_templates_caption_says_which_epoch_made_which_share_of_the_drop():
    """learning_templates caption: "after epoch 1; after epochs 11 and 33, the first by which the
    training loss had made 90% and 99% of its total drop, respectively; and after epoch 40" (it read
    as if epoch 1 had made 90%). The drop is recomputed from the stored weights."""
    hist = learning.digits_history()
    data = models.digits()
    L = np.array(
        [mean_cross_entropy(data.X_train, W, b, data.y_train) for W, b in zip(hist.weights, hist.biases, strict=True)]
    )
    drop = (L[0] - L) / (L[0] - L[-1])
    firsts = [int(np.flatnonzero(drop >= f)[0]) for f in learning.HISTORY_FRACTIONS]
    assert drop[1] < learning.HISTORY_FRACTIONS[0]  # epoch 1 has not made 90%
    module = figure_module("learning_templates")
    en, zh = module.FIGURE["caption"]["en"], module.FIGURE["caption"]["zh"]
    percents = " and ".join(f"{100 * f:g}%" for f in learning.HISTORY_FRACTIONS)
    assert f"after epoch 1; after epochs {firsts[0]} and {firsts[1]}, the first by which" in en
    assert f"had made {percents} of its drop over the {learning.HISTORY_EPOCHS} epochs, respectively" in en
    assert f"after epoch {learning.HISTORY_EPOCHS}, the last" in en
    assert f"第 1 轮；第 {firsts[0]} 轮和第 {firsts[1]} 轮" in zh and f"最后是第 {learning.HISTORY_EPOCHS} 轮" in zh
    # The page says the same with the same numbers.
    assert [v(f"learn.train.milestone.{i}") for i in range(2)] == [str(e) for e in firsts]
    assert [v(f"learn.train.fraction.{i}") for i in range(2)] == [f"{100 * f:g}" for f in learning.HISTORY_FRACTIONS]


# ---------------------------------------------------------------- the learning page


def test_finite_differences_agree_within_their_own_error():
    """learning, gradients: "Central finite differences with step 10⁻⁶ agree with these formulas to
    within 1.8×10⁻¹⁰, which is the error of the differences themselves, not of the formulas" (it
    said the formula is off by that much). Complex-step derivatives, exact to rounding, agree with
    the formulas a thousand times more closely than the central differences do."""
    x, W, b, y, h = EX.x, EX.W, EX.b, 0, 1e-30

    def loss(W_, b_):
        z = x @ W_ + b_  # small scores: no shift needed, and it works for complex numbers
        return np.log(np.sum(np.exp(z))) - z[y]

    p = softmax(x @ W + b)
    formula_W, formula_b = np.outer(x, p - np.eye(3)[y]), p - np.eye(3)[y]
    complex_W = np.array(
        [
            [np.imag(loss(W + 1j * h * np.eye(1, W.size, i * 3 + j).reshape(W.shape), b)) / h for j in range(3)]
            for i in range(4)
        ]
    )
    complex_b = np.array([np.imag(loss(W, b + 1j * h * np.eye(3)[j])) / h for j in range(3)])
    formula_error = max(np.abs(complex_W - formula_W).max(), np.abs(complex_b - formula_b).max())
    num_W, num_b = learning.numerical_gradients(x, W, b, y)
    difference_error = max(np.abs(num_W - formula_W).max(), np.abs(num_b - formula_b).max())
    assert formula_error < 1e-15 < 1e-13 < difference_error
    mantissa, exponent = re.fullmatch(r"(\d\.\d) \\times 10\^\{(-\d+)\}", v("learn.one.fd_error")).groups()
    assert float(mantissa) * 10 ** int(exponent) == pytest.approx(difference_error, rel=0.06)
    assert v("learn.one.fd_step") == "10^{-6}" and learning.FD_STEP == 1e-6
    assert "which is the error of the differences themselves" in page("learning")


def test_batch_gradient_shapes():
    """learning, exercise 1: "For a batch, ∂L/∂W and ∂L/∂b keep their shapes, 64 × 10 and 10 …
    Z is 32 × 10, and so is ∂L/∂Z = G/32" (it said only the intermediate G grows). ∂L/∂Z is
    found here by central differences on every score of a batch of 32 digits."""
    data = models.digits()
    batch = int(v("learn.train.batch"))
    X, y = data.X_train[:batch], data.y_train[:batch]
    rng = np.random.default_rng(5)
    W, b = 0.1 * rng.standard_normal((64, 10)), np.zeros(10)
    Z = X @ W + b

    def mean_loss(Z_):
        m = Z_.max(axis=1, keepdims=True)
        return np.mean(m[:, 0] + np.log(np.exp(Z_ - m).sum(axis=1)) - Z_[np.arange(batch), y])

    h = 1e-6
    dZ = np.zeros_like(Z)
    for idx in np.ndindex(Z.shape):
        E = np.zeros_like(Z)
        E[idx] = h
        dZ[idx] = (mean_loss(Z + E) - mean_loss(Z - E)) / (2 * h)
    G, dW, db = learning.gradients(X, W, b, y)
    assert Z.shape == dZ.shape == G.shape == (batch, 10)
    assert np.allclose(dZ, G / batch, atol=1e-9)
    assert dW.shape == W.shape == (64, 10) and db.shape == (10,)
    assert np.allclose(dW, X.T @ dZ, atol=1e-9) and np.allclose(db, dZ.sum(axis=0), atol=1e-9)
    assert "G / {% num learn.train.batch %}" in page("learning") and "keep their shapes" in page("learning")


def test_one_step_changes_the_points_scores_by_the_formula():
    """learning, one step (moved from why-softmax): "On the input itself, the scores then change by
    Δz = −η(‖x‖² + 1)(ŷ − e_y) … The true class's score rises and every other falls", and for
    the toy point "‖x‖² + 1 = 10.97, so the point's scores change by (−0.61, −1.82, 2.43)"."""
    toy = toy2d()
    step = learning.toy_step()
    x, y, eta = toy.X[step.index], int(toy.y[step.index]), step.lr
    p = softmax(x @ step.W0 + step.b0)
    # The step written out: every template moves along x, every bias by the same multiple.
    c = -eta * (p - np.eye(3)[y])
    W1, b1 = step.W0 + np.outer(x, c), step.b0 + c
    dz = (x @ W1 + b1) - (x @ step.W0 + step.b0)
    assert np.allclose(dz, -eta * (x @ x + 1) * (p - np.eye(3)[y]))
    assert dz[y] > 0 and all(dz[j] < 0 for j in range(3) if j != y)
    assert np.allclose(W1, step.W1) and np.allclose(b1, step.b1)
    assert dec(v("learn.step.x_sq_plus_1")) == Decimal(f"{x @ x + 1:.2f}")
    assert all(within_one_unit(t, d) for t, d in zip(v("learn.step.dz").split(", "), dz, strict=True))


def test_the_parameter_gradients_are_derived_once():
    """why-softmax, cross-entropy: the derivation of ∂L/∂W and ∂L/∂b, the worked example's 4×3
    gradient and the update step now live on the learning page only; why-softmax points there
    (learning.md#gradients, a heading the learning page keeps in both languages)."""
    for lang in ("", ".zh"):
        why = (DOCS / f"why-softmax{lang}.md").read_text(encoding="utf-8")
        learn = (DOCS / f"learning{lang}.md").read_text(encoding="utf-8")
        assert "\\partial W" not in why and "worked.grad_W" not in why and "x_norm_sq_plus_1" not in why
        assert why.count("(learning.md#gradients)") == 2
        assert "{#gradients}" in learn and "{#one-step}" in learn
        assert "\\Delta\\mathbf{z} = -\\eta\\,(\\lVert\\mathbf{x}\\rVert^2 + 1)" in learn


def test_one_step_wiped_out_the_dog_class():
    """learning, one step: "One point taught it something about the others, and also wiped out the
    dog class: after the step the layer calls no point a dog (before, it called 51 points dogs, 12 of
    them rightly, by chance)" (it said "broke what it knew about dogs": the random layer knew
    nothing, its 12 were fewer than a third of the 51 it called dogs)."""
    toy = toy2d()
    step = learning.toy_step()
    dog = int(np.argmax(softmax(step.x @ step.W0 + step.b0)))
    assert dog == 1  # the page calls the class the point was wrongly given "dogs"
    right = []
    for W, b in ((step.W0, step.b0), (step.W1, step.b1)):
        calls = np.argmax(toy.X @ W + b, axis=1)
        right.append(int(np.sum((calls == dog) & (toy.y == dog))))
    assert right[1] < right[0]
    assert [v("learn.step.lost.right_before"), v("learn.step.lost.right_after")] == [str(r) for r in right]
    called = [int(np.sum(np.argmax(toy.X @ W + b, axis=1) == dog)) for W, b in ((step.W0, step.b0), (step.W1, step.b1))]
    assert called[1] == 0 and right[0] < called[0] / 3  # no dog region left; the 12 were chance
    assert [v("learn.step.lost.called_before"), v("learn.step.lost.called_after")] == [str(c) for c in called]
    assert "the layer calls no point a dog" in page("learning") and "它不再把任何点判为狗" in page("learning.zh")


def test_training_retrains_a_classifier_of_the_same_form_and_its_templates_keep_growing():
    """learning, training: "trains, from zero weights, a classifier of the same form as the one on
    the template page … the last batch of each epoch holding the 3 left over … Both minimise the
    same objective …; after 40 epochs this run has not reached it (objective 0.297 against the
    template page's 0.258, mean template length 3.76 against 4.91), so the two are close but not
    the same … 95.8% held-out accuracy (the template
    page's classifier reaches 96.7%)", and "The templates keep growing long after most of that drop:
    from epoch 11 to epoch 40 their mean length rises from 2.51 to 3.76"."""
    hist = learning.digits_history()
    data, model = models.digits(), models.digits_model()
    W, b = hist.weights[-1], hist.biases[-1]
    assert W.shape == model.W.shape and not np.allclose(W, model.W, atol=1e-2)
    retrained = np.mean(np.argmax(data.X_test @ W + b, axis=1) == data.y_test)
    template_page = np.mean(np.argmax(data.X_test @ model.W + model.b, axis=1) == data.y_test)
    assert v("learn.train.acc_end") == f"{100 * retrained:.1f}" and v("digits.accuracy") == f"{100 * template_page:.1f}"
    assert retrained != template_page
    assert v("learn.train.batch_rest") == str(len(data.y_train) % learning.HISTORY_BATCH) != "0"

    def objective(W, b):
        return mean_cross_entropy(data.X_train, W, b, data.y_train) + models.DIGITS_L2 / 2 * np.sum(W**2)

    end, optimum = objective(W, b), objective(model.W, model.b)
    assert end > optimum and (v("learn.train.objective_end"), v("learn.train.objective_opt")) == (
        f"{end:.3f}",
        f"{optimum:.3f}",
    )
    assert v("learn.train.length_opt") == f"{np.linalg.norm(model.W, axis=0).mean():.2f}"
    milestone = int(v("learn.train.milestone.0"))
    lengths = np.linalg.norm(hist.weights, axis=1).mean(axis=1)  # mean column length per epoch
    L = np.array(
        [mean_cross_entropy(data.X_train, w, c, data.y_train) for w, c in zip(hist.weights, hist.biases, strict=True)]
    )
    assert (L[0] - L[milestone]) / (L[0] - L[-1]) >= 0.9  # most of the drop is made
    assert lengths[-1] > 1.3 * lengths[milestone] and np.all(np.diff(lengths[milestone:]) > 0)
    assert (v("learn.train.milestone.0.length"), v("learn.train.length_end")) == (
        f"{lengths[milestone]:.2f}",
        f"{lengths[-1]:.2f}",
    )


def test_the_template_sums_come_from_the_start_at_zero_not_from_the_penalty():
    """learning, shift freedom: "The site's linear models do not owe their zero sums to the penalty.
    They are fitted from W = 0 … the same fit with no penalty at all … 1.2×10⁻¹²"; "In the
    L1-penalised iris model … the templates sum to a vector of length 3.46 … L1 … prefers the shift
    that puts a zero in every row"; the network's last layer, "trained by Adam, which scales the
    step of each weight separately and so does not keep the sum … it ends at 0.017, small next to its
    templates' mean length 3.10, but not zero" (it said every model carries L2 and sums to zero; what
    its penalty does to the sum: test_the_networks_penalty_pulls_its_last_layers_sum_toward_zero)."""
    data = models.digits()
    # Without any penalty, a fit from zero keeps the sum at zero.
    free = models.fit_softmax(data.X_train, data.y_train, steps=50)
    assert np.linalg.norm(free.W.sum(axis=1)) < 1e-10 * np.linalg.norm(free.W)
    model = models.digits_model()
    assert np.linalg.norm(model.W.sum(axis=1)) < 1e-10 * np.linalg.norm(model.W)
    # The L1 model: its rows do not add up to zero, but every row has a zero, and that row's
    # zero is where no shift of the row can lower its L1 norm (the median).
    W1 = models.iris_model("l1").W
    assert np.linalg.norm(W1.sum(axis=1)) > 0.5 * np.linalg.norm(W1, axis=0).mean()
    assert np.all(np.min(np.abs(W1), axis=1) < 1e-12)
    for row in W1:
        shifts = np.linspace(-3, 3, 601)
        assert np.all([np.abs(row + c).sum() >= np.abs(row).sum() - 1e-12 for c in shifts])
    assert v("learn.shift.iris_l1") == f"{np.linalg.norm(W1.sum(axis=1)):.2f}"
    # Adam: with the gradient's rows adding up to zero, a plain step keeps the sum, an Adam step does not.
    rng = np.random.default_rng(3)
    W, grad = rng.standard_normal((5, 4)), rng.standard_normal((5, 4))
    grad -= grad.mean(axis=1, keepdims=True)
    plain = W - 0.01 * grad
    m, s = 0.1 * grad / (1 - 0.9), 0.001 * grad**2 / (1 - 0.999)
    adam = W - 0.01 * m / (np.sqrt(s) + 1e-8)
    assert np.allclose(plain.sum(axis=1), W.sum(axis=1)) and not np.allclose(adam.sum(axis=1), W.sum(axis=1))
    last = models.digits_mlp().W
    total, length = np.linalg.norm(last.sum(axis=1)), np.linalg.norm(last, axis=0).mean()
    assert 1e-3 < total < 0.02 * length
    assert (v("learn.shift.mlp"), v("learn.shift.mlp_length")) == (f"{total:.3f}", f"{length:.2f}")


def test_decay_from_a_frozen_sum_changes_predictions():
    """learning, exercise 4: "The sum by itself changes no prediction … But decay shrinks the rest
    of W as well, so the two classifiers differ in their probabilities and can differ in their
    predictions … they disagree on 8 of the 450 held-out images; accuracy is 93.6% without decay
    and 91.8% with it" (it said the predictions are the same). Trained here by a loop of its own."""
    data = models.digits()
    X, y = data.X_train, data.y_train
    N, n = X.shape
    k, steps, l2 = 10, learning.SHIFT_STEPS, learning.SHIFT_L2
    vec = np.random.default_rng(models.SEED).standard_normal(n)
    Y = np.eye(k)[y]
    lipschitz = np.linalg.norm(np.c_[X, np.ones(N)], 2) ** 2 / (2 * N)
    trained = []
    for decay in (0.0, l2):
        W, b, lr = np.tile(vec[:, None], (1, k)), np.zeros(k), 1 / (lipschitz + decay)
        for _ in range(steps):
            G = (softmax(X @ W + b) - Y) / N
            W, b = W - lr * (X.T @ G + decay * W), b - lr * G.sum(axis=0)
        trained.append((W, b, lr))
    (Wp, bp, _), (Wd, _, lrd) = trained
    assert np.allclose(Wp.sum(axis=1), k * vec)
    assert np.allclose(Wd.sum(axis=1), k * vec * (1 - lrd * l2) ** steps)
    calls = [np.argmax(data.X_test @ W + b, axis=1) for W, b, _ in trained]
    centred = Wp - Wp.mean(axis=1, keepdims=True)  # the plain classifier without its sum
    assert np.array_equal(np.argmax(data.X_test @ centred + bp, axis=1), calls[0])
    changed = int(np.sum(calls[0] != calls[1]))
    assert changed > 0 and v("learn.frozen.changed") == str(changed) and v("learn.frozen.n") == str(len(data.y_test))
    accuracy = [f"{100 * np.mean(c == data.y_test):.1f}" for c in calls]
    assert [v("learn.frozen.acc_plain"), v("learn.frozen.acc_decayed")] == accuracy
    confidence = [f"{softmax(data.X_test @ W + b).max(axis=1).mean():.2f}" for W, b, _ in trained]
    assert [v("learn.frozen.conf_plain"), v("learn.frozen.conf_decayed")] == confidence


def test_log_of_softmax_gives_nan_when_differentiated_automatically():
    """learning, log-softmax: "the first would report an infinite loss and, differentiated
    automatically, a nan gradient": the chain rule through log(p) multiplies 1/p = ∞ by the
    softmax's slope, 0 there."""
    z = np.array(learning.LOG_SCORES)
    p = softmax(z)
    assert p[2] == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        loss = -np.log(p[2])
        chain = -(1 / p[2]) * (np.diag(p) - np.outer(p, p))[2]
    assert np.isinf(loss) and np.isnan(chain).any()


# ---------------------------------------------------------------- the why-softmax page


def equal_count_ece(probs: np.ndarray, labels: np.ndarray, bins: int) -> float:
    """Written out here: sort by confidence, cut into `bins` runs whose sizes differ by at most one
    (the longer runs first), and weight each run's |accuracy − confidence| by its size."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels)
    order = np.argsort(confidence, kind="stable")
    sizes = [len(labels) // bins + (i < len(labels) % bins) for i in range(bins)]
    total, start = 0.0, 0
    for size in sizes:
        run = order[start : start + size]
        total += size * abs(correct[run].mean() - confidence[run].mean())
        start += size
    return total / len(labels)


def test_calibration_detail_uses_the_figures_bins_and_sits_in_a_note():
    """why-softmax, calibration: the half-split and cross-validated ECEs ("falls from 0.061 to 0.033",
    "falls from 0.076 to 0.007") are computed, like the figure's, in 10 bins of equal count (they
    were equal-width bins); the detail sits in a collapsible note after the figure, in both
    languages, and the page keeps the idea and the figure."""
    from sklearn.model_selection import StratifiedKFold

    d, model = models.digits(), models.digits_model()
    scores, y = model.scores(d.X_test), d.y_test
    fit, evaluate = models.calibration_split()
    T = models.fit_temperature(scores[fit], y[fit])
    bins = int(v("learn.calib.bins"))
    assert bins == models.RELIABILITY_BINS
    before = equal_count_ece(softmax(scores[evaluate]), y[evaluate], bins)
    after = equal_count_ece(softmax(scores[evaluate] / T), y[evaluate], bins)
    assert after < before and T < 1
    assert [v("learn.calib.ece_before"), v("learn.calib.ece_after")] == [f"{before:.3f}", f"{after:.3f}"]
    scaled = np.empty_like(scores)
    for train, test in StratifiedKFold(models.CALIBRATION_FOLDS, shuffle=True, random_state=models.SEED).split(
        scores, y
    ):
        scaled[test] = softmax(scores[test] / models.fit_temperature(scores[train], y[train]))
    cv = [equal_count_ece(softmax(scores), y, bins), equal_count_ece(scaled, y, bins)]
    assert cv[1] < cv[0]
    assert [v("learn.calib.cv_ece_before"), v("learn.calib.cv_ece_after")] == [f"{e:.3f}" for e in cv]
    # The figure's numbers, quoted in the main text, are in the same bins.
    study = models.crossval_calibration()
    for key in ("before", "after"):
        ece = equal_count_ece(study[f"probs_{key}"], study["labels"], bins)
        assert v(f"why.calib.all.ece_{key}") == f"{ece:.3f}"
    for lang in ("", ".zh"):
        text = (DOCS / f"why-softmax{lang}.md").read_text(encoding="utf-8")
        section = text[text.index("{#a-caution-calibration}") : text.index("{#exercises}")]
        figure, note = section.index("{% figure reliability_diagram %}"), section.index('??? note "')
        assert figure < note
        body = section[note:].split("\n", 1)[1]
        detail = re.match(r"((?:    .*\n|\n)+)", body)[1]
        for name in ("learn.calib.ece_before", "why.calib.T_low", "why.calib.resamples", "learn.calib.cv_ece_after"):
            assert name in detail and name not in section[:note]


def run_cells(name: str, count: int | None = None) -> dict:
    namespace: dict = {}
    for code in notebooks.code_cells(DOCS / "notebooks" / f"{name}.py")[:count]:
        exec(compile(code.replace("plt.show()", "plt.close('all')"), name, "exec"), namespace)
    return namespace


def test_notebooks_label_the_example_a_cat_counting_from_zero():
    """notebooks/why-softmax: "Take the worked example as a cat, as the page's exercise does: c = 0
    here, because numpy counts from 0; the page calls the cat class 1" (the code had c = 1, a dog);
    notebooks/learning: "labelled as a cat: label 0 here, because numpy counts from 0 (the page
    calls it class 1)"."""
    ns = run_cells("why-softmax")
    assert ns["c"] == 0
    p = softmax(EX.z)
    assert np.allclose(ns["analytic"], softmax(np.round(EX.z, 2)) - np.eye(3)[0])
    assert ns["analytic"][0] < 0 < ns["analytic"][1] and np.allclose(ns["analytic"], p - np.eye(3)[0], atol=0.01)
    ns = run_cells("learning", 1)
    assert np.allclose(ns["db"], p - np.eye(3)[0])  # the gradient for the cat
    for name, phrases in (
        ("why-softmax", (("c = 0", "class 1"), ("c = 0", "类别 1"))),
        ("learning", (("label 0", "class 1"), ("标签是 0", "类别 1"))),
    ):
        for lang, words in zip(("", ".zh"), phrases, strict=True):
            text = (DOCS / "notebooks" / f"{name}{lang}.py").read_text(encoding="utf-8")
            assert all(w in text for w in words), (name, lang)


# ---------------------------------------------------------------- second review round


def test_the_steps_multipliers_times_the_squared_length_give_the_shown_score_change():
    """learning, one step: the multipliers are shown to four decimals, "−0.0556, −0.1655 and 0.2211",
    so that "‖x‖² + 1 = 10.97" times each gives the shown change of the point's scores
    "(−0.61, −1.82, 2.43)" (with three decimals, 10.97 × −0.165 = −1.81, not −1.82). In exact decimals
    from the shown numbers, rounded as a reader rounds (halves away from zero)."""
    from decimal import ROUND_HALF_UP

    factors = [dec(v(f"learn.step.factor.{j}")) for j in range(3)]
    assert all(f.as_tuple().exponent == -4 for f in factors)
    assert sum(factors) == 0
    length = dec(v("learn.step.x_sq_plus_1"))
    dz = shown("learn.step.dz")
    assert [(length * f).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) for f in factors] == dz
    # The same numbers to three decimals would miss one of them.
    three = [f.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP) for f in factors]
    assert [(length * f).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) for f in three] != dz


def _adam_sums(X, y, l2: float, steps: int) -> tuple[float, float]:
    """‖Σ_j w_j‖ of the last layer of models.fit_mlp's network before and after ``steps`` steps of
    full-batch Adam, written out here: the same start (seed, draws and their order) and the same
    penalty (l2/2)(‖V‖² + ‖W‖²)."""
    rng = np.random.default_rng(models.SEED)
    N, n = X.shape
    k, hidden = int(y.max()) + 1, 32
    Y = np.eye(k)[y]
    P = {
        "V": rng.normal(0, 1 / np.sqrt(n), (n, hidden)),
        "c": np.zeros(hidden),
        "W": rng.normal(0, 1 / np.sqrt(hidden), (hidden, k)),
        "b": np.zeros(k),
    }
    start = float(np.linalg.norm(P["W"].sum(axis=1)))
    m = {key: np.zeros_like(a) for key, a in P.items()}
    s = {key: np.zeros_like(a) for key, a in P.items()}
    for t in range(1, steps + 1):
        H = np.tanh(X @ P["V"] + P["c"])
        G = (softmax(H @ P["W"] + P["b"]) - Y) / N
        GH = (G @ P["W"].T) * (1 - H**2)
        grads = {"W": H.T @ G + l2 * P["W"], "b": G.sum(0), "V": X.T @ GH + l2 * P["V"], "c": GH.sum(0)}
        for key, g in grads.items():
            m[key] = 0.9 * m[key] + 0.1 * g
            s[key] = 0.999 * s[key] + 0.001 * g**2
            P[key] = P[key] - 0.01 * (m[key] / (1 - 0.9**t)) / (np.sqrt(s[key] / (1 - 0.999**t)) + 1e-8)
    return start, float(np.linalg.norm(P["W"].sum(axis=1)))


def test_the_networks_penalty_pulls_its_last_layers_sum_toward_zero():
    """learning, shift freedom: "The last layer of the network on the template page starts from random
    weights, whose sum has length 3.08, and is trained by Adam … the same training with no penalty
    ends at 8.89. The network is trained with an L2 penalty, though (λ = 0.001), and the penalty pulls
    the sum toward zero: it ends at 0.017" (it said Adam alone left the sum at 0.017). The penalty read
    from models.fit_mlp's signature and digits_mlp's call; the start drawn here; the first 100 steps of
    Adam written out here, with and without the penalty, already part ways."""
    import inspect

    data = models.digits()
    assert "l2" not in inspect.getsource(models.digits_mlp)  # trained with fit_mlp's default
    l2 = inspect.signature(models.fit_mlp).parameters["l2"].default
    assert l2 > 0 and v("learn.shift.mlp_l2") == f"{l2:g}"
    start, penalised = _adam_sums(data.X_train, data.y_train, l2, 100)
    _, unpenalised = _adam_sums(data.X_train, data.y_train, 0.0, 100)
    assert penalised < unpenalised and unpenalised > start  # Adam alone moves the sum; the penalty pulls it back
    sums = learning.mlp_last_layer_sums()
    assert v("learn.shift.mlp_start") == f"{start:.2f}" == f"{sums['start']:.2f}"
    end = float(np.linalg.norm(models.digits_mlp().W.sum(axis=1)))
    assert v("learn.shift.mlp") == f"{end:.3f}" and end < start / 100
    assert v("learn.shift.mlp_unpenalised") == f"{sums['unpenalised']:.2f}" and sums["unpenalised"] > start > end
    for name in ("learning", "learning.zh"):
        section = page(name).split("{#shift-freedom}")[1].split("{#bias-trick}")[0]
        assert "{% num learn.shift.mlp_unpenalised %}" in section and "{% num learn.shift.mlp_l2 %}" in section


def test_weight_decay_in_exercise_4_is_the_l2_penalty_multiplying_w_each_step():
    """learning, exercise 4: "train without weight decay (the L2 penalty above: each step multiplies W
    by 1 − ηλ before subtracting η ∂L/∂W)" (was "multiplies W by 1 − ηλ", which left out the loss
    gradient). One step of the page's descent with the penalty is the step without it, taken from W
    multiplied by 1 − ηλ; and the link goes to the section that introduces the penalty."""
    data = models.digits()
    X, y = data.X_train[:200], data.y_train[:200]
    rng = np.random.default_rng(4)
    W0, b0 = rng.standard_normal((X.shape[1], 10)), np.zeros(10)
    l2 = learning.SHIFT_L2
    eta = learning.step_size(X, l2)
    W1, _ = learning.descend(X, y, W0, b0, l2, 1)
    Z = X @ W0 + b0
    G = (softmax(Z) - np.eye(10)[y]) / len(y)
    assert np.allclose(W1, (1 - eta * l2) * W0 - eta * X.T @ G)
    assert "An L2 penalty $\\tfrac{\\lambda}{2}\\lVert W\\rVert^2$" in page("learning").split("{#shift-freedom}")[1]
    shrink = "$W$ by $1 - \\eta\\lambda$ before subtracting $\\eta\\,\\partial L/\\partial W$"
    for name, gloss in (
        ("learning", f"weight decay (the [L2 penalty](#shift-freedom) above: each step multiplies {shrink})"),
        (
            "learning.zh",
            "权重衰减（weight decay，即上文的 [L2 惩罚](#shift-freedom)：每走一步先把 $W$ 乘以 $1 - \\eta\\lambda$，"
            "再减去 $\\eta\\,\\partial L/\\partial W$）",
        ),
    ):
        exercises = page(name).split("{#exercises}")[1]
        assert exercises.index(gloss) <= exercises.index("weight decay"), name


def test_cosine_classifiers_have_no_shift_freedom():
    """learning, shift freedom: "The cosine classifiers of the next page have no shift freedom at all.
    Each class direction is normalised to length 1, so adding one vector to every direction turns each
    by a different angle, and the probabilities change." The toy data's cosine softmax, shifted by
    random vectors, against the linear layer, whose probabilities a shift leaves alone."""
    toy = toy2d()
    s = models.COSFACE_SCALE
    directions = models.fit_cosine_softmax(toy.X, toy.y, scale=s)
    features = toy.X / np.linalg.norm(toy.X, axis=1, keepdims=True)

    def cosine_probs(V):
        return softmax(s * features @ (V / np.linalg.norm(V, axis=0)))

    rng = np.random.default_rng(7)
    for c in rng.normal(size=(5, 2)) * 0.5:
        shifted = directions + c[:, None]
        turned = np.degrees(np.arctan2(shifted[1], shifted[0]) - np.arctan2(directions[1], directions[0]))
        assert np.ptp(turned) > 1  # each direction turns by its own angle
        assert np.abs(cosine_probs(shifted) - cosine_probs(directions)).max() > 1e-3
        linear = softmax(toy.X @ (toy.W + c[:, None]) + toy.b)
        assert np.allclose(linear, softmax(toy.X @ toy.W + toy.b))
    section = page("learning").split("{#shift-freedom}")[1].split("{#bias-trick}")[0]
    assert "(explained.md#loss-design-from-the-geometric-view) have no shift freedom at all" in section


def test_the_softmax_twice_exercise_gives_each_layer_its_own_loss():
    """learning (zh), exercise 5: "真正的交叉熵：用正确损失训练的层为 0.017，带这个错误训练的层为 0.023"
    (it said "分别是 0.017（正确的损失）和 0.023（有错误的损失）", which reads as two losses of one layer).
    Both layers trained here from zero with the gradients written out (the bug's through the extra
    softmax's Jacobian), and their true cross-entropies compared."""
    toy = toy2d()
    X, y = toy.X, toy.y
    Y = np.eye(3)[y]
    losses = {}
    for name, twice in (("right", False), ("bug", True)):
        W, b = np.zeros((2, 3)), np.zeros(3)
        for _ in range(learning.BUG_STEPS):
            P = softmax(X @ W + b)
            if twice:
                G = np.array([(np.diag(p) - np.outer(p, p)).T @ (softmax(p) - e) for p, e in zip(P, Y, strict=True)])
            else:
                G = P - Y
            W, b = W - learning.BUG_LR * X.T @ G / len(y), b - learning.BUG_LR * G.mean(axis=0)
        losses[name] = mean_cross_entropy(X, W, b, y)
        assert v(f"learn.fw.toy.{name}.loss") == f"{losses[name]:.3f}"
    assert losses["right"] < losses["bug"]
    answer = page("learning.zh").split("{#exercises}")[1]
    assert "两者的损失分别为 {% num learn.fw.toy.right.loss %} 和 {% num learn.fw.toy.bug.loss %}。" in answer


def test_the_same_gap_between_the_top_two_scores_can_mean_very_different_probabilities():
    """why-softmax, raw scores: "the same gap of 3 between the top two scores gives the top class a
    probability of 0.95 when there are only two classes, and of 0.39 when 30 more classes score as
    high as the second" (it said the same gap can mean near-certainty or a coin toss "depending on
    the model", against the page's own ŷ_i/ŷ_j = e^(z_i − z_j)). With math.exp; the ratio of the top
    two is e^gap in both cases."""
    gap, more = float(v("learn.gap")), int(v("learn.gap.more"))
    two = math.exp(gap) / (math.exp(gap) + 1)
    many = math.exp(gap) / (math.exp(gap) + 1 + more)
    assert (v("learn.gap.two"), v("learn.gap.many")) == (f"{two:.2f}", f"{many:.2f}")
    assert many < 0.5 < 0.9 < two
    for k in (2, 2 + more):
        p = softmax(np.r_[gap, np.zeros(k - 1)])
        assert math.isclose(p[0] / p[1], math.exp(gap))
    for name in ("why-softmax", "why-softmax.zh"):
        section = page(name).split("{#raw-scores-are-hard-to-use}")[1].split("{#two-steps}")[0]
        assert "{% num learn.gap.two %}" in section and "{% num learn.gap.many %}" in section
    assert "coin toss" not in page("why-softmax") and "五五开" not in page("why-softmax.zh")


def test_the_cross_entropy_heading_writes_the_gradient_as_the_page_does_and_one_hot_is_defined():
    """why-softmax: the heading "Cross-entropy, maximum likelihood and the gradient ŷ − e_y" (was
    "ŷ − y", with y a class index on the page; e_y is written with a subscript, on one line) keeps
    its id; "one-hot" is glossed where it is first used: "a one-hot vector on the largest score (1 for
    that class, 0 for all others)". The gradient by central differences is ŷ − e_y, and softmax at a
    small temperature is that one-hot vector."""
    for name, heading, first, gloss in (
        (
            "why-softmax",
            "## Cross-entropy, maximum likelihood and the gradient ŷ\u00a0−\u00a0e<sub>y</sub> {#cross-entropy}",
            "one-hot",
            "(1 for that class, 0 for all others)",
        ),
        (
            "why-softmax.zh",
            "## 交叉熵、最大似然与梯度 ŷ\u00a0−\u00a0e<sub>y</sub> {#cross-entropy}",
            "独热",
            "即这个类别为 1、其余类别全为 0",
        ),
    ):
        source = (DOCS / f"{name}.md").read_text(encoding="utf-8")
        assert heading in source.splitlines(), name
        text = page(name)
        assert gloss in text[text.index(first) : text.index(first) + 80], name
        assert "\\hat{\\mathbf{y}} - \\mathbf{e}_y" in text
    z, y, h = EX.z.astype(float), 0, 1e-6
    e = np.eye(3)
    numeric = [(-np.log(softmax(z + h * e[j])[y]) + np.log(softmax(z - h * e[j])[y])) / (2 * h) for j in range(3)]
    assert np.allclose(numeric, softmax(z) - e[y], atol=1e-8)
    assert np.allclose(softmax(z / 0.01), e[int(np.argmax(z))], atol=1e-12)


def test_the_worked_gradient_is_rounded_so_that_it_adds_up_to_zero_as_the_page_says():
    """learning, gradients: "∂L/∂z = (−0.25, 0.18, 0.07) (rounded together so that, like the exact
    values, they add up to 0)". The exact ŷ − e_y sums to 0; the shown parts do too, and one of them
    differs from its plain rounding (which is why the page says so)."""
    exact = EX.probs - np.eye(len(EX.probs))[0]
    assert abs(exact.sum()) < 1e-12
    parts = shown("learn.one.dz")
    assert sum(parts) == 0 and len(parts) == len(exact)
    assert any(p != Decimal(f"{x:.2f}".replace("-0.00", "0.00")) for p, x in zip(parts, exact, strict=True))
    assert "(rounded together so that, like the exact values, they add up to 0)" in page("learning")
    assert "（这几个数是统一舍入的，所以和精确值一样，加起来正好是 0）" in page("learning.zh")


def test_the_cross_entropy_to_squared_error_ratio_follows_from_the_shown_values():
    """learning: "cross-entropy pushes with −0.990 and squared error with −0.015, 66 times less" (it
    said 67, from the unrounded values, which a reader cannot redo from the page)."""
    ce, se = (float(v(f"learn.curve.{name}.0").replace("\u2212", "-")) for name in ("ce", "se"))
    assert v("learn.curve.ratio") == f"{ce / se:.0f}"
    exact_ce, exact_se = learning.true_score_gradients(np.array([learning.CURVE_PROBES[0]]))
    assert abs(ce - exact_ce[0]) < 5e-4 and abs(se - exact_se[0]) < 5e-4
    assert "{% num learn.curve.ratio %} times less" in page("learning")
