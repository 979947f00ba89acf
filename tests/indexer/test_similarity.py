"""Paraphrase / same-story scoring on the seed reports, plus profile invariants."""

from __future__ import annotations

import dataclasses
import re
import struct
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer import similarity, terms
from indexer.alignment import align, anchor_matrices
from indexer.similarity import (
    TERM_SPACE,
    SimilarityProfile,
    classify,
    compare,
    document_terms,
    salient_keys,
    similarity_profile,
)
from indexer.terms import _capitalised_mid_sentence, figures, split_sentences, term_id

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "similarity"
SPUN = "000_a41abda2f3a191ba.txt"
REPORTS = (SPUN, "002_7c2d817576f8b079.txt", "004_aa27b6e4088c5d31.txt")
UNRELATED = """Shares in the chip maker rose sharply on Tuesday after it raised its forecast for the year.
Demand for memory used in data centres has outpaced supply since the spring, analysts at Jefferies wrote.
The company expects revenue of about $4.2bn in the third quarter, up from $3.1bn a year earlier.
Its chief executive, Lena Ortiz, said new factories in Arizona would open in 2027."""


def flat_idf(term_ids: np.ndarray) -> np.ndarray:
    """What the store returns while it is empty: log((1+0)/(1+0)) + 1 for every term."""
    return np.ones(len(term_ids))


@pytest.fixture(scope="module")
def profiles() -> dict[str, SimilarityProfile]:
    names = (*REPORTS, "000_reconstruction.txt")
    return {name: similarity_profile((SEEDS / name).read_text(encoding="utf-8")) for name in names}


def test_spun_seed_is_a_paraphrase_of_its_reconstructed_original(profiles):
    scores = compare(profiles[SPUN], profiles["000_reconstruction.txt"], flat_idf)
    assert classify(scores) == "paraphrase"
    # The reconstruction is the first 15 sentences of the original: aligned one to one, in order.
    assert scores.aligned_sentences[:15] == tuple((i, i) for i in range(15))


@pytest.mark.parametrize("first, second", list(combinations(REPORTS, 2)))
def test_independent_reports_of_one_event_are_same_story_not_paraphrase(profiles, first, second):
    scores = compare(profiles[first], profiles[second], flat_idf)
    assert scores.paraphrase < 0.55
    assert classify(scores) == "same_story"


def test_unrelated_article_is_neither(profiles):
    scores = compare(profiles[SPUN], similarity_profile(UNRELATED), flat_idf)
    assert classify(scores) is None


@pytest.mark.parametrize("first, second", [(SPUN, "000_reconstruction.txt"), (SPUN, REPORTS[2])])
def test_scores_are_symmetric_and_alignment_mirrors(profiles, first, second):
    forward = compare(profiles[first], profiles[second], flat_idf)
    backward = compare(profiles[second], profiles[first], flat_idf)
    for name in ("cosine", "salient_overlap", "alignment", "same_story", "paraphrase"):
        assert getattr(forward, name) == pytest.approx(getattr(backward, name))
    assert forward.aligned_sentences == tuple((j, i) for i, j in backward.aligned_sentences)


def test_store_idf_downweights_terms_every_article_has(profiles):
    """A term in every document of the store gets the minimum IDF, so sharing it counts less."""
    everywhere = set(document_terms(profiles[REPORTS[1]])) & set(document_terms(profiles[REPORTS[2]]))

    def idf(term_ids: np.ndarray) -> np.ndarray:
        return np.array([1.0 if term in everywhere else 3.0 for term in term_ids.tolist()])

    flat = compare(profiles[REPORTS[1]], profiles[REPORTS[2]], flat_idf)
    weighted = compare(profiles[REPORTS[1]], profiles[REPORTS[2]], idf)
    assert weighted.cosine < flat.cosine


def test_spun_copy_keeps_its_salient_keys(profiles):
    spun, original = (
        set(salient_keys(profiles[SPUN]).tolist()),
        set(salient_keys(profiles["000_reconstruction.txt"]).tolist()),
    )
    assert len(spun & original) / len(original) > 0.8


def test_profile_fits_the_storage_budget(profiles):
    # ~900 words: the per-article Redis budget is ~2 KB, of which the profile gets ~700 bytes.
    assert len(profiles[SPUN].to_bytes()) <= 700
    terms = document_terms(profiles[SPUN])
    assert terms.dtype == np.uint32 and len(np.unique(terms)) == len(terms) and terms.max() < TERM_SPACE


def test_sentence_spans_point_into_the_text():
    text = 'He said "we will go." Then they left.\nA new line starts here.'
    sentences = split_sentences(text)
    assert [text[s.start : s.end] for s in sentences] == [
        'He said "we will go."',
        "Then they left.",
        "A new line starts here.",
    ]
    spans = similarity_profile(text).sentence_spans()
    assert [text[start:end].strip() for start, end in spans] == [text[s.start : s.end] for s in sentences]


@pytest.mark.parametrize("text", ["", " \n ", "Word", "42", '"', "!!!"])
def test_degenerate_texts_profile_and_compare(text, profiles):
    profile = similarity_profile(text, title=text or None)
    assert SimilarityProfile.from_bytes(profile.to_bytes()) == profile
    scores = compare(profile, profiles[SPUN], flat_idf)
    assert classify(scores) is None
    assert compare(profile, profile, flat_idf).paraphrase == 0.0


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.sampled_from(list('abcXYZ 0123.!?"\n\u201c\u201d\u00e9')), max_size=80),
        max_size=12,
    ),
    st.one_of(st.none(), st.text(max_size=40)),
)
def test_profile_bytes_round_trip(paragraphs, title):
    profile = similarity_profile("\n".join(paragraphs), title=title)
    data = profile.to_bytes()
    restored = SimilarityProfile.from_bytes(data)
    assert restored == profile and restored.to_bytes() == data
    np.testing.assert_array_equal(restored.anchor_sentences, profile.anchor_sentences)
    np.testing.assert_array_equal(restored.sentence_ends, profile.sentence_ends)


def test_from_bytes_rejects_truncated_data(profiles):
    with pytest.raises(ValueError):
        SimilarityProfile.from_bytes(profiles[SPUN].to_bytes()[:-1])


# The tokeniser finds words with bytes.translate + split, not re: it must agree with `\w+`.
TRICKY = st.text(
    alphabet=st.sampled_from(
        list("aBz09_ .!?\"'(),;:\n\t")
        + list("\u201c\u201d\u2019\u2013\u00a3\u00a0\u00e9\u00c9\u00b2\u0661\u4e2d\u2028\ud800")
    ),
    max_size=120,
)


@settings(max_examples=200, deadline=None)
@given(TRICKY)
def test_sentences_count_the_words_re_finds(text):
    sentences = split_sentences(text)
    assert sum(s.words for s in sentences) == len(re.findall(r"\w+", text))
    for sentence in sentences:
        assert sentence.words == len(re.findall(r"\w+", text[sentence.start : sentence.end]))


@settings(max_examples=200, deadline=None)
@given(TRICKY)
def test_mid_sentence_capitals_are_what_the_regex_finds(text):
    names = set(re.findall(r"(?<=[a-z0-9,;:] )[A-Z]\w*", text))
    for word in set(re.findall(r"\w+", text)):
        assert _capitalised_mid_sentence(text, word) == (word in names)


def _sentence_terms_by_both_paths(text: str) -> tuple[list, list]:
    """`sentence_terms` through the C kernel and through the numpy path, field by field."""

    def fields(found: terms.SentenceTerms) -> list:
        return [(f.name, np.asarray(getattr(found, f.name)).tolist()) for f in dataclasses.fields(found)]

    kernel = fields(terms.sentence_terms(text))
    saved, terms.native = terms.native, None
    try:
        return kernel, fields(terms.sentence_terms(text))
    finally:
        terms.native = saved


needs_sentence_kernel = pytest.mark.skipif(terms.native is None, reason="the C kernel was not built")
SENTENCE_TRICKY = st.text(
    alphabet=st.sampled_from(
        list("aBzMQ09_ .!?\"'()[],;:\n\t") + list("\u201c\u201d\u2019\u00a3\u00e9\u00c9\u4e2d\u2028")
    ),
    max_size=300,
)


@needs_sentence_kernel
@settings(max_examples=400, deadline=None)
@given(SENTENCE_TRICKY)
def test_sentence_kernel_agrees_with_the_numpy_path(text):
    kernel, numpy_path = _sentence_terms_by_both_paths(text)
    assert kernel == numpy_path


@needs_sentence_kernel
def test_sentence_kernel_agrees_with_the_numpy_path_on_the_fixtures():
    texts = [p.read_text() for p in sorted(SEEDS.glob("*.txt"))] + [BRIEF, SPUN_BRIEF, RATES_A, UNRELATED]
    for text in texts:
        kernel, numpy_path = _sentence_terms_by_both_paths(text)
        assert kernel == numpy_path


WORD_PIECES = st.sampled_from(
    sorted(terms.STOP_WORDS)[::7]
    + [
        "ies",
        "s",
        "ss",
        "us",
        "is",
        "y",
        "The",
        "PARTIES",
        "Ties",
        "bus",
        "A",
        "x",
        "_",
        "7",
        "2024",
        "caf\u00e9",
        "\u00c9t\u00e9",
    ]
)


@needs_sentence_kernel
@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(WORD_PIECES, min_size=1, max_size=3).map("".join), max_size=40).map(" ".join))
def test_word_codes_kernel_agrees_with_the_python_codes(text):
    """Stop words, plural folds ("parties", "ties", "bus"), capitals, digits and non-ASCII words."""
    data = text.encode()
    kernel = terms._text_codes(data).tolist()
    assert kernel == terms._word_codes(data.translate(terms._BLANK_NON_WORD).split()).tolist()


@needs_sentence_kernel
@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789,./:-; a\u00e9")), max_size=80))
def test_figures_kernel_agrees_with_the_regex(text):
    kernel = figures(text).tolist()
    saved, terms.native = terms.native, None
    try:
        assert kernel == figures(text).tolist()
    finally:
        terms.native = saved


def _top_terms_by_both_paths(term_ids, term_sentences, anchor, **knobs) -> tuple[list, list]:
    kernel = terms.top_terms(term_ids, term_sentences, anchor, **knobs)
    saved, terms.native = terms.native, None
    try:
        numpy_path = terms.top_terms(term_ids, term_sentences, anchor, **knobs)
    finally:
        terms.native = saved
    as_lists = [(a.dtype.str, a.tolist()) for a in kernel], [(a.dtype.str, a.tolist()) for a in numpy_path]
    return as_lists


PROFILE_KNOBS = {"top": 48, "anchor_boost": 1.5, "anchors_per_sentence": 6, "anchor_mask": 0xFFFF}


@needs_sentence_kernel
@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        # Few distinct ids and sentences, so that ties in weight, repeated anchors and the caps
        # (top terms, anchors per sentence, 255 occurrences) all come up.
        st.tuples(st.sampled_from([1, 2, 3, 0x10001, 0x10002, 70000, 0xFFFFF]), st.booleans()),
        max_size=400,
    ),
    st.lists(st.integers(0, 40), max_size=400),
    st.integers(0, 60),
    st.integers(0, 8),
)
def test_top_terms_kernel_agrees_with_the_numpy_path(words, cuts, top, per_sentence):
    term_ids = np.array([w for w, _ in words], dtype=np.uint32)
    anchor = np.array([a for _, a in words], dtype=bool)
    # Non-decreasing sentence numbers with gaps, as `sentence_terms` gives when a sentence has no terms.
    term_sentences = np.sort(np.array((cuts + [0] * len(words))[: len(words)], dtype=np.int64))
    knobs = dict(PROFILE_KNOBS, top=top, anchors_per_sentence=per_sentence)
    kernel, numpy_path = _top_terms_by_both_paths(term_ids, term_sentences, anchor, **knobs)
    assert kernel == numpy_path


@needs_sentence_kernel
def test_top_terms_kernel_agrees_with_the_numpy_path_on_the_fixtures():
    texts = [p.read_text() for p in sorted(SEEDS.glob("*.txt"))] + [BRIEF, SPUN_BRIEF, RATES_A, UNRELATED]
    for text in texts:
        found = terms.sentence_terms(text)
        kernel, numpy_path = _top_terms_by_both_paths(
            found.term_ids, found.term_sentences, found.anchor, **PROFILE_KNOBS
        )
        assert kernel == numpy_path
        assert len(kernel[0][1]) == min(PROFILE_KNOBS["top"], len(set(found.term_ids.tolist())))


@needs_sentence_kernel
def test_pair_kernel_agrees_with_the_numpy_path():
    """Every pair of the fixture texts, with and without titles, IDF weights that vary by term:
    the same counts, and the same scores up to the order of floating-point sums."""
    texts = [p.read_text() for p in sorted(SEEDS.glob("*.txt"))] + [BRIEF, SPUN_BRIEF, RATES_A, UNRELATED, ""]
    titled = [
        similarity_profile(t, title=t.split(".")[0][:80] if i % 2 else None) for i, t in enumerate(texts)
    ]
    stored = [SimilarityProfile.from_bytes(p.to_bytes()) for p in titled]
    weights = np.random.default_rng(0).uniform(1.0, 8.0, TERM_SPACE)
    for a, b in combinations(titled + stored, 2):
        vocabulary = np.unique(np.concatenate((a.term_ids, b.term_ids, a.title_ids, b.title_ids)))
        kernel = similarity._native_pair_scores(a, b, vocabulary, weights[vocabulary], similarity.DEFAULTS)
        numpy_path = similarity._numpy_pair_scores(a, b, vocabulary, weights[vocabulary], similarity.DEFAULTS)
        assert kernel[2:5] == numpy_path[2:5]  # shared anchors, anchors of each side
        assert kernel[:2] + kernel[5:] == pytest.approx(
            numpy_path[:2] + numpy_path[5:], rel=1e-12, nan_ok=True
        )


@needs_sentence_kernel
def test_profile_decoding_kernel_agrees_with_the_numpy_path():
    """Every field, dtype included, of each fixture's stored profile; data cut short or padded
    goes to the numpy path's error in both."""
    texts = [p.read_text() for p in sorted(SEEDS.glob("*.txt"))] + [BRIEF, SPUN_BRIEF, RATES_A, UNRELATED, ""]

    def fields(profile: SimilarityProfile) -> list:
        arrays = [(f.name, np.asarray(getattr(profile, f.name))) for f in dataclasses.fields(profile)]
        return [(name, array.dtype.str, array.tolist()) for name, array in arrays]

    for text in texts:
        data = similarity_profile(text, title=text[:60]).to_bytes()
        kernel = fields(SimilarityProfile.from_bytes(data))
        saved, similarity.native = similarity.native, None
        try:
            assert kernel == fields(SimilarityProfile.from_bytes(data))
        finally:
            similarity.native = saved
        for broken in (data[:-1], data + b"\x00", data[:7]):
            with pytest.raises((ValueError, struct.error)):
                SimilarityProfile.from_bytes(broken)


def test_typographic_punctuation_splits_words_and_quotes():
    text = "Smith\u2019s firm \u201cwill sell\u201d the caf\u00e9 for \u00a35m.\nPrices rose."
    first, second = split_sentences(text)
    assert first.words == 9 and text[first.start : first.end].endswith("5m.")
    assert text[second.start : second.end] == "Prices rose."
    quoted = {term_id("sell")}
    assert quoted <= set(first.anchors) and term_id("firm") not in first.anchors


# -- short wire items ------------------------------------------------------------------------------

# A three-sentence brief and a synonym-swapped copy of it (names, figures and order kept). "Gencorp"
# stands in every sentence, so it ties no sentence pair on its own: only two pairs are picked on
# anchors, one short of the three a chain over three sentences needs.
BRIEF = """Gencorp Inc said its board rejected the 100 dlr per share tender offer from General Acquisition Co, calling it inadequate and not in the best interests of shareholders.
Gencorp said the board would consider other ways to give shareholders better value, including a restructuring.
The company said its advisers, Shearson Lehman Brothers, would report to Gencorp directors within 30 days."""
SPUN_BRIEF = """Gencorp Inc mentioned its board declined the 100 dlr per share tender be offering from General Acquisition Co, calling it insufficient and now not in the easiest pursuits of shareholders.
Gencorp mentioned the board might imagine any other techniques to present shareholders higher worth, together with a restructuring.
The corporate mentioned its advisors, Shearson Lehman Brothers, might document to Gencorp administrators inside of 30 days."""
# Templated notices: the same wording and figures for another company, or another week's rates.
DIVIDEND_A = """Acme Tool Corp said its board declared a quarterly dividend of 10 cts per share, unchanged from the prior quarter.
The dividend is payable April 15 to shareholders of record March 31, Acme Tool said."""
DIVIDEND_B = DIVIDEND_A.replace("Acme Tool Corp", "Borden Chemical Inc").replace(
    "Acme Tool", "Borden Chemical"
)
RATES_A = """Yields on certificates of deposit offered by the United Arab Emirates Central Bank were higher than last Monday's offering, the bank said.
The one-month CD rose 1/4 point to 6-3/8 pct, while the two, three and six-month maturities rose 5/16 point each to 6-7/16, 6-1/2 and 6-5/8 pct."""
RATES_B = """Yields on certificates of deposit offered by the United Arab Emirates Central Bank were higher than last Monday's offering, the bank said.
The one-month CD rose 1/16 point to 6-3/16 pct, while the two, three and six-month maturities rose 1/8 point each to 6-1/4, 6-5/16 and 6-3/8 pct."""
# Two briefs about one company, built alike, on different news.
EPITOPE_A = """Epitope Inc said its board authorized a three-for-one stock split, subject to approval by shareholders.
The company said shareholders would vote on the split within two weeks.
Epitope makes diagnostic tests for hospitals."""
EPITOPE_B = """Epitope Inc said it developed a panel of antibodies to the AIDS virus for use in research.
The company said it would begin marketing the panel to laboratories immediately.
Epitope is based in Beaverton, Oregon."""


def _alignment(a: SimilarityProfile, b: SimilarityProfile):
    words_a, words_b = a.sentence_words.astype(float), b.sentence_words.astype(float)
    similarity, agree = anchor_matrices(
        a.anchors, a.anchor_sentences, words_a, b.anchors, b.anchor_sentences, words_b, 0.75
    )
    return align(similarity, words_a, words_b, 0.3, agree)


def test_spun_wire_brief_is_a_paraphrase_of_its_original():
    original, copy = similarity_profile(BRIEF), similarity_profile(SPUN_BRIEF)
    alignment = _alignment(original, copy)
    assert alignment.anchored == 2 and alignment.confirmed == 3  # the third pair shares "Gencorp" and more
    scores = compare(copy, original, flat_idf)
    assert scores.aligned_sentences == ((0, 0), (1, 1), (2, 2))
    assert classify(scores) == "paraphrase"


def test_templated_notice_of_another_company_is_not_a_paraphrase():
    first, second = similarity_profile(DIVIDEND_A), similarity_profile(DIVIDEND_B)
    assert _alignment(first, second).coverage_a == 1.0  # the same sentences...
    scores = compare(first, second, flat_idf)
    assert scores.numbers == 1.0  # ...the same figures...
    assert scores.anchors_kept < 0.9 and classify(scores) != "paraphrase"  # ...another name


def test_alignment_is_skipped_when_the_anchors_already_rule_a_paraphrase_out():
    """Half the cost of a comparison; most candidates are other coverage, which keeps few anchors."""
    scores = compare(similarity_profile(DIVIDEND_A), similarity_profile(DIVIDEND_B), flat_idf)
    assert (scores.alignment, scores.paraphrase, scores.aligned_sentences, scores.query_spans) == (
        0.0,
        0.0,
        (),
        (),
    )
    assert scores.same_story > 0.5  # the other scores are all there


def test_rates_of_another_week_are_not_a_paraphrase():
    """Split into digit runs ("6", "3", "8") both tables hold the same numbers; whole figures differ."""
    scores = compare(similarity_profile(RATES_A), similarity_profile(RATES_B), flat_idf)
    assert scores.anchors_kept == 1.0
    assert scores.numbers < 0.6 and classify(scores) != "paraphrase"


def test_briefs_sharing_only_a_company_name_are_not_paraphrases():
    scores = compare(similarity_profile(EPITOPE_A), similarity_profile(EPITOPE_B), flat_idf)
    assert scores.anchors_kept == 1.0  # "Epitope Inc" / "Epitope" is all either has
    assert scores.paraphrase == 0.0 and classify(scores) != "paraphrase"


def test_figures_are_whole_and_a_hyphen_separates():
    def hashes(*values: str) -> set[int]:
        return set(figures(" ".join(values)).tolist())

    assert set(figures("rose 1/4 point to 6-3/8 pct; 2,500,000 shares").tolist()) == hashes(
        "1/4", "6", "3/8", "2500000"
    )
    # A spinner's "24-year-old" -> "24-12 months-old" keeps the 24.
    assert hashes("24") <= set(figures("a 24-12 months-old striker").tolist())
    assert hashes("4.5") != hashes("4", "5") and len(figures("no digits here")) == 0


def test_filled_pairs_count_as_confirmed_when_they_share_anchors():
    # Sentence 1 of each side holds only "name" (in every sentence: too weak to pick the pair);
    # sentences 0 and 2 hold anchors of their own.
    name, x, y = 1, 2, 3
    anchors = np.array([name, x, name, name, y], dtype=np.uint16)
    sentence_of = np.array([0, 0, 1, 2, 2])
    words = np.array([10.0, 8.0, 12.0])
    similarity, agree = anchor_matrices(anchors, sentence_of, words, anchors, sentence_of, words, 0.75)
    assert similarity[1, 1] < 0.3 and agree[1, 1]
    alignment = align(similarity, words, words, 0.3, agree)
    assert alignment.pairs == ((0, 0), (1, 1), (2, 2))
    assert alignment.anchored == 2 and alignment.confirmed == 3
    assert align(similarity, words, words, 0.3).confirmed == 2  # nothing to confirm with


def test_runs_before_the_first_and_after_the_last_pair_are_filled_only_when_they_match():
    similarity = np.zeros((4, 4))
    similarity[1, 1] = similarity[2, 2] = 1.0
    words = np.array([10.0, 10.0, 10.0, 10.0])
    assert align(similarity, words, words, 0.3).pairs == ((0, 0), (1, 1), (2, 2), (3, 3))
    # One more sentence after the last pair on one side: that run is left alone.
    longer = np.zeros((4, 5))
    longer[1, 1] = longer[2, 2] = 1.0
    assert align(longer, words, np.full(5, 10.0), 0.3).pairs == ((0, 0), (1, 1), (2, 2))
    # A run whose lengths disagree (10 vs 3 words) is not filled either.
    assert align(similarity, words, np.array([3.0, 10.0, 10.0, 10.0]), 0.3).pairs[0] == (1, 1)


@pytest.mark.parametrize(
    "first, second",
    [(BRIEF, SPUN_BRIEF), (DIVIDEND_A, DIVIDEND_B), (RATES_A, RATES_B), (EPITOPE_A, EPITOPE_B)],
    ids=["spun", "dividend", "rates", "epitope"],
)
def test_short_item_verdicts_do_not_depend_on_which_side_is_the_query(first, second):
    forward = compare(similarity_profile(first), similarity_profile(second), flat_idf)
    backward = compare(similarity_profile(second), similarity_profile(first), flat_idf)
    assert classify(forward) == classify(backward)
    for name in ("paraphrase", "numbers", "anchors_kept", "salient_overlap"):
        assert getattr(forward, name) == pytest.approx(getattr(backward, name))
