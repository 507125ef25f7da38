"""The claims of the "how the layer learns" page, checked on the site's data and models."""

from __future__ import annotations

import numpy as np
import pytest

from lastlayer import learning, maths, models, values
from lastlayer.examples import toy2d, worked_example

EX = worked_example()


# --- gradients ---------------------------------------------------------------------------


@pytest.mark.parametrize("label", range(3))
def test_one_example_gradients_match_finite_differences(label):
    dz, dW, db = learning.gradients(EX.x, EX.W, EX.b, label)
    assert np.allclose(dz, EX.probs - np.eye(3)[label])
    assert dW.shape == EX.W.shape and np.allclose(dW, np.outer(EX.x, dz))
    num_dW, num_db = learning.numerical_gradients(EX.x, EX.W, EX.b, label)
    assert np.allclose(num_dW, dW, atol=1e-8)
    assert np.allclose(num_db, db, atol=1e-8)


def test_batch_gradients_are_the_mean_and_match_finite_differences():
    toy = toy2d()
    rng = np.random.default_rng(1)
    rows = rng.choice(len(toy.y), size=12, replace=False)
    X, y = toy.X[rows], toy.y[rows]
    W, b = rng.standard_normal((2, 3)), rng.standard_normal(3)
    _, dW, db = learning.gradients(X, W, b, y)
    per_example = [learning.gradients(x, W, b, label) for x, label in zip(X, y, strict=True)]
    assert np.allclose(dW, np.mean([g[1] for g in per_example], axis=0))
    assert np.allclose(db, np.mean([g[2] for g in per_example], axis=0))
    num_dW, num_db = learning.numerical_gradients(X, W, b, y)
    assert np.allclose(num_dW, dW, atol=1e-8) and np.allclose(num_db, db, atol=1e-8)
    separately = [maths.cross_entropy(X[i] @ W + b, y[i]) for i in range(len(y))]
    assert learning.loss(X, W, b, y) == pytest.approx(np.mean(separately))


# --- what one step does ------------------------------------------------------------------


def test_the_step_is_taken_on_a_misclassified_point():
    step = learning.toy_step()
    assert np.argmax(step.probs(after=False)) != step.label
    assert step.index in np.flatnonzero(np.argmax(toy2d().X @ step.W0 + step.b0, axis=1) != toy2d().y)


def test_true_template_moves_toward_x_and_others_away_in_proportion_to_probability():
    step = learning.toy_step()
    p = step.probs(after=False)
    x = step.x
    for j in range(3):
        move = step.moves[:, j]
        # Every template moves along x: toward it for the true class, away for the others.
        assert np.allclose(move, -step.lr * (p[j] - (j == step.label)) * x)
        assert np.sign(move @ x) == (1 if j == step.label else -1)
    others = [j for j in range(3) if j != step.label]
    lengths = np.linalg.norm(step.moves[:, others], axis=0)
    assert np.allclose(lengths / p[others], step.lr * np.linalg.norm(x))
    # The step raises the true class's probability and score margin on that point.
    assert step.probs(after=True)[step.label] > p[step.label]


def test_the_step_moves_the_decision_boundaries_of_the_true_class():
    step = learning.toy_step()
    before = np.argmax(toy2d().X @ step.W0 + step.b0, axis=1)
    after = np.argmax(toy2d().X @ step.W1 + step.b1, axis=1)
    assert np.any(before != after)


def test_training_history_learns_and_the_shown_epochs_are_in_order():
    hist = learning.digits_history()
    assert hist.loss[0] == pytest.approx(np.log(10))  # zero weights: uniform probabilities
    assert hist.loss[-1] < 0.15 * hist.loss[0]
    assert hist.accuracy[-1] > 0.9
    shown = hist.shown
    assert list(shown) == sorted(shown) and shown[-1] == learning.HISTORY_EPOCHS and len(shown) >= 3


# --- cross-entropy against squared error -------------------------------------------------


def test_squared_error_gradient_matches_finite_differences():
    z = EX.z
    eps = 1e-6
    numeric = [
        (learning.squared_error(z + eps * e, 1) - learning.squared_error(z - eps * e, 1)) / (2 * eps) for e in np.eye(3)
    ]
    assert np.allclose(numeric, learning.squared_error_grad(z, 1), atol=1e-8)


def test_squared_error_stalls_when_the_true_class_is_improbable_and_cross_entropy_does_not():
    p = np.array([1e-1, 1e-2, 1e-3, 1e-4])
    for k in (2, 3, 10):
        ce, se = learning.true_score_gradients(p, k)
        assert np.allclose(ce, p - 1)  # cross-entropy: ∂L/∂z_y = p − 1, close to −1 when p → 0
        assert np.allclose(se, -p * (1 - p) ** 2 * k / (k - 1))  # squared error: → 0 with p
        assert np.all(np.abs(np.diff(np.abs(se))) > 0) and abs(se[-1]) < 1e-3 < abs(ce[-1])
    assert np.allclose([maths.softmax(learning.scores_for(q, 3))[0] for q in p], p)


# --- the shift freedom -------------------------------------------------------------------


def test_adding_one_vector_to_every_template_leaves_loss_and_gradients_unchanged():
    data = models.digits()
    model = models.digits_model()
    c = np.random.default_rng(2).standard_normal(model.W.shape[0])
    W2 = learning.shifted(model.W, c)
    assert not np.allclose(W2, model.W)
    assert learning.loss(data.X_train, W2, model.b, data.y_train) == pytest.approx(
        learning.loss(data.X_train, model.W, model.b, data.y_train), abs=1e-10
    )
    # The loss's gradient has zero row sums, so plain gradient descent never changes Σ_j w_j.
    _, dW, _ = learning.gradients(data.X_train, W2, model.b, data.y_train)
    assert np.allclose(dW.sum(axis=1), 0, atol=1e-12)


def test_plain_descent_keeps_the_column_sum_and_l2_shrinks_it_geometrically():
    data = models.iris()
    plain = learning.column_sums_during_training(data.X_train, data.y_train, l2=0.0, steps=200)
    assert plain[0] > 1 and np.allclose(plain, plain[0])
    decayed = learning.column_sums_during_training(data.X_train, data.y_train, l2=0.1, steps=200)
    rate = learning.shrink_per_step(data.X_train, 0.1)
    assert np.allclose(decayed, plain[0] * rate ** np.arange(201))
    assert decayed[-1] < 1e-3 * decayed[0]


@pytest.mark.parametrize("model", ["digits", "iris-l2", "iris-weak"])
def test_the_sites_l2_trained_models_have_templates_that_sum_to_zero(model):
    W = {
        "digits": lambda: models.digits_model().W,
        "iris-l2": lambda: models.iris_model("l2").W,
        "iris-weak": lambda: models.iris_model("weak").W,
    }[model]()
    assert np.linalg.norm(W.sum(axis=1)) < 1e-8 * np.linalg.norm(W)


# --- the bias trick, log-softmax, the frameworks -----------------------------------------


def test_the_bias_trick_gives_the_same_scores():
    toy = toy2d()
    assert np.allclose(learning.append_one(EX.x) @ learning.fold_bias(EX.W, EX.b), EX.z)
    assert np.allclose(learning.append_one(toy.X) @ learning.fold_bias(toy.W, toy.b), toy.X @ toy.W + toy.b)


def test_log_softmax_stays_finite_where_log_of_softmax_is_minus_infinity():
    z = np.array(learning.LOG_SCORES)
    naive = learning.log_of_softmax(z)
    stable = learning.log_softmax(z)
    assert np.isneginf(naive).any()
    assert np.all(np.isfinite(stable))
    assert np.allclose(stable, z - maths.log_sum_exp(z))
    finite = np.isfinite(naive)
    assert np.allclose(naive[finite], stable[finite])
    assert "inf" in values.lookup("learn.log.naive") and "inf" not in values.lookup("learn.log.stable")


def test_framework_weight_conventions_give_the_same_scores():
    A = learning.torch_linear_weight(EX.W)
    assert A.shape == (EX.W.shape[1], EX.W.shape[0])
    assert np.allclose(learning.torch_linear(EX.x, A, EX.b), EX.z)
    assert np.allclose(learning.keras_dense(EX.x, EX.W, EX.b), EX.z)


def test_softmax_before_a_logits_loss_distorts_the_loss_and_shrinks_the_gradient():
    z = learning.CONFIDENT * EX.z
    # A confident, right prediction: the real loss is near 0, the bug's cannot go below its floor.
    assert maths.cross_entropy(z, 0) < 1e-3
    assert learning.softmax_twice_loss(z, 0) == pytest.approx(learning.softmax_twice_floor(3), abs=1e-3)
    for k in (3, 10):
        probs = np.eye(k)[0]
        assert maths.cross_entropy(probs, 0) == pytest.approx(learning.softmax_twice_floor(k))
    # A confident, wrong prediction: the real gradient is near −1, the bug's near 0.
    assert learning.softmax_twice_grad(z, 2)[2] == pytest.approx(0, abs=1e-4)
    assert maths.cross_entropy_grad(z, 2)[2] == pytest.approx(-1, abs=1e-4)
    # The bug's gradient is the chain rule through softmax: check it by finite differences.
    eps = 1e-6
    numeric = [
        (learning.softmax_twice_loss(EX.z + eps * e, 0) - learning.softmax_twice_loss(EX.z - eps * e, 0)) / (2 * eps)
        for e in np.eye(3)
    ]
    assert np.allclose(numeric, learning.softmax_twice_grad(EX.z, 0), atol=1e-8)


def test_every_learn_value_is_computed():
    computed = values.group_values("learn")
    assert computed and all(isinstance(v, str) and v for v in computed.values())
