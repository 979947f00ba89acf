"""Shingle hashes, MinHash signatures and LSH band keys, vectorised with numpy.

The permutations and the `affine32` scheme are datasketch's own (taken from a
`datasketch.MinHash`), so a signature here equals `MinHash.update_batch` over the same
32-bit shingle hashes (pinned by a test); only the per-shingle Python work is gone: tokens are
hashed once and word n-grams are combined as integers, never built as strings.

The C kernel `indexer._minhash` does the same arithmetic from the token list to the band keys
in one call (~70 us less per article than numpy's per-call overhead on a few hundred values). It
is built at install when a C compiler is there; without it the numpy functions below give the
same bytes (tests compare both).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
import xxhash
from datasketch import MinHash

from indexer.config import IndexConfig, MinHashScheme
from indexer.sorted_arrays import distinct
from indexer.text import normalize, token_bytes

try:
    from indexer import _minhash as native
except ImportError:  # installed without a C compiler: the numpy path, same numbers
    native = None

_U32 = np.uint32
_U64 = np.uint64
_EMPTY = np.iinfo(np.uint32).max
# Odd 64-bit multipliers that position each token of an n-gram (n <= 16).
_POSITION_MULTIPLIERS = np.random.RandomState(0x5EED).randint(0, 1 << 62, size=16, dtype=np.uint64) * _U64(
    2
) + _U64(1)


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3 32-bit finalizer, as datasketch applies it before the affine32 permutations."""
    h = h ^ (h >> _U32(16))
    h = h * _U32(0x85EBCA6B)
    h = h ^ (h >> _U32(13))
    h = h * _U32(0xC2B2AE35)
    return h ^ (h >> _U32(16))


def _fmix64(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> _U64(33))
    h = h * _U64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> _U64(33))
    h = h * _U64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> _U64(33))


def fold16(signature: np.ndarray) -> np.ndarray:
    """b-bit MinHash (Li & Koenig): keep 16 bits of each value, both halves folded in. Two unequal
    values collide with probability 2**-16, so Jaccard estimates move by ~1e-5 while the stored
    signature halves."""
    return (signature ^ (signature >> _U32(16))).astype(np.uint16)


def token_hashes(tokens: list[bytes]) -> np.ndarray:
    """Stable 32-bit hash of each token (as uint64 for the n-gram arithmetic)."""
    return np.fromiter(map(xxhash.xxh32_intdigest, tokens), dtype=np.uint64, count=len(tokens))


def shingle_hashes(hashed_tokens: np.ndarray, size: int) -> np.ndarray:
    """Distinct 32-bit hashes of the word `size`-grams; a text shorter than that is one shingle."""
    n = len(hashed_tokens)
    if n == 0:
        return np.empty(0, dtype=_U32)
    width = min(size, n)
    count = n - width + 1
    with np.errstate(over="ignore"):
        combined = np.zeros(count, dtype=_U64)
        for offset in range(width):
            combined += hashed_tokens[offset : offset + count] * _POSITION_MULTIPLIERS[offset]
        folded = (combined >> _U64(32)) ^ (combined & _U64(0xFFFFFFFF))
    return distinct(folded.astype(_U32))


class MinHasher:
    """MinHash signatures and band keys for one `MinHashScheme`."""

    def __init__(self, scheme: MinHashScheme, minhash_scheme: str = "affine32"):
        if minhash_scheme != "affine32":
            raise ValueError(f"only datasketch's 'affine32' scheme is implemented, not {minhash_scheme!r}")
        self.scheme = scheme
        reference = MinHash(num_perm=scheme.num_perm, seed=scheme.seed, scheme=minhash_scheme)
        self._a, self._b = (np.asarray(p, dtype=_U32) for p in reference.permutations)
        band_seed = np.random.RandomState(scheme.seed + 0xBA4D)
        self._row_multipliers = band_seed.randint(0, 1 << 62, size=scheme.rows, dtype=np.uint64) * _U64(
            2
        ) + _U64(1)
        self._band_salts = band_seed.randint(0, 1 << 62, size=scheme.bands, dtype=np.uint64)

    def signature(self, hashes: np.ndarray) -> np.ndarray:
        """uint32 signature of a set of uint32 feature hashes (all-max for the empty set)."""
        if len(hashes) == 0:
            return np.full(self.scheme.num_perm, _EMPTY, dtype=_U32)
        mixed = _fmix32(np.asarray(hashes, dtype=_U32))
        with np.errstate(over="ignore"):
            permuted = mixed[:, None] * self._a[None, :] + self._b[None, :]
        return permuted.min(axis=0)

    def band_keys(self, signature: np.ndarray) -> np.ndarray:
        """One uint64 key per band; equal keys mean the band's rows are all equal."""
        s = self.scheme
        rows = signature[: s.bands * s.rows].astype(_U64).reshape(s.bands, s.rows)
        with np.errstate(over="ignore"):
            combined = (rows * self._row_multipliers[None, :]).sum(axis=1, dtype=_U64) + self._band_salts
        return _fmix64(combined)

    def of_tokens(
        self, tokens: list[bytes], limit: int, size: int, bits: int = 32
    ) -> tuple[int, np.ndarray, np.ndarray]:
        """(distinct shingles, signature, band keys) of the word `size`-grams of the first `limit`
        tokens; a 16-bit signature is `fold16`ed before its band keys are taken."""
        if native is not None:
            count, signature, keys = native.shingles(
                tokens,
                limit,
                size,
                _POSITION_MULTIPLIERS,
                self._a,
                self._b,
                self._row_multipliers,
                self._band_salts,
                bits == 16,
            )
            return (
                count,
                np.frombuffer(signature, np.uint16 if bits == 16 else _U32),
                np.frombuffer(keys, _U64),
            )
        shingles = shingle_hashes(token_hashes(tokens[:limit]), size)
        signature = self.signature(shingles)
        if bits == 16:
            signature = fold16(signature)
        return len(shingles), signature, self.band_keys(signature)

    def of_hashes(self, hashes: np.ndarray) -> np.ndarray:
        """Band keys of a set of uint32 feature hashes."""
        if native is not None:
            _, keys = native.hashes(
                np.ascontiguousarray(hashes, dtype=_U32),
                self._a,
                self._b,
                self._row_multipliers,
                self._band_salts,
                False,
            )
            return np.frombuffer(keys, _U64)
        return self.band_keys(self.signature(hashes))


@dataclass(frozen=True)
class Fingerprint:
    """What the copy relations are decided on: exact hash, shingle-set size and signature."""

    content_hash: bytes
    shingle_count: int
    signature: np.ndarray  # uint16 or uint32 per `IndexConfig.signature_bits`; band keys come from it
    band_keys: np.ndarray
    lead_keys: np.ndarray  # LSH keys of the lead's shingles; stored, since the signature cannot give them

    @property
    def exact_key(self) -> int:
        """A band-like key shared exactly by bodies that normalise to the same text."""
        return int.from_bytes(self.content_hash, "big")

    @cached_property
    def copy_keys(self) -> np.ndarray:
        """Every key that proposes copy candidates: shingle bands, the exact key, lead bands."""
        return np.concatenate([self.band_keys, np.array([self.exact_key], dtype=_U64), self.lead_keys])


class Fingerprinter:
    """Turns cleaned article text into a `Fingerprint` under one `IndexConfig`."""

    def __init__(self, config: IndexConfig):
        self.config = config
        self.shingle_hasher = MinHasher(config.shingles, config.minhash_scheme)
        self.salient_hasher = MinHasher(config.salient, config.minhash_scheme)
        self.lead_hasher = MinHasher(config.lead, config.minhash_scheme)

    def fingerprint(self, text: str) -> Fingerprint:
        normalized = normalize(text)
        tokens = token_bytes(normalized)
        size = self.config.shingle_size
        count, signature, band_keys = self.shingle_hasher.of_tokens(
            tokens, len(tokens), size, self.config.signature_bits
        )
        lead_count, _, lead_keys = self.lead_hasher.of_tokens(tokens, self.config.lead_tokens, size)
        return Fingerprint(
            content_hash=xxhash.xxh3_64_digest(normalized.encode("utf-8")),
            shingle_count=count,
            signature=signature,
            band_keys=band_keys,
            lead_keys=lead_keys if lead_count else np.empty(0, _U64),
        )

    def fingerprint_from_stored(
        self, content_hash: bytes, shingle_count: int, signature: np.ndarray, lead_keys: np.ndarray
    ) -> Fingerprint:
        """Rebuild a stored article's fingerprint (shingle band keys are derived, not stored)."""
        return Fingerprint(
            content_hash, shingle_count, signature, self.shingle_hasher.band_keys(signature), lead_keys
        )

    def salient_band_keys(self, salient_hashes: np.ndarray) -> np.ndarray:
        if len(salient_hashes) == 0:
            return np.empty(0, dtype=_U64)
        return self.salient_hasher.of_hashes(salient_hashes)


@lru_cache(maxsize=4)
def fingerprinter_for(config: IndexConfig) -> Fingerprinter:
    """Fingerprinters hold only immutable permutation tables, so one per config is shared."""
    return Fingerprinter(config)
