"""Line-level speed-ups must not change a verdict: the substring gates in front of the clutter
patterns may only skip lines that the pattern could not match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.clean import DEFAULT_SETTINGS
from indexer.clean.lines import (
    _ANY_ANCHORED,
    _ANY_GATE,
    _PHRASE_RULES,
    _PhraseRule,
    any_substring_pattern,
    first_characters,
    line_features,
    required_substrings,
)
from indexer.clean.template import line_key, normalised_line_key

GATED = [rule for rule in _PHRASE_RULES if rule.gate is not None]


def test_every_unanchored_rule_is_gated() -> None:
    for rule in _PHRASE_RULES:
        assert rule.pattern.pattern.startswith("^") or rule.gate, rule


@pytest.mark.parametrize(
    ("pattern", "needed"),
    [
        (r"\bsign up (for|to)\b", ("sign up ",)),
        (r"e-?mail address", ("mail address",)),
        (r"(©|\(c\) ?(19|20)\d\d|\ball rights reserved)", ("(c)", "all rights reserved", "©")),
        (r"x+yz", ("yz",)),
        (r"(we|i) may be paid", ("may be paid",)),  # no leading space: it would slow the gate
        (r"(photo|photo by|photos)", ("photo",)),
        (r"(abc|\d+)", None),  # one alternative needs no literal
        (r"(?i)abc", None),  # case-insensitive: a substring test would be wrong
    ],
)
def test_required_substrings(pattern: str, needed: tuple[str, ...] | None) -> None:
    assert required_substrings(re.compile(pattern)) == needed


@pytest.mark.parametrize(
    ("pattern", "first"),
    [
        (r"^(a|bc)?d", "abd"),  # an optional group adds its own first characters to the next
        (r"^[a-c]x|^\(q", "(abc"),
        (r"^\bpin (it|this)$", "p"),  # zero-width assertions are skipped
        (r"^\d+ min", None),  # a class: any Unicode digit
        (r"^x?$", None),  # may match the empty line
        (r"^.a", None),
        (r"(?i)^abc", None),
    ],
)
def test_first_characters(pattern: str, first: str | None) -> None:
    assert first_characters(re.compile(pattern)) == first


@pytest.mark.parametrize("rule", GATED, ids=lambda rule: rule.reason)
@given(data=st.data())
def test_gate_passes_every_match(rule: _PhraseRule, data: st.DataObject) -> None:
    text = data.draw(st.from_regex(rule.pattern))
    assert rule.pattern.search(text)
    assert any(s in text for s in rule.gate)
    # the gate never hides a match: only the rule's own `unless` / `only_with` wording decides
    voided = rule.unless is not None and rule.unless.search(text) is not None
    lacking = rule.only_with is not None and rule.only_with.search(text) is None
    assert rule.search(text) is not (voided or lacking)


@pytest.mark.parametrize("rule", GATED, ids=lambda rule: rule.reason)
@given(text=st.text(alphabet="abcdeilmnoprstuy :/()©-", max_size=40))
def test_gated_search_equals_search(rule: _PhraseRule, text: str) -> None:
    assert rule.search(text) == bool(rule.pattern.search(text))


def test_alnum_pattern_is_str_isalnum_on_every_code_point() -> None:
    # normalised_line_key tests for a letter or digit with a regex instead of a per-character
    # generator; the two must agree everywhere for the stored template keys to stay the same.
    pattern = re.compile(r"[^\W_]")
    for code in range(0x110000):
        ch = chr(code)
        assert bool(pattern.match(ch)) == ch.isalnum(), hex(code)


def test_line_key_from_features_equals_line_key() -> None:
    lines = ["", "  ", "Home", "© 2020", "— · —", "x " * 70, "日本語 テキスト", "İstanbul ﬁne “quote”"]
    for line in lines:
        f = line_features(line, DEFAULT_SETTINGS)
        assert normalised_line_key(f.low, f.tokens, DEFAULT_SETTINGS) == line_key(line), line


@given(
    strings=st.lists(st.text(alphabet="ab c(©", min_size=1, max_size=4), max_size=6),
    text=st.text(alphabet="ab c(©", max_size=30),
)
def test_any_substring_pattern_finds_any_of_the_strings(strings: list[str], text: str) -> None:
    assert bool(any_substring_pattern(strings).search(text)) == any(s in text for s in strings)


ANCHORED = [rule for rule in _PHRASE_RULES if rule.gate is None]


@pytest.mark.parametrize("rule", ANCHORED, ids=lambda rule: rule.reason)
@given(data=st.data())
def test_combined_anchored_scan_passes_every_match(rule: _PhraseRule, data: st.DataObject) -> None:
    """pattern_reason skips the "^..." rules when the combined scan fails: it may only fail on
    lines that none of them matches."""
    text = data.draw(st.from_regex(rule.pattern))
    assert rule.pattern.search(text)
    assert _ANY_ANCHORED.match(text)


def test_one_gate_covers_every_gated_rule() -> None:
    for rule in GATED:
        for s in rule.gate:
            assert _ANY_GATE.search(s), s
