"""Showing text that came from a file: escaped so that it is only ever text."""

from __future__ import annotations

import re

__all__ = ["escape_markdown"]

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def escape_markdown(text: object, limit: int | None = 200) -> str:
    """`text` as inert markdown: every character markdown or HTML could act on is escaped; text over `limit` is cut."""
    value = str(text)
    if limit is not None and len(value) > limit:
        value = value[:limit] + "…"
    return _MARKDOWN_SPECIAL.sub(r"\\\1", value).replace("\n", " ")
