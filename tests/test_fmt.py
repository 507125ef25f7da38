"""Number formatting: numbers meant to add up are rounded so that they add up as shown."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from lastlayer import fmt


def as_decimal(text: str) -> Decimal:
    return Decimal(text.replace(fmt.MINUS, "-"))


@pytest.mark.parametrize("digits", [1, 2, 3])
def test_shown_parts_add_up_to_the_shown_total_and_stay_within_one_unit(digits):
    rng = np.random.default_rng(0)
    unit = Decimal(1).scaleb(-digits)
    for _ in range(2000):
        k = int(rng.integers(2, 11))
        if rng.random() < 0.5:  # probabilities
            values = rng.dirichlet(np.ones(k) * rng.uniform(0.1, 3))
        else:  # signed parts with any sum (gradients sum to zero, contributions do not)
            values = rng.normal(size=k) * rng.uniform(0.01, 5)
            if rng.random() < 0.3:
                values -= values.mean()
        shown = [as_decimal(s) for s in fmt.parts(values, digits)]
        assert sum(shown) == as_decimal(fmt.total(values, digits))
        for s, v in zip(shown, values, strict=True):
            assert abs(s - Decimal(float(v))) < unit


def test_the_worked_example_and_a_zero_sum_gradient_add_up():
    assert fmt.parts([0.752, 0.175, 0.073]) == ["0.75", "0.18", "0.07"]
    grad = [-0.248, 0.175, 0.073]
    assert sum(as_decimal(s) for s in fmt.parts(grad)) == 0
    # Plain rounding shows 0.99 and -0.01 for these: the reason the rule exists.
    assert sum(Decimal(fmt.num(v)) for v in (0.752, 0.175, 0.073)) == Decimal("0.99")


def test_a_given_total_is_met():
    assert fmt.parts([0.333333, 0.333333, 0.333334], 2, total=1) == ["0.33", "0.33", "0.34"]
