"""The claims of the "why softmax", "what the views explain" and appendix pages, checked
against the code that computes their numbers."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from lastlayer import maths, models, values
from lastlayer.examples import toy2d, worked_example

EX = worked_example()


def test_the_overflow_demonstration_really_overflows_and_the_stable_form_does_not():
    z = np.array(values.BIG_SCORES)
    with np.errstate(over="ignore", invalid="ignore"):
        naive = maths.softmax_naive(z)
    assert np.all(np.isnan(naive))
    stable = maths.softmax(z)
    assert np.all(np.isfinite(stable)) and stable.sum() == pytest.approx(1.0)
    assert np.allclose(stable, maths.softmax_naive(z - z.max()))
    assert values.lookup("why.big.naive") == "nan, nan, nan"


def test_two_class_softmax_is_the_sigmoid_of_the_difference():
    gaps = np.linspace(-30, 30, 601)
    assert np.allclose(maths.softmax(np.c_[gaps, np.zeros_like(gaps)])[:, 0], maths.sigmoid(gaps))


def test_log_sum_exp_is_a_smooth_upper_bound_of_max_that_tightens_with_temperature():
    z = np.random.default_rng(0).normal(size=(200, 5))
    lse = maths.log_sum_exp(z)
    assert np.all(lse >= z.max(1)) and np.all(lse <= z.max(1) + np.log(5) + 1e-12)
    gaps = [np.max(t * maths.log_sum_exp(z / t) - z.max(1)) for t in (1.0, 0.5, 0.1)]
    assert gaps[0] > gaps[1] > gaps[2]


def test_cross_entropy_gradient_is_probabilities_minus_one_hot():
    eps = 1e-6
    for label in range(3):
        numeric = np.array(
            [
                (maths.cross_entropy(EX.z + eps * e, label) - maths.cross_entropy(EX.z - eps * e, label)) / (2 * eps)
                for e in np.eye(3)
            ]
        )
        assert np.allclose(numeric, maths.cross_entropy_grad(EX.z, label), atol=1e-8)
        assert maths.cross_entropy(EX.z, label) == pytest.approx(-np.log(EX.probs[label]))


def test_dividing_raw_scores_by_their_sum_breaks_as_the_page_says():
    ratio = EX.z / EX.z.sum()
    assert ratio.min() < 0
    assert not np.allclose(ratio, (EX.z + 1) / (EX.z + 1).sum())


def test_temperature_keeps_the_order():
    for t in (0.1, 1.0, 10.0):
        assert np.array_equal(np.argsort(maths.softmax(EX.z / t)), np.argsort(EX.z))


def test_temperature_scaling_improves_calibration_without_changing_accuracy():
    data = models.digits()
    fit, evaluate = models.calibration_split()
    assert not set(fit) & set(evaluate)
    scores = models.digits_model().scores(data.X_test)
    t = models.fit_temperature(scores[fit], data.y_test[fit])
    before = maths.reliability(maths.softmax(scores[evaluate]), data.y_test[evaluate])
    after = maths.reliability(maths.softmax(scores[evaluate] / t), data.y_test[evaluate])
    assert after["ece"] < before["ece"]
    assert np.array_equal(scores[evaluate].argmax(1), (scores[evaluate] / t).argmax(1))
    # The page says this model is under-confident: accuracy above confidence on average, T < 1.
    probs = maths.softmax(scores[evaluate])
    accuracy = np.mean(probs.argmax(1) == data.y_test[evaluate])
    assert accuracy > probs.max(1).mean() and t < 1


def test_reliability_bins_add_up():
    rng = np.random.default_rng(3)
    probs = maths.softmax(rng.normal(size=(300, 4)) * 3)
    labels = rng.integers(0, 4, 300)
    r = maths.reliability(probs, labels)
    assert r["count"].sum() == 300
    perfect = np.eye(4)[labels] * 0.999 + 0.00025
    assert maths.reliability(perfect, labels)["ece"] < 0.01


def test_weight_decay_shrinks_templates_and_confidence_monotonically():
    data = models.digits()
    trained = [models.digits_decay(l2) for l2 in models.DECAYS]
    norms = [np.linalg.norm(m.W, axis=0).mean() for m in trained]
    confidence = [m.predict_proba(data.X_test).max(1).mean() for m in trained]
    assert all(a > b for a, b in itertools.pairwise(norms))
    assert all(a > b for a, b in itertools.pairwise(confidence))


def test_cosine_softmax_directions_are_unit_and_the_margin_leaves_points_to_push():
    toy = toy2d()
    plain = models.fit_cosine_softmax(toy.X, toy.y)
    margin = models.fit_cosine_softmax(toy.X, toy.y, margin=models.COSFACE_MARGIN)
    for W in (plain, margin):
        assert np.allclose(np.linalg.norm(W, axis=0), 1)
        assert np.mean((models.unit(toy.X) @ W).argmax(1) == toy.y) > 0.95
    cos = np.sort(models.unit(toy.X) @ margin, axis=1)
    assert np.mean(cos[:, -1] - cos[:, -2] < models.COSFACE_MARGIN) > 0


def test_fully_connected_equals_a_convolution():
    # Two different computations: a dense layer on the flattened map, and a convolution that
    # slides the reshaped kernel over the map without flattening it.
    assert max(values.fc_as_conv_difference().values()) < 1e-12
    rng = np.random.default_rng(5)
    fmap, W, b = rng.normal(size=(3, 4, 6)), rng.normal(size=(6, 2)), rng.normal(size=2)
    conv = maths.conv1x1(fmap, W, b)
    assert np.allclose(conv[2, 1], fmap[2, 1] @ W + b)


def test_the_sliding_convolution_agrees_with_scipy_and_slides():
    from scipy.signal import correlate

    rng = np.random.default_rng(6)
    fmap, kernel, b = rng.normal(size=(9, 8, 3)), rng.normal(size=(7, 7, 3, 2)), rng.normal(size=2)
    ours = maths.conv2d_valid(fmap, kernel, b)
    assert ours.shape == (3, 2, 2)
    for k in range(2):
        reference = sum(correlate(fmap[..., c], kernel[..., c, k], mode="valid") for c in range(3)) + b[k]
        assert np.allclose(ours[..., k], reference)
    # On a larger map each position is the dense layer applied to one 7×7 window: a map of scores.
    window = fmap[1:8, 1:8].reshape(-1)
    assert np.allclose(ours[1, 1], window @ kernel.reshape(-1, 2) + b)


def test_head_parameter_counts():
    counts = values.head_parameters()
    assert counts["flatten_first"] == 7 * 7 * 512 * 4096 + 4096
    assert counts["gap"] == 512 * 1000 + 1000
    assert counts["flatten_to_classes"] > 40 * counts["gap"]


def test_the_dense_layer_snippet_reproduces_the_worked_example():
    namespace: dict = {}
    exec(values.dense_forward_snippet().replace("print(", "_ = ("), namespace)
    assert np.allclose(namespace["z"], EX.z)
    assert np.allclose(namespace["y_hat"], EX.probs)
    printed = values.dense_forward_output()
    assert "2.14" in printed and "0.75" in printed
