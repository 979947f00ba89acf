"""Paraphrase and same-story evidence that word shingles cannot see.

A reworded ("spun") copy shares few word 5-grams with its original but keeps its names,
numbers, quotes, sentence lengths and sentence order; an independent report of the same event
shares names, numbers and topic words but not the sentence structure. Each article is reduced
to a compact `SimilarityProfile` (stored in Redis, since the match's text is not), and
`compare` scores two profiles:

- `cosine`: TF-IDF cosine over the article's top hashed terms (IDF from the store's counts);
- `title`: the same over the title's terms, when both titles are known;
- `salient_overlap`: overlap of the anchor sets (names, numbers, quoted words);
- `alignment`: share of the shorter article covered by a monotone chain of sentences that
  share anchors and lengths (`indexer.alignment`); worked out only when the anchors and figures
  leave a paraphrase possible (most candidates fail that at once), else 0.

`paraphrase` is the alignment when enough sentence pairs were matched on anchors, or, for a short
item, when both articles align sentence for sentence on nearly the same anchors and figures
(else 0);
`same_story` is a fixed blend of the two cosines (fitted once on SemEval-2022 task 8 training
pairs, see `bench/semeval.py`). `classify` applies the thresholds of `SimilarityDefaults`.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import numpy as np

from indexer.alignment import align, anchor_matrices
from indexer.sorted_arrays import distinct
from indexer.terms import TERM_SPACE, content_terms, figures, sentence_terms, top_terms

try:
    from indexer import _sentences as native  # its pair_scores compares two profiles in one call
except ImportError:  # installed without a C compiler: the numpy path, same scores
    native = None

__all__ = [
    "PROFILE_VERSION",
    "TERM_SPACE",
    "SimilarityDefaults",
    "SimilarityProfile",
    "SimilarityScores",
    "classify",
    "compare",
    "document_terms",
    "salient_keys",
    "similarity_profile",
]

# Bump when the meaning or encoding of a stored profile changes (the store must then reindex).
PROFILE_VERSION = 3  # 3: `numbers` hashes whole figures ("6-3/8"), not their digit runs
ANCHOR_MASK = 0xFFFF  # anchors are stored as the low 16 bits of their term id


@dataclass(frozen=True)
class SimilarityDefaults:
    """Every knob of profiling and scoring, with why it has its value.

    The first group shapes stored profiles (changing it needs `PROFILE_VERSION` bumped and a
    reindex); the rest only affects scoring.
    """

    # Terms kept per article for the cosine (by in-article weight): ~all content terms of a
    # 200-word article, the dominant ones of a long one. 4 bytes each (3-byte id + count).
    top_terms: int = 48
    title_terms: int = 16  # 3 bytes each
    # Anchors kept per sentence (the lowest hashes, so two copies keep the same ones). 2 bytes each.
    anchors_per_sentence: int = 6
    # Whole figures kept per article (a bottom-k sketch: the lowest 16-bit hashes). 2 bytes each.
    numbers_kept: int = 24

    # Anchor terms (names, numbers, quoted words) weigh this much more in the cosine: they tell
    # stories apart, and with a young store the IDF cannot yet.
    anchor_boost: float = 1.5
    # Spinning changes a sentence's word count little ("not" -> "no longer"); pairs further
    # apart than this ratio lose similarity quadratically.
    length_tolerance: float = 0.75
    # A sentence pair joins the alignment chain only from this similarity on.
    min_sentence_similarity: float = 0.3

    # paraphrase, by either of two routes. "Chain": a monotone chain with at least
    # `paraphrase_min_sentences` pairs picked on anchors, covering (with the runs between them filled
    # in) this share of the shorter article's words. Measured (bench/paraphrase_pairs.py): 99% of
    # spun BBC copies have >= 4 anchored pairs and >= 0.6 coverage; no same-story SemEval pair
    # written apart had more than 3 anchored pairs.
    paraphrase_min_alignment: float = 0.55
    # ... with at least this many anchored pairs, or 3/4 of the shorter article's sentences (at
    # least 2) when it has fewer: a four-sentence wire brief cannot show four (bench/copies.py).
    paraphrase_min_sentences: int = 4
    paraphrase_sentence_share: float = 0.75
    # "Whole item", for short wire items whose repeated names leave too few sentences with anchors
    # of their own to pick (a three-sentence brief naming "Gencorp" in each): the alignment covers
    # both articles sentence for sentence, 3/4 of the shorter one's sentences that hold anchors
    # (at least 2) are confirmed by shared anchors, and the two hold nearly the same anchors and
    # whole figures. Measured on Reuters (bench/copies.py, seed 2): spun briefs that failed the
    # chain had symmetric anchor overlap >= 0.88, 4-16 shared anchors and cosine >= 0.62, while
    # the corpus pairs this route would wrongly add without its gates were templated notices with
    # other figures (another week's rates, another month's index) or another name (overlap <=
    # 0.84), briefs sharing 2-4 anchors (one company's two announcements), and two briefs built
    # alike on one minister's remarks (overlap 0.96, cosine 0.58).
    paraphrase_whole_min_coverage: float = 0.8  # of each article
    paraphrase_whole_min_overlap: float = 0.85  # salient_overlap, symmetric
    paraphrase_whole_min_shared_anchors: int = 5  # fewer is no evidence (two briefs naming one firm)
    paraphrase_whole_min_numbers: float = 0.8
    paraphrase_whole_min_cosine: float = 0.6
    # Either route: the smaller side's whole figures found in the other: a rewriter keeps figures,
    # while templated wire items (earnings tables, weekly loan reports) share wording and anchors
    # with different figures; bench/copies.py found held-out ones called paraphrase without this.
    paraphrase_min_number_agreement: float = 0.6
    # ... and nearly all of the smaller anchor set found in the other: a rewriter keeps names,
    # numbers and quotes, while templated items share only the template's capitalised words
    # (held-out false paraphrases in bench/copies.py had overlaps of 0.50-0.87).
    paraphrase_min_anchors_kept: float = 0.9
    # same_story = intercept + w_cosine * sqrt(cosine) + w_title * sqrt(title cosine), least squares
    # on SemEval-2022 task 8 en training pairs (`python -m bench.semeval --fit`); the square roots
    # because ratings saturate: past a few shared topic words more overlap says little more.
    # Adding anchor overlap or alignment lowered held-out correlation there, so they stay out.
    same_story_weights: tuple[float, float, float] = (-0.018, 0.536, 0.593)
    # Cut on that scale ((4 - Overall) / 3, so 0.5 ~ Overall 2.5, between "somewhat" and "somewhat
    # dis-" similar). Measured: SemEval en pairs rated <= 1.5 pass 90%, rated >= 3.5 pass 7%;
    # same-category unrelated BBC pairs pass ~1%.
    same_story_min: float = 0.5


DEFAULTS = SimilarityDefaults()

_HEADER = struct.Struct("<BHHBBB")  # version, words, sentences, top terms, title terms, numbers


def _pack_ids(ids: np.ndarray) -> bytes:
    """Term ids fit 20 bits: store 3 little-endian bytes each."""
    return ids.astype("<u4").view(np.uint8).reshape(-1, 4)[:, :3].tobytes()


def _unpack_ids(data: bytes) -> np.ndarray:
    triples = np.frombuffer(data, dtype=np.uint8).reshape(-1, 3)
    padded = np.zeros((len(triples), 4), dtype=np.uint8)
    padded[:, :3] = triples
    return padded.view("<u4").ravel().astype(np.uint32)


@dataclass(frozen=True, eq=False)
class SimilarityProfile:
    """Compact per-article features: top terms, title terms, per-sentence lengths and anchors."""

    words: int
    term_ids: np.ndarray  # uint32, sorted
    term_counts: np.ndarray  # uint8, in-article counts of term_ids
    title_ids: np.ndarray  # uint32, sorted
    sentence_words: np.ndarray  # uint8 (capped), one per sentence
    sentence_ends: np.ndarray  # uint32 character offsets; sentence i is text[ends[i-1]:ends[i]]
    anchors: np.ndarray  # uint16 anchor hashes, grouped by sentence
    anchor_sentences: np.ndarray  # sentence index of each anchor
    numbers: np.ndarray  # uint16 hashes of the article's whole figures, sorted, the lowest `numbers_kept`

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SimilarityProfile):
            return NotImplemented
        return self.to_bytes() == other.to_bytes()

    def __hash__(self) -> int:
        return hash(self.to_bytes())

    @cached_property
    def anchor_set(self) -> np.ndarray:
        """Distinct anchor hashes, sorted (a query is compared with several candidates)."""
        return distinct(self.anchors)

    @cached_property
    def document_term_ids(self) -> np.ndarray:
        """`document_terms` of this profile: indexing an article needs them three times."""
        return distinct(np.concatenate((self.term_ids, self.title_ids))).astype(np.uint32)

    @cached_property
    def term_weights(self) -> np.ndarray:
        """Sublinear in-article weight of each top term, 1 + log(count): float16 values (numpy's
        log of uint8 counts, what the stored scores were tuned on), held as float64."""
        return (1.0 + np.log(np.maximum(self.term_counts, 1))).astype(np.float64)

    def sentence_spans(self) -> tuple[tuple[int, int], ...]:
        """(start, end) character spans of the sentences in the profiled text (leading blanks included)."""
        ends = self.sentence_ends.tolist()
        return tuple(zip([0, *ends[:-1]], ends))

    def to_bytes(self) -> bytes:
        n_sentences = len(self.sentence_words)
        # Sentence lengths, capped: np.diff(prepend=) and clip cost 4x these two calls.
        ends = self.sentence_ends.astype(np.int64)
        deltas = ends.copy()
        np.subtract(ends[1:], ends[:-1], out=deltas[1:])
        np.minimum(deltas, 0xFFFF, out=deltas)
        per_sentence = np.bincount(self.anchor_sentences, minlength=n_sentences)
        return b"".join(
            (
                _HEADER.pack(
                    PROFILE_VERSION,
                    min(self.words, 0xFFFF),
                    n_sentences,
                    len(self.term_ids),
                    len(self.title_ids),
                    len(self.numbers),
                ),
                _pack_ids(self.term_ids),
                self.term_counts.astype(np.uint8).tobytes(),
                _pack_ids(self.title_ids),
                self.sentence_words.astype(np.uint8).tobytes(),
                deltas.astype("<u2").tobytes(),
                per_sentence.astype(np.uint8).tobytes(),
                self.anchors.astype("<u2").tobytes(),
                self.numbers.astype("<u2").tobytes(),
            )
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> SimilarityProfile:
        if not data or data[0] != PROFILE_VERSION:
            raise ValueError(
                f"profile version {data[:1].hex() or 'missing'}, this code reads {PROFILE_VERSION}: reindex the store"
            )
        unpacked = native.unpack_profile(data) if native is not None else None
        if unpacked is not None:
            words, ids, counts, titles, sentence_words, ends, anchors, anchor_sentences, numbers = unpacked
            return cls(
                words=words,
                term_ids=np.frombuffer(ids, dtype=np.uint32),
                term_counts=np.frombuffer(counts, dtype=np.uint8),
                title_ids=np.frombuffer(titles, dtype=np.uint32),
                sentence_words=np.frombuffer(sentence_words, dtype=np.uint8),
                sentence_ends=np.frombuffer(ends, dtype=np.uint32),
                anchors=np.frombuffer(anchors, dtype=np.uint16),
                anchor_sentences=np.frombuffer(anchor_sentences, dtype=np.int64),
                numbers=np.frombuffer(numbers, dtype=np.uint16),
            )
        _, words, n_sentences, n_terms, n_title, n_numbers = _HEADER.unpack_from(data)
        cursor = _HEADER.size

        def take(size: int) -> bytes:
            nonlocal cursor
            chunk = data[cursor : cursor + size]
            cursor += size
            return chunk

        term_ids = _unpack_ids(take(3 * n_terms))
        term_counts = np.frombuffer(take(n_terms), dtype=np.uint8)
        title_ids = _unpack_ids(take(3 * n_title))
        sentence_words = np.frombuffer(take(n_sentences), dtype=np.uint8)
        sentence_ends = np.cumsum(np.frombuffer(take(2 * n_sentences), dtype="<u2"), dtype=np.uint32)
        per_sentence = np.frombuffer(take(n_sentences), dtype=np.uint8)
        anchors = np.frombuffer(take(2 * int(per_sentence.sum())), dtype="<u2").astype(np.uint16)
        numbers = np.frombuffer(take(2 * n_numbers), dtype="<u2").astype(np.uint16)
        if cursor != len(data):
            raise ValueError(f"profile of {len(data)} bytes, its header describes {cursor}")
        return cls(
            words=words,
            term_ids=term_ids,
            term_counts=term_counts,
            title_ids=title_ids,
            sentence_words=sentence_words,
            sentence_ends=sentence_ends,
            anchors=anchors,
            anchor_sentences=np.repeat(np.arange(n_sentences, dtype=np.int64), per_sentence),
            numbers=numbers,
        )


def similarity_profile(
    text: str, title: str | None = None, defaults: SimilarityDefaults = DEFAULTS
) -> SimilarityProfile:
    """Profile of an article body (plain text, one paragraph a line) and its optional title."""
    found = sentence_terms(text)
    n_sentences = min(len(found.ends), 0xFFFF)
    all_terms, term_sentences, is_anchor = found.term_ids, found.term_sentences, found.anchor
    if n_sentences < len(found.ends):
        kept = term_sentences < n_sentences
        all_terms, term_sentences, is_anchor = all_terms[kept], term_sentences[kept], is_anchor[kept]
    terms, counts, anchors, anchor_sentences = top_terms(
        all_terms,
        term_sentences,
        is_anchor,
        top=defaults.top_terms,
        anchor_boost=defaults.anchor_boost,
        anchors_per_sentence=defaults.anchors_per_sentence,
        anchor_mask=ANCHOR_MASK,
    )
    title_terms = distinct(content_terms(title or ""))
    sentence_words = found.words[:n_sentences]
    return SimilarityProfile(
        words=min(int(sentence_words.sum()), 0xFFFF),
        term_ids=terms,
        term_counts=counts,
        title_ids=title_terms[: defaults.title_terms],
        sentence_words=np.minimum(sentence_words, 255).astype(np.uint8),
        sentence_ends=found.ends[:n_sentences].astype(np.uint32),
        anchors=anchors,
        anchor_sentences=anchor_sentences,
        numbers=distinct((figures(text) & ANCHOR_MASK).astype(np.uint16))[: defaults.numbers_kept],
    )


def document_terms(profile: SimilarityProfile) -> np.ndarray:
    """Distinct term ids the store counts in its document frequencies (the profile's top terms)."""
    return profile.document_term_ids


def salient_keys(profile: SimilarityProfile) -> np.ndarray:
    """Distinct anchor hashes (names, numbers, quoted words) for the salient MinHash-LSH.

    Measured set Jaccard: spun BBC copy vs original >= 0.95 for 95% of copies; SemEval same-event
    pairs median 0.15 (95th pct 0.41), the seed reports 0.08-0.27; same-category unrelated BBC
    pairs median 0.02, max 0.09. An excerpt's copy scores lower (containment, not Jaccard).
    """
    return profile.anchor_set.astype(np.uint32)


@dataclass(frozen=True)
class SimilarityScores:
    """Evidence for one (query, match) pair; `aligned_sentences` are (query, match) sentence indexes."""

    cosine: float
    salient_overlap: float
    alignment: float
    same_story: float
    paraphrase: float
    aligned_sentences: tuple[tuple[int, int], ...]
    title: float = float("nan")
    # Share of the smaller side's whole figures found in the other (1.0 when either has none).
    numbers: float = 1.0
    # Share of the smaller anchor set found in the other (an excerpt keeps all of its anchors).
    anchors_kept: float = 0.0
    query_spans: tuple[tuple[int, int], ...] = field(default=())
    match_spans: tuple[tuple[int, int], ...] = field(default=())


def _weighted_cosine(
    ids_a: np.ndarray,
    values_a: np.ndarray,
    ids_b: np.ndarray,
    values_b: np.ndarray,
    vocabulary: np.ndarray,
    weights: np.ndarray,
) -> float:
    if not len(ids_a) or not len(ids_b):
        return 0.0
    vector_a = values_a * weights[np.searchsorted(vocabulary, ids_a)]
    vector_b = values_b * weights[np.searchsorted(vocabulary, ids_b)]
    # Shared ids of two sorted id sets: what np.intersect1d(..., return_indices=True) gives, 3x faster.
    at = np.searchsorted(ids_b, ids_a)
    at[at == len(ids_b)] = 0
    shared = ids_b[at] == ids_a
    norms = math.sqrt(float(vector_a @ vector_a) * float(vector_b @ vector_b))
    return float(vector_a[shared] @ vector_b[at[shared]]) / norms if norms else 0.0


@dataclass(frozen=True)
class _PairAlignment:
    coverage: float  # of the shorter article
    paraphrase: float  # the coverage when either paraphrase route holds, else 0
    pairs: tuple[tuple[int, int], ...]


_NO_ALIGNMENT = _PairAlignment(0.0, 0.0, ())


def _alignment(
    a: SimilarityProfile,
    b: SimilarityProfile,
    salient_overlap: float,
    shared: int,
    cosine: float,
    numbers: float,
    defaults: SimilarityDefaults,
) -> _PairAlignment:
    """The sentence alignment of a pair and whether it makes a paraphrase by the chain or the
    whole-item route (see `SimilarityDefaults`)."""
    words_a, words_b = a.sentence_words.astype(np.float64), b.sentence_words.astype(np.float64)
    similarity, agree = anchor_matrices(
        a.anchors,
        a.anchor_sentences,
        words_a,
        b.anchors,
        b.anchor_sentences,
        words_b,
        defaults.length_tolerance,
    )
    alignment = align(similarity, words_a, words_b, defaults.min_sentence_similarity, agree)
    # Coverage of the shorter article, so a spun copy of an excerpt still counts.
    total_a, total_b = float(words_a.sum()), float(words_b.sum())
    if total_a == total_b:
        coverage = max(alignment.coverage_a, alignment.coverage_b)
    else:
        coverage = alignment.coverage_a if total_a < total_b else alignment.coverage_b
    shorter = a if total_a <= total_b else b
    chain = alignment.anchored >= min(
        defaults.paraphrase_min_sentences,
        max(2, math.ceil(defaults.paraphrase_sentence_share * len(shorter.sentence_words))),
    )
    whole = (
        min(alignment.coverage_a, alignment.coverage_b) >= defaults.paraphrase_whole_min_coverage
        and salient_overlap >= defaults.paraphrase_whole_min_overlap
        and shared >= defaults.paraphrase_whole_min_shared_anchors
        and numbers >= defaults.paraphrase_whole_min_numbers
        and cosine >= defaults.paraphrase_whole_min_cosine
        # Sentences without anchors cannot be confirmed: the share is of those with some.
        and alignment.confirmed
        >= max(2, math.ceil(defaults.paraphrase_sentence_share * len(distinct(shorter.anchor_sentences))))
    )
    return _PairAlignment(coverage, coverage if chain or whole else 0.0, alignment.pairs)


_PairScores = tuple[
    float, float, int, int, int, float
]  # cosine, title, shared anchors, anchors of a, of b, numbers


def _native_pair_scores(
    a: SimilarityProfile,
    b: SimilarityProfile,
    vocabulary: np.ndarray,
    weights: np.ndarray,
    defaults: SimilarityDefaults,
) -> _PairScores:
    return native.pair_scores(
        a.term_ids,
        a.term_weights,
        b.term_ids,
        b.term_weights,
        a.title_ids,
        b.title_ids,
        vocabulary,
        weights,
        a.anchors,
        b.anchors,
        a.numbers,
        b.numbers,
        defaults.anchor_boost,
        ANCHOR_MASK,
        defaults.numbers_kept,
    )


def _numpy_pair_scores(
    a: SimilarityProfile,
    b: SimilarityProfile,
    vocabulary: np.ndarray,
    weights: np.ndarray,
    defaults: SimilarityDefaults,
) -> _PairScores:
    """The term cosine, the title cosine (NaN unless both have titles), the shared anchor hashes,
    each side's distinct anchor hashes, and the agreement of figures: every term weighted by
    `weights` (its IDF, over the sorted `vocabulary`), boosted when its hash is an anchor of either.
    The C kernel's `pair_scores` gives the same in one call."""
    keys_a, keys_b = a.anchor_set, b.anchor_set
    is_key = np.zeros(ANCHOR_MASK + 1, dtype=bool)
    is_key[keys_a] = True
    shared = int(np.count_nonzero(is_key[keys_b]))
    is_key[keys_b] = True
    weights = weights * np.where(is_key[vocabulary & ANCHOR_MASK], defaults.anchor_boost, 1.0)
    cosine = _weighted_cosine(a.term_ids, a.term_weights, b.term_ids, b.term_weights, vocabulary, weights)
    title = (
        _weighted_cosine(
            a.title_ids,
            np.ones(len(a.title_ids)),
            b.title_ids,
            np.ones(len(b.title_ids)),
            vocabulary,
            weights,
        )
        if len(a.title_ids) and len(b.title_ids)
        else float("nan")
    )
    numbers = _number_agreement(a.numbers, b.numbers, defaults.numbers_kept)
    return cosine, title, shared, len(keys_a), len(keys_b), numbers


def compare(
    a: SimilarityProfile,
    b: SimilarityProfile,
    idf: Callable[[np.ndarray], np.ndarray],
    defaults: SimilarityDefaults = DEFAULTS,
) -> SimilarityScores:
    """Score a pair of profiles; symmetric except for the orientation of the sentence pairs.

    `idf(term_ids)` gives the store's IDF weights. While the store is young the IDF is flat
    (log((1+N)/(1+df))+1 is ~1 for every term); stop words are already gone from the terms and
    anchor terms are boosted, which keeps the cosine topical until the counts mean something.
    """
    vocabulary = distinct(np.concatenate((a.term_ids, b.term_ids, a.title_ids, b.title_ids)))
    weights = np.asarray(idf(vocabulary), dtype=np.float64) if len(vocabulary) else np.zeros(0)
    pair_scores = _numpy_pair_scores if native is None else _native_pair_scores
    cosine, title, shared, keys_a, keys_b, numbers = pair_scores(a, b, vocabulary, weights, defaults)
    salient_overlap = shared / math.sqrt(keys_a * keys_b) if shared else 0.0
    anchors_kept = shared / min(keys_a, keys_b) if shared else 0.0
    # `classify` needs these two before any alignment can make a paraphrase: most candidates
    # (independent coverage, other stories) fail them, and the alignment is half the cost.
    possible = (
        anchors_kept >= defaults.paraphrase_min_anchors_kept
        and numbers >= defaults.paraphrase_min_number_agreement
    )
    alignment = (
        _alignment(a, b, salient_overlap, shared, cosine, numbers, defaults) if possible else _NO_ALIGNMENT
    )
    intercept, w_cosine, w_title = defaults.same_story_weights
    title_or_body = cosine if math.isnan(title) else title
    same_story = intercept + w_cosine * math.sqrt(cosine) + w_title * math.sqrt(title_or_body)
    same_story = min(max(same_story, 0.0), 1.0)
    return SimilarityScores(
        cosine=cosine,
        salient_overlap=salient_overlap,
        alignment=alignment.coverage,
        same_story=same_story,
        paraphrase=alignment.paraphrase,
        aligned_sentences=alignment.pairs,
        title=title,
        numbers=numbers,
        anchors_kept=anchors_kept,
        query_spans=_spans(a, [i for i, _ in alignment.pairs]),
        match_spans=_spans(b, [j for _, j in alignment.pairs]),
    )


def _number_agreement(a: np.ndarray, b: np.ndarray, kept: int) -> float:
    """Share of the smaller number sketch found in the other, compared over their common hash range
    (each side keeps its `kept` lowest hashes, so both have seen every value below that bound)."""
    bound = min(a[-1] if len(a) >= kept else ANCHOR_MASK, b[-1] if len(b) >= kept else ANCHOR_MASK)
    a, b = a[a <= bound], b[b <= bound]
    if not len(a) or not len(b):
        return 1.0
    return len(np.intersect1d(a, b, assume_unique=True)) / min(len(a), len(b))


def _spans(profile: SimilarityProfile, sentences: list[int]) -> tuple[tuple[int, int], ...]:
    """`profile.sentence_spans()` of just these sentences."""
    ends = profile.sentence_ends.tolist() if sentences else []
    return tuple((ends[i - 1] if i else 0, ends[i]) for i in sentences)


def classify(
    scores: SimilarityScores, defaults: SimilarityDefaults = DEFAULTS
) -> Literal["paraphrase", "same_story"] | None:
    """`paraphrase` for a reworded copy, `same_story` for related coverage, else None."""
    if (
        scores.paraphrase >= defaults.paraphrase_min_alignment
        and scores.numbers >= defaults.paraphrase_min_number_agreement
        and scores.anchors_kept >= defaults.paraphrase_min_anchors_kept
    ):
        return "paraphrase"
    if scores.same_story >= defaults.same_story_min:
        return "same_story"
    return None
