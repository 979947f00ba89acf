"""The one frozen config of everything that changes what is stored in Redis.

Its `version` string is written into the store's manifest; a store written under another
version refuses to open (see `storage.base.ConfigMismatch`) until `syndetect reindex` rebuilds it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from indexer.similarity import PROFILE_VERSION
from indexer.text import NORMALIZATION_VERSION


@dataclass(frozen=True)
class MinHashScheme:
    """One MinHash-LSH family: datasketch permutations plus the banding that indexes them."""

    num_perm: int
    seed: int
    bands: int
    rows: int

    def __post_init__(self) -> None:
        if self.bands * self.rows > self.num_perm:
            raise ValueError(
                f"bands*rows ({self.bands}*{self.rows}) exceeds num_perm ({self.num_perm}); "
                "lower bands or rows, or raise num_perm"
            )


@dataclass(frozen=True)
class IndexConfig:
    """Parameters baked into stored fingerprints; change any of them and the store must be rebuilt."""

    # datasketch >= 2.0 permutation scheme; pinned because hash values carry no trace of it.
    minhash_scheme: str = "affine32"
    # Word 5-gram shingles over the normalised, cleaned body.
    shingle_size: int = 5
    # 42 bands of 3 rows propose pairs down to Jaccard ~0.3 (P=0.68; 0.996 at 0.5), so trimmed and
    # extended copies (Jaccard ~0.5) become candidates; containment verification decides.
    shingles: MinHashScheme = MinHashScheme(num_perm=128, seed=1, bands=42, rows=3)
    # Salient terms (names, numbers, quoted words): 10 bands of 4 rows, P=0.995 at Jaccard 0.8,
    # ~1e-6 for unrelated pairs; proposes reworded copies and same-story coverage.
    salient: MinHashScheme = MinHashScheme(num_perm=40, seed=2, bands=10, rows=4)
    # The lead (first 30 tokens) gets its own 6x3-band MinHash: trimmed copies keep the lead, and a
    # copy trimmed to a quarter has an overall Jaccard (~0.25) the shingle bands rarely propose.
    # 30 tokens, so that even a 20-word brief cut from a wire story shares most of its lead shingles.
    lead: MinHashScheme = MinHashScheme(num_perm=18, seed=3, bands=6, rows=3)
    lead_tokens: int = 30
    normalization: int = NORMALIZATION_VERSION
    # Layout of the stored similarity profile (top terms, title terms, sentence anchors).
    similarity_profile: int = PROFILE_VERSION
    # Width of the hashed term space for TF-IDF (HashingVectorizer-style) and document frequencies.
    term_space_bits: int = 20
    # Bits kept of each stored shingle-signature value (16: b-bit MinHash, half the bytes, the same
    # estimates; 32: datasketch's values as they are). Band keys are derived from the kept bits.
    signature_bits: int = 16
    # Bumped whenever the meaning of a stored field changes without a parameter change above
    # (2: one packed record per article, sharded template counters; see `storage.redis_lua`).
    layout: int = 2

    def __post_init__(self) -> None:
        if self.signature_bits not in (16, 32):
            raise ValueError(f"signature_bits must be 16 or 32, not {self.signature_bits}")

    @property
    def version(self) -> str:
        """Readable, collision-resistant name of this config, written into the store manifest."""
        digest = hashlib.sha1(json.dumps(self.as_dict(), sort_keys=True).encode()).hexdigest()[:10]
        s = self.shingles
        return (
            f"{self.minhash_scheme}-p{s.num_perm}-b{s.bands}x{s.rows}-k{self.shingle_size}"
            f"-n{self.normalization}-l{self.layout}-{digest}"
        )

    def as_dict(self) -> dict:
        return asdict(self)


DEFAULT_CONFIG = IndexConfig()
