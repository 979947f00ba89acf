"""Topical coherence: find a story appended after the article (scrapers often glue the next
article of the page, or a teaser of it, onto the end).

Terms are hashed (sklearn HashingVectorizer, English stop words, sublinear TF, no IDF) so no
corpus is needed; a tail fragment whose vector is nearly orthogonal to everything before it
(headline + lead + the rest of the body) is off topic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer

from indexer.clean.settings import CleanSettings


@dataclass(frozen=True)
class Fragment:
    """A kept line of the body: its index in the page, its text, and whether a fragment may start
    here (a headline-like line, or the first line after removed clutter)."""

    index: int
    text: str
    words: int
    may_start: bool


@lru_cache(maxsize=4)
def _vectorizer(n_features: int) -> HashingVectorizer:
    return HashingVectorizer(
        n_features=n_features, stop_words="english", alternate_sign=False, norm=None, dtype=np.float32
    )


def _similarity(a: str, b: str, settings: CleanSettings) -> float:
    matrix = _vectorizer(settings.topic_n_features).transform([a, b])
    matrix.data = 1.0 + np.log(matrix.data)  # sublinear TF: repeated names should not dominate
    norms = np.sqrt(matrix.multiply(matrix).sum(axis=1)).A1
    if norms.min() == 0.0:
        return 0.0
    return float(matrix[0].multiply(matrix[1]).sum() / (norms[0] * norms[1]))


def off_topic_tail(
    body: Sequence[Fragment], title: str | None, settings: CleanSettings
) -> tuple[int, float] | None:
    """(position in `body` where an off-topic tail starts, its similarity) or None.

    Only split points in the second half of the body's words are tried, earliest first, so the
    article's own later sections are compared against a long stretch of it."""
    total = sum(f.words for f in body)
    if total < 2 * settings.off_topic_min_words:
        return None
    prefix = 0
    for position, fragment in enumerate(body):
        if position and fragment.may_start and prefix * 2 >= total:
            tail_words = total - prefix
            if tail_words >= settings.off_topic_min_words:
                head = "\n".join([title or "", *(f.text for f in body[:position])])
                tail = "\n".join(f.text for f in body[position:])
                similarity = _similarity(head, tail, settings)
                if similarity < settings.off_topic_max_similarity:
                    return position, similarity
        prefix += fragment.words
    return None
