"""Topical coherence: find a story appended after the article (scrapers often glue the next
article of the page, or a teaser of it, onto the end).

Terms are hashed (sklearn HashingVectorizer, English stop words, sublinear TF, no IDF) so no
corpus is needed; a tail fragment whose vector is nearly orthogonal to everything before it
(headline + lead + the rest of the body) is off topic.

The vectorizer's analyzer and hasher are reproduced here (same token pattern, stop words and
murmurhash3 bucket) because building them per line cost more than the cleaning itself;
`tests/indexer/test_clean_topic.py` pins both to sklearn's own output.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sklearn.utils import murmurhash3_32

from indexer.clean.settings import CleanSettings


@dataclass(frozen=True)
class Fragment:
    """A kept line of the body: its index in the page, its text, whether removed clutter precedes
    it, and whether it reads like a headline (both may start an appended story); whether that
    clutter was only a card's furniture (a date, a section label, a byline), which parts no
    teaser's title from its summary."""

    index: int
    text: str
    words: int  # terms the vectorizer sees (a line of Japanese is one or two)
    prose_words: int  # words on body-like lines: appended stories and teasers are prose
    after_gap: bool
    headline_like: bool
    after_furniture: bool = False


# HashingVectorizer(stop_words="english") defaults: lowercase, this token pattern, no n-grams.
_TERM = re.compile(r"(?u)\b\w\w+\b")
_INT32_MIN = -(2**31)
_LONG_STOP_WORDS = frozenset(w for w in ENGLISH_STOP_WORDS if len(w) > 1)


def terms(text: str) -> list[str]:
    """The terms of `text` that HashingVectorizer(stop_words="english") hashes, in order."""
    return [t for t in _TERM.findall(text.lower()) if t not in ENGLISH_STOP_WORDS]


def term_count(text: str, settings: CleanSettings, words: Sequence[str] | None = None) -> int:
    """How many terms of `text` the topic vectors see; `words`, the \\w+ tokens of `text` if at
    hand, spare tokenising it again when it is lower case already (terms are the words of two
    or more characters that are not stop words)."""
    if words is None or text.lower() != text:
        return len(terms(text))
    # Counted with C-level passes: words of 2+ characters, less those that are stop words.
    return len(words) - list(map(len, words)).count(1) - sum(map(_LONG_STOP_WORDS.__contains__, words))


# Signed murmurhash3 (seed 0) of the terms seen so far. News vocabulary is Zipfian, so nearly
# every term of a page is here already, and a dict lookup is ~5x cheaper than hashing the term
# again; pure, so the cache changes only speed. Emptied when it reaches `_MAX_HASHED`.
_HASHED: dict[str, int] = {}
_MAX_HASHED = 1 << 17


def term_columns(terms: Sequence[str], n_features: int) -> np.ndarray:
    """The columns HashingVectorizer(alternate_sign=False) gives `terms` (sklearn's
    `_hashing_fast.transform`: abs of the signed murmurhash3, seed 0, modulo the width)."""
    hashes = list(map(_HASHED.get, terms))
    if None in hashes:
        if len(_HASHED) >= _MAX_HASHED:
            _HASHED.clear()
        for index, value in enumerate(hashes):
            if value is None:
                hashes[index] = _HASHED[terms[index]] = murmurhash3_32(terms[index], seed=0)
    hashed = np.array(hashes, dtype=np.int64)
    columns = np.abs(hashed) % n_features
    columns[hashed == _INT32_MIN] = (2**31 - 1 - (n_features - 1)) % n_features
    return columns


SparseCounts = tuple[np.ndarray, np.ndarray]  # sorted hashed-term indices and their counts


class BodyTerms:
    """Hashed term counts of the title and of every body line, computed once per page, on first
    use (shared by `off_topic_segments` and `off_topic_tail`, and never paid for when neither
    finds a split to test); a stretch of lines is summed over its non-zero terms only
    (O(terms), never O(hashed space))."""

    def __init__(self, body: Sequence[Fragment], title: str | None, settings: CleanSettings) -> None:
        self.body, self.title, self.settings = body, title, settings
        self._indices: np.ndarray | None = None
        self._offsets: list[int] = []

    def _hash(self) -> np.ndarray:
        n_features = self.settings.topic_n_features
        # Row 0 is the title, row k the body line k - 1; one term occurrence per entry, like the
        # vectorizer's CSR matrix before duplicates are summed (counts() sums them anyway).
        page_terms: list[str] = []
        offsets = [0]
        for text in (self.title or "", *(f.text for f in self.body)):
            page_terms += terms(text)
            offsets.append(len(page_terms))
        self._offsets = offsets
        self._indices = term_columns(page_terms, n_features).astype(np.int32)
        return self._indices

    def counts(self, start: int, end: int, *, with_title: bool = False) -> SparseCounts:
        """Summed counts of body lines [start, end), plus the title's if asked."""
        return self.counts_of([(start, end)], with_title=with_title)

    def counts_of(self, ranges: Sequence[tuple[int, int]], *, with_title: bool = False) -> SparseCounts:
        """Summed counts of the body lines in every [start, end) of `ranges`, plus the title's."""
        page = self._indices if self._indices is not None else self._hash()
        offsets = self._offsets
        parts = [page[offsets[start + 1] : offsets[end + 1]] for start, end in ranges]
        if with_title:
            parts.append(page[: offsets[1]])
        indices = parts[0] if len(parts) == 1 else np.concatenate(parts)
        unique, inverse = np.unique(indices, return_inverse=True)
        return unique, np.bincount(inverse, minlength=len(unique)).astype(np.float64)


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
    body: Sequence[Fragment], title: str | None, settings: CleanSettings, page_terms: BodyTerms | None = None
) -> tuple[int, float] | None:
    """(position in `body` where an off-topic tail starts, its similarity) or None.

    Only split points in the second half of the body's words are tried, earliest first (at most
    `topic_max_splits`), so the article's own later sections are compared with a long stretch
    of it. A tail holding more prose than the text before it is never cut: that is the article,
    after a long run of something else (a script's text, a sign-in box)."""
    total = sum(f.words for f in body)
    if total < 2 * settings.off_topic_min_words:
        return None
    candidates, prefix, prose_before, prose_after = [], 0, 0, sum(f.prose_words for f in body)
    for position, fragment in enumerate(body):
        if (
            position
            and (fragment.after_gap or fragment.headline_like)
            and prefix * 2 >= total
            and min(total - prefix, prose_after) >= settings.off_topic_min_words
            and prose_after <= prose_before
        ):
            candidates.append(position)
            if len(candidates) == settings.topic_max_splits:
                break
        prefix += fragment.words
        prose_before += fragment.prose_words
        prose_after -= fragment.prose_words
    if not candidates:
        return None
    page_terms = page_terms if page_terms is not None else BodyTerms(body, title, settings)
    for position in candidates:
        similarity = _cosine(
            page_terms.counts(0, position, with_title=True), page_terms.counts(position, len(body))
        )
        if similarity < settings.off_topic_max_similarity:
            return position, similarity
    return None


def off_topic_segments(
    body: Sequence[Fragment], title: str | None, settings: CleanSettings, page_terms: BodyTerms | None = None
) -> list[tuple[int, int, float]]:
    """(start, end, similarity) of every stretch of kept lines, between removed clutter, that is
    off topic for the article's main stretch and its headline: the teasers of other stories that
    survive between menus and ads. The main stretch has most words, prose words counting twice:
    a list of headlines has many words and no prose, and prose alone would favour English (its
    test counts English stop words) over a longer article in another language. A stretch with too
    little prose to be weighed whole may still be a list of other headlines, judged line by line."""
    bounds = [p for p, f in enumerate(body) if p == 0 or f.after_gap] + [len(body)]
    segments = list(pairwise(bounds))
    if len(segments) < 2:
        return []
    words = [sum(f.words for f in body[a:b]) for a, b in segments]
    prose = [sum(f.prose_words for f in body[a:b]) for a, b in segments]
    main = max(range(len(segments)), key=lambda k: words[k] + prose[k])
    if words[main] < settings.off_topic_min_words:
        return []
    page_terms = page_terms if page_terms is not None else BodyTerms(body, title, settings)
    reference = page_terms.counts(*segments[main], with_title=True)
    title_terms = page_terms.counts_of([], with_title=True)[0]
    # the article's span: from the first to the last stretch of enough prose; a list inside it
    # is the article's own (a product's features between two sections of a review)
    prosy = [k for k in range(len(segments)) if prose[k] >= settings.off_topic_min_words]
    found = []
    for k, (start, end) in enumerate(segments):
        if k == main:
            continue
        if min(words[k], prose[k]) >= settings.off_topic_segment_min_words:
            stretch = page_terms.counts(start, end)
            similarity = _cosine(reference, stretch)
            # A stretch that names what the headline names is the article's own, whatever the
            # main stretch turned out to be (a list of teasers can outweigh a short article).
            if (
                similarity < settings.off_topic_segment_max_similarity
                and len(np.intersect1d(title_terms, stretch[0], assume_unique=True))
                < settings.on_topic_headline_terms
            ):
                found.append((start, end, similarity))
                continue
        if settings.headline_lists_removed and not (prosy and prosy[0] < k < prosy[-1]):
            found += _other_headlines(body, start, end, reference, title_terms, page_terms, settings)
    return found


def _other_headlines(
    body: Sequence[Fragment],
    start: int,
    end: int,
    reference: SparseCounts,
    title_terms: np.ndarray,
    page_terms: BodyTerms,
    settings: CleanSettings,
) -> list[tuple[int, int, float]]:
    """(start, end, similarity) of the parts to cut of a list of other stories' headlines: a
    stretch of short lines that are not prose, most of them off topic one by one, less the lines
    that are plainly on topic or name what the headline names. Judged line by line, because the
    list as a whole shares a section's words with the article ("NFL", "Week 12"); a line of few
    terms (a label, a line of Japanese) or in lower case (a wrapped line) is not judged."""
    lines = body[start:end]
    if len(lines) < settings.headline_list_min_lines or sum(f.prose_words for f in lines) > (
        settings.headline_list_max_prose_share * sum(f.words for f in lines)
    ):
        return []
    judged = off = 0
    on_topic = []  # the article's own lines (its headline may end the list) stay
    for position in range(start, end):
        line_terms = page_terms.counts(position, position + 1)
        similarity = _cosine(reference, line_terms)
        if (
            similarity >= settings.headline_list_on_topic_similarity
            or len(np.intersect1d(title_terms, line_terms[0], assume_unique=True))
            >= settings.on_topic_headline_terms
        ):
            on_topic.append(position)
        elif len(line_terms[0]) >= settings.headline_list_min_terms and body[position].text[:1].isupper():
            judged += 1
            off += similarity < settings.off_topic_segment_max_similarity
    judged += len(on_topic)
    if judged < settings.headline_list_min_lines or off < settings.teaser_min_off_topic_share * judged:
        return []
    bounds = [start - 1, *on_topic, end]
    cuts = [(a + 1, b) for a, b in pairwise(bounds) if b > a + 1]
    return [(a, b, _cosine(reference, page_terms.counts(a, b))) for a, b in cuts]


def teaser_pairs(
    body: Sequence[Fragment], title: str | None, settings: CleanSettings, page_terms: BodyTerms | None = None
) -> list[tuple[int, int, float]]:
    """(start, end, similarity) of each off-topic teaser in a list of them: at least
    `teaser_min_pairs` cards in a row, each one to `teaser_max_heads` headline-like lines (a
    kicker, the title, a "3 comments | site.com" line) and one short paragraph, the shape of a
    "more stories" list. Each card is compared with the headline and the body outside such
    lists; an article's own sections (a sub-heading and one paragraph each) stay on its topic."""
    runs: list[list[tuple[int, int]]] = []  # (start, end) of the cards of each run
    position = 0
    while position < len(body):
        heads = 0
        while position + heads < len(body) and body[position + heads].headline_like:
            heads += 1
        end = position + heads
        text = body[end] if end < len(body) else None
        # the paragraph follows its title directly, or past the card's date or label only
        if (
            not heads
            or text is None
            or (text.after_gap and not text.after_furniture)
            or not text.prose_words
            or text.words > settings.teaser_max_words
        ):
            position = end + 1 if heads else position + 1
            continue
        start = max(position, end - settings.teaser_max_heads)
        if max(f.words for f in body[start:end]) >= 2:
            if runs and runs[-1][-1][1] == start:
                runs[-1].append((start, end + 1))
            else:
                runs.append([(start, end + 1)])
        position = end + 1
    # Teasers are titled with headlines; an article's own list names its entries ("1. Rochdale",
    # "'Him'", "Where to watch: Hulu") in a few words.
    runs = [
        run
        for run in runs
        if len(run) >= settings.teaser_min_pairs
        and sum(max(f.words for f in body[start : end - 1]) for start, end in run)
        >= settings.teaser_min_title_terms * len(run)
    ]
    if not runs:
        return []
    outside, previous = [], 0
    for run in runs:
        outside.append((previous, run[0][0]))
        previous = run[-1][1]
    outside.append((previous, len(body)))
    outside = [(a, b) for a, b in outside if b > a]
    if sum(f.words for a, b in outside for f in body[a:b]) < settings.off_topic_min_words:
        return []
    page_terms = page_terms if page_terms is not None else BodyTerms(body, title, settings)
    reference = page_terms.counts_of(outside, with_title=True)
    found = []
    for run in runs:
        similarities = [_cosine(reference, page_terms.counts(start, end)) for start, end in run]
        cards = list(zip(run, similarities, strict=True))
        off = [k for k, sim in enumerate(similarities) if sim < settings.teaser_max_similarity]
        # A list of other stories is off topic nearly throughout; an article's own list
        # (a roundup, a listicle) strays only here and there, and stays whole. The list's cards
        # on the article's topic between its off-topic ones go with it (another story of the
        # same event); those at its ends stay: a run of cards in shape may begin with the
        # article's own last section, or end with its headline and lead.
        if len(off) >= settings.teaser_min_off_topic_share * len(run):
            found += [(start, end, sim) for (start, end), sim in cards[off[0] : off[-1] + 1]]
        elif off and _kicker_repeats(body, run):
            found += [(start, end, sim) for (start, end), sim in cards]
    return found


def _kicker_repeats(body: Sequence[Fragment], run: Sequence[tuple[int, int]]) -> bool:
    """Every card of the run carries the same label line ("Company Town", the section's name):
    a site's cards of other stories, however close the topic of most of them (one of them off
    topic is asked for too: a roundup may label each of its entries "Why we like it")."""
    labels = [{body[p].text.strip().lower() for p in range(start, end - 1)} for start, end in run]
    return bool(set.intersection(*labels))
