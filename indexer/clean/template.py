"""Per-source template lines: a line that recurs across many articles of one source is part of
the site's template (footer, standing promo, author box), whatever it says.

The storage layer counts `line_keys(text)` per source when an article is indexed and uncounts
them on delete; `is_template_line` turns the two counts into a deterministic verdict.
"""

from __future__ import annotations

import hashlib
import re
from typing import Protocol

from indexer.clean.settings import DEFAULT_SETTINGS, CleanSettings
from indexer.clean.wrapping import joined_line, wrapped_paragraphs
from indexer.text import normalize

_ALNUM = re.compile(r"[^\W_]")  # a character for which str.isalnum() holds


class TemplateStats(Protocol):
    """Per-source line statistics, provided by the storage layer."""

    doc_count: int  # articles of this source indexed so far

    def line_count(self, key: str) -> int:
        """How many of those articles contain the line with this key."""
        ...


def line_key(line: str, settings: CleanSettings = DEFAULT_SETTINGS) -> str | None:
    """Stable key of a candidate template line (16 hex chars of blake2b over its normalised
    head), or None for blank lines and lines too long to be template."""
    head = line[: settings.analysed_chars]
    n_tokens = len(head.split())
    if n_tokens > settings.template_max_words:
        return None
    return normalised_line_key(normalize(head), n_tokens, settings)


def normalised_line_key(normalised: str, n_tokens: int, settings: CleanSettings) -> str | None:
    """`line_key` from a head already normalised and counted (the cleaner has both at hand as
    `LineFeatures.low` and `.tokens`)."""
    if n_tokens > settings.template_max_words or not _ALNUM.search(normalised):
        return None
    return hashlib.blake2b(normalised.encode("utf-8"), digest_size=8).hexdigest()


def line_keys(text: str, settings: CleanSettings = DEFAULT_SETTINGS) -> list[str]:
    """Deduplicated keys of a text's candidate template lines, in order of first occurrence, from
    the lines the cleaner reads (`max_page_lines`), which bounds what one hostile page can count."""
    lines = text.split("\n", settings.max_page_lines)[: settings.max_page_lines]
    paragraphs = wrapped_paragraphs(lines, settings)  # the lines as the cleaner reads them
    keys = (line_key(joined_line(lines, paragraph), settings) for paragraph in paragraphs)
    return list(dict.fromkeys(k for k in keys if k is not None))


def template_score(count: int, doc_count: int, settings: CleanSettings) -> float | None:
    """Share of the source's articles holding the line, when it clears every template threshold."""
    if doc_count < settings.template_min_source_docs or count < settings.template_min_docs:
        return None
    share = min(count / doc_count, 1.0)
    return share if share >= settings.template_min_share else None
