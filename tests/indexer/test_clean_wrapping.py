"""Hard-wrapped text (wire copy, e-mail, a page's <pre> block): each paragraph is read as one line."""

from __future__ import annotations

import textwrap
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.clean import DEFAULT_SETTINGS, clean_text, line_keys
from indexer.clean.template import line_key
from indexer.clean.wrapping import joined_line, wrapped_paragraphs
from tests.indexer.test_clean import fixture_text, line_reasons, seed_lines
from tests.indexer.test_clean_properties import assert_rebuilds

ARTICLE = seed_lines("seed_004.txt")  # headline, then one paragraph a line
TEMPLATE_TOP = ["Metro Ledger", "News • Sport • Business • Opinion • Lifestyle", "2 hours ago"]
TEMPLATE_FOOT = [
    "Share on Facebook Share on Twitter",
    "Sign up for our morning newsletter",
    "© 2025 Metro Ledger Ltd. All rights reserved.",
]


def wire_copy(paragraphs: list[str], width: int = 70) -> list[str]:
    """Paragraphs wrapped as a news wire sends them: each opens on an indented line, no blank
    line between them."""
    return [
        line
        for paragraph in paragraphs
        for line in textwrap.wrap(paragraph, width, initial_indent="    ", break_on_hyphens=False)
    ]


def email_copy(paragraphs: list[str], width: int = 72) -> list[str]:
    """Paragraphs wrapped as in a plain-text e-mail: a blank line between them."""
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += [*textwrap.wrap(paragraph, width, break_on_hyphens=False), ""]
    return lines


def test_a_hard_wrapped_article_is_kept_whole_and_its_template_still_goes() -> None:
    for body in (wire_copy(ARTICLE[1:]), email_copy(ARTICLE[1:])):
        text = "\n".join([*TEMPLATE_TOP, ARTICLE[0], *body, *TEMPLATE_FOOT])
        reasons = line_reasons(text, clean_text(text))
        assert [line for line in body if line.strip() and reasons[line]] == []
        assert reasons[ARTICLE[0]] is None
        assert all(reasons[line] for line in TEMPLATE_TOP[1:] + TEMPLATE_FOOT)


def test_wrapped_lines_are_grouped_into_their_paragraphs() -> None:
    paragraphs = ARTICLE[1:6]
    wire = wire_copy(paragraphs)
    groups = [joined_line(wire, p).strip() for p in wrapped_paragraphs(wire, DEFAULT_SETTINGS)]
    assert groups == paragraphs
    # without an indent, a paragraph whose first line ends on a name ("... Police Chiefs'" /
    # "Council (NPCC) ...") may split there, as a headline over its paragraph must: never two
    # paragraphs in one
    email = email_copy(paragraphs)
    groups = [joined_line(email, p) for p in wrapped_paragraphs(email, DEFAULT_SETTINGS)]
    groups = [group for group in groups if group.strip()]
    assert len(groups) < 2 * len(paragraphs)
    assert all(any(group in paragraph for paragraph in paragraphs) for group in groups)


def test_a_headline_over_its_wrapped_paragraph_stays_its_own_line() -> None:
    lines = [
        "The Beginner's Guide to Gym Equipment: Everything You Need to Know",
        *textwrap.wrap(ARTICLE[1] + " " + ARTICLE[2] + " " + ARTICLE[3], 66),
    ]
    assert wrapped_paragraphs(lines, DEFAULT_SETTINGS)[0] == range(1)


def test_lists_and_one_paragraph_a_line_are_not_joined() -> None:
    headlines = [
        "Police chiefs warn of record demand on child protection teams",
        "Council tax bills set to rise by up to five per cent in April",
        "Storm warning issued as heavy rain and gales hit the north west",
        "Train operators announce new timetable after months of delays",
        "Hospital waiting lists fall for the third month in a row, data show",
    ]
    menu_with_a_stray_byline = [
        "Print This Article Share it With Friends",
        "by India Post News Weekly 0 Comments",
        *headlines,
    ]
    items_with_links = [
        "21) Pesca pazza 45 pesci pesciolini gioco da tavolo per bambini",
        "http://amzn.to/2hWbQ1f",
        "22) Hasbro Gaming – L'allegro chirurgo, gioco da tavolo",
        "http://amzn.to/2A6mxCW",
    ]
    for lines in (
        headlines,
        menu_with_a_stray_byline,
        items_with_links,
        ARTICLE,
        fixture_text("site_b_ledger.txt").split("\n"),
    ):
        assert all(len(p) == 1 for p in wrapped_paragraphs(lines, DEFAULT_SETTINGS)), lines[0]


def test_a_list_of_lowercase_items_is_not_a_wrapped_paragraph() -> None:
    """Items without bullets may open lowercase, but only a few run near the longest one's
    width; wrapped lines nearly all do."""
    items = [
        "any fish (sea or river, fresh or frozen, grilled or steamed)",
        "any poultry (including game)",
        "eggs in any form",
        "cabbage",
        "courgettes",
        "peas and beans",
        "any seafood (limit the oysters and mussels to a few a week)",
        "onions",
        "sour cream (a low-fat version)",
    ]
    lines = [*email_copy(ARTICLE[1:4]), *items]
    paragraphs = wrapped_paragraphs(lines, DEFAULT_SETTINGS)
    assert any(len(p) > 1 for p in paragraphs)  # the wrapped paragraphs above are joined
    assert all(len(p) == 1 for p in paragraphs if p.start >= len(lines) - len(items))


def test_a_line_opening_with_a_hyphenated_word_carries_on_the_sentence() -> None:
    lines = [
        "The report highlighted depressed household spending in Germany and the",
        "eurozone's reliance on export-led growth, and warned that such an",
        "over-reliance on exports would leave the region exposed to a slowdown in",
        "world trade, economists at the bank said on Thursday.",
    ]
    assert wrapped_paragraphs(lines, DEFAULT_SETTINGS) == [range(4)]


def test_a_wrapped_headline_given_as_title_is_reported_whole() -> None:
    title = "Home Secretary unveils new measures to tackle grooming gangs and orders a national audit"
    lines = [*textwrap.wrap(title, 60), *email_copy(ARTICLE[1:8], 60)]
    assert lines[1][:1].islower()  # the title wraps mid-sentence
    text = "\n".join(lines)
    result = clean_text(text, title=title)
    assert result.headline == (0, len(lines[0]) + 1 + len(lines[1]))
    assert result.body == result.text.split("\n", 2)[2]


def test_a_wrapped_template_paragraph_is_counted_as_one_line() -> None:
    """The per-source template counts see the lines the cleaner reads: a wrapped standing
    footer is one candidate line, not three fragments."""
    footer = (
        "Our journalism is funded by readers like you: support the Ledger from as little as one"
        " pound a month and help keep our reporting free for everyone who needs it."
    )
    lines = email_copy([ARTICLE[5], ARTICLE[6], footer])
    footer_lines = textwrap.wrap(footer, 72, break_on_hyphens=False)
    assert len(footer_lines) > 1
    keys = line_keys("\n".join(lines))
    assert line_key(footer) in keys
    assert not {line_key(line) for line in footer_lines} & set(keys)


words = st.sampled_from(" ".join(ARTICLE).split() + ["and", "the", "of", "it", "was"])
paragraphs_strategy = st.lists(st.lists(words, min_size=3, max_size=80).map(" ".join), min_size=1, max_size=8)


@settings(max_examples=150, deadline=None)
@given(paragraphs_strategy, st.integers(40, 100), st.booleans(), st.sampled_from(TEMPLATE_TOP + [""]))
def test_wrapped_text_and_spans_rebuild_the_input(
    paragraphs: list[str], width: int, wire: bool, clutter: str
) -> None:
    body = wire_copy(paragraphs, width) if wire else email_copy(paragraphs, width)
    text = "\n".join([clutter, *body])
    assert_rebuilds(text, clean_text(text))
    assert_rebuilds(text, clean_text(text, title=paragraphs[0][:90]))


def test_a_five_megabyte_wrapped_page_is_bounded() -> None:
    body = "\n".join(email_copy(ARTICLE[1:], 70))
    page = "\n".join([body] * (5_000_000 // len(body) + 1))
    started = time.perf_counter()
    result = clean_text(page)
    assert time.perf_counter() - started < 5.0
    assert_rebuilds(page, result)
