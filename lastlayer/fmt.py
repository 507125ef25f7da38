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
