"""Monotone sentence alignment between two articles from their stored anchor fingerprints.

A spun copy rewords every sentence but keeps its names, numbers and quotes, its sentence
lengths and its sentence order. So sentence i of one article and sentence j of the other
"match" when they share anchors and have similar lengths, and a reworded copy shows up as a
long chain of matches in the same order, covering most of the shorter article. Independent
reports of one event share anchors too, but only in a few sentences and out of order.

Only hashes and lengths are needed, so the match side works from its stored profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np


@dataclass(frozen=True)
class Alignment:
    """The best monotone chain of sentence matches and how much of each article it covers."""

    pairs: tuple[tuple[int, int], ...]  # (sentence of a, sentence of b), increasing in both
    anchored: int  # pairs matched on shared anchors; the rest were filled in between them
    coverage_a: float  # share of a's words in aligned sentences
    coverage_b: float


def sentence_similarity(
    anchors_a: np.ndarray,
    sentence_of_a: np.ndarray,
    words_a: np.ndarray,
    anchors_b: np.ndarray,
    sentence_of_b: np.ndarray,
    words_b: np.ndarray,
    length_tolerance: float,
) -> np.ndarray:
    """Matrix of sentence-pair similarities in [0, 1] from shared anchors and length agreement.

    A shared anchor counts 1 / (sentences of a holding it * sentences of b holding it), so a name
    repeated all over both articles ("Cooper") cannot on its own tie sentences together; the sum
    is divided by the smaller sentence's anchor count. Pairs whose word counts differ by more
    than `length_tolerance` (as a ratio) are scaled down: spinning keeps sentence lengths.
    """
    similarity = np.zeros((len(words_a), len(words_b)))
    if not len(anchors_a) or not len(anchors_b):
        return similarity
    order_a = np.argsort(anchors_a, kind="stable")
    order_b = np.argsort(anchors_b, kind="stable")
    sorted_a, sorted_b = anchors_a[order_a], anchors_b[order_b]
    # Each distinct anchor of a is a run in sorted_a; keep those b has too (np.intersect1d and
    # searchsorted for both sides would sort and search twice as much).
    starts = np.ones(len(sorted_a), dtype=bool)
    np.not_equal(sorted_a[1:], sorted_a[:-1], out=starts[1:])
    lo_a = np.flatnonzero(starts)
    hi_a = np.append(lo_a[1:], len(sorted_a))
    lo_b = np.searchsorted(sorted_b, sorted_a[lo_a])
    hi_b = np.searchsorted(sorted_b, sorted_a[lo_a], side="right")
    shared = hi_b > lo_b
    if not shared.any():
        return similarity
    lo_a, hi_a, lo_b, hi_b = lo_a[shared], hi_a[shared], lo_b[shared], hi_b[shared]
    count_a, count_b = hi_a - lo_a, hi_b - lo_b
    weight = 1.0 / (count_a * count_b)
    pairs_per_anchor = count_a * count_b
    if len(pairs_per_anchor) == int(pairs_per_anchor.sum()):  # each shared anchor once a side
        anchor = slice(None)
        row, col = sentence_of_a[order_a[lo_a]], sentence_of_b[order_b[lo_b]]
    else:  # every (occurrence in a, occurrence in b) pair of each shared anchor
        anchor = np.repeat(np.arange(len(lo_a)), pairs_per_anchor)
        offset = np.arange(len(anchor)) - np.repeat(
            np.cumsum(pairs_per_anchor) - pairs_per_anchor, pairs_per_anchor
        )
        row = sentence_of_a[order_a[lo_a[anchor] + offset // count_b[anchor]]]
        col = sentence_of_b[order_b[lo_b[anchor] + offset % count_b[anchor]]]
    np.add.at(similarity, (row, col), weight[anchor])

    anchors_per_a = np.bincount(sentence_of_a, minlength=len(words_a))
    anchors_per_b = np.bincount(sentence_of_b, minlength=len(words_b))
    smaller = np.maximum(np.minimum(anchors_per_a[:, None], anchors_per_b[None, :]), 1)
    similarity /= smaller
    length_ratio = np.minimum(words_a[:, None], words_b[None, :]) / np.maximum(
        np.maximum(words_a[:, None], words_b[None, :]), 1
    )
    similarity *= np.minimum(length_ratio / length_tolerance, 1.0) ** 2  # the ratio is >= 0
    return np.minimum(similarity, 1.0)


def align(
    similarity: np.ndarray, words_a: np.ndarray, words_b: np.ndarray, min_similarity: float
) -> Alignment:
    """Heaviest chain of sentence matches increasing in both articles (an LCS-style DP).

    Sentences with no anchors cannot match on their own; a run of them between two matched
    sentences is aligned too when both sides have the same number of them ("gap filling",
    as in length-based sentence alignment), since a spun copy keeps the sentence structure.
    """
    n_a, n_b = similarity.shape
    if not n_a or not n_b:
        return Alignment((), 0, 0.0, 0.0)
    gain = np.where(similarity >= min_similarity, similarity, 0.0)
    rows = np.flatnonzero(gain.any(axis=1)).tolist()
    if not rows:
        return Alignment((), 0, 0.0, 0.0)
    best = np.zeros((n_a + 1, n_b + 1))
    done = 0  # rows of `best` up to here are computed
    for i in rows:  # a sentence of a with no match leaves `best` as it was: copy, skip the work
        best[done + 1 : i + 1] = best[done]
        row = np.maximum(best[i, 1:], best[i, :-1] + gain[i])
        best[i + 1, 1:] = np.maximum.accumulate(row)
        done = i + 1
    best[done + 1 :] = best[done]
    pairs: list[tuple[int, int]] = []
    i, j = n_a, n_b
    while i and j:
        if best[i, j] == best[i - 1, j]:
            i -= 1
        elif best[i, j] == best[i, j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    pairs.reverse()
    anchored = len(pairs)
    pairs = _fill_gaps(pairs, words_a, words_b)
    covered_a = sum(int(words_a[i]) for i, _ in pairs)
    covered_b = sum(int(words_b[j]) for _, j in pairs)
    return Alignment(
        tuple(pairs), anchored, covered_a / max(int(words_a.sum()), 1), covered_b / max(int(words_b.sum()), 1)
    )


def _fill_gaps(
    pairs: list[tuple[int, int]], words_a: np.ndarray, words_b: np.ndarray, min_length_ratio: float = 0.5
) -> list[tuple[int, int]]:
    filled: list[tuple[int, int]] = []
    for (i, j), (next_i, next_j) in pairwise(pairs):
        filled.append((i, j))
        gap = [(i + step, j + step) for step in range(1, next_i - i)]
        if next_i - i == next_j - j and all(
            min(words_a[k], words_b[m]) >= min_length_ratio * max(words_a[k], words_b[m]) for k, m in gap
        ):
            filled.extend(gap)
    return filled + pairs[-1:]
