"""The registry of value groups: ``@group("iris")`` registers the function that returns every
value named ``iris.…``. Modules that compute values (:mod:`lastlayer.values`,
:mod:`lastlayer.learning`) register here; :mod:`lastlayer.values` looks them up. Kept apart
so that neither of those modules has to import the other.
"""

from __future__ import annotations

from collections.abc import Callable

GROUPS: dict[str, Callable[[], dict[str, str]]] = {}


def group(prefix: str) -> Callable:
    """Register ``fn`` as the source of every value named ``<prefix>.…``."""

    def register(fn: Callable[[], dict[str, str]]) -> Callable[[], dict[str, str]]:
        if prefix in GROUPS and GROUPS[prefix] is not fn:
            raise ValueError(f"two value groups named {prefix!r}")
        GROUPS[prefix] = fn
        return fn

    return register
