import numpy as np
from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.config import DEFAULT_CONFIG, IndexConfig, MinHashScheme
from indexer.fingerprint import Fingerprinter, shingle_hashes, token_hashes
from indexer.text import normalize, token_bytes, tokenize


def test_signature_equals_datasketch_affine32_update_batch():
    hasher = Fingerprinter(DEFAULT_CONFIG).shingle_hasher
    hashes = np.random.RandomState(7).randint(0, 2**32, size=500, dtype=np.uint64).astype(np.uint32)
    reference = MinHash(num_perm=128, seed=1, scheme="affine32", hashfunc=lambda value: value)
    reference.update_batch([int(h) for h in hashes])
    assert np.array_equal(hasher.signature(hashes), reference.hashvalues)


def test_reformatted_copy_has_same_fingerprint():
    fingerprinter = Fingerprinter(DEFAULT_CONFIG)
    original = "The minister said: \u201cWe won\u2019t wait.\u201d\n\nPrices rose 3% \u2014 again."
    retyped = 'the  minister said: "we won\'t wait."   prices rose 3% - again.'
    a, b = fingerprinter.fingerprint(original), fingerprinter.fingerprint(retyped)
    assert a.content_hash == b.content_hash
    assert np.array_equal(a.signature, b.signature)


def test_shingles_are_word_ngrams_and_short_texts_get_one():
    hashed = token_hashes([b"a", b"b", b"c", b"d", b"e", b"f"])
    assert len(shingle_hashes(hashed, 5)) == 2
    assert len(shingle_hashes(hashed[:3], 5)) == 1
    assert len(shingle_hashes(hashed[:0], 5)) == 0


def test_jaccard_estimate_tracks_true_jaccard():
    fingerprinter = Fingerprinter(DEFAULT_CONFIG)
    words = [f"w{i}" for i in range(2000)]
    a = fingerprinter.fingerprint(" ".join(words[:1000]))
    b = fingerprinter.fingerprint(" ".join(words[500:1500]))  # true 5-gram Jaccard ~ 496/1504
    estimate = np.mean(a.signature == b.signature)
    assert abs(estimate - 496 / 1504) < 0.12


def test_band_keys_depend_on_band_position():
    hasher = Fingerprinter(DEFAULT_CONFIG).shingle_hasher
    keys = hasher.band_keys(np.zeros(128, dtype=np.uint32))
    assert len(set(keys.tolist())) == DEFAULT_CONFIG.shingles.bands


def test_config_version_changes_with_stored_parameters():
    other = IndexConfig(shingles=MinHashScheme(num_perm=128, seed=1, bands=32, rows=4))
    assert other.version != DEFAULT_CONFIG.version
    assert IndexConfig().version == DEFAULT_CONFIG.version


@settings(max_examples=300)
@given(st.text())
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=300)
@given(st.text())
def test_fast_tokeniser_agrees_with_regex(text):
    normalized = normalize(text)
    assert token_bytes(normalized) == [t.encode("utf-8") for t in tokenize(normalized)]
