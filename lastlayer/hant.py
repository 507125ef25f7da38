"""Traditional Chinese (Taiwan usage) from the Simplified Chinese text, at build time.

The conversion is OpenCC's ``s2twp`` (Simplified to Taiwan: characters, phrases and
usage such as 概率→機率, 网络→網路, 数据→資料) with the project's own phrase table,
``hant_phrases.tsv`` beside this file, on top: the table's Simplified phrases are replaced
by private-use placeholders before OpenCC runs and by their Traditional forms after it, so
a term in the table always wins (全连接层→全連接層, not OpenCC's 全連線層), and “” become 「」.

:func:`convert` caches every result on disk in ``.generated/hant`` under a hash of the
text, the table and the OpenCC version and config, so a rebuild with nothing changed
converts nothing (:data:`STATS` counts the conversions actually run).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import re
from pathlib import Path

from lastlayer.cache import atomic_write
from lastlayer.project import generated

#: OpenCC's configuration: Simplified Chinese to Traditional Chinese, Taiwan standard with phrases.
OPENCC_CONFIG = "s2twp"
#: The project's phrase table (Simplified <TAB> Traditional <TAB> note).
TABLE = Path(__file__).resolve().with_name("hant_phrases.tsv")

# Placeholders for protected phrases: private-use characters, which OpenCC passes through.
_FIRST_PLACEHOLDER = 0xE000
_LAST_PLACEHOLDER = 0xF8FF

#: Conversions actually run by OpenCC in this process (cache misses), for tests and logs.
STATS = {"converted": 0, "cached": 0}


class PhraseTableError(ValueError):
    """The phrase table has a malformed or duplicate line."""


@functools.cache
def phrases() -> dict[str, str]:
    """The project's phrase table, Simplified → Traditional, in file order."""
    table: dict[str, str] = {}
    for number, line in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise PhraseTableError(f"{TABLE.name}:{number}: expected 'Simplified<TAB>Traditional[<TAB>note]'")
        source, target = cells[0], cells[1]
        if source in table:
            raise PhraseTableError(f"{TABLE.name}:{number}: {source!r} is listed twice")
        table[source] = target
    if len(table) > _LAST_PLACEHOLDER - _FIRST_PLACEHOLDER:
        raise PhraseTableError(f"{TABLE.name}: too many phrases for the placeholder range")
    return table


@functools.cache
def _pattern() -> re.Pattern[str]:
    # Longest phrase first, so 全连接层 wins over 连接 and 对数几率 over 几率.
    ordered = sorted(phrases(), key=len, reverse=True)
    return re.compile("|".join(re.escape(p) for p in ordered))


@functools.cache
def opencc_version() -> str:
    return importlib.metadata.version("opencc")


@functools.cache
def _converter():
    import opencc

    return opencc.OpenCC(OPENCC_CONFIG)


@functools.cache
def _table_key() -> str:
    return hashlib.sha256(TABLE.read_bytes()).hexdigest()


def _key(text: str) -> str:
    h = hashlib.sha256()
    for part in (OPENCC_CONFIG, opencc_version(), _table_key(), text):
        data = part.encode("utf-8")
        h.update(len(data).to_bytes(8, "little") + data)
    return h.hexdigest()[:32]


def convert_uncached(text: str) -> str:
    """Convert ``text`` now: protect the table's phrases, run OpenCC, restore them converted."""
    table = phrases()
    if any(_FIRST_PLACEHOLDER <= ord(ch) <= _LAST_PLACEHOLDER for ch in text):
        raise ValueError("text to convert contains private-use characters, which the conversion uses as placeholders")
    index = {source: n for n, source in enumerate(table)}
    targets = list(table.values())
    protected = _pattern().sub(lambda m: chr(_FIRST_PLACEHOLDER + index[m.group(0)]), text)
    converted = _converter().convert(protected)
    return re.sub(
        f"[{chr(_FIRST_PLACEHOLDER)}-{chr(_FIRST_PLACEHOLDER + len(targets) - 1)}]",
        lambda m: targets[ord(m.group(0)) - _FIRST_PLACEHOLDER],
        converted,
    )


_memory: dict[str, str] = {}


def convert(text: str) -> str:
    """``text`` (Simplified Chinese) in Traditional Chinese, Taiwan usage; cached on disk."""
    if not text or text.isascii():
        return text
    key = _key(text)
    if key in _memory:
        STATS["cached"] += 1
        return _memory[key]
    path = generated("hant", key[:2], key + ".txt")
    try:
        result = path.read_text(encoding="utf-8")
        STATS["cached"] += 1
    except OSError:
        result = convert_uncached(text)
        STATS["converted"] += 1
        atomic_write(path, result)
    _memory[key] = result
    return result


def clear_memory() -> None:
    """Forget the in-process results (the disk cache stays): a new build's view, for tests."""
    _memory.clear()
