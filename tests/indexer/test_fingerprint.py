from pathlib import Path

import numpy as np
import pytest
import xxhash
from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer import fingerprint as fingerprint_module
from indexer.config import DEFAULT_CONFIG, IndexConfig, MinHashScheme
from indexer.fingerprint import Fingerprinter, shingle_hashes, token_hashes
from indexer.text import normalize, token_bytes, tokenize

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
needs_native = pytest.mark.skipif(fingerprint_module.native is None, reason="the C kernel was not built")


@pytest.fixture(params=["native", "numpy"])
def kernel(request, monkeypatch):
    """Each test so marked runs with the C kernel and with the numpy path (an install without a
    C compiler)."""
    if request.param == "numpy":
        monkeypatch.setattr(fingerprint_module, "native", None)
    elif fingerprint_module.native is None:
        pytest.skip("the C kernel was not built")


def _fingerprint_fields(fingerprint):
    return (
        fingerprint.content_hash,
        fingerprint.shingle_count,
        fingerprint.signature.dtype,
        fingerprint.signature.tobytes(),
        fingerprint.band_keys.tobytes(),
        fingerprint.lead_keys.tobytes(),
    )


def test_signature_equals_datasketch_affine32_update_batch():
    hasher = Fingerprinter(DEFAULT_CONFIG).shingle_hasher
    hashes = np.random.RandomState(7).randint(0, 2**32, size=500, dtype=np.uint64).astype(np.uint32)
    reference = MinHash(num_perm=128, seed=1, scheme="affine32", hashfunc=lambda value: value)
    reference.update_batch([int(h) for h in hashes])
    assert np.array_equal(hasher.signature(hashes), reference.hashvalues)


@needs_native
def test_native_signature_equals_datasketch_over_the_shingle_hashes():
    hasher = Fingerprinter(DEFAULT_CONFIG).shingle_hasher
    tokens = [f"word{i % 97}".encode() for i in range(400)]
    count, signature, _ = hasher.of_tokens(tokens, len(tokens), 5)
    shingles = shingle_hashes(token_hashes(tokens), 5)
    reference = MinHash(num_perm=128, seed=1, scheme="affine32", hashfunc=lambda value: value)
    reference.update_batch([int(h) for h in shingles])
    assert count == len(shingles) == 97
    assert np.array_equal(signature, reference.hashvalues)


def test_token_hashes_are_xxh32():
    tokens = [b"", b"a", b"abcd", b"fifteen bytes!!", b"sixteen bytes!!!", "stra\u00dfe".encode(), b"x" * 100]
    assert token_hashes(tokens).tolist() == [xxhash.xxh32_intdigest(t) for t in tokens]


def _texts_of_every_shape() -> list[str]:
    articles = [path.read_text() for path in sorted((FIXTURES / "articles").glob("*.txt"))]
    assert articles, "fixtures/articles holds the sample articles"
    short = ["", "one", "two words", "a b c d", "a b c d e", " ".join(f"t{i}" for i in range(31))]
    non_ascii = [
        "Stra\u00dfe \u0130stanbul \u03a3\u0391\u03a3 caf\u00e9 \u201cquoted\u201d \u2014 12\u00a0500"
    ]
    long_tokens = ["x" * 5000 + " y " + "z" * 17]
    return articles + short + non_ascii + long_tokens


@needs_native
def test_native_kernel_and_numpy_path_give_the_same_fingerprints(monkeypatch):
    fingerprinter = Fingerprinter(DEFAULT_CONFIG)
    texts = _texts_of_every_shape()
    native = [_fingerprint_fields(fingerprinter.fingerprint(text)) for text in texts]
    monkeypatch.setattr(fingerprint_module, "native", None)
    assert [_fingerprint_fields(fingerprinter.fingerprint(text)) for text in texts] == native


@needs_native
@settings(max_examples=200, deadline=None)
@given(st.text(), st.integers(min_value=1, max_value=40))
def test_native_and_numpy_salient_keys_agree(text, count):
    fingerprinter = Fingerprinter(DEFAULT_CONFIG)
    hashes = token_hashes(token_bytes(normalize(text)))[:count].astype(np.uint32)
    native = fingerprinter.salient_band_keys(hashes)
    fingerprint_module.native, saved = None, fingerprint_module.native
    try:
        assert np.array_equal(fingerprinter.salient_band_keys(hashes), native)
    finally:
        fingerprint_module.native = saved


@pytest.mark.usefixtures("kernel")
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


@pytest.mark.usefixtures("kernel")
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
