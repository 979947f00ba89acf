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
from itertools import pairwise

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


SparseCounts = tuple[np.ndarray, np.ndarray]  # sorted hashed-term indices and their counts


class _Terms:
    """Hashed term counts of the title and of every body line, computed once per page; a stretch
    of lines is summed over its non-zero terms only (O(terms), never O(hashed space))."""

    def __init__(self, body: Sequence[Fragment], title: str | None, settings: CleanSettings) -> None:
        matrix = _vectorizer(settings.topic_n_features).transform([title or "", *(f.text for f in body)])
        self.matrix = matrix.tocsr()

    def counts(self, start: int, end: int, *, with_title: bool = False) -> SparseCounts:
        """Summed counts of body lines [start, end), plus the title's if asked."""
        rows = self.matrix[start + 1 : end + 1]
        indices, data = rows.indices, rows.data
        if with_title:
            title = self.matrix[0]
            indices, data = np.concatenate([indices, title.indices]), np.concatenate([data, title.data])
        terms, inverse = np.unique(indices, return_inverse=True)
        return terms, np.bincount(inverse, weights=data, minlength=len(terms))


def _cosine(a: SparseCounts, b: SparseCounts) -> float:
    """Cosine of sublinear-TF vectors (1 + log tf): repeated names should not dominate."""
    (a_terms, a_counts), (b_terms, b_counts) = a, b
    a_weights, b_weights = 1.0 + np.log(a_counts), 1.0 + np.log(b_counts)
    norms = float(np.linalg.norm(a_weights) * np.linalg.norm(b_weights))
    if not norms:
        return 0.0
    _, in_a, in_b = np.intersect1d(a_terms, b_terms, assume_unique=True, return_indices=True)
    return float(a_weights[in_a] @ b_weights[in_b]) / norms


def off_topic_tail(
    body: Sequence[Fragment], title: str | None, settings: CleanSettings
) -> tuple[int, float] | None:
    """(position in `body` where an off-topic tail starts, its similarity) or None.

    Only split points in the second half of the body's words are tried, earliest first (at most
    `topic_max_splits`), so the article's own later sections are compared with a long stretch
    of it."""
    total = sum(f.words for f in body)
    if total < 2 * settings.off_topic_min_words:
        return None
    candidates, prefix, prose_after = [], 0, sum(f.prose_words for f in body)
    for position, fragment in enumerate(body):
        if (
            position
            and (fragment.after_gap or fragment.headline_like)
            and prefix * 2 >= total
            and min(total - prefix, prose_after) >= settings.off_topic_min_words
        ):
            candidates.append(position)
            if len(candidates) == settings.topic_max_splits:
                break
        prefix += fragment.words
        prose_after -= fragment.prose_words
    if not candidates:
        return None
    terms = _Terms(body, title, settings)
    for position in candidates:
        similarity = _cosine(terms.counts(0, position, with_title=True), terms.counts(position, len(body)))
        if similarity < settings.off_topic_max_similarity:
            return position, similarity
    return None


def off_topic_segments(
    body: Sequence[Fragment], title: str | None, settings: CleanSettings
) -> list[tuple[int, int, float]]:
    """(start, end, similarity) of every stretch of kept lines, between removed clutter, that is
    off topic for the article's main stretch (the one with most words) and its headline: the
    teasers of other stories that survive between menus and ads."""
    bounds = [p for p, f in enumerate(body) if p == 0 or f.after_gap] + [len(body)]
    segments = list(pairwise(bounds))
    if len(segments) < 2:
        return []
    words = [sum(f.words for f in body[a:b]) for a, b in segments]
    main = max(range(len(segments)), key=words.__getitem__)
    if words[main] < settings.off_topic_min_words:
        return []
    terms = _Terms(body, title, settings)
    reference = terms.counts(*segments[main], with_title=True)
    found = []
    for k, (start, end) in enumerate(segments):
        prose = sum(f.prose_words for f in body[start:end])
        if k == main or min(words[k], prose) < settings.off_topic_segment_min_words:
            continue
        similarity = _cosine(reference, terms.counts(start, end))
        if similarity < settings.off_topic_segment_max_similarity:
            found.append((start, end, similarity))
    return found
