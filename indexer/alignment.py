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

from indexer.sorted_arrays import run_starts


@dataclass(frozen=True)
class Alignment:
    """The best monotone chain of sentence matches and how much of each article it covers."""

    pairs: tuple[tuple[int, int], ...]  # (sentence of a, sentence of b), increasing in both
    anchored: int  # pairs picked on anchor similarity; the rest were filled in around them
    coverage_a: float  # share of a's words in aligned sentences
    coverage_b: float
    # `anchored` plus the filled-in pairs whose sentences agree on their anchors (`anchor_matrices`).
    confirmed: int = 0


def anchor_matrices(
    anchors_a: np.ndarray,
    sentence_of_a: np.ndarray,
    words_a: np.ndarray,
    anchors_b: np.ndarray,
    sentence_of_b: np.ndarray,
    words_b: np.ndarray,
    length_tolerance: float,
    min_shared_share: float = 0.5,
) -> tuple[np.ndarray, np.ndarray]:
    """Sentence-pair similarities in [0, 1] from shared anchors and length agreement, and which
    pairs agree on their anchors.

    Similarity: a shared anchor counts 1 / (sentences of a holding it * sentences of b holding
    it), so a name repeated all over both articles ("Cooper") cannot on its own tie sentences
    together; the sum is divided by the smaller sentence's anchor count. Pairs whose word counts
    differ by more than `length_tolerance` (as a ratio) are scaled down: spinning keeps sentence
    lengths.

    Agreement: the two sentences share at least `min_shared_share` of the smaller one's anchors
    (repeated ones included). Too weak to pick pairs, it confirms a pair that the alignment put
    there for other reasons (between or around pairs picked on similarity).
    """
    similarity = np.zeros((len(words_a), len(words_b)))
    agree = np.zeros((len(words_a), len(words_b)), dtype=bool)
    if not len(anchors_a) or not len(anchors_b):
        return similarity, agree
    order_a = np.argsort(anchors_a, kind="stable")
    order_b = np.argsort(anchors_b, kind="stable")
    sorted_a, sorted_b = anchors_a[order_a], anchors_b[order_b]
    # Each distinct anchor of a is a run in sorted_a; keep those b has too (np.intersect1d and
    # searchsorted for both sides would sort and search twice as much).
    lo_a = run_starts(sorted_a)
    hi_a = np.append(lo_a[1:], len(sorted_a))
    lo_b = np.searchsorted(sorted_b, sorted_a[lo_a])
    hi_b = np.searchsorted(sorted_b, sorted_a[lo_a], side="right")
    shared = hi_b > lo_b
    if not shared.any():
        return similarity, agree
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
    cells = row * len(words_b) + col  # np.bincount sums per cell, much faster than np.add.at
    similarity = np.bincount(cells, weight[anchor], similarity.size).reshape(similarity.shape)
    shared_counts = np.bincount(cells, minlength=similarity.size).reshape(similarity.shape)

    anchors_per_a = np.bincount(sentence_of_a, minlength=len(words_a))
    anchors_per_b = np.bincount(sentence_of_b, minlength=len(words_b))
    smaller = np.maximum(np.minimum(anchors_per_a[:, None], anchors_per_b[None, :]), 1)
    agree = shared_counts >= np.maximum(min_shared_share * smaller, 1.0)
    similarity /= smaller
    length_ratio = np.minimum(words_a[:, None], words_b[None, :]) / np.maximum(
        np.maximum(words_a[:, None], words_b[None, :]), 1
    )
    similarity *= np.minimum(length_ratio / length_tolerance, 1.0) ** 2  # the ratio is >= 0
    return np.minimum(similarity, 1.0), agree


def align(
    similarity: np.ndarray,
    words_a: np.ndarray,
    words_b: np.ndarray,
    min_similarity: float,
    agree: np.ndarray | None = None,
) -> Alignment:
    """Heaviest chain of sentence matches increasing in both articles (an LCS-style DP).

    Sentences with no anchors cannot match on their own; a run of them between two matched
    sentences, or before the first or after the last, is aligned too when both sides have the
    same number of them of similar lengths ("gap filling", as in length-based sentence
    alignment), since a spun copy keeps the sentence structure. A filled pair whose sentences
    agree on their anchors (`agree`, see `anchor_matrices`) is counted in `confirmed`.
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
    picked = set(pairs)
    pairs = _fill_gaps(pairs, words_a, words_b)
    confirmed = len(picked)
    if agree is not None:
        confirmed += sum(1 for pair in pairs if pair not in picked and agree[pair])
    covered_a = sum(int(words_a[i]) for i, _ in pairs)
    covered_b = sum(int(words_b[j]) for _, j in pairs)
    return Alignment(
        tuple(pairs),
        len(picked),
        covered_a / max(int(words_a.sum()), 1),
        covered_b / max(int(words_b.sum()), 1),
        confirmed,
    )


def _fill_gaps(
    pairs: list[tuple[int, int]], words_a: np.ndarray, words_b: np.ndarray, min_length_ratio: float = 0.5
) -> list[tuple[int, int]]:
    """`pairs` with the equal-length runs between them, and before the first and after the last,
    filled in one to one when every filled pair has compatible lengths."""

    def compatible(gap: list[tuple[int, int]]) -> bool:
        return all(
            min(words_a[k], words_b[m]) >= min_length_ratio * max(words_a[k], words_b[m]) for k, m in gap
        )

    first_i, first_j = pairs[0]
    lead = [(first_i - step, first_j - step) for step in range(first_i, 0, -1)]
    filled = lead if first_i == first_j and compatible(lead) else []
    for (i, j), (next_i, next_j) in pairwise(pairs):
        filled.append((i, j))
        gap = [(i + step, j + step) for step in range(1, next_i - i)]
        if next_i - i == next_j - j and compatible(gap):
            filled.extend(gap)
    last_i, last_j = pairs[-1]
    filled.append((last_i, last_j))
    tail = [(last_i + step, last_j + step) for step in range(1, len(words_a) - last_i)]
    if len(words_a) - last_i == len(words_b) - last_j and compatible(tail):
        filled.extend(tail)
    return filled
