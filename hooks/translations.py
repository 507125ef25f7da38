"""MkDocs hook: every page exists in both languages, or the build stops and says which.

Pages use the suffix layout of mkdocs-static-i18n: ``page.md`` (English) beside
``page.zh.md`` (Simplified Chinese); notebooks likewise, ``notebooks/page.py`` beside
``notebooks/page.zh.py``.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError


def missing_translations(docs_dir: Path) -> list[str]:
    problems = []
    pages = [*docs_dir.rglob("*.md"), *(docs_dir / "notebooks").glob("*.py")]
    for page in sorted(pages):
        rel = page.relative_to(docs_dir)
        suffix = page.suffix
        if page.name.endswith(".zh" + suffix):
            english = page.with_name(page.name[: -len(".zh" + suffix)] + suffix)
            if not english.is_file():
                problems.append(f"{rel} has no English original (expected {english.relative_to(docs_dir)})")
        else:
            chinese = page.with_name(page.name[: -len(suffix)] + ".zh" + suffix)
            if not chinese.is_file():
                problems.append(f"{rel} has no Chinese translation (expected {chinese.relative_to(docs_dir)})")
    return problems


def on_pre_build(config) -> None:
    problems = missing_translations(Path(config.docs_dir))
    if problems:
        raise PluginError("every page needs both languages:\n  " + "\n  ".join(problems))
