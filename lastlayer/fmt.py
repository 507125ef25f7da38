"""Number formatting shared by prose, tables and figures, so they round the same way."""

from __future__ import annotations

from collections.abc import Iterable

MINUS = "\u2212"


def num(x: float, digits: int = 2) -> str:
    """Fixed-point with a true minus sign; ``-0.00`` becomes ``0.00``."""
    text = f"{float(x):.{digits}f}"
    if text.lstrip("-").strip("0.") == "":
        text = text.lstrip("-")
    return text.replace("-", MINUS)


def vector(values: Iterable[float], digits: int = 2, sep: str = ", ") -> str:
    return sep.join(num(v, digits) for v in values)


def parts(values: Iterable[float], digits: int = 2, total: float | None = None) -> list[str]:
    """Numbers that are meant to add up, rounded so that they add up as shown.

    Largest-remainder rounding: every value is cut down to ``digits`` decimals, then the
    units of the last decimal still missing from the rounded ``total`` (by default the
    exact sum of the values) go, one each, to the values that lost the most. Each shown
    number is within one unit of the last decimal of its exact value, and the shown
    numbers sum exactly to the shown total: probabilities (0.752, 0.175, 0.073) become
    0.75, 0.18, 0.07 (sum 1.00), not 0.75, 0.17, 0.07 (sum 0.99). ``docs/assets/widgets/
    core.js`` has the same rule (``fmt.parts``); a test compares the two.
    """
    import math

    xs = [float(v) for v in values]
    scale = 10**digits
    target = round((sum(xs) if total is None else float(total)) * scale)
    floors = [math.floor(x * scale) for x in xs]
    missing = target - sum(floors)
    # Ties go to the earlier value, so the result does not depend on sort stability.
    order = sorted(range(len(xs)), key=lambda i: (-(xs[i] * scale - floors[i]), i))
    units = list(floors)
    if missing >= 0:
        for i in order[:missing]:
            units[i] += 1
    else:  # a total below the floors' sum (a given total): take from the smallest remainders
        for i in order[::-1][:-missing]:
            units[i] -= 1
    return [num(u / scale, digits) for u in units]


def total(values: Iterable[float], digits: int = 2) -> str:
    """The shown total of :func:`parts`: the exact sum, rounded."""
    return num(sum(float(v) for v in values), digits)
