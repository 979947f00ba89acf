"""Paraphrase / same-story scoring on the seed reports, plus profile invariants."""

from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.similarity import (
    TERM_SPACE,
    SimilarityProfile,
    classify,
    compare,
    document_terms,
    salient_keys,
    similarity_profile,
)
from indexer.terms import _capitalised_mid_sentence, split_sentences, term_id

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


def test_typographic_punctuation_splits_words_and_quotes():
    text = "Smith\u2019s firm \u201cwill sell\u201d the caf\u00e9 for \u00a35m.\nPrices rose."
    first, second = split_sentences(text)
    assert first.words == 9 and text[first.start : first.end].endswith("5m.")
    assert text[second.start : second.end] == "Prices rose."
    quoted = {term_id("sell")}
    assert quoted <= set(first.anchors) and term_id("firm") not in first.anchors
