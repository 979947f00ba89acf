"""HTML extraction: headline and paragraphs from a made-up page, hostile input, the pool timeout."""

from __future__ import annotations

import time
from pathlib import Path
from types import SimpleNamespace

import lxml.html
import pytest

import indexer.extract as extract_module
from indexer.extract import (
    ExtractedPage,
    ExtractionTimeout,
    ExtractSettings,
    HtmlExtractor,
    _combine_passes,
    _headline,
    _named_clutter,
    extract_page,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "clean"
TITLE = "Starmer orders national grooming gangs operation and statutory inquiry"
PAGE = (FIXTURES / "site_a_courier.html").read_text(encoding="utf-8")
SEED = [line for line in (FIXTURES / "seed_002.txt").read_text(encoding="utf-8").split("\n") if line.strip()]
# A page trafilatura needs seconds for: thousands of paragraphs.
SLOW_PAGE = (
    "<html><body>"
    + "<p>A paragraph of ordinary words that reads like content.</p>" * 40_000
    + "</body></html>"
)


def test_headline_and_one_paragraph_per_line() -> None:
    page = extract_page(PAGE)
    assert page.title == TITLE
    lines = page.text.split("\n")
    assert lines[0] != TITLE, "the headline is returned apart, not repeated in the text"
    assert set(SEED) <= set(lines)


@pytest.mark.parametrize(
    ("title", "site", "text", "headline"),
    [
        (
            "Pier reopens after storm | The Northern Ledger",
            "The Northern Ledger",
            "Crowds...",
            "Pier reopens after storm",
        ),
        ("The Northern Ledger - Pier reopens", "the northern ledger", "Crowds...", "Pier reopens"),
        ("The Northern Ledger", "The Northern Ledger", "Crowds...", None),
        ("Pier reopens | Slow news, told kindly", None, "Pier reopens\nCrowds...", "Pier reopens"),
        # no site name and no matching first line: the title stays whole
        (
            "Mayor - and council - agree budget",
            None,
            "The mayor said...",
            "Mayor - and council - agree budget",
        ),
    ],
)
def test_site_name_is_taken_off_the_title(
    title: str, site: str | None, text: str, headline: str | None
) -> None:
    assert _headline(title, site, text) == headline


GAZETTE = (FIXTURES / "site_c_gazette.html").read_text(encoding="utf-8")
GAZETTE_SEED = [
    line for line in (FIXTURES / "seed_004.txt").read_text(encoding="utf-8").split("\n") if line.strip()
]


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        # a blog's or site's name as the whole title: none of its words is in the article
        ("Quiet Harbour Notes", None),
        # the site's initials after the headline, the site's name unknown
        (f"{GAZETTE_SEED[0]} \u2014 QHN", GAZETTE_SEED[0]),
        # a headline worded apart from the text still shares a word with it ("grooming")
        ("Grooming review reopens old files", "Grooming review reopens old files"),
    ],
)
def test_title_words_absent_from_the_article_are_the_site_name(title: str, headline: str | None) -> None:
    text = "\n".join(GAZETTE_SEED[1:])
    assert _headline(title, None, text) == headline


def test_boxes_named_as_clutter_are_dropped_before_extraction() -> None:
    """A call to act, a sign-up box and a disclosure inside the article (trafilatura alone keeps
    them: it knows none of these names) go; every paragraph of the article stays."""
    page = extract_page(GAZETTE)
    for clutter in ("Running a charity", "community directory", "Gazette supporter", "partner offers"):
        assert clutter not in page.text
    assert set(GAZETTE_SEED[1:]) <= set(page.text.split("\n"))


def test_a_named_box_holding_the_article_stays() -> None:
    """Some sites wrap a whole newsletter issue in "newsletter-body": too long to be a box."""
    body = "".join(f"<p>{line}</p>" for line in GAZETTE_SEED[1:])
    page = extract_page(f'<html><body><div class="newsletter-body">{body}</div></body></html>')
    assert set(GAZETTE_SEED[1:]) <= set(page.text.split("\n"))


@pytest.mark.parametrize(
    ("names", "clutter"),
    [
        ('class="post-cta"', True),
        ('id="headerNewsletter"', True),
        ('class="box sign-up_form"', True),
        ('class="affiliate-disclosure"', True),
        ('class="ctaylor-photo"', False),
        ('class="promotional-feature"', False),
        ('class="elementor-widget-container"', False),
    ],
)
def test_clutter_names_are_whole_name_parts(names: str, clutter: bool) -> None:
    element = lxml.html.fromstring(f"<div {names}>x</div>")
    assert _named_clutter(element) is clutter


TEASER = "Coastal pier reopens after winter storm repairs as crowds gather on the seafront once more."


def test_precision_pass_drops_a_box_the_balanced_pass_keeps() -> None:
    """trafilatura's precision mode drops page-bottom blocks; its text is used when it keeps the
    article (here every paragraph)."""
    paragraphs = "".join(f"<p>{line}</p>" for line in GAZETTE_SEED[1:])
    page = (
        f"<html><head><title>{GAZETTE_SEED[0]}</title></head><body><article><h1>{GAZETTE_SEED[0]}</h1>"
        f'{paragraphs}<div class="article-bottom"><p>{TEASER}</p></div></article></body></html>'
    )
    assert TEASER in extract_page(page, ExtractSettings(precision_min_share=None)).text
    text = extract_page(page).text
    assert TEASER not in text
    assert set(GAZETTE_SEED[1:]) <= set(text.split("\n"))


@pytest.mark.parametrize(
    ("precise_words", "uses_precise"), [(97, True), (150, True), (80, False), (0, False)]
)
def test_precision_text_is_used_only_when_it_keeps_most_words(
    monkeypatch: pytest.MonkeyPatch, precise_words: int, uses_precise: bool
) -> None:
    def fake_extract(decoded: str, options: dict) -> SimpleNamespace:
        words = precise_words if options.get("favor_precision") else 100
        return SimpleNamespace(
            text=" ".join(["precise" if words != 100 else "balanced"] * words), title=None, sitename=None
        )

    monkeypatch.setattr(extract_module, "_extract", fake_extract)
    text = extract_page("<html><body><p>x</p></body></html>", ExtractSettings(precision_min_share=0.95)).text
    assert text.startswith("precise") is uses_precise


# The balanced pass's text around an article of four paragraphs: a label above it, a heading and
# list items inside it, and other stories' titles and a contact line below it. The precision pass
# keeps the paragraphs only.
FRINGED_ABOVE = ["Latest news"]
FRINGED_INSIDE = [
    "How the repairs were paid for",
    "- £2 million from the council",
    "- £500,000 from donations",
]
FRINGED_BELOW = ["Pier cafe reopens for summer", "Council approves seafront budget", "Contact the newsdesk"]


def _fringed_balanced_text(paragraphs: list[str]) -> str:
    return "\n".join(FRINGED_ABOVE + paragraphs[:2] + FRINGED_INSIDE + paragraphs[2:] + FRINGED_BELOW)


def test_the_balanced_text_loses_its_fringe_and_keeps_the_article_between() -> None:
    """Lines at either end that the precision pass dropped and that are not prose go; the
    article's own heading and list items, between witnessed lines, stay."""
    paragraphs = GAZETTE_SEED[1:5]
    text = _combine_passes(_fringed_balanced_text(paragraphs), "\n".join(paragraphs), 0.95, 0.5)
    lines = text.split("\n")
    assert lines == paragraphs[:2] + FRINGED_INSIDE + paragraphs[2:]


def test_prose_only_the_balanced_pass_found_widens_what_stays() -> None:
    """A closing paragraph the precision pass dropped is article text: lines above it stay."""
    paragraphs = GAZETTE_SEED[1:5]
    balanced = _fringed_balanced_text(paragraphs) + "\n" + GAZETTE_SEED[5]
    lines = _combine_passes(balanced, "\n".join(paragraphs), 0.95, 0.5).split("\n")
    assert lines[-1] == GAZETTE_SEED[5]
    assert set(FRINGED_BELOW) <= set(lines)
    assert FRINGED_ABOVE[0] not in lines


def test_a_precision_text_missing_most_of_the_article_witnesses_nothing() -> None:
    """Below `fringe_witness_min_share` of the words the balanced text is used whole."""
    paragraphs = GAZETTE_SEED[1:5]
    balanced = _fringed_balanced_text(paragraphs)
    assert _combine_passes(balanced, paragraphs[0], 0.95, 0.5) == balanced


def test_extract_page_trims_the_fringe_when_the_precision_text_is_short(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    paragraphs = GAZETTE_SEED[1:5]

    def fake_extract(decoded: str, options: dict) -> SimpleNamespace:
        text = "\n".join(paragraphs) if options.get("favor_precision") else _fringed_balanced_text(paragraphs)
        return SimpleNamespace(text=text, title=None, sitename=None)

    monkeypatch.setattr(extract_module, "_extract", fake_extract)
    html = "<html><body><p>x</p></body></html>"
    assert extract_page(html).text.split("\n")[0] == paragraphs[0]
    assert (
        extract_page(html, ExtractSettings(precision_min_share=None)).text.split("\n")[0] == FRINGED_ABOVE[0]
    )


def test_comments_and_footer_are_left_out() -> None:
    text = extract_page(PAGE).text
    assert "nobody did" not in text
    assert "All rights reserved" not in text


def test_bytes_are_decoded() -> None:
    assert extract_page(PAGE.encode("utf-8")).title == TITLE


@pytest.mark.parametrize(
    "junk",
    [
        b"",
        "   ",
        bytes(range(256)) * 2000,
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 10_000,
        "<html><body><p>unclosed <b><i><table><tr><td>cell" + "<div" * 5000,
    ],
)
def test_hostile_input_gives_an_empty_or_partial_page_quickly(junk: str | bytes) -> None:
    started = time.perf_counter()
    page = extract_page(junk)
    assert isinstance(page, ExtractedPage)
    assert time.perf_counter() - started < 5.0


def test_deeply_nested_html_is_bounded() -> None:
    nested = "<html><body>" + "<div>" * 100_000 + "deep text" + "</div>" * 100_000 + "</body></html>"
    started = time.perf_counter()
    extract_page(nested)
    assert time.perf_counter() - started < 5.0


def test_input_is_cut_at_the_size_cap() -> None:
    cut_at = PAGE.index(SEED[3])
    page = extract_page(PAGE, ExtractSettings(max_input_chars=cut_at))
    assert SEED[0] in page.text
    assert SEED[-1] not in page.text


def test_pool_times_out_then_replaces_its_workers() -> None:
    with HtmlExtractor(ExtractSettings(max_workers=1, timeout_seconds=30)) as extractor:
        started = time.perf_counter()
        with pytest.raises(ExtractionTimeout):
            extractor.extract(SLOW_PAGE, timeout=0.2)
        assert time.perf_counter() - started < 2.0
        assert extractor.extract(PAGE).title == TITLE


def test_pool_rejects_bad_settings() -> None:
    with pytest.raises(ValueError, match="max_workers"):
        HtmlExtractor(ExtractSettings(max_workers=0))
