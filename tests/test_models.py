"""Our numpy classifiers against scikit-learn's multinomial logistic regression, and the
facts the pages state about them."""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression

from lastlayer import models, values

#: Largest difference in any predicted probability on the held-out data.
PROBABILITY_TOLERANCE = 2e-3


def sklearn_reference(data: models.Dataset, l2: float) -> LogisticRegression:
    # scikit-learn minimises C·Σ cross-entropy + ½‖W‖²; ours is mean cross-entropy + (λ/2)‖W‖².
    C = 1.0 / (l2 * len(data.y_train))
    return LogisticRegression(C=C, max_iter=20_000, tol=1e-10).fit(data.X_train, data.y_train)


def test_iris_classifier_matches_scikit_learn():
    data, ours = models.iris(), models.iris_model()
    ref = sklearn_reference(data, models.IRIS_WEAK_L2)
    assert np.abs(ref.predict_proba(data.X_test) - ours.predict_proba(data.X_test)).max() < PROBABILITY_TOLERANCE
    assert np.array_equal(ref.predict(data.X_test), ours.predict(data.X_test))


def test_digits_classifier_matches_scikit_learn():
    data, ours = models.digits(), models.digits_model()
    ref = sklearn_reference(data, models.DIGITS_L2)
    assert np.abs(ref.predict_proba(data.X_test) - ours.predict_proba(data.X_test)).max() < PROBABILITY_TOLERANCE
    assert ref.score(data.X_test, data.y_test) == ours.accuracy(data.X_test, data.y_test)


def test_pages_state_the_accuracy_the_models_reach():
    v = values.table()
    iris, digits = models.iris(), models.digits()
    assert float(v["iris.accuracy"]) == round(100 * models.iris_model().accuracy(iris.X_test, iris.y_test), 1)
    assert float(v["digits.accuracy"]) == round(100 * models.digits_model().accuracy(digits.X_test, digits.y_test), 1)
    mlp = models.digits_mlp().accuracy(digits.X_test, digits.y_test)
    assert float(v["digits.mlp.accuracy"]) == round(100 * mlp, 1)
    assert mlp > models.digits_model().accuracy(digits.X_test, digits.y_test), "the page says the MLP does better"


def test_regularisation_does_what_the_page_says():
    weak, l2, l1 = (models.iris_model(p) for p in ("weak", "l2", "l1"))
    assert np.linalg.norm(l2.W) < np.linalg.norm(weak.W)
    assert np.all(l2.W != 0)
    assert np.sum(l1.W == 0) > 0
    assert np.all(l1.W[0] == 0), "the page says L1 ignores sepal length entirely"
    iris = models.iris()
    assert l2.predict_proba(iris.X_test).max(1).mean() < weak.predict_proba(iris.X_test).max(1).mean()


def test_the_explained_flower_is_lost_to_the_bias():
    data, model = models.iris(), models.iris_model()
    i = models.iris_flower()
    x = data.X_test[i]
    contrib = (model.W * x[:, None]).sum(0)
    assert data.y_test[i] == 2 and model.predict(x) == 1
    assert contrib[2] > contrib[1] and model.b[1] > model.b[2]


def test_l1_training_zeroes_weights_exactly_and_l2_solution_is_stationary():
    data = models.iris()
    N = len(data.y_train)
    m = models.fit_softmax(data.X_train, data.y_train, l2=0.05, steps=4000)
    G = (m.predict_proba(data.X_train) - models.one_hot(data.y_train, 3)) / N
    assert np.abs(data.X_train.T @ G + 0.05 * m.W).max() < 1e-6
    # L1: some weights are exactly zero (soft thresholding), and the solution satisfies the
    # subgradient condition: |∂data/∂w| ≤ λ where w = 0, and = −λ·sign(w) elsewhere.
    lam = models.IRIS_L1
    m1 = models.fit_softmax(data.X_train, data.y_train, l1=lam, steps=20000)
    G1 = data.X_train.T @ ((m1.predict_proba(data.X_train) - models.one_hot(data.y_train, 3)) / N)
    zero = m1.W == 0.0
    assert zero.any() and not zero.all()
    assert np.abs(G1[zero]).max() <= lam + 1e-6
    assert np.abs(G1[~zero] + lam * np.sign(m1.W[~zero])).max() < 1e-4


def test_input_templates_stay_valid_images_and_excite_their_class():
    net = models.digits_mlp()
    for j in (0, 7):
        image = models.input_template(net, j)
        assert image.min() >= 0 and image.max() <= 1
        assert np.argmax(net.scores(image)) == j
