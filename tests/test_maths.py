"""The identities the pages claim, checked on the figures' own data."""

from __future__ import annotations

import numpy as np
import pytest

from lastlayer import maths
from lastlayer.examples import SCALES, scaled, toy2d, worked_example

EX = worked_example()
TOY = toy2d()


def test_softmax_outputs_are_probabilities_that_sum_to_one():
    assert np.all((EX.probs > 0) & (EX.probs < 1))
    assert EX.probs.sum() == pytest.approx(1.0, abs=1e-12)
    grid = np.random.default_rng(0).normal(scale=20, size=(500, 5))
    assert np.allclose(maths.softmax(grid).sum(axis=1), 1.0)


def test_softmax_keeps_the_order_and_ignores_a_shift():
    assert np.array_equal(np.argsort(EX.z), np.argsort(EX.probs))
    assert np.allclose(maths.softmax(EX.z + 123.0), EX.probs)


def test_stable_softmax_survives_where_the_naive_formula_overflows():
    z = np.array([1000.0, 999.0, 990.0])
    with np.errstate(over="ignore", invalid="ignore"):
        naive = maths.softmax_naive(z)
    assert not np.all(np.isfinite(naive))
    assert np.allclose(maths.softmax(z), maths.softmax(z - 1000.0))


def test_scores_are_weighted_sums_of_contributions_plus_bias():
    assert np.allclose(EX.contributions.sum(axis=0) + EX.b, EX.z)
    assert np.allclose(EX.x @ EX.W + EX.b, EX.z)
    assert EX.W.shape == (len(EX.x), len(EX.b))


def test_probability_ratio_is_exp_of_the_score_gap():
    assert EX.probs[0] / EX.probs[1] == pytest.approx(np.exp(EX.z[0] - EX.z[1]))


def test_dot_product_is_norms_times_cosine():
    """w·x = ‖w‖‖x‖cos θ, with the angle found another way: the law of cosines on the
    triangle w, x, w − x (no dot product involved)."""
    for j in range(3):
        w, x = EX.W[:, j], EX.x
        a, b, c = np.linalg.norm(w), np.linalg.norm(x), np.linalg.norm(w - x)
        cos = (a**2 + b**2 - c**2) / (2 * a * b)
        assert sum(wi * xi for wi, xi in zip(w, x, strict=True)) == pytest.approx(a * b * cos)


def test_score_is_norm_times_signed_distance():
    assert np.allclose(TOY.norms * TOY.distances, TOY.z)


def test_normal_vector_points_to_positive_scores():
    for j in range(3):
        w, b = TOY.W[:, j], TOY.b[j]
        foot = -b * w / (w @ w)  # a point on the hyperplane
        assert foot @ w + b == pytest.approx(0, abs=1e-12)
        assert (foot + 0.1 * w) @ w + b > 0 > (foot - 0.1 * w) @ w + b


def test_scaling_a_class_moves_no_line_but_scales_its_score():
    base = maths.softmax(maths.linear(TOY.query, TOY.W, TOY.b))[0]
    previous = 0.0
    for s in SCALES:
        W, b = scaled(TOY, 0, s)
        assert maths.signed_distance(TOY.query, W[:, 0], b[0]) == pytest.approx(TOY.distances[0])
        assert maths.linear(TOY.query, W, b)[0] == pytest.approx(s * TOY.z[0])
        p = maths.softmax(maths.linear(TOY.query, W, b))[0]
        assert p > previous
        previous = p
    assert maths.softmax(maths.linear(TOY.query, *scaled(TOY, 0, 1.0)))[0] == pytest.approx(base)


def test_pairwise_boundaries_decide_the_argmax():
    points = np.random.default_rng(1).uniform(-3.6, 3.6, size=(2000, 2))
    z = points @ TOY.W + TOY.b
    winner = np.argmax(z, axis=1)
    for i in range(3):
        for j in range(3):
            if i != j:
                side = points @ (TOY.W[:, i] - TOY.W[:, j]) + (TOY.b[i] - TOY.b[j])
                assert np.all(side[winner == i] >= 0)


def test_the_query_point_is_on_the_positive_side_of_dog_yet_a_cat():
    assert TOY.distances[1] > 0
    assert np.argmax(TOY.z) == 0


def test_adding_one_vector_to_every_template_changes_nothing():
    shift_w, shift_b = np.array([0.7, -1.3]), 0.4
    moved = maths.softmax(maths.linear(TOY.X, TOY.W + shift_w[:, None], TOY.b + shift_b))
    assert np.allclose(moved, maths.softmax(maths.linear(TOY.X, TOY.W, TOY.b)))
