"""Helpers shared by the tests: copying the project and running MkDocs on the copy."""

from __future__ import annotations

from lastlayer.devtools import copy_project, mkdocs_build
from lastlayer.project import ROOT

TINY_FIGURE = '''
"""A tiny figure used by the tests."""
import matplotlib.pyplot as plt

FIGURE = {
    "title": {"en": "Tiny", "zh": "小图"},
    "caption": {"en": "A tiny test figure.", "zh": "测试用的小图。"},
    "alt": {"en": "One line.", "zh": "一条线。"},
    "narrow": False,  # 2 in wide: small enough for a phone as it is
}


def draw(lang="en", theme="light"):
    fig, ax = plt.subplots(figsize=(2, 1.5))
    ax.plot([0, 1], [0, 1])
    ax.set_title({"en": "line", "zh": "直线"}[lang])
    return fig
'''

__all__ = ["ROOT", "TINY_FIGURE", "copy_project", "mkdocs_build"]
