"""The topic module's own analyzer and hasher must agree with sklearn's HashingVectorizer: the
off-topic verdicts were tuned with sklearn's term ids, and a drift would move them silently."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.feature_extraction.text import HashingVectorizer

from indexer.clean import DEFAULT_SETTINGS, clean_text
from indexer.clean.lines import line_features
from indexer.clean.topic import Fragment, off_topic_segments, off_topic_tail, term_columns, term_count, terms
from indexer.text import normalize
from tests.indexer.test_clean import line_reasons, seed_lines

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "clean"
N_FEATURES = DEFAULT_SETTINGS.topic_n_features


@pytest.fixture(scope="module")
def vectorizer() -> HashingVectorizer:
    return HashingVectorizer(
        n_features=N_FEATURES, stop_words="english", alternate_sign=False, norm=None, dtype=np.float32
    )


def fixture_lines() -> list[str]:
    lines = [line for path in sorted(FIXTURES.glob("*.txt")) for line in path.read_text("utf-8").split("\n")]
    odd = [
        "",
        "a",
        "I'm DON’T İstanbul ﬁne",
        "日本語の文章です。東京",
        "x_y __ 42 4 ßtraße ΣΑΣ",
        "e-mail e‑mail",
    ]
    return lines + [normalize(line) for line in lines] + odd


def test_terms_match_the_vectorizer_analyzer(vectorizer: HashingVectorizer) -> None:
    analyze = vectorizer.build_analyzer()
    for line in fixture_lines():
        assert terms(line) == analyze(line), line


def test_term_ids_match_the_vectorizer_columns(vectorizer: HashingVectorizer) -> None:
    lines = fixture_lines()
    matrix = vectorizer.transform(lines).tocsr()
    for row, line in enumerate(lines):
        ids = term_columns(terms(line), N_FEATURES)
        columns, counts = np.unique(ids, return_counts=True)
        sk = matrix[row]
        order = np.argsort(sk.indices)
        assert columns.tolist() == sk.indices[order].tolist(), line
        assert counts.tolist() == sk.data[order].astype(int).tolist(), line


@given(st.text(max_size=80))
def test_terms_match_the_analyzer_on_any_text(text: str) -> None:
    analyze = HashingVectorizer(stop_words="english").build_analyzer()
    assert terms(text) == analyze(text)


def test_term_count_from_line_words_equals_term_count() -> None:
    for line in fixture_lines():
        f = line_features(line, DEFAULT_SETTINGS)
        expected = term_count(f.low, DEFAULT_SETTINGS)
        assert term_count(f.low, DEFAULT_SETTINGS, f.low_words) == expected == len(terms(f.low)), line


def _paragraphs(path: Path) -> list[str]:
    return [line for line in path.read_text("utf-8").split("\n") if line.strip()]


def _fragments(lines: list[str], start: int, *, prose: bool) -> list[Fragment]:
    """Body fragments of `lines` at page position `start`, after removed clutter unless first."""
    return [
        Fragment(
            start + k,
            line,
            words=term_count(line, DEFAULT_SETTINGS),
            prose_words=term_count(line, DEFAULT_SETTINGS) if prose else 0,
            after_gap=k == 0 and start > 0,  # an "Advertisement" label, a photo credit before it
            headline_like=not prose,
        )
        for k, line in enumerate(lines)
    ]


OTHER_STORIES = [
    line
    for name in ("orchard_frost.txt", "harbour_bridge.txt")
    for line in _paragraphs(FIXTURES.parent / "articles" / name)
]


def test_an_article_split_by_ad_labels_is_measured_against_its_own_prose() -> None:
    """The main stretch is chosen by words and prose words: a stretch of headline-like lines (a
    menu of other stories) with more words than each part of the article must not become the
    reference that the article's parts fail (the menu, off topic line by line, goes)."""
    article = _paragraphs(FIXTURES / "seed_004.txt")[1:7]
    body = _fragments(article[:3], 0, prose=True) + _fragments(article[3:], 3, prose=True)
    body += _fragments(OTHER_STORIES[:6], 6, prose=False)
    menu_words = sum(f.words for f in body[6:])
    assert menu_words > max(sum(f.words for f in body[:3]), sum(f.words for f in body[3:6]))
    assert [(start, end) for start, end, _ in off_topic_segments(body, None, DEFAULT_SETTINGS)] == [(6, 12)]


def test_a_stretch_naming_what_the_headline_names_stays_when_teasers_outweigh_it() -> None:
    """A photo credit cuts the lead from a short article, and teasers of other stories below it
    hold more prose: the lead, sharing the headline's terms, is not judged against them."""
    paragraphs = _paragraphs(FIXTURES / "seed_004.txt")
    headline, article = paragraphs[0], paragraphs[2:3]
    teasers = OTHER_STORIES * 2  # the site prints its list of other stories twice
    body = _fragments(article, 0, prose=True) + _fragments(teasers, len(article), prose=True)
    assert sum(f.prose_words for f in body[len(article) :]) > sum(f.prose_words for f in body[: len(article)])
    assert off_topic_segments(body, None, DEFAULT_SETTINGS) == [(0, len(article), pytest.approx(0, abs=0.05))]
    assert off_topic_segments(body, headline, DEFAULT_SETTINGS) == []


def test_a_long_article_the_prose_test_misreads_stays_the_main_stretch() -> None:
    """Prose is judged by English stop words, so an article in another language may count few
    prose words: a shorter stretch of English prose (a comment form) must not outweigh it."""
    article = _fragments(_paragraphs(FIXTURES / "seed_004.txt")[1:9], 0, prose=False)
    other = _fragments(OTHER_STORIES[:4], len(article), prose=True)
    body = article + other
    assert sum(f.prose_words for f in other) > sum(f.prose_words for f in article)
    assert off_topic_segments(body, None, DEFAULT_SETTINGS) == [
        (len(article), len(body), pytest.approx(0, abs=0.05))
    ]


def test_a_tail_with_more_prose_than_the_text_before_it_is_not_cut() -> None:
    """A long run of other stories' lines (words, no prose) before the article puts the article in
    the second half of the page's words, where the tail is looked for: it must stay."""
    article = _paragraphs(FIXTURES / "seed_004.txt")[1:7]
    others = OTHER_STORIES * 2
    body = _fragments(others, 0, prose=False) + _fragments(article, len(others), prose=True)
    assert sum(f.words for f in body[: len(others)]) * 2 >= sum(f.words for f in body)
    assert off_topic_tail(body, None, DEFAULT_SETTINGS) is None
    # with the same stories written as prose, the first half is the reference and the second is a tail
    prose_first = _fragments(others, 0, prose=True) + _fragments(article, len(others), prose=True)
    assert off_topic_tail(prose_first, None, DEFAULT_SETTINGS) is not None


def test_paragraphs_after_a_removed_caption_are_judged_with_the_article() -> None:
    """A caption removed inside the article starts no appended story: the quoted paragraphs
    under it, in words of their own, stay with the article rather than stand alone as a stretch
    off its topic."""
    body = seed_lines("seed_004.txt")
    quote = [
        (
            'Ms Holloway said: "I would like to emphasise that the injured party has submitted a credible '
            'and reliable version of events."'
        ),
        (
            '"Her statements have been coherent, extensive and detailed; however, my overall assessment is '
            'that the evidential situation has weakened."'
        ),
    ]
    caption = "Media caption Yvette Cooper speaking in the Commons"
    text = "\n".join([*body, caption, *quote])
    result = clean_text(text)
    assert line_reasons(text, result)[caption] == "caption"
    assert result.text == "\n".join([*body, *quote])
