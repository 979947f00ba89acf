"""Copy relations from shingle evidence, and the score that orders every relation.

A single Jaccard threshold cannot tell a trimmed wire copy from noise (its Jaccard is ~0.5), so
the copy relations are decided on containment both ways, estimated from the MinHash Jaccard and
the two shingle-set sizes: |A & B| = J (|A| + |B|) / (1 + J).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

Relation = Literal["exact", "near_duplicate", "syndicated", "paraphrase", "same_story"]
COPY_RELATIONS: frozenset[str] = frozenset({"exact", "near_duplicate", "syndicated", "paraphrase"})


@dataclass(frozen=True)
class CopyThresholds:
    """Documented in the README; every copy-relation threshold lives here."""

    # Both texts lie this much inside each other: the same text with small edits or clutter
    # (4% of words edited already costs ~20% of the 5-grams)...
    near_duplicate_containment: float = 0.7
    # ...and about equally: edits lose shingles on both sides, whereas a copy extended or trimmed
    # by a tenth or more lies wholly in one direction only (that is `syndicated`).
    near_duplicate_max_asymmetry: float = 0.1
    # One text lies this much inside the other: trimmed, extended or re-headlined copy.
    syndicated_containment: float = 0.6
    # Fewer shared shingles than this is too little evidence for any copy relation
    # (short items such as one-line market briefs share boilerplate phrasing).
    min_shared_shingles: float = 12.0
    # `syndicated` is decided on containment from a lower confidence bound of the Jaccard estimate
    # (this many standard errors below it): when one text is several times longer, containment
    # amplifies the estimate's noise, and a Jaccard of 0.10 read as 0.16 would look like 70%.
    containment_confidence_z: float = 1.5


DEFAULT_COPY_THRESHOLDS = CopyThresholds()


@dataclass(frozen=True)
class CopyEvidence:
    jaccard: float
    query_in_match: float  # share of the query's shingles found in the match
    match_in_query: float  # share of the match's shingles found in the query
    shared_shingles: float
    exact: bool
    # Containment of the more contained side, from a lower confidence bound of the Jaccard.
    containment_lower: float = 0.0


def _shared(jaccard: float, query_count: int, match_count: int) -> float:
    return jaccard * (query_count + match_count) / (1.0 + jaccard)


def copy_evidence(
    query_signature: np.ndarray,
    query_count: int,
    match_signature: np.ndarray,
    match_count: int,
    exact: bool,
    thresholds: CopyThresholds = DEFAULT_COPY_THRESHOLDS,
) -> CopyEvidence:
    """Estimate Jaccard and containment both ways from two MinHash signatures and set sizes."""
    if exact:
        return CopyEvidence(1.0, 1.0, 1.0, float(query_count), True, 1.0)
    if query_count == 0 or match_count == 0:
        return CopyEvidence(0.0, 0.0, 0.0, 0.0, False)
    permutations = len(query_signature)
    jaccard = float(np.count_nonzero(query_signature == match_signature)) / permutations
    shared = _shared(jaccard, query_count, match_count)
    error = math.sqrt(jaccard * (1.0 - jaccard) / permutations)
    shared_lower = _shared(
        max(0.0, jaccard - thresholds.containment_confidence_z * error), query_count, match_count
    )
    return CopyEvidence(
        jaccard=jaccard,
        query_in_match=min(1.0, shared / query_count),
        match_in_query=min(1.0, shared / match_count),
        shared_shingles=shared,
        exact=False,
        containment_lower=min(1.0, shared_lower / min(query_count, match_count)),
    )


def copy_relation(
    evidence: CopyEvidence, thresholds: CopyThresholds = DEFAULT_COPY_THRESHOLDS
) -> Relation | None:
    if evidence.exact:
        return "exact"
    if evidence.shared_shingles < thresholds.min_shared_shingles:
        return None
    low = min(evidence.query_in_match, evidence.match_in_query)
    high = max(evidence.query_in_match, evidence.match_in_query)
    if low >= thresholds.near_duplicate_containment and high - low <= thresholds.near_duplicate_max_asymmetry:
        return "near_duplicate"
    if evidence.containment_lower >= thresholds.syndicated_containment:
        return "syndicated"
    return None


# Each relation scores inside its own band, so sorting by score sorts by relation strength first.
_SCORE_BANDS: dict[str, tuple[float, float]] = {
    "exact": (1.0, 1.0),
    "near_duplicate": (0.8, 1.0),
    "syndicated": (0.6, 0.8),
    "paraphrase": (0.4, 0.6),
    "same_story": (0.0, 0.4),
}


def relation_score(relation: Relation, strength: float) -> float:
    """Map a relation and its evidence strength in [0, 1] to the match score (see README)."""
    low, high = _SCORE_BANDS[relation]
    strength = min(1.0, max(0.0, strength))
    score = low + (high - low) * strength
    # Only an exact copy reaches 1.0.
    return round(score if relation == "exact" else min(score, high - 1e-6), 6)
