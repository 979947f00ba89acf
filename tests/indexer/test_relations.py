import numpy as np
import pytest

from indexer.relations import CopyEvidence, copy_evidence, copy_relation, relation_score


def _evidence(query_in_match, match_in_query, shared=100.0):
    return CopyEvidence(
        0.0, query_in_match, match_in_query, shared, False, max(query_in_match, match_in_query)
    )


@pytest.mark.parametrize(
    ("query_in_match", "match_in_query", "expected"),
    [
        (0.95, 0.9, "near_duplicate"),
        (0.78, 0.76, "near_duplicate"),  # ~4% of words edited: both sides lose shingles alike
        (0.86, 0.99, "syndicated"),  # extended by a sixth: the original lies wholly in it
        (1.0, 0.5, "syndicated"),  # trimmed copy: all of it lies in the original
        (0.45, 0.98, "syndicated"),  # extended copy: the original lies in it
        (0.3, 0.25, None),
    ],
)
def test_copy_relation_from_containment(query_in_match, match_in_query, expected):
    assert copy_relation(_evidence(query_in_match, match_in_query)) == expected


def test_too_little_shared_text_is_no_copy():
    assert copy_relation(_evidence(1.0, 1.0, shared=3)) is None


def test_containment_estimated_from_signatures_and_sizes():
    rng = np.random.RandomState(0)
    signature = rng.randint(0, 2**32, size=128, dtype=np.uint64).astype(np.uint32)
    half = signature.copy()
    half[64:] += 1  # Jaccard estimate 0.5
    evidence = copy_evidence(half, 100, signature, 200, exact=False)
    assert evidence.jaccard == 0.5
    assert evidence.query_in_match == pytest.approx(1.0)
    assert evidence.match_in_query == pytest.approx(0.5)


def test_scores_order_relations_by_strength():
    ordered = [
        relation_score("exact", 1.0),
        relation_score("near_duplicate", 1.0),
        relation_score("syndicated", 1.0),
        relation_score("paraphrase", 1.0),
        relation_score("same_story", 1.0),
    ]
    assert ordered == sorted(ordered, reverse=True)
    assert len(set(ordered)) == 5


def test_noisy_jaccard_between_very_unequal_texts_is_no_syndication():
    """20 of 128 equal minima between a text and one 4.4 times longer: the point estimate says
    73% containment, but Jaccard 0.10 is as likely; the lower bound keeps it below the threshold."""
    rng = np.random.RandomState(1)
    signature = rng.randint(0, 2**32, size=128, dtype=np.uint64).astype(np.uint32)
    other = signature.copy()
    other[20:] += 1
    evidence = copy_evidence(signature, 100, other, 440, exact=False)
    assert evidence.query_in_match > 0.7
    assert copy_relation(evidence) is None
    trimmed = signature.copy()
    trimmed[32:] += 1  # a quarter-length trim: Jaccard 0.25
    assert copy_relation(copy_evidence(signature, 100, trimmed, 400, exact=False)) == "syndicated"
