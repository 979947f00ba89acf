"""Line-level speed-ups must not change a verdict: the substring gates in front of the clutter
patterns may only skip lines that the pattern could not match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.clean.lines import _PHRASE_RULES, _PhraseRule, required_substrings

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
        (r"(photo|photo by|photos)", ("photo",)),
        (r"(abc|\d+)", None),  # one alternative needs no literal
        (r"(?i)abc", None),  # case-insensitive: a substring test would be wrong
    ],
)
def test_required_substrings(pattern: str, needed: tuple[str, ...] | None) -> None:
    assert required_substrings(re.compile(pattern)) == needed


@pytest.mark.parametrize("rule", GATED, ids=lambda rule: rule.reason)
@given(data=st.data())
def test_gate_passes_every_match(rule: _PhraseRule, data: st.DataObject) -> None:
    text = data.draw(st.from_regex(rule.pattern))
    assert rule.pattern.search(text)
    assert any(s in text for s in rule.gate)
    assert rule.search(text)


@pytest.mark.parametrize("rule", GATED, ids=lambda rule: rule.reason)
@given(text=st.text(alphabet="abcdeilmnoprstuy :/()©-", max_size=40))
def test_gated_search_equals_search(rule: _PhraseRule, text: str) -> None:
    assert rule.search(text) == bool(rule.pattern.search(text))
