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
    """A kept line of the body: its index in the page, its text, whether removed clutter precedes
    it, and whether it reads like a headline (both may start an appended story)."""

    index: int
    text: str
    words: int  # terms the vectorizer sees (a line of Japanese is one or two)
    prose_words: int  # words on body-like lines: appended stories and teasers are prose
    after_gap: bool
    headline_like: bool


def term_count(text: str, settings: CleanSettings) -> int:
    """How many terms of `text` the topic vectors see."""
    return len(_vectorizer(settings.topic_n_features).build_analyzer()(text))


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
        if position and (fragment.after_gap or fragment.headline_like) and prefix * 2 >= total:
            tail = body[position:]
            tail_words = total - prefix
            if tail_words >= settings.off_topic_min_words and sum(
                f.prose_words for f in tail
            ) >= settings.off_topic_min_words:
                head = "\n".join([title or "", *(f.text for f in body[:position])])
                similarity = _similarity(head, "\n".join(f.text for f in tail), settings)
                if similarity < settings.off_topic_max_similarity:
                    return position, similarity
        prefix += fragment.words
    return None


def off_topic_segments(
    body: Sequence[Fragment], title: str | None, settings: CleanSettings
) -> list[tuple[int, int, float]]:
    """(start, end, similarity) of every stretch of kept lines, between removed clutter, that is
    off topic for the article's main stretch (the one with most words) and its headline: the
    teasers of other stories that survive between menus and ads."""
    bounds = [p for p, f in enumerate(body) if p == 0 or f.after_gap] + [len(body)]
    segments = list(zip(bounds, bounds[1:], strict=False))
    if len(segments) < 2:
        return []
    words = [sum(f.words for f in body[a:b]) for a, b in segments]
    main = max(range(len(segments)), key=words.__getitem__)
    if words[main] < settings.off_topic_min_words:
        return []
    a, b = segments[main]
    reference = "\n".join([title or "", *(f.text for f in body[a:b])])
    found = []
    for k, (start, end) in enumerate(segments):
        prose = sum(f.prose_words for f in body[start:end])
        if k == main or min(words[k], prose) < settings.off_topic_segment_min_words:
            continue
        similarity = _similarity(reference, "\n".join(f.text for f in body[start:end]), settings)
        if similarity < settings.off_topic_segment_max_similarity:
            found.append((start, end, similarity))
    return found
