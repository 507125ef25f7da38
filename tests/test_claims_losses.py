"""Claims of the notation page and of the "other losses" section of the "how the layer learns"
page, each checked by a route of its own: losses from scikit-learn and SciPy or written out here,
finite differences, another optimiser (L-BFGS, scikit-learn's logistic regression), a training
loop in another parametrisation, a linear program, and the pages' own Markdown. Each docstring
names the page and the sentence.
"""

from __future__ import annotations

import ast
import itertools
import math
import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from lastlayer import models, values
from lastlayer.examples import CLASS_NAMES, toy2d, worked_example

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EX = worked_example()
CAT, DOG, BIRD = 0, 1, 2


def v(name: str, lang: str = "en") -> str:
    return values.lookup(name, lang)


def dec(text: str) -> Decimal:
    """A shown number, exactly as shown (true minus sign or ASCII)."""
    return Decimal(text.strip().replace("\u2212", "-"))


def within_one_unit(text: str, exact: float) -> bool:
    digits = len(text.split(".")[1]) if "." in text else 0
    return abs(dec(text) - Decimal(repr(float(exact)))) <= Decimal(1).scaleb(-digits) * Decimal("1.0000001")


def sci_value(text: str) -> float:
    """The number a TeX "2.1 \\times 10^{-14}" shows."""
    match = re.fullmatch(r"(-?[\d.]+) \\times 10\^\{(-?\d+)\}", text.replace("\u2212", "-"))
    assert match, text
    return float(match[1]) * 10.0 ** int(match[2])


def softmax(z):
    """Written out here, not taken from lastlayer.maths."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def hinge_by_loops(z, y, delta=1.0) -> float:
    """Σ_{j≠y} max(0, z_j − z_y + Δ), one Python float at a time."""
    return sum(max(0.0, float(z[j]) - float(z[y]) + delta) for j in range(len(z)) if j != y)


def central_gradient(f, z, eps=1e-6) -> np.ndarray:
    z = np.asarray(z, dtype=float)
    out = np.zeros_like(z)
    for j in range(len(z)):
        e = np.zeros_like(z)
        e[j] = eps
        out[j] = (f(z + e) - f(z - e)) / (2 * eps)
    return out


def section(page: str, anchor: str) -> str:
    """The Markdown of one section: from the heading with {#anchor} to the next heading of the same
    or a higher level."""
    lines = (DOCS / page).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(rf"#+ .*\{{#{re.escape(anchor)}\}}\s*$", line))
    level = len(lines[start]) - len(lines[start].lstrip("#"))
    end = next(
        (
            i
            for i in range(start + 1, len(lines))
            if re.match(r"#+ ", lines[i]) and len(lines[i]) - len(lines[i].lstrip("#")) <= level
        ),
        len(lines),
    )
    return "\n".join(lines[start:end])


# ---------------------------------------------------------------- the symbols in the pages' maths

GREEK = {"Delta", "delta", "eta", "lambda", "theta", "sigma", "pi", "psi", "mu", "alpha", "beta", "gamma", "epsilon"}


def math_spans(markdown: str) -> list[str]:
    markdown = re.sub(r"\{%.*?%\}", " ", markdown)
    markdown = re.sub(r"`[^`]*`", " ", markdown)
    return [a or b for a, b in re.findall(r"\$\$(.*?)\$\$|\$(.*?)\$", markdown, flags=re.S)]


def symbols(tex: str) -> set[str]:
    """The letters a formula uses: bold, hatted or tilded letters, Greek letters, plain letters."""
    tex = re.sub(r"\\(?:begin|end)\{[^}]*\}", " ", tex)
    tex = re.sub(r"\\(?:operatorname|text|mathrm|mathbb)\{[^}]*\}", " ", tex)
    found: set[str] = set()

    def keep(kind: str):
        def sub(match: re.Match) -> str:
            found.add(f"{kind}:{match[1]}")
            return " "

        return sub

    tex = re.sub(r"\\(?:hat|tilde)\{\\mathbf\{(\w)\}\}", keep("hat-bold"), tex)
    tex = re.sub(r"\\(?:hat|tilde)\{(\w)\}", keep("hat"), tex)
    tex = re.sub(r"\\mathbf\{([A-Za-z])\}", keep("bold"), tex)
    found |= {g for g in re.findall(r"\\([A-Za-z]+)", tex) if g in GREEK}
    tex = re.sub(r"\\[A-Za-z]+", " ", tex)
    return found | set(re.findall(r"[A-Za-z]", tex))


def page_symbols(name: str) -> set[str]:
    return set().union(*(symbols(m) for m in math_spans((DOCS / name).read_text(encoding="utf-8"))))


CONTENT = sorted(p.name for p in DOCS.glob("*.md") if not p.name.endswith(".zh.md") and p.name not in {"notation.md"})


def test_the_notation_page_lists_every_symbol_the_pages_use():
    """notation: "Every page uses the same symbols. This page lists them": every letter in the maths of
    every other page (bold, hatted, Greek or plain) appears in the notation page's maths."""
    listed = page_symbols("notation.md")
    used = {name: page_symbols(name) - listed for name in CONTENT}
    assert {name: sorted(s) for name, s in used.items() if s} == {}
    # The extraction does find letters: the worked example's symbols are among them.
    assert {"bold:x", "bold:b", "bold:z", "hat-bold:y", "W", "n", "k", "d", "T", "lambda", "eta"} <= listed


def table_rows(page: str) -> list[tuple[str, str, list[str]]]:
    """(symbol cell, shape cell, link targets of the last cell) for each row of the symbol table."""
    rows = []
    for line in (DOCS / page).read_text(encoding="utf-8").splitlines():
        if line.startswith("| $"):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            rows.append((cells[0], cells[1], re.findall(r"\]\(([^)]+)\)", cells[-1])))
    return rows


def test_each_symbol_links_to_a_section_that_uses_it():
    """notation: "links each one to the section that introduces it": every row's link points to a
    heading that exists, and the linked section's maths uses the row's first symbol."""
    rows = table_rows("notation.md")
    assert len(rows) >= 30
    for cell, _, links in rows:
        assert len(links) == 1, cell
        page, anchor = links[0].split("#")
        first = symbols(math_spans(cell)[0])
        used = set().union(*(symbols(m) for m in math_spans(section(page, anchor))))
        assert first <= used, (cell, links[0], first - used)


def test_both_languages_list_the_same_symbols_shapes_and_links():
    """notation: the English and Chinese tables make the same claims: the same symbols, in the same
    order, with the same shapes (where the shape is a formula) and the same link targets."""
    en, zh = table_rows("notation.md"), table_rows("notation.zh.md")
    assert [math_spans(r[0]) for r in en] == [math_spans(r[0]) for r in zh]
    assert [math_spans(r[1]) for r in en] == [math_spans(r[1]) for r in zh]
    assert [r[2] for r in en] == [r[2] for r in zh]
    for name in ("notation", "learning"):
        ids = [
            re.findall(r"\{#([\w-]+)\}", (DOCS / f"{n}.md").read_text(encoding="utf-8")) for n in (name, f"{name}.zh")
        ]
        assert ids[0] == ids[1], name


def test_weights_are_n_by_k_with_one_column_per_class():
    """notation: "W is n × k: one row per feature, one column per class. Column j is class j's weight
    vector w_j … z = Wᵀx + b and z_j = w_j · x + b_j"; x has n entries, b, z and ŷ have k. Checked on
    every model the site quotes, the scores class by class with plain Python sums."""
    k = len(CLASS_NAMES["en"])
    assert EX.W.shape == (len(EX.x), k) and EX.b.shape == (k,)
    for j in range(k):
        z_j = sum(float(EX.W[i, j]) * float(EX.x[i]) for i in range(len(EX.x))) + float(EX.b[j])
        assert math.isclose(z_j, float(EX.z[j]), abs_tol=1e-12)
    assert EX.z.shape == EX.probs.shape == (k,)
    assert v("worked.n") == str(EX.W.shape[0]) and v("worked.k") == str(EX.W.shape[1])
    iris, digits = models.iris(), models.digits()
    assert models.iris_model().W.shape == (iris.X_train.shape[1], len(iris.class_names))
    assert models.digits_model().W.shape == (digits.X_train.shape[1], len(digits.class_names))
    assert toy2d().W.shape == (toy2d().X.shape[1], k)


def test_signed_distance_times_length_is_the_score():
    """notation: "d_j: signed distance from x to class j's hyperplane w_j · x + b_j = 0;
    z_j = ‖w_j‖ d_j". The distance is found here as the length to the foot of the perpendicular, with
    a plus sign on the side w_j points to."""
    toy = toy2d()
    x = toy.query
    for j in range(toy.W.shape[1]):
        w, b = toy.W[:, j], toy.b[j]
        foot = x - (w @ x + b) / (w @ w) * w
        assert abs(w @ foot + b) < 1e-12  # the foot lies on the hyperplane
        sign = 1.0 if (x - foot) @ w > 0 else -1.0
        d = sign * np.linalg.norm(x - foot)
        assert math.isclose(np.linalg.norm(w) * d, float(toy.z[j]), rel_tol=1e-12, abs_tol=1e-12)


@pytest.mark.parametrize("s", [0.5, 2.0, 3.0])
def test_a_common_factor_is_the_temperature_one_over_s(s):
    """notation: "s: a factor on weights and biases; on all classes at once it acts as the
    temperature T = 1/s"; a factor on one class is not a temperature (it changes the order)."""
    scaled = softmax((s * EX.W).T @ EX.x + s * EX.b)
    assert np.allclose(scaled, softmax(EX.z / (1 / s)))
    one = EX.W.copy(), EX.b.copy()
    one[0][:, DOG] *= 8
    one[1][DOG] *= 8
    assert np.argmax(one[0].T @ EX.x + one[1]) != np.argmax(EX.z)


def test_classes_count_from_one_on_the_pages_and_from_zero_in_the_notebooks():
    """notation: "The pages count classes from 1: cat is class 1 … The notebooks' code counts from 0:
    there cat is class 0 and its template is W[:, 0]." Every notebook's class list starts with cat,
    the computation notebook's W has cat's template in column 0, and the pages call cat class 1."""
    lists = 0
    for path in sorted((DOCS / "notebooks").glob("*.py")):
        lang = "zh" if path.name.endswith(".zh.py") else "en"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "classes":
                assert ast.literal_eval(node.value)[0] == CLASS_NAMES[lang][0], path.name
                lists += 1
    assert lists >= 6
    tree = ast.parse((DOCS / "notebooks" / "computation.py").read_text(encoding="utf-8"))
    W = next(
        np.array(ast.literal_eval(node.value.args[0]))
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "W"
    )
    assert np.array_equal(W[:, 0], EX.W[:, CAT])
    assert v("learn.one.label") == "1"  # "labelled as class 1 (cat)" on the learning page
    assert "cat is class 1" in (DOCS / "notation.md").read_text(encoding="utf-8")


# ---------------------------------------------------------------- hinge beside cross-entropy


@pytest.mark.parametrize("label", [CAT, DOG, BIRD])
def test_hinge_and_cross_entropy_table(label):
    """learning, #hinge: the table of hinge and cross-entropy on the worked example's scores with
    each class as the true one. Hinge by Python loops, cross-entropy by scikit-learn's log_loss."""
    from sklearn.metrics import log_loss

    z = EX.x @ EX.W + EX.b
    assert within_one_unit(v(f"loss.hinge.{label}"), hinge_by_loops(z, label))
    ce = log_loss([label], [softmax(z)], labels=[0, 1, 2])
    assert within_one_unit(v(f"loss.ce.{label}"), ce)
    assert v("loss.delta") == "1"


def test_cat_wins_by_more_than_the_margin_so_hinge_is_zero_and_flat():
    """learning, #hinge: "Labelled cat, the scores already put cat ahead of dog by 1.46 and of bird by
    2.33, both more than Δ: the hinge loss is exactly 0, so is its gradient." Finite differences of
    the hinge written here are exactly zero there."""
    z = EX.x @ EX.W + EX.b
    gaps = z[CAT] - z[[DOG, BIRD]]
    assert within_one_unit(v("loss.gap.1"), gaps[0]) and within_one_unit(v("loss.gap.2"), gaps[1])
    assert (gaps > 1.0).all()
    assert hinge_by_loops(z, CAT) == 0.0 and v("loss.hinge.0") == "0.00"
    assert np.all(central_gradient(lambda s: hinge_by_loops(s, CAT), z, eps=1e-3) == 0.0)


def test_cross_entropy_keeps_pushing_cat_towards_one():
    """learning, #hinge: "Cross-entropy still charges 0.28, and its gradient (−0.25, 0.18, 0.07)
    keeps pushing cat's probability, 0.75, towards 1, which no finite score reaches." The gradient by
    finite differences matches the shown one (which adds up to 0 as shown); descent raises cat's score;
    scaling the scores up lowers cross-entropy but never to 0, while hinge stays 0."""
    z = EX.x @ EX.W + EX.b

    def ce(s):
        return float(np.log(np.exp(s - s.max()).sum()) + s.max() - s[CAT])

    grad = central_gradient(ce, z)
    shown = v("loss.ce_grad").split(", ")
    assert sum(dec(t) for t in shown) == 0
    assert all(within_one_unit(t, g) for t, g in zip(shown, grad, strict=True))
    assert grad[CAT] < 0  # a step against the gradient raises the cat score
    assert within_one_unit(v("loss.p_cat"), softmax(z)[CAT])
    losses = [ce(t * z) for t in (1, 2, 5, 10, 20)]
    assert all(a > b > 0 for a, b in itertools.pairwise(losses))
    assert all(hinge_by_loops(t * z, CAT) == 0.0 for t in (1, 2, 5, 10, 20))


def test_dog_label_hinge_terms():
    """learning, #hinge: "Labelled dog, the hinge loss is 2.46 for cat's lead plus 0.13 for bird,
    which trails dog by only 0.87, less than Δ." The two shown terms add up to the shown total."""
    z = EX.x @ EX.W + EX.b
    cat_term, bird_term = z[CAT] - z[DOG] + 1.0, z[BIRD] - z[DOG] + 1.0
    assert within_one_unit(v("loss.hinge.dog.cat"), cat_term)
    assert within_one_unit(v("loss.hinge.dog.bird"), bird_term)
    assert dec(v("loss.hinge.dog.cat")) + dec(v("loss.hinge.dog.bird")) == dec(v("loss.hinge.1"))
    gap = z[DOG] - z[BIRD]
    assert within_one_unit(v("loss.hinge.dog.bird_gap"), gap) and 0 < gap < 1.0


# ---------------------------------------------------------------- cross-entropy as KL


def test_one_hot_cross_entropy_is_the_kl_divergence():
    """learning, #kl: "A one-hot label e_y has … entropy 0, so the loss … is a KL divergence:
    H(e_1, ŷ) = KL(e_1 ‖ ŷ) = −log ŷ_1 = 0.285 nats (0.411 bits)." SciPy's entropy and KL."""
    from scipy.stats import entropy

    p = softmax(EX.x @ EX.W + EX.b)
    onehot = np.eye(3)[CAT]
    assert entropy(onehot) == 0.0
    assert math.isclose(entropy(onehot, p), -math.log(p[CAT]), rel_tol=1e-12)
    assert within_one_unit(v("loss.kl.onehot"), entropy(onehot, p))
    assert within_one_unit(v("loss.kl.onehot_bits"), entropy(onehot, p, base=2))


def test_smoothed_label_cross_entropy_is_kl_plus_entropy():
    """learning, #kl: "With the smoothed label q = (0.90, 0.05, 0.05), the cross-entropy is 0.474: the
    KL divergence, 0.080, plus the label's entropy, 0.394." The shown parts add up exactly as shown,
    and cross-entropy exceeds KL."""
    from scipy.stats import entropy

    q = np.array([dec(t) for t in v("loss.kl.q").split(", ")], dtype=float)
    assert math.isclose(q.sum(), 1.0) and np.argmax(q) == CAT and q[DOG] == q[BIRD]
    p = softmax(EX.x @ EX.W + EX.b)
    ce = -float(np.sum(q * np.log(p)))
    assert within_one_unit(v("loss.kl.ce"), ce)
    assert within_one_unit(v("loss.kl.kl"), entropy(q, p))
    assert within_one_unit(v("loss.kl.entropy"), entropy(q))
    assert dec(v("loss.kl.kl")) + dec(v("loss.kl.entropy")) == dec(v("loss.kl.ce"))
    assert ce > entropy(q, p) > 0


def test_kl_and_cross_entropy_have_the_same_gradient_and_minimiser():
    """learning, #kl: "the two losses have the same gradients and the same minimiser: the best
    prediction is ŷ = q, where the KL divergence is 0 and the cross-entropy is still 0.394."
    Finite differences of both on the scores; the minimum over the scores by BFGS."""
    from scipy.optimize import minimize
    from scipy.stats import entropy

    q = np.array([dec(t) for t in v("loss.kl.q").split(", ")], dtype=float)

    def ce(z):
        return -float(np.sum(q * np.log(softmax(z))))

    def kl(z):
        return float(entropy(q, softmax(z)))

    z = EX.x @ EX.W + EX.b
    assert np.allclose(central_gradient(ce, z), central_gradient(kl, z), atol=1e-8)
    best = minimize(ce, np.zeros(3), method="BFGS", options={"gtol": 1e-10})
    assert np.allclose(softmax(best.x), q, atol=1e-6)
    assert kl(best.x) < 1e-10
    assert within_one_unit(v("loss.kl.entropy"), best.fun)


# ---------------------------------------------------------------- convexity


def iris_objective(theta, X, y, l2):
    """Mean cross-entropy + (l2/2)‖W‖² and its gradient, for θ = (W flattened, b)."""
    n, k = X.shape[1], 3
    W, b = theta[: n * k].reshape(n, k), theta[n * k :]
    Z = X @ W + b
    m = Z.max(axis=1, keepdims=True)
    lse = (m + np.log(np.exp(Z - m).sum(axis=1, keepdims=True)))[:, 0]
    value = float(np.mean(lse - Z[np.arange(len(y)), y]) + 0.5 * l2 * np.sum(W**2))
    G = (softmax(Z) - np.eye(k)[y]) / len(y)
    return value, np.concatenate([(X.T @ G + l2 * W).ravel(), G.sum(axis=0)])


@pytest.mark.parametrize("l2", [0.0, models.IRIS_WEAK_L2])
def test_the_training_loss_is_convex_and_strongly_so_in_w_with_a_penalty(l2):
    """learning, #convexity: "is convex in W and b … With λ > 0 it is strictly convex in W." On the
    iris data, for random pairs of parameters, the loss at the midpoint is at most the mean of the two
    ends, by at least (λ/8)‖W₁ − W₂‖², the margin a λ-strongly convex term guarantees."""
    d = models.iris()
    rng = np.random.default_rng(123)
    for _ in range(200):
        a, b = rng.normal(scale=rng.uniform(0.1, 5), size=(2, 15))
        fa, fb = (iris_objective(t, d.X_train, d.y_train, l2)[0] for t in (a, b))
        fm = iris_objective((a + b) / 2, d.X_train, d.y_train, l2)[0]
        dW = a[:12] - b[:12]
        assert fm <= (fa + fb) / 2 - l2 / 8 * dW @ dW + 1e-12


@cache
def lbfgs_fits() -> list[np.ndarray]:
    from scipy.optimize import minimize

    d = models.iris()
    fits = []
    for seed in (11, 12):
        start = np.random.default_rng(seed).normal(size=15)
        res = minimize(
            iris_objective,
            start,
            args=(d.X_train, d.y_train, models.IRIS_WEAK_L2),
            jac=True,
            method="L-BFGS-B",
            options={"gtol": 1e-12, "ftol": 1e-16, "maxiter": 20000},
        )
        fits.append(res.x)
    return fits


def test_two_random_starts_reach_the_same_weights():
    """learning, #convexity: "On the iris data with the site's λ = 0.01, 5000 steps of gradient
    descent from two random starts … end with weights that differ by at most 2.1 × 10⁻¹⁴, and both
    equal the site's iris model … to within 2.4 × 10⁻¹⁴." Another optimiser (L-BFGS) from two other
    random starts, and scikit-learn's logistic regression, find the same W."""
    from sklearn.linear_model import LogisticRegression

    d = models.iris()
    assert v("loss.convex.l2") == f"{models.IRIS_WEAK_L2:g}"
    a, b = lbfgs_fits()
    assert np.abs(a[:12] - b[:12]).max() < 1e-5
    site = models.iris_model("weak").W
    assert np.abs(a[:12].reshape(4, 3) - site).max() < 1e-5
    C = 1 / (models.IRIS_WEAK_L2 * len(d.y_train))
    sk = LogisticRegression(C=C, tol=1e-12, max_iter=100000).fit(d.X_train, d.y_train)
    assert np.abs(sk.coef_.T - site).max() < 1e-4
    assert sci_value(v("loss.convex.end_diff")) < 1e-10
    assert sci_value(v("loss.convex.site_diff")) < 1e-10
    starts = [np.random.default_rng(seed).standard_normal((4, 3)) for seed in (1, 2)]
    assert v("loss.convex.seed.0") == "1" and v("loss.convex.seed.1") == "2"
    assert within_one_unit(v("loss.convex.start_diff"), np.abs(starts[0] - starts[1]).max())


def test_unpenalised_biases_end_apart_by_the_same_amount_on_every_class():
    """learning, #convexity: "The biases are not penalised and end 0.24 apart on every class, which
    changes no probability." Gradient descent keeps Σ_j b_j (the bias gradient adds up to zero), and
    the penalised optimum is unique up to a common shift of b, so the two ends differ by the mean
    difference of the two random starting biases; L-BFGS's fits differ in b by one common shift only."""
    rngs = [np.random.default_rng(seed) for seed in (1, 2)]
    start_biases = []
    for rng in rngs:
        rng.standard_normal((4, 3))
        start_biases.append(rng.standard_normal(3))
    predicted = abs(np.mean(start_biases[0] - start_biases[1]))
    assert within_one_unit(v("loss.convex.bias_shift"), predicted)
    a, b = lbfgs_fits()
    shift = a[12:] - b[12:]
    assert np.ptp(shift) < 1e-5
    X = models.iris().X_train
    pa = softmax(X @ a[:12].reshape(4, 3) + a[12:])
    pb = softmax(X @ a[:12].reshape(4, 3) + a[12:] - shift.mean())
    assert np.allclose(pa, pb)


# ---------------------------------------------------------------- no optimum without a penalty


def setosa_data():
    d = models.iris()
    return d.X_train, np.where(d.y_train == 0, -1.0, 1.0)  # −1: setosa, +1: the other two


@cache
def logistic_run(checkpoints=(1, 2, 1000, 10000, 100000)) -> dict[int, tuple[np.ndarray, float]]:
    """The two-class layer from zero, unpenalised, as one logistic regression in u = w₂ − w₁ and
    c = b₂ − b₁: gradient descent on W with step η moves u by 2η times the logistic gradient, and
    ‖W‖ = ‖u‖/√2 because the two columns stay opposite. η = 1/(‖[X 1]‖²/(2N)), the site's step."""
    X, s = setosa_data()
    A = np.c_[X, np.ones(len(X))]
    eta = 1.0 / (np.linalg.svd(A, compute_uv=False)[0] ** 2 / (2 * len(X)))
    theta = np.zeros(A.shape[1])
    out = {}
    for t in range(1, max(checkpoints) + 1):
        margins = s * (A @ theta)
        grad = -(A.T @ (s / (1 + np.exp(margins)))) / len(X)
        theta = theta - 2 * eta * grad
        if t in checkpoints:
            loss = float(np.mean(np.logaddexp(0, -s * (A @ theta))))
            out[t] = (theta.copy(), loss)
    return out


def test_setosa_against_the_rest_is_separable():
    """learning, #convexity: "Setosa against the other two species is such a case": a linear program
    finds a hyperplane with every training flower at least 1 on its side (a margin, so not by luck)."""
    from scipy.optimize import linprog

    X, s = setosa_data()
    A = np.c_[X, np.ones(len(X))]
    res = linprog(np.zeros(A.shape[1]), A_ub=-(s[:, None] * A), b_ub=-np.ones(len(X)), bounds=[(None, None)] * 5)
    assert res.status == 0
    assert v("loss.sep.n") == str(len(X)) and v("loss.sep.setosa") == str(int(np.sum(s < 0)))


def test_all_flowers_right_after_two_steps():
    """learning, #convexity: "a two-class layer trained from zero without a penalty gets all 105
    training flowers right after 2 steps"."""
    X, s = setosa_data()
    A = np.c_[X, np.ones(len(X))]
    run = logistic_run()
    assert not np.all(s * (A @ run[1][0]) > 0)
    assert np.all(s * (A @ run[2][0]) > 0)
    assert v("loss.sep.all_right") == "2"


def test_scaling_a_separating_layer_up_always_lowers_the_loss():
    """learning, #convexity: "If some W and b classify every training example right, multiplying both by
    a larger factor always lowers the loss." On the layer after 1000 steps, the loss of t·(W, b) falls
    for every factor t tried, towards 0."""
    X, s = setosa_data()
    A = np.c_[X, np.ones(len(X))]
    theta = logistic_run()[1000][0]
    losses = [float(np.mean(np.logaddexp(0, -t * s * (A @ theta)))) for t in np.linspace(1, 20, 40)]
    assert all(a > b > 0 for a, b in itertools.pairwise(losses))


def test_the_weights_grow_like_log_steps_while_the_loss_falls():
    """learning, #convexity: the table of ‖W‖ and the loss after 10³, 10⁴ and 10⁵ steps; "A hundred
    times more steps multiply the length by only 1.96, and each tenfold adds a similar amount (1.88,
    then 2.19) … while the loss falls towards 0 without reaching it." Recomputed by the logistic loop
    here; the gains are those of the shown lengths."""
    run = logistic_run()
    steps = (1000, 10000, 100000)
    norms = [float(np.linalg.norm(run[t][0][:4]) / np.sqrt(2)) for t in steps]
    losses = [run[t][1] for t in steps]
    for i, t in enumerate(steps):
        assert v(f"loss.sep.steps.{i}") == f"10^{{{round(math.log10(t))}}}"
        assert within_one_unit(v(f"loss.sep.norm.{i}"), norms[i])
        mantissa, exponent = re.fullmatch(r"([\d.]+) \\times 10\^\{(-?\d+)\}", v(f"loss.sep.loss.{i}")).groups()
        assert abs(losses[i] / 10.0 ** int(exponent) - float(mantissa)) <= 0.05 + 1e-9  # correctly rounded
    gains = [norms[1] - norms[0], norms[2] - norms[1]]
    for i, gain in enumerate(gains):
        assert within_one_unit(v(f"loss.sep.gain.{i}"), gain)
        assert abs(
            dec(v(f"loss.sep.gain.{i}")) - (dec(v(f"loss.sep.norm.{i + 1}")) - dec(v(f"loss.sep.norm.{i}")))
        ) <= Decimal("0.01")
    assert within_one_unit(v("loss.sep.ratio"), norms[2] / norms[0])
    assert norms[2] / norms[0] < 2  # a hundred times the steps, not twice the length
    assert 0.7 < gains[0] / gains[1] < 1 / 0.7  # each tenfold adds a similar amount
    assert losses[0] > losses[1] > losses[2] > 0
    assert models.IRIS_WEAK_L2 > 0  # "why the site's iris model carries a weak penalty"


def test_the_shown_cat_gradient_adds_up_to_zero_and_dog_alone_rounds_otherwise():
    """why-softmax: "(−0.25, 0.18, 0.07) for the cat label (rounded together, so that the shown
    entries add up to 0 as the exact ones do; dog's entry alone would round to 0.17)"."""
    from decimal import Decimal

    from lastlayer import maths, values
    from lastlayer.examples import worked_example

    ex = worked_example()
    exact = maths.softmax(ex.z) - np.eye(3)[0]
    shown = [Decimal(t.strip().replace("\u2212", "-")) for t in values.lookup("learn.one.dz", "en").split(",")]
    assert sum(shown) == 0 and abs(float(sum(exact))) < 1e-12
    alone = Decimal(f"{exact[1]:.2f}")
    assert alone == Decimal(values.lookup("wfix.dog.alone", "en")) and alone != shown[1]
